"""Table facts beyond wages and the UMA: the state payroll tax of each state a question names, the seniority
premium's wage cap (twice the zone's minimum wage), and the one-row benefits and fees (aguinaldo, vacation premium,
PTU share, Harbor Maintenance Fee). Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable

from assistant.answer.fact_rows import ZONE_NAMES, TableFact, amount, asked_day, dated, period, row_on, zone_wages
from assistant.answer.question import Question
from assistant.answer.fit import traits
from assistant.calculators.places import find_places
from assistant.calculators.rates import RateBook
from assistant.text import fold, split_sentences


_PAYROLL_TAX = re.compile(r"\b(?:(?:state )?payroll tax(?:es)?|isn|impuestos? (?:estatal(?:es)? )?(?:sobre|a la|de) (?:la )?"
                          r"nominas?)\b")


def _mexican_places(question: Question) -> list:
    """The Mexican places with a state that a question names (a state, or a city in one)."""
    return [m.place for m in find_places(question.folded) if m.place.country == "MX" and m.place.state]


def payroll_tax_fact(question: Question, book: RateBook, today: date, lang: str) -> TableFact | None:
    """The state payroll tax (ISN) rate of each Mexican state the question names (by name or through a city), with
    its verification status; None for no state or a state not on file (the passages, or "not covered", answer)."""
    if not _PAYROLL_TAX.search(question.folded):
        return None
    places = _mexican_places(question)
    states = list(dict.fromkeys(place.state for place in places))
    if not states or any(not book["payroll_tax"].series(state=state) for state in states):
        return None
    day = asked_day(question, today)
    parts, rows, in_force = [], [], True
    for state in states:
        row, ok = row_on(book, "payroll_tax", day, state=state)
        in_force &= ok
        rows.append(row)
        cities = ", ".join(dict.fromkeys(p.name for p in places if p.state == state and p.name != state))
        where = f"{state} ({cities})" if cities else state
        unverified = str(row.attrs.get("note") or "").startswith("UNVERIFIED")
        if lang == "es":
            parts.append(f"{where}: {row.value:g}% de la nómina gravable ({period(row, 'es')}; {row.source_title})"
                         + ("; SIN VERIFICAR: una sola fuente secundaria, confírmelo en la Ley de Hacienda del estado"
                            if unverified else ""))
        else:
            parts.append(f"{where}: {row.value:g}% of taxable payroll ({period(row, 'en')}; {row.source_title})"
                         + ("; UNVERIFIED: one secondary source only, check the state's Ley de Hacienda before "
                            "relying on it" if unverified else ""))
    head = "Impuesto sobre nómina (ISN) de " if lang == "es" else "State payroll tax (ISN) in "
    text = head + "; ".join(parts) + "."
    text = dated(text, question, rows[0], in_force, day, lang)
    return TableFact(text, tuple(f"{r.value:g}" for r in rows), tuple(rows), tuple(states))


@dataclass(frozen=True)
class _Single:
    """A one-row fact: which table row, the words that ask for it, the words that ask for something else, and how
    it reads ({value} is the row's value; {period}, {source} are added)."""

    table: str
    key: dict
    asks: re.Pattern
    not_asks: re.Pattern | None
    en: str
    es: str
    types: tuple[str, ...] = ("amount", "rate", "definition")  # the answer types that ask for it


# "What's the minimum aguinaldo?", "¿De cuántos días es el aguinaldo?" — not "by when is it paid?" (a date) nor a cost.
_SINGLES = (
    _Single("lft_benefits", {"item": "aguinaldo_days"}, re.compile(r"\baguinaldo|year-end bonus|christmas bonus"),
            re.compile(r"\b(?:cost|costo|sbc|integra\w*|tax|isr|impuesto|deduct\w*|proportional|proporcional|"
                       r"prorat\w*|wages?|salario|sueldo|pesos?|mxn|paid|earn\w*|gana\w*)\b"),
            "Aguinaldo (statutory year-end bonus, legal minimum): {value:g} days of salary a year",
            "Aguinaldo (mínimo legal): {value:g} días de salario al año",
            ("amount", "rate", "definition", "duration")),  # "¿cuántos días de aguinaldo?" counts days
    _Single("lft_benefits", {"item": "vacation_premium_pct"}, re.compile(r"\bvacation premium|prima vacacional"),
            re.compile(r"\b(?:cost|costo|sbc|integra\w*|tax|isr|impuesto)\b"),
            "Vacation premium (prima vacacional, legal minimum): {value:g}% of the vacation pay",
            "Prima vacacional (mínimo legal): {value:g}% del salario de las vacaciones"),
    _Single("lft_benefits", {"item": "ptu_pct"},
            re.compile(r"\bptu\b|profit[- ]sharing|(?:reparto|participacion) (?:de (?:los trabajadores en )?)?(?:las )?utilidades"),
            re.compile(r"\b(?:cap|caps|capped|ceiling|limit|maximum|tope|limite|maximo|individual|each worker|per worker|"
                       r"por trabajador|shelter|exempt\w*|exent\w*|"
                       # (a count of days worked, or a deadline, is asked: "is there a minimum number of days they must
                       # have worked?")
                       r"days?|dias?|months?|meses|when|cuando|deadline|plazo)\b"),
            "PTU (profit sharing): {value:g}% of the company's taxable profit",
            "PTU (reparto de utilidades): {value:g}% de la utilidad fiscal de la empresa"),
    _Single("hmf", {}, re.compile(r"\bhmf\b|harbou?r maintenance fee"),
            re.compile(r"\b(?:truck\w*|rail|camion\w*|ferrocarril|air|aere\w*)\b"),
            "US Harbor Maintenance Fee: {value:g}% of the cargo value, on ocean shipments only, with no minimum or "
            "maximum",
            "Harbor Maintenance Fee de EE. UU.: {value:g}% del valor de la carga, solo en envíos marítimos, sin mínimo "
            "ni máximo"),
)


def single_fact(question: Question, book: RateBook, today: date, lang: str) -> TableFact | None:
    """The one-row facts of :data:`_SINGLES` a figure question asks for."""
    # a rate or an amount ("What's the vacation premium?" too), not a period or a date; and not for a city or a
    # state: "the aguinaldo of a minimum-wage worker in Querétaro" is an amount in pesos the passages compute
    if any(m.place.kind != "country" for m in find_places(question.folded)):
        return None
    for single in _SINGLES:
        if question.answer_type not in single.types or not single.asks.search(question.folded) or (
                single.not_asks and single.not_asks.search(question.folded)):
            continue
        day = asked_day(question, today)
        row, ok = row_on(book, single.table, day, **single.key)
        head = (single.es if lang == "es" else single.en).format(value=row.value)
        text = f"{head} ({period(row, lang)}; {row.source_title})."
        text = dated(text, question, row, ok, day, lang)
        return TableFact(text, (f"{row.value:g}",), (row,))
    return None


_SENIORITY = re.compile(r"\b(?:seniority premium|prima de antiguedad)\b")
_CAP = re.compile(r"\b(?:tope|topes|topado|cap|caps|capped|ceiling|maxim[oa]|maximum|max|limite|limit)\b")


def seniority_cap_fact(question: Question, book: RateBook, today: date, lang: str) -> TableFact | None:
    """The daily wage cap of the seniority premium (prima de antigüedad), twice the zone's minimum wage (LFT arts.
    162-II, 485 and 486), from the minimum-wage row in force on the asked day: for the zone the question's place is
    in, else both zones."""
    if not (_SENIORITY.search(question.folded) and _CAP.search(question.folded)):
        return None
    day = asked_day(question, today)
    zones = [question.zone] if question.zone in ZONE_NAMES else list(ZONE_NAMES)
    rows, in_force = zone_wages(book, day, zones)
    parts = []
    for zone, row in zip(zones, rows):
        name, cap, wage = ZONE_NAMES[zone][0 if lang == "en" else 1], amount(2 * row.value), amount(row.value)
        parts.append(f"{name}: MXN {cap} a day (2 × {wage})" if lang == "en" else f"{name}: MXN {cap} diarios (2 × {wage})")
    place = f" ({', '.join(question.places)})" if question.places else ""
    year, first = rows[0].effective_from.year, rows[0]
    if lang == "es":
        text = (f"Tope del salario para la prima de antigüedad {year}{place} — {'; '.join(parts)}: el doble del salario "
                f"mínimo de la zona (LFT arts. 162-II, 485 y 486; salario mínimo {period(first, 'es')}; {first.source_title}).")
    else:
        text = (f"Seniority premium wage cap {year}{place} — {'; '.join(parts)}: twice the zone's minimum wage (LFT arts. "
                f"162-II, 485 and 486; minimum wage {period(first, 'en')}; {first.source_title}).")
    return TableFact(dated(text, question, first, in_force, day, lang), tuple(amount(2 * r.value) for r in rows),
                     tuple(rows))


@dataclass(frozen=True)
class StateNotOnFile:
    """A state payroll tax asked of states the rate table does not hold, the states it does, and the guide chunks
    that state a rate for them anyway (none: nothing on file can answer)."""

    states: tuple[str, ...]
    on_file: tuple[str, ...]
    stating: tuple = ()

    def message(self, lang: str) -> str:
        asked, listed = (" y " if lang == "es" else " and ").join(self.states), ", ".join(self.on_file)
        if lang == "es":
            return (f"No tengo en la base de conocimiento la tasa del impuesto sobre nómina (ISN) de {asked}, así que no "
                    f"voy a adivinarla. Las tasas registradas son las de {listed}; la de {asked} está en la Ley de "
                    f"Hacienda del estado.")
        return (f"I have no state payroll tax (ISN) rate on file for {asked}, so I won't guess it. The "
                f"rates on file are for {listed}; {asked}'s is set by the state's Ley de Hacienda.")


def state_not_on_file(question: Question, book: RateBook, chunks: Iterable) -> StateNotOnFile | None:
    """The states whose payroll tax rate a question asks ("¿Cuál es la tasa del impuesto sobre nómina en Puebla?")
    when the rate table holds none of them, with the guide chunks among ``chunks`` (every chunk of the index) whose
    sentence names one of them, the tax and a figure; None when the question asks no such rate or the table holds
    one of its states (:func:`payroll_tax_fact` answers, or the passages do)."""
    if not question.wants_figure or not _PAYROLL_TAX.search(question.folded):
        return None
    states = list(dict.fromkeys(place.state for place in _mexican_places(question)))
    table = book["payroll_tax"]
    if not states or any(table.series(state=state) for state in states):
        return None
    names = [re.compile(rf"\b{re.escape(fold(state))}\b") for state in states]
    stating = tuple(chunk for chunk in chunks if getattr(chunk, "authority", "curated") != "official"
                    and any(n.search(fold(chunk.text)) for n in names) and any(  # (its sentences read only then)
        any(n.search(folded) for n in names) and _PAYROLL_TAX.search(folded) and traits(sentence).figure
        for sentence in split_sentences(chunk.text) for folded in (fold(sentence),)))
    on_file = tuple(sorted({str(r.key["state"]) for r in table.rows}))
    return StateNotOnFile(tuple(states), on_file, stating)
