"""Sentences in two languages on one scale: a Spanish question is answered from Spanish and English passages alike.

The embedding model reads English best, and an English passage is matched to a Spanish question through its
word-by-word gloss: without care, the language a sentence is written in would decide more than what it says.
"""

from __future__ import annotations

import numpy as np

from assistant.answer.candidate import F, Candidate
from assistant.models import Passage


def center_by_language(candidates: list[Candidate], passages: list[Passage]) -> None:
    """Put the meanings of Spanish and English sentences on one scale: each language's candidates centered on their
    own mean, then shifted to the mean of all."""
    meaning = F["meaning"]
    groups: dict[str, list[Candidate]] = {}
    for cand in candidates:
        groups.setdefault(passages[cand.passage_rank].chunk.language, []).append(cand)
    if len(groups) < 2:
        return
    overall = float(np.mean([c.features[meaning] for c in candidates]))
    for members in groups.values():
        own = float(np.mean([c.features[meaning] for c in members]))
        for cand in members:
            cand.features[meaning] += overall - own


def other_language_where_own_falls_short(candidates: list[Candidate], passages: list[Passage], lang: str) -> None:
    """A sentence in the other language is marked down (feature ``other_language``) only as far as a sentence in the
    visitor's language covers the question as well: "The company's legal representative then obtains the e.firma …"
    answers "¿Cómo se saca la e.firma de la empresa?" better than any Spanish sentence that shares "empresa" with it,
    and must not lose to one for its language alone."""
    own = max((c.covered for c in candidates if passages[c.passage_rank].chunk.language == lang), default=0.0)
    column = F["other_language"]
    for cand in candidates:
        if cand.features[column] and cand.covered > own:
            cand.features[column] = own / cand.covered
