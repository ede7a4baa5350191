"""One candidate sentence of an answer and its feature row: what the composer (:mod:`assistant.answer.extractive`)
scores and :mod:`assistant.answer.choice` picks from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.answer import ranking


@dataclass
class Candidate:
    passage_rank: int
    position: int
    text: str
    tokens: frozenset[str]
    score: float
    covered: float
    agrees: bool  # fits every constraint of the question (year, zone)
    other_goods: bool = False  # about goods with rules of their own that the question does not name
    glossed: int = 0  # for a passage matched through the question's English gloss: how many of its words it has
    features: Any = None  # its row of assistant.answer.ranking.FEATURES


# a feature's column in a candidate's row
F = {name: i for i, name in enumerate(ranking.FEATURES)}
