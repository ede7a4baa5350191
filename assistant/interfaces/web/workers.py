"""The one bounded pool that computes answers, calculator runs and feedback writes for the HTTP API.

Endpoints are ``async``: they ``await`` :meth:`AnswerPool.run`, so a request waiting for a free worker holds no
thread, and the event loop — which answers ``/api/health``, parses requests and streams the UI — never waits
behind an answer. The pool has ``NEARSHORE_ANSWER_WORKERS`` threads (default: one per CPU); the web UI's queue
runs that many events at once too (see :func:`assistant.interfaces.web.ui.build_public_ui`).

A ``ThreadPoolExecutor`` rather than an anyio limiter: it belongs to no event loop, so one app can serve
several loops (a test client each) and a request cancelled while still queued never starts.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, TypeVar

T = TypeVar("T")


class AnswerPool:
    """``size`` worker threads, created on first use; waiting calls queue in order."""

    def __init__(self, size: int, name: str = "nearshore-answer"):
        if size < 1:
            raise ValueError("the answer pool needs at least one worker")
        self.size = size
        self.name = name
        self._executor: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    def _get_executor(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=self.size, thread_name_prefix=self.name)
            return self._executor

    async def run(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Run ``fn(*args, **kwargs)`` in the pool and return (or raise) what it does."""
        call = functools.partial(contextvars.copy_context().run, fn, *args, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(self._get_executor(), call)

    def close(self) -> None:
        """Drop queued work and let the threads end (a later :meth:`run` starts a fresh pool)."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
