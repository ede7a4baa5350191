"""Named classes of what a text is about, found by the words that name them — the shape shared by the program, levy
and employment-arrangement constraints: a sentence about one class does not answer a question about another. Pure.
"""

from __future__ import annotations

import re
from functools import lru_cache


class TextClasses:
    """Classes named by regular expressions over folded text (``{name: pattern}``), and the penalty for a sentence
    about another class than the one class a question names."""

    def __init__(self, patterns: dict[str, str], penalty: float) -> None:
        self._names = list(patterns)
        self._pattern = re.compile("|".join(rf"(?P<c{i}>\b(?:{rx})\b)" for i, rx in enumerate(patterns.values())))
        self.penalty = penalty
        self.named = lru_cache(maxsize=16384)(self._named)

    def _named(self, folded: str) -> frozenset[str]:
        """The classes a (folded) text names."""
        return frozenset(self._names[int(m.lastgroup[1:])] for m in self._pattern.finditer(folded))

    def fit(self, folded_question: str, folded_sentence: str, folded_where: str = "") -> float:
        """``-penalty`` for a sentence about another class than the one class the question names (the sentence's own
        classes, else — when ``folded_where`` is given — its passage's title and section's); 0 otherwise."""
        asked = self.named(folded_question)
        if len(asked) != 1:
            return 0.0
        named = self.named(folded_sentence) or (self.named(folded_where) if folded_where else frozenset())
        return -self.penalty if named and not named & asked else 0.0
