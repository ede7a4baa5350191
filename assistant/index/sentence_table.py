"""The per-sentence work of answering, done once at ingest: every chunk's showable sentences (tables read row by
row), their tokens, the chunk's context tokens, and a vector per sentence of the guides — stored with the
generation so that composing an answer is array look-ups, not splitting, tokenizing and encoding text.

Layout in a generation folder (written before ``manifest.json``, like everything else of the generation)::

    vectors.npy              float32 [chunks × dim]: each chunk's vector, in ``chunks.jsonl`` order
    sentences/sentences.jsonl  one line per chunk: {"id", "s": sentences, "f": them folded, "t": their tokens,
                               "c": context tokens, "v": first row in vectors.npy or -1}
    sentences/vectors.npy    float32 [sentences × dim]: the guides' sentences (first RERANK_WORDS words each)

Both matrices are read into memory. The official texts' (and any PDF's) sentences are split and tokenized but carry
no vector of their own: a provision is one chunk, and its chunk vector stands for its sentences (embedding the
laws' 23,000 sentences would double the first build for a re-rank signal the chunk already gives).
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.models import Chunk
from assistant.sentences import passage_sentences
from assistant.text import fold
from assistant.tokens import tokenize

SENTENCES_DIR = "sentences"
CHUNK_VECTORS = "vectors.npy"
RERANK_WORDS = 40  # the words of a sentence its vector is made from


def rerank_text(sentence: str) -> str:
    """What the embedding model sees of a sentence (also what a query-time re-rank would encode)."""
    return " ".join(sentence.split()[:RERANK_WORDS])


def context_text(chunk: Chunk) -> str:
    return f"{chunk.title} {chunk.section or ''} {chunk.text}"


def has_sentence_vectors(chunk: Chunk) -> bool:
    """Whether a chunk's sentences get vectors of their own: the written guides (Markdown). The official texts and
    any PDF (a law or notice dropped into the corpus, an admin's upload) are weighed by their chunk's vector: a
    1,300-page PDF would otherwise add tens of thousands of sentence encodes to its ingest."""
    return chunk.authority != "official" and chunk.page is None


@dataclass(frozen=True)
class ChunkSentences:
    """One chunk's sentences as the composer reads them."""

    texts: tuple[str, ...]
    folded: tuple[str, ...]  # accent-folded, lower-cased (assistant.text.fold): what the topic patterns read
    tokens: tuple[frozenset[str], ...]
    context: frozenset[str]
    first_row: int = -1  # row of the first sentence in the sentence matrix; -1: no sentence vectors

    @classmethod
    def of(cls, chunk: Chunk) -> "ChunkSentences":
        """Split and tokenize a chunk now (an index without a sentence table, or a chunk not in it)."""
        texts = tuple(passage_sentences(chunk.text, wrapped=has_sentence_vectors(chunk)))
        return cls(texts, tuple(fold(s) for s in texts), tuple(frozenset(tokenize(s)) for s in texts),
                   frozenset(tokenize(context_text(chunk))))


class SentenceTable:
    """Every chunk's sentences and the guides' sentence vectors, by chunk id.

    A chunk's row is parsed the first time an answer reads it (most of the laws' provisions are never composed
    from), so opening an index stays quick and the table holds in memory only what answers have used.
    """

    def __init__(self, entries: dict[str, "ChunkSentences | str"], vectors: np.ndarray):
        self._rows = entries  # chunk id → its entry, or its JSON line until first read
        self.vectors = vectors  # [rows × dim]

    def entry(self, chunk_id: str) -> ChunkSentences | None:
        found = self._rows.get(chunk_id)
        if isinstance(found, str):
            found = self._rows[chunk_id] = _parse(found)  # a racing reader parses the same line: harmless
        return found

    @property
    def entries(self) -> dict[str, ChunkSentences]:
        """Every entry, parsed (an ingest reusing the rows of unchanged chunks; tests)."""
        return {cid: self.entry(cid) for cid in list(self._rows)}

    def get(self, chunk: Chunk) -> ChunkSentences:
        found = self.entry(chunk.id)
        return found if found is not None else ChunkSentences.of(chunk)

    def similarities(self, chunk_id: str, query_vector: np.ndarray) -> np.ndarray | None:
        """Cosine similarity of each of the chunk's sentences to the (normalized) query, or ``None`` when its
        sentences have no vectors."""
        rows = self.rows(chunk_id)
        return None if rows is None else rows @ query_vector

    def rows(self, chunk_id: str) -> np.ndarray | None:
        entry = self.entry(chunk_id)
        if entry is None or entry.first_row < 0 or not entry.texts:
            return None
        return np.asarray(self.vectors[entry.first_row : entry.first_row + len(entry.texts)], dtype=np.float32)

    @classmethod
    def load(cls, gen_dir: Path) -> "SentenceTable | None":
        """The table of a generation, or ``None`` when the generation was built without one."""
        folder = Path(gen_dir) / SENTENCES_DIR
        if not (folder / "sentences.jsonl").is_file():
            return None
        rows: dict[str, ChunkSentences | str] = {}
        with open(folder / "sentences.jsonl", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    rows[json.loads(f'"{_ID.match(line).group(1)}"')] = line
        return cls(rows, np.load(folder / "vectors.npy"))


_ID = re.compile(r'\{"id": "((?:[^"\\]|\\.)*)"')


def _parse(line: str) -> ChunkSentences:
    row = json.loads(line)
    token = sys.intern
    return ChunkSentences(tuple(row["s"]), tuple(row["f"]), tuple(frozenset(map(token, t)) for t in row["t"]),
                          frozenset(map(token, row["c"])), row["v"])


def split_chunks(chunks: Iterable[Chunk]) -> dict[str, ChunkSentences]:
    """The sentences and tokens of chunks (no vectors yet)."""
    return {c.id: ChunkSentences.of(c) for c in chunks}


def write_table(gen_dir: Path, chunks: Sequence[Chunk], entries: dict[str, ChunkSentences],
                vectors_of: dict[str, np.ndarray], dim: int) -> int:
    """Write a generation's sentence table: ``entries`` for every chunk, ``vectors_of`` (chunk id → its sentences'
    vectors) for those that have them. Returns the number of sentence vectors written."""
    folder = Path(gen_dir) / SENTENCES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    blocks: list[np.ndarray] = []
    row = 0
    with open(folder / "sentences.jsonl", "w", encoding="utf-8") as fh:
        for chunk in chunks:
            entry = entries[chunk.id]
            block = vectors_of.get(chunk.id)
            first = -1
            if block is not None and len(block) == len(entry.texts) and len(block):
                first, row = row, row + len(block)
                blocks.append(np.asarray(block, dtype=np.float32))
            fh.write(json.dumps({"id": chunk.id, "s": list(entry.texts), "f": list(entry.folded),
                                 "t": [sorted(t) for t in entry.tokens],
                                 "c": sorted(entry.context), "v": first}, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    matrix = np.concatenate(blocks) if blocks else np.zeros((0, dim), dtype=np.float32)
    save_matrix(folder / "vectors.npy", matrix)
    return row


def save_matrix(path: Path, matrix: np.ndarray) -> None:
    with open(path, "wb") as fh:
        np.save(fh, np.ascontiguousarray(matrix, dtype=np.float32))
        fh.flush()
        os.fsync(fh.fileno())


def load_matrix(path: Path) -> np.ndarray | None:
    return np.load(path) if Path(path).is_file() else None
