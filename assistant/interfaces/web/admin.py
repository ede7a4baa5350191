"""Admin uploads: check files (type, size, name), validate them with the corpus loader in a staging folder,
screen each document (:mod:`assistant.ingest.screening`), then copy the clean ones into the corpus and re-index.

A document with findings is set apart (``Staged.flagged``) and never copied into the corpus here: the review
queue (:mod:`assistant.interfaces.web.review`) keeps it until an admin releases or discards it. A bad upload
changes nothing: validation happens before any file reaches the corpus, and if the re-index fails the copied
files are taken out again (the index itself switches generations atomically, so the served index is untouched).
"""

from __future__ import annotations

import hmac
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from assistant.errors import UserInputError
from assistant.ingest.authority import UPLOADS_DIR
from assistant.ingest.discover import load_corpus
from assistant.ingest.screening import Finding, screen_document
from assistant.interfaces.web.corpus_edit import apply_and_reindex

UPLOAD_SUBDIR = UPLOADS_DIR  # documents here are indexed with authority "uploaded"
ALLOWED_SUFFIXES = (".pdf.yaml", ".md", ".pdf")  # longest first
MAX_NAME = 120


class UploadError(UserInputError):
    """An upload that was refused; the message says which file and why. Nothing was changed."""


def token_ok(expected: str | None, given: str | None) -> bool:
    """Constant-time token check of the token exactly as given; no token configured means no admin at all."""
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))  # exactly as typed


def sanitize_filename(name: str) -> str:
    """A safe corpus file name: no folders, ASCII letters, digits, '.', '-', '_' only, an allowed type."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii").lower()
    base = re.sub(r"\s+", "-", base.strip())
    base = re.sub(r"[^a-z0-9._-]", "", base)
    base = re.sub(r"\.{2,}", ".", base).lstrip(".-_")
    suffix = next((s for s in ALLOWED_SUFFIXES if base.endswith(s)), None)
    if suffix is None:
        raise UploadError(f"'{name}' is not an accepted type: upload .md, .pdf or a .pdf.yaml sidecar")
    stem = base[: -len(suffix)].strip("._-")
    if not stem:
        raise UploadError(f"'{name}' has no usable name once unsafe characters are removed: rename it")
    return stem[: MAX_NAME - len(suffix)] + suffix


@dataclass(frozen=True)
class Flagged:
    """A staged document that screening held back: its files (names in the staging folder) and the findings."""

    doc_id: str
    title: str
    names: list[str]
    findings: list[Finding]


@dataclass
class Staged:
    """Uploads that passed every check, waiting in a staging folder: ``names`` / ``doc_ids`` are the clean ones
    (installed by :func:`install_and_reindex`), ``flagged`` the documents held for review."""

    folder: Path
    names: list[str]
    doc_ids: list[str]
    warnings: list[str] = field(default_factory=list)
    flagged: list[Flagged] = field(default_factory=list)


def stage_uploads(paths: Iterable[Path | str], max_mb: int, existing: dict[str, str] | None = None,
                  original_names: Iterable[str] | None = None, screen: bool = True) -> Staged:
    """Check, validate and screen uploads in a temporary folder; raises :class:`UploadError` on the first problem.

    ``existing`` maps the ids already in the index to their corpus paths, so an upload cannot silently take
    another document's id (re-uploading the same file name replaces it, which is allowed). With ``screen``
    (always, except when an admin releases a held document) a document with screening findings goes to
    ``Staged.flagged`` instead of ``names``.
    """
    paths = [Path(p) for p in paths]
    if not paths:
        raise UploadError("no file was uploaded: choose a .md or .pdf file first")
    originals = list(original_names) if original_names is not None else [p.name for p in paths]
    limit = max_mb * 1024 * 1024
    folder = Path(tempfile.mkdtemp(prefix="nearshore-upload-"))
    target = folder / UPLOAD_SUBDIR
    target.mkdir()
    try:
        names: list[str] = []
        for path, original in zip(paths, originals, strict=True):
            name = sanitize_filename(original)
            size = path.stat().st_size
            if size > limit:
                raise UploadError(f"'{original}' is {size / 1024 / 1024:.1f} MB; the limit is {max_mb} MB")
            if size == 0:
                raise UploadError(f"'{original}' is empty")
            if name in names:
                raise UploadError(f"two uploads are both named '{name}': upload each file once")
            shutil.copyfile(path, target / name)
            names.append(name)
        for name in names:
            if name.endswith(".pdf.yaml") and name[: -len(".yaml")] not in names:
                raise UploadError(f"sidecar '{name}' needs its PDF '{name[:-len('.yaml')]}' in the same upload")
        report = load_corpus(folder)
        if report.errors:
            raise UploadError("; ".join(str(p) for p in report.errors))
        if not report.documents:
            raise UploadError("the upload holds no document to index")
        existing = existing or {}
        for doc in report.documents:
            owner = existing.get(doc.meta.id)
            if owner is not None and owner != doc.path:
                raise UploadError(
                    f"{doc.path}: id '{doc.meta.id}' is already used by {owner} — give the document a unique id"
                )
        warnings = [str(p) for p in report.problems if p.severity != "error"]
        staged = Staged(folder, names, [], warnings)
        for doc in report.documents:
            findings = screen_document(doc) if screen else []
            if not findings:
                staged.doc_ids.append(doc.meta.id)
                continue
            name = doc.path.split("/")[-1]
            files = [n for n in names if n in (name, f"{name}.yaml")]
            staged.names = [n for n in staged.names if n not in files]
            staged.flagged.append(Flagged(doc.meta.id, doc.meta.title, files, findings))
        return staged
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def install_and_reindex(staged: Staged, corpus_dir: Path, store,
                        on_progress: Callable[[str, int, int], None] | None = None, replace: tuple[str, ...] = ()):
    """Copy the clean staged files into ``corpus_dir/uploads`` and re-index; on any failure put the corpus back.

    ``replace``: corpus-relative files of the document being replaced, removed in the same transaction
    (:func:`assistant.interfaces.web.corpus_edit.apply_and_reindex`). Flagged documents are never copied: hold them
    first (:func:`assistant.interfaces.web.review.accept_uploads`), or they are dropped with the staging folder."""
    try:
        add = {f"{UPLOAD_SUBDIR}/{name}": staged.folder / UPLOAD_SUBDIR / name for name in staged.names}
        keep = set(add)
        return apply_and_reindex(Path(corpus_dir), store, add=add, remove=[r for r in replace if r not in keep],
                                 on_progress=on_progress)
    finally:
        shutil.rmtree(staged.folder, ignore_errors=True)


def indexed_documents(store) -> dict[str, str]:
    """Ids in the served index → their corpus-relative paths (empty before the first ingest)."""
    manifest = store.current_manifest()
    return {doc_id: info.path for doc_id, info in manifest.documents.items()} if manifest else {}
