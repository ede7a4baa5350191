"""The one registry: every calculator (and the tariff_line lookup) is a typed tool with its docstring, runnable by
name and by LangChain."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.registry import REGISTRY, ToolInputError, langchain_tools, run_tool
from assistant.settings import get_settings

ROOT = Path(__file__).resolve().parents[1]
DOC_IDS = set(
    "imss-employer-contributions-2026 integrated-salary-sbc mexico-minimum-wage-2024-2026 uma-unit-of-measure "
    "cesantia-vejez-schedule infonavit-and-sar state-payroll-taxes aguinaldo-year-end-bonus vacations-and-vacation-premium "
    "ptu-profit-sharing forty-hour-week-reform labor-cost-worked-example usmca-rvc-methods usmca-rules-of-origin-basics us-customs-valuation "
    "us-merchandise-processing-fee us-harbor-maintenance-fee section-301-china-tariffs section-232-steel-aluminum-copper "
    "us-9802-assembly-provision us-tariff-stacking-mexico-vs-china mexico-vat-temporary-imports vat-ieps-certification "
    "usmca-article-2-5-duty-deferral prosec-and-regla-octava total-cost-of-ownership transit-times-china-vs-mexico "
    # tariff_line: the guides of corpus/official/hts/edition.yaml
    "usmca-general-note-11-claiming ieepa-tariffs-2025 ieepa-supreme-court-2026 section-122-surcharge-2026 "
    "us-tariffs-after-section-122-2026 section-232-autos-parts section-232-trucks-buses section-301-exclusions-2026 "
    "us-de-minimis-changes".split()
)
SAMPLES = {
    "mexico_labor_cost": {"daily_wage_mxn": "minimum", "zone": "border", "state": "Chihuahua", "annual_taxable_profit_mxn": 1e6},
    "usmca_rvc": {"transaction_value": 200, "vnm": 70},
    "landed_cost_compare": {"annual_units": 1000, "scenarios": [
        {"name": "a", "origin": "Shanghai", "destination": "Chicago", "mode": "ocean", "unit_price_usd": 3, "units_per_shipment": 500,
         "duty_layers": [{"name": "Section 301", "rate_pct": 25}], "us_content_per_unit_usd": 1},
        {"name": "b", "origin": "Monterrey", "destination": "Chicago", "mode": "truck", "unit_price_usd": 4, "units_per_shipment": 500,
         "usmca_qualifying": True}]},
    "immex_vat_cashflow": {"annual_temporary_imports_usd": 1e6, "non_originating_inputs_usd": 1e5, "mexican_duty_rate_pct": 5, "prosec_rate_pct": 0},
    "tco_compare": {"annual_units": 1000,
                    "offshore": {"name": "a", "origin": "Shanghai", "mode": "ocean", "unit_price_usd": 3, "units_per_shipment": 500},
                    "nearshore": {"name": "b", "origin": "Monterrey", "mode": "truck", "unit_price_usd": 2, "units_per_shipment": 500},
                    "nearshore_labor": {"daily_wage_mxn": 400, "state": "Nuevo León"}, "labor_hours_per_unit": 0.1, "mxn_per_usd": 18},
    "transit_time": {"origin": "Shanghai", "destination": "Chicago"},
    "tariff_line": {"code": "8544.42"},
}


@pytest.fixture(autouse=True)
def hts_on_file(monkeypatch):
    """tariff_line reads the shipped schedule (the isolated test settings have an empty corpus)."""
    monkeypatch.setenv("NEARSHORE_HTS_DIR", str(ROOT / "corpus" / "official" / "hts"))
    get_settings.cache_clear()


def test_the_registry_holds_the_six_calculators_and_the_tariff_line_lookup():
    assert list(REGISTRY) == ["mexico_labor_cost", "usmca_rvc", "landed_cost_compare", "immex_vat_cashflow", "tco_compare",
                              "transit_time", "tariff_line"]


@pytest.mark.parametrize("name", list(REGISTRY))
def test_each_tool_has_a_docstring_with_args_and_a_described_schema(name):
    spec = REGISTRY[name]
    assert spec.description == inspect.getdoc(spec.function)
    assert "Args:" in spec.description and "Returns:" in spec.description
    schema = spec.input_model.model_json_schema()
    for field, prop in schema["properties"].items():
        assert prop.get("description"), f"{name}.{field} has no description"


@pytest.mark.parametrize("name", list(REGISTRY))
def test_run_tool_returns_json_ready_results_with_assumptions_and_known_doc_ids(name):
    result = run_tool(name, SAMPLES[name])
    json.dumps(result)
    assert result["assumptions"] and all(a["source"] for a in result["assumptions"])
    assert set(result["doc_ids"]) <= DOC_IDS and result["doc_ids"]
    assert result["as_of"]


def test_an_unknown_tool_names_the_tools_there_are():
    with pytest.raises(ToolInputError, match="Unknown tool 'payroll': use one of mexico_labor_cost, usmca_rvc"):
        run_tool("payroll", {})


def test_arguments_must_be_an_object():
    with pytest.raises(ToolInputError, match="the arguments must be an object"):
        run_tool("usmca_rvc", [200, 70])  # type: ignore[arg-type]


def test_tool_input_error_is_a_value_error():
    assert issubclass(ToolInputError, ValueError)


def test_langchain_tools_use_the_input_models_and_docstrings():
    tools = {t.name: t for t in langchain_tools()}
    assert list(tools) == list(REGISTRY)
    for name, tool in tools.items():
        assert tool.args_schema is REGISTRY[name].input_model
        assert tool.description == REGISTRY[name].description
    assert tools["usmca_rvc"].invoke({"transaction_value": 200, "vnm": 70})["rvc_pct"] == 65


def test_langchain_tools_hand_bad_input_back_as_a_readable_message():
    rvc = {t.name: t for t in langchain_tools()}["usmca_rvc"]
    assert rvc.invoke({"transaction_value": -1, "vnm": 70}).startswith("Invalid input for usmca_rvc: transaction_value must be")
    assert "cannot exceed transaction_value" in rvc.invoke({"transaction_value": 100, "vnm": 170})


def test_importing_the_registry_is_cheap():
    code = "import sys, assistant.registry; print(sorted(m for m in ('langchain_core', 'yaml', 'torch', 'chromadb') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"
