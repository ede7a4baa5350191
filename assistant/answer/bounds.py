"""A bound asked and a bound stated: "What's the longest period it can cover?" is answered by "The blanket period …
may not exceed 12 months", not by another span of time the same subject has ("valid for 4 years"). Pure."""

from __future__ import annotations

import re

from assistant.text import fold

_NOT_TIME = r"(?! (?:daily |diario )?(?:wages?|salar\w*|sueldos?|benefits?|prestaciones))"
# a question asking for the most or the least of a span of time: "longest", "maximum", "at most", "¿plazo máximo?"
# (not "the minimum wage", "salario mínimo")
_ASKS_BOUND = re.compile(rf"\b(?:longest|shortest|maximum|minimum|max|at most|at least|maxim[oa]|minim[oa]|como maximo)\b"
                         + _NOT_TIME)
# a sentence stating one: "may not exceed 12 months", "up to 18 months", "at least 30 days", "hasta por dos años"
_STATES_BOUND = re.compile(r"\b(?:(?:may|must|can|shall|will|does) not exceed|not (?:to )?exceed|no (?:more|longer|less) than|"
                           r"at (?:most|least)|up to|(?:a |the )?(?:maximum|minimum|longest|shortest) (?:of|period|term)|"
                           r"hasta por|como (?:maximo|minimo)|(?:plazo|periodo) (?:maximo|minimo)|no (?:podra|debera|puede) "
                           r"exceder|no (?:mayor|menor)(?:es)? de|cuando menos|por lo menos)\b")
BOUND_BONUS = 0.15


def bound_fit(folded_question: str, sentence: str) -> float:
    """:data:`BOUND_BONUS` for a sentence stating a bound when the question asks for one, else 0."""
    return BOUND_BONUS if _ASKS_BOUND.search(folded_question) and _STATES_BOUND.search(fold(sentence)) else 0.0
