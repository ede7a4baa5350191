"""Input limits of the HTTP API and a small in-memory token-bucket rate limiter keyed by client."""

from __future__ import annotations

import math
import threading
import time
from typing import Callable

MAX_QUESTION_CHARS = 2000
MAX_HISTORY_TURNS = 20  # messages in `history`, each {"role", "content"}
MAX_TURN_CHARS = 20_000
MAX_COMMENT_CHARS = 2000
MAX_BODY_BYTES = 256 * 1024  # request bodies on /api/*


class RateLimiter:
    """``per_minute`` requests per client, refilled continuously, with a burst of ``per_minute``.

    :meth:`check` returns 0 when the request may go ahead, else the whole seconds to wait.
    """

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic, max_clients: int = 10_000):
        if per_minute < 1:
            raise ValueError("per_minute must be at least 1")
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0  # tokens per second
        self.clock = clock
        self.max_clients = max_clients
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, last refill time)
        self._lock = threading.Lock()

    def check(self, client: str) -> int:
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[client] = (tokens - 1.0, now)
                self._prune(now)
                return 0
            self._buckets[client] = (tokens, now)
            return max(1, math.ceil((1.0 - tokens) / self.rate))

    def _prune(self, now: float) -> None:
        """Forget clients whose bucket has refilled, so the table cannot grow without bound."""
        if len(self._buckets) <= self.max_clients:
            return
        full_after = self.capacity / self.rate
        for key, (_, last) in list(self._buckets.items()):
            if now - last >= full_after:
                del self._buckets[key]
