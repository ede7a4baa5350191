"""tco_compare: five-year total cost of ownership in the Reshoring Initiative's categories."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.calculators.labor import LaborCostInput, mexico_labor_cost
from assistant.calculators.tco import TcoInput, tco_compare
from assistant.registry import ToolInputError, run_tool

AS_OF = date(2026, 3, 1)
OFFSHORE = {"name": "Shenzhen", "origin": "Shenzhen", "mode": "ocean", "unit_price_usd": 10.0,
            "units_per_shipment": 10_000, "transit_days": 0}
NEARSHORE = {"name": "Monterrey", "origin": "Monterrey", "mode": "truck", "unit_price_usd": 11.0,
             "units_per_shipment": 10_000, "transit_days": 0, "usmca_qualifying": True}


def tco(**kw):
    return tco_compare(TcoInput(**{"offshore": OFFSHORE, "nearshore": NEARSHORE, "annual_units": 10_000, "as_of": AS_OF, **kw}))


def test_two_years_with_offshore_price_growth():
    r = tco(years=2, offshore_price_growth_pct=10)
    # Offshore: price + MPF (0.3464% of the 10,000-unit entry, within bounds) + HMF 0.125% (ocean), per year.
    year1 = 10 * 10_000 + 100_000 * 0.003464 + 100_000 * 0.00125  # 100,471.40
    year2 = 11 * 10_000 + 110_000 * 0.003464 + 110_000 * 0.00125  # 110,518.54
    assert r.offshore_total_usd == pytest.approx(year1 + year2, abs=0.01)
    assert r.nearshore_total_usd == pytest.approx(2 * 11 * 10_000)  # USMCA: no MPF; truck: no HMF
    assert r.difference_usd == pytest.approx(220_000 - (year1 + year2), abs=0.01)
    assert r.savings_pct == pytest.approx((year1 + year2 - 220_000) / (year1 + year2) * 100, abs=0.01)
    assert r.offshore_by_category_usd["duty_and_fees"] == pytest.approx(year1 + year2 - 210_000, abs=0.01)
    assert [y.year for y in r.offshore_by_year] == [1, 2]


def test_percent_categories_and_travel_are_added_to_each_year():
    r = tco(years=5, offshore_costs={"quality_warranty_pct": 2, "ip_risk_pct": 1, "disruption_stockout_pct": 3,
                                     "travel_audit_usd_per_year": 20_000})
    year = 10 * 10_000 + 346.40 + 125 + 0.06 * 100_000 + 20_000
    assert r.offshore_total_usd == pytest.approx(5 * year, abs=0.05)
    assert r.offshore_by_category_usd["travel_and_audits"] == 100_000
    assert r.offshore_by_category_usd["disruption_and_stockouts"] == pytest.approx(5 * 3_000)
    assert r.nearshore_total_usd == pytest.approx(5 * 110_000)
    assert r.savings_usd == pytest.approx(5 * year - 550_000, abs=0.05)


def test_nearshore_labor_comes_from_the_labor_calculator_and_grows_with_wages_and_exchange_rate():
    labor_in = {"daily_wage_mxn": 400, "state": "Nuevo León"}
    r = tco(years=2, nearshore={**NEARSHORE, "unit_price_usd": 8.0}, nearshore_labor=labor_in, labor_hours_per_unit=0.5,
            mxn_per_usd=20, mx_wage_growth_pct=10, mxn_change_pct_per_year=5)
    hour = mexico_labor_cost(LaborCostInput(**labor_in, as_of=AS_OF)).cost_per_productive_hour_mxn
    labor1 = 0.5 * hour / 20
    labor2 = 0.5 * hour * 1.10 / (20 * 1.05)
    assert r.labor_cost_per_productive_hour_mxn == hour
    assert r.nearshore_labor_per_unit_year1_usd == pytest.approx(labor1, abs=1e-4)
    assert r.nearshore_by_year[1].unit_price_usd == pytest.approx(8 + labor2, abs=1e-4)
    assert r.nearshore_total_usd == pytest.approx(((8 + labor1) + (8 + labor2)) * 10_000, abs=0.05)
    assert "labor-cost-worked-example" in r.doc_ids and "total-cost-of-ownership" in r.doc_ids


def test_present_value_discounts_each_year():
    r = tco(years=3, discount_rate_pct=10)
    assert r.nearshore_present_value_usd == pytest.approx(sum(110_000 / 1.1 ** n for n in (1, 2, 3)), abs=0.01)


@pytest.mark.parametrize(
    "extra, message",
    [
        ({"nearshore_labor": {"daily_wage_mxn": 400, "state": "Coahuila"}, "mxn_per_usd": 18},
         "nearshore_labor and labor_hours_per_unit go together"),
        ({"nearshore_labor": {"daily_wage_mxn": 400, "state": "Coahuila"}, "labor_hours_per_unit": 1},
         "mxn_per_usd is required with nearshore_labor"),
        ({"years": 0}, "years must be a whole number between 1 and 10; got 0"),
        ({"nearshore_labor": {"daily_wage_mxn": -1, "state": "Coahuila"}, "labor_hours_per_unit": 1, "mxn_per_usd": 18},
         "nearshore_labor.daily_wage_mxn must be a daily wage in MXN"),
        ({"offshore_costs": {"ip_risk_pct": 150}}, "offshore_costs.ip_risk_pct must be a number between 0 and 100 (percent); got 150"),
    ],
)
def test_invalid_input_names_the_field_and_the_accepted_range(extra, message):
    args = {"offshore": OFFSHORE, "nearshore": NEARSHORE, "annual_units": 10_000, **extra}
    with pytest.raises(ToolInputError) as err:
        run_tool("tco_compare", args)
    assert message in str(err.value)


def test_missing_sides_are_named():
    with pytest.raises(ToolInputError, match="offshore is required: give an object with name, origin, mode, unit_price_usd, units_per_shipment"):
        run_tool("tco_compare", {"nearshore": NEARSHORE, "annual_units": 1})
