"""The index: generations of (Chroma collection + BM25 + chunk list + manifest), switched atomically.

Layout under ``index_dir``::

    CURRENT                      JSON naming the generation that is served (replaced atomically)
    generations/<gen>/manifest.json, chunks.jsonl, bm25/, bm25-guides/ (when official texts are indexed),
                 vectors.npy (the chunk vectors), sentences/ (see assistant.index.sentence_table)
    chroma/                      the local Chroma store (unless a Chroma server is used)
    cache/documents/             PDFs already read, by file fingerprint (see assistant.ingest.pdf_cache)

An ingest builds a complete new generation beside the served one — copying the vectors of unchanged
documents instead of re-embedding them — and only then rewrites ``CURRENT``. A run killed at any point
leaves ``CURRENT`` on the old, complete generation; the next ingest finds the orphaned, half-built one
and deletes it. Readers take an immutable :class:`Snapshot`, so a query sees the old or the new index,
never a mix.

What to do is decided in :mod:`assistant.index.plan` and done in :mod:`assistant.index.build`; this
module owns the folder, the lock, the repairs and the snapshots.
"""

from __future__ import annotations

import fcntl
import json
import shutil
import threading
import time
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Callable

import numpy as np

from assistant.errors import IndexNotBuilt, IndexNotReady, IngestBusy
from assistant.ingest.chunking import CHUNKER_VERSION
from assistant.ingest.discover import Problem, corpus_files, load_corpus
from assistant.ingest.metadata import file_fingerprint
from assistant.index.build import ProgressCallback, build_generation, embedding_text, lexical_text
from assistant.index.lexical import GUIDES_BM25, LexicalIndex, tokenizer_version
from assistant.index.manifest import MANIFEST_VERSION, IndexConfig, Manifest
from assistant.index.plan import decide, plan_ingest
from assistant.index.sentence_table import CHUNK_VECTORS, SentenceTable, load_matrix
from assistant.index.vectors import COLLECTION_PREFIX, orphan_segment_dirs
from assistant.models import Chunk

__all__ = ["IndexStore", "IngestBusy", "IngestReport", "Snapshot", "embedding_text", "lexical_text"]


@dataclass
class IngestReport:
    generation: str | None = None
    noop: bool = False
    full_rebuild: bool = False
    reason: str = ""
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    chunks_embedded: int = 0
    chunks_copied: int = 0
    chunks_total: int = 0
    sentences_embedded: int = 0
    sentences_copied: int = 0
    sentence_seconds: float = 0.0
    repaired: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        if self.noop:
            return f"index up to date ({self.chunks_total} chunks); nothing to do"
        parts = [
            f"{len(self.added)} added",
            f"{len(self.changed)} changed",
            f"{len(self.removed)} removed",
            f"{len(self.unchanged)} unchanged",
        ]
        kind = f"full rebuild ({self.reason})" if self.full_rebuild else "incremental"
        return (
            f"{kind}: {', '.join(parts)}; {self.chunks_embedded} chunks embedded, "
            f"{self.chunks_copied} reused, {self.chunks_total} in index; {self.sentences_embedded} sentences "
            f"embedded, {self.sentences_copied} reused; {self.seconds:.1f} s"
        )


@dataclass(frozen=True)
class Snapshot:
    """One complete, immutable generation of the index."""

    generation: str
    # The generation's Chroma collection, opened on first use: answering reads the vector matrix below, so a
    # question never waits for the Chroma client (only a generation without the matrix, and maintenance, use it).
    open_collection: Callable[[], object]
    lexical: LexicalIndex
    chunks: tuple[Chunk, ...]
    by_id: dict[str, Chunk]
    manifest: Manifest
    # BM25 over the guides alone (curated and uploaded), when the generation also holds official texts: the
    # guides keep the term statistics they were tuned on, and the laws are ranked apart (see answer.retrieval).
    guide_lexical: LexicalIndex | None = None
    # The chunk vectors in ``chunks`` order (memory-mapped; exact dense search) and the sentence table; ``None`` for
    # a generation built before they existed (searched through Chroma, sentences split at answer time).
    vectors: object | None = None
    sentences: SentenceTable | None = None

    @property
    def has_official(self) -> bool:
        return self.guide_lexical is not None

    @cached_property
    def collection(self):
        return self.open_collection()

    @cached_property
    def position(self) -> dict[str, int]:
        """Each chunk id's row in ``chunks`` (and in ``vectors``)."""
        return {c.id: i for i, c in enumerate(self.chunks)}

    def embeddings(self, ids: list[str]) -> dict[str, np.ndarray]:
        """The stored vectors of ``ids`` (those the index holds): from the matrix, else from Chroma."""
        if self.vectors is not None:
            rows = [(cid, self.position[cid]) for cid in ids if cid in self.position]
            return {cid: np.asarray(self.vectors[i], dtype=np.float32) for cid, i in rows}
        got = self.collection.get(ids=list(ids), include=["embeddings"])
        return {cid: np.asarray(emb, dtype=np.float32) for cid, emb in zip(got["ids"], got["embeddings"])}


def read_chunks(path: Path) -> tuple[Chunk, ...]:
    """The chunk list of a generation (``chunks.jsonl``), in index order."""
    return tuple(
        Chunk.model_validate_json(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    )


class IndexStore:
    """Owns the index folder and the Chroma client; builds generations and hands out snapshots."""

    def __init__(self, index_dir: Path, client_factory: Callable[[], object], embedder,
                 chunk_words: int = 250, overlap_words: int = 40):
        self.index_dir = Path(index_dir)
        self._client_factory = client_factory
        self._client = None
        self.embedder = embedder
        self.chunk_words = chunk_words
        self.overlap_words = overlap_words
        self._snapshot: Snapshot | None = None
        self._snapshot_key: str | None = None
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ paths and state
    @property
    def client(self):
        if self._client is None:
            self._client = self._client_factory()
        return self._client

    @property
    def current_file(self) -> Path:
        return self.index_dir / "CURRENT"

    @property
    def generations_dir(self) -> Path:
        return self.index_dir / "generations"

    def current(self) -> dict | None:
        try:
            return json.loads(self.current_file.read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            return None

    def manifest(self, generation: str) -> Manifest | None:
        return Manifest.read(self.generations_dir / generation / "manifest.json")

    def current_manifest(self) -> Manifest | None:
        cur = self.current()
        return self.manifest(cur["generation"]) if cur else None

    def exists(self) -> bool:
        return self.current_manifest() is not None

    def _config(self) -> IndexConfig:
        """The settings an index built now depends on."""
        return IndexConfig(
            manifest_version=MANIFEST_VERSION,
            embedding_model=self.embedder.fingerprint,
            chunker_version=CHUNKER_VERSION,
            chunk_words=self.chunk_words,
            overlap_words=self.overlap_words,
            tokenizer_version=tokenizer_version(),
        )

    # ------------------------------------------------------------------ reading
    def snapshot(self) -> Snapshot:
        """The generation ``CURRENT`` names, loaded once and reused until ``CURRENT`` changes."""
        cur = self.current()
        if cur is None:
            raise IndexNotBuilt(self.index_dir)
        key = cur["generation"]
        with self._lock:
            if self._snapshot is not None and self._snapshot_key == key:
                return self._snapshot
            gen_dir = self.generations_dir / key
            manifest = self.manifest(key)
            if manifest is None:
                raise IndexNotReady(f"index generation {key} is incomplete: run `nearshore ingest` to repair it")
            chunks = read_chunks(gen_dir / "chunks.jsonl")
            lexical = LexicalIndex.load(gen_dir / "bm25", [c.id for c in chunks])
            guides = [c.id for c in chunks if c.authority != "official"]
            guide_lexical = (LexicalIndex.load(gen_dir / GUIDES_BM25, guides or ["-"])
                             if len(guides) < len(chunks) and (gen_dir / GUIDES_BM25).is_dir() else None)
            vectors = load_matrix(gen_dir / CHUNK_VECTORS)
            if vectors is not None and vectors.shape[0] != len(chunks):
                vectors = None  # not this generation's matrix: search through Chroma
            self._snapshot = Snapshot(
                generation=key,
                open_collection=partial(self._open_collection, manifest.collection),
                lexical=lexical,
                chunks=chunks,
                by_id={c.id: c for c in chunks},
                manifest=manifest,
                guide_lexical=guide_lexical,
                vectors=vectors,
                sentences=SentenceTable.load(gen_dir),
            )
            self._snapshot_key = key
            return self._snapshot

    def _open_collection(self, name: str):
        with self._lock:
            return self.client.get_collection(name)

    def _chunks_by_id(self, generation: str) -> dict[str, Chunk]:
        """A generation's chunks by id: from the loaded snapshot when it is that generation, else parsed once."""
        with self._lock:
            if self._snapshot is not None and self._snapshot_key == generation:
                return self._snapshot.by_id
        return {c.id: c for c in read_chunks(self.generations_dir / generation / "chunks.jsonl")}

    # ------------------------------------------------------------------ writing
    def _file_hashes(self, corpus_dir: Path) -> dict[str, str]:
        return {str(path.relative_to(corpus_dir)): file_fingerprint(path) for path in corpus_files(corpus_dir)}

    def repair(self) -> list[str]:
        """Delete what an interrupted ingest left behind; keep the served and the previous generation."""
        removed: list[str] = []
        cur = self.current()
        keep = set()
        if cur:
            keep.add(cur["generation"])
            if cur.get("previous"):
                keep.add(cur["previous"])
        if self.generations_dir.is_dir():
            for gen_dir in self.generations_dir.iterdir():
                if gen_dir.name not in keep:
                    shutil.rmtree(gen_dir, ignore_errors=True)
                    removed.append(f"generation {gen_dir.name}")
        keep_collections = {COLLECTION_PREFIX + g for g in keep}
        for col in self.client.list_collections():
            name = col if isinstance(col, str) else col.name
            if name.startswith(COLLECTION_PREFIX) and name not in keep_collections:
                self.client.delete_collection(name)
                removed.append(f"collection {name}")
        for folder in orphan_segment_dirs(self.client):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(f"vector folder {folder.name}")
        for tmp in self.index_dir.glob(".CURRENT.*.tmp"):
            tmp.unlink(missing_ok=True)
        return removed

    def _acquire(self):
        self.index_dir.mkdir(parents=True, exist_ok=True)
        fh = open(self.index_dir / ".ingest.lock", "w")
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.close()
            raise IngestBusy(f"another ingest is running on {self.index_dir}; wait for it to finish") from None
        return fh

    def _served_manifest(self, report: IngestReport) -> Manifest | None:
        """The served generation's manifest, or ``None`` (rebuild) when its collection is gone."""
        manifest = self.current_manifest()
        if manifest is not None:
            try:
                self.client.get_collection(manifest.collection)
            except Exception:  # noqa: BLE001 - the served collection is gone: rebuild
                report.repaired.append("served collection missing")
                return None
        return manifest

    def ingest(self, corpus_dir: Path, rebuild: bool = False, progress: bool = False,
               on_progress: ProgressCallback | None = None) -> IngestReport:
        """Bring the index in line with ``corpus_dir``: embed only new and changed documents."""
        started = time.perf_counter()
        corpus_dir = Path(corpus_dir)
        lock = self._acquire()
        try:
            report = IngestReport(repaired=self.repair())
            old = self._served_manifest(report)
            config = self._config()
            file_hashes = self._file_hashes(corpus_dir)
            plan = decide(old, config, file_hashes, rebuild)
            report.full_rebuild, report.reason = plan.full_rebuild, plan.reason
            if plan.noop:
                report.noop = True
                report.generation = old.generation
                report.chunks_total = old.chunk_count
                report.problems = list(old.problems)
                report.seconds = time.perf_counter() - started
                return report

            loaded = load_corpus(corpus_dir, self.index_dir / "cache" / "documents")
            report.problems = loaded.problems
            old_chunks = self._chunks_by_id(old.generation) if plan.incremental and old.documents else {}
            plan = plan_ingest(old, config, file_hashes, loaded.documents, rebuild, old_chunk_ids=old_chunks)
            report.added, report.changed = plan.ids("added"), plan.ids("changed")
            report.unchanged, report.removed = plan.ids("unchanged"), list(plan.removed)

            built = build_generation(
                plan, client=self.client, embedder=self.embedder, generations_dir=self.generations_dir,
                current_file=self.current_file, corpus_dir=corpus_dir, old_chunks=old_chunks,
                problems=loaded.problems, progress=progress, on_progress=on_progress,
            )
            report.generation = built.manifest.generation
            report.chunks_total = built.manifest.chunk_count
            report.chunks_embedded, report.chunks_copied = built.chunks_embedded, built.chunks_copied
            report.sentences_embedded, report.sentences_copied = built.sentences_embedded, built.sentences_copied
            report.sentence_seconds = built.sentence_seconds
            self.repair()
            report.seconds = time.perf_counter() - started
            return report
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
            lock.close()
