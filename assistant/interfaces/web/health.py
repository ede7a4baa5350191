"""``/api/health`` without waiting: cheap work on the event loop only, never a thread hop or a lock shared with
answering.

The served index is described from its manifest, which is re-read only when the ``CURRENT`` file changes (an
ingest replaces it atomically), and ``CURRENT`` is looked at no more than once a second. Whether the model is
loaded comes from the :class:`~assistant.interfaces.web.warmup.Warmup`, which never blocks.
"""

from __future__ import annotations

import time
from typing import Callable

from fastapi.responses import JSONResponse

from assistant import __version__

CHECK_EVERY_S = 1.0


class IndexState:
    """A summary of the served generation's manifest (or ``None``), cached while ``CURRENT`` is unchanged."""

    def __init__(self, store, check_every: float = CHECK_EVERY_S, clock: Callable[[], float] = time.monotonic):
        self._store = store
        self._check_every = check_every
        self._clock = clock
        self._checked_at: float | None = None
        self._key: tuple | None = None
        self._summary: dict | None = None

    def summary(self) -> dict | None:
        now = self._clock()
        if self._checked_at is not None and now - self._checked_at < self._check_every:
            return self._summary
        self._checked_at = now
        key = self._current_key()
        if key is None or key != self._key or self._summary is None:
            manifest = self._store.current_manifest()
            self._summary = None if manifest is None else {
                "generation": manifest.generation, "chunks": manifest.chunk_count,
                "documents": len(manifest.documents), "created_at": manifest.created_at,
            }
            self._key = key
        return self._summary

    def _current_key(self) -> tuple | None:
        """Identifies the ``CURRENT`` file's version (it is replaced, never edited in place)."""
        path = getattr(self._store, "current_file", None)
        if path is None:
            return None
        try:
            st = path.stat()
        except OSError:
            return None
        return st.st_ino, st.st_mtime_ns, st.st_size


class HealthProbe:
    """The body of ``/api/health``: 503 ``no_index`` without an index, 503 ``error`` when the model cannot load,
    else 200 ``ok`` with ``warming`` true until the model is loaded (questions wait for it meanwhile)."""

    def __init__(self, store, warmup, llm: bool, index: IndexState | None = None):
        self._warmup = warmup
        self._llm = llm
        self._index = index or IndexState(store)

    def response(self, starting: bool = False) -> JSONResponse:
        """``starting``: the app itself is still being built (questions wait for that too)."""
        index = self._index.summary()
        if index is None:
            return JSONResponse({"status": "no_index", "version": __version__,
                                 "message": "no index yet: run `nearshore ingest`"}, status_code=503)
        if self._warmup.error is not None and not self._warmup.warming:
            return JSONResponse({"status": "error", "version": __version__,
                                 "message": "the embedding model could not be loaded: see the server log"},
                                status_code=503)
        return JSONResponse({"status": "ok", "version": __version__, "warming": starting or self._warmup.warming,
                             "index": index, "llm": self._llm})
