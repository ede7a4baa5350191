"""HttpClient mode: the same ingest and answers against a real `chroma run` server on 127.0.0.1."""

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    exe = Path(sys.executable).with_name("chroma")
    if not exe.exists() and not shutil.which("chroma"):
        pytest.skip("the `chroma` server command is not installed (it ships with the chromadb package)")
    port = free_port()
    proc = subprocess.Popen([str(exe if exe.exists() else "chroma"), "run", "--path", str(tmp_path / "server-data"),
                             "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import chromadb
    from chromadb.config import Settings

    deadline = time.time() + 60
    while True:
        try:
            chromadb.HttpClient(host="127.0.0.1", port=port, settings=Settings(anonymized_telemetry=False)).heartbeat()
            break
        except Exception:  # noqa: BLE001 - not up yet
            if time.time() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("chroma server did not start on 127.0.0.1")
            time.sleep(0.3)
    yield port
    proc.terminate()
    proc.wait(timeout=20)


def test_ingest_and_answer_through_a_chroma_server(chroma_server, fixture_corpus, make_store, embedder, tmp_path):
    from assistant.answer.pipeline import Assistant
    from assistant.answer.retrieval import HybridSearcher

    store = make_store(index_dir=tmp_path / "local-side", host="127.0.0.1", port=chroma_server)
    report = store.ingest(fixture_corpus)
    assert report.chunks_total > 0
    assert not (tmp_path / "local-side" / "chroma").exists()  # vectors live on the server
    names = [c.name if hasattr(c, "name") else c for c in store.client.list_collections()]
    assert names == [store.current_manifest().collection]
    assert store.ingest(fixture_corpus).noop

    result = Assistant(HybridSearcher(store, embedder), None, min_support=0.3, use_tools=False, embedder=embedder).ask(
        "What is the northern border minimum wage in 2026?")
    assert "440.87" in result.answer and result.citations[0].doc_id == "minimum-wage"
