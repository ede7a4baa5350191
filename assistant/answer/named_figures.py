"""Figures a question names, found again in a sentence: a sum of money, a percentage, a length of service, the
currency a figure is asked in.

"If we land a $2 million shipment …" is answered by "a shipment valued at $2,000,000 pays $2,500"; "Is that 10%
global surcharge still collected?" by "the 10% Section 122 surcharge …"; "an operator who has been with us 7 years"
by the table row "year of service 6-10 — minimum vacation days: 22", not by the row for years 1-5. Pure.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.intents.quantities import find_quantities

NAMED_SUM_BONUS = 0.25
NAMED_CURRENCY_FIT = 0.2
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


# "how much … is exempt, in pesos?", "¿cuánto es en dólares?": the currency the figure is asked in
_ASKED_CURRENCY = (("mxn", re.compile(r"\b(?:in|en) (?:mexican )?(?:pesos|mxn)\b")),
                   ("usd", re.compile(r"\b(?:in|en) (?:us )?(?:dollars|dolares|usd)\b")))


@lru_cache(maxsize=1024)
def asked_currency(folded: str) -> str | None:
    """The currency a (folded) question asks a sum in, read once per question, not once per candidate sentence."""
    return next((code for code, pattern in _ASKED_CURRENCY if pattern.search(folded)), None)


@lru_cache(maxsize=65536)
def currencies(folded: str) -> frozenset[str]:
    """The currencies a folded text states sums in ("mxn 3,519.30" → mxn)."""
    return frozenset(q.currency for q in find_quantities(folded, "en") if q.currency and not q.percent)


def service_years(folded: str) -> int | None:
    found = _SERVICE.search(folded)
    return int(found["n"]) if found else None


def named_figures_fit(folded_question: str, sentence: str, folded: str) -> tuple[float, bool]:
    """(a score adjustment, whether the sentence fits): a bonus for stating a sum or a percentage the question names;
    for a question asking for a sum in a currency ("in pesos"), a bonus for a sum in it, a penalty for none;
    for a table row of years of service, a bonus when it covers the length of service the question names, else a
    penalty and no fit."""
    adjust, fits = 0.0, True
    asked = sums(folded_question)
    if asked and asked & sums(folded):
        adjust += NAMED_SUM_BONUS
    currency = asked_currency(folded_question)
    if currency is not None:  # ("up to 30 days of the reference value" is no sum in pesos)
        adjust += NAMED_CURRENCY_FIT if currency in currencies(folded) else -NAMED_CURRENCY_FIT
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
