"""Per-unit and annual landed cost of two or more sourcing scenarios (``landed_cost_compare``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from assistant.calculators.common import (Assumption, CalcInput, CalcResult, CalculatorInputError, calc_date, given, money,
                                          unique)
from assistant.calculators.rates import RateBook, load_rates
from assistant.calculators.transit import MODE_NAMES, lookup_transit, surface_mode

DEFAULT_CARRYING_RATE_PCT = 25.0
ANNUAL_UNITS_LABELS = {"label_en": "the number of units a year", "label_es": "el número de unidades al año"}


class DutyLayer(CalcInput):
    """One US duty or surcharge: general rate, Section 301, Section 232, another surcharge."""

    name: str = Field(min_length=1, max_length=80, description="e.g. 'General (MFN)', 'Section 301', 'Section 232 steel'.")
    rate_pct: float = Field(ge=0, le=500, description="Rate in percent.")
    base: Literal["customs_value", "metal_content"] = Field(
        default="customs_value",
        description="'customs_value' (the transaction value, less US components under 9802.00.80) or "
        "'metal_content' (Section 232 derivatives: the value of the steel, aluminum or copper content).",
    )
    metal_content_per_unit_usd: float | None = Field(
        default=None, ge=0, le=1e7, description="Value of the metal content per unit, USD (for base 'metal_content')."
    )
    usmca_exempt: bool = Field(default=False, description="True if USMCA-qualifying goods do not pay this layer.")

    @model_validator(mode="after")
    def _metal_value(self) -> "DutyLayer":
        if self.base == "metal_content" and self.metal_content_per_unit_usd is None:
            raise ValueError("metal_content_per_unit_usd is required when base is 'metal_content': give a value of at least 0")
        return self


class Scenario(CalcInput):
    """One way of sourcing the part."""

    name: str = Field(min_length=1, max_length=60, description="Label, e.g. 'Shenzhen supplier'.")
    origin: str = Field(min_length=2, max_length=80, description="Where the goods ship from, e.g. 'Shenzhen' or 'Monterrey'.")
    destination: str | None = Field(
        default=None, max_length=80, description="US destination, e.g. 'Chicago'; used to look up transit days."
    )
    mode: Literal["ocean", "rail", "truck", "air"] = Field(description="Main transport mode into the US.")
    unit_price_usd: float = Field(
        gt=0, le=1e7, description="Price per unit (transaction value, FOB), USD.",
        json_schema_extra={"label_en": "the unit price in USD", "label_es": "el precio unitario en USD"},
    )
    units_per_shipment: int = Field(
        ge=1, le=10_000_000, description="Units per shipment; one formal entry each.",
        json_schema_extra={"label_en": "the units per shipment", "label_es": "las unidades por embarque"},
    )
    freight_per_shipment_usd: float = Field(default=0, ge=0, le=1e8, description="International freight per shipment, USD.")
    insurance_per_shipment_usd: float = Field(default=0, ge=0, le=1e8, description="Cargo insurance per shipment, USD.")
    inland_freight_per_shipment_usd: float = Field(default=0, ge=0, le=1e8, description="US inland freight per shipment, USD.")
    brokerage_per_shipment_usd: float = Field(default=0, ge=0, le=1e6, description="Customs brokerage per shipment, USD.")
    duty_layers: list[DutyLayer] = Field(default_factory=list, max_length=10, description="US duties and surcharges.")
    usmca_qualifying: bool = Field(default=False, description="True if the goods qualify as USMCA-originating.")
    us_content_per_unit_usd: float = Field(
        default=0, ge=0, le=1e7, description="US-made components per unit assembled abroad (HTSUS 9802.00.80), USD."
    )
    transit_days: float | None = Field(
        default=None, ge=0, le=365, description="Door-to-door days; omitted → looked up from origin and destination."
    )
    safety_stock_days: float = Field(default=0, ge=0, le=365, description="Extra days of stock held for this source.")
    carrying_rate_pct: float = Field(
        default=DEFAULT_CARRYING_RATE_PCT, ge=0, le=100, description="Inventory carrying cost, percent of value a year."
    )

    @model_validator(mode="after")
    def _contents_within_price(self) -> "Scenario":
        if self.us_content_per_unit_usd > self.unit_price_usd:
            raise ValueError(
                f"us_content_per_unit_usd ({self.us_content_per_unit_usd:,.2f}) cannot exceed unit_price_usd "
                f"({self.unit_price_usd:,.2f})"
            )
        return self


class LandedCostInput(CalcInput):
    """Inputs of :func:`landed_cost_compare`."""

    scenarios: list[Scenario] = Field(
        min_length=2, max_length=6, description="Two to six scenarios; the first is the baseline the others are compared with.",
        json_schema_extra={"label_en": "at least two sourcing options, each with a unit price and an origin",
                           "label_es": "al menos dos opciones de suministro, cada una con precio unitario y origen"},
    )
    annual_units: int = Field(ge=1, le=1_000_000_000, description="Units bought per year.", json_schema_extra=ANNUAL_UNITS_LABELS)
    as_of: date | None = Field(default=None, description="Date whose fees apply (MPF by US fiscal year).")

    @model_validator(mode="after")
    def _unique_names(self) -> "LandedCostInput":
        names = [s.name for s in self.scenarios]
        if len(set(names)) != len(names):
            raise ValueError("scenario names must be different from one another")
        return self


class DutyLine(BaseModel):
    name: str
    rate_pct: float
    base: str
    base_per_unit_usd: float
    duty_per_unit_usd: float
    exempt: bool = Field(description="True if not charged because the goods qualify for USMCA.")


class ScenarioCost(BaseModel):
    name: str
    origin: str
    mode: str
    usmca_qualifying: bool
    unit_price_usd: float
    international_freight_usd: float
    insurance_usd: float
    inland_freight_usd: float
    brokerage_usd: float
    duties_usd: float
    mpf_usd: float
    hmf_usd: float
    inventory_carrying_usd: float
    landed_cost_per_unit_usd: float
    annual_landed_cost_usd: float
    mpf_per_entry_usd: float
    shipments_per_year: float
    transit_days: float
    duty_lines: list[DutyLine]


class Comparison(BaseModel):
    scenario: str
    baseline: str
    difference_per_unit_usd: float = Field(description="Scenario minus baseline; negative = cheaper.")
    difference_annual_usd: float
    break_even_unit_price_usd: float | None = Field(
        description="Unit price at which this scenario's landed cost equals the baseline's (None: none does)."
    )


class LandedCostResult(CalcResult):
    annual_units: int
    scenarios: list[ScenarioCost]
    comparisons: list[Comparison]
    cheapest_scenario: str
    baseline_scenario: str
    baseline_landed_per_unit_usd: float
    alternative_scenario: str = Field(description="The second scenario, compared in the fields below.")
    alternative_landed_per_unit_usd: float
    difference_per_unit_usd: float = Field(description="Alternative minus baseline, per unit.")
    difference_annual_usd: float
    break_even_unit_price_usd: float | None = Field(description="Alternative's unit price that matches the baseline.")


@dataclass(frozen=True)
class Costed:
    """One scenario costed: the rounded breakdown, the unrounded total per unit and the assumptions."""

    cost: ScenarioCost
    parts: dict[str, float]  # unrounded per-unit figures: price, freight, insurance, inland, brokerage, duties, mpf, hmf, carrying
    assumptions: list[Assumption]
    transit_looked_up: bool
    notices: list[str]  # tables used past their last row (latest on file)

    @property
    def total(self) -> float:
        return sum(self.parts.values())


def _transit_days(sc: Scenario, as_of: date, rates: RateBook) -> tuple[float, list[Assumption], bool]:
    if sc.transit_days is not None:
        return sc.transit_days, [given(f"Transit days ({sc.name})", sc.transit_days, "days")], False
    if sc.destination is None:
        return 0.0, [given(f"Transit days ({sc.name}): none given and no destination to look them up", 0, "days")], False
    mode = surface_mode(sc.origin, sc.destination, "ocean" if sc.mode == "ocean" else sc.mode)
    try:
        (row,) = lookup_transit(rates, as_of, sc.origin, sc.destination, mode)
    except CalculatorInputError as exc:
        raise CalculatorInputError(f"transit_days for scenario '{sc.name}' could not be looked up ({exc}) — give transit_days.") from None
    low, high = row.value
    days = (low + high) / 2
    return days, [row.assumption(f"Transit days ({sc.name}: {sc.origin} → {sc.destination}, {MODE_NAMES[mode]}), "
                                 f"midpoint {days:g}", list(row.value), "days door to door")], True


def cost_scenario(sc: Scenario, annual_units: int, as_of: date, rates: RateBook,
                  unit_price: float | None = None) -> Costed:
    """Landed cost of one scenario; ``unit_price`` replaces the scenario's price (break-even, TCO years)."""
    price = sc.unit_price_usd if unit_price is None else unit_price
    ups = sc.units_per_shipment
    assumptions: list[Assumption] = []
    dutiable = max(price - sc.us_content_per_unit_usd, 0.0)  # 9802.00.80: duty on the value added abroad

    lines: list[DutyLine] = []
    duties = 0.0
    for layer in sc.duty_layers:
        base = dutiable if layer.base == "customs_value" else float(layer.metal_content_per_unit_usd or 0)
        exempt = sc.usmca_qualifying and layer.usmca_exempt
        amount = 0.0 if exempt else base * layer.rate_pct / 100
        duties += amount
        lines.append(DutyLine(name=layer.name, rate_pct=layer.rate_pct, base=layer.base,
                              base_per_unit_usd=money(base), duty_per_unit_usd=money(amount), exempt=exempt))
        assumptions.append(given(f"Duty layer '{layer.name}' ({sc.name})"
                                 + (", USMCA-exempt" if layer.usmca_exempt else ""), layer.rate_pct, "percent"))

    mpf_table, notices = rates["mpf"], []
    if sc.usmca_qualifying:
        mpf_entry = 0.0
    else:
        rate_row = mpf_table.get(as_of, item="rate_pct", notices=notices)
        min_row = mpf_table.get(as_of, item="minimum_usd", notices=notices)
        max_row = mpf_table.get(as_of, item="maximum_usd", notices=notices)
        mpf_entry = mpf_per_entry(dutiable * ups, float(rate_row.value), float(min_row.value), float(max_row.value))
        assumptions += [rate_row.assumption("MPF rate"), min_row.assumption("MPF minimum per entry"),
                        max_row.assumption("MPF maximum per entry")]
    hmf = 0.0
    if sc.mode == "ocean":
        hmf_row = rates["hmf"].get(as_of, notices=notices)
        hmf = price * float(hmf_row.value) / 100
        assumptions.append(hmf_row.assumption("Harbor Maintenance Fee (ocean)"))

    days, transit_assumptions, looked_up = _transit_days(sc, as_of, rates)
    assumptions += transit_assumptions
    carrying = price * sc.carrying_rate_pct / 100 * (days + sc.safety_stock_days) / 365
    if "carrying_rate_pct" not in sc.model_fields_set:
        assumptions.append(given("Inventory carrying rate (rule of thumb 20-30% a year)", sc.carrying_rate_pct,
                                 "percent a year", default=True))
    else:
        assumptions.append(given(f"Inventory carrying rate ({sc.name})", sc.carrying_rate_pct, "percent a year"))

    freight, insurance = sc.freight_per_shipment_usd / ups, sc.insurance_per_shipment_usd / ups
    inland, brokerage = sc.inland_freight_per_shipment_usd / ups, sc.brokerage_per_shipment_usd / ups
    mpf = mpf_entry / ups
    parts = {"price": price, "freight": freight, "insurance": insurance, "inland": inland, "brokerage": brokerage,
             "duties": duties, "mpf": mpf, "hmf": hmf, "carrying": carrying}
    total = sum(parts.values())
    cost = ScenarioCost(
        name=sc.name, origin=sc.origin, mode=sc.mode, usmca_qualifying=sc.usmca_qualifying,
        unit_price_usd=round(price, 6), international_freight_usd=round(freight, 6), insurance_usd=round(insurance, 6),
        inland_freight_usd=round(inland, 6), brokerage_usd=round(brokerage, 6), duties_usd=round(duties, 6),
        mpf_usd=round(mpf, 6), hmf_usd=round(hmf, 6), inventory_carrying_usd=round(carrying, 6),
        landed_cost_per_unit_usd=round(total, 6), annual_landed_cost_usd=money(total * annual_units),
        mpf_per_entry_usd=money(mpf_entry), shipments_per_year=round(annual_units / ups, 2),
        transit_days=days, duty_lines=lines,
    )
    return Costed(cost, parts, assumptions, looked_up, notices)


def mpf_per_entry(entered_value: float, rate_pct: float, minimum: float, maximum: float) -> float:
    """MPF for one formal entry: the ad valorem rate on the entered value, within the fiscal year's bounds."""
    return min(max(entered_value * rate_pct / 100, minimum), maximum)


def break_even_price(sc: Scenario, target: float, annual_units: int, as_of: date, rates: RateBook) -> float | None:
    """The unit price at which ``sc`` lands at ``target`` per unit (bisection; landed cost rises with price)."""
    def landed(p: float) -> float:
        return cost_scenario(sc, annual_units, as_of, rates, unit_price=p).total

    low = sc.us_content_per_unit_usd
    if landed(low) > target:
        return None
    high = max(sc.unit_price_usd, 1.0)
    for _ in range(60):
        if landed(high) >= target:
            break
        high *= 2
    for _ in range(80):
        mid = (low + high) / 2
        if landed(mid) < target:
            low = mid
        else:
            high = mid
    return round((low + high) / 2, 6)


def landed_cost_compare(inp: LandedCostInput, rates: RateBook | None = None, *,
                        today: date | None = None) -> LandedCostResult:
    """Per-unit and annual landed cost of two or more sourcing scenarios, the difference and the break-even price.

    Per unit: price (transaction value) + international freight + insurance + US inland freight + brokerage
    (each per shipment / units per shipment) + duty layers + MPF + HMF + inventory carrying. US duty is
    charged on the customs value, which is the transaction value: international freight and insurance are not
    dutiable. Under HTSUS 9802.00.80 duty (and MPF) apply only to the value less the US-made components.
    A layer marked usmca_exempt is not charged on USMCA-qualifying goods. MPF is 0.3464% of the entered value
    per formal entry (one entry per shipment), within the minimum and maximum of the US fiscal year of
    ``as_of`` (today by default; past the newest fiscal year on file, its fees with a notice), and is not
    charged on USMCA-originating goods. HMF (0.125%) applies to ocean shipments only.
    Carrying cost = unit price x annual rate x (transit days + safety-stock days) / 365; transit days not given
    are the midpoint of the transit table for origin, destination and mode. The first scenario is the baseline;
    break-even = the unit price at which another scenario lands at the baseline's cost.

    Args:
        inp: scenarios (name, origin, destination, mode, unit_price_usd, units_per_shipment,
            freight_per_shipment_usd, insurance_per_shipment_usd, inland_freight_per_shipment_usd,
            brokerage_per_shipment_usd, duty_layers, usmca_qualifying, us_content_per_unit_usd, transit_days,
            safety_stock_days, carrying_rate_pct), annual_units and as_of (see :class:`LandedCostInput`).
        rates: the rate tables; the tables shipped with the package by default.
        today: the date a calculation without as_of is for (a fixed clock); the system date by default.

    Returns:
        Each scenario's per-unit breakdown and annual cost, each comparison with the baseline (difference per
        unit and per year, break-even unit price), the cheapest scenario, the assumptions and the corpus
        documents that explain the rules.

    Raises:
        CalculatorInputError: ``as_of`` is before the fee tables, or transit days cannot be looked up.
    """
    rates = rates or load_rates()
    as_of = calc_date(inp.as_of, today)
    costed = [cost_scenario(sc, inp.annual_units, as_of, rates) for sc in inp.scenarios]
    base, base_total = costed[0], costed[0].total
    comparisons = [
        Comparison(
            scenario=c.cost.name, baseline=base.cost.name,
            difference_per_unit_usd=round(c.total - base_total, 6),
            difference_annual_usd=money((c.total - base_total) * inp.annual_units),
            break_even_unit_price_usd=break_even_price(sc, base_total, inp.annual_units, as_of, rates),
        )
        for sc, c in zip(inp.scenarios[1:], costed[1:])
    ]
    assumptions = unique_assumptions([a for c in costed for a in c.assumptions])
    first = comparisons[0]
    return LandedCostResult(
        as_of=as_of,
        annual_units=inp.annual_units,
        scenarios=[c.cost for c in costed],
        comparisons=comparisons,
        cheapest_scenario=min(costed, key=lambda c: c.total).cost.name,
        baseline_scenario=base.cost.name,
        baseline_landed_per_unit_usd=round(base_total, 6),
        alternative_scenario=first.scenario,
        alternative_landed_per_unit_usd=round(costed[1].total, 6),
        difference_per_unit_usd=first.difference_per_unit_usd,
        difference_annual_usd=first.difference_annual_usd,
        break_even_unit_price_usd=first.break_even_unit_price_usd,
        assumptions=assumptions,
        doc_ids=landed_doc_ids(inp.scenarios, any(c.transit_looked_up for c in costed)),
        notes=["Every shipment is treated as one formal entry; Mexican-side costs (export clearance, IMMEX) are "
               "not included unless they are in the unit price."],
        notices=unique([n for c in costed for n in c.notices]),
    )


def unique_assumptions(items: list[Assumption]) -> list[Assumption]:
    """Drop repeated assumptions (same name, value and dates), keeping the first."""
    seen: dict[tuple, Assumption] = {}
    for a in items:
        seen.setdefault((a.name, str(a.value), a.effective_from, a.effective_to), a)
    return list(seen.values())


def landed_doc_ids(scenarios: list[Scenario], transit_looked_up: bool) -> list[str]:
    """Corpus documents that explain the rules a set of scenarios touches."""
    ids = ["us-customs-valuation", "us-merchandise-processing-fee", "us-tariff-stacking-mexico-vs-china"]
    layers = [layer for sc in scenarios for layer in sc.duty_layers]
    if any(sc.mode == "ocean" for sc in scenarios):
        ids.append("us-harbor-maintenance-fee")
    if any("301" in layer.name for layer in layers):
        ids.append("section-301-china-tariffs")
    if any("232" in layer.name or layer.base == "metal_content" for layer in layers):
        ids.append("section-232-steel-aluminum-copper")
    if any(sc.us_content_per_unit_usd > 0 for sc in scenarios):
        ids.append("us-9802-assembly-provision")
    if any(sc.usmca_qualifying for sc in scenarios):
        ids.append("usmca-rules-of-origin-basics")
    if transit_looked_up:
        ids.append("transit-times-china-vs-mexico")
    ids.append("total-cost-of-ownership")
    return unique(ids)
