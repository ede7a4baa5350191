"""`nearshore serve --workers 2` for real: two worker processes, one read-only index, answers over HTTP, a clean stop.

The server runs as a subprocess on a free 127.0.0.1 port over a small real index built in a temp dir; worker
processes are found in /proc (children of the server whose command line is a multiprocessing spawn).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.web_support import free_port

QUESTIONS = [
    "How long can raw materials stay in Mexico under IMMEX?",
    "What fee is charged on formal entries?",
    "What is the minimum wage in Mexico?",
    "How long can machinery stay in Mexico under IMMEX?",
    "¿Cuál es el salario mínimo?",
    "What is the merchandise processing fee?",
]

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc to see the workers")


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid``, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])  # the field after the state, past the command's parentheses
        if ppid == pid:
            found.append(int(entry.name))
    return found


def cmdline(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def rss_mb(pid: int) -> float:
    for line in (Path("/proc") / str(pid) / "status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def workers_of(pid: int) -> list[int]:
    return [c for c in children(pid) if "spawn_main" in cmdline(c)]


def test_two_worker_processes_serve_one_index(tmp_path, fixture_corpus, make_store):
    index_dir = tmp_path / "index"
    report = make_store(index_dir).ingest(fixture_corpus)
    assert report.chunks_total > 0
    port = free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False", "GRADIO_ANALYTICS_ENABLED": "False",
           "NEARSHORE_INDEX_DIR": str(index_dir), "NEARSHORE_CORPUS_DIR": str(fixture_corpus),
           "NEARSHORE_FEEDBACK_DB": str(tmp_path / "feedback.sqlite3"), "NEARSHORE_RATE_LIMIT_PER_MINUTE": "100000"}
    nearshore = Path(sys.executable).with_name("nearshore")
    log = open(tmp_path / "server.log", "w+")
    server = subprocess.Popen([str(nearshore), "serve", "--workers", "2", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 300
        while True:
            assert server.poll() is None, f"the server exited: {_tail(log)}"
            assert time.monotonic() < deadline, f"no health answer within 300 s: {_tail(log)}"
            try:
                if httpx.get(url + "/api/health", timeout=10).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        with ThreadPoolExecutor(len(QUESTIONS)) as clients:  # asked at once, while the workers may still warm up
            answers = list(clients.map(lambda q: httpx.post(url + "/api/ask", json={"question": q}, timeout=300),
                                       QUESTIONS))
        assert [a.status_code for a in answers] == [200] * len(QUESTIONS), [a.text for a in answers]
        assert all(a.json()["citations"] for a in answers), [a.json()["answer"] for a in answers]
        assert "mpf-fee" in {c["doc_id"] for c in answers[1].json()["citations"]}
        workers = workers_of(server.pid)
        assert len(set(workers)) == 2, (children(server.pid), [cmdline(c) for c in children(server.pid)])
        print("worker RSS (MB):", [round(rss_mb(w)) for w in workers])

        # an ingest from another process while serving: every worker moves to the new generation
        (fixture_corpus / "mpf-fee.md").unlink()
        new = make_store(index_dir).ingest(fixture_corpus).generation
        assert new != report.generation
        fee = "What fee is charged on formal entries?"
        with ThreadPoolExecutor(4) as clients:
            after = list(clients.map(lambda _: httpx.post(url + "/api/ask", json={"question": fee}, timeout=300),
                                     range(8)))
        assert [a.status_code for a in after] == [200] * 8
        assert not [c for a in after for c in a.json()["citations"] if c["doc_id"] == "mpf-fee"]
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C: uvicorn stops its workers, then itself
        try:
            code = server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            raise
    assert code == 0, _tail(log)
    assert not [w for w in workers if Path(f"/proc/{w}").exists()]  # the workers stopped with it


def _tail(log) -> str:
    log.flush()
    log.seek(0)
    return log.read()[-3000:]
