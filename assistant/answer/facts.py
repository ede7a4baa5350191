"""Dated facts straight from the rate tables the calculators use.

A look-up question whose answer is a value in a rate table ("What is the daily minimum wage in Tijuana in
2026?", "UMA 2025?", "MPF maximum this fiscal year?") is answered from the row in force on the asked date,
with its effective dates and source; the composer cites a corpus passage beside it. A date the table does not
cover is said plainly, naming the latest row on file. Pure: the rate book and today's date are passed in.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from assistant.answer.fact_rows import (  # noqa: F401 - TableFact and BeforeTable are this module's API too
    ZONE_NAMES,
    BeforeTable,
    TableFact,
    amount,
    asked_day,
    dated,
    period,
    row_on,
    zone_wages,
)
from assistant.answer.question import Question, asking_sentence
from assistant.answer.state_facts import payroll_tax_fact, seniority_cap_fact, single_fact
from assistant.calculators.rates import RateBook

# A question that mentions the minimum wage but asks about something built on it (the SBC, a cost, a benefit).
_ABOUT_SOMETHING_ELSE = re.compile(r"\b(?:sbc|salario base|integrated|integrado|cost|costo|imss|infonavit|payroll|nomina|"
                                   r"aguinaldo|vacation|vacaciones|overtime|horas extra|burden|carga|ptu|increase|aumento|"
                                   r"retiro|cesantia|contributions?|cuotas?|aportacion\w*|premium|prima|sunday|domingo|"
                                   r"severance|indemnizacion|liquidacion|finiquito|bonus|isr)\b")


_MINIMUM_WAGE = re.compile(r"\b(?:minimum|min\.?) (?:daily )?wage|salario minimo|sueldo minimo|minimo (?:diario|general)\b")


def _minimum_wage(question: Question, book: RateBook, today: date, lang: str) -> TableFact | None:
    # the sentence that asks for the minimum wage decides what is asked: "Setting up payroll for a plant in Tijuana.
    # What's the legal daily minimum wage there in 2026?" asks for the wage, not for a payroll item
    asking = asking_sentence(question.folded)
    scope = asking if asking is not None and _MINIMUM_WAGE.search(asking) else question.folded
    if not _MINIMUM_WAGE.search(scope) or _ABOUT_SOMETHING_ELSE.search(scope):
        return None
    day = asked_day(question, today)
    zones = [question.zone] if question.zone else ["general", "border"]
    rows, in_force = zone_wages(book, day, zones)
    parts = []
    for zone, row in zip(zones, rows):
        name = ZONE_NAMES[zone][0 if lang == "en" else 1]
        part = f"{name}: MXN {amount(row.value)}" + (" a day" if lang == "en" else " diarios")
        if _MONTHLY.search(question.folded):  # "per month": the daily wage × 30.4, as the UMA's monthly value
            part += (f", MXN {amount(row.value * 30.4)} a month (× 30.4)" if lang == "en"
                     else f", MXN {amount(row.value * 30.4)} al mes (× 30.4)")
        parts.append(part)
    place = f" ({', '.join(question.places)})" if question.places else ""
    year = rows[0].effective_from.year
    if lang == "es":
        text = f"Salario mínimo {year}{place} — {'; '.join(parts)} ({period(rows[0], 'es')}; {rows[0].source_title})."
    else:
        text = f"Minimum wage {year}{place} — {'; '.join(parts)} ({period(rows[0], 'en')}; {rows[0].source_title})."
    return TableFact(dated(text, question, rows[0], in_force, day, lang), tuple(amount(r.value) for r in rows),
                     tuple(rows))


_LABOR_COST = re.compile(r"\b(?:labou?r|wages?|salar\w*|payroll|mano de obra|nomina|cheaper|mas barat[oa]s?|costo laboral)\b")


def _place_wages(question: Question, book: RateBook, today: date, lang: str) -> TableFact | None:
    """"Juárez vs Monterrey, labor-cost wise?": the minimum wage of each place's zone, when the places compared lie in
    different wage zones."""
    from assistant.calculators.places import find_places

    if question.answer_type != "comparison" or not _LABOR_COST.search(question.folded):
        return None
    zoned: dict[str, str] = {}
    for match in find_places(question.folded):
        if match.place.zone:
            zoned.setdefault(match.place.name, match.place.zone)
    if len(zoned) < 2 or len(set(zoned.values())) < 2:
        return None
    day = asked_day(question, today)
    rows, in_force = zone_wages(book, day, zoned.values())
    parts = []
    for (name, zone), row in zip(zoned.items(), rows):
        parts.append(f"{name}, {ZONE_NAMES[zone][0 if lang == 'en' else 1]}: MXN {amount(row.value)}"
                     + (" a day" if lang == "en" else " diarios"))
    year = rows[0].effective_from.year
    head = "Minimum wage" if lang == "en" else "Salario mínimo"
    text = f"{head} {year} — {'; '.join(parts)} ({period(rows[0], lang)}; {rows[0].source_title})."
    text = dated(text, question, rows[0], in_force, day, lang)
    return TableFact(text, tuple(dict.fromkeys(amount(r.value) for r in rows)), tuple(rows))


_MONTHLY = re.compile(r"\b(?:monthly|a month|per month|mensual|al mes|por mes)\b")
_ANNUAL = re.compile(r"\b(?:annual|yearly|a year|per year|anual|al ano|por ano)\b")
_CAP = re.compile(r"\b(?:cap|caps|capped|ceiling|maximum|max|limit|tope|limite|maximo)\b")
_SBC_WORDS = re.compile(r"\b(?:sbc|salary|salario|wage|imss|contributions?|cuotas?|cotizacion|infonavit)\b")
_SALARY = re.compile(r"\b(?:sbc|salary|salario|wages?|sueldo|integrated|integrado|base)\b")
_RATE_WORDS = re.compile(r"\b(?:premium|prima|rates?|tasas?|percent\w*|porcentaje)\b")


def _uma(question: Question, book: RateBook, today: date, lang: str) -> TableFact | None:
    folded = question.folded
    # (the cap of the salary contributions are paid on, not of a premium or rate: "a ceiling on how high the IMSS
    # work-risk premium can go?")
    cap = bool(_CAP.search(folded) and _SBC_WORDS.search(folded) and re.search(r"\b(?:sbc|imss|infonavit|cotiza|contribut)",
                                                                                folded)
               and (_SALARY.search(folded) or not _RATE_WORDS.search(folded)))
    if not re.search(r"\buma\b|unidad de medida", folded) and not cap:
        return None
    day = asked_day(question, today)
    row, ok = row_on(book, "uma", day)
    value = float(row.value)
    if cap:
        from assistant.calculators.labor_models import SBC_CAP_UMA

        figure = amount(SBC_CAP_UMA * value)
        text = (f"Cap on the SBC for IMSS and INFONAVIT contributions: {SBC_CAP_UMA} UMA = MXN {figure} a day "
                f"(UMA MXN {amount(value)}, {period(row, 'en')}; {row.source_title})." if lang == "en" else
                f"Tope del SBC para cuotas del IMSS e INFONAVIT: {SBC_CAP_UMA} UMA = {figure} pesos diarios "
                f"(UMA de {amount(value)} pesos, {period(row, 'es')}; {row.source_title}).")
        figures = (figure, amount(value))
    else:
        extra, figures = [], [amount(value)]
        if _MONTHLY.search(folded):
            extra.append((f"MXN {amount(value * 30.4)} a month (× 30.4)", f"{amount(value * 30.4)} pesos al mes (× 30.4)"))
            figures.append(amount(value * 30.4))
        if _ANNUAL.search(folded):
            extra.append((f"MXN {amount(value * 365)} a year (× 365)", f"{amount(value * 365)} pesos al año (× 365)"))
            figures.append(amount(value * 365))
        more = "; ".join(e[0 if lang == "en" else 1] for e in extra)
        if lang == "es":
            text = (f"UMA diaria: MXN {amount(value)}{'; ' + more if more else ''} ({period(row, 'es')}; "
                    f"{row.source_title}).")
        else:
            text = (f"UMA (daily value): MXN {amount(value)}{'; ' + more if more else ''} ({period(row, 'en')}; "
                    f"{row.source_title}).")
        figures = tuple(figures)
    text = dated(text, question, row, ok, day, lang)
    return TableFact(text, tuple(figures), (row,))


def _mpf(question: Question, book: RateBook, today: date, lang: str) -> TableFact | None:
    if not re.search(r"\bmpf\b|merchandise processing fee", question.folded):
        return None
    day = asked_day(question, today, fiscal_us=True)
    rows = {item: row_on(book, "mpf", day, item=item) for item in ("rate_pct", "minimum_usd", "maximum_usd")}
    ok = all(found for _, found in rows.values())
    rate, low, high = (rows[i][0] for i in ("rate_pct", "minimum_usd", "maximum_usd"))
    fy = rate.effective_to.year if rate.effective_to else rate.effective_from.year + 1
    if lang == "es":
        text = (f"MPF del año fiscal {fy}: {rate.value}% del valor declarado, mínimo US${amount(low.value)} y máximo "
                f"US${amount(high.value)} por entrada ({period(rate, 'es')}; {rate.source_title}).")
    else:
        text = (f"MPF for fiscal year {fy}: {rate.value}% of the entered value, minimum ${amount(low.value)} and "
                f"maximum ${amount(high.value)} per entry ({period(rate, 'en')}; {rate.source_title}).")
    return TableFact(dated(text, question, rate, ok, day, lang), (amount(low.value), amount(high.value)),
                     (rate, low, high))


_EXCHANGE = re.compile(r"\bexchange rate|\btipo de cambio\b|\b(?:usd|dollar)\W*(?:to|/|vs|per)\W*(?:mxn|pesos?)\b|"
                       r"\b(?:mxn|pesos?)\W*(?:to|/|vs|per|a|por)\W*(?:the |el )?(?:usd|dollar|dolar)\b")


def _exchange_rate(question: Question, book: RateBook, today: date, lang: str) -> TableFact | None:
    """The Banco de México FIX of the asked month (its monthly average), or the latest month on file."""
    if not _EXCHANGE.search(question.folded):
        return None
    day = asked_day(question, today)
    row, ok = row_on(book, "mxn_per_usd", day)
    month = row.effective_from.strftime("%Y-%m")
    if lang == "es":
        text = (f"Tipo de cambio: {row.value:.4f} pesos por dólar, promedio del FIX del Banco de México en {month} "
                f"({row.source_title}).")
    else:
        text = (f"Exchange rate: MXN {row.value:.4f} per US dollar, the average of the Banco de México FIX in {month} "
                f"({row.source_title}).")
    return TableFact(dated(text, question, row, ok, day, lang), (f"{row.value:.4f}",), (row,))


_UMA_MULTIPLE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:x\s*)?(?:the\s+)?umas?\b")
_MORE_THAN = re.compile(r"\b(?:more than|over|above|greater than|exceeding|beyond|mas de|arriba de|por encima de|superior a)\s*$")
_TOP = re.compile(r"\b(?:top|highest|maximum|max|mas alta|maxima|mayor)\b")
_PHASED_IN = re.compile(r"\b(?:fully phased|phase-?in (?:ends|is complete)|final rates?|by 2030|in 2030|tasa final)\b")


def _asked_uma_multiple(folded: str) -> float | None:
    """The SBC the question states in UMA ("more than 4 UMA" → 4.01, "2.6 UMA" → 2.6, "2.51-3.00 UMA" → 3.0)."""
    found = list(_UMA_MULTIPLE.finditer(folded))
    if not found:
        return None
    match = found[-1]
    value = float(match.group(1))
    return value + 0.01 if _MORE_THAN.search(folded[:match.start()]) else value


def _first_year_sbc(book: RateBook, wage: float, day: date) -> float:
    """A first-year worker's SBC with the legal minimum benefits (LFT arts. 76, 80, 87): wage × 1.0493 in 2026."""
    aguinaldo = float(row_on(book, "lft_benefits", day, item="aguinaldo_days")[0].value)
    premium = float(row_on(book, "lft_benefits", day, item="vacation_premium_pct")[0].value)
    vacation = float(book["vacation_days"].series(years_from=1, years_to=1)[0].value)
    from assistant.calculators.labor import integration_factor

    return wage * integration_factor(aguinaldo, vacation, premium)


# the worker's own share asked ("What does the worker themselves pay for cesantía y vejez?", "la cuota obrera"): the
# table holds the employer's rate only
_WORKER_SHARE = re.compile(r"\b(?:cuota obrera|obrer[oa]s?|(?:worker|workers|employee|employees)(?:'s|s')? (?:themselves |"
                           r"own |himself |herself )?(?:pays?|share|contribut\w*|portion|part)|(?:el|los) trabajador(?:es)? "
                           r"(?:paga|pagan|aporta\w*))")
_EMPLOYER = re.compile(r"\b(?:employer|employers|patron\w*|company|empresa)\b")


def _cesantia(question: Question, book: RateBook, today: date, lang: str) -> TableFact | None:
    if "cesantia" not in question.folded:
        return None
    if _WORKER_SHARE.search(question.folded) and not _EMPLOYER.search(question.folded):
        return None
    folded = question.folded
    day = date(2030, 6, 30) if _PHASED_IN.search(folded) and not question.years else asked_day(question, today)
    table = book["cesantia_vejez"]
    rows = [row_on(book, "cesantia_vejez", day, band=band) for band in table.key_values("band")]
    in_force = all(ok for _, ok in rows)
    bands = [row for row, _ in rows]
    multiple = _asked_uma_multiple(folded)
    how = ""
    if multiple is None and re.search(r"minimum[- ]wage|salario minimo", folded) and question.zone:
        from assistant.calculators.labor import cesantia_band

        wage = row_on(book, "minimum_wage", day, zone=question.zone)[0]
        uma = row_on(book, "uma", day)[0]
        sbc = _first_year_sbc(book, float(wage.value), day)
        band_row, _ = cesantia_band(sbc, float(uma.value), float(wage.value), bands)
        how = (f" for a first-year worker on the {'border' if question.zone == 'border' else 'general'} minimum wage "
               f"with the legal minimum benefits (SBC MXN {amount(sbc)} = {sbc / float(uma.value):.2f} UMA)"
               if lang == "en" else
               f" para un trabajador de primer año con salario mínimo {'fronterizo' if question.zone == 'border' else 'general'}"
               f" y prestaciones de ley (SBC de {amount(sbc)} pesos = {sbc / float(uma.value):.2f} UMA)")
        chosen = [band_row]
    elif multiple is not None:
        chosen = [r for r in bands if (r.attrs.get("lower_uma") or 0) < multiple <= (r.attrs.get("upper_uma") or 1e9)
                  and r.key["band"] != "1.00 SM"][:1]
    elif _TOP.search(folded):
        chosen = [max(bands, key=lambda r: float(r.value))]
    else:
        chosen = bands
    if not chosen:
        return None
    year = chosen[0].effective_from.year
    if len(chosen) == 1:
        row = chosen[0]
        text = (f"Employer cesantía y vejez rate {year}, band {row.key['band']}{how}: {row.value:.3f}% of the SBC "
                f"({period(row, 'en')}; {row.source_title})." if lang == "en" else
                f"Cuota patronal de cesantía y vejez {year}, rango {row.key['band']}{how}: {row.value:.3f}% del SBC "
                f"({period(row, 'es')}; {row.source_title}).")
    else:
        low, high = chosen[0], chosen[-1]
        text = (f"Employer cesantía y vejez rate {year}: from {low.value:.3f}% of the SBC (band {low.key['band']}) to "
                f"{high.value:.3f}% (band {high.key['band']}), by the worker's SBC in UMA ({period(low, 'en')}; "
                f"{low.source_title})." if lang == "en" else
                f"Cuota patronal de cesantía y vejez {year}: de {low.value:.3f}% del SBC (rango {low.key['band']}) a "
                f"{high.value:.3f}% (rango {high.key['band']}), según el SBC en UMA ({period(low, 'es')}; "
                f"{low.source_title}).")
    text = dated(text, question, chosen[0], in_force, day, lang)
    return TableFact(text, tuple(f"{r.value:.3f}" for r in chosen), tuple(chosen))


_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "primer": 1, "primero": 1, "segundo": 2, "tercer": 3, "tercero": 3, "cuarto": 4,
            "quinto": 5, "sexto": 6, "septimo": 7, "octavo": 8, "noveno": 9, "decimo": 10}
_COUNT = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
          "un": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
          "diez": 10}
_N = r"(\d{1,2}|" + "|".join(_COUNT) + ")"
_SERVICE_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th|o|er)? (?:year|ano)\b|\b(" + "|".join(_ORDINAL) + r") (?:year|ano)\b"
                           rf"|\b(?:after|despues de) {_N} (?:years?|anos?)\b|\b{_N} years? of service\b"
                           rf"|\b{_N} anos? de (?:servicio|antiguedad)\b"
                           r"|\b(?:year|ano) (\d{1,2})\b(?![.,]\d)"  # "in year 5", "en el año 3"
                           rf"|\b{_N} (?:years?|anos?)\b(?! (?:ago|from now|later|atras))")  # "with us 7 years"


def _vacation_days(question: Question, book: RateBook, today: date, lang: str) -> TableFact | None:
    if not re.search(r"\bvacation|\bvacaciones\b", question.folded) or re.search(r"premium|prima", question.folded):
        return None
    match = _SERVICE_YEAR.search(question.folded)
    if match is None:
        return None
    # the table counts completed years of service, as the LFT does ("more than one year of service": 12 days), so
    # "after five years" and "five years of service" are row 5
    if match.group(2):
        year_of_service = _ORDINAL[match.group(2)]
    else:
        found = next(g for g in match.groups() if g)
        year_of_service = _COUNT[found] if found in _COUNT else int(found)
    table = book["vacation_days"]
    rows = [r for r in table.rows if r.key["years_from"] <= year_of_service <= r.key["years_to"] and r.in_force(today)]
    if not rows:
        return None
    row = rows[0]
    text = (f"Statutory vacation in year {year_of_service} of service: {row.value} days of paid vacation "
            f"({period(row, 'en')}; {row.source_title})." if lang == "en" else
            f"Vacaciones de ley en el año {year_of_service} de servicio: {row.value} días pagados "
            f"({period(row, 'es')}; {row.source_title}).")
    return TableFact(text, (f"{row.value} days", f"{row.value} días"), (row,))


_LOOKUPS = (seniority_cap_fact, _cesantia, _vacation_days, _minimum_wage, _uma, _mpf, _exchange_rate, single_fact)


class OtherZoneFigures(frozenset):
    """The other wage zone's minimum wages (a frozenset of figures as written), with the asked zone's in ``own``."""

    own: frozenset[str] = frozenset()


def contradicting_figures(question: Question, book: RateBook) -> frozenset[str]:
    """Figures that cannot be in an answer to ``question``: with a wage zone asked, the other zone's minimum wages
    (a sentence computing with them is about the other zone, even when it never names the zone)."""
    if question.zone not in ("general", "border"):
        return frozenset()
    other = "border" if question.zone == "general" else "general"
    figures = OtherZoneFigures(amount(float(r.value)) for r in book["minimum_wage"].series(zone=other))
    figures.own = frozenset(amount(float(r.value)) for r in book["minimum_wage"].series(zone=question.zone))
    return figures


def computes_with_other_zone(sentence: str, figures: frozenset[str]) -> bool:
    """Whether ``sentence`` computes with the other zone's minimum wage only: one that also states the asked zone's,
    each with its figure ("… MXN 315.04 a day … MXN 78.76; at the border minimum of MXN 440.87 it is … MXN 110.22"),
    answers for both."""
    return any(f in sentence for f in figures) and not any(f in sentence for f in getattr(figures, "own", ()))


_ASIDE = re.compile(r"^(?:besides|apart from|aside from|other than|in addition to|ademas de(?:l| la| las| los)?|aparte de(?:l| la)?|"
                    r"fuera de(?:l| la)?)\b[^,?]{1,60},\s*")


_ASKS_VALUE_AT = re.compile(r"\b(?:below|above|under|over|beyond|up to|from) (?:\w+ )?what (?:\w+ )?(?:value|amount|sum)\b|"
                            r"\b(?:por debajo|por encima|a partir) de (?:que|cual) (?:valor|monto|importe)\b")


def table_fact(question: Question, book: RateBook, today: date, lang: str = "en") -> TableFact | None:
    """The rate-table fact a look-up question asks for, or None when no table answers it. A question naming two or
    more years ("in 2024 and in 2025") gets each year's row, when each year has its own."""
    if _ASKS_VALUE_AT.search(question.folded):  # "Below what entry value does a formal entry pay the minimum MPF?":
        return None  # the value at which a row applies, which no row states
    aside = _ASIDE.match(question.folded)  # "Besides cesantía y vejez, is there …?": not what is asked about
    if aside:
        question = replace(question, folded=question.folded[aside.end():])
    years = sorted(set(question.years))
    if len(years) >= 2:
        facts = [_table_fact(replace(question, years=(y,)), book, today, lang) for y in years]
        if all(facts) and len({f.figures for f in facts}) == len(facts):  # each year its own figures
            return TableFact(text=" ".join(f.text for f in facts),
                             figures=tuple(dict.fromkeys(x for f in facts for x in f.figures)),
                             rows=tuple(r for f in facts for r in f.rows),
                             states=tuple(dict.fromkeys(s for f in facts for s in f.states)))
    return _table_fact(question, book, today, lang)


def _table_fact(question: Question, book: RateBook, today: date, lang: str) -> TableFact | None:
    taxed = payroll_tax_fact(question, book, today, lang)  # "payroll tax in Tijuana vs Monterrey": the tax, not wages
    if taxed is not None:
        return taxed
    compared = _place_wages(question, book, today, lang)
    if compared is not None:
        return compared
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


def table_before(question: Question, book: RateBook, today: date) -> str | None:
    """The rate table whose first row comes after the year the question asks about ("minimum wage back in 2019?": the
    table starts in 2024), or None (no year asked: today, never before a table, and no look-up is run again)."""
    for lookup in _LOOKUPS if question.years else ():
        try:
            if lookup(question, book, today, "en") is not None:
                return None
        except BeforeTable as before:
            return str(before.args[0]) if before.args else None
    return None
