"""Browsing the corpus: documents from the served index's chunks, facets, filters and passage search."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from assistant.errors import UserInputError
from assistant.filters import Filters, build_filters, matches
from assistant.models import Chunk, Passage
from assistant.interfaces.web.render import h, source_link_html

DOC_HEADERS = ["Title", "Id", "Type", "Jurisdiction", "Topics", "Language", "As of"]
PASSAGE_HEADERS = ["Title", "Section", "Page", "As of", "Passage"]
# Each table its own widths: the passage table's text gets half the width, the document table's title a third.
DOC_WIDTHS = ["34%", "18%", "10%", "10%", "14%", "6%", "8%"]
PASSAGE_WIDTHS = ["20%", "18%", "6%", "10%", "46%"]
SNIPPET_CHARS = 220


@dataclass
class DocumentInfo:
    doc_id: str
    title: str
    doc_type: str
    jurisdiction: str
    language: str
    as_of: str | None
    url: str | None
    topics: list[str] = field(default_factory=list)
    chunks: list[Chunk] = field(default_factory=list)

    def row(self) -> list[str]:
        return [self.title, self.doc_id, self.doc_type, self.jurisdiction, ", ".join(self.topics), self.language,
                self.as_of or ""]


def documents(chunks) -> list[DocumentInfo]:
    """One record per document, in title order, with its chunks in reading order."""
    docs: dict[str, DocumentInfo] = {}
    for c in chunks:
        doc = docs.get(c.doc_id)
        if doc is None:
            doc = docs[c.doc_id] = DocumentInfo(c.doc_id, c.title, c.doc_type, c.jurisdiction, c.language, c.as_of,
                                                c.url, list(c.topics))
        doc.chunks.append(c)
    for doc in docs.values():
        doc.chunks.sort(key=lambda c: c.ordinal)
    return sorted(docs.values(), key=lambda d: d.title.lower())


def facets(docs: list[DocumentInfo]) -> dict[str, list[str]]:
    return {
        "jurisdiction": sorted({d.jurisdiction for d in docs}),
        "topics": sorted({t for d in docs for t in d.topics}),
        "doc_type": sorted({d.doc_type for d in docs}),
        "language": sorted({d.language for d in docs}),
    }


def parse_date(value: str | None) -> str | None:
    """A YYYY-MM-DD date or None; anything else is a ValueError with a readable message."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise UserInputError(f"'{value}' is not a date: write it as YYYY-MM-DD, e.g. 2026-01-01") from None


def filters_for(jurisdictions=None, topics=None, doc_types=None, languages=None) -> Filters | None:
    return build_filters(jurisdiction=jurisdictions, topics=topics, doc_type=doc_types, language=languages)


def _matches(doc: DocumentInfo, filters: Filters | None, as_of_from: str | None) -> bool:
    if as_of_from and (doc.as_of or "") < as_of_from:
        return False
    return matches(doc, filters)


def filter_documents(docs: list[DocumentInfo], filters: dict[str, list[str]] | None = None,
                     as_of_from: str | None = None, text: str | None = None) -> list[DocumentInfo]:
    """Documents passing the filters, dated on or after ``as_of_from``, whose title or id contains ``text``."""
    needle = (text or "").strip().lower()
    return [d for d in docs if _matches(d, filters, as_of_from)
            and (not needle or needle in d.title.lower() or needle in d.doc_id.lower())]


def search_passages(searcher, query: str, filters: dict[str, list[str]] | None = None,
                    as_of_from: str | None = None, k: int = 20) -> list[Passage]:
    """Hybrid search (the same retrieval the chat uses), then the as-of filter."""
    passages = searcher.search(query, k, filters)
    return [p for p in passages if not as_of_from or (p.chunk.as_of or "") >= as_of_from]


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + " …"


def passage_row(p: Passage) -> list[str]:
    c = p.chunk
    return [c.title, c.section or "", str(c.page or ""), c.as_of or "", snippet(c.text)]


def document_html(doc: DocumentInfo, only: Chunk | None = None) -> str:
    """A document (or one of its passages) for the detail panel; every field escaped. Each passage links to its own
    source (``Chunk.source``); an index built before passages carried one shows the document's link once."""
    e = h
    facts = [("Document", doc.doc_id), ("Type", doc.doc_type), ("Jurisdiction", doc.jurisdiction),
             ("Topics", ", ".join(doc.topics)), ("Language", doc.language), ("As of", doc.as_of)]
    dl = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in facts if v)
    shown = [only] if only is not None else doc.chunks
    own = any(c.source is not None for c in shown)
    link = "" if own else source_link_html(doc.url)
    parts = []
    previous = None
    for c in shown:
        head = ", ".join(x for x in (c.section, f"p. {c.page}" if c.page else None) if x)
        body = "<br>".join(e(line) for line in c.text.splitlines())
        here = (c.url, c.source.title if c.source else None)
        source = source_link_html(c.url, c.source) if own and here != previous else ""
        previous = here
        parts.append(f'<h4 class="source-section">{e(head)}</h4>{source}'
                     f'<blockquote class="source-passage">{body}</blockquote>')
    return (f'<div class="source-card"><h3 class="source-title">{e(doc.title)}</h3><dl>{dl}</dl>{link}'
            f'{"".join(parts)}</div>')
