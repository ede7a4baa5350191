"""How the extractive composer weighs a candidate sentence: a weighted sum of named features.

Each sentence of the retrieved passages gets one row of features (how much of the question it covers, how close
it is in meaning, whether it holds the answer type asked for, whether it contradicts a constraint, …) and its score
is that row times :data:`WEIGHTS`. The weights are set by hand and checked on the dev part of ``tests/qa``; a
listwise fit of them on the dev items (the sentence holding the key fact first) was tried and did not beat them on
items it had not seen (top-1 0.60–0.63 either way): the features, not their weights, limit the ranking.
"""

from __future__ import annotations

import numpy as np

FEATURES: tuple[str, ...] = (
    "covered",          # share of the question's IDF-weighted terms the sentence holds
    "context",          # share the rest of its passage (title, section, text) holds besides
    "rank_prior",       # 1 / (1 + the passage's retrieval rank)
    "dense",            # the passage's similarity to the question
    "constraint",       # constraint fit: another year, zone, tariff line or goods than asked (negative)
    "answer_type",      # holds the answer type asked for (a figure, a period, a date, a definition, reasons)
    "other_language",   # 1 when the passage is not in the visitor's language
    "uploaded",         # 1 for an uploaded document (the curated guides outrank it)
    "long",             # 1 for a sentence of more than 70 words
    "references",       # legal references shared with the question (at most 2)
    "focus",            # share of the words naming what is asked ("fine" in "What fine …?") it holds
    "meaning",          # cosine similarity of the sentence (a law's: its provision) to the question
    "official",         # 1 for a sentence of an official text (out of its article, it is a poor lead)
)

WEIGHTS: dict[str, float] = {
    "covered": 1.0, "context": 0.35, "rank_prior": 0.05, "dense": 0.1, "constraint": 1.0, "answer_type": 1.0,
    "other_language": -0.3, "uploaded": -0.25, "long": -0.1, "references": 0.15, "focus": 0.2, "meaning": 1.0,
    "official": -0.1,
}
# Our curated guides over uploaded documents (an uploaded sentence can still support, and a
# disagreement is named — conflicts.py), and over the official texts: a law's sentence out of its article ("el
# impuesto se determinará aplicando la tasa del 25% …", a non-resident's withholding, led a Spanish question on the
# corporate income tax rate) is a poor lead for a visitor's question; the law leads when the question names it
# (assistant.answer.official). Set at -0.1: no dev check moved, -0.2 lost two dev first sentences.

_VECTOR = np.array([WEIGHTS[name] for name in FEATURES], dtype=np.float64)


def score(rows: np.ndarray) -> np.ndarray:
    """Each candidate's score: its feature row times the weights."""
    return rows @ _VECTOR
