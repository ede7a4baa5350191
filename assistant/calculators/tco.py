"""Multi-year total cost of ownership, offshore vs nearshore (``tco_compare``), built on the landed-cost and
labor-cost calculators."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field, model_validator

from assistant.calculators.common import Assumption, CalcInput, CalcResult, calc_date, given, money, unique
from assistant.calculators.labor import LaborCostInput, mexico_labor_cost
from assistant.calculators.landed import (
    ANNUAL_UNITS_LABELS, Scenario, cost_scenario, landed_doc_ids, unique_assumptions,
)
from assistant.calculators.rates import RateBook, load_rates

CATEGORIES = ("price", "freight", "duty_and_fees", "inventory_carrying", "travel_and_audits",
              "quality_and_warranty", "ip_risk", "disruption_and_stockouts")


class SideCosts(CalcInput):
    """Costs beyond the landed cost, in the Reshoring Initiative's categories (percent of the year's purchases)."""

    travel_audit_usd_per_year: float = Field(default=0, ge=0, le=1e9, description="Start-up, supplier and audit travel, USD a year.")
    quality_warranty_pct: float = Field(default=0, ge=0, le=100, description="Quality, rework and warranty, percent of purchases.")
    ip_risk_pct: float = Field(default=0, ge=0, le=100, description="Intellectual-property loss risk, percent of purchases.")
    disruption_stockout_pct: float = Field(
        default=0, ge=0, le=100, description="Disruption, stock-outs and lost orders, percent of purchases."
    )


class TcoInput(CalcInput):
    """Inputs of :func:`tco_compare`."""

    offshore: Scenario = Field(
        description="The offshore source (e.g. a Shenzhen supplier), described like a scenario of the landed-cost "
        "comparison.",
        json_schema_extra={"label_en": "the offshore option (unit price and origin)",
                           "label_es": "la opción en Asia (precio unitario y origen)"},
    )
    nearshore: Scenario = Field(
        description="The nearshore source (e.g. an IMMEX plant in Monterrey). With a Mexican worker profile, its unit "
        "price is the price without direct labor.",
        json_schema_extra={"label_en": "the Mexican option (unit price and origin)",
                           "label_es": "la opción en México (precio unitario y origen)"},
    )
    annual_units: int = Field(ge=1, le=1_000_000_000, description="Units bought per year.", json_schema_extra=ANNUAL_UNITS_LABELS)
    years: int = Field(default=5, ge=1, le=10, description="Years to compare.")
    offshore_price_growth_pct: float = Field(default=0, ge=-50, le=100, description="Offshore unit price change per year, percent.")
    nearshore_price_growth_pct: float = Field(
        default=0, ge=-50, le=100, description="Nearshore unit price (without direct labor) change per year, percent."
    )
    nearshore_labor: LaborCostInput | None = Field(
        default=None, description="Mexican worker profile; its cost per productive hour is added to the nearshore price."
    )
    labor_hours_per_unit: float | None = Field(
        default=None, gt=0, le=1000, description="Direct labor hours per unit in Mexico (with a worker profile).",
        json_schema_extra={"when_empty": "no labor added"},
    )
    mx_wage_growth_pct: float = Field(default=0, ge=-50, le=100, description="Mexican labor cost growth per year, percent (MXN).")
    mxn_per_usd: float | None = Field(default=None, ge=5, le=50, description="Exchange rate in year 1, MXN per USD.",
                                      json_schema_extra={"when_empty": "the worker profile's rate"})
    mxn_change_pct_per_year: float = Field(
        default=0, ge=-50, le=100, description="Change of MXN per USD per year, percent (positive = weaker peso)."
    )
    offshore_costs: SideCosts = Field(default_factory=SideCosts, description="Offshore costs beyond landed cost.")
    nearshore_costs: SideCosts = Field(default_factory=SideCosts, description="Nearshore costs beyond landed cost.")
    discount_rate_pct: float = Field(default=0, ge=0, le=50, description="Discount rate for present values, percent a year.")
    as_of: date | None = Field(default=None, description="Date whose rates apply (held for every year).")

    @model_validator(mode="after")
    def _labor_inputs(self) -> "TcoInput":
        if (self.nearshore_labor is None) != (self.labor_hours_per_unit is None):
            raise ValueError("nearshore_labor and labor_hours_per_unit go together: give both or neither")
        if self.nearshore_labor is not None and self.mxn_per_usd is None and self.nearshore_labor.mxn_per_usd is None:
            raise ValueError("mxn_per_usd is required with nearshore_labor: give a rate between 5 and 50 MXN per USD")
        return self


class YearCost(BaseModel):
    year: int
    unit_price_usd: float
    price: float
    freight: float
    duty_and_fees: float
    inventory_carrying: float
    travel_and_audits: float
    quality_and_warranty: float
    ip_risk: float
    disruption_and_stockouts: float
    total_usd: float


class TcoResult(CalcResult):
    years: int
    offshore_total_usd: float
    nearshore_total_usd: float
    difference_usd: float = Field(description="Nearshore minus offshore over the period (negative = nearshore cheaper).")
    savings_usd: float = Field(description="Offshore minus nearshore over the period.")
    savings_pct: float = Field(description="Savings as a percent of the offshore total.")
    offshore_present_value_usd: float
    nearshore_present_value_usd: float
    offshore_by_category_usd: dict[str, float]
    nearshore_by_category_usd: dict[str, float]
    offshore_by_year: list[YearCost]
    nearshore_by_year: list[YearCost]
    nearshore_labor_per_unit_year1_usd: float | None = None
    labor_cost_per_productive_hour_mxn: float | None = None


def _year_cost(year: int, sc: Scenario, unit_price: float, annual_units: int, side: SideCosts,
               as_of: date, rates: RateBook) -> tuple[YearCost, list[Assumption], list[str]]:
    c = cost_scenario(sc, annual_units, as_of, rates, unit_price=unit_price)
    u = c.parts
    purchases = unit_price * annual_units
    parts = {
        "price": purchases,
        "freight": (u["freight"] + u["insurance"] + u["inland"]) * annual_units,
        "duty_and_fees": (u["duties"] + u["mpf"] + u["hmf"] + u["brokerage"]) * annual_units,
        "inventory_carrying": u["carrying"] * annual_units,
        "travel_and_audits": side.travel_audit_usd_per_year,
        "quality_and_warranty": purchases * side.quality_warranty_pct / 100,
        "ip_risk": purchases * side.ip_risk_pct / 100,
        "disruption_and_stockouts": purchases * side.disruption_stockout_pct / 100,
    }
    row = YearCost(year=year, unit_price_usd=round(unit_price, 4), total_usd=money(sum(parts.values())),
                   **{name: money(value) for name, value in parts.items()})
    return row, c.assumptions, c.notices


def tco_compare(inp: TcoInput, rates: RateBook | None = None, *, today: date | None = None) -> TcoResult:
    """Total cost of ownership over several years (five by default), offshore vs nearshore.

    Each year, each side is costed with the landed-cost calculator at that year's unit price and grouped in
    the Reshoring Initiative's categories: price, freight (international, insurance, inland), duty and fees
    (duties, MPF, HMF, brokerage), inventory carrying, travel and audits, quality and warranty, IP risk,
    disruption and stock-outs (the last three as a percent of the year's purchases). The offshore price
    changes by offshore_price_growth_pct a year. With nearshore_labor, the nearshore unit price is its price
    without labor (changing by nearshore_price_growth_pct) plus labor_hours_per_unit x the labor calculator's
    cost per productive hour, which grows by mx_wage_growth_pct a year in MXN and is converted at mxn_per_usd
    changing by mxn_change_pct_per_year. Rates and fees stay those of ``as_of`` for every year. Present values
    discount year n by (1 + discount rate)^n.

    Args:
        inp: offshore and nearshore scenarios, annual_units, years, offshore_price_growth_pct,
            nearshore_price_growth_pct, nearshore_labor and labor_hours_per_unit, mx_wage_growth_pct,
            mxn_per_usd, mxn_change_pct_per_year, offshore_costs, nearshore_costs, discount_rate_pct, as_of
            (see :class:`TcoInput`).
        rates: the rate tables; the tables shipped with the package by default.
        today: the date a calculation without as_of is for (a fixed clock); the system date by default.

    Returns:
        Totals and present values for each side, the difference and savings, totals by category and by
        year, the year-1 labor cost per unit, the assumptions and the corpus documents that explain them.

    Raises:
        CalculatorInputError: a rate is not in force on ``as_of`` or an input fails the labor or landed checks.
    """
    rates = rates or load_rates()
    as_of = calc_date(inp.as_of, today)
    assumptions: list[Assumption] = []
    notices: list[str] = []
    doc_ids = ["total-cost-of-ownership", *landed_doc_ids([inp.offshore, inp.nearshore], False)]

    labor_hour_mxn = None
    fx = inp.mxn_per_usd
    if inp.nearshore_labor is not None:
        labor_in = inp.nearshore_labor
        if labor_in.as_of is None and labor_in.year is None:
            labor_in = labor_in.model_copy(update={"as_of": as_of})
        labor = mexico_labor_cost(labor_in, rates, today=today)
        notices += labor.notices
        labor_hour_mxn = labor.cost_per_productive_hour_mxn
        fx = fx if fx is not None else labor_in.mxn_per_usd
        assumptions += labor.assumptions
        assumptions += [given("Direct labor hours per unit", inp.labor_hours_per_unit, "hours"),
                        given("Mexican labor cost growth", inp.mx_wage_growth_pct, "percent a year"),
                        given("Exchange rate, year 1", fx, "MXN per USD"),
                        given("Exchange-rate change", inp.mxn_change_pct_per_year, "percent a year")]
        doc_ids += labor.doc_ids

    off_rows, near_rows = [], []
    labor_year1 = None
    for n in range(inp.years):
        off_price = inp.offshore.unit_price_usd * (1 + inp.offshore_price_growth_pct / 100) ** n
        near_price = inp.nearshore.unit_price_usd * (1 + inp.nearshore_price_growth_pct / 100) ** n
        if labor_hour_mxn is not None:
            fx_n = fx * (1 + inp.mxn_change_pct_per_year / 100) ** n
            labor_unit = inp.labor_hours_per_unit * labor_hour_mxn * (1 + inp.mx_wage_growth_pct / 100) ** n / fx_n
            if n == 0:
                labor_year1 = labor_unit
            near_price += labor_unit
        row, a_off, n_off = _year_cost(n + 1, inp.offshore, off_price, inp.annual_units, inp.offshore_costs, as_of, rates)
        off_rows.append(row)
        row, a_near, n_near = _year_cost(n + 1, inp.nearshore, near_price, inp.annual_units, inp.nearshore_costs, as_of, rates)
        near_rows.append(row)
        notices += n_off + n_near
        if n == 0:
            assumptions += a_off + a_near
    assumptions += [given("Offshore price change", inp.offshore_price_growth_pct, "percent a year"),
                    given("Discount rate", inp.discount_rate_pct, "percent a year")]

    def by_category(rows: list[YearCost]) -> dict[str, float]:
        return {c: money(sum(getattr(r, c) for r in rows)) for c in CATEGORIES}

    def present_value(rows: list[YearCost]) -> float:
        return money(sum(r.total_usd / (1 + inp.discount_rate_pct / 100) ** r.year for r in rows))

    off_total = sum(r.total_usd for r in off_rows)
    near_total = sum(r.total_usd for r in near_rows)
    return TcoResult(
        as_of=as_of,
        years=inp.years,
        offshore_total_usd=money(off_total),
        nearshore_total_usd=money(near_total),
        difference_usd=money(near_total - off_total),
        savings_usd=money(off_total - near_total),
        savings_pct=round((off_total - near_total) / off_total * 100, 2),
        offshore_present_value_usd=present_value(off_rows),
        nearshore_present_value_usd=present_value(near_rows),
        offshore_by_category_usd=by_category(off_rows),
        nearshore_by_category_usd=by_category(near_rows),
        offshore_by_year=off_rows,
        nearshore_by_year=near_rows,
        nearshore_labor_per_unit_year1_usd=None if labor_year1 is None else round(labor_year1, 4),
        labor_cost_per_productive_hour_mxn=labor_hour_mxn,
        assumptions=unique_assumptions(assumptions),
        doc_ids=unique(doc_ids),
        notes=["Fees and duty rates are held at the as_of date for every year; categories left at 0 were not given."],
        notices=unique(notices),
    )
