"""Chunk an official text along its own structure, so each chunk holds whole provisions and knows which.

The structure comes from ``data/laws.yaml`` (see :mod:`assistant.legal_refs`): ``articles`` (Mexican laws, one chunk
per article — :mod:`assistant.ingest.legal_mx`), ``usc`` (US Code subsections), ``general-note`` (HTSUS General
Note 11's lettered paragraphs), ``rules`` (the General Rules of Interpretation) — :mod:`assistant.ingest.legal_us` —
and ``hts-chapter`` (HTSUS chapter notes and tariff headings — :mod:`assistant.ingest.legal_hts`); what they share
is in :mod:`assistant.ingest.legal_base`. Every chunk carries the look-up keys of the provisions it holds
(``Chunk.refs``) and the citation a lawyer would write (``Chunk.cite``).

An official text that is not listed is still read as ``articles`` when it is Spanish and at least ten lines open
with "Artículo N"; anything else returns None and the caller falls back to the generic chunker.
"""

from __future__ import annotations

import re

from assistant.ingest.legal_base import make_chunk
from assistant.ingest.legal_hts import hts_chapter_pieces
from assistant.ingest.legal_mx import article_pieces
from assistant.ingest.legal_us import general_note_pieces, rules_pieces, usc_pieces
from assistant.legal_refs import law_by_id
from assistant.models import Chunk, Document

MIN_ARTICLE_LINES = 10  # an unlisted Spanish official text with this many "Artículo N" lines is read as articles
_ARTICLE_LINE = re.compile(r"^\s*(?:ART[ÍI]CULO|Art[íi]culo)\s+\d+", re.MULTILINE)
_CHUNKERS = {
    "articles": article_pieces,
    "usc": usc_pieces,
    "general-note": general_note_pieces,
    "rules": rules_pieces,
    "hts-chapter": hts_chapter_pieces,
}


def structure_of(doc: Document) -> str | None:
    """The chunking structure of an official ``doc``: the one listed for it, else ``articles`` for a Spanish text
    with enough article lines, else None."""
    law = law_by_id(doc.meta.id)
    if law is not None:
        return law.structure
    if doc.meta.language == "es":
        found = 0
        for section in doc.sections:
            found += len(_ARTICLE_LINE.findall(section.text))
            if found >= MIN_ARTICLE_LINES:
                return "articles"
    return None


def chunk_legal(doc: Document, *, target_words: int = 250, max_words: int = 450) -> list[Chunk] | None:
    """Chunks of an official text cut at its provisions, with look-up keys and citations; None when the
    document's structure is unknown (the generic chunker then takes it)."""
    structure = structure_of(doc)
    if structure not in _CHUNKERS:
        return None
    pieces = _CHUNKERS[structure](doc, target_words, max_words)
    if not pieces:
        return None
    return [make_chunk(doc, ordinal, p.text, p.section, p.page, refs=p.refs, cite=p.cite)
            for ordinal, p in enumerate(pieces)]
