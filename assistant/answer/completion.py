"""After the composer chooses an answer's sentences: what the question asks that none of them says yet.

A two-part question ("How much …, and when is it paid out?") whose second part no chosen sentence answers, and a
figure question whose chosen sentences all miss the kind of figure asked ("What was the deadline …?" answered "…
within four years"), get the sentence that holds it. Pure: over the composer's scored candidates.
"""

from __future__ import annotations

import re
from typing import Protocol, TypeVar

from assistant.answer.fit import holds_answer, type_fit
from assistant.answer.gloss import english_gloss
from assistant.answer.joined import joinable, joined
from assistant.answer.question import Question, analyze
from assistant.answer.topics import conversational
from assistant.index.lexical import tokenize


class _Scored(Protocol):
    """What this module reads of the composer's candidates (:class:`assistant.answer.extractive._Candidate`)."""

    text: str
    tokens: frozenset[str]
    score: float
    agrees: bool
    other_goods: bool
    passage_rank: int


_Candidate = TypeVar("_Candidate", bound=_Scored)


_SECOND_PART = re.compile(r"[,;]? (?:and|y) (?=(?:when|how|what|which|who|cuando|como|que|cual|cuanto)\b)")


def second_part(q: Question, chosen: list[_Candidate], candidates: list[_Candidate]) -> list[_Candidate]:
    """A two-part question ("How much … , and when is it paid out?", "¿para cuándo …, y qué pasa si no lo mandamos?")
    whose second part wants a figure, period, date or consequence that no chosen sentence holds: the best sentence
    holding one, sharing a word with that part, takes the last place."""
    parts = _SECOND_PART.split(q.folded, maxsplit=1)
    if len(parts) < 2 or len(chosen) < 2:
        return chosen
    second = analyze(parts[1])
    if not (second.wants_figure or second.asks_consequence) or any(type_fit(second, c.text, "") > 0 for c in chosen):
        return chosen
    words = frozenset(tokenize(parts[1])) - conversational()
    if second.asks_consequence:  # "¿… y qué pasa si no lo mandamos?": what follows the question's own subject (the
        # report), in the question's words or, for an English guide, its gloss's
        words = (frozenset(tokenize(q.folded)) | frozenset(tokenize(english_gloss(q.folded)))) - conversational()
    best = next((c for c in sorted(candidates, key=lambda c: -c.score) if c.agrees and c not in chosen
                 and c.tokens & words and type_fit(second, c.text, "") > 0), None)
    return chosen if best is None else [*chosen[:-1], best]


def first_part(q: Question, chosen: list[_Candidate], candidates: list[_Candidate]) -> list[_Candidate]:
    """A two-part question whose first part wants a rate no chosen sentence states, while the lead answers the second
    ("What is the corporate income tax rate in Mexico, and how long after year-end do we have to file the annual
    return?" led by "The annual income-tax return is due within the 3 months …"): the best sentence holding it, sharing
    a word with that part, leads, and the rest follow it."""
    parts = _SECOND_PART.split(q.folded, maxsplit=1)
    if len(parts) < 2 or len(chosen) < 2:
        return chosen
    first = analyze(parts[0])
    if first.answer_type != "rate" or any(_PERCENT.search(c.text) for c in chosen):
        return chosen  # (a rate only: "3 months" is a figure, not the rate asked)
    words = frozenset(tokenize(parts[0])) - conversational()
    best = next((c for c in sorted(candidates, key=lambda c: -c.score) if c.agrees and c not in chosen
                 and len(c.tokens & words) >= min(2, len(words)) and _PERCENT.search(c.text)), None)
    return chosen if best is None else [best, *chosen[:-1]]


_PERCENT = re.compile(r"\d\s?%|\bpercent\b|\bpor ciento\b")


def complete(q: Question, chosen: list[_Candidate], candidates: list[_Candidate]) -> list[_Candidate]:
    """A figure question whose lead, and the chosen sentences of the lead's passage, miss what it asks for ("What was
    the deadline …?" answered "… within four years"): the best sentence of that passage that states it ("The four-year
    period ran to 1 May 2023.") follows the lead, in place of the last sentence."""
    if not q.wants_figure or not chosen:
        return chosen
    lead = chosen[0]
    # (a sentence of another passage stating some date — "a reform published on 1 May 2019" — does not complete it)
    if any(holds_answer(q, c.text) for c in chosen if c.passage_rank == lead.passage_rank):
        return chosen
    best = next((c for c in sorted(candidates, key=lambda c: -c.score) if c.passage_rank == lead.passage_rank
                 and c.agrees and c not in chosen and not c.other_goods and holds_answer(q, c.text)), None)
    if best is None:
        return chosen
    if best.position == lead.position + 1 and joinable(lead, best):  # "… textiles; it entered into force on …"
        return [joined(lead, best), *chosen[1:]]
    return [lead, best, *chosen[1:-1]] if len(chosen) > 2 else [lead, best]
