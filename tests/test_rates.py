"""Rate tables: every row is dated and sourced, a date picks the row in force, a date outside is an error."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from assistant.calculators.common import CalculatorInputError, RateNotInForceError
from assistant.calculators.rates import RateTableError, load_rates, parse_table

RATES = load_rates()
EXPECTED_TABLES = {
    "minimum_wage", "uma", "imss_rates", "cesantia_vejez", "work_risk", "payroll_tax", "vacation_days", "lft_benefits",
    "statutory_holidays", "mpf", "hmf", "mx_vat", "usmca_rvc_thresholds", "transit_times",
}


def table(rows, key=("zone",)):
    return {"table": "t", "title": "Test table", "unit": "MXN", "key": list(key), "rows": rows}


def row(value, start, end, **key):
    return {"value": value, "effective_from": start, "effective_to": end,
            "source": {"title": "Some source", "url": "https://example.org"}, **key}


def test_every_table_ships_and_every_row_is_dated_and_sourced():
    assert EXPECTED_TABLES <= set(RATES.tables)
    for t in RATES.tables.values():
        for r in t.rows:
            assert r.source_title and r.source_url.startswith("https://")
            assert isinstance(r.effective_from, date)
            assert r.effective_to is None or r.effective_to >= r.effective_from


def test_minimum_wage_and_uma_match_the_fact_sheet():
    mw, uma = RATES["minimum_wage"], RATES["uma"]
    assert mw.get(date(2024, 6, 1), zone="general").value == 248.93
    assert mw.get(date(2025, 6, 1), zone="border").value == 419.88
    assert mw.get(date(2026, 1, 1), zone="general").value == 315.04
    assert mw.get(date(2026, 12, 31), zone="border").value == 440.87
    # The UMA changes on 1 February, not on 1 January.
    assert uma.get(date(2026, 1, 31)).value == 113.14
    assert uma.get(date(2026, 2, 1)).value == 117.31


def test_mpf_follows_the_us_fiscal_year():
    mpf = RATES["mpf"]
    assert mpf.get(date(2024, 9, 30), item="minimum_usd").value == 31.67
    assert mpf.get(date(2024, 9, 30), item="maximum_usd").value == 614.35
    assert mpf.get(date(2024, 10, 1), item="minimum_usd").value == 32.71
    assert mpf.get(date(2025, 10, 1), item="maximum_usd").value == 651.50
    assert {r.value for r in mpf.series(item="rate_pct")} == {0.3464}


def test_payroll_tax_changes_on_its_effective_date():
    isn = RATES["payroll_tax"]
    assert isn.get(date(2025, 12, 31), state="Chihuahua").value == 3.0
    assert isn.get(date(2026, 1, 1), state="Chihuahua").value == 4.0
    assert isn.get(date(2024, 1, 1), state="Baja California").value == 4.25
    assert "UNVERIFIED" in isn.get(date(2026, 1, 1), state="Sonora").source_title


def test_cesantia_2024_and_2025_are_the_documented_linear_derivation():
    """2024/2025 = 3.150 + (rate 2030 - 3.150) x (year - 2022) / 8, rounded half-up to 3 decimals."""
    ces = RATES["cesantia_vejez"]
    for year in (2024, 2025):
        for r in ces.in_force(date(year, 6, 1)):
            r2030 = Decimal(str(r.attrs["rate_2030"]))
            want = (Decimal("3.150") + (r2030 - Decimal("3.150")) * (year - 2022) / 8).quantize(Decimal("0.001"), ROUND_HALF_UP)
            assert Decimal(str(r.value)) == want, (year, r.key)
            assert "Derived, not an official table" in r.source_title or r.key["band"] == "1.00 SM"
    # Known anchors: 2024 top band 3.150 + 8.725 / 4 = 5.33125 -> 5.331; 2025 top band 6.421875 -> 6.422.
    assert ces.get(date(2024, 1, 1), band="4.01 UMA and up").value == 5.331
    assert ces.get(date(2025, 1, 1), band="4.01 UMA and up").value == 6.422


def test_the_same_derivation_reproduces_the_published_2026_rates_within_a_thousandth():
    ces = RATES["cesantia_vejez"]
    for r in ces.in_force(date(2026, 6, 1)):
        derived = 3.150 + (r.attrs["rate_2030"] - 3.150) * 4 / 8
        assert abs(derived - r.value) <= 0.0011, r.key
    assert ces.get(date(2026, 6, 1), band="1.00 SM").value == 3.150
    assert ces.get(date(2026, 6, 1), band="3.51 - 4.00 UMA").value == 6.613


def test_holidays_are_eight_in_2024_and_seven_otherwise():
    hol = RATES["statutory_holidays"]
    assert [hol.get(date(y, 7, 1)).value for y in (2024, 2025, 2026)] == [8, 7, 7]


def test_a_date_after_the_table_is_an_error_naming_the_date_and_the_range():
    with pytest.raises(RateNotInForceError) as err:
        RATES["minimum_wage"].get(date(2027, 3, 1), zone="general")
    message = str(err.value)
    assert "2027-03-01" in message and "2024-01-01 to 2026-12-31" in message
    assert isinstance(err.value, ValueError)


def test_a_date_before_the_table_is_an_error():
    with pytest.raises(RateNotInForceError, match=r"2023-06-30.*covers 2023-10-01 to 2026-09-30"):
        RATES["mpf"].get(date(2023, 6, 30), item="rate_pct")


def test_a_date_in_a_gap_is_an_error_that_says_so():
    t = parse_table(table([row(1, "2024-01-01", "2024-06-30", zone="a"), row(2, "2024-08-01", None, zone="a")]))
    assert t.get(date(2030, 1, 1), zone="a").value == 2  # open-ended: in force until a new row
    with pytest.raises(RateNotInForceError, match="2024-07-15.*with a gap"):
        t.get(date(2024, 7, 15), zone="a")


def test_an_unknown_key_is_a_clear_error():
    with pytest.raises(CalculatorInputError, match="no row for zone=moon"):
        RATES["minimum_wage"].get(date(2026, 1, 1), zone="moon")


def test_default_as_of_is_the_newest_date_every_dated_table_covers():
    # MPF FY2026 ends 2026-09-30: the earliest end among the dated tables.
    assert RATES.default_as_of() == date(2026, 9, 30)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"table": "t"}, "needs 'table', 'unit', 'key' and 'rows'"),
        (table([{"value": 1, "effective_from": "2024-01-01", "zone": "a"}]), "missing"),
        (table([row(1, "2024-01-01", None, zone="a") | {"source": {"title": "x"}}]), "source needs a title and a url"),
        (table([row(1, "2024-05-01", "2024-01-01", zone="a")]), "before effective_from"),
        (table([row(1, "2024-01-01", None, zone="a"), row(2, "2025-01-01", None, zone="a")]), "overlap"),
        (table([row(1, "not a date", None, zone="a")]), "expected a date"),
        (table([]), "no rows"),
    ],
)
def test_malformed_tables_are_rejected(data, message):
    with pytest.raises(RateTableError, match=message):
        parse_table(data, "x.yaml")
