"""The red-team harness (``make redteam``): attacks a local copy of the app and reports what held.

Modules: :mod:`.fuzzcases` (the pure, seeded fuzz-case generator and the judge), :mod:`.workspace` (temp corpus,
index and ``nearshore serve`` subprocesses on 127.0.0.1), :mod:`.ingestkill` and :mod:`.probe` (kill -9 during
ingest), :mod:`.webchecks` (fuzz, uploads, poisoned answers, load, rate limits), ``__main__`` (options and table).
It never imports :mod:`assistant.interfaces`: the app is driven as a subprocess and over HTTP.
"""
