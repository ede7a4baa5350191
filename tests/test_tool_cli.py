"""`nearshore tool list` and `nearshore tool NAME --json --field value ...`."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from assistant.interfaces.cli.tools import parse_field_options, tool_app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def test_list_shows_every_calculator_with_its_summary():
    out = runner.invoke(tool_app, ["list"])
    assert out.exit_code == 0
    for name in ("mexico_labor_cost", "usmca_rvc", "landed_cost_compare", "immex_vat_cashflow", "tco_compare", "transit_time",
                 "tariff_line"):
        assert name in out.stdout
    assert "USMCA regional value content" in out.stdout


def test_json_output_is_the_result_dict():
    out = runner.invoke(tool_app, ["usmca_rvc", "--json", "--transaction-value", "200", "--vnm", "70"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["rvc_pct"] == 65 and data["qualifies"] is True


def test_the_readable_table_shows_figures_breakdown_and_sources():
    out = runner.invoke(tool_app, ["mexico_labor_cost", "--daily-wage-mxn", "minimum", "--zone", "border",
                                   "--state", "Chihuahua", "--headcount", "200", "--mxn-per-usd", "18"])
    assert out.exit_code == 0, out.output
    assert "annual_cost_total_mxn" in out.stdout and "breakdown:" in out.stdout
    assert "assumptions:" in out.stdout and "https://" in out.stdout


def test_lists_and_objects_are_given_as_json_and_flags_alone_are_true():
    scenarios = [
        {"name": "a", "origin": "Shenzhen", "mode": "ocean", "unit_price_usd": 4.2, "units_per_shipment": 20000},
        {"name": "b", "origin": "Monterrey", "mode": "truck", "unit_price_usd": 5.1, "units_per_shipment": 10000,
         "usmca_qualifying": True},
    ]
    out = runner.invoke(tool_app, ["landed_cost_compare", "--json", "--annual-units=100000", "--scenarios", json.dumps(scenarios)])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["baseline_scenario"] == "a"
    assert parse_field_options(["--usmca-qualifying", "--vnm", "-5", "--origin", "Ciudad Juárez"]) == {
        "usmca_qualifying": True, "vnm": -5, "origin": "Ciudad Juárez"}


def test_bad_input_exits_with_code_2_and_one_sentence():
    out = runner.invoke(tool_app, ["usmca_rvc", "--transaction-value", "-200", "--vnm", "70"])
    assert out.exit_code == 2
    message = out.output.strip()
    assert message == ("Error: Invalid input for usmca_rvc: transaction_value must be a number greater than 0 and "
                       "at most 1,000,000,000,000; got -200.")


def test_a_stray_argument_or_a_repeated_option_is_refused():
    out = runner.invoke(tool_app, ["usmca_rvc", "200"])
    assert out.exit_code == 2 and "unexpected argument '200': give inputs as --field value" in out.output
    out = runner.invoke(tool_app, ["usmca_rvc", "--vnm", "1", "--vnm", "2"])
    assert out.exit_code == 2 and "--vnm is given twice" in out.output


def test_an_unknown_field_or_tool_is_refused():
    out = runner.invoke(tool_app, ["transit_time", "--origin", "Shanghai", "--destination", "Chicago", "--speed", "fast"])
    assert out.exit_code == 2 and "speed is not an accepted field" in out.output
    assert runner.invoke(tool_app, ["payroll"]).exit_code == 2


def test_help_lists_the_inputs():
    out = runner.invoke(tool_app, ["transit_time", "--help"])
    assert out.exit_code == 0 and "--origin" in out.stdout and "--destination" in out.stdout


def test_the_module_runs_as_a_script():
    out = subprocess.run([sys.executable, "-m", "assistant.interfaces.cli.tools", "list"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and "transit_time" in out.stdout


def test_labor_cost_for_today_is_dated_today_and_every_table_is_in_force_or_flagged():
    """The done-when check of issue 13: no date given, a fixed clock; the same on 2027-01-15."""
    args = ["mexico_labor_cost", "--daily-wage-mxn", "minimum", "--state", "Chihuahua", "--json"]
    for today in (date(2026, 12, 1), date(2027, 1, 15)):
        out = runner.invoke(tool_app, args, obj={"today": today})
        assert out.exit_code == 0, out.output
        data = json.loads(out.stdout)
        assert data["as_of"] == today.isoformat()
        flagged = " ".join(data["notices"])
        for a in data["assumptions"]:
            if a["effective_from"] is None:
                continue  # a figure the input or the calculator's default gave
            in_force = a["effective_from"] <= today.isoformat() and (a["effective_to"] is None or today.isoformat() <= a["effective_to"])
            assert in_force or f"in force {a['effective_from']} to {a['effective_to']}" in flagged, a
    assert data["notices"] and data["notices"][0].startswith("Minimum wage: the 2026 minimum wages")
    assert data["zone"] == "general" and data["zone_basis"] == "assumed"


def test_as_of_picks_the_date_and_the_readable_output_shows_the_notice_first():
    out = runner.invoke(tool_app, ["landed_cost_compare", "--as-of", "2027-01-15", "--annual-units", "1000", "--scenarios",
                                   json.dumps([{"name": "a", "origin": "Shanghai", "mode": "air", "unit_price_usd": 3, "units_per_shipment": 500},
                                               {"name": "b", "origin": "Monterrey", "mode": "truck", "unit_price_usd": 4,
                                                "units_per_shipment": 500, "usmca_qualifying": True}])])
    assert out.exit_code == 0, out.output
    first = out.stdout.splitlines()[0]
    assert first.startswith("NOTICE: MPF: the FY2026 fees") and "applied to 2027-01-15" in first
    assert "as_of" in out.stdout and "2027-01-15" in out.stdout


def test_a_date_before_the_tables_is_still_an_error():
    out = runner.invoke(tool_app, ["mexico_labor_cost", "--daily-wage-mxn", "minimum", "--state", "Jalisco", "--as-of", "2023-03-01"])
    assert out.exit_code == 2 and "is in force on 2023-03-01" in out.output


# ------------------------------------------------------------------ receipts: --receipt and `tool rerun`
LABOR_ARGS = ["mexico_labor_cost", "--daily-wage-mxn", "minimum", "--zone", "border", "--state", "Chihuahua"]


def test_receipt_written_by_run_reruns_unchanged_then_reports_an_older_rate(tmp_path):
    path = tmp_path / "labor.json"
    out = runner.invoke(tool_app, [*LABOR_ARGS, "--receipt", str(path)], obj={"today": date(2026, 3, 2)})
    assert out.exit_code == 0, out.output
    receipt = json.loads(path.read_text(encoding="utf-8"))
    assert receipt["tool"] == "mexico_labor_cost" and receipt["as_of"] == "2026-03-02"
    assert receipt["inputs"] == {"daily_wage_mxn": "minimum", "zone": "border", "state": "Chihuahua"}

    same = runner.invoke(tool_app, ["rerun", str(path)])
    assert same.exit_code == 0, same.output
    assert same.output.startswith("Unchanged: every figure of this mexico_labor_cost receipt (rates as of 2026-03-02)")

    wage = next(r for r in receipt["rates"] if r["name"] == "Minimum wage (northern border free zone)")
    wage["value"] = 419.88  # as if written with the 2025 table
    older = tmp_path / "older.json"
    older.write_text(json.dumps(receipt), encoding="utf-8")
    changed = runner.invoke(tool_app, ["rerun", str(older)])
    assert changed.exit_code == 1, changed.output
    lines = changed.output.splitlines()
    assert lines[0].startswith("Changed: 1 figure of this mexico_labor_cost receipt")
    assert "figure" in lines[1] and "old" in lines[1] and "difference" in lines[1]
    assert "rate: Minimum wage (northern border free zone)" in lines[2]
    assert "419.88" in lines[2] and "440.87" in lines[2] and "20.99" in lines[2]
    assert len(lines) == 3

    as_json = runner.invoke(tool_app, ["rerun", str(older), "--json", "--out", str(tmp_path / "new.pdf")])
    assert as_json.exit_code == 1
    report = json.loads(as_json.stdout)
    assert report["changed"] is True and [c["item"] for c in report["changes"]] == [wage["name"]]
    assert (tmp_path / "new.pdf").read_bytes().startswith(b"%PDF")


def test_run_writes_a_receipt_in_the_format_its_suffix_names(tmp_path):
    out = runner.invoke(tool_app, ["usmca_rvc", "--transaction-value", "200", "--vnm", "70",
                                   "--receipt", str(tmp_path / "rvc.docx")])
    assert out.exit_code == 0, out.output
    assert (tmp_path / "rvc.docx").stat().st_size > 0
    bad = runner.invoke(tool_app, ["usmca_rvc", "--transaction-value", "200", "--vnm", "70",
                                   "--receipt", str(tmp_path / "rvc.txt")])
    assert bad.exit_code == 2
    assert bad.output.strip() == "Error: cannot write a receipt as 'rvc.txt': name the file .json, .pdf, .docx or .csv."


def test_rerun_refuses_a_bad_receipt_with_exit_2_and_one_sentence(tmp_path):
    good = tmp_path / "rvc.json"
    assert runner.invoke(tool_app, ["usmca_rvc", "--transaction-value", "200", "--vnm", "70",
                                    "--receipt", str(good)]).exit_code == 0
    receipt = json.loads(good.read_text(encoding="utf-8"))
    cases = {
        "not-json.json": ("%PDF-1.4", "is not JSON"),
        "unknown.json": (json.dumps({**receipt, "tool": "freight_quote"}), "is for the tool 'freight_quote'"),
        "newer.json": (json.dumps({**receipt, "schema_version": 99}), "uses receipt schema version 99, newer"),
        "rejected.json": (json.dumps({**receipt, "inputs": {"transaction_value": -200, "vnm": 70}}),
                          "has inputs that usmca_rvc does not accept now (transaction_value must be"),
    }
    for name, (text, fragment) in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        out = runner.invoke(tool_app, ["rerun", str(tmp_path / name)])
        assert out.exit_code == 2, (name, out.output)
        message = out.output.strip()
        assert message.startswith(f"Error: {tmp_path / name} ") and fragment in message, message
        assert len(message.splitlines()) == 1 and message.endswith(".")
    missing = runner.invoke(tool_app, ["rerun", str(tmp_path / "missing.json")])
    assert missing.exit_code == 2 and "cannot read" in missing.output
