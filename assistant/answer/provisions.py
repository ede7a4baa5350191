"""Answers to a question that names a provision: the article, section, rule or paragraph itself, quoted and cited.

"¿Qué dice el artículo 59 de la Ley Aduanera?", "LIVA 28-A", "19 USC 4531(c)": the provision is found by its key
(:mod:`assistant.lookup`), not by similarity, and the answer quotes the law as published — its opening up to
:data:`MAX_QUOTE_WORDS`, then the passages of it that bear most on the rest of the question — under the citation a
lawyer would write ("Ley Aduanera, art. 59, p. 45 (última reforma DOF 19-11-2025)"). A provision that is not in the
text on file is said plainly. Pure: the chunks, the query terms and the optional sentence encoder are passed in.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Sequence

import numpy as np

from assistant.answer.fit import asks_period, holds_answer, states_period
from assistant.answer.list_items import announcements, read_with_announcement
from assistant.answer.question import analyze
from assistant.legal_refs import law_by_id
from assistant.lookup import Lookup
from assistant.ref_index import RefIndex
from assistant.models import Chunk
from assistant.text import fold, split_sentences, words

MAX_QUOTE_WORDS = 200  # the provision's opening quoted as is
MAX_EXTRA = 3  # further pieces of it that answer the rest of the question
YEAR_BONUS = 0.5  # added to a piece's share of the question's words when it names a year the question names
PERIOD_BONUS = 0.5  # … when it states a period of time and the question asks for one ("time limits", "plazo")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
LEAD_MARGIN = 0.25  # a later piece is quoted first when it bears on the question by this much more than the opening
ANSWER_BONUS = 0.3  # … counting this much more for stating what a figure, date or period question asks for
LEAD_WORDS = 80  # … cut at this many words
MAX_FOLLOWING = 3  # a named part's sentences after its first read for the figure asked
IN_CONTEXT = {"en": "In context:", "es": "En contexto:"}  # before the quote, after a lead piece
MAX_PROVISIONS = 2  # provisions quoted in one answer
MAX_ENCODED = 8  # pieces re-ranked by meaning (one small batch through the encoder)…
ENCODED_WORDS = 20  # … by their opening words: a legal sentence can run to 200 words

# A provision's text is cut at sentence ends and before each fracción ("; II. …") or inciso ("; b) …"), so a quote
# never starts or stops in the middle of one.
# (the LFT writes its fracciones "XXVII Bis.-", "XXVIII.-")
_FRACTION_LABEL = r"[IVXLC]+(?:\s+(?:Bis|Ter|BIS|TER))?\.-?"
# a piece ends at a label that opens the next item: after ";", ":" or ".", or after a list's ", and" / "; or" ("…
# classified as an assembled good pursuant to rule 2(a), and (C) the regional value content …")
_ITEM_LABEL = rf"(?:{_FRACTION_LABEL}|[a-z]\)|\((?:[a-z]|[ivx]+|\d{{1,2}}|[A-Z])\))"  # "II.", "b)", "(iv)", "(C)"
_PIECE_BREAK = re.compile(rf"(?:(?<=[;:.])|(?<=[,;] and)|(?<=[,;] or)|(?<=[,;] y)|(?<=[,;] o))\s+(?={_ITEM_LABEL}\s)")
_TRAILING_LABEL = re.compile(rf"(?<=[;:])\s+({_FRACTION_LABEL}|[a-z]\))$")
_LABEL_ONLY = re.compile(rf"^(?:(?:ART[ÍI]CULO|Art[íi]culo)\s+\d+\S*(?:\s+(?:Bis|Ter|BIS|TER))?\s*[.\-–]*|{_FRACTION_LABEL}|"
                         r"\d{1,3}\.|[a-z]\)|\([a-z0-9]{1,4}\))$")
_REFERENCE_WORDS = frozenset(
    "what does say says quote text article articulo artículo section seccion rule regla paragraph fraccion fracción "
    "que qué dice dicen establece law ley of de del la el the in en a an and y cita citar show me muestra please "
    "por favor full completo gn usc u.s.c hts htsus la lft lisr liva lss gri".split()
)


@dataclass(frozen=True)
class Provision:
    """A provision the question named, and the chunks that hold it (document order); none when not on file."""

    label: str  # "Ley Aduanera, art. 59" — what the visitor asked for, for the not-found sentence
    chunks: tuple[Chunk, ...]
    lookup: Lookup | None = None


# The Cámara de Diputados' editorial notes under a provision ("Párrafo reformado DOF 25-06-2018", "Artículo
# adicionado DOF 01-05-2019, 30-11-2012"): not the law's words, left out of a quote.
_OPENING_LABEL = re.compile(
    r"^(?:(?:ART[ÍI]CULO|Art[íi]culo)\s+\d+[oº°]?(?:-?[A-Z]\b|\s+(?:Bis|Ter|BIS|TER)\b)?\.?"
    r"(?:\s*\((?:continuación|continued)\))?\s*[.\-–—]*"
    r"|19 U\.S\.C\. § \d+(?:\([a-z0-9]+\))*\s*\(continued\)"
    r"|General Note \d+(?:\([a-z]+\))?\s*\(continued\))\s+")
_CONTINUED = re.compile(r"^\s*(?:(?:ART[ÍI]CULO|Art[íi]culo)\s+\d+\S*(?:\s+(?:Bis|Ter|BIS|TER))?|19 U\.S\.C\. § \d+\S*|"
                        r"General Note \d+\S*)\s*\((?:continuación|continued)\)\s*")
_REFORM_NOTE = re.compile(
    r"^[ \t]*(?:(?:Primer|Segundo|Tercer|Cuarto|Quinto|Último|Ultimo)\s+)?(?:Párrafo|Parrafo|Artículo|Articulo|Fracción|"
    r"Fraccion|Inciso|Apartado|Numeral|Cap[íi]tulo|Secci[óo]n|T[íi]tulo|Denominaci[óo]n|Fe de erratas|Reforma)"
    r"[^\n]{0,60}?(?:(?:reformad|adicionad|derogad|recorrid)[oa]s?|reform[óo]|adicion[óo]|derog[óo])\b[^\n]*"
    r"(?:\n[ \t]*(?:\d{2}-\d{2}-\d{4}[, ]*)+)*$",
    re.MULTILINE | re.IGNORECASE)


def pieces(text: str) -> list[str]:
    """The provision's text in quotable pieces: sentences, and fracciones / incisos on their own (editorial notes
    on its reforms left out). Split once per text: the same articles are quoted, and their lead weighed, again and
    again."""
    return list(_pieces(text))


@lru_cache(maxsize=2048)
def _pieces(text: str) -> tuple[str, ...]:
    out: list[str] = []
    label = ""
    text = _CONTINUED.sub("", text, count=1)  # our chunker's label on a provision's later part, not the law's text
    for sentence in split_sentences(_REFORM_NOTE.sub("", text)):
        # the sentence splitter ends a sentence at the next fracción's label ("… cinco días hábiles; II."):
        # the label goes with the text after it
        trailing = _TRAILING_LABEL.search(sentence)
        next_label = trailing.group(1) if trailing else ""
        sentence = sentence[:trailing.start()] if trailing else sentence
        for piece in (p.strip() for p in _PIECE_BREAK.split(sentence) if p.strip()):
            if _LABEL_ONLY.match(piece):  # "ARTICULO 108." or "II." cut off by the sentence splitter
                label = f"{label} {piece}".strip()
                continue
            out.append(f"{label} {piece}".strip() if label else piece)
            label = ""
        label = f"{label} {next_label}".strip()
    if label:
        out.append(label)
    return tuple(out)


@lru_cache(maxsize=8192)
def stems(text: str) -> frozenset[str]:
    """The text's word stems (folded, first six letters), remembered: a law's pieces are compared with question
    after question."""
    return frozenset(fold(w)[:6] for w in words(text) if len(w) > 2 and fold(w) not in _REFERENCE_WORDS)


@lru_cache(maxsize=64)
def _law_name_stems(doc_id: str) -> frozenset[str]:
    """The stems of every name the law goes by ("Income Tax Law", "Ley del Impuesto sobre la Renta", "ISR law")."""
    law = law_by_id(doc_id)
    return frozenset().union(*(stems(name) for name in law.names)) if law is not None else frozenset()


def clip(text: str, limit: int) -> str:
    cut = text.split()
    return text if len(cut) <= limit else " ".join(cut[:limit]).rstrip(",;:") + " …"


def part_marker(lookup: Lookup | None) -> re.Pattern | None:
    """The sub-part a look-up names beyond what its chunks hold ("GRI 3(c)" → a piece opening "(c)", "fr. III" →
    one opening "III.")."""
    if lookup is None or not lookup.keys:
        return None
    last = lookup.keys[0].rsplit(":", 1)[-1].strip("()")
    fraction = re.fullmatch(r"([ivxlc]+)(?:-([a-z]+))?", last)
    if fraction and ":fr:" in lookup.keys[0]:  # "III." — "XXVII Bis." for "…:fr:xxvii-bis"
        latin = rf"\s+{fraction.group(2).capitalize()}" if fraction.group(2) else ""
        return re.compile(rf"^{fraction.group(1).upper()}{latin}\.-?\s")
    if re.fullmatch(r"[a-z]|\d{1,2}", last) and ":art:" not in lookup.keys[0] and not lookup.keys[0].startswith("hts:"):
        return re.compile(rf"^\(?{re.escape(last)}\)\s")
    return None


def quote(chunks: Sequence[Chunk], query: str, encode: Callable | None = None,
          query_vector: Sequence[float] | None = None, part: re.Pattern | None = None) -> str:
    """The opening of the provision (to :data:`MAX_QUOTE_WORDS`), then up to :data:`MAX_EXTRA` later pieces that
    share most with ``query`` (its words and, with an encoder, its meaning), marked "[…]" where text is skipped."""
    all_pieces = [p for c in chunks for p in pieces(c.text)]
    if not all_pieces:
        return ""
    opening: list[int] = []
    count = 0
    for i, piece in enumerate(all_pieces):
        n = len(piece.split())
        if opening and count + n > MAX_QUOTE_WORDS:
            break
        opening.append(i)
        count += n
    rest = [i for i in range(len(all_pieces)) if i not in opening]
    score = piece_scores(all_pieces, rest, query, encode, query_vector)
    extra = sorted(sorted(score, key=lambda i: -score[i])[:MAX_EXTRA])
    named = _named_index(all_pieces, part, rest)
    if named is not None and named not in extra:  # the sub-part the question names, always
        extra = sorted([named, *extra[:MAX_EXTRA - 1]])
    chosen = set(opening + extra)
    for i in sorted(chosen):  # a piece that announces a list ("… is:") brings its first item
        if all_pieces[i].rstrip().endswith(":") and i + 1 < len(all_pieces):
            chosen.add(i + 1)
    parts: list[str] = []
    last = -1
    for i in sorted(chosen):
        if parts and i != last + 1:
            parts.append("[…]")
        piece = clip(all_pieces[i], MAX_QUOTE_WORDS) if i == 0 else clip(all_pieces[i], 80)
        if not parts or piece != parts[-1]:  # a list's announcement repeated at the top of its continued chunk
            parts.append(piece)
        last = i
    if last < len(all_pieces) - 1:
        parts.append("[…]")
    text = " ".join(parts)
    # the citation before the quote names the provision: the quote starts with its text, not its label again
    # ("«ARTICULO 64. La base gravable …»" → "«La base gravable …»")
    rest = _OPENING_LABEL.sub("", text, count=1)
    return rest if rest.strip() else text


def piece_scores(all_pieces: Sequence[str], candidates: Sequence[int], query: str, encode: Callable | None = None,
                 query_vector: Sequence[float] | None = None, rare_words: bool = False) -> dict[int, float]:
    """How much each of the ``candidates`` pieces bears on ``query``: its share of the query's words (plus a bonus for
    a year the query names, and for a period of time when it asks for one), the best :data:`MAX_ENCODED` of them
    re-ranked by meaning with an encoder; pieces sharing no word are left out. With ``rare_words``, each word weighs
    by how few pieces of the provision hold it (to find the one piece that answers)."""
    wanted = stems(query) - frozenset(_NAMED_NUMBER.findall(query))  # ("art. 167-D" names the provision itself)
    if not candidates or not wanted:
        return {}
    held = [stems(piece) for piece in all_pieces]
    if rare_words:
        overlap = _rare_word_overlap(wanted, held, candidates)
    else:
        overlap = {i: len(wanted & held[i]) / len(wanted) for i in candidates}
    years = set(_YEAR.findall(query))  # "from July 2027": the piece in force then ("(3) 70 percent … 2027")
    period = asks_period(query)
    for i in candidates:
        if years and years & set(_YEAR.findall(all_pieces[i])):
            overlap[i] += YEAR_BONUS
        if period and states_period(all_pieces[i]):
            overlap[i] += PERIOD_BONUS
    shortlist = sorted((i for i in candidates if overlap[i] > 0), key=lambda i: -overlap[i])[:MAX_ENCODED]
    score = {i: overlap[i] for i in shortlist}
    if shortlist and encode is not None and query_vector is not None:
        vectors = np.asarray(encode([" ".join(all_pieces[i].split()[:ENCODED_WORDS]) for i in shortlist]),
                             dtype=np.float32)
        for i, sim in zip(shortlist, vectors @ np.asarray(query_vector, dtype=np.float32)):
            score[i] += 0.5 * float(sim)
    return score


def _rare_word_overlap(wanted: frozenset[str], held: Sequence[frozenset[str]], candidates: Sequence[int]
                       ) -> dict[int, float]:
    """Each candidate's share of the query's words, each word weighing by how few pieces hold it: a word most pieces
    of the provision share names its subject ("agencia aduanal" in art. 167-D), not the piece that answers (words no
    piece holds tell no piece from another, and are left out)."""
    weight = {w: math.log(1 + len(held) / n) for w in wanted if (n := sum(w in h for h in held))}
    total = sum(weight.values())
    return {i: sum(weight[w] for w in weight.keys() & held[i]) / total if total else 0.0 for i in candidates}


def lead_piece(chunks: Sequence[Chunk], query: str, question: str, encode: Callable | None = None,
               query_vector: Sequence[float] | None = None) -> str | None:
    """The piece of a provision that answers ``question`` when it is not the provision's opening ("¿Cómo se pagan
    las horas extra según el artículo 67?": «Las horas de trabajo extraordinario se pagarán con un ciento por ciento
    más …», the article's second sentence), to quote first; None when the opening is the best piece, or no piece
    stands out by :data:`LEAD_MARGIN`."""
    all_pieces = [p for c in chunks for p in pieces(c.text)]
    if len(all_pieces) < 2 or all_pieces[0].rstrip().endswith(":"):
        return None  # an opening announcing a list is quoted with its items: the answer is among them
    read = read_with_announcement(all_pieces)  # ("b) Materias primas …" under "I. Hasta por dieciocho meses …:")
    score = piece_scores(read, range(len(read)), query, encode, query_vector, rare_words=True)
    asked = analyze(question)
    if asked.wants_figure or asked.answer_type in ("date", "duration"):  # the piece stating what is asked
        for i in score:
            score[i] += ANSWER_BONUS * holds_answer(asked, read[i])
    if not score:
        return None
    best = max(score, key=lambda i: (score[i], -i))
    if best == 0 or score[best] < score.get(0, 0.0) + LEAD_MARGIN or _LABEL_ONLY.match(all_pieces[best]):
        return None
    head = announcements(all_pieces).get(best)
    return clip(all_pieces[best], LEAD_WORDS) if head is None else \
        clip(all_pieces[head] + (" " if head == best - 1 else " […] ") + all_pieces[best], LEAD_WORDS)


_NAMED_NUMBER = re.compile(r"\b(?:art[íi]culos?|articles?|arts?\.?|§+|sections?|secci[óo]n)\s*(\d+)", re.IGNORECASE)
_FRACTION_LEAD = re.compile(r"^([IVXLC]+)\.-?\s+")


_ITEM_OPENING = re.compile(rf"^{_ITEM_LABEL}\s")


def named_piece(chunks: Sequence[Chunk], marker: re.Pattern, question: str = "") -> str | None:
    """The sub-part a question names ("GRI 2(b)", "LFT art. 47 fr. I") when it is not the provision's opening, to quote
    first — for a figure, date or period asked, with its next sentences up to the one stating it (fr. I's «… dejará de
    tener efecto después de treinta días …» for "¿hasta cuándo podemos rescindir?")."""
    all_pieces = [p for c in chunks for p in pieces(c.text)]
    named = _named_index(all_pieces, marker, range(len(all_pieces)))
    if not named:
        return None
    asked, text = (analyze(question) if question else None), all_pieces[named]
    if asked and (asked.wants_figure or asked.answer_type in ("date", "duration")) and not holds_answer(asked, text):
        for piece in all_pieces[named + 1:named + 1 + MAX_FOLLOWING]:
            if _ITEM_OPENING.match(piece):  # the next fracción or inciso: the named part states no such figure
                break
            text = f"{text} {piece}"
            if holds_answer(asked, piece):
                return clip(text, LEAD_WORDS)
    return clip(all_pieces[named], LEAD_WORDS)


def _named_index(all_pieces: Sequence[str], part: re.Pattern | None, among: Sequence[int]) -> int | None:
    """The first of the ``among`` pieces that opens with the sub-part's label ``part`` ("(b) ", "II. ")."""
    return next((i for i in among if part is not None and part.match(all_pieces[i])), None)


_NAMED_PART = re.compile(r"(?:, fr\. |\brule )([IVXLC]+|\d{1,2})(?=,|\s\(|$)")


def without_named_label(text: str, cite: str) -> str:
    """The quote without the label of the fracción or rule its citation already names ("…, fr. III, p. 75 (…):
    «III. Por la vigencia…»" → "«Por la vigencia…»"); a citation naming a range ("fr. I–II") keeps the labels."""
    named = _NAMED_PART.search(cite)
    label = f"{named.group(1)}. " if named else None
    return text[len(label):] if label and text.startswith(label) and len(text) > len(label) else text


def heading(chunk: Chunk) -> str:
    return chunk.cite or " — ".join(p for p in (chunk.title, chunk.section) if p)


def _remembering(encode: Callable) -> Callable:
    """``encode`` that encodes each text once (for one answer)."""
    seen: dict[str, object] = {}

    def cached(texts: list[str]):
        new = [t for t in dict.fromkeys(texts) if t not in seen]
        if new:
            seen.update(zip(new, encode(new)))
        return [seen[t] for t in texts]
    return cached


def provision_answer(provisions: Sequence[Provision], query: str, lang: str, encode: Callable | None = None,
                     query_vector: Sequence[float] | None = None, question: str = "",
                     ) -> tuple[str, list[Chunk], bool]:
    """``(answer, chunks to cite in order, abstained)``: each found provision quoted under its citation — the piece
    answering ``question`` first when that is not the opening (:func:`lead_piece`) —; a named provision not on file
    said plainly (abstained only when none of them is on file)."""
    lines: list[str] = []
    cited: list[Chunk] = []
    missing: list[str] = []
    encode = _remembering(encode) if encode is not None else None  # the quote and its lead weigh the same pieces
    for provision in provisions[:MAX_PROVISIONS]:
        if not provision.chunks:
            missing.append(provision.label)
            continue
        chunks = list(provision.chunks)
        # (not the words naming the law itself: "the income tax law" is no topic within its article 182)
        wanted = stems(query) - _law_name_stems(provision.chunks[0].doc_id)
        if len(chunks) > 1 and wanted:  # a section of many parts: lead with the part the question is about
            # the words it shares with the question, those of its heading counting twice ("(f) De minimis …")
            # (a later part's "(continued)" label is our chunker's, not the law's words)
            overlap = [len(wanted & stems(_CONTINUED.sub("", c.text, count=1))) + len(wanted & stems(c.section or ""))
                       for c in chunks]
            best = max(range(len(chunks)), key=lambda i: (overlap[i], -i))
            if overlap[best] > overlap[0]:
                chunks.insert(0, chunks.pop(best))
        first = chunks[0]
        text = without_named_label(quote(chunks, query, encode, query_vector, part_marker(provision.lookup)),
                                   heading(first))
        n = len(cited) + 1
        if first.language != lang and lang == "es":
            intro = f"{heading(first)} (texto oficial en inglés) [{n}]:"
        elif first.language != lang:
            intro = f"{heading(first)} (official text, in Spanish) [{n}]:"
        else:
            intro = f"{heading(first)} [{n}]:"
        marker = part_marker(provision.lookup)
        lead = (lead_piece(chunks, query, question, encode, query_vector) if question and marker is None
                else named_piece(chunks, marker, question) if marker is not None else None)
        if lead is not None:
            # a fracción's numeral named before the quote ("[1], fr. I: «Llevar …»"), not read as a sentence of its own
            numeral = _FRACTION_LEAD.match(lead)
            if numeral:
                intro, lead = f"{intro.removesuffix(':')}, fr. {numeral.group(1)}:", lead[numeral.end():]
            lines.append(f"{intro} «{lead} …»\n\n{IN_CONTEXT.get(lang, IN_CONTEXT['en'])} «{text}»")
        else:
            lines.append(f"{intro} «{text}»")
        cited.append(first)
        cited.extend(c for c in chunks[1:3] if all(c.id != d.id for d in cited))
    for label in missing:
        lines.append(f"{label}: no figura en los textos oficiales que tengo." if lang == "es"
                     else f"{label} is not in the official texts on file.")
    return "\n\n".join(lines), cited, not cited


class ProvisionFinder:
    """Named provisions → the chunks holding them, through a :class:`RefIndex` built once per index generation."""

    def __init__(self) -> None:
        self._built: tuple[str, RefIndex] | None = None

    def index(self, snapshot) -> RefIndex:
        built = self._built
        if built is None or built[0] != snapshot.generation:
            built = (snapshot.generation, RefIndex.build(snapshot.chunks))
            self._built = built  # one assignment: a concurrent reader sees the old pair or the new one
        return built[1]

    def resolve(self, lookups: Sequence[Lookup], snapshot) -> list[Provision]:
        index = self.index(snapshot)
        out = []
        for lookup in lookups:
            found = [snapshot.by_id[cid] for cid in index.find(lookup) if cid in snapshot.by_id]
            found.sort(key=lambda c: c.doc_id != lookup.doc_id)  # the named text first (stable: document order)
            out.append(Provision(lookup.label, tuple(found), lookup))
        return out

