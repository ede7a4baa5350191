"""A real browser (Debian's Chromium, headless, via Playwright) against the live app on a real index: the public
page a consultancy embeds (Chat, Calculators) and the consultant workspace behind its token.

Screenshots of every tab are saved under test-output/browser/.
"""

from __future__ import annotations

import functools
import json
import os
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.web_support import ESCAPING_QUESTION, XSS_FLAGS, LiveServer, free_port, make_components

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "test-output" / "browser"
ADMIN_TOKEN = "browser-test-admin-token"
CONSULTANT_TOKEN = "browser-test-consultant-token"
INTERNAL = ("Consultant desk", "Sources", "Feedback & leads", "Admin")
TIMEOUT_MS = 30_000

pytestmark = pytest.mark.slow

UPLOAD = """---
id: upload-browser-check
title: "Industrial park services checklist"
doc_type: guide
jurisdiction: MX
topics: [sites]
language: en
as_of: 2026-04-01
---
# Industrial park services checklist

## Utilities to confirm before signing
Confirm the electricity capacity in kVA, water supply and the wastewater permit before signing an industrial park lease.
"""


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (`apt-get install chromium`, "
                    "done by `make browser-deps`) to run the browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright Python package is missing: `pip install -e .[test]` installs it")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                     args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def embed_port() -> int:
    return free_port()


@pytest.fixture(scope="module")
def app_components(tmp_path_factory, embedder, embed_port):
    return make_components(tmp_path_factory.mktemp("browser"), embedder, admin_token=ADMIN_TOKEN,
                           consultant_token=CONSULTANT_TOKEN, cors_origins=f"http://127.0.0.1:{embed_port}")


@pytest.fixture(scope="module")
def live(app_components):
    from assistant.interfaces.web.api import create_app

    with LiveServer(create_app(app_components)) as server:
        yield server


@pytest.fixture
def page(browser, live):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.goto(live.url)
    pg.wait_for_selector("#question textarea")
    pg.dialogs = dialogs
    yield pg
    context.close()


@pytest.fixture
def workspace(browser, live):
    """The consultant workspace, signed in with the consultant token through its sign-in page."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    pg.goto(live.url + "consultant/")
    pg.fill("#token", CONSULTANT_TOKEN)
    pg.click("#sign-in")
    pg.get_by_role("tab", name="Consultant desk").wait_for()
    yield pg
    context.close()


def ask(page, question: str, turn: int = 0) -> None:
    page.fill("#question textarea", question)
    page.click("#ask")
    page.wait_for_selector(f'#chat a[href="#cite-{turn}-1"]')


def shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_chat_answer_citation_source_and_feedback(page, app_components):
    from assistant.storage.feedback import FeedbackStore

    ask(page, "How long can raw materials stay in Mexico under IMMEX?")
    answer = page.locator('#chat [data-testid="bot"]').last
    assert "18 months" in answer.inner_text()
    shot(page, "chat-answer")

    answer.locator('a[href="#cite-0-1"]').first.click()
    panel = page.locator("#source-panel")
    panel.get_by_text("Source [1]").wait_for()
    text = panel.inner_text()
    assert "IMMEX basics" in text and "2026-11-01" in text and "18 months" in text
    assert panel.locator(".source-link a", has_text="Ley Aduanera").get_attribute("href").startswith("https://")
    shot(page, "chat-source-panel")

    assert not page.locator("#feedback-comment").is_visible() and not page.locator("#send-comment").is_visible()
    page.locator('#chat button[aria-label="Like"]').last.click()
    page.locator("#feedback-status").get_by_text("rating was saved").wait_for()
    page.locator("#feedback-comment").wait_for(state="visible")  # the comment box comes with the rating
    page.fill("#feedback-comment textarea", "Exactly what I needed")
    page.click("#send-comment")
    page.locator("#feedback-status").get_by_text("comment was saved").wait_for()
    shot(page, "chat-feedback")

    rows = FeedbackStore(app_components.settings.feedback_db).rows()
    row = next(r for r in rows if r["question"] == "How long can raw materials stay in Mexico under IMMEX?")
    assert row["rating"] == "up" and row["comment"] == "Exactly what I needed" and row["channel"] == "ui"
    assert "18 months" in row["answer"] and json.loads(row["citations"])[0]["doc_id"] == "immex-basics"

    ask(page, "And machinery and equipment?", turn=1)  # a follow-up uses the conversation
    assert "machinery" in page.locator('#chat [data-testid="bot"]').last.inner_text().lower()


def test_markup_from_questions_and_documents_is_never_rendered(page):
    payload = ' <img src=x onerror="window.__xss_q=1"><script>window.__xss_q=2</script>'
    ask(page, ESCAPING_QUESTION + payload)
    answer = page.locator('#chat [data-testid="bot"]').last
    answer.locator('a[href^="#cite-0-"]').first.click()
    page.locator("#source-panel").get_by_text("Escaping check").first.wait_for()
    shot(page, "chat-escaping")
    flags = page.evaluate(f"() => {json.dumps(XSS_FLAGS)}.filter(f => window[f] !== undefined)")
    assert flags == [] and page.dialogs == []
    for where in ("#chat", "#source-panel"):
        assert page.locator(f'{where} img[src="x"], {where} script').count() == 0
    assert "<img src=x" in page.locator('#chat [data-testid="user"]').last.inner_text()
    assert "<script>window.__xss_title=1</script>" in page.locator("#source-panel").inner_text()
    assert page.locator('#source-panel a[href^="javascript"]').count() == 0


def test_abstention_offers_a_consultant_and_stores_the_request(page, app_components):
    from assistant.storage.feedback import FeedbackStore

    page.fill("#question textarea", "Which football team won the 1970 World Cup final?")
    page.click("#ask")
    consultant = page.locator("#consultant").first
    consultant.wait_for(state="visible")
    assert "consultant" in page.locator('#chat [data-testid="bot"]').last.inner_text().lower()
    consultant.get_by_label("Name").fill("Ana Prospect")
    consultant.get_by_label("Email").fill("ana@example.com")
    consultant.get_by_role("button", name="Request a consultant").click()
    consultant.get_by_text("a consultant will contact you").wait_for()
    shot(page, "chat-abstention")
    requests = FeedbackStore(app_components.settings.feedback_db).requests()
    assert requests[-1]["email"] == "ana@example.com"
    assert requests[-1]["question"] == "Which football team won the 1970 World Cup final?"


def test_calculator_form_result_chart_and_csv(page):
    page.get_by_role("tab", name="Calculators").click()
    page.get_by_role("tab", name="Landed cost compare").click()
    page.click("#run-landed_cost_compare")
    chart = page.locator("#chart-landed_cost_compare img")
    chart.wait_for()
    assert chart.bounding_box()["height"] > 100
    assert page.locator("#result-card-landed_cost_compare").is_visible()  # the headline first
    page.locator("#breakdown-landed_cost_compare").get_by_role("button", name="Breakdown: every figure").click()
    result = page.locator("#result-landed_cost_compare")
    result.get_by_text("Break even unit price USD", exact=True).wait_for()
    assert result.get_by_text("Cheapest scenario", exact=True).is_visible()
    page.locator("#csv-landed_cost_compare").get_by_text(re.compile(r"landed_cost_compare-.*\.csv")).wait_for()
    page.locator("#receipt-landed_cost_compare").get_by_text(re.compile(r"landed_cost_compare-receipt-.*\.json")).wait_for()
    shot(page, "calculators")


def test_new_conversation_clears_the_chat_and_a_pending_calculator_question(page):
    page.fill("#question textarea", "What would 200 workers cost per year?")
    page.click("#ask")
    page.locator('#chat [data-testid="bot"]').get_by_text("still need").wait_for()  # the calculator asks
    page.locator('#chat button[aria-label="Like"]').last.click()
    page.locator("#feedback-comment").wait_for(state="visible")
    shot(page, "chat-pending-calculator-question")
    page.click("#new-conversation")
    page.locator('#chat [data-testid="bot"]').first.wait_for(state="detached")
    assert page.locator('#chat [data-testid="user"]').count() == 0
    assert not page.locator("#feedback-comment").is_visible() and page.inner_text("#feedback-status").strip() == ""
    shot(page, "chat-new-conversation")
    ask(page, "What is the minimum wage in Nuevo León?")  # the pending question is gone: no labor-cost answer
    answer = page.locator('#chat [data-testid="bot"]').last.inner_text()
    assert "315.04" in answer and "200 workers" not in answer and "burdened" not in answer


def test_the_public_page_has_no_internal_tab_or_token(page):
    assert [t.inner_text().strip() for t in page.get_by_role("tab").all()][:2] == ["Chat", "Calculators"]
    for name in INTERNAL:
        assert page.get_by_role("tab", name=name).count() == 0, name
    text = page.inner_text("body")
    assert not [w for w in ("Consultant desk", "Sources", "Admin", "Feedback & leads") if w in text]
    assert "token" not in text.lower() and page.locator("input[type=password]").count() == 0
    shot(page, "public-page")


def test_on_a_phone_the_ask_button_is_in_view_without_scrolling(browser, live):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  device_scale_factor=2)
    try:
        pg = context.new_page()
        pg.set_default_timeout(TIMEOUT_MS)
        pg.goto(live.url)
        pg.wait_for_selector("#question textarea")
        box = pg.locator("#ask").bounding_box()
        assert pg.evaluate("() => window.scrollY") == 0
        assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= 844, box
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        pg.screenshot(path=str(SHOTS / "mobile-public-page.png"))  # the first screen, as a visitor sees it
    finally:
        context.close()


def test_the_workspace_refuses_a_wrong_token(browser, live):
    context = browser.new_context()
    try:
        pg = context.new_page()
        pg.set_default_timeout(TIMEOUT_MS)
        pg.goto(live.url + "consultant/")
        pg.fill("#token", CONSULTANT_TOKEN + "-wrong")
        pg.click("#sign-in")
        pg.get_by_text("Wrong token.").wait_for()
        text = pg.inner_text("body")
        assert "Consultant desk" not in text and "Admin" not in text and pg.get_by_role("tab").count() == 0
        assert context.cookies() == []
        shot(pg, "workspace-wrong-token")
    finally:
        context.close()


def test_workspace_desk_and_sources(workspace):
    workspace.fill("#desk-question textarea", "How long can raw materials stay in Mexico under IMMEX?")
    workspace.click("#desk-draft")
    workspace.wait_for_function("() => document.querySelector('#desk-text textarea').value.includes('## References')")
    shot(workspace, "workspace-desk")

    workspace.get_by_role("tab", name="Sources").click()
    table = workspace.locator("#sources-table")
    table.get_by_text("mpf-fee").first.wait_for()
    table.get_by_text("US Merchandise Processing Fee (MPF)").first.click()
    workspace.locator("#sources-detail").get_by_text("0.3464%").first.wait_for()
    shot(workspace, "workspace-sources")


def test_workspace_lists_a_stored_rating_and_a_stored_lead_as_text(workspace, app_components):
    from assistant.storage.feedback import FeedbackStore

    store = FeedbackStore(app_components.settings.feedback_db)
    store.add("What is the MPF?", "A fee [1].", [], "down", comment='Cite the CFR <img src=x onerror="window.__xss_c=1">')
    store.add_request("Beto Lead", "beto@example.com", "IMMEX for 300 workers?", "<script>window.__xss_l=1</script>")
    workspace.get_by_role("tab", name="Feedback & leads").click()
    workspace.click("#leads-refresh")
    leads = workspace.locator("#leads-table")
    leads.get_by_text("beto@example.com").filter(visible=True).first.wait_for()
    ratings = workspace.locator("#feedback-table")
    ratings.get_by_text("Cite the CFR").filter(visible=True).first.wait_for()
    assert "<script>window.__xss_l=1</script>" in leads.inner_text()  # shown as text, never run
    assert '<img src=x onerror="window.__xss_c=1">' in ratings.inner_text()
    assert workspace.evaluate("() => [window.__xss_c, window.__xss_l].filter(v => v !== undefined)") == []
    assert "consultant request(s)" in workspace.inner_text("#leads-summary")
    shot(workspace, "workspace-feedback-and-leads")


def test_workspace_admin_uploads_and_deletes_a_document(workspace, app_components, tmp_path):
    workspace.get_by_role("tab", name="Admin").click()
    workspace.fill("#admin-token input", ADMIN_TOKEN)
    workspace.click("#admin-unlock")
    upload = tmp_path / "Park Checklist.md"
    upload.write_text(UPLOAD, encoding="utf-8")
    workspace.locator("#admin-files input[type=file]").set_input_files(str(upload))
    workspace.locator("#admin-files").get_by_text("Park Checklist.md").wait_for(timeout=60_000)  # a busy machine
    workspace.click("#admin-upload")
    workspace.locator("#admin-outcome").get_by_text("Added park-checklist.md").wait_for(timeout=60_000)
    workspace.locator("#admin-documents").get_by_text("upload-browser-check").filter(visible=True).first.wait_for()
    shot(workspace, "workspace-admin-uploaded")
    assert "upload-browser-check" in {c.doc_id for c in app_components.store.snapshot().chunks}

    workspace.locator("#admin-doc-pick input").click()
    workspace.get_by_role("option", name="upload-browser-check").click()
    workspace.click("#admin-delete")
    workspace.locator("#admin-outcome").get_by_text("Deleted upload-browser-check").wait_for(timeout=60_000)
    shot(workspace, "workspace-admin-deleted")
    assert "upload-browser-check" not in {c.doc_id for c in app_components.store.snapshot().chunks}
    assert not (app_components.settings.corpus_dir / "uploads" / "park-checklist.md").exists()


def test_example_embed_page_works_from_another_origin(browser, live, embed_port, tmp_path):
    """examples/embed.html, served from another origin: the web component chats and the fetch form answers."""
    site = tmp_path / "site"
    site.mkdir()
    page_html = (ROOT / "examples" / "embed.html").read_text(encoding="utf-8")
    (site / "embed.html").write_text(page_html.replace("http://127.0.0.1:7860", live.url.rstrip("/")), encoding="utf-8")
    handler = functools.partial(QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", embed_port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(viewport={"width": 1200, "height": 1000})
    try:
        pg = context.new_page()
        pg.set_default_timeout(TIMEOUT_MS)
        pg.goto(f"http://127.0.0.1:{embed_port}/embed.html")
        pg.fill("gradio-app #question textarea", "How long can raw materials stay in Mexico under IMMEX?")
        pg.click("gradio-app #ask")
        pg.wait_for_selector('gradio-app #chat a[href="#cite-0-1"]')
        embedded = pg.inner_text("gradio-app")  # the public page: nothing internal on the consultancy's site
        assert not [w for w in ("Consultant desk", "Admin", "Feedback & leads") if w in embedded]
        pg.fill("#na-question", "How long can raw materials stay in Mexico under IMMEX?")
        pg.click("#na-ask")
        pg.wait_for_selector("#na-log .turn")
        assert "18 months" in pg.inner_text("#na-log")
        assert pg.locator("#na-log .sources a").first.get_attribute("href").startswith("https://")
        shot(pg, "embed-example")
    finally:
        context.close()
        server.shutdown()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def test_without_a_consultant_token_the_workspace_is_not_there(browser, tmp_path, embedder):
    from assistant.interfaces.web.api import create_app

    plain = make_components(tmp_path, embedder, admin_token=ADMIN_TOKEN)  # an admin token alone opens nothing
    with LiveServer(create_app(plain)) as server:
        context = browser.new_context()
        try:
            pg = context.new_page()
            pg.set_default_timeout(TIMEOUT_MS)
            response = pg.goto(server.url + "consultant/")
            assert response.status == 404
            assert "set NEARSHORE_CONSULTANT_TOKEN" in pg.inner_text("body") and pg.locator("#token").count() == 0
            shot(pg, "workspace-disabled")
            pg.goto(server.url)
            pg.get_by_role("tab", name="Calculators").wait_for()
            assert pg.get_by_role("tab", name="Admin").count() == 0
        finally:
            context.close()


def test_minimum_wage_and_a_follow_up_answer_with_the_figure_first(browser, corpus_components):
    """The first two rows of the answering issue, as a visitor types them: the figure leads, the follow-up swaps
    the city."""
    from assistant.interfaces.web.api import create_app

    with LiveServer(create_app(corpus_components)) as server:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        pg = context.new_page()
        pg.set_default_timeout(TIMEOUT_MS)
        pg.goto(server.url)
        pg.wait_for_selector("#question textarea")
        ask(pg, "What is the daily minimum wage in Monterrey in 2026?")
        first = pg.locator('#chat [data-testid="bot"]').last.inner_text()
        ask(pg, "And in Tijuana?", turn=1)
        second = pg.locator('#chat [data-testid="bot"]').last.inner_text()
        shot(pg, "chat-minimum-wage-follow-up")
        context.close()
    assert "315.04" in first.split(" a day")[0]
    lead = second.split(" a day")[0]
    assert "440.87" in lead and "315.04" not in lead


if os.environ.get("CI") and not CHROMIUM.exists():  # pragma: no cover - make the reason loud in CI logs
    print(f"test_browser: {CHROMIUM} missing; browser tests will be skipped")
