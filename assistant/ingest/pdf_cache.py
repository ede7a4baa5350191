"""Reading many PDFs: on both cores at once, and once per file version.

Extracting the text of the shipped official texts takes about two minutes of one core (1,500 pages through
pypdf). So the loaded documents are kept in a cache folder beside the index, keyed by the file's fingerprint
(its bytes and its sidecar's) and :data:`PDF_CACHE_VERSION`, and the PDFs that are not cached yet are read by a
small pool of worker processes. (A PDF without a sidecar takes its id from its file name, so the name and
modification time are part of the key too.) A cache entry is written whole (temporary file, then rename) or not at all;
an unreadable entry is read again from the PDF. Entries no file uses any more are deleted. Within one process the
documents read last are also kept in memory (:data:`MEMO_SIZE` files), so a server that re-indexes, or a command
that loads the corpus twice, reads each PDF once even without a cache folder.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from assistant.errors import DocumentError
from assistant.ingest.metadata import file_fingerprint
from assistant.ingest.pdf import load_pdf
from assistant.models import Document

log = logging.getLogger(__name__)

# Bump when PDF reading changes what a document holds (text cleaning, sections, metadata defaults).
PDF_CACHE_VERSION = "2"  # 2: running headers/footers dropped, hyphenated line ends re-joined

MEMO_SIZE = 32  # PDFs kept in memory per process (the shipped official texts hold about 6 MB of text)

Loaded = tuple[Document, list[str]] | DocumentError
_memo: OrderedDict[str, tuple[Document, list[str]]] = OrderedDict()


def _remember(key: str, doc: Document, warnings: list[str]) -> None:
    _memo[key] = (doc, list(warnings))
    _memo.move_to_end(key)
    while len(_memo) > MEMO_SIZE:
        _memo.popitem(last=False)


def _read(path: str, rel: str) -> tuple[str, object]:
    """Worker: one PDF → ("ok", (document JSON, warnings)) or ("error", (message, hint))."""
    try:
        doc, warnings = load_pdf(Path(path), rel)
        return "ok", (doc.model_dump_json(), warnings)
    except DocumentError as exc:
        return "error", (exc.message, exc.hint)
    except Exception as exc:  # noqa: BLE001 - one unreadable file never stops the rest (nor the pool)
        return "error", (f"could not be loaded ({type(exc).__name__})", "check that the file is a valid PDF document")


def _identity(path: Path, fingerprint: str) -> str:
    """What a loaded PDF depends on: its bytes and sidecar (the fingerprint), and — for a PDF without a sidecar,
    whose id and title come from its name and whose date may come from its modification time — name and mtime."""
    stat = path.stat()
    return hashlib.sha256(f"{fingerprint}\n{path.name}\n{stat.st_mtime_ns}".encode()).hexdigest()[:40]


def _cache_file(cache_dir: Path, identity: str) -> Path:
    return cache_dir / f"{identity}-v{PDF_CACHE_VERSION}.json"


def _from_cache(file: Path, rel: str) -> tuple[Document, list[str]] | None:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        doc = Document.model_validate(data["document"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return doc.model_copy(update={"path": rel}), [str(w) for w in data.get("warnings", [])]


def _to_cache(file: Path, doc: Document, warnings: list[str]) -> None:
    tmp = file.with_suffix(f".tmp{os.getpid()}")
    try:
        tmp.write_text(json.dumps({"document": doc.model_dump(mode="json"), "warnings": warnings}), encoding="utf-8")
        os.replace(tmp, file)
    except OSError as exc:  # a full disk or read-only folder only costs speed
        log.warning("could not cache %s (%s)", doc.path, exc)
        tmp.unlink(missing_ok=True)


def load_pdfs(files: list[tuple[Path, str]], cache_dir: Path | None = None, workers: int | None = None) -> dict[str, Loaded]:
    """Load ``(path, corpus-relative name)`` PDFs; each name maps to ``(document, warnings)`` or the
    :class:`DocumentError` that refused it. ``workers`` defaults to the machine's cores (at most 4)."""
    out: dict[str, Loaded] = {}
    todo: list[tuple[Path, str, Path | None]] = []
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
    used: set[Path] = set()
    keys: dict[str, str] = {}
    for path, rel in files:
        identity = _identity(path, file_fingerprint(path))
        keys[rel] = f"{identity}-v{PDF_CACHE_VERSION}"
        entry = _cache_file(cache_dir, identity) if cache_dir is not None else None
        if entry is not None:
            used.add(entry)
        if keys[rel] in _memo:
            doc, warnings = _memo[keys[rel]]
            out[rel] = (doc.model_copy(update={"path": rel}), list(warnings))
            if entry is not None and not entry.exists():
                _to_cache(entry, doc, warnings)
            continue
        if entry is not None:
            cached = _from_cache(entry, rel) if entry.exists() else None
            if cached is not None:
                out[rel] = cached
                _remember(keys[rel], *cached)
                continue
        todo.append((path, rel, entry))

    workers = min(workers or min(os.cpu_count() or 1, 4), len(todo))
    if workers > 1:
        # "spawn": the parent may hold threads (a web server, torch); forking those is unsafe.
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            results = list(pool.map(_read, [str(p) for p, _, _ in todo], [r for _, r, _ in todo]))
    else:
        results = [_read(str(p), r) for p, r, _ in todo]

    for (path, rel, entry), (status, payload) in zip(todo, results):
        if status == "error":
            message, hint = payload
            out[rel] = DocumentError(message, hint)
            continue
        doc_json, warnings = payload
        doc = Document.model_validate_json(doc_json)
        out[rel] = (doc, warnings)
        _remember(keys[rel], doc, warnings)
        if entry is not None:
            _to_cache(entry, doc, warnings)

    if cache_dir is not None:  # entries of files that changed or left the corpus
        for stale in cache_dir.glob("*.json"):
            if stale not in used:
                stale.unlink(missing_ok=True)
    return out
