"""How a calculator result's numbers and assumptions are shown: pure functions shared by the chat answer text
(:mod:`assistant.intents.wording`), the ``nearshore tool`` CLI and the web tables.

Each reader keeps its own number style, named here once:
- :func:`plain_number`, :func:`money` and :func:`percent` for sentences ("$4.20", "36.43%", "0.3464");
- :func:`compact_value` for the CLI ("1,234.50", "0.75", "true", "-", "20–35");
- :func:`table_value` for the web tables ("1,234.50", "0.3464", "yes", "—", "20, 35").

An assumption is one dict of a result's ``assumptions`` (or an :class:`~.common.Assumption`);
:func:`assumption_fields` reads its six fields and :func:`assumption_line` writes it as one line, in the
chat's style (:data:`CHAT`) or the CLI's (:data:`CLI`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping

ASSUMPTION_FIELDS = ("name", "value", "unit", "effective_from", "effective_to", "source")


def plain_number(x: float) -> str:
    """Up to four decimals, trailing zeros dropped: 20 → '20', 0.34640 → '0.3464', 1234.5 → '1,234.5'."""
    return f"{x:,.4f}".rstrip("0").rstrip(".")


def percent(x: float) -> str:
    """Up to two decimals and a percent sign: 36.43 → '36.43%', 60.0 → '60%'."""
    return f"{x:,.2f}".rstrip("0").rstrip(".") + "%"


def money(x: float | None, symbol: str = "$") -> str:
    """Two decimals with the sign before the symbol: -1.5 → '-$1.50'; ``None`` → '-'."""
    if x is None:
        return "-"
    return f"-{symbol}{abs(x):,.2f}" if x < 0 else f"{symbol}{x:,.2f}"


def compact_value(value: Any) -> str:
    """A value in the CLI's style: amounts of 100 or more with two decimals, smaller ones with up to four;
    booleans as true/false, ``None`` as '-', a range or list joined by '–'."""
    if isinstance(value, bool) or value is None:
        return str(value).lower() if value is not None else "-"
    if isinstance(value, float):
        return plain_number(value) if abs(value) < 100 else f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, list):
        return "–".join(compact_value(v) for v in value)
    return str(value)


def table_value(value: Any) -> str:
    """A value in the web tables' style: cents when that loses nothing (or the amount is 100 or more), else up
    to four decimals (unit costs and rates such as 0.3464); yes/no, '—' for ``None``, flat lists comma-joined."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if round(value, 2) == value or abs(value) >= 100:
            return f"{value:,.2f}"
        text = f"{value:,.4f}".rstrip("0")
        return text if not text.endswith(".") else f"{value:.3g}"
    if isinstance(value, int):
        return f"{value:,}"
    if value is None:
        return "—"
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return ", ".join(table_value(v) for v in value)
    return str(value)


def sentence_value(value: Any) -> str:
    """An assumption's figure in a sentence: numbers as :func:`plain_number`, a range joined by '–', text as is."""
    if isinstance(value, list):
        return "–".join(plain_number(v) for v in value)
    return plain_number(value) if isinstance(value, (int, float)) else str(value)


def assumption_fields(a: Mapping[str, Any] | Any) -> dict[str, Any]:
    """The six fields of an assumption (a result's dict or an ``Assumption``), ``None`` where one is absent."""
    data = a.model_dump(mode="json") if hasattr(a, "model_dump") else a
    return {key: data.get(key) for key in ASSUMPTION_FIELDS}


@dataclass(frozen=True)
class LineStyle:
    """How :func:`assumption_line` writes an assumption: the figure, the dates in force, the whole line."""

    value: Callable[[Any], str]
    dates: str  # with {start} and {end}; left out when the assumption has no start date
    open_end: Mapping[str, str]  # {end} of an assumption in force until changed, by language
    line: str  # with {name}, {value}, {unit}, {dates} and {source}


CHAT = LineStyle(sentence_value, ", {start} – {end}", {"en": "until changed", "es": "hasta nuevo aviso"},
                 "- {name}: {value} {unit}{dates} ({source})")
CLI = LineStyle(compact_value, " [{start} to {end}]", {"en": "open", "es": "open"},
                "  - {name}: {value} {unit}{dates} — {source}")


def assumption_line(a: Mapping[str, Any] | Any, lang: str = "en", style: LineStyle = CHAT) -> str:
    """One assumption on one line: its name, figure, unit, dates in force and source."""
    f = assumption_fields(a)
    dates = ""
    if f["effective_from"]:
        dates = style.dates.format(start=f["effective_from"], end=f["effective_to"] or style.open_end[lang])
    return style.line.format(name=f["name"], value=style.value(f["value"]), unit=f["unit"], dates=dates, source=f["source"])


# ------------------------------------------------------------------ latest-on-file notices
_NOTICE = re.compile(r"(?P<label>[^:]+): the .+? \(in force (?P<start>\d{4}-\d\d-\d\d) to (?P<end>\d{4}-\d\d-\d\d)\) "
                     r"(?:are|is) the latest on file and (?:were|was) applied to (?P<as_of>\d{4}-\d\d-\d\d); .*?"
                     r"from (?P<next>\d{4}-\d\d-\d\d)")
_NOTICE_LABELS_ES = {"Minimum wage": "Salario mínimo", "Statutory holidays": "Días de descanso obligatorio",
                     "Cesantía y vejez": "Cesantía y vejez", "UMA": "UMA", "MPF": "MPF"}


def notice_text(notice: str, lang: str = "en") -> str:
    """A result's latest-on-file notice in the reader's language (the tables word it in English)."""
    m = _NOTICE.match(notice)
    if lang == "en" or m is None:
        return notice
    label = _NOTICE_LABELS_ES.get(m["label"], m["label"])
    return (f"{label}: las cifras vigentes del {m['start']} al {m['end']} son las últimas registradas y se aplicaron al "
            f"{m['as_of']}; las que rigen desde el {m['next']} aún no están registradas.")


def notice_lines(result: Mapping[str, Any], lang: str = "en", prefix: str = "") -> list[str]:
    """The result's notices, one line each, for the top of an answer: figures that may be out of date."""
    return [f"{prefix}{notice_text(n, lang)}" for n in result.get("notices") or []]
