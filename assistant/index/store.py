"""The index: generations of (Chroma collection + BM25 + chunk list + manifest), switched atomically.

Layout under ``index_dir``::

    CURRENT                      JSON naming the generation that is served (replaced atomically)
    generations/<gen>/manifest.json, chunks.jsonl, bm25/
    chroma/                      the local Chroma store (unless a Chroma server is used)

An ingest builds a complete new generation beside the served one — copying the vectors of unchanged
documents instead of re-embedding them — and only then rewrites ``CURRENT``. A run killed at any point
leaves ``CURRENT`` on the old, complete generation; the next ingest finds the orphaned, half-built one
and deletes it. Readers take an immutable :class:`Snapshot`, so a query sees the old or the new index,
never a mix.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import shutil
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from assistant.errors import IndexNotBuilt, IndexNotReady, IngestBusy
from assistant.ingest.chunking import CHUNKER_VERSION, chunk_document
from assistant.ingest.discover import Problem, corpus_files, load_corpus
from assistant.ingest.metadata import file_fingerprint
from assistant.index.lexical import LexicalIndex
from assistant.models import Chunk
from assistant.index.vectors import COLLECTION_PREFIX, chunk_metadata

MANIFEST_VERSION = 1
_BATCH = 256


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
            f"{self.chunks_copied} reused, {self.chunks_total} in index; {self.seconds:.1f} s"
        )


@dataclass(frozen=True)
class Snapshot:
    """One complete, immutable generation of the index."""

    generation: str
    collection: object
    lexical: LexicalIndex
    chunks: tuple[Chunk, ...]
    by_id: dict[str, Chunk]
    manifest: dict


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


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

    def manifest(self, generation: str) -> dict | None:
        try:
            return json.loads((self.generations_dir / generation / "manifest.json").read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            return None

    def current_manifest(self) -> dict | None:
        cur = self.current()
        return self.manifest(cur["generation"]) if cur else None

    def exists(self) -> bool:
        return self.current_manifest() is not None

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
            chunks = tuple(
                Chunk.model_validate_json(line)
                for line in (gen_dir / "chunks.jsonl").read_text(encoding="utf-8").splitlines()
                if line.strip()
            )
            lexical = LexicalIndex.load(gen_dir / "bm25", [c.id for c in chunks])
            collection = self.client.get_collection(manifest["collection"])
            self._snapshot = Snapshot(
                generation=key,
                collection=collection,
                lexical=lexical,
                chunks=chunks,
                by_id={c.id: c for c in chunks},
                manifest=manifest,
            )
            self._snapshot_key = key
            return self._snapshot

    # ------------------------------------------------------------------ writing
    def _file_hashes(self, corpus_dir: Path) -> dict[str, str]:
        return {str(path.relative_to(corpus_dir)): file_fingerprint(path) for path in corpus_files(corpus_dir)}

    def _config(self) -> dict:
        return {
            "manifest_version": MANIFEST_VERSION,
            "embedding_model": self.embedder.fingerprint,
            "chunker_version": CHUNKER_VERSION,
            "chunk_words": self.chunk_words,
            "overlap_words": self.overlap_words,
        }

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

    def ingest(self, corpus_dir: Path, rebuild: bool = False, progress: bool = False,
               on_progress: Callable[[str, int, int], None] | None = None) -> IngestReport:
        """Bring the index in line with ``corpus_dir``: embed only new and changed documents."""
        started = time.perf_counter()
        corpus_dir = Path(corpus_dir)
        lock = self._acquire()
        try:
            report = IngestReport()
            report.repaired = self.repair()
            old_manifest = self.current_manifest()
            config = self._config()
            if old_manifest is not None:
                try:
                    self.client.get_collection(old_manifest["collection"])
                except Exception:  # noqa: BLE001 - the served collection is gone: rebuild
                    report.repaired.append("served collection missing")
                    old_manifest = None

            file_hashes = self._file_hashes(corpus_dir)
            if rebuild:
                report.full_rebuild, report.reason = True, "--rebuild"
            elif old_manifest is None:
                report.full_rebuild, report.reason = True, "no index yet"
            elif {k: old_manifest.get(k) for k in config} != config:
                changed = [k for k in config if old_manifest.get(k) != config[k]]
                report.full_rebuild, report.reason = True, f"{', '.join(changed)} changed"
            elif old_manifest.get("files") == file_hashes:
                report.noop = True
                report.generation = old_manifest["generation"]
                report.chunks_total = old_manifest["chunk_count"]
                report.problems = [Problem(**p) for p in old_manifest.get("problems", [])]
                report.seconds = time.perf_counter() - started
                return report

            loaded = load_corpus(corpus_dir)
            report.problems = loaded.problems
            old_docs = {} if report.full_rebuild else old_manifest["documents"]
            old_chunks: dict[str, Chunk] = {}
            if old_docs:
                old_dir = self.generations_dir / old_manifest["generation"]
                for line in (old_dir / "chunks.jsonl").read_text(encoding="utf-8").splitlines():
                    if line.strip():
                        c = Chunk.model_validate_json(line)
                        old_chunks[c.id] = c

            generation = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
            gen_dir = self.generations_dir / generation
            gen_dir.mkdir(parents=True)
            collection = self.client.create_collection(
                COLLECTION_PREFIX + generation, metadata={"hnsw:space": "cosine"}, embedding_function=None
            )
            old_collection = self.client.get_collection(old_manifest["collection"]) if old_docs else None

            all_chunks: list[Chunk] = []
            to_embed: list[Chunk] = []
            to_copy: list[str] = []
            documents: dict[str, dict] = {}
            current_ids = set()
            for doc in _progress(loaded.documents, progress, "documents", "doc"):
                current_ids.add(doc.meta.id)
                prior = old_docs.get(doc.meta.id)
                if prior and prior["hash"] == doc.content_hash and all(c in old_chunks for c in prior["chunks"]):
                    chunks = [old_chunks[c] for c in prior["chunks"]]
                    to_copy.extend(prior["chunks"])
                    report.unchanged.append(doc.meta.id)
                else:
                    chunks = chunk_document(doc, self.chunk_words, self.overlap_words)
                    to_embed.extend(chunks)
                    (report.changed if prior else report.added).append(doc.meta.id)
                all_chunks.extend(chunks)
                documents[doc.meta.id] = {
                    "path": doc.path,
                    "hash": doc.content_hash,
                    "title": doc.meta.title,
                    "chunks": [c.id for c in chunks],
                }
            report.removed = sorted(set(old_docs) - current_ids)

            # Reuse vectors of unchanged documents.
            for start in range(0, len(to_copy), _BATCH):
                ids = to_copy[start : start + _BATCH]
                got = old_collection.get(ids=ids, include=["embeddings"])
                vectors = dict(zip(got["ids"], got["embeddings"]))
                missing = [i for i in ids if i not in vectors]
                if missing:  # the old store lost vectors: embed them again
                    to_embed.extend(old_chunks[i] for i in missing)
                    ids = [i for i in ids if i in vectors]
                if ids:
                    collection.add(
                        ids=ids,
                        embeddings=[vectors[i] for i in ids],
                        documents=[old_chunks[i].text for i in ids],
                        metadatas=[chunk_metadata(old_chunks[i]) for i in ids],
                    )
                report.chunks_copied += len(ids)
                if on_progress:
                    on_progress("copy", report.chunks_copied, len(to_copy))

            # Embed new and changed chunks, shortest first: batches of similar length waste no padding.
            to_embed.sort(key=lambda c: len(embedding_text(c)))
            bar = _progress(None, progress, "chunks", "chunk", total=len(to_embed))
            for start in range(0, len(to_embed), _BATCH):
                batch = to_embed[start : start + _BATCH]
                vectors = self.embedder.encode([embedding_text(c) for c in batch])
                collection.add(
                    ids=[c.id for c in batch],
                    embeddings=vectors.tolist() if hasattr(vectors, "tolist") else vectors,
                    documents=[c.text for c in batch],
                    metadatas=[chunk_metadata(c) for c in batch],
                )
                report.chunks_embedded += len(batch)
                if bar is not None:
                    bar.update(len(batch))
                if on_progress:
                    on_progress("embed", report.chunks_embedded, len(to_embed))
            if bar is not None:
                bar.close()

            with open(gen_dir / "chunks.jsonl", "w", encoding="utf-8") as fh:
                for c in all_chunks:
                    fh.write(c.model_dump_json() + "\n")
                fh.flush()
                os.fsync(fh.fileno())
            LexicalIndex.build([c.id for c in all_chunks], [lexical_text(c) for c in all_chunks]).save(gen_dir / "bm25")
            if collection.count() != len(all_chunks):
                raise IndexNotReady(
                    f"vector store holds {collection.count()} chunks, expected {len(all_chunks)}; run the ingest again"
                )
            manifest = {
                **config,
                "generation": generation,
                "collection": COLLECTION_PREFIX + generation,
                "created_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "corpus_dir": str(corpus_dir),
                "chunk_count": len(all_chunks),
                "documents": documents,
                "files": file_hashes,
                "problems": [p.__dict__ for p in loaded.problems],
            }
            _atomic_write(gen_dir / "manifest.json", json.dumps(manifest, indent=1))
            previous = old_manifest["generation"] if old_manifest else None
            _atomic_write(
                self.current_file,
                json.dumps({"generation": generation, "collection": manifest["collection"], "previous": previous}),
            )
            report.generation = generation
            report.chunks_total = len(all_chunks)
            self.repair()
            report.seconds = time.perf_counter() - started
            return report
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
            lock.close()


def embedding_text(chunk: Chunk) -> str:
    """What the embedding model sees: the title and section give a short chunk its context."""
    head = chunk.title if not chunk.section or chunk.section == chunk.title else f"{chunk.title} — {chunk.section}"
    return f"{head}\n{chunk.text}"


def lexical_text(chunk: Chunk) -> str:
    return f"{chunk.title} {chunk.section or ''} {chunk.text}"


def _progress(items, enabled: bool, desc: str, unit: str, total: int | None = None):
    if not enabled:
        return items if items is not None else None
    from tqdm import tqdm

    if items is None:
        return tqdm(total=total, desc=f"Embedding {desc}", unit=unit)
    return tqdm(items, desc=f"Reading {desc}", unit=unit)
