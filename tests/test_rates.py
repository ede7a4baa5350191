"""Rate tables: every row is dated and sourced, a date picks the row in force, a date outside is an error."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from assistant.calculators.common import CalculatorInputError, RateNotInForceError, calc_date
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


# The transitorio segundo table of the decree DOF 16-12-2020 (LSS), read off page 152 of the Cámara de Diputados text.
OFFICIAL_CESANTIA = {
    2024: [3.150, 3.413, 4.000, 4.353, 4.588, 4.756, 4.882, 5.331],
    2025: [3.150, 3.544, 4.426, 4.954, 5.307, 5.559, 5.747, 6.422],
    2026: [3.150, 3.676, 4.851, 5.556, 6.026, 6.361, 6.613, 7.513],
    2027: [3.150, 3.807, 5.276, 6.157, 6.745, 7.164, 7.479, 8.603],
    2028: [3.150, 3.939, 5.701, 6.759, 7.464, 7.967, 8.345, 9.694],
    2029: [3.150, 4.070, 6.126, 7.360, 8.183, 8.770, 9.211, 10.784],
    2030: [3.150, 4.202, 6.552, 7.962, 8.902, 9.573, 10.077, 11.875],
}


def test_cesantia_rows_are_the_official_transitory_table_2024_to_2030():
    ces = RATES["cesantia_vejez"]
    bands = ces.key_values("band")
    for year, values in OFFICIAL_CESANTIA.items():
        got = [ces.get(date(year, 6, 1), band=b) for b in bands]
        assert [r.value for r in got] == values, year
        assert all("DOF 16-12-2020" in r.source_title for r in got)
    # From 2030 the final rates of LSS art. 168-II-a apply until the law changes.
    assert ces.get(date(2040, 1, 1), band="4.01 UMA and up").value == 11.875
    assert ces.get(date(2027, 1, 1), band="2.51 - 3.00 UMA").value == 6.745


def test_the_linear_derivation_the_rows_replaced_is_within_a_thousandth_of_the_official_table():
    """3.150 + (rate 2030 - 3.150) x (year - 2022) / 8, rounded half-up, differs from the law by at most 0.001."""
    for year, values in OFFICIAL_CESANTIA.items():
        for official, final in zip(values, OFFICIAL_CESANTIA[2030]):
            derived = (Decimal("3.150") + (Decimal(str(final)) - Decimal("3.150")) * (year - 2022) / 8).quantize(
                Decimal("0.001"), ROUND_HALF_UP)
            assert abs(derived - Decimal(str(official))) <= Decimal("0.001"), (year, official)


def test_holidays_follow_lft_article_74_eight_in_a_year_of_transfer_of_power():
    hol = RATES["statutory_holidays"]
    assert [hol.get(date(y, 7, 1)).value for y in (2024, 2025, 2026, 2027, 2028)] == [8, 7, 7, 7, 7]
    assert "art. 74" in hol.get(date(2027, 7, 1)).source_title


def test_a_date_after_the_table_is_an_error_unless_the_caller_takes_the_latest_row_with_a_notice():
    with pytest.raises(RateNotInForceError) as err:
        RATES["minimum_wage"].get(date(2027, 3, 1), zone="general")
    message = str(err.value)
    assert "2027-03-01" in message and "2024-01-01 to 2026-12-31" in message
    assert isinstance(err.value, ValueError)
    notices: list[str] = []
    row = RATES["minimum_wage"].get(date(2027, 3, 1), zone="general", notices=notices)
    assert row.value == 315.04 and row.effective_to == date(2026, 12, 31)
    assert notices == ["Minimum wage: the 2026 minimum wages (in force 2026-01-01 to 2026-12-31) are the latest on file "
                       "and were applied to 2027-03-01; the 2027 minimum wage applies from 2027-01-01 and is not on file "
                       "yet (CONASAMI sets it in December)."]
    RATES["minimum_wage"].get(date(2027, 3, 1), zone="border", notices=notices)
    assert len(notices) == 1  # one notice per table, however many series were read


def test_the_mpf_notice_names_the_fiscal_years():
    notices: list[str] = []
    assert RATES["mpf"].get(date(2026, 12, 1), item="maximum_usd", notices=notices).value == 651.50
    (notice,) = notices
    assert notice.startswith("MPF: the FY2026 fees (in force 2025-10-01 to 2026-09-30) are the latest on file")
    assert "applied to 2026-12-01" in notice and "FY2027 fees apply to entries from 2026-10-01" in notice


def test_a_row_in_force_gives_no_notice():
    notices: list[str] = []
    RATES["uma"].get(date(2026, 12, 1), notices=notices)
    RATES["cesantia_vejez"].get(date(2027, 1, 15), band="1.00 SM", notices=notices)
    assert notices == []


def test_every_dated_table_words_its_latest_on_file_notice():
    for t in RATES.tables.values():
        for key in {tuple(sorted(r.key.items())) for r in t.rows}:
            series = t.series(**dict(key))
            latest = max(series, key=lambda r: r.effective_from)
            if latest.effective_to is None:
                continue
            notice = t.notice(latest, latest.effective_to.replace(year=latest.effective_to.year + 1))
            assert "latest on file" in notice and latest.effective_from.isoformat() in notice, t.name


def test_a_date_before_the_table_is_an_error_even_with_a_notice_list():
    with pytest.raises(RateNotInForceError, match=r"2023-06-30.*covers 2023-10-01 to 2026-09-30"):
        RATES["mpf"].get(date(2023, 6, 30), item="rate_pct")
    with pytest.raises(RateNotInForceError, match=r"2023-06-30"):
        RATES["mpf"].get(date(2023, 6, 30), item="rate_pct", notices=[])


def test_a_date_in_a_gap_is_an_error_that_says_so():
    t = parse_table(table([row(1, "2024-01-01", "2024-06-30", zone="a"), row(2, "2024-08-01", None, zone="a")]))
    assert t.get(date(2030, 1, 1), zone="a").value == 2  # open-ended: in force until a new row
    with pytest.raises(RateNotInForceError, match="2024-07-15.*with a gap"):
        t.get(date(2024, 7, 15), zone="a")
    with pytest.raises(RateNotInForceError, match="2024-07-15.*with a gap"):
        t.get(date(2024, 7, 15), zone="a", notices=[])


def test_a_table_without_a_notice_template_gets_a_generic_one():
    t = parse_table(table([row(1, "2024-01-01", "2024-12-31", zone="a")]))
    notices: list[str] = []
    assert t.get(date(2025, 2, 1), zone="a", notices=notices).value == 1
    assert notices == ["Test table: the rates in force 2024-01-01 to 2024-12-31 are the latest on file and were applied "
                       "to 2025-02-01; newer rates apply from 2025-01-01 and are not on file yet."]


def test_an_unknown_key_is_a_clear_error():
    with pytest.raises(CalculatorInputError, match="no row for zone=moon"):
        RATES["minimum_wage"].get(date(2026, 1, 1), zone="moon")


def test_a_calculation_date_is_the_one_asked_for_else_the_clock_given_else_the_system_date():
    assert calc_date(date(2025, 3, 1), date(2027, 1, 15)) == date(2025, 3, 1)
    assert calc_date(None, date(2027, 1, 15)) == date(2027, 1, 15)
    assert calc_date(None) == date.today()


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
