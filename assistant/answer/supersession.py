"""Supersession notices: an answer that quotes a dated figure whose period has ended says what replaced it.

A passage written in 2025 may say "the general minimum wage is MXN 278.80"; asked today, that sentence is
history. Every amount in a rate table knows its period (``effective_from``/``effective_to``), so when a shown
sentence states an amount that only a row which has ended carries, and the question does not ask about that
row's period, the answer gets a short notice with the figure in force today and its source (or the latest on
file, said so). A question about a past year ("What was the border minimum wage in 2024?") gets no notice. Pure:
the rate book and today's date are passed in.
"""

from __future__ import annotations

import re
from datetime import date

from assistant.answer.question import Question
from assistant.calculators.formatting import money
from assistant.calculators.rates import Rate, RateBook
from assistant.text import long_date

# Tables whose values are amounts a sentence quotes with two decimals (wages, the UMA, fee limits).
TABLES = {"minimum_wage": ("the {zone} minimum wage", "el salario mínimo ({zone})"),
          "uma": ("the UMA", "la UMA"),
          "mpf": ("the MPF {item}", "el MPF ({item})")}
_ITEMS = {"minimum_usd": ("minimum", "mínimo"), "maximum_usd": ("maximum", "máximo")}
_ZONES = {"general": ("general", "general"), "border": ("northern border", "frontera norte")}
_CURRENCY = {"minimum_wage": "MXN ", "uma": "MXN ", "mpf": "US$"}
_AMOUNT = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*\.\d{2}(?!\d)")


def _figure(row: Rate) -> str:
    return money(float(row.value), symbol="")


def _shown(row: Rate) -> str:
    return _CURRENCY[row.table] + _figure(row)


def figure_rows(book: RateBook) -> dict[str, list[Rate]]:
    """Every two-decimal amount of the tables above, with the rows that carry it."""
    out: dict[str, list[Rate]] = {}
    for name in TABLES:
        for row in book[name].rows:
            if name == "mpf" and row.key.get("item") not in _ITEMS:
                continue
            out.setdefault(_figure(row), []).append(row)
    return out


def _what(row: Rate, lang: str) -> str:
    pattern = TABLES[row.table][0 if lang == "en" else 1]
    zone = _ZONES.get(row.key.get("zone", ""), ("", ""))[0 if lang == "en" else 1]
    item = _ITEMS.get(row.key.get("item", ""), ("", ""))[0 if lang == "en" else 1]
    return pattern.format(zone=zone, item=item)


def _asked_about(question: Question, row: Rate) -> bool:
    """The question names a year inside the row's period (a question about the past)."""
    end = row.effective_to or date.max
    return any(row.effective_from.year <= year <= end.year for year in question.years)


def _current(book: RateBook, row: Rate, today: date) -> tuple[Rate, bool]:
    """The row of the same series in force today, or the latest on file (False)."""
    series = book[row.table].series(**row.key)
    for candidate in series:
        if candidate.in_force(today):
            return candidate, True
    return max(series, key=lambda r: r.effective_from), False


def _until(row: Rate, lang: str) -> str:
    return long_date(row.effective_to, lang) if row.effective_to else "—"


def supersession_notices(sentences: list[str], question: Question, book: RateBook, today: date,
                         lang: str = "en", index: dict[str, list[Rate]] | None = None) -> list[str]:
    """One notice per superseded figure the ``sentences`` quote (at most one per table series); ``index`` is
    :func:`figure_rows` of ``book``, built once by the caller (else here)."""
    index = figure_rows(book) if index is None else index
    text = " ".join(sentences)
    notices, seen = [], set()
    for sentence in sentences:
        for amount in _AMOUNT.findall(sentence):
            rows = index.get(amount, [])
            if not rows or any(r.in_force(today) for r in rows):
                continue  # not a table figure, or still in force for one series
            row = max(rows, key=lambda r: r.effective_from)
            series = (row.table, tuple(sorted(row.key.items())))
            if series in seen or row.effective_from > today or _asked_about(question, row):
                continue
            current, in_force = _current(book, row, today)
            if current is row or _figure(current) == amount or _figure(current) in text:
                continue  # nothing newer on file, or the answer already gives the newer figure
            seen.add(series)
            what, start = _what(row, lang), long_date(current.effective_from, lang)
            if lang == "es":
                since = (f"vigente desde el {start}" if in_force
                         else f"la más reciente en archivo, vigente desde el {start}")
                notices.append(f"Aviso: {_shown(row)} era {what} hasta el {_until(row, lang)}; la cifra actual es "
                               f"{_shown(current)} ({since}; {current.source_title}).")
            else:
                since = f"in force from {start}" if in_force else f"the latest on file, in force from {start}"
                notices.append(f"Note: {_shown(row)} was {what} until {_until(row, lang)}; the current figure is "
                               f"{_shown(current)} ({since}; {current.source_title}).")
    return notices
