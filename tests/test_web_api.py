"""The HTTP API against the real app: real index of the fixture corpus, real model, real calculators."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from tests.web_support import ESCAPING_DOC_ID, ESCAPING_QUESTION, make_components, with_settings

ORIGIN = "https://www.example-client.com"
IMMEX_QUESTION = "How long can raw materials stay in Mexico under IMMEX?"


@pytest.fixture(scope="module")
def components(tmp_path_factory, embedder):
    return make_components(tmp_path_factory.mktemp("web-api"), embedder, cors_origins=f"{ORIGIN}, https://other.example")


@pytest.fixture(scope="module")
def client(components):
    from assistant.interfaces.web.api import create_app

    with TestClient(create_app(components)) as test_client:
        yield test_client


def limited_client(components, per_minute: int, address: str = "203.0.113.7") -> TestClient:
    from assistant.interfaces.web.api import create_app

    return TestClient(create_app(with_settings(components, rate_limit_per_minute=per_minute)), client=(address, 5000))


# ------------------------------------------------------------------ happy paths
def test_health_reports_the_served_index(client, components):
    response = client.get("/api/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["index"]["documents"] == 5 and body["index"]["chunks"] == len(components.store.snapshot().chunks)


def test_ask_returns_the_same_json_object_as_ask_json(client, components):
    response = client.post("/api/ask", json={"question": IMMEX_QUESTION})
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    body = response.json()
    expected = components.assistant.ask(IMMEX_QUESTION).model_dump(mode="json")
    assert set(body) == set(expected) == {"answer", "abstained", "citations", "tool_calls", "timings_ms"}
    assert body["answer"] == expected["answer"] and body["citations"] == expected["citations"]
    assert not body["abstained"] and "18 months" in body["answer"]
    assert body["citations"][0]["doc_id"] == "immex-basics" and body["citations"][0]["url"].startswith("https://")


def test_ask_uses_history_for_a_follow_up(client):
    history = [{"role": "user", "content": IMMEX_QUESTION},
               {"role": "assistant", "content": "Up to 18 months from the date of import [1]."}]
    body = client.post("/api/ask", json={"question": "And machinery and equipment?", "history": history}).json()
    assert not body["abstained"]
    assert any("machinery" in c["section"].lower() for c in body["citations"])


def test_ask_filters_restrict_the_sources(client):
    body = client.post("/api/ask", json={"question": "What fee is charged on formal entries?", "k": 3,
                                         "filters": {"jurisdiction": ["US"]}}).json()
    assert body["citations"] and {c["doc_id"] for c in body["citations"]} == {"mpf-fee"}


def test_ask_routes_a_calculator_question_to_the_calculator(client):
    question = "Does my part qualify for USMCA with a $200 transaction value and 70 dollars of non-originating parts?"
    body = client.post("/api/ask", json={"question": question}).json()
    assert body["tool_calls"][0]["name"] == "usmca_rvc"
    assert body["tool_calls"][0]["result"]["rvc_pct"] == pytest.approx(65.0)


def test_abstention_is_flagged(client):
    body = client.post("/api/ask", json={"question": "Which football team won the 1970 World Cup final?"}).json()
    assert body["abstained"] is True and body["citations"] == []


def test_tools_list_and_run(client):
    from assistant.registry import REGISTRY, run_tool

    listed = client.get("/api/tools").json()
    assert [t["name"] for t in listed] == list(REGISTRY)
    assert all(t["description"] and t["input_schema"]["properties"] for t in listed)
    args = {"vnm": 70, "transaction_value": 200}
    response = client.post("/api/tools/usmca_rvc", json=args)
    assert response.status_code == 200
    assert response.json() == run_tool("usmca_rvc", args)
    assert response.json()["assumptions"][0]["source"]


def test_tool_errors_are_one_readable_sentence(client):
    response = client.post("/api/tools/usmca_rvc", json={"vnm": -5, "transaction_value": 200})
    assert response.status_code == 422
    assert "vnm" in response.json()["error"]
    unknown = client.post("/api/tools/no_such_tool", json={})
    assert unknown.status_code == 404
    assert "usmca_rvc" in unknown.json()["error"]


# ------------------------------------------------------------------ receipts
RVC_ARGS = {"vnm": 70, "transaction_value": 200}


def test_a_tool_run_can_return_its_receipt(client):
    plain = client.post("/api/tools/usmca_rvc", json=RVC_ARGS).json()
    assert "receipt" not in plain
    body = client.post("/api/tools/usmca_rvc?receipt=true", json=RVC_ARGS).json()
    receipt = body.pop("receipt")
    assert body == plain
    assert receipt["tool"] == "usmca_rvc" and receipt["inputs"] == RVC_ARGS and receipt["as_of"] == plain["as_of"]
    assert receipt["rates"][0]["source"]["url"].startswith("https://")
    assert any(i["path"] == "rvc_pct" and i["value"] == 65.0 for i in receipt["results"])


def test_rerun_reports_no_change_then_exactly_the_edited_figure(client):
    receipt = client.post("/api/tools/usmca_rvc?receipt=true", json=RVC_ARGS).json()["receipt"]
    same = client.post("/api/tools/rerun", json=receipt)
    assert same.status_code == 200, same.text
    assert same.json()["changed"] is False and same.json()["changes"] == []
    assert same.json()["receipt"]["results"] == receipt["results"]

    line = next(i for i in receipt["results"] if i["path"] == "rvc_pct")
    line["value"] = 62.5  # as if computed with other figures
    changed = client.post("/api/tools/rerun", json=receipt).json()
    assert changed["changed"] is True
    assert changed["changes"] == [{"kind": "result", "item": "rvc_pct", "old": 62.5, "new": 65.0,
                                   "difference": 2.5, "unit": "%"}]
    assert changed["receipt"]["tool"] == "usmca_rvc"


@pytest.mark.parametrize("body, fragment", [
    (b"%PDF-1.4", "The receipt is not JSON"),
    (b'{"question": "not a receipt"}', "The receipt is not a calculation receipt"),
    (json.dumps({"schema_version": 1, "tool": "freight_quote", "inputs": {}}).encode(), "is for the tool 'freight_quote'"),
    (json.dumps({"schema_version": 7, "tool": "usmca_rvc", "inputs": RVC_ARGS}).encode(), "schema version 7, newer"),
    (json.dumps({"schema_version": 1, "tool": "usmca_rvc", "inputs": {"vnm": -5, "transaction_value": 200}}).encode(),
     "has inputs that usmca_rvc does not accept now (vnm must be"),
])
def test_rerun_refuses_a_bad_receipt_with_400_and_one_sentence(client, body, fragment):
    response = client.post("/api/tools/rerun", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400
    message = response.json()["error"]
    assert fragment in message and message.endswith(".") and ": " in message


def test_rerun_goes_through_the_body_cap_and_the_rate_limit(client, components):
    from assistant.interfaces.web.limits import MAX_BODY_BYTES

    big = json.dumps({"schema_version": 1, "tool": "usmca_rvc", "inputs": RVC_ARGS, "notes": ["x" * MAX_BODY_BYTES]})
    too_big = client.post("/api/tools/rerun", content=big.encode(), headers={"content-type": "application/json"})
    assert too_big.status_code == 413 and "larger than" in too_big.json()["error"]
    receipt = client.post("/api/tools/usmca_rvc?receipt=true", json=RVC_ARGS).json()["receipt"]
    with limited_client(components, per_minute=2, address="203.0.113.21") as c:
        assert [c.post("/api/tools/rerun", json=receipt).status_code for _ in range(3)] == [200, 200, 429]


def test_feedback_is_stored_in_sqlite(client, components):
    from assistant.storage.feedback import FeedbackStore

    answer = client.post("/api/ask", json={"question": IMMEX_QUESTION}).json()
    response = client.post("/api/feedback", json={"question": IMMEX_QUESTION, "answer": answer["answer"],
                                                  "citations": answer["citations"], "rating": "up",
                                                  "comment": "Clear and sourced"})
    assert response.status_code == 201
    rows = {r["id"]: r for r in FeedbackStore(components.settings.feedback_db).rows()}
    row = rows[response.json()["id"]]
    assert row["rating"] == "up" and row["comment"] == "Clear and sourced" and row["channel"] == "api"
    assert json.loads(row["citations"])[0]["doc_id"] == "immex-basics"
    bad = client.post("/api/feedback", json={"question": "q", "answer": "a", "rating": "meh"})
    assert bad.status_code == 422 and "rating" in bad.json()["error"]


def test_openapi_docs_and_the_ui_are_served(client):
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/ask", "/api/tools/{name}", "/api/health", "/api/feedback"} <= set(paths)
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]


# ------------------------------------------------------------------ input limits
def test_question_limit_is_2000_characters(client):
    at_limit = ("What is IMMEX? " * 200)[:2000]
    assert client.post("/api/ask", json={"question": at_limit}).status_code == 200
    response = client.post("/api/ask", json={"question": at_limit + "x"})
    assert response.status_code == 422
    assert response.json()["error"] == "question is too long: at most 2000 characters (got 2001)"


def test_history_limit_is_20_messages(client):
    turn = [{"role": "user", "content": "What is IMMEX?"}, {"role": "assistant", "content": "A program [1]."}]
    assert client.post("/api/ask", json={"question": IMMEX_QUESTION, "history": turn * 10}).status_code == 200
    response = client.post("/api/ask", json={"question": IMMEX_QUESTION, "history": turn * 10 + turn[:1]})
    assert response.status_code == 422
    assert response.json()["error"] == "history has too many messages: at most 20 (got 21)"


@pytest.mark.parametrize("payload, fragment", [
    ({"question": "   "}, "the question is empty"),
    ({"question": ""}, "question is empty"),
    ({}, "question is required"),
    ({"question": "What is IMMEX?", "colour": "red"}, "colour is not a known field"),
    ({"question": "What is IMMEX?", "filters": {"country": ["MX"]}}, "filters.country"),
    ({"question": "What is IMMEX?", "k": 0}, "k:"),
    ({"question": "What is IMMEX?", "history": [{"role": "system", "content": "x"}]}, "history.0.role"),
])
def test_invalid_requests_get_a_clear_422(client, payload, fragment):
    response = client.post("/api/ask", json=payload)
    assert response.status_code == 422
    assert fragment in response.json()["error"]


def test_malformed_json_is_a_clear_422(client):
    response = client.post("/api/ask", content=b'{"question": ', headers={"content-type": "application/json"})
    assert response.status_code == 422 and response.json()["error"] == "the request body is not valid JSON"


def test_body_size_limit_with_and_without_content_length(client):
    from assistant.interfaces.web.limits import MAX_BODY_BYTES

    big = json.dumps({"question": "x", "history": [{"role": "user", "content": "y" * MAX_BODY_BYTES}]}).encode()
    response = client.post("/api/ask", content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413 and "larger than" in response.json()["error"]

    def chunks():  # no Content-Length: the cap must hold while reading
        for i in range(0, len(big), 16_384):
            yield big[i:i + 16_384]

    streamed = client.post("/api/ask", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413


def test_no_index_answers_503(tmp_path, embedder):
    from assistant.interfaces.web.api import create_app

    empty = make_components(tmp_path, embedder, ingest=False)
    with TestClient(create_app(empty)) as c:
        assert c.get("/api/health").status_code == 503
        response = c.post("/api/ask", json={"question": "What is IMMEX?"})
        assert response.status_code == 503 and "nearshore ingest" in response.json()["error"]


# ------------------------------------------------------------------ rate limiting
def test_rate_limit_answers_429_with_retry_after(components):
    with limited_client(components, per_minute=3) as c:
        assert [c.get("/api/health").status_code for _ in range(3)] == [200, 200, 200]
        limited = c.get("/api/health")
        assert limited.status_code == 429
        wait = int(limited.headers["Retry-After"])
        assert 1 <= wait <= 20
        assert "3 per minute" in limited.json()["error"]
        assert c.post("/api/ask", json={"question": "What is IMMEX?"}).status_code == 429
        assert c.get("/").status_code == 200  # the UI page is not an /api route


def test_rate_limit_is_per_client(components):
    from assistant.interfaces.web.api import create_app

    app = create_app(with_settings(components, rate_limit_per_minute=2))
    with TestClient(app, client=("198.51.100.1", 1)) as first, TestClient(app, client=("198.51.100.2", 1)) as second:
        assert [first.get("/api/health").status_code for _ in range(3)] == [200, 200, 429]
        assert second.get("/api/health").status_code == 200


def test_token_bucket_refills_over_time():
    from assistant.interfaces.web.limits import RateLimiter

    now = [1000.0]
    limiter = RateLimiter(per_minute=6, clock=lambda: now[0])  # one token every 10 s
    assert [limiter.check("a") for _ in range(6)] == [0] * 6
    assert limiter.check("a") == 10
    now[0] += 5
    assert limiter.check("a") == 5
    now[0] += 5
    assert limiter.check("a") == 0
    assert limiter.check("b") == 0


# ------------------------------------------------------------------ CORS
def test_cors_allows_only_the_configured_origins(client):
    allowed = client.get("/api/health", headers={"Origin": ORIGIN})
    assert allowed.headers["access-control-allow-origin"] == ORIGIN
    other = client.get("/api/health", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    preflight = client.options("/api/ask", headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST",
                                                    "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["access-control-allow-methods"]
    denied = client.options("/api/ask", headers={"Origin": "https://evil.example",
                                                 "Access-Control-Request-Method": "POST"})
    assert denied.status_code == 400


def test_rate_limited_answers_still_carry_cors_headers(components):
    with limited_client(components, per_minute=1, address="203.0.113.9") as c:
        c.get("/api/health", headers={"Origin": ORIGIN})
        limited = c.get("/api/health", headers={"Origin": ORIGIN})
        assert limited.status_code == 429
        assert limited.headers["access-control-allow-origin"] == ORIGIN
        assert "retry-after" in limited.headers["access-control-expose-headers"].lower()


# ------------------------------------------------------------------ escaping
def test_api_answers_are_json_never_html(client):
    body = client.post("/api/ask", json={"question": ESCAPING_QUESTION}).json()
    assert any(c["doc_id"] == ESCAPING_DOC_ID for c in body["citations"])
    reflected = client.post("/api/tools/<script>alert(1)</script>", json={})
    assert reflected.status_code == 404
    assert reflected.headers["content-type"] == "application/json"
    assert reflected.headers["x-content-type-options"] == "nosniff"


# ------------------------------------------------------------------ CLI: feedback export
def test_feedback_export_writes_csv(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from assistant.interfaces.cli.main import app
    from assistant.settings import get_settings
    from assistant.storage.feedback import FeedbackStore

    db = tmp_path / "fb.sqlite3"
    monkeypatch.setenv("NEARSHORE_FEEDBACK_DB", str(db))
    get_settings.cache_clear()
    store = FeedbackStore(db)
    store.add("What is IMMEX?", "A program [1].", [{"n": 1, "doc_id": "immex-basics"}], "up", "good")
    store.add("=HYPERLINK(\"http://x\")", "No source.", [], "down")
    out = tmp_path / "feedback.csv"
    result = CliRunner().invoke(app, ["feedback", "export", "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["rating"] for r in rows] == ["up", "down"]
    assert rows[0]["question"] == "What is IMMEX?" and json.loads(rows[0]["citations"])[0]["doc_id"] == "immex-basics"
    assert rows[1]["question"].startswith("'=")  # a formula is never live in a spreadsheet
    stdout = CliRunner().invoke(app, ["feedback", "export"])
    assert stdout.exit_code == 0 and stdout.output.startswith("id,created_at,question")
