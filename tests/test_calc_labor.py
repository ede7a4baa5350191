"""mexico_labor_cost: worked examples computed by hand, properties, and every validation message."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from assistant.calculators.common import CalculatorInputError, RateNotInForceError
from assistant.calculators.labor import LaborCostInput, cesantia_band, mexico_labor_cost
from assistant.calculators.rates import load_rates
from assistant.registry import ToolInputError, run_tool

RATES = load_rates()
DOCS = {"imss-employer-contributions-2026", "integrated-salary-sbc", "cesantia-vejez-schedule", "labor-cost-worked-example"}


def cost(**kw):
    return mexico_labor_cost(LaborCostInput(**kw))


def line(result, prefix):
    return sum(item.annual_mxn for item in result.breakdown if item.item.startswith(prefix))


def test_minimum_wage_worker_on_the_border_2026():
    r = cost(daily_wage_mxn="minimum", zone="border", state="Chihuahua", year=2026, mxn_per_usd=18.0)
    wage, uma = 440.87, 117.31
    factor = 1 + 15 / 365 + 12 * 0.25 / 365  # aguinaldo 15 days, 12 vacation days at 25% premium
    sbc = wage * factor  # 462.61 = 3.94 UMA -> band 3.51-4.00 UMA, 6.613% in 2026
    surplus = sbc - 3 * uma
    employer = (
        0.204 * uma  # fixed quota on 1 UMA
        + 0.011 * surplus  # surplus over 3 UMA
        + (0.70 + 1.05 + 1.75 + 1.00 + 2.00 + 6.613 + 2.5984 + 5.00) / 100 * sbc  # SBC branches, class III, INFONAVIT
    ) * 365
    worker_share = (0.004 * surplus + (0.25 + 0.375 + 0.625 + 1.125) / 100 * sbc) * 365  # LSS art. 36
    payroll = 0.04 * (wage * 365 + wage * 15 + wage * 12 * 0.25)  # Chihuahua 4% in 2026
    annual = wage * 365 + wage * 15 + wage * 12 * 0.25 + employer + worker_share + payroll
    assert r.minimum_wage_worker is True
    assert r.sbc_daily_mxn == pytest.approx(sbc, abs=0.005)
    assert r.sbc_in_uma == pytest.approx(3.9435, abs=1e-4)
    assert (r.cesantia_band, r.cesantia_rate_pct) == ("3.51 - 4.00 UMA", 6.613)
    assert line(r, "IMSS worker share") == pytest.approx(worker_share, abs=0.01)
    assert r.annual_cost_per_worker_mxn == pytest.approx(annual, abs=0.02)
    assert r.monthly_cost_per_worker_mxn == pytest.approx(annual / 12, abs=0.01)
    assert r.annual_cost_per_worker_usd == pytest.approx(annual / 18.0, abs=0.01)
    paid_hours = 48 * 365 / 7
    productive_hours = paid_hours - (12 + 7) * 8  # 12 vacation days + 7 holidays at 8 h
    assert r.cost_per_paid_hour_mxn == pytest.approx(annual / paid_hours, abs=0.01)
    assert r.cost_per_productive_hour_mxn == pytest.approx(annual / productive_hours, abs=0.01)
    assert r.burden_pct == pytest.approx((annual - wage * 365) / (wage * 365) * 100, abs=0.01)
    assert DOCS <= set(r.doc_ids)


def test_salary_above_the_25_uma_cap_pays_imss_on_the_cap():
    r = cost(daily_wage_mxn=5000, state="Jalisco", year=2026, headcount=10)
    uma, wage = 117.31, 5000.0
    cap = 25 * uma  # 2,932.75: 5,000 x 1.0493 = 5,246.58 is above it
    employer = (0.204 * uma + 0.011 * (cap - 3 * uma)
                + (0.70 + 1.05 + 1.75 + 1.00 + 2.00 + 7.513 + 2.5984 + 5.00) / 100 * cap) * 365
    payroll = 0.03 * (wage * 365 + wage * 15 + wage * 12 * 0.25)  # Jalisco 3%
    annual = wage * 365 + wage * 15 + wage * 12 * 0.25 + employer + payroll
    assert r.sbc_daily_mxn == pytest.approx(cap)
    assert r.cesantia_band == "4.01 UMA and up" and r.cesantia_rate_pct == 7.513
    assert r.minimum_wage_worker is False
    assert r.annual_cost_per_worker_mxn == pytest.approx(annual, abs=0.02)
    assert r.annual_cost_total_mxn == pytest.approx(annual * 10, abs=0.2)
    assert any("25 UMA" in n for n in r.notes)


def test_2024_worker_in_year_three_uses_2024_rates_and_eight_holidays():
    r = cost(daily_wage_mxn=300, state="Nuevo León", year=2024, years_of_service=3, work_risk_class="I")
    uma, wage, vac = 108.57, 300.0, 16  # year of service 3: 16 vacation days
    sbc = wage * (1 + 15 / 365 + vac * 0.25 / 365)  # 315.62 = 2.91 UMA -> band 2.51-3.00, 4.588% (2024, derived)
    employer = (0.204 * uma + (0.70 + 1.05 + 1.75 + 1.00 + 2.00 + 4.588 + 0.54355 + 5.00) / 100 * sbc) * 365
    payroll = 0.03 * (wage * 365 + wage * 15 + wage * vac * 0.25)  # no surplus: SBC below 3 UMA
    annual = wage * 365 + wage * 15 + wage * vac * 0.25 + employer + payroll
    assert r.as_of == date(2024, 7, 1)
    assert r.cesantia_rate_pct == 4.588
    assert r.annual_cost_per_worker_mxn == pytest.approx(annual, abs=0.02)
    assert r.productive_hours_per_year == pytest.approx(48 * 365 / 7 - (16 + 8) * 8, abs=0.01)
    assert r.annual_cost_per_worker_usd is None and any("mxn_per_usd" in n for n in r.notes)


def test_general_zone_minimum_2025_falls_in_a_uma_band_and_employer_pays_worker_share():
    r = cost(daily_wage_mxn="minimum", state="Coahuila", year=2025)
    wage, uma = 278.80, 113.14
    sbc = wage * (1 + 18 / 365)  # 292.55 = 2.59 UMA -> band 2.51-3.00, 5.307% (2025, derived)
    share = (0.25 + 0.375 + 0.625 + 1.125) / 100 * sbc * 365  # no surplus: SBC below 3 UMA
    assert r.cesantia_band == "2.51 - 3.00 UMA" and r.cesantia_rate_pct == 5.307
    assert line(r, "IMSS worker share") == pytest.approx(share, abs=0.01)


def test_profit_sharing_is_ten_percent_shared_and_capped():
    # 10% of MXN 10 million shared by 100 workers = 10,000 each, under the 3-month cap (400 x 91.25 = 36,500).
    r = cost(daily_wage_mxn=400, state="Querétaro", year=2026, headcount=100, annual_taxable_profit_mxn=10_000_000)
    assert line(r, "Profit sharing") == pytest.approx(10_000)
    assert "ptu-profit-sharing" in r.doc_ids
    # 10% of 100 million over 10 workers = 1,000,000 each: capped at the greater of 36,500 and the 3-year average.
    capped = cost(daily_wage_mxn=400, state="Querétaro", year=2026, headcount=10, annual_taxable_profit_mxn=100_000_000)
    assert line(capped, "Profit sharing") == pytest.approx(400 * 365 / 4)
    avg = cost(daily_wage_mxn=400, state="Querétaro", year=2026, headcount=10, annual_taxable_profit_mxn=100_000_000,
               ptu_average_last_3_years_mxn=50_000)
    assert line(avg, "Profit sharing") == pytest.approx(50_000)


def test_explicit_work_risk_rate_and_payroll_rate_override_the_tables():
    base = cost(daily_wage_mxn=400, state="Sonora", year=2026)
    custom = cost(daily_wage_mxn=400, state="Sonora", year=2026, work_risk_rate_pct=0.5, payroll_tax_rate_pct=2.0)
    sbc = base.sbc_daily_mxn
    assert line(custom, "IMSS: Work risk") == pytest.approx(sbc * 0.005 * 365, abs=0.01)
    assert line(custom, "State payroll tax") == pytest.approx(0.02 * 400 * (365 + 15 + 3), abs=0.01)


def test_cesantia_band_rule_an_sbc_equal_to_the_minimum_wage_takes_the_one_minimum_wage_band():
    bands = [RATES["cesantia_vejez"].get(date(2026, 3, 1), band=b) for b in RATES["cesantia_vejez"].key_values("band")]
    row, rate = cesantia_band(315.04, 117.31, 315.04, bands)
    assert (row.key["band"], rate) == ("1.00 SM", 3.150)
    # Anything else goes by SBC / UMA: 1.50 UMA is the top of the first UMA band, 1.51 is the next.
    assert cesantia_band(1.50 * 117.31, 117.31, 315.04, bands)[1] == 3.676
    assert cesantia_band(1.51 * 117.31, 117.31, 315.04, bands)[1] == 4.851
    assert cesantia_band(4.2 * 117.31, 117.31, 315.04, bands)[1] == 7.513


@settings(max_examples=40, deadline=None)
@given(st.floats(min_value=316, max_value=20_000), st.floats(min_value=1, max_value=2_000))
def test_cost_rises_with_the_wage(wage, raise_by):
    low = cost(daily_wage_mxn=wage, state="Nuevo León", year=2026)
    high = cost(daily_wage_mxn=wage + raise_by, state="Nuevo León", year=2026)
    assert high.annual_cost_per_worker_mxn > low.annual_cost_per_worker_mxn
    assert high.cost_per_productive_hour_mxn >= low.cost_per_productive_hour_mxn


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=1, max_value=5000))
def test_totals_scale_with_headcount(n):
    r = cost(daily_wage_mxn=500, state="Coahuila", headcount=n)
    assert r.annual_cost_total_mxn == pytest.approx(r.annual_cost_per_worker_mxn * n, abs=0.01 * n)


# ------------------------------------------------------------------------------------------ validation
@pytest.mark.parametrize(
    "args, message",
    [
        ({"daily_wage_mxn": -5, "state": "Chihuahua"},
         'daily_wage_mxn must be a daily wage in MXN between 1 and 50,000, or "minimum"; got -5'),
        ({"daily_wage_mxn": float("nan"), "state": "Chihuahua"}, "daily_wage_mxn must be a daily wage in MXN"),
        ({"daily_wage_mxn": 1e9, "state": "Chihuahua"}, "between 1 and 50,000"),
        ({"daily_wage_mxn": 400}, "state is required: give the name of a Mexican state"),
        ({"state": "Chihuahua"}, "daily_wage_mxn is required"),
        ({"daily_wage_mxn": 400, "state": "Texas"}, "state: 'Texas' is not a Mexican state"),
        ({"daily_wage_mxn": 400, "state": "Jalisco", "headcount": 0}, "headcount must be a whole number between 1 and 100,000; got 0"),
        ({"daily_wage_mxn": 400, "state": "Jalisco", "years_of_service": 50}, "years_of_service must be a whole number between 1 and 35"),
        ({"daily_wage_mxn": 400, "state": "Jalisco", "weekly_hours": 60}, "weekly_hours must be a number greater than 0 and at most 48"),
        ({"daily_wage_mxn": 400, "state": "Jalisco", "work_risk_rate_pct": 20}, "work_risk_rate_pct must be a number between 0.5 and 15 (percent)"),
        ({"daily_wage_mxn": 400, "state": "Jalisco", "work_risk_class": "VI"}, "work_risk_class must be one of 'I', 'II', 'III', 'IV', 'V'"),
        ({"daily_wage_mxn": 400, "state": "Jalisco", "zone": "south"}, "zone must be one of 'general', 'border'"),
        ({"daily_wage_mxn": 400, "state": "Jalisco", "mxn_per_usd": 0}, "mxn_per_usd must be a number between 5 and 50"),
        ({"daily_wage_mxn": 400, "state": "Jalisco", "year": 2025, "as_of": "2026-03-01"}, "year (2025) and as_of (2026-03-01) disagree"),
        ({"daily_wage_mxn": 400, "state": "Jalisco", "wage": 3}, "wage is not an accepted field"),
        ({"daily_wage_mxn": 400, "state": "Jalisco", "as_of": "yesterday"}, "as_of must be a date YYYY-MM-DD"),
    ],
)
def test_invalid_input_names_the_field_and_the_accepted_range(args, message):
    with pytest.raises(ToolInputError) as err:
        run_tool("mexico_labor_cost", args)
    assert message in str(err.value)
    assert str(err.value).startswith("Invalid input for mexico_labor_cost: ")


def test_a_wage_below_the_zone_minimum_is_refused():
    with pytest.raises(CalculatorInputError, match=r"daily_wage_mxn 350.00 is below the northern border free zone minimum wage of MXN 440.87"):
        cost(daily_wage_mxn=350, zone="border", state="Baja California", year=2026)


def test_a_state_without_a_payroll_rate_on_file_asks_for_the_rate():
    with pytest.raises(CalculatorInputError, match="No payroll-tax rate is on file for Yucatán: give payroll_tax_rate_pct"):
        cost(daily_wage_mxn=400, state="Yucatán")
    assert cost(daily_wage_mxn=400, state="Yucatán", payroll_tax_rate_pct=3).annual_cost_per_worker_mxn > 0


def test_a_year_before_the_tables_is_a_dated_error():
    with pytest.raises(RateNotInForceError, match=r"2023-07-01.*2024-01-01 to 2026-12-31"):
        cost(daily_wage_mxn=400, state="Jalisco", year=2023)


def test_without_a_date_the_rates_are_today_s_and_a_table_past_its_last_row_is_flagged():
    inp = LaborCostInput(daily_wage_mxn="minimum", state="Chihuahua")
    today = mexico_labor_cost(inp, today=date(2026, 12, 1))
    assert today.as_of == date(2026, 12, 1) and today.notices == []  # every table has a row in force
    later = mexico_labor_cost(inp, today=date(2027, 1, 15))
    assert later.as_of == date(2027, 1, 15)
    assert later.daily_wage_mxn == 315.04  # the 2026 general minimum, the latest on file
    assert later.cesantia_rate_pct == 6.745  # 2027 rate of the transitory table, in force
    (notice,) = later.notices
    assert notice.startswith("Minimum wage: the 2026 minimum wages (in force 2026-01-01 to 2026-12-31) are the latest")
    assert "applied to 2027-01-15" in notice
    assert any("46 hours in 2027" in n for n in later.notes) and "forty-hour-week-reform" in later.doc_ids
    # Every row the result rests on is either in force on the date or named by the notice.
    for a in later.assumptions:
        if a.effective_from is not None and not (a.effective_to is None or a.effective_to >= later.as_of):
            assert a.name.startswith("Minimum wage"), a.name


def test_a_later_year_uses_the_latest_rows_on_file_and_says_which():
    r = cost(daily_wage_mxn=400, state="Jalisco", year=2031)
    assert r.as_of == date(2031, 7, 1)
    assert r.cesantia_rate_pct == 10.077  # 2030 final rate of 3.51-4.00 UMA (SBC 419.73 = 3.58 UMA), until the law changes
    assert [n.split(":")[0] for n in r.notices] == ["Minimum wage", "UMA", "Statutory holidays"]


# ------------------------------------------------------------------------------------------ wage zone
def test_baja_california_alone_is_the_border_zone_and_a_minimum_wage_worker_keeps_the_worker_share():
    r = cost(daily_wage_mxn="minimum", state="Baja California", year=2026)
    assert (r.zone, r.zone_basis, r.daily_wage_mxn) == ("border", "state", 440.87)
    assert r.minimum_wage_worker and line(r, "IMSS worker share") > 0
    assert r.annual_cost_per_worker_mxn == pytest.approx(224_352.48, abs=0.01)  # worked example: 224,351.82 (cent-rounded days)
    # The same wage priced in the general zone is above that zone's minimum: no worker share (the bug of issue 13).
    given_wage = cost(daily_wage_mxn=440.87, state="Baja California", year=2026)
    assert given_wage.minimum_wage_worker and given_wage.annual_cost_per_worker_mxn == r.annual_cost_per_worker_mxn
    general = cost(daily_wage_mxn=440.87, state="Baja California", zone="general", year=2026)
    assert general.zone_basis == "given" and not general.minimum_wage_worker
    assert general.annual_cost_per_worker_mxn == pytest.approx(220_180.62, abs=0.01)
    assert any("from the state (all of Baja California" in n for n in r.notes)


def test_a_state_only_partly_on_the_border_takes_the_place_or_assumes_general_and_says_so():
    juarez = cost(daily_wage_mxn="minimum", state="Chihuahua", place="Ciudad Juárez", year=2026)
    assert (juarez.zone, juarez.zone_basis, juarez.place) == ("border", "place", "Juárez")
    city = cost(daily_wage_mxn="minimum", state="Chihuahua", place="Chihuahua", year=2026)
    assert (city.zone, city.zone_basis) == ("general", "place")
    assumed = cost(daily_wage_mxn="minimum", state="Chihuahua", year=2026)
    assert (assumed.zone, assumed.zone_basis) == ("general", "assumed")
    assert any(n.startswith("Wage zone: general zone assumed for Chihuahua") and "border minimum wage" in n for n in assumed.notes)
    inland = cost(daily_wage_mxn="minimum", state="Querétaro", year=2026)
    assert (inland.zone, inland.zone_basis) == ("general", "state") and not any(n.startswith("Wage zone") for n in inland.notes)
    given_zone = cost(daily_wage_mxn="minimum", state="Chihuahua", zone="border", year=2026)
    assert given_zone.zone_basis == "given"


@pytest.mark.parametrize("args, message", [
    ({"daily_wage_mxn": 400, "state": "Chihuahua", "place": "Atlantis"}, "'Atlantis' is not a Mexican city on file"),
    ({"daily_wage_mxn": 400, "state": "Chihuahua", "place": "Tijuana"}, "place Tijuana is in Baja California, not in Chihuahua"),
])
def test_a_place_must_be_a_known_city_of_the_state(args, message):
    with pytest.raises(ToolInputError, match=message):
        run_tool("mexico_labor_cost", args)


def test_paid_hours_are_365_days_of_the_week_not_52_weeks():
    r = cost(daily_wage_mxn="minimum", state="Querétaro", year=2026)
    assert r.paid_hours_per_year == 2502.86  # 48 x 365 / 7; 48 x 52 = 2,496 would drop a day the wage pays
    assert r.cost_per_paid_hour_mxn == 63.99  # as in the corrected worked example (MXN 160,163.28 / 2,502.86)
    assert r.productive_hours_per_year == 2350.86  # less 12 vacation days and 7 holidays at 8 hours


def test_the_input_model_alone_rejects_a_wage_that_is_neither_a_number_nor_minimum():
    with pytest.raises(ValidationError):
        LaborCostInput(daily_wage_mxn="lots", state="Jalisco")
