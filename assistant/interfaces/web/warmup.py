"""Warm-up: load the embedding model and the index snapshot in a background thread, and run one search.

A server starts this when it starts (the app's lifespan), so it listens at once; the first question simply waits
for :meth:`Warmup.wait`. ``/api/health`` reads :attr:`Warmup.warming` and :attr:`Warmup.error`, which never block.
"""

from __future__ import annotations

import gc
import logging
import threading
import time

log = logging.getLogger("assistant.web")

PRIME_TEXT = "How long can raw materials stay in Mexico under IMMEX?"


class Warmup:
    """Loads ``components.embedder`` (torch, sentence-transformers, the model) and ``components.store``'s snapshot
    once, in a daemon thread; :meth:`start` is idempotent.

    ``freeze_gc`` (servers only): afterwards, move every object alive into the garbage collector's permanent
    generation (``gc.freeze``). The model, the index and the imported libraries are over half a million objects,
    and each full collection walked them all — about 0.5 s with every thread, the event loop included, stopped.
    The cost: cyclic garbage among them is never collected (what reference counting frees, such as a snapshot
    replaced after an ingest, still is).
    """

    def __init__(self, components, freeze_gc: bool = False):
        self._components = components
        self._freeze_gc = freeze_gc
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._asked = threading.Event()  # a question is already waiting: it warms the search path itself
        self.error: BaseException | None = None  # the model could not be loaded
        self.seconds: float | None = None

    def start(self) -> "Warmup":
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="nearshore-warmup", daemon=True)
                self._thread.start()
        return self

    @property
    def started(self) -> bool:
        return self._thread is not None

    @property
    def warming(self) -> bool:
        """True until the model is loaded (and, when the warm-up runs, the snapshot too). Never blocks."""
        if self.started:
            return not self._done.is_set()
        return not getattr(self._components.embedder, "loaded", True)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the warm-up has finished (at once when it was never started); False on timeout."""
        if not self.started:
            return True
        self._asked.set()
        return self._done.wait(timeout)

    def _run(self) -> None:
        started = time.perf_counter()
        embedder, store = self._components.embedder, self._components.store
        try:
            load = getattr(embedder, "load", None)
            if load is not None:
                load()
        except Exception as exc:  # noqa: BLE001 - reported by /api/health; each question raises it again
            self.error = exc
            log.error("warm-up: the embedding model could not be loaded: %s", exc)
        try:
            if store.exists():
                store.snapshot()
                searcher = getattr(self._components, "searcher", None)
                if self.error is None and searcher is not None and not self._asked.is_set():
                    searcher.search(PRIME_TEXT)  # the first search pays one-off costs (about 0.6 s); no LLM call
        except Exception as exc:  # noqa: BLE001 - the first question meets (and reports) the same problem
            log.warning("warm-up: the index could not be loaded yet: %s", exc)
        finally:
            if self._freeze_gc:
                gc.freeze()  # no gc.collect() first: it would stop every thread for as long again
            self.seconds = time.perf_counter() - started
            self._done.set()
            log.info("warm-up finished in %.1f s", self.seconds)
