"""What a generation records about itself: the settings it was built with and what it holds.

``manifest.json`` keeps the keys the plain-dict manifests always had, so an index written by an
earlier version still reads. A key such an older manifest lacks (``tokenizer_version``) reads as
``None``, which never equals a current setting: the next ingest sees a changed config and rebuilds.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.ingest.discover import Problem

# 2: generations hold the sentence table and the chunk-vector matrix (assistant.index.sentence_table)
MANIFEST_VERSION = 2


class IndexConfig(BaseModel):
    """The settings an index depends on: when any of them changes, every chunk is embedded again."""

    model_config = ConfigDict(frozen=True)

    manifest_version: int = MANIFEST_VERSION
    embedding_model: str
    chunker_version: str
    chunk_words: int
    overlap_words: int
    tokenizer_version: str


class DocEntry(BaseModel):
    """One indexed document: where it came from, its content hash and the ids of its chunks, in order."""

    path: str
    hash: str
    title: str
    chunks: list[str] = Field(default_factory=list)


class Manifest(BaseModel):
    """``generations/<gen>/manifest.json``. Config fields are optional so that old manifests still load."""

    model_config = ConfigDict(frozen=True)

    manifest_version: int | None = None
    embedding_model: str | None = None
    chunker_version: str | None = None
    chunk_words: int | None = None
    overlap_words: int | None = None
    tokenizer_version: str | None = None

    generation: str
    collection: str
    created_at: str = ""
    corpus_dir: str = ""
    chunk_count: int = 0
    documents: dict[str, DocEntry] = Field(default_factory=dict)
    files: dict[str, str] = Field(default_factory=dict)
    problems: list[Problem] = Field(default_factory=list)

    def config_changes(self, config: IndexConfig) -> list[str]:
        """Names of the config fields this manifest was built with that differ from ``config``."""
        return [name for name in IndexConfig.model_fields if getattr(self, name) != getattr(config, name)]

    def to_json(self) -> str:
        return json.dumps(self.model_dump(mode="json"), indent=1)

    @classmethod
    def read(cls, path: Path) -> "Manifest | None":
        """The manifest at ``path``; ``None`` when it is missing or unreadable (an incomplete generation)."""
        try:
            return cls.model_validate_json(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValidationError):
            return None
