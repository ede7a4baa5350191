"""Citations in a real browser (Debian's Chromium via Playwright, the fixtures of test_browser.py): on a phone a tapped
citation opens the source in view, the cited sentence is marked in the passage, a new answer clears the panel, the
passage links to its own source, and the page uses plain system fonts with no label over the chat.

Screenshots: test-output/browser/citation-mobile.png and citation-highlight.png.
"""

from __future__ import annotations

import pytest

from tests.test_browser import (  # noqa: F401 (fixtures)
    SHOTS,
    TIMEOUT_MS,
    app_components,
    ask,
    browser,
    embed_port,
    live,
    page,
    shot,
    workspace,
)

pytestmark = pytest.mark.slow

PHONE = {"width": 390, "height": 844}
QUESTION = "How long can raw materials stay in Mexico under IMMEX?"
PLACEHOLDER = "Click a numbered marker"


def in_viewport(box: dict | None, viewport: dict) -> bool:
    return (box is not None and box["width"] > 0 and box["height"] > 0 and box["y"] < viewport["height"]
            and box["y"] + box["height"] > 0 and box["x"] < viewport["width"] and box["x"] + box["width"] > 0)


def test_on_a_phone_a_tapped_citation_opens_its_source_in_view_and_closes(browser, live):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    try:
        pg = context.new_page()
        pg.set_default_timeout(TIMEOUT_MS)
        pg.goto(live.url)
        pg.wait_for_selector("#question textarea")
        ask(pg, QUESTION)
        panel = pg.locator("#source-panel")
        assert not in_viewport(panel.bounding_box(), PHONE)  # below the chat, as before: out of sight

        pg.locator('#chat [data-testid="bot"]').last.locator('a[href="#cite-0-1"]').first.tap()
        panel.get_by_text("Source [1]").wait_for()
        pg.wait_for_selector("#source-column.source-open")
        assert in_viewport(panel.bounding_box(), PHONE), panel.bounding_box()
        assert "18 months" in panel.locator("mark.cited").first.inner_text()
        close = pg.locator("#source-column .source-close")
        assert in_viewport(close.bounding_box(), PHONE)
        pg.screenshot(path=str(SHOTS / "citation-mobile.png"))  # the screen as the visitor sees it

        close.tap()
        pg.wait_for_selector("#source-column.source-open", state="detached")
        assert not pg.locator("#source-column .source-close").is_visible()
    finally:
        context.close()


def test_the_cited_sentence_is_marked_and_a_new_answer_clears_the_panel(page):
    ask(page, QUESTION)
    answer = page.locator('#chat [data-testid="bot"]').last
    answer.locator('a[href="#cite-0-1"]').first.click()
    panel = page.locator("#source-panel")
    panel.get_by_text("Source [1]").wait_for()
    marked = panel.locator("blockquote mark.cited")
    assert marked.count() >= 1 and "18 months" in marked.first.inner_text()
    assert marked.first.inner_text() in panel.locator("blockquote").inner_text()
    link = panel.locator(".source-link a")
    assert link.inner_text().startswith("Source: Ley Aduanera") and link.get_attribute("href").startswith("https://")
    assert in_viewport(panel.bounding_box(), {"width": 1400, "height": 1000})  # beside the chat on a desktop
    assert page.locator("#source-column.source-open").count() == 0  # no drawer on a desktop
    shot(page, "citation-highlight")

    page.fill("#question textarea", "What is the minimum wage in the northern border zone in 2026?")
    page.click("#ask")
    panel.get_by_text(PLACEHOLDER).wait_for()  # the old answer's source is gone at once
    page.wait_for_selector('#chat a[href="#cite-1-1"]')
    assert PLACEHOLDER in panel.inner_text() and "Source [1]" not in panel.inner_text()


def test_system_fonts_and_no_label_over_the_chat(page):
    fonts = page.evaluate("""() => [document.body, document.querySelector('#question textarea'),
                                    document.querySelector('#chat')].map(e => getComputedStyle(e).fontFamily)""")
    assert all("system-ui" in f and "Montserrat" not in f for f in fonts), fonts
    assert page.locator("#chat").get_by_text("Nearshore Assistant", exact=True).count() == 0


def test_the_sources_passage_table_has_its_own_column_widths(workspace):
    workspace.get_by_role("tab", name="Sources").click()
    table = workspace.locator("#sources-table")
    table.locator("th", has_text="Jurisdiction").first.wait_for()
    workspace.fill("#sources-q textarea", "temporary import period")
    workspace.click("#sources-go")
    workspace.locator("#sources-table th", has_text="Passage").first.wait_for()
    workspace.wait_for_function("""() => {
        const th = [...document.querySelectorAll('#sources-table th')].find(t => t.innerText.trim() === 'Passage');
        const all = [...document.querySelectorAll('#sources-table th')].map(t => t.getBoundingClientRect().width);
        return th && th.getBoundingClientRect().width >= Math.max(...all) - 1;
    }""")
    passage = workspace.locator("#sources-table th", has_text="Passage").first.bounding_box()
    assert passage["width"] > 250, passage  # was about 120 px: the document table's widths
    shot(workspace, "workspace-sources-passages")
