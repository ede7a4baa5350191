"""Red-team regressions: each test reproduces an attack found against the running app and shows it now fails.

1. A request with thousands of filter values crashed the process inside the vector store (a segfault): now every
   entry point refuses more than 50 values per key with a clear 4xx / exit code 2. Run in subprocesses, so a
   regression shows up as a failed assertion, not a dead test run.
2. A crafted Gradio event could copy any server file into Gradio's cache: the allowed-path check now runs.
3. Only /api/* was rate limited: the UI's calls now share the same per-client allowance, and a client cannot
   dodge it by sending a new X-Forwarded-For each time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT
from tests.web_support import LiveServer, make_components, with_settings

MANY = 10_000


def _run(code: str, env: dict[str, str], timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture(scope="module")
def components(tmp_path_factory, embedder):
    return make_components(tmp_path_factory.mktemp("hardening-web"), embedder)


@pytest.fixture(scope="module")
def indexed_env(tmp_path_factory):
    """A built index of the fixture corpus, and the environment that points the CLI at it."""
    root = tmp_path_factory.mktemp("hardening-index")
    env = {**os.environ, "NEARSHORE_INDEX_DIR": str(root / "index"), "NEARSHORE_CORPUS_DIR": str(FIXTURES / "corpus"),
           "NEARSHORE_FEEDBACK_DB": str(root / "feedback.sqlite3"), "HF_HUB_OFFLINE": "1"}
    nearshore = Path(sys.executable).with_name("nearshore")
    built = subprocess.run([str(nearshore), "ingest", "-q"], env=env, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    return env


def test_thousands_of_filter_values_get_a_422_from_the_api_not_a_crash(indexed_env):
    out = _run(f"""
        import json
        from fastapi.testclient import TestClient
        from assistant.app import build
        from assistant.interfaces.web.api import create_app

        client = TestClient(create_app(build()))
        for values in (["MX"] * {MANY}, ["MX"] * 999, ["MX", "US"]):
            r = client.post("/api/ask", json={{"question": "IMMEX?", "filters": {{"jurisdiction": values}}}})
            print(json.dumps({{"status": r.status_code, "body": r.json()}}))
    """, indexed_env)
    assert out.returncode == 0, f"the process died (exit {out.returncode}): {out.stderr[-2000:]}"
    results = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    assert [r["status"] for r in results] == [422, 422, 200]
    assert "at most 50" in results[0]["body"]["error"]


def test_thousands_of_filter_values_get_a_clear_error_from_the_cli_not_a_crash(indexed_env):
    nearshore = Path(sys.executable).with_name("nearshore")
    values = ",".join(f"t{i}" for i in range(MANY))
    out = subprocess.run([str(nearshore), "ask", "--filter", f"topics={values}", "IMMEX?"], env=indexed_env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 2, (out.returncode, out.stderr[-1000:])
    assert "at most 50" in out.stderr


def test_the_assistant_itself_refuses_oversized_filters(fixture_assistant):
    from assistant.errors import UserInputError

    with pytest.raises(UserInputError, match="at most 50"):
        fixture_assistant.ask("What is IMMEX?", filters={"topics": [f"t{i}" for i in range(51)]})
    with pytest.raises(UserInputError, match="lone surrogate"):
        fixture_assistant.searcher.search("IMMEX", 3, {"topics": ["\ud800"]})
    assert fixture_assistant.ask("What is IMMEX?", filters={"topics": ["immex"] * 50}).citations


@pytest.mark.parametrize("body", [
    {"question": "What is IMMEX?\ud800"},
    {"question": "What is IMMEX?", "history": [{"role": "user", "content": "\udfff"}]},
    {"question": "What is IMMEX?", "filters": {"topics": ["\ud800"]}},
])
def test_lone_surrogates_are_a_422(components, body):
    from fastapi.testclient import TestClient

    from assistant.interfaces.web.api import create_app

    raw = json.dumps(body)  # json.dumps writes a lone surrogate as the \\ud800 escape, as a client would
    with TestClient(create_app(components)) as client:
        r = client.post("/api/ask", content=raw, headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert next(iter(body.keys() - {"question"}), "question") in r.json()["error"]


def test_a_feedback_citation_title_with_a_lone_surrogate_is_a_422(components):
    from fastapi.testclient import TestClient

    from assistant.interfaces.web.api import create_app

    cite = {"n": 1, "doc_id": "x", "title": "bad \ud800 title", "text": "t"}
    raw = json.dumps({"question": "q", "answer": "a", "rating": "up", "citations": [cite]})
    with TestClient(create_app(components)) as client:
        r = client.post("/api/feedback", content=raw, headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert "citations" in r.json()["error"]


# ------------------------------------------------------------------ Gradio, live
def _config(server: LiveServer, face: str = "", headers: dict | None = None) -> dict:
    """The Gradio config of the public page (``face=""``) or of the workspace (``"consultant/"``, signed in)."""
    import httpx

    return httpx.get(server.url + face + "config", timeout=30, headers=headers or {}).json()


def _dependency_with_inputs(config: dict, *elem_ids: str) -> int:
    by_id = {c["id"]: c.get("props", {}).get("elem_id") for c in config["components"]}
    for index, dep in enumerate(config["dependencies"]):
        names = {by_id.get(i) for i in dep.get("inputs", [])}
        if set(elem_ids) <= names:
            return dep.get("id", index)
    raise AssertionError(f"no event takes {elem_ids} as inputs")


def _join_and_wait(server: LiveServer, fn_index: int, data: list, session: str, face: str = "",
                   headers: dict | None = None) -> list[dict]:
    """The queued event's server-sent events (a refused join reads as one ``join_refused`` event)."""
    from assistant.evaluation.redteam.common import join_and_wait

    status, events = join_and_wait(server.url + face, fn_index, data, session, headers=headers, timeout=60)
    return events if status == 200 else [{"msg": "join_refused", "status": status}]


@pytest.fixture
def gradio_cache(tmp_path, monkeypatch):
    cache = tmp_path / "gradio-cache"
    cache.mkdir()
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(cache))
    return cache


def test_a_crafted_upload_event_cannot_copy_server_files_into_the_cache(tmp_path, embedder, gradio_cache):
    from assistant.interfaces.web.api import create_app

    secret = tmp_path / "outside" / "server-secret.md"
    secret.parent.mkdir()
    secret.write_text("NEARSHORE_ADMIN_TOKEN=not-for-visitors", encoding="utf-8")
    from assistant.evaluation.redteam.common import workspace_login

    components = make_components(tmp_path / "app", embedder, admin_token="correct-token",
                                 consultant_token="consultant-token")
    with LiveServer(create_app(components)) as server:
        signed_in = workspace_login(server.url, "consultant-token")
        for face, headers in (("", {}), ("consultant/", signed_in)):  # the public page, then the workspace
            config = _config(server, face, headers)
            elem_ids = {c.get("props", {}).get("elem_id") for c in config["components"]}
            assert "admin-files" not in elem_ids  # the upload controls are built only after the token is verified
            for fn, dep in enumerate(config["dependencies"]):  # every event, each input a FileData of a server file
                if not dep.get("inputs"):
                    continue
                for target in (secret, Path("/etc/hostname")):
                    payload = {"path": str(target), "orig_name": target.name, "meta": {"_type": "gradio.FileData"}}
                    _join_and_wait(server, dep.get("id", fn), [[payload]] * len(dep["inputs"]),
                                   session=f"attack{face[:1]}{fn}{target.name}", face=face, headers=headers)
        copied = [p for p in gradio_cache.rglob("*") if p.is_file()]  # while serving: Gradio empties it on exit
    assert not [p for p in copied if p.name in {"server-secret.md", "hostname"}], copied
    assert not [p for p in copied if b"not-for-visitors" in p.read_bytes()]


def test_the_ui_calls_share_the_api_rate_limit_and_forwarded_addresses_do_not_reset_it(tmp_path, embedder):
    import httpx

    from assistant.interfaces.web.api import create_app

    components = with_settings(make_components(tmp_path / "app", embedder), rate_limit_per_minute=3)
    with LiveServer(create_app(components)) as server:
        fn = _dependency_with_inputs(_config(server), "question")
        statuses = []
        for i in range(4):
            r = httpx.post(server.url + "gradio_api/queue/join", timeout=30,
                           headers={"X-Forwarded-For": f"203.0.113.{i}"},
                           json={"data": ["What is IMMEX?", []], "fn_index": fn, "session_hash": f"s{i}"})
            statuses.append(r.status_code)
        api = httpx.post(server.url + "api/ask", json={"question": "What is IMMEX?"}, timeout=30)
    assert 429 not in statuses[:3] and statuses[3] == 429, statuses
    assert api.status_code == 429 and int(api.headers["Retry-After"]) >= 1


def test_wrong_admin_tokens_back_off_per_client_and_the_right_one_must_wait_too(tmp_path, embedder):
    from assistant.evaluation.redteam.common import workspace_login
    from assistant.interfaces.web.api import create_app

    components = make_components(tmp_path / "app", embedder, admin_token="correct-token",
                                 consultant_token="consultant-token")
    with LiveServer(create_app(components)) as server:
        signed_in = workspace_login(server.url, "consultant-token")  # the Admin tab is in the workspace
        config = _config(server, "consultant/", signed_in)
        by_id = {c["id"]: c.get("props", {}).get("elem_id") for c in config["components"]}
        unlock = next(d.get("id", i) for i, d in enumerate(config["dependencies"])
                      if [by_id.get(x) for x in d.get("inputs", [])] == ["admin-token"])

        def attempt(token: str, n: int) -> str:
            events = _join_and_wait(server, unlock, [token], session=f"unlock{n}", face="consultant/",
                                    headers=signed_in)
            return events[-1]["output"]["data"][0]

        replies = [attempt("guess", n) for n in range(4)]
        locked_out = attempt("correct-token", 99)
    assert replies[:3] == ["⚠️ Wrong token."] * 3
    assert "Too many wrong tokens" in replies[3]
    assert "Too many wrong tokens" in locked_out  # no oracle: even the right token waits out the back-off


def test_backoff_doubles_after_the_free_attempts_and_a_success_clears_it():
    from assistant.interfaces.web.limits import BackoffGuard

    now = [0.0]
    guard = BackoffGuard(free=3, base=2.0, cap=60, clock=lambda: now[0])
    for _ in range(3):
        assert guard.wait("a") == 0
        guard.failed("a")
    assert guard.wait("a") == 2 and guard.wait("b") == 0
    now[0] += 2
    guard.failed("a")
    assert guard.wait("a") == 4
    for _ in range(10):
        now[0] += 100
        guard.failed("a")
    assert guard.wait("a") == 60  # capped
    guard.succeeded("a")
    assert guard.wait("a") == 0


def test_the_rate_limiter_table_is_bounded_however_many_addresses_arrive():
    from assistant.interfaces.web.limits import RateLimiter

    limiter = RateLimiter(per_minute=5, clock=lambda: 0.0, max_clients=100)
    for i in range(5000):
        limiter.check(f"198.51.100.{i}")
    assert len(limiter) == 100
    for _ in range(5):
        assert limiter.check("victim") == 0
    assert limiter.check("victim") > 0  # the most recent client keeps its state


# ------------------------------------------------------------------ 4. a decompression-bomb PDF
def test_ingest_and_corpus_check_skip_a_decompression_bomb_and_index_the_rest(fixture_corpus, use_session_embedder):
    from typer.testing import CliRunner

    from assistant.interfaces.cli.main import app
    from tests.pdfmaker import make_bomb_pdf

    make_bomb_pdf(fixture_corpus / "bomb.pdf")
    runner = CliRunner()
    ingested = runner.invoke(app, ["ingest", "-q"], catch_exceptions=False)
    assert ingested.exit_code == 0, ingested.output
    assert "bomb.pdf: PDF refused" in ingested.stderr and "decompression bomb" in ingested.stderr
    assert "4 added" in ingested.stdout  # every document of the fixture corpus, the bomb skipped
    checked = runner.invoke(app, ["corpus", "check", str(fixture_corpus)], catch_exceptions=False)
    assert "bomb.pdf: PDF refused" in checked.stdout and checked.stdout.strip().splitlines()[-1].startswith("4 documents")
    assert checked.exit_code == 1  # the lint's contract: any error exits 1, after reporting everything


def test_an_admin_upload_of_a_bomb_is_refused_with_the_clear_message(tmp_path):
    from assistant.interfaces.web.admin import UploadError, stage_uploads
    from tests.pdfmaker import make_bomb_pdf

    bomb = make_bomb_pdf(tmp_path / "report.pdf")
    with pytest.raises(UploadError, match="decompression bomb"):
        stage_uploads([bomb], max_mb=20)


# ------------------------------------------------------------------ 9. JSON errors for everything under /api
def test_a_calculator_result_that_overflows_is_a_422_naming_the_input(components):
    from fastapi.testclient import TestClient

    from assistant.interfaces.web.api import create_app

    args = {"daily_wage_mxn": "minimum", "state": "Chihuahua", "weekly_hours": 1e-320}
    with TestClient(create_app(components)) as client:
        r = client.post("/api/tools/mexico_labor_cost", json=args)
    assert r.status_code == 422 and r.headers["content-type"] == "application/json"
    assert "weekly_hours" in r.json()["error"] and "infinite" in r.json()["error"]


@pytest.mark.parametrize(("method", "path", "status", "allow"), [
    ("GET", "/api/ask", 405, "POST"), ("DELETE", "/api/feedback", 405, "POST"), ("PUT", "/api/tools/usmca_rvc", 405, "POST"),
    ("POST", "/api/health", 405, "GET"), ("GET", "/api/nope", 404, None), ("POST", "/api/tools/usmca_rvc/x", 404, None),
])
def test_wrong_methods_and_unknown_api_paths_answer_in_the_api_format(components, method, path, status, allow):
    from fastapi.testclient import TestClient

    from assistant.interfaces.web.api import create_app

    with TestClient(create_app(components)) as client:
        r = client.request(method, path)
    assert r.status_code == status and r.headers["content-type"] == "application/json"
    assert set(r.json()) == {"error"} and path in r.json()["error"]
    if allow:
        assert allow in r.headers["allow"]


def test_http_methods_no_route_knows_reach_the_api_and_answer_405_in_json(components):
    """Over a real socket: the HTTP parser must not answer PROPFIND or a made-up verb with its own text/plain 400."""
    import http.client

    from assistant.interfaces.web.api import create_app

    with LiveServer(create_app(components)) as server:
        host, port = server.url.split("//")[1].rstrip("/").split(":")
        for method in ("PROPFIND", "TRACE", "FOO"):
            conn = http.client.HTTPConnection(host, int(port), timeout=10)
            conn.request(method, "/api/ask")
            r = conn.getresponse()
            body = json.loads(r.read())
            conn.close()
            assert r.status == 405 and r.getheader("content-type") == "application/json", method
            assert set(body) == {"error"} and method in body["error"]


def test_a_failing_feedback_store_is_a_json_503_not_a_text_500(components, tmp_path):
    from fastapi.testclient import TestClient

    from assistant.interfaces.web.api import create_app

    broken = with_settings(components, feedback_db=tmp_path)  # a folder: SQLite cannot open it
    with TestClient(create_app(broken), raise_server_exceptions=False) as client:
        r = client.post("/api/feedback", json={"question": "q", "answer": "a", "rating": "up"})
    assert r.status_code == 503 and r.headers["content-type"] == "application/json"
    assert "feedback store is unavailable" in r.json()["error"] and str(tmp_path) not in r.text


def test_a_missing_index_is_a_json_503_without_the_index_path(tmp_path, embedder):
    from fastapi.testclient import TestClient

    from assistant.interfaces.web.api import create_app

    components = make_components(tmp_path / "app", embedder, ingest=False)
    with TestClient(create_app(components)) as client:
        r = client.post("/api/ask", json={"question": "What is IMMEX?"})
    assert r.status_code == 503 and "nearshore ingest" in r.json()["error"]
    assert str(components.settings.index_dir) not in r.text


# ------------------------------------------------------------------ 7 and 10. files, uploads, CSV, messages
def test_many_calculator_csvs_leave_a_bounded_number_of_files(tmp_path, embedder, gradio_cache, monkeypatch):
    from assistant.interfaces.web.api import create_app

    import time

    # a calculation writes four files (its CSV and its receipt as JSON, PDF and Word): room for two calculations
    monkeypatch.setattr("assistant.interfaces.web.files.GeneratedFiles.__init__.__defaults__", (8, 900.0, time.time))
    components = make_components(tmp_path / "app", embedder)
    with LiveServer(create_app(components)) as server:
        config = _config(server)
        calc = next(d.get("id", i) for i, d in enumerate(config["dependencies"]) if d.get("api_name") == "calc_usmca_rvc")
        dep = next(d for i, d in enumerate(config["dependencies"]) if d.get("id", i) == calc)
        values = {c["id"]: c.get("props", {}).get("value") for c in config["components"]}
        form = [values[i] for i in dep["inputs"]]  # the form's example values
        outputs = []
        for n in range(8):
            events = _join_and_wait(server, calc, form, session=f"csv{n}")
            outputs.append(events[-1])
        files = [p for p in gradio_cache.rglob("*.csv")]
        kept = [p for p in gradio_cache.rglob("*") if p.is_file()]
    assert all(e["output"]["data"][-1] for e in outputs), outputs[-1]  # each call made a CSV
    assert all(len(e["output"]["data"][-2]) == 3 for e in outputs), outputs[-1]  # and a receipt in three formats
    assert 1 <= len(files) <= 2, files
    assert len(kept) <= 8, kept


def test_uploads_are_taken_only_by_a_signed_in_workspace_with_an_admin_and_bounded_per_client(
        tmp_path, embedder, gradio_cache):
    import httpx

    from assistant.evaluation.redteam.common import workspace_login
    from assistant.interfaces.web.api import create_app

    components = make_components(tmp_path / "app", embedder)
    with LiveServer(create_app(components)) as server:
        r = httpx.post(server.url + "gradio_api/upload", files={"files": ("a.md", b"x" * 100)}, timeout=30)
    assert r.status_code == 403 and r.json() == {"error": "this site accepts no uploads"}

    admin = make_components(tmp_path / "admin", embedder, admin_token="t0ken", consultant_token="c0nsultant")
    with LiveServer(create_app(admin)) as server:
        public = httpx.post(server.url + "gradio_api/upload", files={"files": ("a.md", b"x")}, timeout=30)
        signed_out = httpx.post(server.url + "consultant/gradio_api/upload", files={"files": ("a.md", b"x")},
                                timeout=30)
        signed_in = workspace_login(server.url, "c0nsultant")
        statuses = []
        for n in range(4):
            files = [("files", (f"f{n}-{i}.md", b"y" * 10)) for i in range(10)]
            statuses.append(httpx.post(server.url + "consultant/gradio_api/upload", files=files, headers=signed_in,
                                       timeout=30).status_code)
        kept = [p for p in gradio_cache.rglob("*.md") if p.is_file()]
    assert public.status_code == 403  # the public page never takes a file, whatever tokens are set
    assert signed_out.status_code == 401 and "sign in" in signed_out.json()["error"]
    assert statuses == [200, 200, 200, 429]
    assert len(kept) == 30  # the quota: 30 files per client per hour; the 10 past it were deleted again


def test_csv_cells_that_a_spreadsheet_could_run_are_neutralized():
    from assistant.text import spreadsheet_safe

    attacks = ["=1+1", "\n=cmd", "\r=cmd", "\t=cmd", " =cmd", "\u200b=cmd", "\u200d@SUM(A1)", "\ufeff+1",
               "＝HYPERLINK(\"x\")", "＋1", "－1", "＠x", "  \u200b ＝1", "-2+3"]
    assert all(spreadsheet_safe(a).startswith("'") for a in attacks)
    assert [spreadsheet_safe(v) for v in ["IMMEX", "a=b", 3.5, -2.0, None, ""]] == ["IMMEX", "a=b", 3.5, -2.0, None, ""]


def test_index_messages_in_the_chat_do_not_show_the_index_path(tmp_path, embedder):
    from assistant.interfaces.web.api import create_app

    components = make_components(tmp_path / "app", embedder, ingest=False)
    with LiveServer(create_app(components)) as server:
        fn = _dependency_with_inputs(_config(server), "question")
        events = _join_and_wait(server, fn, ["What is IMMEX?", []], session="noindex")
    shown = json.dumps(events)
    assert "nearshore ingest" in shown and str(components.settings.index_dir) not in shown
