"""Data shapes shared by ingestion, retrieval, answering and the adapters (CLI, UI, API)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

DocType = Literal["guide", "regulation", "agreement", "faq", "data"]
Jurisdiction = Literal["MX", "US", "USMCA", "other"]
Language = Literal["en", "es"]
Authority = Literal["official", "curated", "uploaded"]  # see assistant.ingest.authority


class Source(BaseModel):
    """An official document a corpus document rests on."""

    title: str
    citation: str | None = None
    url: str | None = None
    # Optional: the headings of the document's sections that rest on this source (assistant.ingest.passage_sources)
    sections: list[str] = Field(default_factory=list)


class DocMeta(BaseModel):
    """Front matter of a corpus document (or the sidecar / PDF metadata of a PDF)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", min_length=2, max_length=120)
    title: str = Field(min_length=3)
    doc_type: DocType
    jurisdiction: Jurisdiction
    topics: list[str] = Field(default_factory=list)
    language: Language = "en"
    as_of: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    sources: list[Source] = Field(default_factory=list)
    short: str | None = Field(default=None, max_length=40)  # how lawyers abbreviate an official text: "LA", "GN 11"

    model_config = {"extra": "forbid"}


class Section(BaseModel):
    """A run of text under one heading path (and, for PDFs, one page)."""

    heading: str | None
    text: str
    page: int | None = None


class Document(BaseModel):
    """A loaded corpus document: metadata, its sections, and a hash of its content."""

    meta: DocMeta
    path: str
    content_hash: str
    sections: list[Section]


class Chunk(BaseModel):
    """One indexed passage."""

    id: str
    doc_id: str
    text: str
    section: str | None = None
    page: int | None = None
    ordinal: int
    title: str
    url: str | None = None
    as_of: str | None = None
    doc_type: str
    jurisdiction: str
    language: str
    topics: list[str] = Field(default_factory=list)
    path: str
    authority: Authority = "curated"  # set at ingest from the document's folder and doc_type
    # Official texts only (assistant.ingest.legal): the provisions this chunk holds as look-up keys
    # ("ley-aduanera:art:108", "ley-aduanera:art:108:fr:iii", "19-usc-chapter-29:sec:4531:c", "hts:8544.42"), and the
    # citation a lawyer would write ("Ley Aduanera, art. 108, fr. III, p. 74 (última reforma DOF 19-11-2025)").
    refs: list[str] = Field(default_factory=list)
    cite: str | None = None
    # Guides: the provisions their front-matter sources name (assistant.lookup.source_lookups), as look-up keys,
    # so an answer drawn from a guide can show the article it rests on.
    rests_on: list[str] = Field(default_factory=list)
    # The one of the document's sources this passage's section rests on (assistant.ingest.passage_sources); ``url``
    # is its link. None in an index built before chunks carried it.
    source: Source | None = None


class Passage(BaseModel):
    """A retrieved chunk with its scores."""

    chunk: Chunk
    score: float  # fused (reciprocal-rank) score
    dense: float | None = None  # cosine similarity, when the dense side found it
    bm25: float | None = None


class Citation(BaseModel):
    n: int
    doc_id: str
    title: str
    section: str | None = None
    page: int | None = None
    url: str | None = None
    as_of: str | None = None
    text: str
    cite: str | None = None  # an official text's citation as a lawyer writes it (Chunk.cite)
    refs: list[str] = Field(default_factory=list)  # the provisions the passage holds (Chunk.refs)


class ToolCall(BaseModel):
    name: str
    args: dict[str, Any] = Field(default_factory=dict)
    result: dict[str, Any] = Field(default_factory=dict)


class AskResult(BaseModel):
    """What ``ask --json``, the UI and the HTTP API return."""

    answer: str
    abstained: bool
    citations: list[Citation] = Field(default_factory=list)
    tool_calls: list[ToolCall] = Field(default_factory=list)
    timings_ms: dict[str, float] = Field(default_factory=dict)
    # Not part of the JSON contract: kept for evaluation and the consultant desk.
    query: str | None = Field(default=None, exclude=True)
    retrieved: list[Passage] = Field(default_factory=list, exclude=True)


class Turn(BaseModel):
    role: Literal["user", "assistant"]
    content: str
