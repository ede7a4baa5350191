"""Dated facts straight from the rate tables the calculators use.

A look-up question whose answer is a value in a rate table ("What is the daily minimum wage in Tijuana in
2026?", "UMA 2025?", "MPF maximum this fiscal year?") is answered from the row in force on the asked date,
with its effective dates and source; the composer cites a corpus passage beside it. A date the table does not
cover is said plainly, naming the latest row on file. Pure: the rate book and today's date are passed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from assistant.answer.question import Question
from assistant.calculators.formatting import money
from assistant.calculators.rates import Rate, RateBook


@dataclass(frozen=True)
class TableFact:
    """A sentence stating one or more table rows, and the figures in it (to find the passage that agrees)."""

    text: str
    figures: tuple[str, ...]
    rows: tuple[Rate, ...]


def _money(value: float) -> str:
    return money(value, symbol="")


def _period(row: Rate, lang: str) -> str:
    until = row.effective_to.isoformat() if row.effective_to else ("until changed" if lang == "en" else "hasta nuevo aviso")
    return (f"in force {row.effective_from.isoformat()} to {until}" if lang == "en"
            else f"vigente del {row.effective_from.isoformat()} al {until}")


def _asked_day(question: Question, today: date, fiscal_us: bool = False) -> date:
    """The day the question asks about: mid-year of a named year (for a US fiscal year, the FY's middle), else today."""
    if question.years:
        year = question.years[-1]
        return date(year - 1, 12, 31) if fiscal_us and re.search(r"\bfy|\bfiscal\b", question.folded) else date(year, 6, 30)
    return today


# A question that mentions the minimum wage but asks about something built on it (the SBC, a cost, a benefit).
_ABOUT_SOMETHING_ELSE = re.compile(r"\b(?:sbc|salario base|integrated|integrado|cost|costo|imss|infonavit|payroll|nomina|"
                                   r"aguinaldo|vacation|vacaciones|overtime|horas extra|burden|carga|ptu|increase|aumento)\b")


class BeforeTable(Exception):
    """The asked date is before the table's first row: the passages, not the table, must answer."""


def _row(book: RateBook, table: str, day: date, **key) -> tuple[Rate, bool]:
    """The row in force on ``day``; else the latest row of the series and False (not in force)."""
    series = book[table].series(**key)
    for row in series:
        if row.in_force(day):
            return row, True
    if day < min(r.effective_from for r in series):
        raise BeforeTable(table)
    latest = max(series, key=lambda r: r.effective_from)
    return latest, False


def _not_on_file(question: Question, row: Rate, day: date, lang: str) -> str:
    when = str(question.years[-1]) if question.years else day.isoformat()
    if lang == "es":
        return f"No tengo en archivo la cifra para {when}; la más reciente en archivo es esta ({_period(row, 'es')})."
    return f"I have no figure on file for {when}; the latest on file is this one ({_period(row, 'en')})."


def _minimum_wage(question: Question, book: RateBook, today: date, lang: str) -> TableFact | None:
    if not re.search(r"\b(?:minimum|min\.?) (?:daily )?wage|salario minimo|sueldo minimo|minimo (?:diario|general)\b",
                     question.folded) or _ABOUT_SOMETHING_ELSE.search(question.folded):
        return None
    day = _asked_day(question, today)
    zones = [question.zone] if question.zone else ["general", "border"]
    names = {"general": ("general zone", "zona general"),
             "border": ("northern border zone (ZLFN)", "zona libre de la frontera norte (ZLFN)")}
    rows, parts, in_force = [], [], True
    for zone in zones:
        row, ok = _row(book, "minimum_wage", day, zone=zone)
        in_force &= ok
        rows.append(row)
        name = names[zone][0 if lang == "en" else 1]
        parts.append(f"{name}: MXN {_money(row.value)}" + (" a day" if lang == "en" else " diarios"))
    place = f" ({', '.join(question.places)})" if question.places else ""
    year = rows[0].effective_from.year
    if lang == "es":
        text = f"Salario mínimo {year}{place} — {'; '.join(parts)} ({_period(rows[0], 'es')}; {rows[0].source_title})."
    else:
        text = f"Minimum wage {year}{place} — {'; '.join(parts)} ({_period(rows[0], 'en')}; {rows[0].source_title})."
    if not in_force:
        text = _not_on_file(question, rows[0], day, lang) + " " + text
    return TableFact(text, tuple(_money(r.value) for r in rows), tuple(rows))


def _uma(question: Question, book: RateBook, today: date, lang: str) -> TableFact | None:
    if not re.search(r"\buma\b|unidad de medida", question.folded):
        return None
    day = _asked_day(question, today)
    row, ok = _row(book, "uma", day)
    if lang == "es":
        text = f"UMA diaria: MXN {_money(row.value)} ({_period(row, 'es')}; {row.source_title})."
    else:
        text = f"UMA (daily value): MXN {_money(row.value)} ({_period(row, 'en')}; {row.source_title})."
    if not ok:
        text = _not_on_file(question, row, day, lang) + " " + text
    return TableFact(text, (_money(row.value),), (row,))


def _mpf(question: Question, book: RateBook, today: date, lang: str) -> TableFact | None:
    if not re.search(r"\bmpf\b|merchandise processing fee", question.folded):
        return None
    day = _asked_day(question, today, fiscal_us=True)
    rows = {item: _row(book, "mpf", day, item=item) for item in ("rate_pct", "minimum_usd", "maximum_usd")}
    ok = all(found for _, found in rows.values())
    rate, low, high = (rows[i][0] for i in ("rate_pct", "minimum_usd", "maximum_usd"))
    fy = rate.effective_to.year if rate.effective_to else rate.effective_from.year + 1
    if lang == "es":
        text = (f"MPF del año fiscal {fy}: {rate.value}% del valor declarado, mínimo US${_money(low.value)} y máximo "
                f"US${_money(high.value)} por entrada ({_period(rate, 'es')}; {rate.source_title}).")
    else:
        text = (f"MPF for fiscal year {fy}: {rate.value}% of the entered value, minimum ${_money(low.value)} and "
                f"maximum ${_money(high.value)} per entry ({_period(rate, 'en')}; {rate.source_title}).")
    if not ok:
        text = _not_on_file(question, rate, day, lang) + " " + text
    return TableFact(text, (_money(low.value), _money(high.value)), (rate, low, high))


_LOOKUPS = (_minimum_wage, _uma, _mpf)


def table_fact(question: Question, book: RateBook, today: date, lang: str = "en") -> TableFact | None:
    """The rate-table fact a look-up question asks for, or None when no table answers it."""
    if not question.wants_figure and question.answer_type not in ("definition", "other"):
        return None
    for lookup in _LOOKUPS:
        try:
            fact = lookup(question, book, today, lang)
        except BeforeTable:
            return None
        if fact is not None:
            return fact
    return None
