"""Deciding what an ingest has to do — pure: no files, no Chroma, no model.

Given the served manifest, the current settings, the corpus file fingerprints and the loaded documents,
:func:`plan_ingest` says whether there is nothing to do, whether everything must be embedded again (and
why), or which documents keep their chunks and vectors and which are chunked and embedded afresh.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from assistant.index.manifest import IndexConfig, Manifest
from assistant.models import Document

DocStatus = Literal["added", "changed", "unchanged"]


@dataclass(frozen=True)
class DocPlan:
    """One document of the new generation: copy its old chunks and vectors (``reuse``) or chunk and embed it."""

    document: Document
    status: DocStatus
    reuse: tuple[str, ...] | None = None  # chunk ids to copy from the served generation; None: chunk + embed

    @property
    def doc_id(self) -> str:
        return self.document.meta.id


@dataclass(frozen=True)
class IngestPlan:
    config: IndexConfig
    file_hashes: dict[str, str]
    old: Manifest | None  # the served generation (the new one's "previous"), even on a full rebuild
    noop: bool = False
    full_rebuild: bool = False
    reason: str = ""
    documents: tuple[DocPlan, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def incremental(self) -> bool:
        """Vectors can be copied from the served generation."""
        return not self.noop and not self.full_rebuild and self.old is not None

    def ids(self, status: DocStatus) -> list[str]:
        return [d.doc_id for d in self.documents if d.status == status]

    @property
    def to_copy(self) -> list[str]:
        return [cid for d in self.documents if d.reuse is not None for cid in d.reuse]


def decide(old: Manifest | None, config: IndexConfig, file_hashes: dict[str, str], rebuild: bool = False) -> IngestPlan:
    """No-op, full rebuild (with its reason) or incremental — without looking at the documents."""
    common = {"config": config, "file_hashes": dict(file_hashes), "old": old}
    if rebuild:
        return IngestPlan(**common, full_rebuild=True, reason="--rebuild")
    if old is None:
        return IngestPlan(**common, full_rebuild=True, reason="no index yet")
    changed = old.config_changes(config)
    if changed:
        return IngestPlan(**common, full_rebuild=True, reason=f"{', '.join(changed)} changed")
    if old.files == file_hashes:
        return IngestPlan(**common, noop=True)
    return IngestPlan(**common)


def plan_ingest(old: Manifest | None, config: IndexConfig, file_hashes: dict[str, str],
                documents: Sequence[Document], rebuild: bool = False, *,
                old_chunk_ids: Collection[str] | None = None) -> IngestPlan:
    """The whole plan. A document is reused when its content hash and path are unchanged (a moved document
    may change authority, see :mod:`assistant.ingest.authority`) and every one of its old
    chunks is still in the served generation (``old_chunk_ids``; ``None`` trusts the manifest)."""
    plan = decide(old, config, file_hashes, rebuild)
    if plan.noop:
        return plan
    old_docs = old.documents if plan.incremental else {}
    entries: list[DocPlan] = []
    for doc in documents:
        prior = old_docs.get(doc.meta.id)
        if (prior is not None and prior.hash == doc.content_hash and prior.path == doc.path  # path sets authority
                and (old_chunk_ids is None or all(c in old_chunk_ids for c in prior.chunks))):
            entries.append(DocPlan(doc, "unchanged", tuple(prior.chunks)))
        else:
            entries.append(DocPlan(doc, "changed" if prior is not None else "added"))
    removed = sorted(set(old_docs) - {d.doc_id for d in entries})
    return IngestPlan(config=plan.config, file_hashes=plan.file_hashes, old=old, full_rebuild=plan.full_rebuild,
                      reason=plan.reason, documents=tuple(entries), removed=tuple(removed))
