"""Checks over HTTP against a running app: fuzz, load, rate limits (uploads and poisoned answers: attacks.py).

Each takes the base URL of a server on 127.0.0.1 (and, for the checks that look at files, the
:class:`~.workspace.Server` that owns them) and returns a :class:`~.common.CheckResult`.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections import Counter

from assistant.evaluation.redteam.common import (
    WORKSPACE,
    CheckResult,
    RawClient,
    find_dependency,
    gradio_config,
)
from assistant.evaluation.redteam.fuzzcases import CATEGORIES, generate_cases, judge
from assistant.evaluation.redteam.workspace import ROOT


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


# ------------------------------------------------------------------ 2. fuzz
def list_tools(base_url: str) -> dict[str, list[str]]:
    import httpx

    tools = httpx.get(base_url + "api/tools", timeout=30).json()
    return {t["name"]: list(t.get("input_schema", {}).get("properties", {})) for t in tools}


def run_fuzz(base_url: str, n: int, seed: int, server=None, leak_markers=(), say=print) -> CheckResult:
    result = CheckResult("fuzz")
    cases = generate_cases(seed, list_tools(base_url), n)
    client = RawClient(base_url)
    tried, failed = Counter(), Counter()
    statuses = Counter()
    began = time.monotonic()
    for i, case in enumerate(cases):
        reply = client.request(case.method, case.path, case.body, case.content_type)
        why = judge(case, reply.status, reply.content_type, reply.body, leak_markers)
        if reply.error:
            why = f"no response ({reply.error})"
        tried[case.category] += 1
        statuses[reply.status] += 1
        size = f"{len(case.body)} B" if case.body else "no body"
        if not result.expect(why is None, f"[{case.category}] {case.method} {case.path[:70]} ({case.note[:60]}; {size}): {why}"):
            failed[case.category] += 1
        if reply.status is None and server is not None and not server.alive():
            result.error = f"the server died during case {i + 1} ({case.category}: {case.note}): {server.log_tail(600)}"
            break
        if (i + 1) % 250 == 0:
            say(f"    {i + 1}/{len(cases)} cases, {result.failed_count} failed")
    client.close()
    health = server.health() if server is not None else _health(base_url)
    result.expect(health == 200 and (server is None or server.alive()), f"after the fuzz the health check answered {health}")
    result.notes.append("per category (tried/failed): " + ", ".join(f"{c} {tried[c]}/{failed[c]}" for c in CATEGORIES))
    result.notes.append("statuses: " + ", ".join(f"{s}: {k}" for s, k in sorted(statuses.items(), key=lambda x: str(x[0]))))
    result.metrics = {"cases": len(cases), "seconds": round(time.monotonic() - began, 1),
                      "by_category": {c: {"tried": tried[c], "failed": failed[c]} for c in CATEGORIES},
                      "statuses": {str(k): v for k, v in statuses.items()}}
    return result


def _health(base_url: str) -> int | None:
    import httpx

    try:
        return httpx.get(base_url + "api/health", timeout=30).status_code
    except httpx.HTTPError:
        return None


# ------------------------------------------------------------------ 3. uploads
FALLBACK_QUESTIONS = ("What is IMMEX?", "What does a shelter company do?", "What is the MPF maximum in fiscal 2026?",
                      "How does USMCA regional value content work?", "What is the minimum wage in Mexico in 2026?")


def load_questions(seed: int, n: int = 200) -> list[str]:
    """First-turn questions from tests/qa (all categories and languages), seeded; a short built-in list without it."""
    found = []
    for path in sorted((ROOT / "tests" / "qa").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                item = json.loads(line)
            except ValueError:
                continue
            if isinstance(item, dict) and not item.get("history") and isinstance(item.get("question"), str):
                found.append(item["question"])
    random.Random(seed).shuffle(found)
    return found[:n] or list(FALLBACK_QUESTIONS)


def run_load(base_url: str, clients: int, seconds: float, seed: int, server=None, say=print) -> CheckResult:
    import httpx

    result = CheckResult("load")
    questions = load_questions(seed)
    lock = threading.Lock()
    latencies: list[float] = []
    health: list[tuple[float, int | None]] = []
    errors: list[str] = []
    counts = Counter()
    stop_at = time.monotonic() + seconds

    def client(n: int) -> None:
        with httpx.Client(timeout=120) as http:
            i = n
            while time.monotonic() < stop_at:
                q = questions[i % len(questions)]
                i += clients
                began = time.monotonic()
                try:
                    r = http.post(base_url + "api/ask", json={"question": q})
                    ok = r.status_code == 200 and "answer" in r.json()
                    why = None if ok else f"{r.status_code}: {r.text[:120]}"
                except (httpx.HTTPError, ValueError) as exc:
                    why = f"{type(exc).__name__}: {exc}"
                with lock:
                    counts["asks"] += 1
                    if why is None:
                        latencies.append(time.monotonic() - began)
                    else:
                        errors.append(f"client {n}, {q[:50]!r}: {why}")

    def poll_health() -> None:
        with httpx.Client(timeout=60) as http:
            while time.monotonic() < stop_at:
                began = time.monotonic()
                try:
                    status = http.get(base_url + "api/health").status_code
                except httpx.HTTPError:
                    status = None
                with lock:
                    health.append((time.monotonic() - began, status))
                time.sleep(0.5)

    began = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    threads.append(threading.Thread(target=poll_health, daemon=True))
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 300)
    wall = time.monotonic() - began
    for _ in latencies:
        result.ok()
    for why in errors:
        result.fail(why)
    for seconds_taken, status in health:
        result.expect(status == 200, f"health check answered {status} after {seconds_taken:.1f} s")
    alive = server.alive() if server is not None else True
    result.expect(alive and _health(base_url) == 200, "the server is not healthy after the load")
    hl = [s for s, _ in health]
    result.metrics = {"clients": clients, "seconds": round(wall, 1), "answers": len(latencies),
                      "answers_per_s": round(len(latencies) / wall, 2),
                      "p50_ms": round(_pct(latencies, 0.5) * 1000), "p95_ms": round(_pct(latencies, 0.95) * 1000),
                      "health_checks": len(health), "health_p50_ms": round(_pct(hl, 0.5) * 1000),
                      "health_p95_ms": round(_pct(hl, 0.95) * 1000), "health_max_ms": round(max(hl, default=0) * 1000)}
    m = result.metrics
    result.notes.append(f"{clients} clients for {seconds:.0f} s (+ drain, {wall:.0f} s in all): {m['answers']} answers, "
                        f"{m['answers_per_s']}/s, p50 {m['p50_ms']} ms, p95 {m['p95_ms']} ms; {len(errors)} errors; "
                        f"health p50 {m['health_p50_ms']} ms, p95 {m['health_p95_ms']} ms, max {m['health_max_ms']} ms")
    return result


# ------------------------------------------------------------------ 4. rate limits
def run_ratelimit(server, guesses: int = 8, say=print) -> CheckResult:
    """Against a server with the default 30 requests a minute and a consultant token: wrong tokens at the
    workspace's sign-in back off; /api/ask hammering gets 429s; rotating X-Forwarded-For (the peer is not a trusted
    proxy) does not reset it; the UI's queue and upload endpoints share the same allowance."""
    import httpx

    result = CheckResult("ratelimit")
    capacity = float(server.rate_limit)
    rate = capacity / 60.0
    accepted = 0
    first = time.monotonic()
    if not server.consultant_token:
        result.error = "no consultant workspace (is NEARSHORE_CONSULTANT_TOKEN set on this server?)"
        return result
    config = gradio_config(server.url)

    def sign_in(token: str) -> str:  # each a POST to the sign-in form: these count against the rate limit too
        nonlocal accepted
        r = httpx.post(server.url + WORKSPACE + "login", data={"token": token}, timeout=30, follow_redirects=False)
        accepted += r.status_code != 429 or "Too many wrong tokens" in r.text
        if r.status_code == 303:
            return "Signed in."
        return "Too many wrong tokens" if "Too many wrong tokens" in r.text else \
            "Wrong token" if "Wrong token" in r.text else f"{r.status_code} {r.text[:80]}"

    replies = [sign_in(f"guess-{n}") for n in range(guesses)]
    right = sign_in(server.consultant_token)
    wrong = sum("Wrong token" in r for r in replies)
    for n, reply in enumerate(replies[:3]):
        result.expect("Wrong token" in reply, f"guess {n + 1}: {reply!r} (the first 3 are checked)")
    for n, reply in enumerate(replies[3:], start=4):
        result.expect("Too many wrong tokens" in reply or "Wrong token" in reply and n > 4,
                      f"guess {n}: {reply!r} (expected the back-off)")
    result.expect("Too many wrong tokens" in right, f"the right token during the back-off: {right!r}")
    result.notes.append(f"{guesses} wrong consultant tokens: {wrong} checked, {guesses - wrong} refused by the "
                        f"back-off; the right one then: {right[:50]!r}")
    # hammer /api/ask from one client until the limit answers
    statuses = []
    with httpx.Client(timeout=120) as http:
        for _ in range(int(capacity) + 15):
            r = http.post(server.url + "api/ask", json={"question": "What is IMMEX?"})
            statuses.append(r.status_code)
            if r.status_code == 429:
                result.expect(int(r.headers.get("retry-after", "0")) >= 1 and "error" in r.json(),
                              f"429 without Retry-After or JSON: {dict(r.headers)}")
                break
            accepted += 1
        elapsed = time.monotonic() - first
        budget = capacity + elapsed * rate + 1
        result.expect(429 in statuses and accepted <= budget,
                      f"{accepted} requests accepted in {elapsed:.0f} s (budget {budget:.0f}); statuses {statuses[-5:]}")
        # rotate X-Forwarded-For and friends: an untrusted peer's headers must not give a fresh allowance — only
        # the bucket's own refill (rate × seconds since the limit answered; one request every 2 s at 30/min)
        rotated = []
        limited_at = time.monotonic()
        for i in range(20):
            headers = {"X-Forwarded-For": f"203.0.113.{i}", "X-Real-IP": f"198.51.100.{i}",
                       "Forwarded": f"for=192.0.2.{i}"}
            r = http.post(server.url + "api/ask", json={"question": "What is IMMEX?"}, headers=headers)
            rotated.append(r.status_code)
            refilled = int((time.monotonic() - limited_at) * rate)
            result.expect(r.status_code == 429 or rotated.count(200) <= refilled,
                          f"spoofed address {i}: {r.status_code} ({rotated.count(200)} answered, refill allows "
                          f"{refilled})")
        chat = find_dependency(config, ["question", "state"])
        joined = http.post(server.url + "gradio_api/queue/join", headers={"X-Forwarded-For": "203.0.113.250"},
                           json={"data": ["What is IMMEX?", []], "fn_index": chat, "session_hash": "rl"})
        result.expect(joined.status_code == 429, f"a chat queue/join after the limit: {joined.status_code}")
        up = http.post(server.url + "gradio_api/upload", files={"files": ("a.md", b"x")})
        result.expect(up.status_code == 429, f"an upload after the limit: {up.status_code}")
    result.notes.append(f"/api/ask: {statuses.count(200)} answered, then 429 after {len(statuses)} requests "
                        f"(limit {int(capacity)}/min incl. the {guesses + 1} sign-in attempts); {rotated.count(429)} of "
                        f"{len(rotated)} spoofed-address requests still 429 (the rest within the refill)")
    return result
