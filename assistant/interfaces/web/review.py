"""The review queue: uploads that screening held back wait here, outside the corpus, until an admin decides.

Layout under the review folder (``NEARSHORE_REVIEW_DIR``, default ``data/review``)::

    <doc id>/<uploaded file(s)>      the document as uploaded (a PDF keeps its .pdf.yaml sidecar beside it)
    <doc id>/review.json             doc id, title, files, when it was held, and the reasons

Nothing here is ever indexed: ``release`` validates the files again and installs them through the same path as
a clean upload (authority "uploaded"); ``discard`` deletes them. Uploading a document with the id of one already
held replaces the held one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from assistant.interfaces.web.admin import (
    UPLOAD_SUBDIR,
    Staged,
    UploadError,
    indexed_documents,
    install_and_reindex,
    stage_uploads,
)

REVIEW_FILE = "review.json"
_ITEM_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{1,119}$")


@dataclass(frozen=True)
class HeldDocument:
    """One document in the review queue (``item_id`` is its doc id and its folder's name)."""

    item_id: str
    title: str
    files: list[str]
    reasons: list[dict[str, str]]  # {"rule", "reason", "excerpt"}
    held_at: str


@dataclass
class Accepted:
    """What became of one upload: the documents held for review and the re-index of the clean ones."""

    held: list[HeldDocument] = field(default_factory=list)
    installed: list[str] = field(default_factory=list)  # clean file names copied into the corpus
    report: object | None = None  # the IngestReport, when something clean was indexed


def _item_dir(review_dir: Path, item_id: str) -> Path:
    """The folder of a held item; refuses anything that is not a plain doc id (no paths from a client)."""
    if not isinstance(item_id, str) or not _ITEM_ID.match(item_id):
        raise UploadError("choose a held document from the list first")
    return Path(review_dir) / item_id


def hold(staged: Staged, review_dir: Path) -> list[HeldDocument]:
    """Move every flagged document of ``staged`` into the review folder with its reasons; clears ``flagged``."""
    review_dir = Path(review_dir)
    held: list[HeldDocument] = []
    for flagged in staged.flagged:
        target = _item_dir(review_dir, flagged.doc_id)
        partial = review_dir / f".{flagged.doc_id}.{uuid.uuid4().hex[:8]}.partial"
        partial.mkdir(parents=True)
        try:
            for name in flagged.names:
                shutil.copyfile(staged.folder / UPLOAD_SUBDIR / name, partial / name)
            item = HeldDocument(flagged.doc_id, flagged.title, list(flagged.names),
                                [f.to_dict() for f in flagged.findings],
                                dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
            (partial / REVIEW_FILE).write_text(json.dumps(item.__dict__, indent=1, ensure_ascii=False),
                                               encoding="utf-8")
            if target.exists():
                shutil.rmtree(target)  # the newer upload of the same id replaces the held one
            os.replace(partial, target)
        finally:
            shutil.rmtree(partial, ignore_errors=True)  # gone already unless something failed
        held.append(item)
    staged.flagged = []
    return held


def accept_uploads(staged: Staged, corpus_dir: Path, review_dir: Path, store,
                   on_progress: Callable[[str, int, int], None] | None = None) -> Accepted:
    """Hold the flagged documents for review, then install and re-index the clean ones (if any)."""
    try:
        outcome = Accepted(held=hold(staged, review_dir))
    except BaseException:
        shutil.rmtree(staged.folder, ignore_errors=True)
        raise
    if not staged.names:
        shutil.rmtree(staged.folder, ignore_errors=True)
        return outcome
    outcome.installed = list(staged.names)
    outcome.report = install_and_reindex(staged, corpus_dir, store, on_progress=on_progress)
    return outcome


def held_documents(review_dir: Path) -> list[HeldDocument]:
    """The review queue, oldest first (folders without a readable ``review.json`` are skipped)."""
    review_dir = Path(review_dir)
    items: list[HeldDocument] = []
    if not review_dir.is_dir():
        return items
    for folder in sorted(review_dir.iterdir()):
        if not folder.is_dir() or not _ITEM_ID.match(folder.name):
            continue
        try:
            data = json.loads((folder / REVIEW_FILE).read_text(encoding="utf-8"))
            items.append(HeldDocument(folder.name, str(data["title"]), [str(f) for f in data["files"]],
                                      [{k: str(v) for k, v in r.items()} for r in data["reasons"]],
                                      str(data.get("held_at", ""))))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue
    return sorted(items, key=lambda i: (i.held_at, i.item_id))


def _find(review_dir: Path, item_id: str) -> HeldDocument:
    folder = _item_dir(review_dir, item_id)
    found = next((i for i in held_documents(review_dir) if i.item_id == folder.name), None)
    if found is None:
        raise UploadError(f"'{item_id}' is not in the review queue (already released or discarded?)")
    return found


def discard(review_dir: Path, item_id: str) -> HeldDocument:
    """Delete a held document."""
    item = _find(review_dir, item_id)
    shutil.rmtree(_item_dir(review_dir, item.item_id))
    return item


def release(review_dir: Path, item_id: str, corpus_dir: Path, store, max_mb: int,
            on_progress: Callable[[str, int, int], None] | None = None):
    """Index a held document anyway (the admin's decision): validate it again, install it, then drop it from
    the queue. Raises :class:`UploadError` (the document stays held) when it no longer validates."""
    item = _find(review_dir, item_id)
    folder = _item_dir(review_dir, item.item_id)
    if any(Path(name).name != name for name in item.files):
        raise UploadError(f"'{item_id}' names files outside its folder: discard it")
    staged = stage_uploads([folder / name for name in item.files], max_mb, existing=indexed_documents(store),
                           screen=False)
    report = install_and_reindex(staged, corpus_dir, store, on_progress=on_progress)
    shutil.rmtree(folder, ignore_errors=True)
    return report
