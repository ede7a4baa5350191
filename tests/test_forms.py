"""Calculator forms that can't lie, and result cards a person can read (issue 15).

- A form left as it starts — "More options" opened or not — is exactly the calculator's defaults: optional
  fields start empty, say what empty means, and are left out of the arguments.
- Numbers are typed as text and read strictly: "1,234.5" yes, "3,5" and "abc" no, with a message naming the field.
- Labels, help texts and placeholders speak the visitor's language, not the code's.
- The result table shows money with cents and each rate with what it applies to; the CSV is one tidy table.

Pure tests: no server, no browser (tests/test_browser_forms.py drives the same forms in Chromium).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from assistant.interfaces.web.forms import (
    FormError,
    example_for,
    field_specs,
    form_message,
    parse_form,
)
from assistant.registry import REGISTRY, run_tool, validate_args

CALCULATORS = list(REGISTRY)


def defaults(name: str) -> dict:
    """The arguments a calculator's form starts with (its example), nothing else."""
    return example_for(name, REGISTRY[name].input_model)


def specs_of(name: str):
    return field_specs(REGISTRY[name].input_model, defaults(name))


def effective_inputs(name: str, args: dict) -> dict:
    """Every input the calculation used, defaults included (what the CSV lists)."""
    return validate_args(name, args).model_dump(mode="json", exclude_none=True)


# ------------------------------------------------------------------ an untouched form is the defaults
@pytest.fixture(scope="module")
def calculators_tab(tmp_path_factory):
    """The real Calculators tab, built as the app builds it: {tool: its click handler}."""
    import gradio as gr

    from assistant.interfaces.web.files import GeneratedFiles
    from assistant.interfaces.web.ui.calculators import build_calculators_tab

    with gr.Blocks() as demo:
        build_calculators_tab(gr, GeneratedFiles(tmp_path_factory.mktemp("calc-files")))
    return {fn.api_name.removeprefix("calc_"): fn for fn in demo.fns.values()
            if isinstance(fn.api_name, str) and fn.api_name.startswith("calc_")}


@pytest.mark.parametrize("name", CALCULATORS)
def test_a_form_submitted_untouched_gives_exactly_the_defaults_result(name, calculators_tab):
    """Every widget sends back what it starts with (More options included); the result, the table and the CSV
    are those of the calculator's defaults."""
    from assistant.interfaces.web.lines import rate_bases
    from assistant.interfaces.web.render import result_csv, result_rows
    from assistant.interfaces.web.ui.calculators import result_model

    from assistant.interfaces.web.scenario_rows import row_fields, rows_to_args

    fn = calculators_tab[name]
    assert not [w for w in fn.inputs if type(w).__name__ == "Number"], \
        "a number box shows and sends 0 for an empty field: type numbers in text boxes"
    sent = [widget.preprocess(widget.data_model(**widget.value) if isinstance(widget.value, dict) else widget.value)
            for widget in fn.inputs]  # what the server gets back, untouched (a table's value comes as a dict)
    error, card, table, _chart, _assumptions, _notes, receipt, csv_path = fn.fn(*sent)

    expected = run_tool(name, defaults(name))
    bases = rate_bases(result_model(name))
    assert error == "" and 'class="result-card"' in card
    rows_for = row_fields(REGISTRY[name].input_model)
    typed = iter(sent)
    form = [None if s.name in rows_for else next(typed) for s in specs_of(name)]
    args = parse_form(specs_of(name), form) | (rows_to_args(rows_for, *typed) if rows_for else {})
    assert run_tool(name, args) == expected
    assert table.values.tolist() == result_rows(expected, bases)
    with open(csv_path, encoding="utf-8", newline="") as fh:
        assert fh.read() == result_csv(name, effective_inputs(name, defaults(name)), expected, bases)
    # the receipt the form offers re-runs to the same figures
    from assistant.interfaces.web.receipts import rerun_receipt

    assert [Path(p).suffix for p in receipt] == [".json", ".pdf", ".docx"]
    report = rerun_receipt(Path(receipt[0]).read_text(encoding="utf-8"))
    assert not report.changed, report.changes


@pytest.mark.parametrize("name", CALCULATORS)
def test_optional_fields_start_empty_and_say_what_empty_means(name):
    example = defaults(name)
    for spec in specs_of(name):
        if spec.required or spec.name in example:
            continue
        if spec.kind == "choice":
            assert spec.default == "(default)", spec.name
        elif spec.kind != "json":
            assert spec.default == "" and spec.placeholder, spec.name
            assert spec.name not in parse_form([spec], [spec.default])


def test_the_labor_form_leaves_payroll_tax_to_the_state_unless_typed():
    specs = {s.name: s for s in specs_of("mexico_labor_cost")}
    assert specs["payroll_tax_rate_pct"].placeholder == "default: the state's payroll tax"
    assert specs["weekly_hours"].placeholder == "default: 48"
    assert specs["work_risk_class"].choice_pairs()[0] == ("(default: III)", "(default)")
    values = {n: s.default for n, s in specs.items()}
    untouched = run_tool("mexico_labor_cost", parse_form(list(specs.values()), list(values.values())))
    tax = next(line for line in untouched["breakdown"] if line["item"].startswith("State payroll tax"))
    assert tax["rate_pct"] > 0 and tax["annual_mxn"] > 0
    typed = parse_form(list(specs.values()), list({**values, "payroll_tax_rate_pct": "3"}.values()))
    assert typed["payroll_tax_rate_pct"] == 3.0
    assert run_tool("mexico_labor_cost", typed)["annual_cost_per_worker_mxn"] < untouched["annual_cost_per_worker_mxn"]


# ------------------------------------------------------------------ numbers as people type them
@pytest.mark.parametrize("typed, read", [
    ("1,234.5", 1234.5), ("1234.5", 1234.5), (" 48 ", 48.0), ("-3", -3.0), (".5", 0.5), ("1,000,000", 1e6),
    ("3.5%", 3.5),
])
def test_typed_numbers_are_read_with_thousands_separators(typed, read):
    spec = next(s for s in specs_of("mexico_labor_cost") if s.name == "payroll_tax_rate_pct")
    assert parse_form([spec], [typed]) == {"payroll_tax_rate_pct": read}


@pytest.mark.parametrize("typed, message", [
    ("3,5", "Payroll tax rate (%): “3,5” has a decimal comma; type 3.5"),
    ("abc", "Payroll tax rate (%): “abc” is not a number; type one like 2.5."),
    ("1,23,4", "Payroll tax rate (%): “1,23,4” is not a number"),
    ("4 %%", "Payroll tax rate (%): “4 %%” is not a number"),
])
def test_junk_is_refused_naming_the_field_and_a_valid_value(typed, message):
    specs = specs_of("mexico_labor_cost")
    values = [typed if s.name == "payroll_tax_rate_pct" else s.default for s in specs]
    with pytest.raises(FormError) as caught:
        parse_form(specs, values)
    assert str(caught.value).startswith(message)


def test_whole_numbers_stay_whole_and_a_percent_sign_is_only_for_percents():
    specs = {s.name: s for s in specs_of("mexico_labor_cost")}
    assert parse_form([specs["headcount"]], ["1,200"]) == {"headcount": 1200}
    assert parse_form([specs["headcount"]], [40.0]) == {"headcount": 40}  # an API client's number
    with pytest.raises(FormError, match="Headcount"):
        parse_form([specs["headcount"]], ["40%"])


def test_calculator_errors_name_fields_by_their_labels():
    specs = specs_of("mexico_labor_cost")
    message = ("Invalid input for mexico_labor_cost: year must be a whole number between 1990 and 2100; got 0; "
               "mxn_per_usd must be a number between 5 and 50; got 0.")
    assert form_message(message, specs, "mexico_labor_cost") == (
        "Year must be a whole number between 1990 and 2100; got 0; MXN per USD must be a number between 5 and 50; got 0.")
    landed = field_specs(REGISTRY["landed_cost_compare"].input_model)
    assert form_message("scenarios[1].unit_price_usd is required", landed, "landed_cost_compare") == \
        "Scenarios #2 › Unit price USD is required"


# ------------------------------------------------------------------ help texts in the visitor's words
@pytest.mark.parametrize("name", CALCULATORS)
def test_labels_and_help_texts_name_no_internal_tool_or_field(name):
    identifier = re.compile(r"\b[A-Za-z0-9]+_[A-Za-z0-9_]+\b")
    texts = [REGISTRY[name].summary]
    for spec in specs_of(name):
        texts += [spec.label, spec.info, spec.placeholder, *(shown for shown, _ in spec.choice_pairs())]
    for text in texts:
        assert not identifier.search(text), f"{name}: {text!r}"
        assert not any(tool in text for tool in REGISTRY), f"{name}: {text!r}"


def test_help_texts_state_ranges_in_words():
    specs = {s.name: s for s in specs_of("mexico_labor_cost")}
    assert specs["year"].info.endswith("(1990 to 2100)")
    assert specs["weekly_hours"].info.endswith("(more than 0, up to 48)")
    assert specs["annual_taxable_profit_mxn"].info.endswith("(0 to 1 trillion)")
    assert specs["payroll_tax_rate_pct"].label == "Payroll tax rate (%)" and specs["mxn_per_usd"].label == "MXN per USD"


# ------------------------------------------------------------------ the result table
def table(name: str, args: dict | None = None) -> tuple[dict, dict[str, str]]:
    from assistant.interfaces.web.lines import rate_bases
    from assistant.interfaces.web.render import result_rows
    from assistant.interfaces.web.ui.calculators import result_model

    result = run_tool(name, args or defaults(name))
    return result, dict(result_rows(result, rate_bases(result_model(name))))


@pytest.mark.parametrize("name", CALCULATORS)
def test_the_result_table_has_no_four_decimal_figures(name):
    _, rows = table(name)
    assert rows and not [v for v in rows.values() if re.match(r"-?[\d,]*\.\d{4}", v)]  # figures, not texts


def test_money_has_cents_and_rates_say_what_they_apply_to():
    labor, rows = table("mexico_labor_cost")
    assert rows["Annual cost per worker MXN"] == f"{labor['annual_cost_per_worker_mxn']:,.2f}"
    assert rows["Burden"] == f"{labor['burden_pct']:.2f}% of the base wage"
    tax = next(line for line in labor["breakdown"] if line["item"].startswith("State payroll tax"))
    assert rows[f"Breakdown › {tax['item']} › Rate"] == f"{tax['rate_pct']:.2f}% of {tax['base']}"
    assert f"Breakdown › {tax['item']} › Base" not in rows  # said once, with the rate

    landed, rows = table("landed_cost_compare")
    assert rows["Baseline landed per unit USD"] == f"{landed['baseline_landed_per_unit_usd']:,.2f}"  # 13.3259 → 13.33
    assert rows["Scenarios › Shenzhen supplier › Duty lines › Section 301 › Rate"] == "25.00% of customs value"
    _, rows = table("usmca_rvc")
    assert rows["RVC"] == "65.00% of the transaction value or net cost" and rows["Method"] == "transaction value"


def test_line_items_take_their_unit_from_the_name_or_the_mapping_they_sit_in():
    from assistant.interfaces.web.lines import lines

    found = {line.item: (line.value, line.unit_text) for line in lines({
        "total_mxn": 99.0, "mxn_per_usd": 18.5, "by_category_usd": {"freight": 3.0},
        "breakdown": [{"item": "Payroll tax", "rate_pct": 3.0, "base": "wages_paid", "annual_mxn": 10.5}],
        "notes": ["left out"],
    })}
    assert found == {"Total": (99.0, "MXN"), "MXN per USD": (18.5, "MXN per USD"),
                     "By category USD › Freight": (3.0, "USD"),
                     "Breakdown › Payroll tax › Rate": (3.0, "% of wages paid"),
                     "Breakdown › Payroll tax › Annual": (10.5, "MXN")}


# ------------------------------------------------------------------ the CSV
def test_the_csv_is_one_tidy_table_with_inputs_results_and_sources():
    from assistant.interfaces.web.render import CSV_HEADERS, result_csv

    labor = run_tool("mexico_labor_cost", defaults("mexico_labor_cost"))
    text = result_csv("mexico_labor_cost", effective_inputs("mexico_labor_cost", defaults("mexico_labor_cost")), labor)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0].split(",") == CSV_HEADERS
    assert all(None not in row and len(row) == len(CSV_HEADERS) for row in rows)
    sections = [row["section"] for row in rows]
    assert sections[0] == "calculator" and rows[0]["value"] == "mexico_labor_cost"
    order = ["calculator", "input", "result", "assumption", "note", "explained in"]
    assert [s for s in dict.fromkeys(sections) if s != "notice"] == order

    def cell(section: str, item: str) -> dict:
        return next(row for row in rows if row["section"] == section and row["item"] == item)

    assert cell("input", "Daily wage") == {**cell("input", "Daily wage"), "value": "minimum", "unit": "MXN"}
    assert cell("input", "Weekly hours")["value"] == "48.0"  # a default, listed because it was used
    per_worker = cell("result", "Annual cost per worker")
    assert float(per_worker["value"]) == labor["annual_cost_per_worker_mxn"] and per_worker["unit"] == "MXN"
    tax = next(line for line in labor["breakdown"] if line["item"].startswith("State payroll tax"))
    rate = cell("result", f"Breakdown › {tax['item']} › Rate")
    assert float(rate["value"]) == tax["rate_pct"] and rate["unit"] == f"% of {tax['base']}"
    assumptions = [row for row in rows if row["section"] == "assumption"]
    assert assumptions and all(row["source"] for row in assumptions)
    assert not [row for row in rows if re.match(r"[\[{(]", row["value"])]  # no Python repr of a list or dict


def test_csv_inputs_from_nested_json_are_rows_too_and_cells_are_spreadsheet_safe():
    from assistant.interfaces.web.render import result_csv

    args = defaults("landed_cost_compare")
    args["scenarios"][0]["name"] = "=HYPERLINK(\"http://x\")"
    result = run_tool("landed_cost_compare", args)
    rows = list(csv.DictReader(io.StringIO(result_csv("landed_cost_compare", effective_inputs("landed_cost_compare", args),
                                                      result))))
    items = {(row["section"], row["item"]): row for row in rows}
    assert items[("input", "Scenarios › Monterrey IMMEX plant › Unit price")]["value"] == "11.5"
    assert items[("input", "Scenarios › Monterrey IMMEX plant › Duty layers › General (MFN) › Rate")]["unit"] == \
        "% of customs value"
    assert not [row for row in rows if any(v.startswith("=") for v in row.values())]
