"""Carrying out an :class:`~assistant.index.plan.IngestPlan`: a complete new generation, then ``CURRENT``.

Order matters for crash safety: the collection, ``chunks.jsonl``, the BM25 index and ``manifest.json``
are all written (and synced) before ``CURRENT`` is atomically replaced to name the new generation.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from assistant.errors import IndexNotReady
from assistant.ingest.chunking import chunk_document
from assistant.ingest.discover import Problem
from assistant.index.lexical import GUIDES_BM25, LexicalIndex
from assistant.index.manifest import DocEntry, Manifest
from assistant.index.plan import IngestPlan
from assistant.index.sentence_table import (
    CHUNK_VECTORS,
    SentenceTable,
    has_sentence_vectors,
    rerank_text,
    save_matrix,
    split_chunks,
    write_table,
)
from assistant.index.vectors import COLLECTION_PREFIX, chunk_metadata
from assistant.models import Chunk

_BATCH = 256

ProgressCallback = Callable[[str, int, int], None]
"""``(stage, done, total)``: stages ``copy`` and ``embed`` (chunk vectors), ``sentences`` (sentence vectors) and,
for a callback with ``per_document = True`` (a first build's waiting page), ``documents``: how many documents have
every chunk's vector stored."""
DOCUMENTS = "documents"


class _DocumentsDone:
    """Counts the documents whose chunks all have their vectors, and reports it as stage ``documents``."""

    def __init__(self, documents: Mapping[str, DocEntry], report: ProgressCallback):
        self._report = report
        self._doc_of = {chunk_id: doc_id for doc_id, entry in documents.items() for chunk_id in entry.chunks}
        self._left = {doc_id: len(entry.chunks) for doc_id, entry in documents.items()}
        self.total = len(documents)
        self.done = sum(1 for n in self._left.values() if n == 0)
        report(DOCUMENTS, self.done, self.total)

    def stored(self, chunk_ids: Iterable[str]) -> None:
        before = self.done
        for chunk_id in chunk_ids:
            doc_id = self._doc_of.get(chunk_id)
            if doc_id is not None and self._left[doc_id] > 0:
                self._left[doc_id] -= 1
                self.done += self._left[doc_id] == 0
        if self.done != before:
            self._report(DOCUMENTS, self.done, self.total)


def _documents_done(documents: Mapping[str, DocEntry], on_progress: ProgressCallback | None) -> _DocumentsDone | None:
    return _DocumentsDone(documents, on_progress) if getattr(on_progress, "per_document", False) else None


@dataclass(frozen=True)
class BuildResult:
    manifest: Manifest
    chunks_embedded: int
    chunks_copied: int
    sentences_embedded: int = 0
    sentences_copied: int = 0
    sentence_seconds: float = 0.0


def embedding_text(chunk: Chunk) -> str:
    """What the embedding model sees: the title and section give a short chunk its context."""
    head = chunk.title if not chunk.section or chunk.section == chunk.title else f"{chunk.title} — {chunk.section}"
    return f"{head}\n{chunk.text}"


def lexical_text(chunk: Chunk) -> str:
    return f"{chunk.title} {chunk.section or ''} {chunk.text}"


def build_generation(plan: IngestPlan, *, client, embedder, generations_dir: Path, current_file: Path,
                     corpus_dir: Path, old_chunks: Mapping[str, Chunk], problems: Sequence[Problem],
                     progress: bool = False, on_progress: ProgressCallback | None = None) -> BuildResult:
    """Build the generation ``plan`` describes beside the served one, then make it the served one."""
    generation = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    gen_dir = generations_dir / generation
    gen_dir.mkdir(parents=True)
    collection = client.create_collection(
        COLLECTION_PREFIX + generation, metadata={"hnsw:space": "cosine"}, embedding_function=None
    )

    all_chunks: list[Chunk] = []
    to_embed: list[Chunk] = []
    documents: dict[str, DocEntry] = {}
    for item in _progress(plan.documents, progress, "documents", "doc"):
        doc = item.document
        if item.reuse is not None:
            chunks = [old_chunks[c] for c in item.reuse]
        else:
            chunks = chunk_document(doc, plan.config.chunk_words, plan.config.overlap_words)
            to_embed.extend(chunks)
        all_chunks.extend(chunks)
        documents[doc.meta.id] = DocEntry(path=doc.path, hash=doc.content_hash, title=doc.meta.title,
                                          chunks=[c.id for c in chunks])

    to_copy = plan.to_copy
    old_collection = client.get_collection(plan.old.collection) if to_copy else None
    vectors: dict[str, object] = {}
    finished = _documents_done(documents, on_progress)
    copied, lost = _copy_vectors(old_collection, collection, to_copy, old_chunks, on_progress, vectors, finished)
    to_embed.extend(lost)  # the old store lost these vectors: embed them again
    embedded = _embed(embedder, collection, to_embed, progress, on_progress, vectors, finished)

    _write_chunks(gen_dir / "chunks.jsonl", all_chunks)
    dim = len(next(iter(vectors.values()))) if vectors else 0
    save_matrix(gen_dir / CHUNK_VECTORS, np.asarray([vectors[c.id] for c in all_chunks], dtype=np.float32)
                .reshape(len(all_chunks), dim))
    old_table = SentenceTable.load(generations_dir / plan.old.generation) if plan.old and to_copy else None
    sentences = _sentence_table(embedder, gen_dir, all_chunks, set(to_copy) - {c.id for c in lost}, old_table, dim,
                                progress, on_progress)
    LexicalIndex.build([c.id for c in all_chunks], [lexical_text(c) for c in all_chunks]).save(gen_dir / "bm25")
    guides = [c for c in all_chunks if c.authority != "official"]
    if len(guides) < len(all_chunks):  # the guides ranked among themselves (see assistant.answer.retrieval)
        LexicalIndex.build([c.id for c in guides] or ["-"], [lexical_text(c) for c in guides] or [""]).save(
            gen_dir / GUIDES_BM25)
    if collection.count() != len(all_chunks):
        raise IndexNotReady(
            f"vector store holds {collection.count()} chunks, expected {len(all_chunks)}; run the ingest again"
        )
    manifest = Manifest(
        **plan.config.model_dump(),
        generation=generation,
        collection=COLLECTION_PREFIX + generation,
        created_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        corpus_dir=str(corpus_dir),
        chunk_count=len(all_chunks),
        documents=documents,
        files=plan.file_hashes,
        problems=list(problems),
    )
    atomic_write(gen_dir / "manifest.json", manifest.to_json())
    previous = plan.old.generation if plan.old else None
    atomic_write(current_file, json.dumps({"generation": generation, "collection": manifest.collection,
                                           "previous": previous}))
    return BuildResult(manifest=manifest, chunks_embedded=embedded, chunks_copied=copied, **sentences)


def _sentence_table(embedder, gen_dir: Path, chunks: list[Chunk], reused: set[str], old: SentenceTable | None,
                    dim: int, progress: bool, on_progress: ProgressCallback | None) -> dict:
    """Split and tokenize every chunk's sentences and embed the guides' (:mod:`assistant.index.sentence_table`);
    an unchanged chunk takes its sentences and their vectors from the old generation's table."""
    started = time.perf_counter()
    entries, vectors_of = {}, {}
    fresh: list[Chunk] = []
    for chunk in chunks:
        known = old.entry(chunk.id) if old is not None and chunk.id in reused else None
        rows = old.rows(chunk.id) if known is not None else None
        if known is not None and (rows is not None or not has_sentence_vectors(chunk) or not known.texts):
            entries[chunk.id] = known
            if rows is not None:
                vectors_of[chunk.id] = rows
        else:
            fresh.append(chunk)
    entries.update(split_chunks(fresh))
    wanted = [(c.id, i, rerank_text(s)) for c in fresh if has_sentence_vectors(c)
              for i, s in enumerate(entries[c.id].texts)]
    wanted.sort(key=lambda w: len(w[2]))  # batches of similar length waste no padding
    bar = _progress(None, progress, "sentences", "sentence", total=len(wanted))
    found: dict[str, dict[int, np.ndarray]] = {}
    for start in range(0, len(wanted), _BATCH):
        batch = wanted[start : start + _BATCH]
        encoded = np.asarray(embedder.encode([text for _, _, text in batch]), dtype=np.float32)
        for (chunk_id, i, _), vector in zip(batch, encoded):
            found.setdefault(chunk_id, {})[i] = vector
        if bar is not None:
            bar.update(len(batch))
        if on_progress:
            on_progress("sentences", min(start + _BATCH, len(wanted)), len(wanted))
    if bar is not None:
        bar.close()
    for chunk_id, rows in found.items():
        vectors_of[chunk_id] = np.stack([rows[i] for i in range(len(rows))])
    write_table(gen_dir, chunks, entries, vectors_of, dim)
    return {"sentences_embedded": len(wanted), "sentences_copied": sum(len(v) for v in vectors_of.values()) - len(wanted),
            "sentence_seconds": time.perf_counter() - started}


def _copy_vectors(source, target, ids_to_copy: list[str], old_chunks: Mapping[str, Chunk],
                  on_progress: ProgressCallback | None, out: dict,
                  finished: _DocumentsDone | None = None) -> tuple[int, list[Chunk]]:
    """Copy stored vectors of unchanged chunks (also into ``out``, by id); returns how many were copied and the
    chunks found missing."""
    copied = 0
    lost: list[Chunk] = []
    for start in range(0, len(ids_to_copy), _BATCH):
        ids = ids_to_copy[start : start + _BATCH]
        got = source.get(ids=ids, include=["embeddings"])
        vectors = dict(zip(got["ids"], got["embeddings"]))
        out.update(vectors)
        missing = [i for i in ids if i not in vectors]
        if missing:
            lost.extend(old_chunks[i] for i in missing)
            ids = [i for i in ids if i in vectors]
        if ids:
            target.add(
                ids=ids,
                embeddings=[vectors[i] for i in ids],
                documents=[old_chunks[i].text for i in ids],
                metadatas=[chunk_metadata(old_chunks[i]) for i in ids],
            )
        copied += len(ids)
        if on_progress:
            on_progress("copy", copied, len(ids_to_copy))
        if finished is not None:
            finished.stored(ids)
    return copied, lost


def _embed(embedder, target, chunks: list[Chunk], progress: bool, on_progress: ProgressCallback | None,
           out: dict, finished: _DocumentsDone | None = None) -> int:
    """Embed ``chunks`` into ``target`` (and ``out``, by id), shortest first: batches of similar length waste no
    padding."""
    chunks = sorted(chunks, key=lambda c: len(embedding_text(c)))
    bar = _progress(None, progress, "chunks", "chunk", total=len(chunks))
    embedded = 0
    for start in range(0, len(chunks), _BATCH):
        batch = chunks[start : start + _BATCH]
        vectors = embedder.encode([embedding_text(c) for c in batch])
        out.update(zip((c.id for c in batch), np.asarray(vectors, dtype=np.float32)))
        target.add(
            ids=[c.id for c in batch],
            embeddings=vectors.tolist() if hasattr(vectors, "tolist") else vectors,
            documents=[c.text for c in batch],
            metadatas=[chunk_metadata(c) for c in batch],
        )
        embedded += len(batch)
        if bar is not None:
            bar.update(len(batch))
        if on_progress:
            on_progress("embed", embedded, len(chunks))
        if finished is not None:
            finished.stored(c.id for c in batch)
    if bar is not None:
        bar.close()
    return embedded


def _write_chunks(path: Path, chunks: Iterable[Chunk]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for c in chunks:
            fh.write(c.model_dump_json() + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, sync it, and rename it over ``path``."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _progress(items, enabled: bool, desc: str, unit: str, total: int | None = None):
    if not enabled:
        return items if items is not None else None
    from tqdm import tqdm

    if items is None:
        return tqdm(total=total, desc=f"Embedding {desc}", unit=unit)
    return tqdm(items, desc=f"Reading {desc}", unit=unit)
