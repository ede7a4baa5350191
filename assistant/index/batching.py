"""Micro-batching of query encodes: questions that arrive together share one model call.

Encoding one short question costs about as much as encoding a handful (the model call's fixed overhead
dominates), so under load it pays to wait a few milliseconds and encode everyone's question at once.
:class:`QueryBatcher` does that for any ``encode(list[str]) -> 2-D array`` function:

- the first caller opens a batch and waits up to ``max_wait`` seconds (less when the batch fills up);
- callers arriving meanwhile add their text to that batch and wait for it;
- the first caller then runs *one* encode for all the texts and hands every caller its own row.

No lock is held while waiting or encoding, so batches never wait for each other; an exception from the model
reaches every caller of the batch. With ``max_wait == 0`` every call goes straight to the model.
"""

from __future__ import annotations

import threading
from typing import Any, Callable, Sequence

EncodeFn = Callable[[list[str]], Sequence[Any]]


class _Batch:
    __slots__ = ("texts", "full", "done", "rows", "error")

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.full = threading.Event()  # set when no more texts may join (size reached or closed by its leader)
        self.done = threading.Event()  # set when rows or error is ready
        self.rows: Sequence[Any] | None = None
        self.error: BaseException | None = None


class QueryBatcher:
    """Collects concurrent single-text encodes into shared model calls (thread-safe).

    Args:
        encode: encodes a list of texts into one row per text (e.g. ``SentenceTransformer.encode``).
        max_wait: seconds the first caller of a batch waits for others; ``0`` turns batching off.
        max_batch: the most texts one model call takes; a full batch runs at once.
    """

    def __init__(self, encode: EncodeFn, max_wait: float = 0.003, max_batch: int = 32):
        if max_wait < 0 or max_batch < 1:
            raise ValueError("max_wait must be >= 0 and max_batch >= 1")
        self._encode = encode
        self.max_wait = max_wait
        self.max_batch = max_batch
        self._lock = threading.Lock()
        self._open: _Batch | None = None  # the batch new callers join, if any

    def encode(self, text: str):
        """The row of ``text``, computed in one model call with whatever other texts arrived meanwhile."""
        if self.max_wait == 0:
            return self._encode([text])[0]
        with self._lock:
            batch = self._open
            leader = batch is None
            if leader:
                batch = self._open = _Batch()
            index = len(batch.texts)
            batch.texts.append(text)
            if len(batch.texts) >= self.max_batch:
                self._close(batch)
        if leader:
            batch.full.wait(self.max_wait)
            with self._lock:
                self._close(batch)
            self._run(batch)
        else:
            batch.done.wait()
        if batch.error is not None:
            raise batch.error
        return batch.rows[index]

    def _close(self, batch: _Batch) -> None:
        """No more texts join ``batch`` (call with the lock held)."""
        if self._open is batch:
            self._open = None
        batch.full.set()

    def _run(self, batch: _Batch) -> None:
        try:
            rows = self._encode(batch.texts)
            if len(rows) != len(batch.texts):
                raise RuntimeError(f"the encoder returned {len(rows)} rows for {len(batch.texts)} texts")
            batch.rows = rows
        except BaseException as exc:  # noqa: BLE001 - handed to every caller of the batch, then re-raised
            batch.error = exc
        finally:
            batch.done.set()
