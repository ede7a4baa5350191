"""The calculator forms in a real browser (Debian's Chromium, headless, via Playwright) against the live app.

A visitor who opens "More options" and touches nothing must get exactly the result of the calculator's defaults:
no optional field may turn into a 0 on its way to the server (a payroll tax of 0%, a year 0, an exchange rate of
0). Reuses the browser, server and screenshot helpers of tests/test_browser.py; screenshots go to
test-output/browser/.
"""

from __future__ import annotations

import pytest

from assistant.interfaces.web.forms import example_for, field_specs
from assistant.interfaces.web.lines import humanize, rate_bases
from assistant.interfaces.web.render import result_csv, result_rows
from assistant.interfaces.web.ui.calculators import result_model
from assistant.registry import REGISTRY, run_tool, validate_args
from tests.test_browser import (  # noqa: F401 (fixtures)
    TIMEOUT_MS,
    app_components,
    browser,
    embed_port,
    live,
    shot,
)

pytestmark = pytest.mark.slow

# The figures each calculator is read by, checked in the result table as a visitor sees them.
KEY_FIGURES = {
    "mexico_labor_cost": ["Annual cost per worker MXN", "Monthly cost per worker MXN", "Burden"],
    "tco_compare": ["Offshore total USD", "Nearshore total USD", "Savings USD", "Savings"],
    "usmca_rvc": ["RVC", "Threshold", "Qualifies"],
}


@pytest.fixture
def page(browser, live):  # noqa: F811 (the fixtures imported above)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    pg.goto(live.url)
    pg.wait_for_selector("#question textarea")
    yield pg
    context.close()


def defaults(name: str) -> dict:
    return example_for(name, REGISTRY[name].input_model)


def open_more_options(page, name: str) -> None:
    """The calculator's tab, with "More options" opened and every field in it left as it is."""
    page.get_by_role("tab", name="Calculators").click()
    page.get_by_role("tab", name=humanize(name), exact=True).click()
    more = page.locator(f"#more-{name}")
    if more.count():
        more.get_by_role("button", name="More options").click()
        hidden = next(s for s in field_specs(REGISTRY[name].input_model, defaults(name)) if not s.primary)
        page.locator(f"#field-{name}-{hidden.name}").wait_for(state="visible")


def calculate(page, name: str) -> str:
    """Press Calculate; the CSV the app offers for download, as text."""
    page.click(f"#run-{name}")
    link = page.locator(f"#csv-{name} a[download]")
    error = page.locator(f"#error-{name}")
    link.or_(error.get_by_text("⚠️")).first.wait_for()
    assert error.inner_text().strip() == "", f"the untouched form was refused: {error.inner_text()}"
    return page.request.get(link.get_attribute("href")).text()


def result_cell(page, name: str, label: str) -> str:
    """The value of one line of the result table (folded under "Breakdown"), found with the table's search box as a
    visitor would."""
    table = page.locator(f"#result-{name}")
    if not table.is_visible():
        page.locator(f"#breakdown-{name}").get_by_role("button", name="Breakdown: every figure").click()
    table.get_by_placeholder("Search").fill(label)
    row = table.get_by_role("row").filter(has=page.get_by_text(label, exact=True))
    row.wait_for()
    return row.get_by_role("gridcell").nth(1).inner_text().strip()


def expected(name: str) -> tuple[dict, dict[str, str], str]:
    """What the defaults give: the result, its table rows and its CSV."""
    result = run_tool(name, defaults(name))
    bases = rate_bases(result_model(name))
    inputs = validate_args(name, defaults(name)).model_dump(mode="json", exclude_none=True)
    return result, dict(result_rows(result, bases)), result_csv(name, inputs, result, bases)


@pytest.mark.parametrize("name", list(KEY_FIGURES))
def test_more_options_opened_and_untouched_gives_the_defaults_result(page, name):
    open_more_options(page, name)
    optional = [s for s in field_specs(REGISTRY[name].input_model, defaults(name))
                if not s.primary and s.kind in ("number", "integer", "number_or_text", "text", "date")]
    for spec in optional:
        assert page.locator(f"#field-{name}-{spec.name}").locator("input, textarea").first.input_value() == "", spec.name
    shot(page, f"form-{name}-more-options")
    csv_text = calculate(page, name)
    _, rows, csv_expected = expected(name)
    for label in KEY_FIGURES[name]:
        assert result_cell(page, name, label) == rows[label], label
    shot(page, f"form-{name}-result")
    assert csv_text == csv_expected


def test_labor_cost_keeps_the_state_payroll_tax_when_more_options_is_opened(page):
    name = "mexico_labor_cost"
    open_more_options(page, name)
    calculate(page, name)
    result, _, _ = expected(name)
    assert result_cell(page, name, "Annual cost per worker MXN") == f"{result['annual_cost_per_worker_mxn']:,.2f}"
    tax = next(line for line in result["breakdown"] if line["item"].startswith("State payroll tax"))
    assert tax["rate_pct"] > 0 and tax["annual_mxn"] > 0
    assert result_cell(page, name, f"Breakdown › {tax['item']} › Rate") == f"{tax['rate_pct']:.2f}% of {tax['base']}"
    assert result_cell(page, name, f"Breakdown › {tax['item']} › Annual MXN") == f"{tax['annual_mxn']:,.2f}"
    shot(page, "form-mexico_labor_cost-payroll-tax")


@pytest.mark.parametrize("name", [n for n in REGISTRY if n not in KEY_FIGURES])
def test_every_other_calculator_is_unchanged_by_opening_more_options(page, name):
    open_more_options(page, name)
    assert calculate(page, name) == expected(name)[2]


def test_a_typed_value_is_used_and_junk_is_named(page):
    name = "mexico_labor_cost"
    open_more_options(page, name)
    field = page.locator(f"#field-{name}-payroll_tax_rate_pct").locator("input, textarea").first
    field.fill("3,5")
    page.click(f"#run-{name}")
    page.locator(f"#error-{name}").get_by_text("Payroll tax rate (%)").wait_for()
    assert "type 3.5" in page.locator(f"#error-{name}").inner_text()
    shot(page, "form-mexico_labor_cost-junk")
    field.fill("3.5")
    page.click(f"#run-{name}")
    page.locator(f"#csv-{name} a[download]").wait_for()  # none before: the first press was refused
    assert page.locator(f"#error-{name}").inner_text().strip() == ""
    typed = run_tool(name, {**defaults(name), "payroll_tax_rate_pct": 3.5})
    assert result_cell(page, name, "Annual cost per worker MXN") == f"{typed['annual_cost_per_worker_mxn']:,.2f}"


def test_a_receipt_downloads_reruns_and_reports_a_changed_rate(page):
    """The receipt a visitor downloads beside a result re-runs through the API; a rate since updated is named."""
    name = "mexico_labor_cost"
    page.get_by_role("tab", name="Calculators").click()
    page.get_by_role("tab", name=humanize(name), exact=True).click()
    calculate(page, name)
    links = page.locator(f"#receipt-{name} a[download]")
    links.first.wait_for()
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert sorted(h.rsplit(".", 1)[-1] for h in hrefs) == ["docx", "json", "pdf"]
    receipt = page.request.get(next(h for h in hrefs if h.endswith(".json"))).json()
    assert receipt["tool"] == name and receipt["rates"] and receipt["results"]
    base = page.url.split("/?")[0].rstrip("/")
    same = page.request.post(f"{base}/api/tools/rerun", data=receipt).json()
    assert same["changed"] is False
    wage = next(r for r in receipt["rates"] if r["name"].startswith("Minimum wage"))
    now = wage["value"]
    wage["value"] = round(now - 20.99, 2)  # as if computed with last year's table
    report = page.request.post(f"{base}/api/tools/rerun", data=receipt).json()
    assert report["changed"] is True
    assert [(c["item"], c["old"], c["new"]) for c in report["changes"]] == [(wage["name"], wage["value"], now)]
