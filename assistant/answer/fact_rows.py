"""The rows behind the table facts: the sentence type, the row in force on the asked day, and how a period and a
date past the table read. Pure; shared by :mod:`assistant.answer.facts` and :mod:`assistant.answer.state_facts`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable

from assistant.answer.month_fit import months_named
from assistant.answer.question import Question
from assistant.calculators.formatting import money
from assistant.calculators.rates import Rate, RateBook
from assistant.text import long_date


@dataclass(frozen=True)
class TableFact:
    """A sentence stating one or more table rows, and the figures in it (to find the passage that agrees)."""

    text: str
    figures: tuple[str, ...]
    rows: tuple[Rate, ...]
    states: tuple[str, ...] = ()  # the Mexican states it is about: a sentence about another state cannot support it

    def in_force_in(self, year: int) -> bool:
        """Whether one of its rows is in force during ``year`` (the table holds that year's figure)."""
        return any(r.effective_from.year <= year and r.effective_to is not None and r.effective_to.year >= year
                   for r in self.rows)


# the two minimum-wage zones, as the facts name them (English, Spanish)
ZONE_NAMES = {"general": ("general zone", "zona general"),
              "border": ("northern border zone (ZLFN)", "zona libre de la frontera norte (ZLFN)")}


def amount(value: float) -> str:
    """A money figure without its currency symbol (the sentence names the currency): 2,932.75."""
    return money(value, symbol="")


def period(row: Rate, lang: str) -> str:
    start = long_date(row.effective_from, lang)
    if row.effective_to is None:
        return f"in force from {start} until changed" if lang == "en" else f"vigente desde el {start} hasta nuevo aviso"
    end = long_date(row.effective_to, lang)
    return f"in force {start} to {end}" if lang == "en" else f"vigente del {start} al {end}"


def asked_day(question: Question, today: date, fiscal_us: bool = False) -> date:
    """The day the question asks about: mid-year of a named year (for a US fiscal year, the FY's middle), or mid-month
    of a month named with it ("¿Qué UMA seguía vigente en enero de 2026?": the 2025 UMA ran to 31 January 2026), else
    today."""
    if question.years:
        year = question.years[-1]
        months = sorted(m for y, m in months_named(question.folded) if y == year)
        if len(months) == 1:
            return date(year, months[0], 15)
        return date(year - 1, 12, 31) if fiscal_us and re.search(r"\bfy|\bfiscal\b", question.folded) else date(year, 6, 30)
    return today


class BeforeTable(Exception):
    """The asked date is before the table's first row: the passages, not the table, must answer."""


def row_on(book: RateBook, table: str, day: date, **key) -> tuple[Rate, bool]:
    """The row in force on ``day``; else the latest row of the series and False (not in force)."""
    series = book[table].series(**key)
    for row in series:
        if row.in_force(day):
            return row, True
    if day < min(r.effective_from for r in series):
        raise BeforeTable(table)
    latest = max(series, key=lambda r: r.effective_from)
    return latest, False


def zone_wages(book: RateBook, day: date, zones: Iterable[str]) -> tuple[list[Rate], bool]:
    """The minimum-wage row of each zone in force on ``day`` (else its latest), and whether all of them are in force."""
    rows, in_force = [], True
    for zone in zones:
        row, ok = row_on(book, "minimum_wage", day, zone=zone)
        rows.append(row)
        in_force &= ok
    return rows, in_force


def not_on_file(question: Question, row: Rate, day: date, lang: str) -> str:
    """Said right after the figure (which leads, with its period) when the asked date is past the table's end."""
    when = str(question.years[-1]) if question.years else long_date(day, lang)
    if lang == "es":
        return f"Aún no tengo en archivo la cifra para {when}: esta es la más reciente."
    return f"I have no figure on file for {when} yet: this is the latest on file."


def dated(text: str, question: Question, row: Rate, in_force: bool, day: date, lang: str) -> str:
    """The fact's sentence, followed by :func:`not_on_file` when its row is not in force on the asked day."""
    return text if in_force else f"{text} {not_on_file(question, row, day, lang)}"
