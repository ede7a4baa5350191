"""The law's piece that answers a plain question the guides do not: quoted after the answer.

"What is the maximum yearly tax depreciation rate a Mexican manufacturer may take on dies, molds and tooling?" names
no article, and no guide states the rate; LISR art. 34 does, in Spanish: «35% para dados, troqueles, moldes, matrices
y herramental». The question is read through its gloss in the law's language (:mod:`assistant.answer.gloss`), and a
piece of a retrieved provision in that language is quoted when the answer's first sentence leaves out one of the
question's rarest words and the piece holds it, states what the question asks for (a figure, a period, a date) and
holds enough of the gloss's words — else nothing: an article beside the point is worse than none. Pure: the passages
and the term weights are passed in.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Sequence

from assistant.answer.fit import holds_answer
from assistant.answer.gloss import english_gloss, spanish_words
from assistant.answer.law_quote import ITEM, QUOTE_WORDS, LawQuote
from assistant.answer.provisions import clip, heading, pieces
from assistant.answer.question import Question, analyze
from assistant.answer.topics import conversational
from assistant.calculators.places import find_places, lookup_place
from assistant.index.lexical import tokenize
from assistant.models import Passage
from assistant.numbers import in_digits, number_words
from assistant.sentences import continues
from assistant.text import fold

MIN_COVER = 0.3  # the piece holds at least this share of the (weighted) words of the question's gloss
RARE_WORDS = 3  # the question's rarest words: one the lead leaves out must be in the piece …
RARE_WEIGHT = 4.0  # … counting only a word this rare in the knowledge base (IDF): "tooling", not "daily" or "lease"
IN_CONTEXT = 0.8  # a list item or a sentence continuing another counts this share of their words together


# A question about US institutions only — its courts, agencies, statutes, tariff actions — is not answered by a Mexican
# law's piece; one naming anything Mexican may be.
_US_ONLY = re.compile(r"\b(?:supreme court|ieepa|cbp|ustr|congress|federal register|section (?:122|201|232|301)|"
                      r"htsus?|hts|us customs|u\.s\. customs|executive order|proclamation)\b")
_MEXICAN = re.compile(r"\b(?:mexic\w*|mexican\w*|sat|imss|infonavit|lft|lisr|liva|lss|ley|immex|pedimento|maquila\w*|"
                      r"shelter|se|dof|nom)\b")
# … and one about a Mexican institution only (its social security, housing fund, tax or labor law), not by a US text's:
# "¿Qué porcentaje del salario tiene que aportar la empresa al Infonavit?" is no question for 19 U.S.C. § 4644
_MX_ONLY = re.compile(r"\b(?:sat|imss|infonavit|lft|lisr|liva|lss|ptu|aguinaldo|isn|seguro social|ley federal del trabajo|"
                      r"impuesto sobre la renta|utilidades|salario|sueldo|nomina)\b")
_US_NAMED = re.compile(r"\b(?:us|u\.s\.|usa|united states|estados unidos|ee\.? ?uu\.?|eua|usmca|t-?mec|usc|u\.s\.c\.|"
                       r"cbp|ustr|hts\w*|section|seccion)\b")


def _with_digits(piece: str) -> str:
    """The piece with the numbers it writes in words also in digits after it ("quince por ciento" → "… 15"): the law
    writes "cinco años", the figure check reads digits."""
    found = number_words(piece)
    return f"{piece} {' '.join(sorted(found))}" if found else piece


def _missing_words(question: str, lead: str, weight: Callable[[str], float], lang: str,
                   known: Callable[[str], bool] | None = None) -> list[tuple[frozenset[str], frozenset[str]]]:
    """The question's :data:`RARE_WORDS` rarest words (of weight :data:`RARE_WEIGHT` or more; no function word; with
    ``known``, none that no text of the index holds: "darle" is rare only as spelled) that the lead does not hold,
    each as its own tokens and the tokens of its gloss in the other language ("tooling" → herramental): what a piece
    must hold to answer what the guides' lead leaves out."""
    held = _tokens(lead)
    other = spanish_words if lang == "en" else english_gloss
    common = _common()
    # (in the question's order: of equally rare words the first asked counts, in every process alike)
    rarity = {w: max(weight(t) for t in tokens) for w in dict.fromkeys(re.findall(r"[^\W\d_][\w-]*", question))
              if (tokens := _tokens(w)) and not tokens & common and w.lower() not in common
              and (known is None or any(known(t) for t in tokens))}
    rare = sorted(rarity, key=lambda w: -rarity[w])[:RARE_WORDS]
    return [(_tokens(w), _tokens(other(w))) for w in rare if rarity[w] >= RARE_WEIGHT and not _tokens(w) & held]


def _answered_within(asked: Question, lead: str) -> bool:
    """Whether the lead states what is asked within the place and year the question names ("what was average rent in
    Querétaro in Feb 2022?" and "… the February 2022 averages were … Querétaro at US$3.95"): the guides answered it."""
    places = {p for p in asked.places if (place := lookup_place(p)) is not None and place.kind != "country"}
    if not (places or asked.years) or not holds_answer(asked, lead):
        return False  # ("the maximum Mexican tax depreciation rates": a country is no constraint here)
    found = {m.place.name for m in find_places(fold(lead))}
    return places <= found and all(str(year) in lead for year in asked.years)


def _coverage(wanted: frozenset[str], total: float, weight: Callable[[str], float]) -> Callable[[frozenset[str]], float]:
    """The share of the weighted ``wanted`` words a piece's tokens hold."""
    return lambda tokens: sum(weight(t) for t in wanted & tokens) / total


@lru_cache(maxsize=8192)
def _tokens(text: str) -> frozenset[str]:
    """A text's BM25 tokens (the pieces of the same articles are read question after question)."""
    return frozenset(tokenize(text))


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    """English function words and the conversational words of questions ("we're", "whats"), and their tokens."""
    from bm25s.stopwords import STOPWORDS_EN

    words = {w.lower() for w in STOPWORDS_EN} | {"re", "whats", "much", "many"}
    return frozenset(words) | frozenset(t for w in words for t in tokenize(w)) | conversational()


def answering_piece(question: str, gloss: str | None, lead: str, passages: Sequence[Passage],
                    weight: Callable[[str], float], lang: str,
                    deeper: Callable[[], Sequence[Passage]] | None = None,
                    known: Callable[[str], bool] | None = None) -> LawQuote | None:
    """The piece of an official text among ``passages`` that answers ``question`` (in ``lang``; a text in the other
    language is read through ``gloss``, the question's words in that language) when ``lead``, the answer's first
    sentence, leaves out one of the question's rarest words and the piece holds it, states what is asked, and holds
    :data:`MIN_COVER` of the question's words; None otherwise. When none of ``passages`` has it, ``deeper`` (the
    official texts searched on their own) is read too. ``known``: whether the index holds a token anywhere."""
    asked = analyze(question)
    if not (asked.wants_figure or asked.answer_type in ("date", "duration")):
        return None
    missing = _missing_words(question, lead, weight, lang, known)
    if not missing or _answered_within(asked, lead):
        return None
    more: list[Passage] | None = None
    # the numbers a piece writes in words read as digits after it first, then where they stand (only when no piece
    # answers so: "un plazo de veinticuatro meses" states a period only read the second way)
    for reading in (_with_digits, in_digits):
        best = _best_piece(asked, question, gloss, missing, passages, weight, lang, reading)
        if (best is None or best[0] < MIN_COVER) and deeper is not None:
            if more is None:
                seen = {p.chunk.id for p in passages}
                more = [p for p in deeper() if p.chunk.id not in seen]
            best = _best_piece(asked, question, gloss, missing, more, weight, lang, reading)
        if best is not None and best[0] >= MIN_COVER:
            _, piece, passage = best
            return LawQuote(passage.chunk, clip(piece, QUOTE_WORDS), heading(passage.chunk))
    return None


def _best_piece(asked: Question, question: str, gloss: str | None, missing: list[tuple[frozenset[str], frozenset[str]]],
                passages: Sequence[Passage], weight: Callable[[str], float], lang: str,
                reading: Callable[[str], str]) -> tuple[float, str, Passage] | None:
    """The best-covering piece of the official ``passages`` that holds a missing word and states what is asked, with
    its cover and passage."""
    best: tuple[float, str, Passage] | None = None
    us_only = bool(_US_ONLY.search(asked.folded)) and not _MEXICAN.search(asked.folded)
    mx_only = bool(_MX_ONLY.search(asked.folded)) and not _US_NAMED.search(asked.folded)
    for passage in passages:
        chunk = passage.chunk
        if chunk.authority != "official" or "transitorio" in fold(chunk.section or ""):
            continue  # (a reform's transitional articles: rules for its first years, decades ago)
        if (us_only and chunk.jurisdiction == "MX") or (mx_only and chunk.jurisdiction == "US"):
            continue  # ("the vote split when the Supreme Court threw out the IEEPA tariffs": not a Mexican union vote)
        own = chunk.language == lang
        if not own and not gloss:
            continue
        wanted = _tokens(question if own else gloss)
        total = sum(weight(t) for t in wanted)
        words = [w[0] if own else w[1] for w in missing]
        if not total or not any(words):
            continue
        cover = _coverage(wanted, total, weight)
        announced: frozenset[str] = frozenset()  # the words of the piece announcing a list ("Los por cientos … son:")
        before: frozenset[str] = frozenset()
        for piece in pieces(chunk.text):
            tokens = _tokens(piece)
            score = cover(tokens)
            context = frozenset()  # the words the piece is read with (its list's announcement, the piece it continues)
            if ITEM.match(piece) and announced:  # "VIII. 35% para dados, troqueles …" is a case of the announcement
                score, context = max(score, IN_CONTEXT * cover(tokens | announced)), announced
            elif continues(piece) and before:  # "Es obligatorio conservar estos registros …": the ones just named
                score, context = max(score, IN_CONTEXT * cover(tokens | before)), before
            if (best is None or score > best[0]) and any(g & (tokens | context) for g in words) \
                    and holds_answer(asked, reading(piece)):
                best = (score, piece, passage)
            if piece.rstrip().endswith(":"):
                announced = tokens
            before = tokens
    return best
