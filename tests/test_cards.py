"""Result cards (issue 15): the headline first, in words, in USD and MXN with the exchange rate as an assumption,
the difference with its sign ("saves" / "costs more"), money with two decimals; every text escaped. Pure tests."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.calculators.rates import RateBook, parse_table
from assistant.interfaces.web.cards import (
    TEXTS,
    card_html,
    difference_words,
    exchange_rate,
    result_card,
)
from assistant.interfaces.web.forms import example_for
from assistant.registry import REGISTRY, run_tool, validate_args

TODAY = date(2026, 6, 1)


def run(name: str, **changes) -> tuple[dict, dict]:
    args = example_for(name, REGISTRY[name].input_model) | changes
    return run_tool(name, args, today=TODAY), validate_args(name, args).model_dump(mode="json", exclude_none=True)


def fx_book(value: float = 18.25) -> RateBook:
    """A rate book with a dated exchange-rate table (the card reads one when the calculator used none)."""
    table = parse_table({"table": "mxn_per_usd", "title": "Exchange rate", "unit": "MXN per USD", "key": [], "rows": [
        {"value": value, "effective_from": "2026-01-01", "effective_to": None,
         "source": {"title": "Banco de México, FIX", "url": "https://www.banxico.org.mx/"}}]})
    return RateBook({"mxn_per_usd": table})


@pytest.mark.parametrize("name", list(REGISTRY))
def test_every_calculator_has_a_card_with_a_headline(name):
    result, inputs = run(name)
    card = result_card(name, result, inputs)
    assert card.headline and card.title
    html = card_html(card)
    assert html.startswith('<section class="result-card"') and card.headline.split()[0] in html


@pytest.mark.parametrize("difference, words", [
    (-1.196547, "B saves USD 1.20 a unit compared with A"),
    (0.5, "B costs USD 0.50 more a unit than A"),
    (0.004, "B costs the same per unit as A"),
])
def test_a_difference_says_its_sign_in_words(difference, words):
    assert difference_words("B", "A", difference) == words


def test_spanish_words_come_from_the_same_table():
    assert set(TEXTS["es"]) == set(TEXTS["en"])
    assert difference_words("Monterrey", "Shenzhen", -1.2, "es") == "Monterrey ahorra USD 1.20 por unidad frente a Shenzhen"
    assert difference_words("México", "Asia", 10, "es", years=5) == "México cuesta USD 10.00 más en 5 años que Asia"


def test_landed_cost_card_matches_the_calculator_to_the_cent():
    result, inputs = run("landed_cost_compare")
    card = result_card("landed_cost_compare", result, inputs)
    assert card.headline == (f"Monterrey IMMEX plant saves USD {abs(result['difference_per_unit_usd']):,.2f} a unit "
                             "compared with Shenzhen supplier")
    assert card.detail.startswith(f"USD {abs(result['difference_annual_usd']):,.2f} a year at 100,000 units")
    per_unit = {f.label: f.usd for f in card.figures}
    for s in result["scenarios"]:
        assert per_unit[f"Landed cost per unit: {s['name']}"] == s["landed_cost_per_unit_usd"]
        assert per_unit[f"Landed cost a year: {s['name']}"] == s["annual_landed_cost_usd"]
    assert "No exchange rate on file: figures in USD only." in card.footnotes
    html = card_html(card)
    assert f"USD {result['scenarios'][0]['landed_cost_per_unit_usd']:,.2f}" in html  # two decimals, not six


def test_a_dearer_alternative_costs_more_in_words():
    args = example_for("landed_cost_compare", REGISTRY["landed_cost_compare"].input_model)
    args["scenarios"][1]["unit_price_usd"] = 14.0
    result = run_tool("landed_cost_compare", args, today=TODAY)
    card = result_card("landed_cost_compare", result, args)
    assert card.headline.startswith(f"Monterrey IMMEX plant costs USD {result['difference_per_unit_usd']:,.2f} more "
                                    "a unit than Shenzhen supplier")


def test_usd_and_mxn_with_the_dated_exchange_rate_on_file_shown_as_an_assumption():
    result, inputs = run("landed_cost_compare")
    card = result_card("landed_cost_compare", result, inputs, rates=fx_book(18.25))
    first = card.figures[0]
    assert first.mxn == round(first.usd * 18.25, 2)
    assert card.footnotes[0] == ("Exchange rate (an assumption): 18.25 MXN per USD — Banco de México, FIX, in force "
                                 "from 2026-01-01.")
    html = card_html(card)
    assert f"MXN {first.mxn:,.2f}" in html and f"USD {first.usd:,.2f}" in html
    assert exchange_rate({"as_of": "2025-06-01", "assumptions": []}, fx_book()) is None  # before the table: none


def test_labor_card_per_worker_in_mxn_and_usd_at_the_calculators_own_rate():
    result, inputs = run("mexico_labor_cost", mxn_per_usd=18.5)
    card = result_card("mexico_labor_cost", result, inputs, rates=fx_book(20.0))  # the calculator's rate wins
    assert card.headline == (f"MXN {result['annual_cost_per_worker_mxn']:,.2f} "
                             f"(USD {result['annual_cost_per_worker_usd']:,.2f}) a worker a year")
    figures = {f.label: f for f in card.figures}
    assert figures["Annual cost, all workers"].mxn == result["annual_cost_total_mxn"]
    assert figures["Annual cost, all workers"].usd == result["annual_cost_total_usd"]
    assert figures["Cost per productive hour"].usd == result["cost_per_productive_hour_usd"]
    assert card.footnotes[0] == "Exchange rate (an assumption): 18.50 MXN per USD — as given."
    assert f"{result['burden_pct']:.2f}% above the base wage" in card.detail
    plain, _ = run("mexico_labor_cost")
    assert "type an exchange rate" in result_card("mexico_labor_cost", plain).footnotes[0]


def test_tco_card_says_who_saves_over_the_period_and_per_unit():
    result, inputs = run("tco_compare")
    card = result_card("tco_compare", result, inputs)
    assert card.headline == f"Nearshore saves USD {result['savings_usd']:,.2f} over 5 years compared with offshore"
    figures = {f.label: f.usd for f in card.figures}
    assert figures["Offshore total over 5 years"] == result["offshore_total_usd"]
    assert figures["Nearshore cost per unit, on average"] == round(result["nearshore_total_usd"] / 500_000, 2)
    assert card.detail == f"{result['savings_pct']:.2f}% of the offshore total."


def test_rvc_vat_and_transit_cards_state_rates_with_what_they_apply_to():
    rvc, _ = run("usmca_rvc")
    assert result_card("usmca_rvc", rvc).headline == \
        "RVC 65.00% of the transaction value: qualifies (the rule asks for 60.00%)"
    failing, _ = run("usmca_rvc", vnm=120)
    assert "does not qualify" in result_card("usmca_rvc", failing).headline
    vat, _ = run("immex_vat_cashflow")
    card = result_card("immex_vat_cashflow", vat)
    assert card.headline == (f"VAT certification frees USD {vat['cash_tied_up_uncertified_usd']:,.2f} of cash and saves "
                             f"USD {vat['certification_saving_usd']:,.2f} a year in financing")
    assert card.detail.startswith("VAT at 16.00% on the temporary imports")
    transit, _ = run("transit_time")
    assert result_card("transit_time", transit).headline == \
        "Shenzhen → Chicago by ocean + rail: 20–35 days door to door"


def test_every_text_on_the_card_is_escaped():
    args = example_for("landed_cost_compare", REGISTRY["landed_cost_compare"].input_model)
    args["scenarios"][1]["name"] = '<img src=x onerror="alert(1)"> ${x}'
    result = run_tool("landed_cost_compare", args, today=TODAY)
    html = card_html(result_card("landed_cost_compare", result, args), 'id"><script>')
    assert "<img" not in html and "<script>" not in html and "${" not in html
    assert "&lt;img src=x" in html


def test_the_shipped_exchange_rate_table_gives_mxn_and_says_when_its_latest_month_is_past():
    from assistant.calculators.rates import load_rates

    result, inputs = run("landed_cost_compare")
    rates = load_rates()
    row = rates.tables["mxn_per_usd"].get(date(2025, 11, 20))
    assert 15 < row.value < 25 and "Banco de México FIX" in row.source_title
    card = result_card("landed_cost_compare", {**result, "as_of": "2026-12-02"}, inputs, rates=rates)
    assert any(f.startswith(f"Exchange rate (an assumption): {row.value:,.4f} MXN per USD — Banco de México FIX")
               for f in card.footnotes), card.footnotes
    assert any("is the latest on file and was applied to 2026-12-02" in f for f in card.footnotes)
    first = card.figures[0]
    assert first.mxn == pytest.approx(first.usd * row.value, abs=0.2)  # the card converts the unrounded figure
    in_force = result_card("landed_cost_compare", {**result, "as_of": "2025-11-20"}, inputs, rates=rates)
    assert not any("latest on file" in f for f in in_force.footnotes)
