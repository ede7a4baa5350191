"""Input limits of the HTTP API and a small in-memory token-bucket rate limiter keyed by client."""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from typing import Callable

MAX_QUESTION_CHARS = 2000
MAX_HISTORY_TURNS = 20  # messages in `history`, each {"role", "content"}
MAX_TURN_CHARS = 20_000
MAX_COMMENT_CHARS = 2000
MAX_BODY_BYTES = 256 * 1024  # request bodies on /api/*
MAX_UI_BODY_BYTES = 2 * 1024 * 1024  # Gradio event calls (a chat turn carries the shown conversation); not uploads


class RateLimiter:
    """``per_minute`` requests per client, refilled continuously, with a burst of ``per_minute``.

    :meth:`check` returns 0 when the request may go ahead, else the whole seconds to wait. The table of clients
    is bounded: past ``max_clients`` the least recently seen client is forgotten (it gets a fresh bucket if it
    comes back), so a flood of distinct addresses costs memory in proportion to ``max_clients``, not to the flood.

    A token bucket rather than the ``limits`` package: its strategies are window counters, which either lock a
    client out for the rest of a window after a burst (moving window) or allow two bursts across a boundary
    (fixed window); a bucket refills steadily, which is what a person typing questions needs.
    """

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic, max_clients: int = 10_000):
        if per_minute < 1:
            raise ValueError("per_minute must be at least 1")
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0  # tokens per second
        self.clock = clock
        self.max_clients = max_clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # client -> (tokens, last refill)
        self._lock = threading.Lock()

    def check(self, client: str) -> int:
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.pop(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            allowed = tokens >= 1.0
            self._buckets[client] = (tokens - 1.0 if allowed else tokens, now)  # now the most recently seen
            while len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)
            return 0 if allowed else max(1, math.ceil((1.0 - tokens) / self.rate))

    def __len__(self) -> int:
        return len(self._buckets)


class BackoffGuard:
    """Failed attempts per client (admin token guesses): the first ``free`` failures cost nothing, then each
    further attempt must wait ``base ** (failures - free)`` seconds, at most ``cap``. A success clears the record.

    :meth:`wait` returns 0 when an attempt may be made now, else the whole seconds to wait. Bounded like
    :class:`RateLimiter`.
    """

    def __init__(self, free: int = 3, base: float = 2.0, cap: float = 900.0,
                 clock: Callable[[], float] = time.monotonic, max_clients: int = 10_000):
        self.free, self.base, self.cap = free, base, cap
        self.clock = clock
        self.max_clients = max_clients
        self._failures: OrderedDict[str, tuple[int, float]] = OrderedDict()  # client -> (failures, last failure)
        self._lock = threading.Lock()

    def _delay(self, failures: int) -> float:
        return 0.0 if failures < self.free else min(self.cap, self.base ** (failures - self.free + 1))

    def wait(self, client: str) -> int:
        with self._lock:
            failures, last = self._failures.get(client, (0, 0.0))
            remaining = last + self._delay(failures) - self.clock()
            return max(1, math.ceil(remaining)) if remaining > 0 else 0

    def failed(self, client: str) -> None:
        with self._lock:
            failures, _ = self._failures.pop(client, (0, 0.0))
            self._failures[client] = (failures + 1, self.clock())
            while len(self._failures) > self.max_clients:
                self._failures.popitem(last=False)

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)


MAX_UPLOAD_FILES_PER_HOUR = 30  # files one client may leave in Gradio's upload cache per hour
UPLOAD_MB_PER_HOUR_FACTOR = 5  # bytes one client may upload per hour: this many times NEARSHORE_MAX_UPLOAD_MB


class UploadQuota:
    """What one client may upload through Gradio's ``/gradio_api/upload`` per hour: ``max_bytes`` (checked before
    the upload, from its declared length) and ``max_files`` (counted from Gradio's answer; files past the quota are
    deleted again). With ``enabled`` false — no admin token, so no component takes uploads — every upload is refused.
    """

    WINDOW = 3600.0

    def __init__(self, enabled: bool, max_bytes: int, max_files: int = MAX_UPLOAD_FILES_PER_HOUR,
                 clock: Callable[[], float] = time.monotonic, max_clients: int = 10_000):
        self.enabled, self.max_bytes, self.max_files = enabled, max_bytes, max_files
        self.clock = clock
        self.max_clients = max_clients
        self._used: OrderedDict[str, tuple[float, int, int]] = OrderedDict()  # client -> (window start, bytes, files)
        self._lock = threading.Lock()

    def _current(self, client: str) -> tuple[float, int, int]:
        now = self.clock()
        start, used_bytes, files = self._used.pop(client, (now, 0, 0))
        if now - start >= self.WINDOW:
            start, used_bytes, files = now, 0, 0
        return start, used_bytes, files

    def _store(self, client: str, entry: tuple[float, int, int]) -> None:
        self._used[client] = entry
        while len(self._used) > self.max_clients:
            self._used.popitem(last=False)

    def check_upload(self, client: str, content_length: bytes | None) -> tuple[int, str] | None:
        """None when the upload may go ahead (its bytes are charged now); else (HTTP status, one sentence)."""
        if not self.enabled:
            return 403, "this site accepts no uploads"
        if content_length is None or not content_length.isdigit():
            return 411, "an upload must declare its Content-Length"
        size = int(content_length)
        with self._lock:
            start, used_bytes, files = self._current(client)
            refused = None
            if files >= self.max_files:
                refused = 429, f"too many uploads: at most {self.max_files} files per hour per client"
            elif used_bytes + size > self.max_bytes:
                refused = 413, (f"upload quota reached: at most {self.max_bytes // (1024 * 1024)} MB per hour per "
                                "client")
            else:
                used_bytes += size
            self._store(client, (start, used_bytes, files))
            return refused

    def charge_files(self, client: str, count: int) -> int:
        """Charge ``count`` uploaded files; returns how many of them are over the quota (to be deleted)."""
        with self._lock:
            start, used_bytes, files = self._current(client)
            over = max(0, files + count - self.max_files)
            self._store(client, (start, used_bytes, min(self.max_files, files + count)))
            return over
