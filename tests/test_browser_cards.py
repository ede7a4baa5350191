"""Result cards and scenario rows in a real browser (Debian's Chromium, headless, via Playwright), at desktop
(1400×900) and mobile (390×844) sizes.

A landed-cost comparison edited through the rows (a duty preset applied, a unit price changed) gives the card
with the difference in words, equal to the calculator's figure; on a phone the card's headline is on screen right
after Calculate. Screenshots go to test-output/browser/card-*.png.
"""

from __future__ import annotations

import pytest

from assistant.interfaces.web.cards import difference_words
from assistant.interfaces.web.forms import example_for
from assistant.interfaces.web.lines import humanize
from assistant.registry import REGISTRY, run_tool
from tests.test_browser import (  # noqa: F401 (fixtures)
    TIMEOUT_MS,
    app_components,
    browser,
    embed_port,
    live,
    shot,
)

pytestmark = pytest.mark.slow
LANDED = "landed_cost_compare"
DESKTOP, MOBILE = {"width": 1400, "height": 900}, {"width": 390, "height": 844}


def open_page(browser, live, viewport, locale: str = "en-US"):  # noqa: F811
    context = browser.new_context(viewport=viewport, is_mobile=viewport is MOBILE, has_touch=viewport is MOBILE,
                                  locale=locale)
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    pg.goto(live.url)
    pg.wait_for_selector("#question textarea")
    return context, pg


@pytest.fixture(params=["desktop", "mobile"])
def page(request, browser, live):  # noqa: F811
    context, pg = open_page(browser, live, DESKTOP if request.param == "desktop" else MOBILE)
    pg.size_name = request.param
    yield pg
    context.close()


def open_calculator(page, name: str) -> None:
    page.get_by_role("tab", name="Calculators").click()
    tab = page.get_by_role("tab", name=humanize(name), exact=True)
    if tab.count() and tab.is_visible():
        tab.click()
    else:  # a phone keeps the tabs that do not fit behind "More tabs"
        page.get_by_role("button", name="More tabs").locator("visible=true").first.click()
        page.get_by_role("button", name=humanize(name), exact=True).locator("visible=true").first.click()
    page.locator(f"#run-{name}").wait_for(state="visible")


def edit_cell(page, table_id: str, row: int, column: int, text: str) -> None:
    """Type ``text`` into one cell of an editable table (0-based row and column), as a visitor does."""
    cell = page.locator(f'#{table_id} [data-testid="cell-{row}-{column}"]')
    cell.scroll_into_view_if_needed()
    cell.dblclick()
    editor = cell.locator("textarea, input").first
    editor.wait_for()
    editor.fill(text)
    editor.press("Enter")
    page.wait_for_function(
        "([sel, t]) => { const s = document.querySelector(sel + ' span[data-editable]');"
        " return s && s.innerText.trim() === t; }", arg=[f'#{table_id} [data-testid="cell-{row}-{column}"]', text])


def test_landed_cost_edited_through_rows_gives_the_card_with_the_difference_in_words(page):
    open_calculator(page, LANDED)
    shot(page, f"card-landed-rows-{page.size_name}")
    # the offshore supplier becomes a Section 301 List 4A product (7.5% instead of 25%), and costs 9.40 a unit
    page.locator(f"#preset-{LANDED} input").click()
    page.get_by_role("option", name="Section 301, China List 4A (7.5%)").click()
    page.click(f"#preset-add-{LANDED}")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#layers-landed_cost_compare [role=row]')]"
        ".some(tr => tr.innerText.includes('Section 301') && tr.innerText.includes('7.5'))")
    edit_cell(page, f"scenarios-{LANDED}", 0, 4, "9.40")
    page.click(f"#run-{LANDED}")
    card = page.locator(f"#result-card-{LANDED}")
    card.wait_for()

    args = example_for(LANDED, REGISTRY[LANDED].input_model)
    offshore = args["scenarios"][0]
    offshore["unit_price_usd"] = 9.4
    offshore["duty_layers"][1]["rate_pct"] = 7.5
    result = run_tool(LANDED, args)
    words = difference_words(result["alternative_scenario"], result["baseline_scenario"], result["difference_per_unit_usd"])
    headline = card.locator(".rc-headline")
    assert headline.inner_text().strip() == words
    assert "costs USD" in words and "more a unit than Shenzhen supplier" in words  # the cheaper offshore price wins
    assert f"USD {abs(result['difference_annual_usd']):,.2f} a year" in card.inner_text()
    box = headline.bounding_box()
    viewport = page.viewport_size
    assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= viewport["height"], box
    shot(page, f"card-landed-{page.size_name}")


def test_a_bad_row_is_named_with_its_column_and_the_fix(browser, live):  # noqa: F811
    context, page = open_page(browser, live, DESKTOP)
    try:
        open_calculator(page, LANDED)
        edit_cell(page, f"scenarios-{LANDED}", 1, 3, "boat")
        page.click(f"#run-{LANDED}")
        error = page.locator(f"#error-{LANDED}")
        error.get_by_text("Scenarios, row 2, Mode").wait_for()
        assert "type one of them" in error.inner_text()
        shot(page, "card-landed-bad-row")
    finally:
        context.close()


@pytest.mark.parametrize("name", ["mexico_labor_cost", "tco_compare"])
def test_the_card_headline_is_on_screen_after_calculate_on_a_phone(browser, live, name):  # noqa: F811
    context, page = open_page(browser, live, MOBILE)
    try:
        open_calculator(page, name)
        page.click(f"#run-{name}")
        headline = page.locator(f"#result-card-{name} .rc-headline")
        headline.wait_for()
        page.wait_for_function(
            "(sel) => { const r = document.querySelector(sel).getBoundingClientRect();"
            " return r.top >= 0 && r.bottom <= window.innerHeight; }", arg=f"#result-card-{name} .rc-headline")
        shot(page, f"card-{name}-mobile")
    finally:
        context.close()


def test_a_visitor_whose_browser_asks_for_spanish_gets_the_card_in_spanish(browser, live):  # noqa: F811
    from assistant.interfaces.web.ui.public import visitor_language

    assert visitor_language("es-MX,es;q=0.9,en;q=0.8") == "es"
    assert visitor_language("en-US,en;q=0.9,es;q=0.5") == "en" and visitor_language(None) == "en"
    context, page = open_page(browser, live, DESKTOP, locale="es-MX")
    try:
        open_calculator(page, LANDED)
        page.click(f"#run-{LANDED}")
        card = page.locator(f"#result-card-{LANDED}")
        card.locator(".rc-headline").wait_for()
        assert "Tipo de cambio (un supuesto)" in card.inner_text()  # the Banco de México FIX on file, in Spanish
        assert "Exchange rate (an assumption)" not in card.inner_text()
        shot(page, "card-landed-spanish")
    finally:
        context.close()
