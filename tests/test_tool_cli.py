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
