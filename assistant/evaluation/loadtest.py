"""``python -m assistant.evaluation.loadtest`` (``make loadtest``): how the served app holds up under concurrent clients.

It starts ``nearshore serve`` in a subprocess on 127.0.0.1 and a free port (never another interface) over an index
(``NEARSHORE_INDEX_DIR``; built first with ``nearshore ingest`` when there is none), with the per-client rate limit
lifted (every client here is 127.0.0.1), no LLM, and its feedback database and Gradio cache in a temp folder. After
``/api/health`` answers 200 and a warm-up question, each phase runs N concurrent clients (default 1, 20, 50), each
POSTing ``/api/ask`` with non-calculator ``tests/qa`` questions from its own offset, so concurrent requests differ.
Beside each phase a thread GETs ``/api/health`` every 100 ms: a cheap request stalling is a blocked event loop.

Bounds: a phase stops issuing requests at ``--requests-per-phase`` (default min(300, 60 × clients)) or after
``--seconds`` (default 20), whichever comes first; requests in flight then finish, each within ``--timeout``. The
server is always stopped (SIGTERM to its process group, SIGKILL after 15 s), also on Ctrl-C or an error.

Per phase: requests, errors by status, answers/s (200s / wall seconds), latency p50/p95/max of the 200s, the same
for the health poller, and the client's CPU share; then load averages and the server's peak RSS (VmHWM, Linux).
Clients are coroutines on one asyncio loop, one ``httpx.AsyncClient`` each: lighter on 2 cores than 50 threads.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from assistant.evaluation.metrics import percentile
from assistant.evaluation.redteam.workspace import read_manifest

ROOT = Path(__file__).resolve().parents[2]
LOOPBACK = "127.0.0.1"
NO_RATE_LIMIT = 1_000_000
HEALTH_PERIOD_S = 0.1
STOP_GRACE_S = 15.0


class LoadTestError(RuntimeError):
    """The run could not start or go on; the message says what went wrong and how to fix it."""


# ------------------------------------------------------------------ pure parts
@dataclass(frozen=True)
class Outcome:
    """One request: its HTTP status (None when no response came), latency, and the exception's name if any."""

    status: int | None
    ms: float
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == 200


def default_request_bound(clients: int) -> int:
    """60 for one client (enough for a p95), 60 a client up to 300: fast servers stop here, slow ones on time."""
    return min(300, 60 * clients)


def select_questions(items) -> list[dict]:
    """The ``/api/ask`` bodies: non-calculator QA items, each distinct question once (with its earlier turns)."""
    seen, bodies = set(), []
    for item in items:
        if item.category == "calculator" or item.expected_tool:
            continue
        history = [{"role": t.role, "content": t.content} for t in item.history]
        key = (item.question, json.dumps(history))
        if key not in seen:
            seen.add(key)
            bodies.append({"question": item.question, "history": history} if history else {"question": item.question})
    return bodies


def client_questions(questions: list, client: int, clients: int) -> Iterator:
    """What client ``client`` of ``clients`` asks, endlessly: the whole list round and round, from an offset spread
    evenly over the list, so concurrent clients ask different questions (given at least as many questions)."""
    if not questions:
        raise LoadTestError("no questions to ask: tests/qa holds no non-calculator items")
    return itertools.islice(itertools.cycle(questions), client * len(questions) // clients, None)


def summarize_phase(clients: int, outcomes: list[Outcome], wall_s: float, health: list[Outcome],
                    client_cpu_s: float | None = None) -> dict:
    """One phase's figures (JSON-ready). Latency is over the answered (200) requests; errors are counted apart."""
    answered = [o.ms for o in outcomes if o.ok]
    errors = Counter(str(o.status) if o.status is not None else (o.error or "no response") for o in outcomes if not o.ok)
    health_ok = [o.ms for o in health if o.ok]
    spread = lambda xs: [None if v is None else round(v, 1)  # p50, p95, max in ms
                         for v in (percentile(xs, 50), percentile(xs, 95), max(xs) if xs else None)]
    (p50, p95, top), (h50, h95, htop) = spread(answered), spread(health_ok)
    per_s = lambda x: round(x / wall_s, 2) if x is not None and wall_s > 0 else None
    return {
        "clients": clients, "requests": len(outcomes), "answered": len(answered),
        "errors": sum(errors.values()), "errors_by_status": dict(sorted(errors.items())),
        "wall_s": round(wall_s, 2), "answers_per_s": per_s(len(answered)), "p50_ms": p50, "p95_ms": p95, "max_ms": top,
        "health_checks": len(health), "health_errors": len(health) - len(health_ok),
        "health_p50_ms": h50, "health_p95_ms": h95, "health_max_ms": htop,
        "client_cpu_pct": None if client_cpu_s is None else per_s(100 * client_cpu_s),
    }


def _num(value) -> str:
    return "-" if value is None else str(value) if isinstance(value, int) else f"{value:.1f}"


COLUMNS = [("clients", "clients"), ("requests", "requests"), ("errors", "errors"), ("answers/s", "answers_per_s"),
           ("p50 ms", "p50_ms"), ("p95 ms", "p95_ms"), ("max ms", "max_ms"), ("health p50", "health_p50_ms"),
           ("health p95", "health_p95_ms"), ("health max", "health_max_ms"), ("health err", "health_errors")]


def phase_line(p: dict) -> str:
    figures = ", ".join(f"{label} {_num(p[key])}" for label, key in COLUMNS)
    return f"{figures}, {p['wall_s']:.1f} s, client CPU {_num(p['client_cpu_pct'])} %" + (
        f"; errors by status {p['errors_by_status']}" if p["errors"] else "")


def render(figures: dict) -> str:
    """The closing table, load averages and peak RSS."""
    rows = [[h for h, _ in COLUMNS]] + [[_num(p[k]) for _, k in COLUMNS] for p in figures["phases"]]
    widths = [max(len(r[i]) for r in rows) for i in range(len(COLUMNS))]
    lines = ["  ".join(cell.rjust(w) for cell, w in zip(row, widths)) for row in rows]
    load = lambda xs: " ".join(f"{x:.2f}" for x in xs) if xs else "n/a"
    rss, procs = figures.get("server_peak_rss_mb"), figures.get("server_processes") or 0
    lines += [(f"load average (1/5/15 min): before {load(figures['loadavg_before'])}, "
               f"after {load(figures.get('loadavg_after'))}"),
              f"server peak RSS: {'n/a' if rss is None else f'{rss:.0f} MB'}" + (f" over {procs} processes" if procs > 1 else "")]
    return "\n".join(lines + [f"note: {n}" for n in figures["notes"]])


# ------------------------------------------------------------------ the server subprocess
def ensure_index(cmd: list[str], env: dict, index_dir: Path, corpus_dir: Path, say: Callable[[str], None]) -> None:
    """Build the index with ``nearshore ingest`` when it has no served generation (read without loading anything)."""
    if read_manifest(index_dir):
        return
    if not corpus_dir.is_dir():
        raise LoadTestError(f"no index in {index_dir} and no corpus folder {corpus_dir} to build one from: set "
                            "NEARSHORE_CORPUS_DIR (or NEARSHORE_INDEX_DIR to an existing index)")
    say(f"no index in {index_dir}: building it from {corpus_dir} with `nearshore ingest` …")
    done = subprocess.run([*cmd, "ingest"], check=False, env=env, cwd=ROOT)
    if done.returncode != 0 or not read_manifest(index_dir):
        raise LoadTestError(f"`nearshore ingest` failed (exit {done.returncode}), so there is no index to load-test: "
                            "see its messages above, fix the corpus or NEARSHORE_CORPUS_DIR, and run again")


def server_env(index_dir: Path, corpus_dir: Path, work: Path) -> dict:
    """This environment without NEARSHORE_LLM, offline, on loopback, rate limit lifted, side files in ``work``."""
    env = {k: v for k, v in os.environ.items() if k != "NEARSHORE_LLM"}
    env.update({"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
                "GRADIO_ANALYTICS_ENABLED": "False", "NEARSHORE_INDEX_DIR": str(index_dir),
                "NEARSHORE_CORPUS_DIR": str(corpus_dir), "NEARSHORE_RATE_LIMIT_PER_MINUTE": str(NO_RATE_LIMIT),
                "NEARSHORE_HOST": LOOPBACK, "NEARSHORE_FEEDBACK_DB": str(work / "feedback.sqlite3"),
                "GRADIO_TEMP_DIR": str(work / "gradio")})
    return env


def _peak_rss_kb(pid: int) -> list[int]:
    """VmHWM of ``pid`` and of every process below it (uvicorn's workers), in kB; [] where /proc is absent."""
    try:
        peaks = [int(re.search(r"VmHWM:\s+(\d+)", Path(f"/proc/{pid}/status").read_text()).group(1))]
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except (OSError, AttributeError):
        return []
    return peaks + [kb for child in children for kb in _peak_rss_kb(int(child))]


class ServerProcess:
    """``nearshore serve`` on 127.0.0.1:<free port> in its own process group, its output in a log file."""

    def __init__(self, cmd: list[str], env: dict, log_path: Path, workers: int | None = None):
        with socket.socket() as s:
            try:
                s.bind((LOOPBACK, 0))
            except OSError as exc:
                raise LoadTestError(f"cannot bind a port on {LOOPBACK} ({exc}): is the loopback interface up?") from exc
            self.port, self.log_path = s.getsockname()[1], log_path
        args = [*cmd, "serve", "--host", LOOPBACK, "--port", str(self.port)]
        with open(log_path, "wb") as log:
            self.proc = subprocess.Popen(args + (["--workers", str(workers)] if workers else []), cwd=ROOT, env=env,
                                         stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def log_tail(self, chars: int = 2000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:].strip()
        except OSError:
            return ""

    def check_alive(self, when: str) -> None:
        """Raise LoadTestError, with the end of the server's output, if it has exited."""
        if self.proc.poll() is None:
            return
        tail = self.log_tail()
        hint = (f"port {self.port} was taken by another process before the server could bind it: run again"
                if "address already in use" in tail.lower() else "see its output")
        raise LoadTestError(f"the server exited {when} with code {self.proc.returncode} ({hint}); its output ends:\n{tail}")

    def wait_healthy(self, timeout: float) -> dict:
        """Poll /api/health until it answers 200 (its JSON), the process dies, or ``timeout`` passes."""
        import httpx

        began, last = time.monotonic(), "no answer yet"
        with httpx.Client(trust_env=False, timeout=10) as http:
            while time.monotonic() - began < timeout:
                self.check_alive("before answering /api/health")
                try:
                    reply = http.get(self.url + "/api/health")
                    if reply.status_code == 200:
                        return reply.json()
                    last = f"HTTP {reply.status_code}: {reply.text[:200]}"
                except httpx.HTTPError as exc:
                    last = type(exc).__name__
                time.sleep(0.5)
        raise LoadTestError(f"the server did not answer /api/health with 200 within {timeout:.0f} s (last: {last}); "
                            f"raise --startup-timeout if the machine is slow. Its output ends:\n{self.log_tail()}")

    def stop(self) -> None:
        """SIGTERM to the server's process group, then SIGKILL to whatever is left of it (a server still up after
        STOP_GRACE_S, a worker left behind: the group outlives its leader only while a member lives); reaps it."""
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.proc.pid, sig)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=STOP_GRACE_S)


# ------------------------------------------------------------------ driving the load
def poll_health(url: str, results: list[Outcome], done: threading.Event) -> None:
    """GET /api/health every HEALTH_PERIOD_S on its own connection (run on a thread) until ``done``."""
    import httpx

    with httpx.Client(trust_env=False, timeout=10) as http:
        next_at = time.monotonic()
        while not done.is_set():
            start = time.perf_counter()
            try:
                status, error = http.get(url + "/api/health").status_code, None
            except httpx.HTTPError as exc:
                status, error = None, type(exc).__name__
            results.append(Outcome(status, (time.perf_counter() - start) * 1000, error))
            next_at += HEALTH_PERIOD_S
            done.wait(max(0.0, next_at - time.monotonic()))


async def _drive(url: str, questions: list[dict], clients: int, bound: int, seconds: float,
                 timeout: float) -> tuple[list[Outcome], float]:
    """``clients`` coroutines asking until ``bound`` requests are issued or ``seconds`` pass; (outcomes, wall s)."""
    import httpx

    outcomes: list[Outcome] = []
    issued, deadline = 0, time.monotonic() + seconds

    async def client(index: int) -> None:
        nonlocal issued
        asks = client_questions(questions, index, clients)
        async with httpx.AsyncClient(base_url=url, trust_env=False, timeout=timeout,
                                     limits=httpx.Limits(max_connections=1)) as http:
            while issued < bound and time.monotonic() < deadline:
                issued += 1
                start = time.perf_counter()
                try:
                    status, error = (await http.post("/api/ask", json=next(asks))).status_code, None
                except httpx.HTTPError as exc:
                    status, error = None, type(exc).__name__
                outcomes.append(Outcome(status, (time.perf_counter() - start) * 1000, error))

    start = time.perf_counter()
    await asyncio.gather(*(client(i) for i in range(clients)))
    return outcomes, time.perf_counter() - start


def run_phase(url: str, questions: list[dict], clients: int, bound: int, seconds: float, timeout: float) -> dict:
    health, done, cpu = [], threading.Event(), time.process_time()
    poller = threading.Thread(target=poll_health, args=(url, health, done), daemon=True)
    poller.start()
    try:
        outcomes, wall = asyncio.run(_drive(url, questions, clients, bound, seconds, timeout))
    finally:
        done.set()
        poller.join(timeout=15)
    return summarize_phase(clients, outcomes, wall, health, time.process_time() - cpu)


def run_loadtest(index_dir: Path | None = None, corpus_dir: Path | None = None, clients=(1, 20, 50),
                 seconds: float = 20, requests_per_phase: int | None = None, workers: int = 1,
                 timeout: float = 60.0, startup_timeout: float = 300.0,
                 say: Callable[[str], None] = lambda m: print(m, flush=True)) -> dict:
    """Serve the app on 127.0.0.1, run one phase per entry of ``clients``, stop the server; the figures (JSON-ready).

    ``index_dir`` / ``corpus_dir`` default to the settings (NEARSHORE_INDEX_DIR / NEARSHORE_CORPUS_DIR);
    ``requests_per_phase`` None means :func:`default_request_bound`; ``workers`` > 1 is passed on as ``nearshore
    serve --workers N`` when that option exists, else noted and ignored.
    """
    from assistant.evaluation.qa import load_qa
    from assistant.settings import get_settings

    clients = [int(c) for c in clients]
    if not clients or min([*clients, workers, 1 if requests_per_phase is None else requests_per_phase]) < 1 or seconds <= 0:
        raise LoadTestError(f"clients, seconds, requests per phase and workers must be positive (got {clients}, "
                            f"{seconds}, {requests_per_phase}, {workers})")
    settings = get_settings()
    index_dir = Path(index_dir or settings.index_dir).resolve()
    corpus_dir = Path(corpus_dir or settings.corpus_dir).resolve()
    questions = select_questions(load_qa([ROOT / "tests" / "qa"]).items)
    figures: dict = {"index_dir": str(index_dir), "clients": clients, "questions": len(questions), "seconds": seconds,
                     "requests_per_phase": requests_per_phase, "timeout_s": timeout, "workers": workers,
                     "workers_applied": False, "notes": [], "loadavg_before": list(os.getloadavg()), "phases": []}
    exe = Path(sys.executable).with_name("nearshore")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "assistant.interfaces.cli.main"]
    with tempfile.TemporaryDirectory(prefix="nearshore-loadtest-") as tmp:
        env = server_env(index_dir, corpus_dir, Path(tmp))
        ensure_index(cmd, env, index_dir, corpus_dir, say)
        if workers > 1:
            serve_help = subprocess.run([*cmd, "serve", "--help"], check=False, env={**env, "COLUMNS": "200"},
                                        capture_output=True, text=True, timeout=120).stdout
            figures["workers_applied"] = "--workers" in serve_help
            if not figures["workers_applied"]:
                figures["notes"].append(f"`nearshore serve` has no --workers option yet: ran 1 worker, not {workers}")
                say("note: " + figures["notes"][-1])
        began = time.monotonic()
        server = ServerProcess(cmd, env, Path(tmp) / "server.log", workers if figures["workers_applied"] else None)
        try:
            health = server.wait_healthy(startup_timeout)
            figures.update(server_pid=server.proc.pid, startup_s=round(time.monotonic() - began, 1),
                           chunks=(health.get("index") or {}).get("chunks"))
            say(f"server {server.url} (pid {server.proc.pid}) healthy after {figures['startup_s']} s; "
                f"{figures['chunks']} chunks in {index_dir}; {len(questions)} questions")
            warm = run_phase(server.url, questions, 1, 1, startup_timeout, startup_timeout)  # one question
            if warm["errors"]:
                raise LoadTestError(f"the warm-up question failed ({warm['errors_by_status']}); the server's output "
                                    f"ends:\n{server.log_tail()}")
            figures["warmup_ms"] = warm["max_ms"]
            for n in clients:
                bound = requests_per_phase or default_request_bound(n)
                phase = {**run_phase(server.url, questions, n, bound, seconds, timeout), "request_bound": bound}
                figures["phases"].append(phase)
                say(phase_line(phase))
                server.check_alive(f"during the {n}-client phase")
            figures["loadavg_after"] = list(os.getloadavg())
            peaks = _peak_rss_kb(server.proc.pid)
            figures["server_peak_rss_mb"] = round(sum(peaks) / 1024, 1) if peaks else None
            figures["server_processes"] = len(peaks) or None
        finally:
            server.stop()
    return figures


def _client_counts(text: str) -> list[int]:
    if not re.fullmatch(r"\s*[1-9]\d*(\s*,\s*[1-9]\d*)*\s*", text):
        raise argparse.ArgumentTypeError(f"expected positive numbers separated by commas, e.g. 1,20,50 (got {text!r})")
    return [int(x) for x in text.split(",")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.evaluation.loadtest", description=__doc__.split("\n\n")[0])
    add = parser.add_argument
    add("--clients", type=_client_counts, default=[1, 20, 50], help="Concurrent clients of each phase (1,20,50).")
    add("--seconds", type=float, default=20, help="Time bound of each phase (20).")
    add("--requests-per-phase", type=int, default=None, help="Request bound of each phase (min(300, 60 x clients)).")
    add("--workers", type=int, default=1, help="Server processes: passed as `nearshore serve --workers N` if it has it.")
    add("--timeout", type=float, default=60, help="Seconds one request may take (60).")
    add("--startup-timeout", type=float, default=300, help="Seconds to wait for /api/health and the warm-up (300).")
    add("--json", type=Path, default=None, help="Also write the figures to this JSON file.")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a `kill` still runs the clean-up (finally: stop)
    try:
        figures = run_loadtest(None, None, args.clients, args.seconds, args.requests_per_phase,
                               args.workers, args.timeout, args.startup_timeout)
    except LoadTestError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: the server was stopped", file=sys.stderr)
        return 130
    print("\n" + render(figures))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
        print(f"figures: {args.json}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
