"""Structure-aware chunking.

Splits at Markdown headings (hard boundaries) and at legal markers — Article / Artículo / § / Rule / Regla /
Annex / Anexo — and page changes (soft boundaries), packs whole sentences to about ``target_words`` with
a little overlap, and never cuts a sentence in half. Chunk ids are deterministic.

An official text whose structure is known (a Mexican law, the US Code, an HTSUS note or chapter) is cut at its own
provisions instead, with look-up keys and citations: see :mod:`assistant.ingest.legal`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.ingest.authority import authority_of
from assistant.ingest.legal import chunk_legal
from assistant.ingest.legal_base import make_chunk
from assistant.ingest.passage_sources import assign_sources
from assistant.lookup import source_lookups
from assistant.models import Chunk, Document
from assistant.text import split_sentences, word_count

# 6: chunks carry their authority (official / curated / uploaded)
# 7: official texts are chunked at their provisions (one article, subsection, note paragraph or tariff heading per
#    chunk) with look-up keys (Chunk.refs) and citations (Chunk.cite); PDFs lose running headers and footers;
#    guides carry the provisions their sources name (Chunk.rests_on)
# 8: every chunk carries its section's own source (Chunk.source; Chunk.url is its link), not the document's first
# 9: a sentence no longer ends at a dotted initialism ("Trump v. V.O.S. Selections", "19 U.S.C. Chapter 29")
# 10: a US Code formula printed as a stacked fraction is written on one line ("RVC = ((TV–VNM)/TV) × 100")
# 11: a sentence opening with a lower-case word (a list's last item, "overtime within the limits of …") is not shown
# 12: a table row labelled by a bare number or range reads with its column's header ("year of service 6-10 — …")
# 13: a sentence announcing a list (ending in a colon) is read with its items as one sentence ("… lists payments that do not integrate the SBC …: work tools …; …")
# 14: a guide's hard-wrapped paragraph is read as one (its sentences were cut at each line); "…; see the document on X" is
#     dropped from a sentence instead of dropping the sentence
# 15: a law's enumerated items ("(A) $176,000,000 for 2021.", "I. El 1o. de enero;") are read with the sentence announcing
#     them, as a list; an item that announces its own list opens a new one; reform notes between items are skipped
# 16: the items of a guide's list too long to read as one sentence are each read with the sentence announcing it
#     ("LSS article 27 lists payments that do not integrate the SBC …: pantry vouchers (despensas) up to 40% of …")
# 17: a full stop after a closing bracket ends the sentence ("… (LSS article 168, section I). Together with …" had
#     been read as one sentence: "I)" looked like an initial); an abbreviation after an opening bracket does not
#     ("(art. 183-III)" had ended a sentence at "(art.")
# 18: a reform note opening with its verb ("Reforma DOF 30-11-2016: Derogó de la fracción …", "Derogada DOF …") is a
#     note: the fracción after it opens its own unit (LIVA art. 5 fr. II had been read into fr. I, without its key)
# 19: a law's list items too long to read as one sentence each open with the words announcing their list ("Hasta por
#     seis meses, en los siguientes casos: … d) Las de muestras o muestrarios …"): alone, the item lacked the period
CHUNKER_VERSION = "19"
LEGAL_MAX_WORDS = 450  # an official provision longer than this is split (an article between its fracciones)

# A marker is the number of a provision *opening* a line and followed by punctuation or the line's end
# ("ARTICULO 108. Las maquiladoras…", "§ 58c. Fees…", "ANEXO 24"), not prose ("Section 301 duties apply…").
_LEGAL_MARKER = re.compile(
    r"^\s*(?:(?:ART[ÍI]CULO|Art[íi]culo|ARTICLE|Article|Art\.)\s+\d+(?:\.\d+)*[A-Za-z]?(?:[ -](?:Bis|Ter|BIS|TER|bis|ter))?"
    r"|§+\s*\d+[A-Za-z]?"
    r"|(?:RULE|Rule|REGLA|Regla)\s+\d+(?:\.\d+)*"
    r"|(?:ANNEX|Annex|ANEXO|Anexo)\s+(?:\d+[A-Za-z-]*|[IVXLC]+)"
    r"|(?:SEC\.|Sec\.|SECTION|Section)\s+\d+(?:\.\d+)*[A-Za-z]?)"
    r"(?=\s*(?:[.:\-–—)]|$))"
)
_SOFT_MIN_WORDS = 60


@dataclass
class _Unit:
    text: str
    words: int
    section: str | None
    page: int | None
    hard_break: bool  # a new heading starts here
    soft_break: bool  # a legal marker or a new page starts here
    line: bool  # a table row or list item: joined with newlines


def _units(doc: Document) -> list[_Unit]:
    units: list[_Unit] = []
    marker: str | None = None
    last_page: int | None = None
    for section in doc.sections:
        first_in_section = True
        if section.heading is not None:
            marker = None
        for paragraph in re.split(r"\n\s*\n", section.text):
            lines = [ln.rstrip() for ln in paragraph.splitlines() if ln.strip()]
            if not lines:
                continue
            blocks: list[tuple[str, bool, bool]] = []  # (text, starts_marker, is_line)
            prose: list[str] = []

            def flush_prose() -> None:
                if prose:
                    blocks.append((" ".join(prose), False, False))
                    prose.clear()

            for line_no, ln in enumerate(lines):
                stripped = ln.strip()
                # In Markdown a marker only opens a paragraph (a wrapped line may start with
                # "Section 321 ..."); in PDF text every line break is a layout break, so any line may.
                if _LEGAL_MARKER.match(stripped) and (section.page is not None or line_no == 0):
                    flush_prose()
                    blocks.append((stripped, True, False))
                elif stripped.startswith(("|", "- ", "* ", "+ ")) or re.match(r"^\d+[.)] ", stripped):
                    flush_prose()
                    blocks.append((stripped, False, True))
                else:
                    prose.append(stripped)
            flush_prose()

            for text, starts_marker, is_line in blocks:
                if starts_marker:
                    match = _LEGAL_MARKER.match(text)
                    marker = re.sub(r"\s+", " ", match.group(0).strip()).rstrip(".")
                label_parts = [p for p in (section.heading, marker) if p]
                label = " > ".join(label_parts) if label_parts else None
                pieces = [text] if is_line else split_sentences(text)
                for i, piece in enumerate(pieces):
                    new_page = section.page is not None and section.page != last_page
                    units.append(
                        _Unit(
                            text=piece,
                            words=word_count(piece),
                            section=label,
                            page=section.page,
                            hard_break=first_in_section and section.heading is not None,
                            soft_break=(starts_marker and i == 0) or new_page,
                            line=is_line,
                        )
                    )
                    first_in_section = False
                    last_page = section.page
    return units


def _join(units: list[_Unit]) -> str:
    out = ""
    for u in units:
        if not out:
            out = u.text
        elif u.line:
            out += "\n" + u.text
        else:
            out += ("\n" if out.endswith(("|",)) else " ") + u.text
    return out


def chunk_document(doc: Document, target_words: int = 250, overlap_words: int = 40) -> list[Chunk]:
    """Cut a document into chunks of whole sentences under their heading path (an official text of known
    structure: into its provisions, see :func:`assistant.ingest.legal.chunk_legal`)."""
    if authority_of(doc.path, doc.meta.doc_type) == "official":
        legal = chunk_legal(doc, target_words=target_words, max_words=max(LEGAL_MAX_WORDS, target_words))
        if legal is not None:
            return assign_sources(doc, legal)
    units = _units(doc)
    groups: list[list[_Unit]] = []
    current: list[_Unit] = []
    current_words = 0
    carried = 0  # units at the head of `current` that repeat the previous chunk's tail
    for unit in units:
        boundary = unit.hard_break or (unit.soft_break and current_words - _carried_words(current, carried) >= _SOFT_MIN_WORDS)
        full = current_words + unit.words > target_words and current_words - _carried_words(current, carried) > 0
        if current and (boundary or full):
            groups.append(current)
            if full and not boundary:
                tail: list[_Unit] = []
                tail_words = 0
                for prev in reversed(current):
                    if tail_words + prev.words > overlap_words:
                        break
                    tail.insert(0, prev)
                    tail_words += prev.words
                current, current_words, carried = list(tail), tail_words, len(tail)
            else:
                current, current_words, carried = [], 0, 0
        current.append(unit)
        current_words += unit.words
    if current and current_words - _carried_words(current, carried) > 0:
        groups.append(current)

    rests_on = [key for lookup in source_lookups(doc.meta) for key in lookup.keys]
    return assign_sources(doc, [make_chunk(doc, ordinal, _join(group), group[0].section, group[0].page)
                                .model_copy(update={"rests_on": list(dict.fromkeys(rests_on))})
                                for ordinal, group in enumerate(groups)])


def _carried_words(units: list[_Unit], carried: int) -> int:
    return sum(u.words for u in units[:carried])
