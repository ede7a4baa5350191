"""The dense side: a Chroma collection per index generation (local PersistentClient or a Chroma server)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

COLLECTION_PREFIX = "nearshore_"
_SEGMENT_DIR = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def make_client(index_dir: Path, host: str | None = None, port: int = 8000):
    """A Chroma client with telemetry off: ``HttpClient`` when a host is given, else ``PersistentClient``."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if host:
        return chromadb.HttpClient(host=host, port=port, settings=chroma_settings)
    index_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(index_dir / "chroma"), settings=chroma_settings)


def orphan_segment_dirs(client) -> list[Path]:
    """Folders a local Chroma store keeps for deleted collections (``delete_collection`` leaves them).

    Only for a local ``PersistentClient``, never a Chroma server. Chroma has no API listing segments, so
    the live segment ids come from the store's ``chroma.sqlite3``; nothing is reported unless every live
    collection shows up there (a store laid out otherwise is left alone), and only UUID-named folders.
    """
    try:
        settings = client.get_settings()
        if not settings.is_persistent or "fastapi" in str(settings.chroma_api_impl).lower():
            return []
        root = Path(settings.persist_directory)
        database = root / "chroma.sqlite3"
        if not database.is_file():
            return []
        collection_ids = set()
        for col in client.list_collections():
            if isinstance(col, str):  # a client that lists names only: no ids to check against
                return []
            collection_ids.add(str(col.id))
        con = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = con.execute("SELECT id, collection FROM segments").fetchall()
        finally:
            con.close()
        if not collection_ids <= {str(owner) for _, owner in rows}:
            return []
        live = {str(segment_id) for segment_id, _ in rows}
        return sorted(p for p in root.iterdir() if p.is_dir() and _SEGMENT_DIR.match(p.name) and p.name not in live)
    except (AttributeError, sqlite3.Error, OSError):
        return []


def chunk_metadata(chunk) -> dict[str, Any]:
    """Scalar metadata Chroma can filter on; topics become boolean ``topic_<name>`` keys."""
    meta: dict[str, Any] = {
        "doc_id": chunk.doc_id,
        "jurisdiction": chunk.jurisdiction,
        "doc_type": chunk.doc_type,
        "language": chunk.language,
        "authority": chunk.authority,
    }
    for topic in chunk.topics:
        meta[f"topic_{topic}"] = True
    return meta


def where_clause(filters: dict[str, list[str]] | None) -> dict | None:
    """Chroma ``where`` for filters such as ``{"jurisdiction": ["MX"], "topics": ["immex", "labor"]}``: the same
    rule as :func:`assistant.filters.matches`, in Chroma's query language. Callers validate the filters first
    (:func:`assistant.filters.validate_filters`): each value becomes a clause, and thousands crash Chroma."""
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
