"""Figures in text (numbers, percentages, amounts, dates, years) and whether a sentence's figures have a source.

Pure and cheap: regular expressions and :class:`decimal.Decimal`, nothing loaded at import time.

A figure is compared by value, not by how it is written: ``1,234.50`` == ``1234.5`` == ``1.234,50``,
``18%`` == ``18 percent`` == ``18 por ciento``, ``USD 1.2 million`` == ``1,200,000``, and
``2026-10-01`` == ``1 October 2026`` == ``October 1, 2026`` == ``1 de octubre de 2026``. A figure written
with fewer digits than its source counts as that source rounded (``0.35%`` for ``0.3464%``, ``13,333`` for
13333.33) when it keeps at least two significant digits; a figure written to the cent matches a value equal to
the cent (``13,333.33`` for a calculator's 13333.3333). Units are not compared: the check catches figures that
appear nowhere in the evidence, not a right number put to the wrong use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "abr": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "dic": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_ORD = r"(?:st|nd|rd|th|º|°|\.º|o)?"

_ISO_DATE = re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)")
_NUMERIC_DATE = re.compile(r"(?<![\d.,/])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})(?![\d/])")
_DAY_MONTH = re.compile(
    rf"(?<![\d.,])(?P<day>\d{{1,2}}){_ORD}\s+(?:of\s+|de\s+)?{_MONTH}(?:,?\s+(?:of\s+|de\s+|del\s+)?(?P<year>\d{{4}})(?!\d))?",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(
    rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?!\d){_ORD}(?!\s*(?:%|percent|per\s+cent|por\s+ciento))(?:,?\s+(?P<year>\d{{4}})(?!\d))?",
    re.IGNORECASE,
)

_NUMBER = re.compile(
    r"(?<!\d)(?P<num>\d{1,3}(?:[\u00a0\u202f]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)*)"
    r"(?P<mult>\s?(?:mil\s+millones|thousand|million|billion|trillion|millones|millón|millon|mil|billones|billón)\b"
    r"|(?:k|K|M|mn|bn)\b)?"
    r"(?P<pct>\s?(?:%|percent\b|per\s+cent\b|por\s+ciento\b|pct\b))?",
)
_MULTIPLIERS = {
    "thousand": 3, "mil": 3, "k": 3, "million": 6, "millones": 6, "millón": 6, "millon": 6, "m": 6, "mn": 6,
    "billion": 9, "bn": 9, "mil millones": 9, "trillion": 12, "billones": 12, "billón": 12,
}
_CURRENCY = re.compile(r"(?:[$€£]|\b(?:USD|MXN|CAD|EUR|CNY|RMB|pesos?|dollars?|d[oó]lares))\s?$", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(r"^\s?(?:USD|MXN|CAD|EUR|CNY|RMB|pesos?|dollars?|d[oó]lares)\b", re.IGNORECASE)

# What is not a figure: citation markers ("[2]", "[1, 3]"), list numbering ("1. ", "2) ", "(3) ").
_CITATION = re.compile(r"\[\s*\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*\s*\]")
_LEADING_ORDINAL = re.compile(r"^\s*(?:[-*+•]\s+)?(?:\(?\d{1,2}[.)]|\(\d{1,2}\))(?=\s|$)")
_INLINE_ORDINAL = re.compile(r"(?:(?<=^)|(?<=[\s:;,]))\(?\d{1,2}\)(?=\s)")

_HALF_CENT = Decimal("0.005")


@dataclass(frozen=True)
class Figure:
    """One figure as written, with every value it may stand for.

    ``values`` holds ``(value, tolerance)`` readings (two when the separators are ambiguous, e.g. ``1,234``;
    more for ``1.2 million`` or a percentage); ``dates`` holds ``(year or None, month, day)`` candidates;
    ``code`` is set for dotted identifiers such as tariff codes (``8708.29.50``).
    """

    text: str
    kind: str  # "number" | "percent" | "money" | "date" | "code"
    values: tuple[tuple[Decimal, Decimal], ...] = ()  # (value, how far a source value may lie from it)
    dates: tuple[tuple[int | None, int, int], ...] = ()
    code: str | None = None


def _valid(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31


def _significant(digits: str) -> int:
    return len(digits.lstrip("0")) or 1


def _parse_number(token: str) -> tuple[list[tuple[Decimal, Decimal, int]], str | None]:
    """``(value, quantum, significant digits)`` readings of a numeric token (two when the separators are
    ambiguous), or ``([], code)`` for a dotted identifier that is no number (``8708.29.50``)."""
    token = re.sub(r"[\u00a0\u202f]", "", token)
    seps = re.findall(r"[.,]", token)
    groups = re.split(r"[.,]", token)

    def reading(integer: str, fraction: str = "") -> tuple[Decimal, Decimal, int]:
        value = Decimal(f"{integer}.{fraction}" if fraction else integer)
        return value, Decimal(1).scaleb(-len(fraction)), _significant(integer + fraction)

    if not seps:
        return [reading(token)], None
    lead = groups[0]
    thousands_lead = 1 <= len(lead) <= 3 and not lead.startswith("0")
    if len(set(seps)) == 2:  # "1,234.50" or "1.234,50": the last separator is the decimal point
        if seps.count(seps[-1]) == 1 and thousands_lead and all(len(g) == 3 for g in groups[1:-1]):
            return [reading("".join(groups[:-1]), groups[-1])], None
        return [], ".".join(groups)
    if len(seps) == 1:
        integer, fraction = groups
        readings = [reading(integer, fraction)]
        if len(fraction) == 3 and thousands_lead:  # "1,234": a thousands separator or a decimal comma
            readings.insert(0, reading(integer + fraction))
        return readings, None
    if thousands_lead and all(len(g) == 3 for g in groups[1:]):  # "1,234,567" / "1.234.567"
        return [reading("".join(groups))], None
    return [], ".".join(groups)


def _tolerance(quantum: Decimal, sig: int, exact_cents: bool = True) -> Decimal:
    """How far a source value may lie from a figure written to ``quantum``: half its last digit when it keeps
    two significant digits (the source rounded, as ``13,333`` for 13333.33), else at most half a cent (values
    equal once rounded to two decimals, as ``5`` for 5.001) — never looser than the digits written."""
    if sig >= 2:
        return quantum / 2
    return min(quantum / 2, _HALF_CENT) if exact_cents else Decimal(0)


def _dates(text: str) -> tuple[list[Figure], str]:
    """Date figures in ``text`` and the text with their spans blanked out (so their digits are not re-read)."""
    found: list[tuple[int, int, Figure]] = []
    chars = list(text)

    def take(match: re.Match, candidates: list[tuple[int | None, int, int]]) -> None:
        candidates = [c for c in candidates if _valid(c[1], c[2])]
        if not candidates or any(chars[i] == "\0" for i in range(match.start(), match.end())):
            return
        found.append((match.start(), match.end(), Figure(match.group(0).strip(), "date", dates=tuple(candidates))))
        for i in range(match.start(), match.end()):
            chars[i] = "\0"

    for m in _ISO_DATE.finditer(text):
        take(m, [(int(m["year"]), int(m["m"]), int(m["d"]))])
    for m in _NUMERIC_DATE.finditer(text):
        a, b, y = int(m["a"]), int(m["b"]), int(m["year"])
        take(m, list(dict.fromkeys([(y, b, a), (y, a, b)])))  # day/month or month/day
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for m in pattern.finditer("".join(chars)):
            if m["month"] == "may":  # the verb ("2 may apply"), not the month
                continue
            year = int(m["year"]) if m["year"] else None
            take(m, [(year, _MONTHS[m["month"].lower()], int(m["day"]))])
    masked = "".join(" " if c == "\0" else c for c in chars)
    return [f for _, _, f in sorted(found, key=lambda t: t[0])], masked


def _not_figures(text: str) -> str:
    """``text`` without what only looks like a figure: citation markers and list numbering."""
    text = _CITATION.sub(" ", text)
    text = _LEADING_ORDINAL.sub(" ", text)
    return _INLINE_ORDINAL.sub(" ", text)


def extract_figures(text: str) -> list[Figure]:
    """Every figure in ``text``: dates first (their digits are not read again), then the other numbers.

    Citation markers (``[2]``) and list numbering (``1. ``, ``(2)``) are not figures."""
    dates, rest = _dates(_not_figures(text))
    figures = list(dates)
    for m in _NUMBER.finditer(rest):
        readings, code = _parse_number(m["num"])
        if code is not None:
            figures.append(Figure(m.group(0).strip(), "code", code=code))
            continue
        exp = _MULTIPLIERS.get(re.sub(r"\s+", " ", m["mult"].strip()).lower(), 0) if m["mult"] else 0
        values: list[tuple[Decimal, Decimal]] = []
        for value, quantum, sig in readings:
            values.append((value, _tolerance(quantum, sig)))
            if exp:  # "1.2 million" is also 1,200,000 (to the precision written)
                values.append((value.scaleb(exp), _tolerance(quantum.scaleb(exp), sig)))
        kind = "number"
        if m["pct"]:
            kind = "percent"  # 16% also matches a rate written as 0.16
            values += [(v.scaleb(-2), _tolerance(q.scaleb(-2), s, exact_cents=False))
                       for v, q, s in readings]
        elif _CURRENCY.search(rest[max(0, m.start() - 8):m.start()]) or _CURRENCY_AFTER.match(rest[m.end():]):
            kind = "money"
        figures.append(Figure(m.group(0).strip(), kind, values=tuple(values)))
    return figures


class Evidence:
    """The figures available to support a sentence: from source texts and from calculator results."""

    def __init__(self, sources: Iterable[str] = (), tool_results: Iterable[Any] = ()):
        self.numbers: set[Decimal] = set()
        self.dates: set[tuple[int | None, int, int]] = set()
        self.codes: set[str] = set()
        for text in sources:
            self._add_text(text)
        for result in tool_results:
            self._walk(result)

    def _add_text(self, text: str) -> None:
        for fig in extract_figures(text or ""):
            for value, _ in fig.values:
                self.numbers.add(value)
            for year, month, day in fig.dates:
                self.dates.add((year, month, day))
                if year is not None:
                    self.numbers.add(Decimal(year))
            if fig.code:
                parts = fig.code.split(".")
                for i in range(1, len(parts) + 1):
                    self.codes.add(".".join(parts[:i]))
                for i in (1, 2):
                    try:
                        self.numbers.add(Decimal(".".join(parts[:i])))
                    except InvalidOperation:  # pragma: no cover - parts are digits
                        pass

    def _walk(self, value: Any) -> None:
        if isinstance(value, bool) or value is None:
            return
        if isinstance(value, (int, float, Decimal)):
            try:
                self.numbers.add(Decimal(str(value)))
            except InvalidOperation:  # NaN / infinity
                pass
        elif isinstance(value, str):
            self._add_text(value)
        elif isinstance(value, dict):
            for item in value.values():
                self._walk(item)
        elif isinstance(value, (list, tuple, set)):
            for item in value:
                self._walk(item)

    def _number_supported(self, value: Decimal, tolerance: Decimal) -> bool:
        return value in self.numbers or any(abs(known - value) <= tolerance for known in self.numbers)

    def _date_supported(self, year: int | None, month: int, day: int) -> bool:
        for y, m, d in self.dates:
            if (m, d) == (month, day) and (year is None or y == year or (y is None and Decimal(year) in self.numbers)):
                return True
        return False

    def supports(self, fig: Figure) -> bool:
        if fig.kind == "date":
            return any(self._date_supported(*c) for c in fig.dates)
        if fig.kind == "code":
            return fig.code in self.codes
        return any(self._number_supported(v, t) for v, t in fig.values)

    def unsupported(self, sentence: str) -> list[str]:
        return [f.text for f in extract_figures(sentence) if not self.supports(f)]


def unsupported_figures(sentence: str, sources: list[str], tool_results: list[dict]) -> list[str]:
    """The figures of ``sentence`` (as written) that appear in none of ``sources`` nor in the calculator
    results ``tool_results``; an empty list means every figure has a source (or there is none)."""
    return Evidence(sources, tool_results).unsupported(sentence)
