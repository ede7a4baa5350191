"""Figures a question names, found again in a sentence: a sum of money, a percentage, a length of service.

"If we land a $2 million shipment …" is answered by "a shipment valued at $2,000,000 pays $2,500"; "Is that 10%
global surcharge still collected?" by "the 10% Section 122 surcharge …"; "an operator who has been with us 7 years"
by the table row "year of service 6-10 — minimum vacation days: 22", not by the row for years 1-5. Pure.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.intents.quantities import find_quantities

NAMED_SUM_BONUS = 0.25
NAMED_RATE_BONUS = 0.25
SERVICE_ROW_FIT = 0.3

# "an operator who has been with us 7 years", "con 5 años de antigüedad": a length of service a table row may cover
_SERVICE = re.compile(r"\b(?P<n>\d{1,2}) ?(?:years?|yrs?|anos?)\b(?! (?:ago|from now|later))")
_SERVICE_ROW = re.compile(r"^(?:years? of service|anos? de servicio|antiguedad|year|ano)[^—\d]{0,20}?"
                          r"(?P<low>\d{1,2})(?:\s*[-–]\s*(?P<high>\d{1,2}))?\s*—", re.IGNORECASE)


@lru_cache(maxsize=65536)
def sums(folded: str) -> frozenset[float]:
    """The sums of money a folded text states ("$2 million" and "$2,000,000" alike)."""
    return frozenset(q.value for q in find_quantities(folded, "en") if q.currency and not q.percent and q.value >= 100)


@lru_cache(maxsize=65536)
def rates(folded: str) -> frozenset[float]:
    """The percentages a folded text states ("10%", "10 percent")."""
    return frozenset(q.value for q in find_quantities(folded, "en") if q.percent)


def service_years(folded: str) -> int | None:
    found = _SERVICE.search(folded)
    return int(found["n"]) if found else None


def named_figures_fit(folded_question: str, sentence: str, folded: str) -> tuple[float, bool]:
    """(a score adjustment, whether the sentence fits): a bonus for stating a sum or a percentage the question names;
    for a table row of years of service, a bonus when it covers the length of service the question names, else a
    penalty and no fit."""
    adjust, fits = 0.0, True
    asked = sums(folded_question)
    if asked and asked & sums(folded):
        adjust += NAMED_SUM_BONUS
    named = rates(folded_question)
    if named and named & rates(folded):
        adjust += NAMED_RATE_BONUS
    service = service_years(folded_question)
    if service is not None:
        row = _SERVICE_ROW.match(sentence)
        if row:
            low, high = int(row["low"]), int(row["high"] or row["low"])
            adjust, fits = (adjust + SERVICE_ROW_FIT, fits) if low <= service <= high else (adjust - SERVICE_ROW_FIT, False)
    return adjust, fits
