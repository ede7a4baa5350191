"""Changing the uploaded documents of the corpus: add, replace or delete files, then re-index — all or nothing.

:func:`apply_and_reindex` is the one transaction every admin action uses: it notes what each touched file held,
writes new files through a ``.partial`` file and ``os.replace`` (a reader never sees half a file), removes the
files to delete, and re-indexes. If anything fails — a busy index, a bad document, the process being told to stop —
every touched file is put back as it was; the index itself switches generations atomically, so the served index is
never half-changed.

Only documents under ``corpus/uploads/`` (the ones added through the Admin tab) can be replaced or deleted here;
the shipped guides and official texts are managed as files (they come with the project's updates).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable

from assistant.errors import UserInputError
from assistant.ingest.authority import UPLOADS_DIR

Progress = Callable[[str, int, int], None] | None


@dataclass(frozen=True)
class UploadedDocument:
    """An indexed document that was uploaded through the Admin tab: its id, title and corpus-relative files."""

    doc_id: str
    title: str
    files: tuple[str, ...]  # the document, and a PDF's .pdf.yaml sidecar when there is one

    def row(self) -> list[str]:
        return [self.doc_id, self.title, ", ".join(PurePosixPath(f).name for f in self.files)]


def uploaded_documents(manifest, corpus_dir: Path) -> list[UploadedDocument]:
    """The uploaded documents in the served index (``manifest``; None before the first ingest), by id."""
    if manifest is None:
        return []
    docs = []
    for doc_id, entry in manifest.documents.items():
        path = PurePosixPath(entry.path.replace("\\", "/"))
        if path.parts[:1] != (UPLOADS_DIR,):
            continue
        files = [str(path)]
        if path.suffix.lower() == ".pdf" and (Path(corpus_dir) / f"{path}.yaml").exists():
            files.append(f"{path}.yaml")
        docs.append(UploadedDocument(doc_id, entry.title, tuple(files)))
    return sorted(docs, key=lambda d: d.doc_id)


def find_uploaded(manifest, corpus_dir: Path, doc_id: str | None) -> UploadedDocument:
    """The uploaded document ``doc_id``; :class:`UserInputError` when it is not one (or not uploaded)."""
    found = next((d for d in uploaded_documents(manifest, corpus_dir) if d.doc_id == doc_id), None)
    if found is None:
        raise UserInputError(f"'{doc_id or ''}' is not an uploaded document: choose one from the list "
                             "(only documents added through this tab can be replaced or deleted here)")
    return found


def apply_and_reindex(corpus_dir: Path, store, add: dict[str, Path] | None = None,
                      remove: list[str] | tuple[str, ...] = (), on_progress: Progress = None):
    """Write ``add`` (corpus-relative name → source file), delete ``remove`` (corpus-relative names), re-index.

    Returns the ingest report. On any failure every touched file is restored and the error is raised again."""
    corpus_dir = Path(corpus_dir)
    add = dict(add or {})
    backups: dict[Path, bytes | None] = {}

    def note(dest: Path) -> None:
        if dest not in backups:
            backups[dest] = dest.read_bytes() if dest.exists() else None

    try:
        for rel in remove:
            dest = _inside(corpus_dir, rel)
            note(dest)
            dest.unlink(missing_ok=True)
        for rel, source in add.items():
            dest = _inside(corpus_dir, rel)
            note(dest)
            dest.parent.mkdir(parents=True, exist_ok=True)
            partial = dest.with_name(f".{dest.name}.partial")
            shutil.copyfile(source, partial)
            os.replace(partial, dest)
        return store.ingest(corpus_dir, on_progress=on_progress)
    except BaseException:
        _restore(backups)
        raise


def _inside(corpus_dir: Path, rel: str) -> Path:
    """``corpus_dir/rel``, refusing anything outside ``corpus_dir/uploads`` (no paths from a client)."""
    root = (corpus_dir / UPLOADS_DIR).resolve()
    dest = (corpus_dir / rel).resolve()
    if dest.parent != root:
        raise UserInputError(f"'{rel}' is not a file of {UPLOADS_DIR}/")
    return corpus_dir / UPLOADS_DIR / dest.name


def _restore(backups: dict[Path, bytes | None]) -> None:
    for dest, content in backups.items():
        dest.with_name(f".{dest.name}.partial").unlink(missing_ok=True)
        if content is None:
            dest.unlink(missing_ok=True)
        else:
            partial = dest.with_name(f".{dest.name}.partial")
            partial.write_bytes(content)
            os.replace(partial, dest)
