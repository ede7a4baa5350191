"""An HTSUS chapter: its notes (chapter, subheading, additional U.S. and statistical notes, chunked by note number),
then its tariff table (chunked by 4-digit heading, split by 6-digit subheading when long).

The table's extracted text is jumbled (one cell per line, dot leaders, the statistical suffix glued before the
code: "Single axle tractors.....008701.10.01 Free 2/ Free 1/No"); rows are rebuilt from it as far as the text
allows ("Single axle tractors … 8701.10.01.00 Free 2/ Free 1/No"), and every code a chunk shows becomes a key.
"""

from __future__ import annotations

import re

from assistant.ingest.legal_base import (
    Line,
    Piece,
    Unit,
    blocks,
    first_page,
    last_page,
    pack,
    page_span,
    range_label,
    revision,
    text_lines,
)
from assistant.ingest.legal_us import pieces_of
from assistant.legal_refs import hts_key, paragraph_key
from assistant.models import Document

_NOTES_HEADER = re.compile(
    r"^\s*(?P<kind>Notes?|Subheading Notes?|Additional U\.S\. Notes?|Statistical Notes?)\s*(?P<con>\(con\.\))?\s*$"
)
_NOTE_KINDS = {"note": ("", "note"), "subheading": ("subheading-", "subheading note"),
               "additional": ("us-", "additional U.S. note"), "statistical": ("statistical-", "statistical note")}
_NOTE_LINE = re.compile(r"^\s*(?P<n>\d{1,2})\.?\s+\S")
_CODE = re.compile(r"(?<![\d.])(\d{4})\.(\d{2})(?:\.(\d{2}))?(?:\.(\d{2}))?(?![\d])")
_FOOTNOTE = re.compile(r"^\s*\d{1,2}/\s+(?!Free\b)[A-Z][a-z]")  # "3/ See 9903.88.69." (not "13/Free (A*, …")
# a line that goes on the row above: lower case, a number or rate, "Free", a unit, a program list, a leader
_CONTINUES = re.compile(r"^\s*(?:[a-z(%…]|\d|Free\b|No\.?(?:\s|$)|kg\b|[A-Z]{1,3}[+*]?(?:,|\))|\.{3})")


def _chapter(doc: Document, lines: list[Line]) -> str | None:
    for line in lines[:5]:
        m = re.match(r"^\s*CHAPTER\s+(\d{1,2})\s*$", line.text)
        if m:
            return m.group(1)
    m = re.search(r"chapter-(\d{1,2})$", doc.meta.id)
    return m.group(1) if m else None


def _tidy(text: str) -> str:
    """One table line made readable: leaders collapsed, the statistical suffix put after the code, rates apart."""
    text = re.sub(r"No\.{3,}", "No.", text)
    text = re.sub(r"\.{3,}", " … ", text)
    text = re.sub(r"(?<![\d.])(\d{2})(\d{4}\.\d{2}\.\d{2})(?![\d.])", r"\2.\1", text)  # 008701.10.01 -> 8701.10.01.00
    text = re.sub(r"(\d%|Free|/)(?=Free\b|No\.|kg\b)", r"\1 ", text)
    text = re.sub(r"(\d%)(?=[A-Z(])", r"\1 ", text)
    text = re.sub(r":(?=\d)", ": ", text)
    return re.sub(r"\s+", " ", text).strip()


def table_rows(lines: list[Line]) -> list[Unit]:
    """The table's rows: a row opens with a description and takes the cells extracted after it."""
    rows: list[Unit] = []
    for line in lines:
        text = _tidy(line.text)
        if not text:
            continue
        if rows and not _FOOTNOTE.match(line.text) and _CONTINUES.match(text) and not _FOOTNOTE.match(rows[-1].text):
            rows[-1].text = re.sub(r"\s+…\s+…", " …", f"{rows[-1].text} {text}")
            rows[-1].end_page = line.page
        else:
            rows.append(Unit(text, line.page, line.page))
    for row in rows:
        row.text = re.sub(r"\s*…\s*$", "", row.text)
    return rows


def _heading_of(row: str, chapter: str) -> str | None:
    m = re.search(rf"(?:^|[:…)]\s*|\s)({chapter}\d\d)$", row)
    return m.group(1) if m and "(con.)" not in row else None


def _keys(text: str, chapter: str) -> list[str]:
    """The chunk's own tariff lines: codes of ``chapter`` (a line's text may name another chapter's codes)."""
    keys: list[str] = []
    for m in _CODE.finditer(text):
        if not m.group(1).startswith(chapter):
            continue
        six = f"{m.group(1)}.{m.group(2)}"
        keys.append(hts_key(six))
        if m.group(3):
            keys.append(hts_key(f"{six}.{m.group(3)}"))
    return [k for k in keys if k]


def hts_chapter_pieces(doc: Document, target_words: int, max_words: int) -> list[Piece]:
    lines = text_lines(doc)
    chapter = _chapter(doc, lines)
    if chapter is None:
        return []
    rev = revision(doc)

    def printed(page: int) -> str:
        return f"{chapter}-{page}"  # HTSUS chapter files number their pages "85-1", "85-2", … from the first

    def cite(what: str, group: list[Unit]) -> str:
        span = page_span(first_page(group), last_page(group), printed)
        return f"HTSUS {what}" + (f", {span}" if span else "") + f" ({rev})"

    opens_table = re.compile(rf"(?:^|[:…]\s*)({chapter}\d\d)$")  # "Electric motors and generators …: 8501"
    table_at = next((i for i, ln in enumerate(lines) if opens_table.search(_tidy(ln.text))), len(lines))
    pieces = _notes_pieces(doc, chapter, lines[:table_at], cite, target_words, max_words)
    return pieces + _table_pieces(chapter, lines[table_at:], cite, target_words, max_words)


def _notes_pieces(doc: Document, chapter: str, lines: list[Line], cite, target_words: int,
                  max_words: int) -> list[Piece]:
    runs: list[tuple[str, list[Line]]] = [("intro", [])]
    for line in lines:
        m = _NOTES_HEADER.match(line.text)
        if m and not m.group("con"):
            runs.append((m.group("kind").rstrip("s"), []))
        elif not m and line.text.strip() != f"{chapter}-{line.page}":  # the printed page number on page 1
            runs[-1][1].append(line)
    intro = runs.pop(0)[1]
    if intro and runs:
        runs[0] = (runs[0][0], intro + runs[0][1])  # the chapter's title opens its first notes
    elif intro:
        runs = [("Note", intro)]
    pieces: list[Piece] = []
    for kind, run in runs:
        prefix, name = _NOTE_KINDS.get(kind.split()[0].lower(), ("", "note"))
        expected = [1]

        def starts(text: str, expected=expected) -> bool:
            m = _NOTE_LINE.match(text)
            if m and int(m.group("n")) == expected[0]:
                expected[0] += 1
                return True
            return False

        units = blocks(run, starts)
        for unit in units:
            m = _NOTE_LINE.match(unit.text)
            if m:
                unit.tag = m.group("n")
                unit.keys = (paragraph_key(doc.meta.id, f"{prefix}note-{unit.tag}"),)
        label = f"Chapter {chapter} > {kind}s"  # as printed: "Notes", "Additional U.S. Notes"
        for group in pack(units, target_words, max_words):
            tags = range_label([u.tag for u in group if u.tag])
            what = f"chapter {chapter}" + (f", {name}{'s' if tags and '–' in tags else ''} {tags}" if tags else "")
            pieces += pieces_of([group], label, [], lambda g, w=what: cite(w, g))
    return pieces


def _table_pieces(chapter: str, lines: list[Line], cite, target_words: int, max_words: int) -> list[Piece]:
    rows = [r for r in table_rows(lines) if "(con.)" not in r.text]
    headings: list[tuple[str, list[Unit]]] = []
    endnotes: list[Unit] = []
    for row in rows:
        code = _heading_of(row.text, chapter)
        if _FOOTNOTE.match(row.text):
            endnotes.append(row)
        elif code or not headings:
            headings.append((code or "", [row]))
        else:
            headings[-1][1].append(row)
    pieces: list[Piece] = []
    for code, heading_rows in headings:
        title = re.sub(rf"[:\s]*{code}$", "", heading_rows[0].text).strip(" :")
        short = " ".join(title.split()[:8]) + ("…" if len(title.split()) > 8 else "")
        label = f"Chapter {chapter} > Heading {code}" + (f": {short}" if short else "")
        subheadings: list[Unit] = []
        seen: set[str] = set()
        for row in heading_rows:
            six = {f"{m.group(1)}.{m.group(2)}" for m in _CODE.finditer(row.text)}
            if not subheadings or (six - seen and not six <= seen):
                subheadings.append(Unit(row.text, row.page, row.end_page))
            else:
                subheadings[-1].text += "\n" + row.text
                subheadings[-1].end_page = row.end_page
            seen |= six
        for unit in subheadings:
            unit.keys = tuple(_keys(unit.text, chapter))
        total = sum(u.words for u in subheadings)
        groups = [subheadings] if total <= max_words else pack(subheadings, target_words, max_words)
        head_key = hts_key(code) if code else None
        pieces += pieces_of(groups, label, [head_key] if head_key else [],
                            lambda g, c=code: cite(f"heading {c}" if c else f"chapter {chapter}", g),
                            heading=f"{code} {title}".strip())
    if endnotes:
        pieces += pieces_of([endnotes], f"Chapter {chapter} > Endnotes", [],
                            lambda g: cite(f"chapter {chapter}, endnotes", g))
    return pieces
