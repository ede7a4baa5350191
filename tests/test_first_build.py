"""The first index build while the server listens: `nearshore serve` on an empty index answers at once with a
"building the knowledge base… N of M documents" page and a 503 `/api/health` carrying that progress, then serves
the real app; a failed build says so on the page and in health.

The server test runs `nearshore serve` as a subprocess over a real corpus (the fixture corpus plus some shipped
guides, so the build lasts a while: loading the model and embedding) and polls it; nothing is timed.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import FIXTURES, ROOT
from tests.web_support import free_port

QUESTION = "How long can raw materials stay in Mexico under IMMEX?"
GUIDES = 6  # shipped guides added to the fixture corpus: a build long enough to be seen


def test_the_build_reports_documents_whose_vectors_are_all_stored(fixture_corpus, make_store):
    seen: list[tuple[str, int, int]] = []

    def report(stage: str, done: int, total: int) -> None:
        seen.append((stage, done, total))

    report.per_document = True
    store = make_store()
    built = store.ingest(fixture_corpus, on_progress=report)
    documents = [(done, total) for stage, done, total in seen if stage == "documents"]
    total = len(store.current_manifest().documents)
    assert documents[0] == (0, total) and documents[-1] == (total, total)
    assert [d for d, _ in documents] == sorted(d for d, _ in documents)  # only ever forward
    assert {stage for stage, _, _ in seen} >= {"documents", "embed"} and built.chunks_embedded > 0

    plain: list[str] = []  # a callback that did not ask (the Admin tab's bar) gets the chunk stages only
    (fixture_corpus / "immex-basics.md").write_text(
        (fixture_corpus / "immex-basics.md").read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    store.ingest(fixture_corpus, on_progress=lambda stage, done, total: plain.append(stage))
    assert plain and "documents" not in plain


def test_a_failed_first_build_says_so_on_the_page_and_in_health(fixture_corpus, make_store, tmp_path, caplog):
    from fastapi.testclient import TestClient

    from assistant.interfaces.web.first_build import FirstBuild
    from assistant.interfaces.web.startup import DeferredApp

    index_dir = tmp_path / "index"
    index_dir.mkdir()
    store = make_store(index_dir)
    lock = open(index_dir / ".ingest.lock", "w")  # another ingest holds the index: this build cannot run
    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    try:
        first = FirstBuild(store, fixture_corpus, echo=lambda _: None)
        app = DeferredApp(build=lambda: pytest.fail("the app must not be built"), health=lambda: None,
                          first_build=first)
        with TestClient(app) as client:
            assert first.finished.wait(120)
            health, page, api = client.get("/api/health"), client.get("/"), client.post("/api/ask", json={})
    finally:
        lock.close()
    assert health.status_code == 503 and health.json()["status"] == "error"
    assert "being updated" in health.json()["message"]
    assert "another ingest is running on" in caplog.text  # the log has the whole message
    assert page.status_code == 503 and "could not be built" in page.text and "http-equiv" not in page.text
    assert api.status_code == 503 and "could not be built" in api.json()["error"]

    first.error = 'A <b>bold</b> "claim"'  # whatever the message, the page shows it as text
    assert "A &lt;b&gt;bold&lt;/b&gt; &quot;claim&quot;" in first.page() and "<b>" not in first.page()


def make_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    shutil.copytree(FIXTURES / "corpus", corpus)
    fixture_ids = {p.stem for p in corpus.glob("*.md")}
    guides = [p for p in sorted((ROOT / "corpus").glob("*/*.md")) if p.stem not in fixture_ids][:GUIDES]
    for path in guides:
        shutil.copy(path, corpus / path.name)
    return corpus


def test_serve_listens_while_the_first_index_is_built_then_answers(tmp_path):
    corpus = make_corpus(tmp_path)
    index_dir = tmp_path / "index"  # empty: the server builds it
    port = free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False", "GRADIO_ANALYTICS_ENABLED": "False",
           "NEARSHORE_INDEX_DIR": str(index_dir), "NEARSHORE_CORPUS_DIR": str(corpus),
           "NEARSHORE_FEEDBACK_DB": str(tmp_path / "feedback.sqlite3"), "NEARSHORE_RATE_LIMIT_PER_MINUTE": "100000"}
    nearshore = Path(sys.executable).with_name("nearshore")
    log = open(tmp_path / "server.log", "w+")
    server = subprocess.Popen([str(nearshore), "serve", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    building: list[dict] = []
    pages: list[httpx.Response] = []
    apis: list[httpx.Response] = []
    try:
        deadline = time.monotonic() + 600  # a give-up, not a measurement
        while True:
            assert server.poll() is None, f"the server exited: {_tail(log)}"
            assert time.monotonic() < deadline, f"no ready health answer within 600 s: {_tail(log)}"
            try:
                health = httpx.get(url + "/api/health", timeout=30)
            except httpx.TransportError:
                assert not building, "the server stopped listening during the build"
                time.sleep(0.05)
                continue
            if health.status_code == 200:
                break
            if health.json().get("status") == "building":
                building.append(health.json())
                pages.append(httpx.get(url + "/", timeout=30))
                apis.append(httpx.post(url + "/api/ask", json={"question": QUESTION}, timeout=30))
            time.sleep(0.05)
        assert building, f"the server was never seen building: {_tail(log)}"
        assert all(b["documents_total"] > 0 and 0 <= b["documents_done"] <= b["documents_total"] for b in building)
        done = [b["documents_done"] for b in building]
        assert done == sorted(done)
        waiting = [p for p in pages if p.status_code == 503]
        assert waiting, [p.status_code for p in pages]
        page = waiting[0]
        assert page.headers["content-type"].startswith("text/html") and page.headers["retry-after"]
        assert "Building the knowledge base" in page.text and " documents" in page.text
        assert 'http-equiv="refresh"' in page.text
        assert not [x for x in ("<script", "src=", "href=", "url(") if x in page.text]  # nothing to fetch
        refused = [a for a in apis if a.status_code == 503]
        assert refused and refused[0].headers["retry-after"] and "building the knowledge base" in refused[0].json()["error"]

        answer = httpx.post(url + "/api/ask", json={"question": QUESTION}, timeout=300)
        assert answer.status_code == 200 and answer.json()["citations"], answer.text
        assert "18 months" in answer.json()["answer"]
        assert httpx.get(url + "/", timeout=60).status_code == 200  # the real UI now
        assert (index_dir / "CURRENT").exists()
    finally:
        server.send_signal(signal.SIGINT)
        try:
            code = server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            raise
    # a clean stop; uvicorn re-raises Ctrl-C once it has shut down, so a single process may exit with 130
    assert code in (0, 130) and "Application shutdown complete" in _tail(log), _tail(log)


def _tail(log) -> str:
    log.flush()
    log.seek(0)
    return log.read()[-3000:]
