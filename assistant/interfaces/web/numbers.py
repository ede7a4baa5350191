"""Numbers as people type them into the calculator forms, and as the result tables show them. Pure functions.

Typed: ``1234.5``, ``1,234.5``, ``-3``, ``.5`` and, where a percent is asked for, ``4%``. A comma is read only as
a thousands separator (``1,234`` = 1234), never as a decimal comma: ``3,5`` is refused with the hint to type
``3.5`` rather than silently read as 35.

Shown: money with two decimals (``223,930.35``), percentages with two, or three when a rate needs them
(``25.00%``, ``6.613%``), other figures with at most three — never the four-decimal figures of raw results.
"""

from __future__ import annotations

import re
from typing import Any

_TYPED = re.compile(r"[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d{1,2}|[+-]?\d+,\d{4,}")
_BIG = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


class NotANumber(ValueError):
    """Text that is not a number as the forms read them. ``fix``: the number meant, when it is plain (``3.5``
    for ``3,5``); else ``None``."""

    def __init__(self, text: str, fix: str | None = None):
        super().__init__(f"'{text}' is not a number")
        self.fix = fix


def read_number(text: str, percent: bool = False) -> float:
    """The number typed in ``text`` (``percent``: a trailing ``%`` is allowed), or :class:`NotANumber`."""
    typed = text.strip()
    if percent and typed.endswith("%"):
        typed = typed[:-1].rstrip()
    if _TYPED.fullmatch(typed):
        return float(typed.replace(",", ""))
    if _DECIMAL_COMMA.fullmatch(typed):
        raise NotANumber(text, typed.replace(",", "."))
    raise NotANumber(text)


def typed_text(value: Any) -> str:
    """A number as a person would type it back: ``100,000``, ``2026``, ``10.5``, ``70``; other values as text."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "" if value is None else str(value)
    if float(value).is_integer():
        value = int(value)
    return f"{value:,}" if abs(value) >= 10_000 else str(value)


def bound_text(value: float) -> str:
    """A bound of an input in words: ``1990``, ``100,000``, ``1 trillion``, ``0.5``."""
    for size, word in _BIG:
        if abs(value) >= size and float(value / size).is_integer():
            return f"{value / size:g} {word}"
    return typed_text(value)


def money_text(value: float) -> str:
    """An amount of money: always two decimals, thousands separated (``-1,196.55``)."""
    return f"{value:,.2f}"


def percent_text(value: float) -> str:
    """A percentage: two decimals, three when the rate has them (``25.00%``, ``6.613%``, ``2.598%``)."""
    return f"{value:,.3f}".removesuffix("0") + "%"


def figure_text(value: Any) -> str:
    """Any other value of a result: whole numbers as such, other numbers with at most three decimals
    (two when that loses nothing), yes/no, '—' for nothing, flat lists comma-joined."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if round(value, 2) == value or abs(value) >= 100:
            return f"{value:,.2f}"
        if abs(value) < 0.001:
            return f"{value:.1g}"
        return f"{value:,.3f}".removesuffix("0")
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(figure_text(v) for v in value)
    return str(value)
