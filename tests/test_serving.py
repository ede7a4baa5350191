"""Serving under load: health never waits behind answers, answers share one bounded pool, the server listens
before the app is built, and the web UI's queue runs as many events at once as the pool has workers.

Real app, real index of the fixture corpus, real model, a real socket (uvicorn in a thread). Slow answers are
made slow by holding them at a gate in front of the real assistant, so every check is about order, not time.
"""

from __future__ import annotations

import json
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import httpx
import pytest

from tests.web_support import LiveServer, free_port, make_components, with_settings

QUESTION = "How long can raw materials stay in Mexico under IMMEX?"
POOL = 2


class GatedAssistant:
    """The real assistant behind a gate: each ask waits until the test opens it; counts who is inside."""

    def __init__(self, inner):
        self.inner = inner
        self.gate = threading.Event()
        self._lock = threading.Lock()
        self.inside = 0
        self.most_inside = 0
        self.entered = 0

    def ask(self, *args, **kwargs):
        with self._lock:
            self.entered += 1
            self.inside += 1
            self.most_inside = max(self.most_inside, self.inside)
        try:
            self.gate.wait()
            return self.inner.ask(*args, **kwargs)
        finally:
            with self._lock:
                self.inside -= 1

    def __getattr__(self, name):
        return getattr(self.inner, name)


def chat_event(config: dict) -> int:
    """The UI event that takes the chat's question box as input."""
    by_id = {c["id"]: c.get("props", {}).get("elem_id") for c in config["components"]}
    for index, dep in enumerate(config["dependencies"]):
        if "question" in {by_id.get(i) for i in dep.get("inputs", [])}:
            return dep.get("id", index)
    raise AssertionError("no UI event takes the question as input")


def wait_for(condition, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.02)


@pytest.fixture(scope="module")
def components(tmp_path_factory, embedder):
    return make_components(tmp_path_factory.mktemp("serving"), embedder, answer_workers=POOL)


def test_health_answers_while_the_answer_pool_is_full_and_requests_queue(components):
    from assistant.interfaces.web.api import create_app

    gated = GatedAssistant(components.assistant)
    app = create_app(replace(components, assistant=gated))
    asks = 3 * POOL
    with LiveServer(app) as server, ThreadPoolExecutor(asks) as clients:
        pending = [clients.submit(httpx.post, server.url + "api/ask", json={"question": QUESTION}, timeout=300)
                   for _ in range(asks)]
        wait_for(lambda: gated.entered == POOL, "the pool to fill")
        health = httpx.get(server.url + "api/health", timeout=30)
        tools = httpx.get(server.url + "api/tools", timeout=30)
        assert health.status_code == 200 and health.json()["status"] == "ok"
        assert tools.status_code == 200
        assert not any(p.done() for p in pending)  # health answered while every ask was still waiting
        assert gated.entered == POOL  # the others queue without a worker
        gated.gate.set()
        answers = [p.result() for p in pending]
    assert [a.status_code for a in answers] == [200] * asks
    assert all(a.json()["citations"] for a in answers)
    assert gated.most_inside == POOL


def test_errors_from_the_pool_still_become_json(components):
    from fastapi.testclient import TestClient

    from assistant.interfaces.web.api import create_app

    class Broken:
        def ask(self, *args, **kwargs):
            raise RuntimeError("a bug with a secret path /srv/secret")

    with TestClient(create_app(replace(components, assistant=Broken())), raise_server_exceptions=False) as client:
        r = client.post("/api/ask", json={"question": QUESTION})
        bad = client.post("/api/tools/usmca_rvc", json={"vnm": "lots"})
        unknown = client.post("/api/tools/nope", json={})
    assert r.status_code == 500 and r.headers["content-type"] == "application/json"
    assert set(r.json()) == {"error"} and "/srv/secret" not in r.text
    assert bad.status_code == 422 and "vnm" in bad.json()["error"]
    assert unknown.status_code == 404 and "usmca_rvc" in unknown.json()["error"]


def test_the_server_listens_and_answers_health_before_the_app_is_built(components):
    import uvicorn

    from assistant.evaluation.redteam.common import join_and_wait, output_data
    from assistant.interfaces.web.api import create_app
    from assistant.interfaces.web.health import HealthProbe
    from assistant.interfaces.web.server import uvicorn_config
    from assistant.interfaces.web.startup import DeferredApp
    from assistant.interfaces.web.warmup import Warmup

    built = threading.Event()
    warmup = Warmup(components)
    probe = HealthProbe(components.store, warmup, llm=False)

    def slow_build():  # as server.deferred_app builds it, once the test lets it
        built.wait()
        return create_app(components, warmup=warmup)

    app = DeferredApp(build=slow_build, health=lambda: probe.response(starting=True))
    port = free_port()
    server = uvicorn.Server(uvicorn_config(app, components.settings, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: server.started, "the server to listen")
        early = httpx.get(url + "api/health", timeout=30)
        assert early.status_code == 200
        assert early.json()["status"] == "ok" and early.json()["warming"] is True
        with ThreadPoolExecutor(1) as client:
            asked = client.submit(httpx.post, url + "api/ask", json={"question": QUESTION}, timeout=300)
            assert not asked.done()
            built.set()
            answer = asked.result()
        assert answer.status_code == 200 and answer.json()["citations"]
        assert app.app is not None
        wait_for(lambda: httpx.get(url + "api/health", timeout=30).json()["warming"] is False, "the warm-up")
        assert httpx.get(url, timeout=30).status_code == 200  # the UI, mounted by the real app
        status, events = join_and_wait(url, chat_event(httpx.get(url + "config", timeout=30).json()),
                                       ["What is IMMEX?", []], "deferred", timeout=120)
        assert status == 200 and events[-1]["msg"] == "process_completed" and events[-1]["success"], events[-1:]
        assert "IMMEX" in json.dumps(output_data(events))  # the UI's queue runs: Gradio's startup events ran
    finally:
        built.set()
        server.should_exit = True
        thread.join(timeout=30)


def test_a_failed_build_answers_json_503(components):
    from fastapi.testclient import TestClient

    from assistant.interfaces.web.startup import DeferredApp

    def broken():
        raise RuntimeError("cannot build")

    app = DeferredApp(build=broken, health=lambda: None)
    with TestClient(app) as client:
        wait_for(lambda: app.failed is not None, "the build to fail")
        health = client.get("/api/health")
        page = client.get("/")
    assert health.status_code == 503 and page.status_code == 503
    assert "could not start" in health.json()["error"]


def test_health_rereads_the_index_only_when_it_changes(tmp_path, embedder):
    from assistant.interfaces.web.health import IndexState

    components = make_components(tmp_path, embedder)
    now = [0.0]
    state = IndexState(components.store, clock=lambda: now[0])
    first = state.summary()
    assert first["documents"] == 5
    (components.settings.corpus_dir / "immex-basics.md").unlink()
    components.store.ingest(components.settings.corpus_dir)
    assert state.summary() == first  # within the second: the cached value, no disk read
    now[0] += 1.5
    second = state.summary()
    assert second["documents"] == 4 and second["generation"] != first["generation"]


def test_the_answer_pool_size_reaches_the_web_ui_queue(components, monkeypatch):
    import gradio as gr

    from assistant.interfaces.web.ui import build_public_ui, build_workspace_ui

    seen = []
    original = gr.Blocks.queue

    def spy(self, *args, **kwargs):
        seen.append(kwargs.get("default_concurrency_limit"))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(gr.Blocks, "queue", spy)
    build_public_ui(with_settings(components, answer_workers=3))
    assert seen[-1] == 3  # (Gradio itself may call queue() first, without a limit)
    build_workspace_ui(with_settings(components, answer_workers=2))
    assert seen[-1] == 2


def test_the_pool_size_setting_defaults_to_the_cpus_and_refuses_zero(monkeypatch):
    from pydantic import ValidationError

    from assistant.settings import Settings

    assert Settings().answer_workers == (os.cpu_count() or 1)
    monkeypatch.setenv("NEARSHORE_ANSWER_WORKERS", "0")
    with pytest.raises(ValidationError):
        Settings()


def test_workers_get_their_share_of_the_cores_unless_set(components):
    from assistant.index.embeddings import Embedder
    from assistant.interfaces.web.server import share_cores, worker_environment

    settings = with_settings(components, host="0.0.0.0", port=8080, embed_threads=0).settings
    env = worker_environment(settings, workers=4, environ={}, cpus=8)
    assert env["NEARSHORE_ANSWER_WORKERS"] == "2" and env["NEARSHORE_EMBED_THREADS"] == "1"
    assert env["NEARSHORE_HOST"] == "0.0.0.0" and env["NEARSHORE_PORT"] == "8080"
    env = worker_environment(settings, workers=2, environ={"NEARSHORE_ANSWER_WORKERS": "1"}, cpus=8)
    assert env["NEARSHORE_ANSWER_WORKERS"] == "1" and env["NEARSHORE_EMBED_THREADS"] == "4"
    explicit = with_settings(components, embed_threads=3).settings
    assert "NEARSHORE_EMBED_THREADS" not in worker_environment(explicit, workers=2, environ={}, cpus=8)

    fresh = Embedder()  # not loaded: the server decides its torch threads before the warm-up loads it
    share_cores(replace(with_settings(components, embed_threads=0, answer_workers=1), embedder=fresh))
    assert fresh.threads == (os.cpu_count() or 1) and not fresh.loaded
    share_cores(replace(with_settings(components, embed_threads=0, answer_workers=64), embedder=fresh))
    assert fresh.threads == 1
