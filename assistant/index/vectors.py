"""The dense side: a Chroma collection per index generation (local PersistentClient or a Chroma server)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

COLLECTION_PREFIX = "nearshore_"


def make_client(index_dir: Path, host: str | None = None, port: int = 8000):
    """A Chroma client with telemetry off: ``HttpClient`` when a host is given, else ``PersistentClient``."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if host:
        return chromadb.HttpClient(host=host, port=port, settings=chroma_settings)
    index_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(index_dir / "chroma"), settings=chroma_settings)


def chunk_metadata(chunk) -> dict[str, Any]:
    """Scalar metadata Chroma can filter on; topics become boolean ``topic_<name>`` keys."""
    meta: dict[str, Any] = {
        "doc_id": chunk.doc_id,
        "jurisdiction": chunk.jurisdiction,
        "doc_type": chunk.doc_type,
        "language": chunk.language,
    }
    for topic in chunk.topics:
        meta[f"topic_{topic}"] = True
    return meta


def where_clause(filters: dict[str, list[str]] | None) -> dict | None:
    """Chroma ``where`` for filters such as ``{"jurisdiction": ["MX"], "topics": ["immex", "labor"]}``."""
    if not filters:
        return None
    conditions = []
    for key, values in filters.items():
        if not values:
            continue
        if key == "topics":
            options = [{f"topic_{v}": True} for v in values]
        else:
            options = [{key: v} for v in values]
        conditions.append(options[0] if len(options) == 1 else {"$or": options})
    if not conditions:
        return None
    return conditions[0] if len(conditions) == 1 else {"$and": conditions}


def matches(chunk, filters: dict[str, list[str]] | None) -> bool:
    """The same filter as :func:`where_clause`, applied to a chunk in memory (for the BM25 side)."""
    if not filters:
        return True
    for key, values in filters.items():
        if not values:
            continue
        if key == "topics":
            if not set(values) & set(chunk.topics):
                return False
        elif getattr(chunk, key, None) not in values:
            return False
    return True
