"""Scenarios edited as rows (issue 15): rows ⇄ the calculators' scenario objects, duty presets, and bad cells named
by table, row and column with the fix. Pure tests: no server, no browser."""

from __future__ import annotations

import copy
import json

import pytest

from assistant.calculators.landed import LandedCostInput, Scenario
from assistant.calculators.tco import TcoInput
from assistant.interfaces.web.forms import FORM_EXAMPLES
from assistant.interfaces.web.scenario_rows import (
    DUTY_PRESETS,
    LAYER_HEADERS,
    SCENARIO_HEADERS,
    RowError,
    apply_preset,
    args_to_rows,
    row_fields,
    rows_from_json,
    rows_json,
    rows_to_args,
    scenario_rows,
    scenarios_from_rows,
)
from assistant.registry import run_tool

LANDED = FORM_EXAMPLES["landed_cost_compare"]
TCO = FORM_EXAMPLES["tco_compare"]


def models(scenarios: list[dict]) -> list[dict]:
    return [Scenario.model_validate(s).model_dump() for s in scenarios]


def tables():
    return scenario_rows(copy.deepcopy(LANDED["scenarios"]))


def column(header: str) -> int:
    return SCENARIO_HEADERS.index(header)


def test_the_columns_come_from_the_scenario_and_duty_layer_models():
    assert SCENARIO_HEADERS[:6] == ["Name", "Origin", "Destination", "Mode", "Unit price (USD)", "Units per shipment"]
    assert "Freight per shipment (USD)" in SCENARIO_HEADERS and "Carrying rate (%)" in SCENARIO_HEADERS
    assert LAYER_HEADERS == ["Scenario", "Duty or surcharge", "Rate (%)", "Applies to", "Metal content per unit (USD)",
                             "USMCA-exempt"]
    assert row_fields(LandedCostInput) == ("scenarios",) and row_fields(TcoInput) == ("offshore", "nearshore")


def test_rows_round_trip_to_the_same_scenarios_and_the_same_result():
    rows, layers = tables()
    assert rows[0][:6] == ["Shenzhen supplier", "Shenzhen", "Chicago", "ocean", "10", "20,000"]
    assert layers == [["Shenzhen supplier", "General (MFN)", "2.5", "customs value", "", "no"],
                      ["Shenzhen supplier", "Section 301", "25", "customs value", "", "no"],
                      ["Monterrey IMMEX plant", "General (MFN)", "2.5", "customs value", "", "yes"]]
    back = scenarios_from_rows(rows, layers)
    assert models(back) == models(LANDED["scenarios"])
    args = {**LANDED, **rows_to_args(("scenarios",), rows, layers)}
    assert run_tool("landed_cost_compare", args) == run_tool("landed_cost_compare", LANDED)


def test_an_empty_cell_is_left_out_so_the_calculators_default_applies():
    rows, layers = tables()
    assert rows[1][column("Insurance per shipment (USD)")] == "" and rows[1][column("Carrying rate (%)")] == ""
    monterrey = scenarios_from_rows(rows, layers)[1]
    assert "insurance_per_shipment_usd" not in monterrey and "carrying_rate_pct" not in monterrey
    no_layers = scenarios_from_rows(rows, [])
    assert all("duty_layers" not in s for s in no_layers)


def test_blank_rows_are_ignored_and_numbers_are_read_as_people_type_them():
    rows, layers = tables()
    rows[0][column("Unit price (USD)")] = "1,234.5"
    rows.append([""] * len(SCENARIO_HEADERS))
    layers.append([None] * len(LAYER_HEADERS))
    layers[1][2] = "7.5%"
    layers[2][0] = "2"  # a layer may name its scenario by row number
    out = scenarios_from_rows(rows, layers)
    assert len(out) == 2 and out[0]["unit_price_usd"] == 1234.5
    assert out[0]["duty_layers"][1]["rate_pct"] == 7.5 and out[1]["duty_layers"][0]["usmca_exempt"] is True


def test_tco_takes_row_one_as_offshore_and_row_two_as_nearshore():
    fields = ("offshore", "nearshore")
    rows, layers = args_to_rows(fields, TCO)
    args = rows_to_args(fields, rows, layers)
    assert models([args["offshore"], args["nearshore"]]) == models([TCO["offshore"], TCO["nearshore"]])
    assert run_tool("tco_compare", {**TCO, **args}) == run_tool("tco_compare", TCO)
    with pytest.raises(RowError, match="Scenarios: 1 rows; give exactly 2, one for each of offshore and nearshore"):
        rows_to_args(fields, rows[:1], [])


@pytest.mark.parametrize("preset, expected", [
    ("mfn", {"name": "General (MFN)", "rate_pct": 2.5}),
    ("301", {"name": "Section 301", "rate_pct": 25.0}),
    ("301_4a", {"name": "Section 301", "rate_pct": 7.5}),
    ("232", {"name": "Section 232 metals", "rate_pct": 50.0}),
    ("usmca", {"name": "General (MFN)", "rate_pct": 2.5, "usmca_exempt": True}),
])
def test_presets_give_the_right_layers(preset, expected):
    rows, layers = scenario_rows([{**LANDED["scenarios"][0], "duty_layers": []}, LANDED["scenarios"][1]])
    new_rows, new_layers = apply_preset(rows, layers, preset, "Shenzhen supplier")
    shenzhen = scenarios_from_rows(new_rows, new_layers)[0]
    assert shenzhen["duty_layers"] == [{"base": "customs_value", "usmca_exempt": False, **expected}]
    assert shenzhen.get("usmca_qualifying", False) is (preset == "usmca")  # an exempt layer needs a qualifying good
    assert set(DUTY_PRESETS) == {"mfn", "301", "301_4a", "232", "usmca"}


def test_a_preset_replaces_a_layer_of_the_same_name_and_keeps_the_products_mfn_rate():
    rows, layers = tables()
    rows2, layers2 = apply_preset(rows, layers, "301_4a", "1")  # Section 301 List 4A instead of Lists 1-3
    shenzhen = scenarios_from_rows(rows2, layers2)[0]["duty_layers"]
    assert [(x["name"], x["rate_pct"]) for x in shenzhen] == [("General (MFN)", 2.5), ("Section 301", 7.5)]
    layers[0][2] = "3.9"
    rows3, layers3 = apply_preset(rows, layers, "usmca", "Shenzhen supplier")
    mfn = scenarios_from_rows(rows3, layers3)[0]["duty_layers"][0]
    assert mfn == {"name": "General (MFN)", "rate_pct": 3.9, "base": "customs_value", "usmca_exempt": True}
    rows4, layers4 = apply_preset(rows, layers, "232", "Monterrey IMMEX plant")
    assert [r[1] for r in layers4 if r[0] == "Monterrey IMMEX plant"] == ["General (MFN)", "Section 232 metals"]
    with pytest.raises(RowError, match="Preset: choose the scenario"):
        apply_preset(rows, layers, "301", "Hanoi")


@pytest.mark.parametrize("where, value, message", [
    (("s", 0, "Unit price (USD)"), "abc",
     "Scenarios, row 1, Unit price (USD): “abc” is not a number; type a number such as 1,234.5."),
    (("s", 1, "Unit price (USD)"), "3,5", "Scenarios, row 2, Unit price (USD): “3,5” is not a number; type 3.5"),
    (("s", 1, "Unit price (USD)"), "0",
     "Scenarios, row 2, Unit price (USD): 0 is not accepted; type a number greater than 0 and at most 10,000,000 (USD)."),
    (("s", 1, "Mode"), "boat", "Scenarios, row 2, Mode: “boat” is not one of ocean, rail, truck, air; type one of them."),
    (("s", 0, "Name"), "", "Scenarios, row 1, Name is empty; type one, e.g. 'Shenzhen supplier'."),
    (("s", 0, "Units per shipment"), "1.5", "Scenarios, row 1, Units per shipment: 1.5 is not a whole number"),
    (("s", 0, "USMCA qualifying"), "maybe", "Scenarios, row 1, USMCA qualifying: “maybe” is not yes or no"),
    (("s", 0, "US content per unit (USD)"), "20",
     "Scenarios, row 1: US content per unit (USD) (20.00) cannot exceed Unit price (USD) (10.00)."),
    (("l", 0, 0), "Hanoi", "Duty layers, row 1, Scenario: “Hanoi” is no scenario of the table above; type one of "
                           "Shenzhen supplier, Monterrey IMMEX plant (or its row number)."),
    (("l", 1, 2), "", "Duty layers, row 2, Rate (%) is empty; type a number between 0 and 500 (percent)."),
    (("l", 1, 3), "metal content", "Duty layers, row 2: Metal content per unit (USD) is required when Applies to is "
                                   "'metal content'"),
])
def test_a_bad_cell_is_named_by_table_row_and_column_with_the_fix(where, value, message):
    rows, layers = tables()
    table, row, col = where
    if table == "s":
        rows[row][column(col)] = value
    else:
        layers[row][col] = value
    with pytest.raises(RowError) as caught:
        scenarios_from_rows(rows, layers)
    assert str(caught.value).startswith(message), str(caught.value)


def test_the_json_view_is_the_same_scenarios_and_is_checked_before_it_replaces_the_rows():
    rows, layers = tables()
    text = rows_json(("scenarios",), rows, layers)
    assert models(json.loads(text)) == models(LANDED["scenarios"])
    assert rows_from_json(("scenarios",), text) == (rows, layers)
    with pytest.raises(RowError, match=r"JSON: not valid \(Extra data at line \d+, column 2\)"):
        rows_from_json(("scenarios",), text + "x")
    with pytest.raises(RowError, match="JSON: expected a list of scenarios"):
        rows_from_json(("scenarios",), "{}")
    bad = json.loads(text)
    bad[1]["mode"] = "boat"
    with pytest.raises(RowError, match="Scenarios, row 2, Mode"):
        rows_from_json(("scenarios",), json.dumps(bad))
    tco = rows_json(("offshore", "nearshore"), *args_to_rows(("offshore", "nearshore"), TCO))
    assert set(json.loads(tco)) == {"offshore", "nearshore"}
