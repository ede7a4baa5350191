"""immex_vat_cashflow: VAT cash tied up with and without certification, and USMCA article 2.5 exposure."""

from __future__ import annotations

import pytest

from assistant.calculators.vat import VatCashflowInput, immex_vat_cashflow
from assistant.registry import ToolInputError, run_tool


def vat(**kw):
    return immex_vat_cashflow(VatCashflowInput(**kw))


def test_two_million_a_month_uncertified_with_the_default_three_months_and_ten_percent():
    r = vat(annual_temporary_imports_usd=24_000_000)
    annual_vat = 24_000_000 * 0.16  # 3,840,000
    monthly = annual_vat / 12  # 320,000
    assert r.annual_vat_usd == pytest.approx(annual_vat)
    assert r.monthly_vat_usd == pytest.approx(monthly)
    assert r.cash_tied_up_uncertified_usd == pytest.approx(monthly * 3)  # 960,000
    assert r.annual_financing_cost_uncertified_usd == pytest.approx(monthly * 3 * 0.10)  # 96,000
    assert (r.cash_tied_up_certified_usd, r.annual_financing_cost_certified_usd) == (0, 0)  # 100% credit
    assert r.certification_saving_usd == pytest.approx(96_000)
    assert {"mexico-vat-temporary-imports", "vat-ieps-certification"} <= set(r.doc_ids)
    defaults = [a for a in r.assumptions if "default" in a.source]
    assert {a.unit for a in defaults} == {"months", "percent a year"}


def test_an_exchange_rate_adds_the_main_figures_in_pesos_and_is_listed_as_an_assumption():
    r = vat(annual_temporary_imports_usd=1_000_000, mxn_per_usd=18)
    assert r.annual_temporary_imports_mxn == 18_000_000
    assert r.monthly_vat_mxn == pytest.approx(1_000_000 * 0.16 / 12 * 18)  # 240,000
    assert r.cash_tied_up_uncertified_mxn == pytest.approx(720_000)
    assert r.annual_financing_cost_uncertified_mxn == pytest.approx(72_000)
    assert any(a.name == "Exchange rate" and a.value == 18 for a in r.assumptions)
    assert vat(annual_temporary_imports_usd=1_000_000).cash_tied_up_uncertified_mxn is None


def test_given_months_and_cost_of_capital():
    r = vat(annual_temporary_imports_usd=12_000_000, months_to_recover=4, cost_of_capital_pct=12)
    monthly = 12_000_000 * 0.16 / 12  # 160,000
    assert r.cash_tied_up_uncertified_usd == pytest.approx(monthly * 4)  # 640,000
    assert r.annual_financing_cost_uncertified_usd == pytest.approx(monthly * 4 * 0.12)  # 76,800


def test_article_2_5_waives_only_up_to_the_us_duty_paid_and_prosec_can_lower_the_duty():
    r = vat(annual_temporary_imports_usd=10_000_000, non_originating_inputs_usd=5_000_000, mexican_duty_rate_pct=10,
            us_duty_on_finished_goods_usd=100_000, prosec_rate_pct=5)
    general = 5_000_000 * 0.10  # 500,000
    assert r.art_2_5_duty_general_usd == pytest.approx(general)
    assert r.art_2_5_waiver_general_usd == pytest.approx(min(general, 100_000))
    assert r.art_2_5_payable_general_usd == pytest.approx(general - 100_000)  # 400,000
    prosec = 5_000_000 * 0.05  # 250,000
    assert r.art_2_5_payable_prosec_usd == pytest.approx(prosec - 100_000)  # 150,000
    assert r.art_2_5_payable_usd == pytest.approx(150_000)
    assert {"usmca-article-2-5-duty-deferral", "prosec-and-regla-octava"} <= set(r.doc_ids)


def test_usmca_originating_finished_goods_pay_no_us_duty_so_the_whole_mexican_duty_is_due():
    r = vat(annual_temporary_imports_usd=1_000_000, non_originating_inputs_usd=400_000, mexican_duty_rate_pct=15)
    assert r.art_2_5_waiver_general_usd == 0
    assert r.art_2_5_payable_usd == pytest.approx(400_000 * 0.15)  # 60,000


def test_a_us_duty_above_the_mexican_duty_waives_it_all():
    r = vat(annual_temporary_imports_usd=1_000_000, non_originating_inputs_usd=400_000, mexican_duty_rate_pct=5,
            us_duty_on_finished_goods_usd=1_000_000)
    assert r.art_2_5_payable_usd == 0 and r.art_2_5_waiver_general_usd == pytest.approx(20_000)


@pytest.mark.parametrize(
    "args, message",
    [
        ({}, "annual_temporary_imports_usd is required: give a number greater than 0 and at most 100,000,000,000 (USD)"),
        ({"annual_temporary_imports_usd": -1}, "annual_temporary_imports_usd must be a number greater than 0"),
        ({"annual_temporary_imports_usd": 1e6, "months_to_recover": 50}, "months_to_recover must be a number between 0 and 36; got 50"),
        ({"annual_temporary_imports_usd": 1e6, "cost_of_capital_pct": float("inf")}, "cost_of_capital_pct must be a number between 0 and 100 (percent); got inf"),
        ({"annual_temporary_imports_usd": 1e6, "prosec_rate_pct": -2}, "prosec_rate_pct must be a number between 0 and 100 (percent); got -2"),
        ({"annual_temporary_imports_usd": 1e6, "as_of": "2009-06-01"}, "in force on 2009-06-01: the table covers 2010-01-01"),
    ],
)
def test_invalid_input_names_the_field_and_the_accepted_range(args, message):
    with pytest.raises(ToolInputError) as err:
        run_tool("immex_vat_cashflow", args)
    assert message in str(err.value)
