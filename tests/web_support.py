"""Helpers for the web tests: real components over a real index of the fixture corpus, and a live server.

The corpus is tests/fixtures/corpus plus one document full of markup and script, so every test can check
that nothing from a document is ever rendered unescaped.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

ESCAPING_DOC_ID = "web-escaping-check"
ESCAPING_QUESTION = "What markup does the escaping check passage contain?"
ESCAPING_DOC = """---
id: web-escaping-check
title: "Escaping check <script>window.__xss_title=1</script> & <b>bold</b>"
doc_type: faq
jurisdiction: other
topics: [testing]
language: en
as_of: 2026-02-01
sources:
  - title: "A source whose link is not http"
    url: "javascript:window.__xss_url=1"
---
# Escaping check

## Markup inside the escaping check passage
The escaping check passage contains markup like <img src=x onerror="window.__xss_img=1"> and <script>window.__xss_script=1</script> in its sentences.
The escaping check passage also contains template syntax ${window.__xss_tpl=1} and {{value}} and a [link](javascript:window.__xss_link=1) in its text.
"""
XSS_FLAGS = ["__xss_title", "__xss_url", "__xss_img", "__xss_script", "__xss_tpl", "__xss_link", "__xss_q"]


def make_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    shutil.copytree(FIXTURES / "corpus", corpus)
    (corpus / f"{ESCAPING_DOC_ID}.md").write_text(ESCAPING_DOC, encoding="utf-8")
    return corpus


def make_components(root: Path, embedder, ingest: bool = True, **overrides):
    """The real composition root (``assistant.app.build``) over a temp corpus and index, with the loaded model."""
    from assistant.app import build
    from assistant.settings import Settings

    corpus = make_corpus(root)
    settings = Settings(corpus_dir=corpus, index_dir=root / "index", feedback_db=root / "feedback.sqlite3",
                        rate_limit_per_minute=10_000, **overrides)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("assistant.app.build_embedder", lambda s: embedder)
        components = build(settings)
    if ingest:
        components.store.ingest(corpus)
    return components


def with_settings(components, **changes):
    """The same components (same index and model) under different settings."""
    return replace(components, settings=components.settings.model_copy(update=changes))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """The app served by uvicorn on a free 127.0.0.1 port, in a thread of this process."""

    def __init__(self, app):
        import uvicorn

        from assistant.interfaces.web.server import uvicorn_config

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        config = uvicorn_config(app, app.state.components.settings, host="127.0.0.1", port=self.port,
                                log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the test server did not start on port {self.port}")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)
