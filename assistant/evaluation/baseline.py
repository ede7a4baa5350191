"""The pipeline most LangChain users build first, as a yardstick for ours.

``RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)`` over the same corpus text, the same
embedding model, dense-only top-k from a Chroma collection, and the top passage's text as the answer.
It never abstains and never calls a calculator.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from assistant.models import AskResult, Citation, Document


def document_text(doc: Document) -> str:
    """A document's text as Markdown: each section's heading, then its text."""
    parts = []
    for section in doc.sections:
        parts.append(f"## {section.heading}\n\n{section.text}" if section.heading else section.text)
    return "\n\n".join(parts)


@dataclass
class BaselineStats:
    documents: int = 0
    chunks: int = 0
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)


class BaselinePipeline:
    """Dense-only RAG over Chroma. ``persist_dir`` should be a temporary folder the caller owns."""

    COLLECTION = "baseline"

    def __init__(self, embedder, persist_dir: Path, k: int = 5, chunk_size: int = 1000, chunk_overlap: int = 200):
        self.embedder = embedder
        self.persist_dir = Path(persist_dir)
        self.k = k
        self.chunk_size = chunk_size
        self.chunk_overlap = chunk_overlap
        self._collection = None
        self._docs: dict[str, dict] = {}

    def build(self, corpus_dir: Path) -> BaselineStats:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        from assistant.ingest.discover import load_corpus

        start = time.perf_counter()
        splitter = RecursiveCharacterTextSplitter(chunk_size=self.chunk_size, chunk_overlap=self.chunk_overlap)
        ids, texts, metas = [], [], []
        documents = load_corpus(Path(corpus_dir)).documents
        for doc in documents:
            self._docs[doc.meta.id] = {"title": doc.meta.title, "as_of": doc.meta.as_of,
                                       "url": doc.meta.sources[0].url if doc.meta.sources else None}
            for i, piece in enumerate(splitter.split_text(document_text(doc))):
                ids.append(f"{doc.meta.id}::{i}")
                texts.append(piece)
                metas.append({"doc_id": doc.meta.id})
        client = chromadb.PersistentClient(path=str(self.persist_dir), settings=ChromaSettings(anonymized_telemetry=False))
        self._collection = client.get_or_create_collection(self.COLLECTION, metadata={"hnsw:space": "cosine"})
        vectors = self.embedder.encode(texts) if texts else []
        batch = 2000
        for i in range(0, len(ids), batch):
            self._collection.add(ids=ids[i:i + batch], documents=texts[i:i + batch],
                                 metadatas=metas[i:i + batch], embeddings=[list(map(float, v)) for v in vectors[i:i + batch]])
        return BaselineStats(len(documents), len(ids), round(time.perf_counter() - start, 2))

    def ask(self, question: str, history: list | None = None, k: int | None = None) -> tuple[AskResult, list[str]]:
        """Top-k by cosine similarity; the answer is the top passage. History is ignored, as in most first builds.

        Returns the result and the retrieved doc ids in rank order.
        """
        if self._collection is None:
            raise RuntimeError("the baseline has no index: call build(corpus_dir) first")
        start = time.perf_counter()
        vector = self.embedder.embed_query(question)
        found = self._collection.query(query_embeddings=[vector], n_results=k or self.k, include=["documents", "metadatas"])
        texts, metas = found["documents"][0], found["metadatas"][0]
        retrieve_ms = round((time.perf_counter() - start) * 1000, 2)
        answer = texts[0] if texts else ""
        cites = []
        if texts:
            doc = self._docs.get(metas[0]["doc_id"], {})
            cites.append(Citation(n=1, doc_id=metas[0]["doc_id"], title=doc.get("title", metas[0]["doc_id"]),
                                  url=doc.get("url"), as_of=doc.get("as_of"), text=texts[0]))
        result = AskResult(answer=answer, abstained=False, citations=cites,
                           timings_ms={"retrieve": retrieve_ms, "compose": 0.0,
                                       "total": round((time.perf_counter() - start) * 1000, 2)})
        return result, [m["doc_id"] for m in metas]


class temporary_baseline:
    """``with temporary_baseline(embedder, corpus_dir, k) as baseline:`` — built in a temp dir, removed after."""

    def __init__(self, embedder, corpus_dir: Path, k: int = 5):
        self.embedder, self.corpus_dir, self.k = embedder, Path(corpus_dir), k

    def __enter__(self) -> BaselinePipeline:
        import tempfile

        self._tmp = tempfile.TemporaryDirectory(prefix="nearshore-baseline-")
        self.pipeline = BaselinePipeline(self.embedder, Path(self._tmp.name), self.k)
        self.stats = self.pipeline.build(self.corpus_dir)
        return self.pipeline

    def __exit__(self, *exc) -> None:
        self.pipeline._collection = None
        self._tmp.cleanup()
