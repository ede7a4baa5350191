"""Figures in generated sentences: extraction, normalisation, and whether a source or calculator supports them."""

from decimal import Decimal

import pytest

from assistant.answer.figures import extract_figures, unsupported_figures

MPF = "In fiscal year 2026 the MPF minimum is $33.58 and the maximum is $651.50 per entry. The fee is 0.3464%."


def test_a_sentence_without_figures_has_nothing_to_check():
    assert unsupported_figures("Machinery may stay while the program is in force [1].", [], []) == []


def test_figures_are_extracted_with_their_kind():
    found = {f.text: f.kind for f in extract_figures(
        "USD 1,234.50, $651.50, MXN 315.04, 18%, 18 percent, 2026-10-01, 1 October 2026, October 1, 2026, "
        "FY2026 and heading 8708.29.50"
    )}
    assert found == {
        "1,234.50": "money", "651.50": "money", "315.04": "money", "18%": "percent", "18 percent": "percent",
        "2026-10-01": "date", "1 October 2026": "date", "October 1, 2026": "date", "2026": "number",
        "8708.29.50": "code",
    }


def test_citation_markers_and_list_numbering_are_not_figures():
    assert extract_figures("1. See [2] and [1, 3].") == []
    assert unsupported_figures("2) The MPF minimum is $33.58 [4].", [MPF], []) == []
    assert unsupported_figures("(3) The maximum is $651.50 [12].", [MPF], []) == []
    assert unsupported_figures("It applies to (1) inputs and (2) machinery [1].", ["no figures here"], []) == []


@pytest.mark.parametrize("written, source", [
    ("USD 1,234.50", "1234.5"),
    ("1234.5", "USD 1,234.50"),
    ("MXN 1.234,50", "MXN 1,234.50"),
    ("USD 1,000,000", "USD 1 million"),
    ("USD 1.2 million", "1,200,000"),
    ("$5M", "USD 5,000,000"),
    ("12,5 %", "12.5 percent"),
    ("315 mil pesos", "MXN 315,000"),
    ("a 1\u00a0234\u00a0567 peso budget", "1,234,567"),  # a no-break space as thousands separator
    ("$651.5", MPF),
    ("USD 33.58", MPF),
])
def test_amounts_match_whatever_their_separators(written, source):
    assert unsupported_figures(f"The figure is {written} [1].", [source], []) == []


@pytest.mark.parametrize("written, source, reported", [
    ("USD 1,234.50", "USD 1,243.50", "1,234.50"),
    ("$615.50", MPF, "615.50"),
    ("USD 1.3 million", "1,200,000", "1.3 million"),
    ("USD 10,000", "USD 1,000", "10,000"),
    ("$33.85", MPF, "33.85"),
])
def test_a_different_amount_is_unsupported(written, source, reported):
    assert unsupported_figures(f"The figure is {written} [1].", [source], []) == [reported]


def test_an_ambiguous_separator_is_read_both_ways():
    assert unsupported_figures("It costs 1,234 [1].", ["1234 in total"], []) == []
    assert unsupported_figures("It costs 1,234 [1].", ["a factor of 1.234"], []) == []
    assert unsupported_figures("It costs 1,234 [1].", ["1243 in total"], []) == ["1,234"]


@pytest.mark.parametrize("written", ["18%", "18 %", "18 percent", "18 per cent", "18 por ciento"])
def test_percentages_in_any_wording(written):
    assert unsupported_figures(f"The rate is {written} [1].", ["a rate of 18 percent"], []) == []
    assert unsupported_figures(f"The rate is {written} [1].", ["a rate of 16%"], []) == [written]


def test_a_percentage_may_be_rounded_but_not_changed():
    assert unsupported_figures("The MPF is 0.35% of the value [1].", [MPF], []) == []
    assert unsupported_figures("The MPF is 0.3464 percent [1].", [MPF], []) == []
    assert unsupported_figures("The MPF is 0.34% of the value [1].", [MPF], []) == ["0.34%"]
    assert unsupported_figures("The MPF is 0.4% of the value [1].", [MPF], []) == ["0.4%"]
    assert unsupported_figures("The MPF is 3% of the value [1].", [MPF], []) == ["3%"]


@pytest.mark.parametrize("written", [
    "2026-10-01", "1 October 2026", "October 1, 2026", "Oct. 1, 2026", "1st of October 2026",
    "1 de octubre de 2026", "01/10/2026",
])
def test_dates_in_any_format(written):
    assert unsupported_figures(f"The rule applies from {written} [1].", ["in force from 2026-10-01"], []) == []
    assert unsupported_figures(f"The rule applies from {written} [1].", ["in force from 1 October 2026"], []) == []


@pytest.mark.parametrize("written", ["2 October 2026", "October 1, 2027", "2026-01-10", "1 November 2026"])
def test_a_different_date_is_unsupported(written):
    assert unsupported_figures(f"The rule applies from {written} [1].", ["in force from 2026-10-01"], []) == [written]


def test_years_are_numbers_and_a_dated_source_supports_its_year():
    assert unsupported_figures("In 2026 the rule changed [1].", ["in force from 2026-10-01"], []) == []
    assert unsupported_figures("From October 2026 [1].", ["in force from 1 October 2026"], []) == []
    assert unsupported_figures("The FY2026 minimum [1].", [MPF], []) == []
    assert unsupported_figures("In 2027 the rule changed [1].", ["in force from 2026-10-01"], []) == ["2027"]


def test_every_unsupported_figure_is_reported_in_order():
    sentence = "Inputs may stay 36 months, or 48 months with an extension, from 2026 [1]."
    assert unsupported_figures(sentence, ["up to 18 months from the date of import (2026)"], []) == ["36", "48"]


def test_a_tariff_code_needs_the_code_or_a_longer_one():
    assert unsupported_figures("Heading 8708.29 applies [1].", ["subheading 8708.29.50"], []) == []
    assert unsupported_figures("Code 8708.29.50 applies [1].", ["subheading 8708.29.50"], []) == []
    assert unsupported_figures("Code 8708.30.10 applies [1].", ["subheading 8708.29.50"], []) == ["8708.30.10"]


TOOL = {
    "as_of": "2026-09-30",
    "vat_rate_pct": 16.0,
    "monthly_vat_usd": 13333.3333,
    "certified": True,
    "assumptions": [{"name": "Cost of capital", "value": 10.0, "source": "calculator default"},
                    {"name": "Transit", "value": [20.0, 35.0], "basis": "ocean 15-25 days"}],
}


def test_calculator_results_are_walked_for_numbers_and_strings():
    assert unsupported_figures("VAT is 16% and USD 13,333.33 a month.", [], [TOOL]) == []
    assert unsupported_figures("Capital costs 10% a year.", [], [TOOL]) == []
    assert unsupported_figures("Door to door it takes 20 to 35 days, 15-25 at sea.", [], [TOOL]) == []
    assert unsupported_figures("Rates as of 30 September 2026.", [], [TOOL]) == []


def test_calculator_values_compare_rounded():
    assert unsupported_figures("About USD 13,333 a month.", [], [TOOL]) == []
    assert unsupported_figures("About USD 13,300 a month.", [], [TOOL]) == ["13,300"]
    assert unsupported_figures("VAT is 17%.", [], [TOOL]) == ["17%"]
    assert unsupported_figures("A rate of 16% [1].", [], [{"vat_rate": 0.16}]) == []


def test_booleans_keys_and_empty_values_are_not_figures():
    assert unsupported_figures("It takes 1 month.", [], [{"ok": True, "art_2_5_duty": None}]) == ["1"]


def test_values_are_decimal_and_exact():
    (fig,) = extract_figures("USD 1,234.50")
    assert (Decimal("1234.5"), Decimal("0.005")) in fig.values
