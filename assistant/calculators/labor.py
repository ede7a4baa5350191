"""Fully burdened cost of Mexican production workers (``mexico_labor_cost``)."""

from __future__ import annotations

from datetime import date

from assistant.calculators.common import Assumption, CalculatorInputError, calc_date, given, money, unique
from assistant.calculators.labor_models import (
    DAYS_PER_YEAR,
    MAX_WEEKLY_HOURS,
    MIN_WAGE_TOLERANCE,
    REFORM_FINAL_HOURS,
    PTU_CAP_DAYS,
    SBC_CAP_UMA,
    SURPLUS_THRESHOLD_UMA,
    ZONE_NAMES,
    CostLine,
    LaborCostInput,
    LaborCostResult,
)
from assistant.calculators.places import lookup_place, state_zone
from assistant.calculators.rates import RateBook, load_rates

__all__ = ["CostLine", "LaborCostInput", "LaborCostResult", "cesantia_band", "integration_factor", "mexico_labor_cost",
           "resolve_as_of", "resolve_zone"]


def resolve_as_of(inp: LaborCostInput, today: date | None = None) -> date:
    """The date whose rates apply: ``as_of``, else 1 July of ``year``, else today (``today`` if given)."""
    if inp.as_of is None and inp.year is not None:
        return date(inp.year, 7, 1)
    return calc_date(inp.as_of, today)


def resolve_zone(inp: LaborCostInput) -> tuple[str, str, str | None]:
    """The minimum-wage zone, where it comes from ("given", "place", "state" or "assumed") and a note to show.

    A zone given wins; else the place's zone; else the state's when the state alone tells it (Baja California
    is wholly in the northern border zone; most states have no border municipality); else — Sonora, Chihuahua,
    Coahuila, Nuevo León, Tamaulipas without a place — "general" is assumed and the note says so.
    """
    if inp.zone is not None:
        return inp.zone, "given", None
    if inp.place is not None and (city := lookup_place(inp.place)) is not None and city.zone is not None:
        return city.zone, "place", f"Wage zone: {ZONE_NAMES[city.zone]}, from the place ({city.name})."
    zone = state_zone(inp.state)
    if zone == "border":
        return zone, "state", f"Wage zone: northern border free zone, from the state (all of {inp.state} is in it)."
    if zone is not None:
        return zone, "state", None
    return "general", "assumed", (
        f"Wage zone: general zone assumed for {inp.state}; its municipalities on the US border are in the northern "
        "border free zone and pay the border minimum wage: give the city or the zone."
    )


def integration_factor(aguinaldo_days: float, vacation_days: float, vacation_premium_pct: float) -> float:
    """SBC / daily wage for the benefits paid in cash once a year (LSS art. 27): 1 + aguinaldo / 365 + vacation
    days × premium / 365 — 1.0493 with the legal minimum in the first year (15 days, 12 days, 25%)."""
    return 1 + aguinaldo_days / DAYS_PER_YEAR + vacation_days * vacation_premium_pct / 100 / DAYS_PER_YEAR


def cesantia_band(sbc: float, uma: float, minimum_wage: float, bands: list) -> tuple[str, float]:
    """Pick the employer cesantía y vejez band and rate.

    Rule (documented choice): an SBC equal to the zone's minimum wage takes the "1.00 SM" band (3.150%);
    any other SBC takes the band of SBC / UMA, where a band covers lower_uma < SBC/UMA <= upper_uma.
    A worker *paid* the minimum wage still has an SBC above it once aguinaldo and vacation premium are
    integrated (x 1.0493 in the first year), so that worker falls in a UMA band: for example the 2026 border
    minimum (440.87) gives an SBC of 462.61 = 3.94 UMA → band 3.51-4.00 UMA (6.613% in 2026).

    Args:
        sbc: integrated daily wage (after the floor and the cap), MXN.
        uma: UMA per day, MXN.
        minimum_wage: the minimum wage of the worker's zone, MXN per day.
        bands: the cesantía y vejez rows in force (``Rate`` objects with ``lower_uma`` / ``upper_uma``).

    Returns:
        The band row and its rate in percent.
    """
    by_name = {row.key["band"]: row for row in bands}
    if abs(sbc - minimum_wage) <= MIN_WAGE_TOLERANCE:
        row = by_name["1.00 SM"]
        return row, float(row.value)
    ratio = sbc / uma
    for row in bands:
        upper = row.attrs.get("upper_uma")
        if row.key["band"] == "1.00 SM":
            continue
        if upper is None or ratio <= float(upper) + 1e-12:
            return row, float(row.value)
    raise CalculatorInputError(f"no cesantía y vejez band covers an SBC of {ratio:.2f} UMA")  # pragma: no cover


def mexico_labor_cost(inp: LaborCostInput, rates: RateBook | None = None, *, today: date | None = None) -> LaborCostResult:
    """Fully burdened cost of Mexican production workers: wage, benefits, IMSS, INFONAVIT, payroll tax, PTU.

    Integrated daily wage (SBC) = daily wage x (1 + aguinaldo days / 365 + vacation days x premium / 365),
    floored at the zone's minimum wage and capped at 25 UMA. Employer IMSS by branch: fixed quota 20.40% of
    1 UMA; surplus 1.10% of SBC above 3 UMA; cash benefits 0.70%; pensioners' medical 1.05%; disability and
    life 1.75%; day care 1%; retirement 2%; cesantía y vejez by band and year; work risk by class average or
    a given rate; INFONAVIT 5%. A worker paid the minimum wage has the worker's IMSS share paid by the
    employer too (LSS art. 36). Cesantía band rule: an SBC equal to the zone minimum wage takes the
    "1.00 SM" band (3.150%); any other SBC the band of SBC / UMA. State payroll tax applies to wages,
    aguinaldo and vacation premium (PTU left out). PTU (optional) = 10% of taxable profit shared equally,
    capped per worker at the greater of 3 months' wage and the 3-year average. Paid hours = weekly hours x
    365 / 7 (the same 365-day year the wage is paid for: 2,502.86 at 48 hours, not 48 x 52 = 2,496).
    Productive hours = paid hours less vacation days and statutory holidays (LFT art. 74: 7 a year, 8 in a
    year when the federal executive changes hands, e.g. 2024) at weekly hours / workdays per week. All rates
    are those in force on one date (as_of, else 1 July of year, else today) and are applied to the whole year;
    a table whose newest row ended before that date gives its latest row, and ``notices`` says so. Without a
    zone, the zone follows the place, else the state when it lies wholly in one zone (Baja California: border),
    else general is assumed (a note says so).

    Args:
        inp: the worker profile (see :class:`LaborCostInput`): daily_wage_mxn or "minimum", state, zone,
            headcount, year or as_of, years_of_service, work_risk_class or work_risk_rate_pct,
            weekly_hours, workdays_per_week, aguinaldo_days, vacation_premium_pct, payroll_tax_rate_pct,
            annual_taxable_profit_mxn, ptu_average_last_3_years_mxn, mxn_per_usd, place.
        rates: the rate tables; the tables shipped with the package by default.
        today: the date a calculation without as_of or year is for (a fixed clock); the system date by default.

    Returns:
        Annual and monthly cost per worker and for the headcount, cost per paid and per productive hour,
        burden over the base wage (MXN, and USD when ``mxn_per_usd`` is given), the breakdown by item, the
        assumptions with their sources and the corpus documents that explain them.

    Raises:
        CalculatorInputError: the wage is below the zone's minimum wage, no payroll-tax rate is on file
            for the state, or a date before a table's first row (or in a gap) is asked for.
    """
    rates = rates or load_rates()
    as_of = resolve_as_of(inp, today)
    notes: list[str] = []
    notices: list[str] = []
    zone, zone_basis, zone_note = resolve_zone(inp)
    if zone_note:
        notes.append(zone_note)
    mw_row = rates["minimum_wage"].get(as_of, zone=zone, notices=notices)
    uma_row = rates["uma"].get(as_of, notices=notices)
    minimum_wage, uma = float(mw_row.value), float(uma_row.value)
    zone_name = ZONE_NAMES[zone]

    if inp.daily_wage_mxn == "minimum":
        wage = minimum_wage
    else:
        wage = float(inp.daily_wage_mxn)
        if wage < minimum_wage - MIN_WAGE_TOLERANCE:
            raise CalculatorInputError(
                f"daily_wage_mxn {wage:,.2f} is below the {zone_name} minimum wage of MXN {minimum_wage:,.2f} per "
                f"day in force on {as_of.isoformat()}: give a wage of at least {minimum_wage:,.2f} or \"minimum\"."
            )
    is_minimum = abs(wage - minimum_wage) <= MIN_WAGE_TOLERANCE

    vac_row = next(
        (r for r in rates["vacation_days"].in_force(as_of)
         if r.key["years_from"] <= inp.years_of_service <= r.key["years_to"]),
        None,
    )
    if vac_row is None:
        raise CalculatorInputError(f"no vacation-days row covers years_of_service {inp.years_of_service}")
    vacation_days = float(vac_row.value)
    benefits = rates["lft_benefits"]
    agu_row = benefits.get(as_of, item="aguinaldo_days", notices=notices)
    prima_row = benefits.get(as_of, item="vacation_premium_pct", notices=notices)
    holidays_row = rates["statutory_holidays"].get(as_of, notices=notices)
    holidays = float(holidays_row.value)

    factor = integration_factor(inp.aguinaldo_days, vacation_days, inp.vacation_premium_pct)
    sbc_raw = wage * factor
    sbc_cap = SBC_CAP_UMA * uma
    sbc = min(max(sbc_raw, minimum_wage), sbc_cap)
    if sbc_raw > sbc_cap:
        notes.append(f"The integrated wage {sbc_raw:,.2f} is above the cap of 25 UMA ({sbc_cap:,.2f}); "
                     "IMSS and INFONAVIT are charged on the cap.")

    imss = rates["imss_rates"]
    cesantia_table = rates["cesantia_vejez"]
    bands = [cesantia_table.get(as_of, band=name, notices=notices) for name in cesantia_table.key_values("band")]
    band_row, cesantia_pct = cesantia_band(sbc, uma, minimum_wage, bands)

    if inp.work_risk_rate_pct is not None:
        risk_pct, risk_assumption = inp.work_risk_rate_pct, given("Work-risk premium (company rate)", inp.work_risk_rate_pct, "percent")
    else:
        risk_row = rates["work_risk"].get(as_of, risk_class=inp.work_risk_class, notices=notices)
        risk_pct = float(risk_row.value)
        risk_assumption = risk_row.assumption(f"Work-risk premium, class {inp.work_risk_class} average")
        if "work_risk_class" not in inp.model_fields_set:
            notes.append("Work-risk class III assumed (the default); the class follows the company's activity.")

    if inp.payroll_tax_rate_pct is not None:
        isn_pct, isn_assumption = inp.payroll_tax_rate_pct, given(f"State payroll tax ({inp.state})", inp.payroll_tax_rate_pct, "percent")
    else:
        table = rates["payroll_tax"]
        if inp.state not in table.key_values("state"):
            raise CalculatorInputError(
                f"No payroll-tax rate is on file for {inp.state}: give payroll_tax_rate_pct (0-10) or use one of "
                f"{', '.join(table.key_values('state'))}."
            )
        isn_row = table.get(as_of, state=inp.state, notices=notices)
        isn_pct = float(isn_row.value)
        isn_assumption = isn_row.assumption(f"State payroll tax ({inp.state})")
        if isn_row.attrs.get("note"):
            notes.append(f"Payroll tax {inp.state}: {isn_row.attrs['note']}")

    surplus_base = max(sbc - SURPLUS_THRESHOLD_UMA * uma, 0.0)
    lines: list[CostLine] = []
    assumptions: list[Assumption] = [
        mw_row.assumption(f"Minimum wage ({zone_name})"),
        uma_row.assumption("UMA (daily)"),
        vac_row.assumption(f"Vacation days in year of service {inp.years_of_service}"),
        holidays_row.assumption("Statutory holidays counted"),
    ]

    def line(item: str, rate_pct: float | None, base: str, annual: float) -> None:
        lines.append(CostLine(item=item, rate_pct=rate_pct, base=base, annual_mxn=money(annual), monthly_mxn=money(annual / 12)))

    base_annual = wage * DAYS_PER_YEAR
    aguinaldo = wage * inp.aguinaldo_days
    prima = wage * vacation_days * inp.vacation_premium_pct / 100
    line("Base wage (365 paid days)", None, f"MXN {wage:,.2f} per day", base_annual)
    line("Aguinaldo (year-end bonus)", None, f"{inp.aguinaldo_days:g} days of wage", aguinaldo)
    line("Vacation premium", inp.vacation_premium_pct, f"{vacation_days:g} vacation days of wage", prima)
    assumptions += [
        agu_row.assumption("Aguinaldo days", inp.aguinaldo_days) if inp.aguinaldo_days == agu_row.value
        else given("Aguinaldo days", inp.aguinaldo_days, "days"),
        prima_row.assumption("Vacation premium", inp.vacation_premium_pct) if inp.vacation_premium_pct == prima_row.value
        else given("Vacation premium", inp.vacation_premium_pct, "percent"),
    ]

    employer_imss = 0.0
    for branch, base_kind in (
        ("sickness_maternity_fixed", "uma"), ("sickness_maternity_surplus", "surplus"),
        ("sickness_maternity_cash", "sbc"), ("pensioners_medical", "sbc"), ("disability_life", "sbc"),
        ("day_care", "sbc"), ("retirement", "sbc"),
    ):
        row = imss.get(as_of, branch=branch, party="employer", notices=notices)
        pct = float(row.value)
        base_value, base_text = {
            "uma": (uma, "1 UMA per day"),
            "surplus": (surplus_base, "SBC above 3 UMA"),
            "sbc": (sbc, "SBC"),
        }[base_kind]
        amount = base_value * pct / 100 * DAYS_PER_YEAR
        employer_imss += amount
        line(f"IMSS: {row.attrs['label']}", pct, base_text, amount)
        assumptions.append(row.assumption(f"IMSS employer: {row.attrs['label']}"))
    cesantia = sbc * cesantia_pct / 100 * DAYS_PER_YEAR
    line(f"IMSS: Old age (cesantía y vejez), band {band_row.key['band']}", cesantia_pct, "SBC", cesantia)
    assumptions.append(band_row.assumption(f"Cesantía y vejez employer rate, band {band_row.key['band']}"))
    risk = sbc * risk_pct / 100 * DAYS_PER_YEAR
    line("IMSS: Work risk (riesgos de trabajo)", risk_pct, "SBC", risk)
    assumptions.append(risk_assumption)
    employer_imss += cesantia + risk

    infonavit_row = imss.get(as_of, branch="infonavit", party="employer", notices=notices)
    infonavit = sbc * float(infonavit_row.value) / 100 * DAYS_PER_YEAR
    line("INFONAVIT (housing fund)", float(infonavit_row.value), "SBC", infonavit)
    assumptions.append(infonavit_row.assumption("INFONAVIT employer"))

    worker_share = 0.0
    if is_minimum:
        for branch in ("sickness_maternity_surplus", "sickness_maternity_cash", "pensioners_medical",
                       "disability_life", "old_age"):
            row = imss.get(as_of, branch=branch, party="worker", notices=notices)
            base_value = surplus_base if branch == "sickness_maternity_surplus" else sbc
            worker_share += base_value * float(row.value) / 100 * DAYS_PER_YEAR
            assumptions.append(row.assumption(f"IMSS worker share paid by the employer: {row.attrs['label']}"))
        line("IMSS worker share paid by the employer (minimum wage, LSS art. 36)", None, "SBC", worker_share)

    isn_base = base_annual + aguinaldo + prima
    isn = isn_base * isn_pct / 100
    line(f"State payroll tax ({inp.state})", isn_pct, "wages + aguinaldo + vacation premium", isn)
    assumptions.append(isn_assumption)

    ptu = 0.0
    if inp.annual_taxable_profit_mxn is not None:
        ptu_row = benefits.get(as_of, item="ptu_pct", notices=notices)
        per_worker = inp.annual_taxable_profit_mxn * float(ptu_row.value) / 100 / inp.headcount
        cap = max(wage * PTU_CAP_DAYS, inp.ptu_average_last_3_years_mxn or 0.0)
        ptu = min(per_worker, cap)
        if per_worker > cap:
            notes.append(f"PTU capped at MXN {cap:,.2f} per worker (greater of 3 months' wage and the 3-year average).")
        line("Profit sharing (PTU)", float(ptu_row.value), "taxable profit / headcount, capped", ptu)
        assumptions.append(ptu_row.assumption("PTU share of taxable profit"))

    annual = base_annual + aguinaldo + prima + employer_imss + infonavit + worker_share + isn + ptu
    paid_hours = inp.weekly_hours * DAYS_PER_YEAR / 7
    hours_per_day = inp.weekly_hours / inp.workdays_per_week
    productive_hours = paid_hours - (vacation_days + holidays) * hours_per_day
    assumptions += [
        given("Ordinary hours per week", inp.weekly_hours, "hours", default="weekly_hours" not in inp.model_fields_set),
        given("Working days per week", inp.workdays_per_week, "days", default="workdays_per_week" not in inp.model_fields_set),
    ]

    usd = {}
    if inp.mxn_per_usd is not None:
        fx = inp.mxn_per_usd
        assumptions.append(given("Exchange rate", fx, "MXN per USD"))
        usd = {
            "annual_cost_per_worker_usd": money(annual / fx),
            "monthly_cost_per_worker_usd": money(annual / 12 / fx),
            "annual_cost_total_usd": money(annual * inp.headcount / fx),
            "monthly_cost_total_usd": money(annual * inp.headcount / 12 / fx),
            "cost_per_paid_hour_usd": money(annual / paid_hours / fx),
            "cost_per_productive_hour_usd": money(annual / productive_hours / fx),
        }
    else:
        notes.append("Give mxn_per_usd for the figures in US dollars.")
    if is_minimum:
        notes.append("Minimum-wage worker: the employer also pays the worker's IMSS share (LSS art. 36).")
    week_cap = MAX_WEEKLY_HOURS.get(as_of.year, REFORM_FINAL_HOURS) if as_of.year >= 2027 else None
    if week_cap is not None and inp.weekly_hours > week_cap:
        notes.append(f"The 40-hour week reform (DOF 3 March 2026) lowers the ordinary week to {week_cap} hours in "
                     f"{as_of.year}: give the weekly hours the plant will work ({inp.weekly_hours:g} were used).")

    doc_ids = ["labor-cost-worked-example", "imss-employer-contributions-2026", "integrated-salary-sbc",
               "mexico-minimum-wage-2024-2026", "uma-unit-of-measure", "cesantia-vejez-schedule",
               "infonavit-and-sar", "state-payroll-taxes", "aguinaldo-year-end-bonus",
               "vacations-and-vacation-premium"]
    if inp.annual_taxable_profit_mxn is not None:
        doc_ids.append("ptu-profit-sharing")
    if week_cap is not None:
        doc_ids.append("forty-hour-week-reform")

    return LaborCostResult(
        as_of=as_of,
        state=inp.state,
        place=inp.place,
        zone=zone,
        zone_basis=zone_basis,
        daily_wage_mxn=money(wage),
        minimum_wage_worker=is_minimum,
        integration_factor=round(factor, 6),
        sbc_daily_mxn=money(sbc),
        sbc_in_uma=round(sbc / uma, 4),
        cesantia_band=band_row.key["band"],
        cesantia_rate_pct=cesantia_pct,
        base_wage_annual_mxn=money(base_annual),
        annual_cost_per_worker_mxn=money(annual),
        monthly_cost_per_worker_mxn=money(annual / 12),
        annual_cost_total_mxn=money(annual * inp.headcount),
        monthly_cost_total_mxn=money(annual * inp.headcount / 12),
        paid_hours_per_year=round(paid_hours, 2),
        productive_hours_per_year=round(productive_hours, 2),
        cost_per_paid_hour_mxn=money(annual / paid_hours),
        cost_per_productive_hour_mxn=money(annual / productive_hours),
        burden_pct=round((annual - base_annual) / base_annual * 100, 2),
        headcount=inp.headcount,
        breakdown=lines,
        assumptions=assumptions,
        doc_ids=unique(doc_ids),
        notes=notes,
        notices=notices,
        **usd,
    )

