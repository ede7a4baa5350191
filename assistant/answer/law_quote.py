"""The law behind an answer: when a sentence of the answer cites a provision we hold the official text of, the
provision's own words follow the answer, quoted and cited.

"Mexican law caps the night shift at 7 hours (LFT article 61)" is the guide's reading; the consultant checking it,
and the visitor who wants the primary source, get "The law: Ley Federal del Trabajo, art. 61 (official text, in
Spanish) [2]: «Artículo 61.- La duración máxima de la jornada será: ocho horas la diurna, siete la nocturna …»".
The provision is found by its key (:mod:`assistant.lookup`), never by similarity, so the quote is always the article
the sentence names; of a long article, the piece it is about: the fracción the citation names ("art. 15-I"), else the
piece sharing most words with the question and the citing sentence (a Spanish piece read through its English gloss
for an English answer). Pure: the provisions are resolved by the function passed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Sequence

from assistant.answer.gloss import english_gloss
from assistant.answer.provisions import Provision, clip, heading, part_marker, pieces, stems
from assistant.answer.topics import without_dates
from assistant.lookup import Lookup, named_law, parse_lookups
from assistant.answer.render import citation
from assistant.models import Chunk, Citation, Passage
from assistant.numbers import number_words

MAX_PIECES = 2  # pieces of the provision an answer cites quoted after it (and one stating a figure it gives)
_LAWS_OWN_WORDS = re.compile(r"^(?:\[\d+\]\s*)?(?:Art[íi]culo|ART[ÍI]CULO)\s+\d+[\w-]*\s*[.-]")
QUOTE_WORDS = 80  # a quoted piece is cut at this many words
LIST_WORDS = 130  # … a list's announcement with its items ("Son días de descanso obligatorio: I. … IX. …") at this many
INTRO = {
    ("en", "same"): "The law: {cite} [{n}]:",
    ("en", "other"): "The law: {cite} (official text, in Spanish) [{n}]:",
    ("es", "same"): "La ley: {cite} [{n}]:",
    ("es", "other"): "La ley: {cite} (texto oficial en inglés) [{n}]:",
}


@dataclass(frozen=True)
class LawQuote:
    chunk: Chunk  # the provision's chunk the piece comes from (to cite)
    piece: str  # the quoted words
    cite: str  # how a lawyer cites it ("Ley Federal del Trabajo, art. 61, p. 19 (última reforma DOF …)")

    def render(self, n: int, lang: str) -> str:
        side = "same" if self.chunk.language == lang else "other"
        return f"{INTRO[(lang, side)].format(cite=self.cite, n=n)} «{self.piece}»"


def law_quotes(sentences: Sequence[str], question: str, resolve: Callable[[list[Lookup]], list[Provision]],
               limit: int = MAX_PIECES, lead_section: str | None = None) -> list[LawQuote]:
    """The provision the first citing sentence of ``sentences`` names that ``resolve`` finds on file, with the piece
    of it that sentence is about and the pieces later sentences name of the same provision — up to ``limit`` pieces,
    quoted together in the law's order ("reported within five business days (LSS art. 15-I) … kept for five years
    (LSS art. 15-II)" quotes both fracciones); empty when no sentence cites a provision we hold.

    When no sentence cites one, the first is read with ``lead_section``, the heading of the section it comes from:
    "The shelter remains jointly liable … for 6 months" under "Step 4: transfer employees through employer
    substitution (LFT art. 41)" rests on that article."""
    found = _law_quotes(sentences, question, resolve, limit)
    if not found and lead_section and sentences and parse_lookups(lead_section, named_law(question)):
        found = _law_quotes([f"{sentences[0]} ({lead_section})"], question, resolve, limit)
    return found


def _law_quotes(sentences: Sequence[str], question: str, resolve: Callable[[list[Lookup]], list[Provision]],
                limit: int) -> list[LawQuote]:
    quote: LawQuote | None = None
    quoted: Sequence[Chunk] = ()
    count = 0
    law = named_law(question)  # "según la Ley Aduanera …": a sentence's bare "(article 161)" is that law's
    said = " ".join(sentences)
    for sentence in sentences:
        if count >= limit:
            break
        if _LAWS_OWN_WORDS.match(sentence):  # "Artículo 87.- Los trabajadores …": the law already, not a reading of it
            continue
        for lookup in parse_lookups(sentence, law):
            if count >= limit:
                break
            found = resolve([lookup])
            if not found or not found[0].chunks:
                continue
            chunks = [c for c in found[0].chunks if c.authority == "official"] or list(found[0].chunks)
            if quote is not None and heading(chunks[0]) != quote.cite:
                continue  # another provision, cited further down: not quoted
            piece, chunk = _best_piece(chunks, lookup, f"{question} {sentence}")
            original = piece
            if piece.rstrip().endswith(":"):  # a piece announcing a list ("Son días de descanso obligatorio:")
                piece = _with_list(piece, pieces(chunk.text))  # brings its items, as many as the quote holds
            if not piece or (quote is not None and (original in quote.piece or quote.piece.rstrip(" …") in piece)) \
                    or original[:60] in said:  # (the answer quotes that piece itself already)
                continue
            new = LawQuote(chunk, clip(piece, LIST_WORDS if piece != original else QUOTE_WORDS), heading(chunks[0]))
            quote, quoted = (new, chunks) if quote is None else (_joined(chunks, quote, new), quoted)
            count += 1
    if quote is not None and limit > 1:  # (one piece more: the answer's figure in the law's words)
        quote = _stating_figures(sentences, quote, quoted)
    return [quote] if quote is not None else []


def _stating_figures(sentences: Sequence[str], quote: LawQuote, chunks: Sequence[Chunk]) -> LawQuote:
    """The quote with the piece of its provision that states a figure another sentence of the answer gives without
    citing it ("The STPS must answer a registration request within 20 days." beside "… renewed every three years (LFT
    article 15)": art. 15's «… en un plazo de veinte días …»)."""
    said = figures(quote.piece)
    for sentence in sentences:
        wanted = figures(sentence) - said
        if not wanted:
            continue
        for chunk in chunks:
            piece = next((p for p in pieces(chunk.text) if wanted & figures(p) and p not in quote.piece), None)
            if piece is not None:
                return _joined(chunks, quote, LawQuote(chunk, clip(piece, QUOTE_WORDS), quote.cite))
    return quote


def _joined(chunks: Sequence[Chunk], one: LawQuote, other: LawQuote) -> LawQuote:
    """Two pieces of one provision quoted together in the law's order, "[…]" between them unless adjacent."""
    held = [p for c in chunks for p in pieces(c.text)]

    def order(piece: str) -> int:
        head = piece.rstrip(" …")[:60]
        return next((i for i, p in enumerate(held) if p.startswith(head)), len(held))

    (n1, first), (n2, second) = sorted([(order(one.piece), one), (order(other.piece), other)], key=lambda x: x[0])
    gap = " " if n2 == n1 + 1 and not first.piece.endswith("…") else " […] "
    return LawQuote(first.chunk, f"{first.piece}{gap}{second.piece}", first.cite)


def law_quote(sentences: Sequence[str], question: str, resolve: Callable[[list[Lookup]], list[Provision]],
              ) -> LawQuote | None:
    """The provision the first citing sentence of ``sentences`` names that ``resolve`` finds on file, and the piece
    of it the sentence is about; None when no sentence cites a provision we hold."""
    found = law_quotes(sentences, question, resolve, limit=1)
    return found[0] if found else None


# a fracción, inciso or numbered item opening a piece ("VIII. 35% para dados …", "a) …", "(ii) …")
ITEM = re.compile(r"^(?:[IVXLC]+(?:\s+Bis|\s+Ter)?\.-?|[a-z]\)|\((?:[a-z]|[ivx]+|\d{1,2})\))\s")


def _with_list(piece: str, held: list[str]) -> str:
    """A piece announcing a list, with its first item and the items after it that fit in :data:`LIST_WORDS`."""
    at = held.index(piece) if piece in held else -1
    if at < 0 or at >= len(held) - 1:
        return piece
    out, count = [piece, held[at + 1]], len(piece.split()) + len(held[at + 1].split())
    for item in held[at + 2:]:
        if not ITEM.match(item) or count + len(item.split()) > LIST_WORDS:
            break
        out.append(item)
        count += len(item.split())
    return " ".join(out)


def _best_piece(chunks: Sequence[Chunk], lookup: Lookup, context: str) -> tuple[str, Chunk]:
    """The piece the citation names (a fracción, a lettered paragraph), else the one sharing most stems with
    ``context`` (through its English gloss when the provision is in Spanish and the context is not), else the
    provision's first piece."""
    held = [(piece, chunk) for chunk in chunks for piece in pieces(chunk.text)]
    if not held:
        return "", chunks[0]
    marker = part_marker(lookup)
    named = next(((p, c) for p, c in held if marker is not None and marker.match(p)), None)
    if named is not None:  # the whole fracción: its label's piece and the unlabelled sentences after it
        at = held.index(named)
        text, count = named[0], len(named[0].split())
        for piece, chunk in held[at + 1:]:
            if chunk is not named[1] or ITEM.match(piece) or count + len(piece.split()) > QUOTE_WORDS:
                break
            text, count = f"{text} {piece}", count + len(piece.split())
        return text, named[1]
    wanted, numbers = stems(context), figures(context)
    # a figure the citing sentence states ("by the 17th day") marks the piece that states it ("el día 17") most
    overlap = [len(wanted & _piece_stems(piece, chunk.language == "es")) + FIGURE_WEIGHT * bool(numbers & figures(piece))
               for piece, chunk in held]
    best = max(range(len(held)), key=lambda i: (overlap[i], -i))
    return held[best] if overlap[best] > 0 else held[0]


FIGURE_WEIGHT = 6  # stating a figure of the citing sentence counts as this many shared stems: it is the fact quoted
# two digits or more, not a paragraph's "(6)" nor a tariff line's "8504.90"
_FIGURE = re.compile(r"(?<![\d.,(])\d{2,}(?:[.,]\d+)?(?![\d)])")
_TARIFF_LINE = re.compile(r"\b\d{4}\.\d{2}(?:\.\d{2,4})*\b")


# a one-digit count ("within 5 business days", "at most 3 additional customs offices") — not a provision's number
# ("rule 3 of", "article 5 of", "section 2")
_SMALL_COUNT = re.compile(r"(?<![\d.,(§])(\d)\s+(?=[a-z]{3,})")
_NUMBERING = re.compile(r"(?:\b(?:art(?:icle|[íi]culo)?s?|rules?|reglas?|sections?|secci[óo]n|paragraphs?|fr(?:acci[óo]n)?|"
                        r"chapters?|cap[íi]tulo|annex|anexo|list|lista|no)\.?\s*)$", re.IGNORECASE)


@lru_cache(maxsize=4096)
def figures(text: str) -> frozenset[str]:
    """The figures of a text: its numbers that are not years, dates or article, section or list numbers — written
    in digits or in words ("18 months" and "dieciocho meses" share "18")."""
    plain = without_dates(_TARIFF_LINE.sub(" ", text))
    counts = {m.group(1) for m in _SMALL_COUNT.finditer(plain) if not _NUMBERING.search(plain, 0, m.start())}
    return frozenset(_FIGURE.findall(plain)) | counts | number_words(plain)


@lru_cache(maxsize=4096)
def _piece_stems(piece: str, spanish: bool) -> frozenset[str]:
    """A piece's stems, with its English gloss's when it is Spanish (the same articles are quoted again and again:
    computed once)."""
    own = stems(piece)
    return frozenset(own | stems(english_gloss(piece)) if spanish else own)


TOPIC_MIN_STEMS = 3  # a piece of a law the question names, quoted without a citation, shares this many stems …


def topic_quote(sentences: Sequence[str], question: str, chunks: Sequence[Chunk]) -> LawQuote | None:
    """The piece of the law a question names without an article ("… según la Ley Federal del Trabajo", "under the
    LFT") that the answer rests on, among ``chunks`` of that law (the law searched for the question): the piece that
    states a figure of the answer's first sentence and shares words with the question and that sentence, else
    ``None`` — no quote is better than an article beside the point."""
    if not sentences or not chunks:
        return None
    lead = sentences[0]
    wanted, numbers = stems(f"{question} {lead}"), figures(lead)
    if not numbers:
        return None
    best: tuple[int, str, Chunk] | None = None
    said = " ".join(sentences)
    for chunk in chunks:
        for piece in pieces(chunk.text):
            if not numbers & figures(piece) or piece[:60] in said:  # (a piece the answer already quotes)
                continue
            shared = len(wanted & _piece_stems(piece, chunk.language == "es"))
            if shared >= TOPIC_MIN_STEMS and (best is None or shared > best[0]):
                best = (shared, piece, chunk)
    if best is None:
        return None
    _, piece, chunk = best
    return LawQuote(chunk, clip(piece, QUOTE_WORDS), heading(chunk))


def with_quotes(answer: str, cites: list[Citation], quotes: Sequence[LawQuote], lang: str
                ) -> tuple[str, list[Citation]]:
    """The answer with each quote after it, cited (under the answer's citation of the same passage, if it has one)."""
    lines = []
    for quote in quotes:
        chunk = quote.chunk
        same = next((c for c in cites if c.doc_id == chunk.doc_id and c.section == chunk.section), None)
        if same is None:
            same = citation(len(cites) + 1, Passage(chunk=chunk, score=0.0, dense=None, bm25=None))
            cites = [*cites, same]
        lines.append(quote.render(same.n, lang))
    return ("\n\n".join([answer, *lines]), cites) if lines else (answer, cites)
