"""Which candidate sentences make the answer: the lead (a figure question's lead states a figure about what was
asked; a sentence pointing back follows its antecedent; the visitor's language first when a sentence in it states the
same figures), then the best others, no near-duplicates and not the same fact twice in two languages. Pure functions
over the scored candidates of :mod:`assistant.answer.extractive`."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from assistant.answer.candidate import Candidate, F
from assistant.answer.fit import COUNTS_KINDS, HAS_NUMBER, traits
from assistant.answer.gloss import english_gloss
from assistant.answer.joined import antecedent_of, joinable, joined
from assistant.answer.topics import without_dates
from assistant.index.lexical import tokenize
from assistant.sentences import points_back, refers_back
from assistant.text import fold


_FIGURES = re.compile(r"\d+(?:[.,]\d+)*")
OWN_LANGUAGE_SHARE = 0.6  # a sentence in the visitor's language stating the lead's figures leads if it scores this share
OWN_COVER_SHARE = 0.5  # … or, when the figures are only years, holds this share of the question words the lead holds
_YEAR = re.compile(r"(?:19|20)\d\d")


@lru_cache(maxsize=65536)
def _figures(text: str) -> frozenset[str]:
    """The numbers a sentence states (read once per sentence text: the same sentences are compared pair by pair)."""
    return frozenset(_FIGURES.findall(text))


def _foreign(c: Candidate) -> bool:
    return bool(c.features[F["other_language"]])


def same_fact_in_own_language(candidates: list[Candidate]) -> None:
    """A lead in another language than the visitor's gives way to a sentence in the visitor's language that states
    all its figures ("dura como máximo 30 días, o hasta 180 días" for "lasts at most 30 days, or up to 180 days"),
    unless that sentence scores far below it, or the figures are years only and it shares few of the question's words
    with the lead (a law's "a partir del 1 de enero de 2023" is no Spanish version of "in 2023 the rail bridges were
    shut"): the same fact, in the visitor's words (:func:`_translated` keeps the
    other from being shown beside it)."""
    lead = next((c for c in candidates if c.agrees), None)
    if lead is None or not _foreign(lead):
        return
    if not _figures(lead.text):  # a fact without figures: the visitor's-language sentence that translates it
        own = next((c for c in candidates if c.agrees and not _foreign(c) and c.score >= OWN_LANGUAGE_SHARE * lead.score
                    and _translates(c.text, lead.tokens)), None)
        if own is not None:
            own.score = lead.score + 1e-6
            candidates.sort(key=lambda c: -c.score)
        return
    own = next((c for c in candidates if c.agrees and not _foreign(c) and c.score >= OWN_LANGUAGE_SHARE * lead.score
                and _figures(lead.text) <= _figures(c.text)
                and (c.covered >= OWN_COVER_SHARE * lead.covered
                     or not all(_YEAR.fullmatch(f) for f in _figures(lead.text)))), None)
    if own is not None:
        own.score = lead.score + 1e-6
        candidates.sort(key=lambda c: -c.score)


TRANSLATES = 0.4  # a sentence whose English gloss shares this much (Jaccard) of another's words translates it


@lru_cache(maxsize=16384)
def _gloss_tokens(text: str) -> frozenset[str]:
    """A sentence's English gloss's tokens (glossed once per sentence: sentences are compared pair by pair)."""
    return frozenset(tokenize(english_gloss(text)))


def _translates(own: str, foreign_tokens: frozenset[str]) -> bool:
    """Whether a Spanish sentence says what an English one does, word for word through its gloss ("La ley laboral
    mexicana no fija un plazo de preaviso para despedir …" and "Mexican labor law sets no advance-notice period for a
    dismissal …")."""
    glossed = _gloss_tokens(own)
    return bool(glossed and foreign_tokens) and len(glossed & foreign_tokens) / len(glossed | foreign_tokens) >= TRANSLATES


def _translated(a: Candidate, b: Candidate) -> bool:
    """The same fact in the other language: one sentence in the visitor's language, one not, stating the same figures
    (the guides' Spanish and English versions of a sentence)."""
    if _foreign(a) == _foreign(b):
        return False
    if _figures(a.text) or _figures(b.text):
        return _figures(a.text) == _figures(b.text)
    own, other = (b, a) if _foreign(a) else (a, b)  # (no figures: the one's gloss says the other's words)
    return _translates(own.text, other.tokens)


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return False
    return len(a & b) / len(a | b) > 0.6


_PUNCTUATION = re.compile(r"[^\w$%]+")


def _within(short: str, long: str) -> bool:
    """Whether a sentence is said word for word inside another one: a law's item "(B) $325,000,000 for 2022." after
    the list sentence holding it."""
    inner, outer = _PUNCTUATION.sub(" ", short).strip().lower(), _PUNCTUATION.sub(" ", long).strip().lower()
    return len(inner) < len(outer) and f" {inner} " in f" {outer} "


FIGURE_LEAD_SHARE = 0.8  # a figure question's lead may be a sentence with a figure scoring this share of the best
FIGURE_COVER_SHARE = 0.5  # … holding at least this share of the question words the best sentence holds


LIST_LEAD_SHARE = 0.85  # a list question's lead may be a sentence followed by its list, scoring this share of the best
# a sentence that is a list: three items or more between semicolons, or one that says it lists ("The list is …")
_ENUMERATION = re.compile(r"^(?:the list is|they are|these are|the (?:\w+ )?(?:are|include)[: ]|la lista es|son:)", re.IGNORECASE)


_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5}
# "Three railroad groups carry …", "Dos empresas …": a sentence opening with how many there are, named after it
_OPENS_WITH_COUNT = re.compile(r"^(two|three|four|dos|tres|cuatro) (?:main |major |large |big |principales )?[a-z]",
                               re.IGNORECASE)


def _after(candidates: list[Candidate], cand: Candidate, k: int = 1) -> Candidate | None:
    """The candidate ``k`` sentences after ``cand`` in its passage, when it fits the question's constraints."""
    return next((c for c in candidates if c.passage_rank == cand.passage_rank and c.position == cand.position + k
                 and c.agrees), None)


_COUNT_OF = re.compile(rf"\b({'|'.join(_COUNTS)})((?: [a-z-]+){{1,3}})")
_NOT_ITEMS = frozenset({"what", "which", "main", "there", "does", "have", "cuales", "principales", "existen", "about"})


def counted_items(question_folded: str, sentence: str) -> int | None:
    """How many there are of what a list question asks about, when the sentence says so: 3 for "The criteria … are
    organised in three focus areas and twelve categories." and "What are the main areas …?"; ``None`` when the
    sentence counts nothing the question names in the plural (nor kinds, types, modalities)."""
    # what is asked for in the plural ("the main areas"): "Which US railroad reaches …?" asks for one
    asked = {w[:5] for w in re.findall(r"[a-z]{4,}", question_folded) if w not in _NOT_ITEMS and w.endswith("s")}
    for m in _COUNT_OF.finditer(fold(sentence)):
        if any(len(w) >= 4 and w[:5] in asked for w in m.group(2).split()) or COUNTS_KINDS.match(m.group(0)):
            return _COUNTS[m.group(1)]
    return None


COUNT_LEAD_SHARE = 0.55  # a list question's lead may be a sentence counting what is asked, named after it, at this share


def _named_after(candidates: list[Candidate], lead: Candidate, max_sentences: int,
                 counts: Callable[[str], int | None] | None) -> list[Candidate]:
    """The sentences after ``lead`` that name what it counts ("Three railroad groups …", "… in three focus areas"),
    when there are that many after it; else none."""
    opens = _OPENS_WITH_COUNT.match(lead.text)
    count = _COUNTS[opens.group(1).lower()] if opens else counts(lead.text) if counts is not None else None
    if count is None or ":" in lead.text:  # (not "Three increases took effect: batteries, magnets …")
        return []
    after = [_after(candidates, lead, k) for k in range(1, count + 1)]
    return [c for c in after[:max_sentences - 1] if c is not None] if all(after) else []


def enumerates(text: str) -> bool:
    """Whether a sentence is a list of items ("The list is 1 January; the first Monday of February; …")."""
    return text.count(";") >= 2 or bool(_ENUMERATION.match(text))


ANTECEDENT_SHARE = 0.8  # a pointing-back lead's antecedent opens the answer when it scores this share of the best other


def choose(candidates: list[Candidate], max_sentences: int, max_per_passage: int,
           wants_figure: bool = False, holds: Callable[[str], bool] | None = None,
           wants_list: bool = False, years: tuple[int, ...] = (),
           counts: Callable[[str], int | None] | None = None) -> list[Candidate]:
    """The lead (best sentence that agrees with every constraint; for a figure question, the best such sentence
    that states a figure unless it scores far below; for a sentence that opens by pointing back — "Its share is
    12.1%" — the sentence before it, then it), then the best others, no near-duplicates."""
    ordered = sorted(candidates, key=lambda c: -c.score)
    best = next((c for c in ordered if c.agrees and not refers_back(c.text)),
                next((c for c in ordered if c.agrees), ordered[0]))
    lead, follower = best, None
    if points_back(best.text):  # "Its share is 12.1%": its antecedent opens the answer, it follows
        antecedent = antecedent_of(candidates, best)
        standing = next((c for c in ordered if c.agrees and not points_back(c.text)), best)
        # (unless the antecedent is far from what was asked: "Directors … do not take part in PTU" before "Other
        # confidential employees … are capped at …" for "What's the cap on PTU per worker?")
        # (or when it holds more of the question's words than that one: "An initial training relationship … is a job
        # whose purpose is …" before "It lasts at most three months", over a lease's "minimum mandatory term")
        if antecedent is not None and (antecedent.score >= ANTECEDENT_SHARE * standing.score
                                       or antecedent.covered > standing.covered):
            # (the two read as one sentence when short: "NOM-004-SE-2021 governs …; it entered into force on …")
            lead, follower = (joined(antecedent, best), None) if joinable(antecedent, best) else (antecedent, best)
        else:
            lead = standing
    if follower is None and wants_figure and not traits(lead.text).figure \
            and not (holds is not None and holds(lead.text)):  # "within five business days" holds a period
        with_figure = next((c for c in ordered if c.agrees and not c.other_goods and not points_back(c.text)
                            and HAS_NUMBER.search(without_dates(c.text)) and (holds is None or holds(c.text))), None)
        if with_figure is not None and with_figure.score >= FIGURE_LEAD_SHARE * lead.score \
                and (with_figure.covered >= FIGURE_COVER_SHARE * lead.covered  # a figure about what was asked
                     or with_figure.features[F["focus"]] > 0):  # ("The fine for that infringement is …" for "What fine …?")
            lead = with_figure
    listed: list[Candidate] = []
    if follower is None and wants_list and not enumerates(lead.text):
        # "What are the mandatory holidays?": "The law sets eight …" with its list after it, the list answering —
        # after a lead that states the year asked about ("For 2026 the movable holidays fall on …")
        for cand in ordered:
            if cand.score < LIST_LEAD_SHARE * lead.score:
                break
            after = _after(candidates, cand)
            if cand.agrees and after is not None and enumerates(after.text) and not enumerates(cand.text):
                if any(str(y) in lead.text and str(y) not in cand.text for y in years):
                    listed = [cand, after]  # the dated lead stays first
                else:
                    lead, follower = cand, after
                break
    if follower is None and not listed and wants_list:
        # "Three railroad groups carry almost all US–Mexico rail freight.": the sentences after it name them
        listed = _named_after(candidates, lead, max_sentences, counts)
        if not listed and counts is not None and not enumerates(lead.text):
            # "… are organised in three focus areas …" for "What are the main areas …?" (``counts``), with the
            # sentences that name them after it, leads unless it scores far below
            for cand in ordered:
                if cand.score < COUNT_LEAD_SHARE * lead.score:
                    break
                if cand.agrees and counts(cand.text) and (named := _named_after(candidates, cand, max_sentences, counts)):
                    lead, listed = cand, named
                    break
    chosen = [lead] + ([follower] if follower is not None else []) + listed
    per_passage = {lead.passage_rank: len(chosen)}

    for cand in ordered:
        if len(chosen) >= max_sentences or cand.score < 0.6 * lead.score:
            break
        if any(cand is c for c in chosen) or not cand.agrees or per_passage.get(cand.passage_rank, 0) >= max_per_passage:
            continue
        if refers_back(cand.text) and not any(c.passage_rank == cand.passage_rank and c.position == cand.position - 1
                                              for c in chosen):
            continue  # "… el párrafo anterior" without that paragraph
        if points_back(cand.text) and chosen[-1].passage_rank == cand.passage_rank \
                and chosen[-1].position == cand.position - 1:
            if joinable(chosen[-1], cand):  # right after the sentence it points to: the two as one
                if not any(_similar(cand.tokens, other.tokens) or _within(cand.text, other.text) for other in chosen):
                    chosen[-1] = joined(chosen[-1], cand)
                    per_passage[cand.passage_rank] = per_passage.get(cand.passage_rank, 0) + 1
                continue
        elif points_back(cand.text):
            # "These records have to be kept for five years" after another sentence than the one naming the records:
            # it comes joined to its own when the two are short (a long pair: as it is, rather than lose its fact)
            antecedent = antecedent_of(candidates, cand)
            if antecedent is not None and joinable(antecedent, cand) \
                    and not any(antecedent is c or _within(antecedent.text, c.text) for c in chosen):
                cand = joined(antecedent, cand)
        if any(_similar(cand.tokens, other.tokens) or _translated(cand, other) or _within(cand.text, other.text)
               for other in chosen):
            continue
        chosen.append(cand)
        per_passage[cand.passage_rank] = per_passage.get(cand.passage_rank, 0) + 1
    return chosen
