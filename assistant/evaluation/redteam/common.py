"""What every check shares: its result row, raw HTTP requests, and Gradio's queue protocol."""

from __future__ import annotations

import http.client
import json
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class CheckResult:
    """One row of the summary table: what was tried, what held, what did not (with up to 10 examples)."""

    name: str
    tried: int = 0
    passed: int = 0
    notes: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    metrics: dict = field(default_factory=dict)
    failed_count: int = 0
    error: str | None = None  # the check could not run to the end (setup failed, server died)

    def ok(self, what: str = "") -> None:
        self.tried += 1
        self.passed += 1

    def fail(self, what: str) -> None:
        self.tried += 1
        self.failed_count += 1
        if len(self.failures) < 10:
            self.failures.append(what)

    def expect(self, condition: bool, what: str) -> bool:
        """Count one attempt: passed when ``condition`` holds, else a failure described by ``what``."""
        (self.ok if condition else self.fail)(what)
        return condition

    @property
    def failed(self) -> int:
        return self.failed_count + (1 if self.error else 0)

    def as_dict(self) -> dict:
        return {"check": self.name, "tried": self.tried, "passed": self.passed, "failed": self.failed,
                "notes": self.notes, "failures": self.failures, "metrics": self.metrics, "error": self.error}


@dataclass
class Reply:
    status: int | None
    content_type: str
    body: bytes
    headers: dict[str, str]
    error: str | None = None


class RawClient:
    """HTTP/1.1 over one keep-alive connection, sending the path exactly as given (no ``..`` clean-up, no
    re-encoding), so traversal strings reach the server as an attacker would send them."""

    def __init__(self, base_url: str, timeout: float = 60.0):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.timeout = timeout
        self.conn: http.client.HTTPConnection | None = None

    def _connect(self) -> http.client.HTTPConnection:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self.conn

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(self, method: str, path: str, body: bytes | None = None, content_type: str | None = None,
                headers: dict[str, str] | None = None) -> Reply:
        sent = dict(headers or {})
        if content_type:
            sent["Content-Type"] = content_type
        if body is not None:
            sent["Content-Length"] = str(len(body))
        last = None
        for _ in range(2):  # a keep-alive connection the server closed (e.g. after a 413) is retried once, fresh
            try:
                conn = self._connect()
                conn.putrequest(method, path, skip_accept_encoding=True)
                for key, value in sent.items():
                    conn.putheader(key, value)
                conn.endheaders(body)
                resp = conn.getresponse()
                data = resp.read()
                reply = Reply(resp.status, resp.getheader("content-type", "") or "", data,
                              {k.lower(): v for k, v in resp.getheaders()})
                if resp.will_close:
                    self.close()
                return reply
            except (OSError, http.client.HTTPException) as exc:
                last = f"{type(exc).__name__}: {exc}"
                self.close()
        return Reply(None, "", b"", {}, last)


# ------------------------------------------------------------------ Gradio's queue protocol
WORKSPACE = "consultant/"  # the consultant workspace's Gradio app, under the server's base URL


def workspace_login(base_url: str, token: str) -> dict[str, str]:
    """Sign in to the consultant workspace at ``base_url`` (the server's root) with ``token``, as its sign-in form
    does: the headers (the session cookie) every later workspace call needs; empty when the sign-in was refused."""
    import httpx

    r = httpx.post(base_url + WORKSPACE + "login", data={"token": token}, timeout=30, follow_redirects=False)
    cookie = r.headers.get("set-cookie", "").split(";", 1)[0]
    return {"Cookie": cookie} if r.status_code == 303 and "=" in cookie else {}


def gradio_config(base_url: str, headers: dict | None = None) -> dict:
    import httpx

    return httpx.get(base_url + "config", timeout=30, headers=headers or {}).json()


def elem_ids(config: dict) -> dict[int, str | None]:
    return {c["id"]: c.get("props", {}).get("elem_id") for c in config["components"]}


def dependency_ids(config: dict) -> list[tuple[int, dict]]:
    return [(dep.get("id", i), dep) for i, dep in enumerate(config["dependencies"])]


def find_dependency(config: dict, inputs: list[str]) -> int | None:
    """The event whose inputs are exactly these elem_ids, in order."""
    by_id = elem_ids(config)
    for fn, dep in dependency_ids(config):
        if [by_id.get(i) for i in dep.get("inputs", [])] == inputs:
            return fn
    return None


def join_and_wait(base_url: str, fn_index: int, data: list, session: str, headers: dict | None = None,
                  timeout: float = 120.0) -> tuple[int, list[dict]]:
    """Queue one event and read its server-sent events to the end: (join status, events)."""
    import httpx

    joined = httpx.post(base_url + "gradio_api/queue/join", timeout=30, headers=headers or {},
                        json={"data": data, "fn_index": fn_index, "session_hash": session, "event_data": None,
                              "trigger_id": None})
    if joined.status_code != 200:
        return joined.status_code, []
    events = []
    with httpx.stream("GET", base_url + f"gradio_api/queue/data?session_hash={session}", timeout=timeout,
                      headers=headers or {}) as stream:
        for line in stream.iter_lines():
            if line.startswith("data:"):
                event = json.loads(line[5:])
                events.append(event)
                if event.get("msg") in ("process_completed", "close_stream", "unexpected_error"):
                    break
    return joined.status_code, events


def output_data(events: list[dict]) -> list:
    """The ``output.data`` of the last event, or [] when the event failed."""
    for event in reversed(events):
        output = event.get("output")
        if isinstance(output, dict) and "data" in output:
            return output["data"] or []
    return []
