"""Whether a sentence states the month a question asks about: "¿Cuánto costaba en febrero de 2025 el flete …?" is
answered by "In February 2025 the Asia–US West Coast rate was about $3,625 …", not by "Between June 2024 and mid-2025
… fell from about $6,840 to roughly $1,600", though both name 2025. Pure; months in English or Spanish, with a year.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.text import MONTH_NAMES, fold

_NUMBER = {fold(name): i for names in MONTH_NAMES.values() for i, name in enumerate(names, 1)}
_MONTH_YEAR = re.compile(rf"\b({'|'.join(_NUMBER)})(?:,? (?:de |del |of )?)((?:19|20)\d\d)\b")
_DAY_MONTH_YEAR = re.compile(rf"\b\d{{1,2}} (?:de )?({'|'.join(_NUMBER)}),? (?:de |del )?((?:19|20)\d\d)\b")
MONTH_BONUS = 0.3


@lru_cache(maxsize=16384)
def months_named(folded: str) -> frozenset[tuple[int, int]]:
    """The (year, month) pairs a folded text names: "february 2025", "febrero de 2025", "15 january 2026"."""
    return frozenset((int(m.group(2)), _NUMBER[m.group(1)]) for pattern in (_MONTH_YEAR, _DAY_MONTH_YEAR)
                     for m in pattern.finditer(folded))


def month_fit(folded_question: str, folded_sentence: str) -> float:
    """A bonus for a sentence naming a month (with its year) the question asks about; 0 otherwise."""
    asked = months_named(folded_question)
    return MONTH_BONUS if asked and asked & months_named(folded_sentence) else 0.0
