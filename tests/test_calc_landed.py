"""landed_cost_compare: per-unit and annual landed cost, the difference and the break-even price."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.calculators.landed import LandedCostInput, Scenario, cost_scenario, landed_cost_compare, mpf_per_entry
from assistant.calculators.rates import load_rates
from assistant.registry import ToolInputError, run_tool

RATES = load_rates()
FY2026 = date(2026, 3, 1)

SHENZHEN = {
    "name": "Shenzhen", "origin": "Shenzhen", "mode": "ocean", "unit_price_usd": 4.20, "units_per_shipment": 20_000,
    "freight_per_shipment_usd": 3_000, "insurance_per_shipment_usd": 200, "transit_days": 30,
    "duty_layers": [{"name": "General (MFN)", "rate_pct": 3.4, "usmca_exempt": True}, {"name": "Section 301", "rate_pct": 25}],
}
MONTERREY = {
    "name": "Monterrey", "origin": "Monterrey", "mode": "truck", "unit_price_usd": 5.10, "units_per_shipment": 10_000,
    "freight_per_shipment_usd": 2_500, "usmca_qualifying": True, "transit_days": 4,
    "duty_layers": [{"name": "General (MFN)", "rate_pct": 3.4, "usmca_exempt": True},
                    {"name": "Section 232 steel", "rate_pct": 50, "base": "metal_content", "metal_content_per_unit_usd": 1.00}],
}


def compare(*scenarios, annual_units=100_000, as_of=FY2026):
    return landed_cost_compare(LandedCostInput(scenarios=list(scenarios), annual_units=annual_units, as_of=as_of))


def test_shenzhen_ocean_vs_usmca_monterrey_by_truck():
    r = compare(SHENZHEN, MONTERREY)
    sz, mty = r.scenarios
    # Shenzhen: duty on the transaction value only (freight and insurance are not dutiable).
    duties = 4.20 * (0.034 + 0.25)  # 1.1928
    mpf = min(max(4.20 * 20_000 * 0.003464, 33.58), 651.50) / 20_000  # 290.98 per entry
    hmf = 4.20 * 0.00125  # ocean only
    carrying = 4.20 * 0.25 * 30 / 365
    sz_total = 4.20 + 3_000 / 20_000 + 200 / 20_000 + duties + mpf + hmf + carrying
    assert sz.duties_usd == pytest.approx(duties, abs=1e-4)
    assert sz.mpf_per_entry_usd == pytest.approx(290.98, abs=0.01)
    assert sz.landed_cost_per_unit_usd == pytest.approx(sz_total, abs=1e-4)
    assert sz.annual_landed_cost_usd == pytest.approx(sz_total * 100_000, abs=0.05)
    # Monterrey: USMCA-qualifying, so no MFN duty (exempt) and no MPF; Section 232 on metal content still due; no HMF.
    mty_total = 5.10 + 2_500 / 10_000 + 0.50 * 1.00 + 5.10 * 0.25 * 4 / 365
    assert (mty.mpf_usd, mty.hmf_usd) == (0, 0)
    assert [line.exempt for line in mty.duty_lines] == [True, False]
    assert mty.landed_cost_per_unit_usd == pytest.approx(mty_total, abs=1e-4)
    assert r.difference_per_unit_usd == pytest.approx(mty_total - sz_total, abs=1e-4)
    assert r.difference_annual_usd == pytest.approx((mty_total - sz_total) * 100_000, abs=0.05)
    assert r.cheapest_scenario == "Shenzhen"
    # Break-even: p + 0.25 + 0.50 + p x 0.25 x 4 / 365 = Shenzhen's landed cost.
    assert r.break_even_unit_price_usd == pytest.approx((sz_total - 0.75) / (1 + 0.25 * 4 / 365), abs=1e-3)
    assert {"us-customs-valuation", "us-merchandise-processing-fee", "us-harbor-maintenance-fee",
            "section-301-china-tariffs", "section-232-steel-aluminum-copper"} <= set(r.doc_ids)


def test_mpf_minimum_and_maximum_per_entry_by_fiscal_year():
    small = {"name": "small", "origin": "Shanghai", "mode": "air", "unit_price_usd": 2.00, "units_per_shipment": 1_000}
    large = {"name": "large", "origin": "Shanghai", "mode": "air", "unit_price_usd": 100.0, "units_per_shipment": 10_000}
    r = compare(small, large)
    # 2,000 x 0.3464% = 6.93 -> the FY2026 minimum 33.58; 1,000,000 x 0.3464% = 3,464 -> the maximum 651.50.
    assert [s.mpf_per_entry_usd for s in r.scenarios] == [33.58, 651.50]
    assert r.scenarios[0].mpf_usd == pytest.approx(33.58 / 1_000)
    fy2024 = compare(small, large, as_of=date(2024, 3, 1))
    assert [s.mpf_per_entry_usd for s in fy2024.scenarios] == [31.67, 614.35]


def test_an_entry_after_the_newest_fiscal_year_on_file_uses_it_and_says_so():
    small = {"name": "small", "origin": "Shanghai", "mode": "air", "unit_price_usd": 2.00, "units_per_shipment": 1_000}
    large = {"name": "large", "origin": "Shanghai", "mode": "air", "unit_price_usd": 100.0, "units_per_shipment": 10_000}
    r = landed_cost_compare(LandedCostInput(scenarios=[small, large], annual_units=10_000), today=date(2026, 12, 1))
    assert r.as_of == date(2026, 12, 1)  # today, not the end of the newest table
    assert [s.mpf_per_entry_usd for s in r.scenarios] == [33.58, 651.50]  # FY2026, the latest on file
    (notice,) = r.notices
    assert "FY2026" in notice and "latest on file" in notice and "FY2027 fees apply to entries from 2026-10-01" in notice
    in_force = compare(small, large)  # FY2026: the fees are in force, so nothing to flag
    assert in_force.notices == []
    usmca_only = landed_cost_compare(LandedCostInput(scenarios=[MONTERREY, {**MONTERREY, "name": "b"}], annual_units=1000),
                                     today=date(2026, 12, 1))
    assert usmca_only.notices == []  # no MPF charged, no MPF row read


def test_9802_assembly_pays_duty_and_mpf_only_on_the_value_added_abroad():
    assembled = {"name": "Juárez assembly", "origin": "Juárez", "mode": "truck", "unit_price_usd": 50.0,
                 "units_per_shipment": 1_000, "us_content_per_unit_usd": 20.0, "transit_days": 0,
                 "duty_layers": [{"name": "Tariff", "rate_pct": 25}]}
    plain = {**assembled, "name": "No US content", "us_content_per_unit_usd": 0.0}
    r = compare(plain, assembled)
    assert r.scenarios[1].duties_usd == pytest.approx((50 - 20) * 0.25)  # 7.50 instead of 12.50
    assert r.scenarios[1].mpf_per_entry_usd == pytest.approx((50 - 20) * 1_000 * 0.003464, abs=0.01)  # 103.92
    assert "us-9802-assembly-provision" in r.doc_ids


def test_freight_and_insurance_do_not_change_the_duty():
    cheap = cost_scenario(Scenario(**SHENZHEN), 100_000, FY2026, RATES)
    dear = cost_scenario(Scenario(**{**SHENZHEN, "freight_per_shipment_usd": 30_000, "insurance_per_shipment_usd": 2_000}),
                         100_000, FY2026, RATES)
    assert dear.cost.duties_usd == cheap.cost.duties_usd
    assert dear.total - cheap.total == pytest.approx((27_000 + 1_800) / 20_000)


def test_transit_days_are_looked_up_when_a_destination_is_given():
    sc = {**SHENZHEN, "transit_days": None, "destination": "Chicago"}
    r = compare(sc, MONTERREY)
    assert r.scenarios[0].transit_days == 27.5  # midpoint of 20-35 days, ocean + rail
    assert r.scenarios[0].inventory_carrying_usd == pytest.approx(4.20 * 0.25 * 27.5 / 365, abs=1e-4)
    assert "transit-times-china-vs-mexico" in r.doc_ids


def test_break_even_is_none_when_even_a_free_part_costs_more():
    pricey_freight = {**MONTERREY, "freight_per_shipment_usd": 100_000}  # $10 a unit in freight alone
    assert compare(SHENZHEN, pricey_freight).break_even_unit_price_usd is None


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=0, max_value=1e9), st.sampled_from([date(2024, 1, 1), date(2025, 1, 1), date(2026, 1, 1)]))
def test_mpf_stays_within_its_bounds(value, day):
    mpf = RATES["mpf"]
    low, high = mpf.get(day, item="minimum_usd").value, mpf.get(day, item="maximum_usd").value
    fee = mpf_per_entry(value, 0.3464, low, high)
    assert low <= fee <= high


layer = st.fixed_dictionaries({
    "name": st.sampled_from(["General", "Section 301", "Section 122", "Other"]),
    "rate_pct": st.floats(min_value=0, max_value=100),
    "usmca_exempt": st.booleans(),
})


@settings(max_examples=100, deadline=None)
@given(st.lists(layer, min_size=1, max_size=5), st.floats(min_value=0.5, max_value=500), st.integers(min_value=1, max_value=50_000))
def test_usmca_qualifying_goods_never_pay_exempt_surcharges_or_mpf(layers, price, units):
    sc = Scenario(name="mx", origin="Monterrey", mode="truck", unit_price_usd=price, units_per_shipment=units,
                  duty_layers=layers, usmca_qualifying=True, transit_days=3)
    cost = cost_scenario(sc, 10_000, FY2026, RATES).cost
    assert all(line.duty_per_unit_usd == 0 for line in cost.duty_lines if line.exempt)
    assert cost.duties_usd == pytest.approx(sum(price * l["rate_pct"] / 100 for l in layers if not l["usmca_exempt"]), abs=1e-3)
    assert cost.mpf_usd == 0


@pytest.mark.parametrize(
    "args, message",
    [
        ({"scenarios": [SHENZHEN], "annual_units": 1000}, "scenarios must be a list of 2 to 6 objects"),
        ({"scenarios": [SHENZHEN, SHENZHEN], "annual_units": 1000}, "scenario names must be different"),
        ({"scenarios": [SHENZHEN, MONTERREY]}, "annual_units is required: give a whole number between 1 and 1,000,000,000"),
        ({"scenarios": [SHENZHEN, {**MONTERREY, "unit_price_usd": -5}], "annual_units": 1000},
         "scenarios[1].unit_price_usd must be a number greater than 0 and at most 10,000,000 (USD); got -5"),
        ({"scenarios": [SHENZHEN, {**MONTERREY, "units_per_shipment": 0}], "annual_units": 1000},
         "scenarios[1].units_per_shipment must be a whole number between 1 and 10,000,000; got 0"),
        ({"scenarios": [SHENZHEN, {**MONTERREY, "mode": "pipeline"}], "annual_units": 1000},
         "scenarios[1].mode must be one of 'ocean', 'rail', 'truck', 'air'"),
        ({"scenarios": [SHENZHEN, {**MONTERREY, "us_content_per_unit_usd": 9}], "annual_units": 1000},
         "us_content_per_unit_usd (9.00) cannot exceed unit_price_usd (5.10)"),
        ({"scenarios": [SHENZHEN, {**MONTERREY, "duty_layers": [{"name": "232", "rate_pct": 50, "base": "metal_content"}]}], "annual_units": 1000},
         "metal_content_per_unit_usd is required when base is 'metal_content'"),
        ({"scenarios": [{**SHENZHEN, "carrying_rate_pct": float("nan")}, MONTERREY], "annual_units": 1000},
         "scenarios[0].carrying_rate_pct must be a number between 0 and 100 (percent); got nan"),
        ({"scenarios": [SHENZHEN, {**MONTERREY, "transit_days": None, "destination": "Houston"}], "annual_units": 1000},
         "transit_days for scenario 'Monterrey' could not be looked up"),
        ({"scenarios": [SHENZHEN, MONTERREY], "annual_units": 1000, "as_of": "2023-06-15"},
         "No US Merchandise Processing Fee (formal entries) (item=rate_pct) is in force on 2023-06-15: the table covers 2023-10-01 to 2026-09-30"),
    ],
)
def test_invalid_input_names_the_field_and_the_accepted_range(args, message):
    with pytest.raises(ToolInputError) as err:
        run_tool("landed_cost_compare", args)
    assert message in str(err.value)
