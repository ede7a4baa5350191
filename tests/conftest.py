"""Shared fixtures: isolated settings, the real embedding model (loaded once), real indexes in temp dirs."""

from __future__ import annotations

import shutil
from functools import partial
from pathlib import Path

import pytest

from assistant.settings import configure_runtime, get_settings

configure_runtime()  # offline, no telemetry: what every entry point does first

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
SHARED = ROOT.parent / "shared"
QA_DIR = Path(__file__).parent / "qa"


def require_shared(sub: str = "") -> Path:
    """The official texts beside the project; tests that need them skip with a clear message without them."""
    path = SHARED / sub
    if not path.exists():
        pytest.skip(f"{path} is absent: these tests run only where ../shared (the official source texts) sits beside the project")
    return path


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """Every test gets its own index, corpus and feedback paths; no real model or server is configured."""
    for var in ("NEARSHORE_LLM", "NEARSHORE_CHROMA_HOST", "NEARSHORE_ADMIN_TOKEN", "NEARSHORE_CONSULTANT_TOKEN",
                "NEARSHORE_EMBEDDING_MODEL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NEARSHORE_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("NEARSHORE_CORPUS_DIR", str(tmp_path / "corpus"))
    monkeypatch.setenv("NEARSHORE_FEEDBACK_DB", str(tmp_path / "feedback.sqlite3"))
    monkeypatch.setenv("NEARSHORE_REVIEW_DIR", str(tmp_path / "review"))
    # The tariff schedule is read-only reference data: every test reads the shipped chapters.
    monkeypatch.setenv("NEARSHORE_HTS_DIR", str(ROOT / "corpus" / "official" / "hts"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def embedder():
    from assistant.index.embeddings import Embedder

    model = Embedder()
    model.model  # load once for the whole session
    return model


@pytest.fixture
def use_session_embedder(monkeypatch, embedder):
    """Make `assistant.app.build` reuse the already-loaded model (CLI and app tests)."""
    monkeypatch.setattr("assistant.app.build_embedder", lambda settings: embedder)
    return embedder


@pytest.fixture
def fixture_corpus(tmp_path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "corpus", target, dirs_exist_ok=True)
    return target


@pytest.fixture
def make_store(tmp_path, embedder):
    from assistant.index.store import IndexStore
    from assistant.index.vectors import make_client

    def _make(index_dir: Path | None = None, host: str | None = None, port: int = 8000, model=None):
        index_dir = index_dir or tmp_path / "index"
        return IndexStore(index_dir, partial(make_client, index_dir, host, port), model or embedder)

    return _make


@pytest.fixture
def fixture_assistant(fixture_corpus, make_store, embedder):
    """An assistant over the small fixture corpus, with the real model and a real Chroma store."""
    from assistant.answer.pipeline import Assistant
    from assistant.answer.retrieval import HybridSearcher

    store = make_store()
    store.ingest(fixture_corpus)
    from assistant.evaluation.qa import QA_SET_DATE

    # a fixed clock: the figures tests expect (this year's rates) hold whatever day the suite runs on
    return Assistant(HybridSearcher(store, embedder), None, k=4, min_support=get_settings().min_support,
                     embedder=embedder, today=lambda: QA_SET_DATE)


@pytest.fixture(scope="session")
def corpus_components(tmp_path_factory, embedder):
    """The real composition root over the shipped corpus/, indexed once per test session (about a minute)."""
    from assistant.app import build
    from assistant.settings import Settings

    settings = Settings(index_dir=tmp_path_factory.mktemp("corpus-index") / "index", corpus_dir=ROOT / "corpus",
                        feedback_db=tmp_path_factory.mktemp("corpus-feedback") / "feedback.sqlite3", llm=None,
                        chroma_host=None, rate_limit_per_minute=10_000)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("assistant.app.build_embedder", lambda s: embedder)
        components = build(settings)
    report = components.store.ingest(settings.corpus_dir)
    assert report.chunks_total > 0, report.problems
    return components


@pytest.fixture(scope="module")
def corpus_api(corpus_components):
    """The website's HTTP API over the shipped corpus (the session's index), for tests that ask as a visitor."""
    from fastapi.testclient import TestClient

    from assistant.interfaces.web.api import create_app

    with TestClient(create_app(corpus_components)) as client:
        yield client


def ask_api(client, question: str, history: list[dict] | None = None) -> dict:
    """POST /api/ask and return the JSON body (the request must succeed)."""
    r = client.post("/api/ask", json={"question": question, "history": history or []})
    assert r.status_code == 200, r.text
    return r.json()

