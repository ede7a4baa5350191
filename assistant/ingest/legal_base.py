"""What the structure-aware chunkers of official texts share: lines with their pages, units packed into chunks,
dates, page spans and the HTSUS footer (see :mod:`assistant.ingest.legal`)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from assistant.ingest.authority import authority_of
from assistant.models import Chunk, Document
from assistant.text import split_sentences

_MONTHS = {m: i for i, m in enumerate(("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                                       "septiembre", "octubre", "noviembre", "diciembre"), start=1)}


@dataclass
class Line:
    """One line of a document's text and the page it is printed on."""

    text: str
    page: int | None


@dataclass
class Unit:
    """A paragraph (or a structural line with its continuation) that chunks are packed from."""

    text: str
    page: int | None
    end_page: int | None = None
    keys: tuple[str, ...] = ()
    tag: str | None = None  # what the unit is, for the citation (a fracción "III", a note "2")
    part_of: int | None = None  # set on the parts :func:`explode` cuts one long unit into

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class Piece:
    """A chunk before it has an id: its text, where it sits and what it holds."""

    text: str
    section: str | None
    page: int | None
    end_page: int | None = None
    refs: list[str] = field(default_factory=list)
    cite: str | None = None


def make_chunk(doc: Document, ordinal: int, text: str, section: str | None, page: int | None, *,
               refs: Iterable[str] = (), cite: str | None = None) -> Chunk:
    """A chunk of ``doc`` with every field filled the one way (id ``{doc id}:{ordinal:04d}:{digest}``)."""
    meta = doc.meta
    digest = hashlib.sha1(f"{section}\n{text}".encode()).hexdigest()[:10]
    return Chunk(
        id=f"{meta.id}:{ordinal:04d}:{digest}",
        doc_id=meta.id,
        text=text,
        section=section,
        page=page,
        ordinal=ordinal,
        title=meta.title,
        url=meta.sources[0].url if meta.sources else None,
        as_of=meta.as_of,
        doc_type=meta.doc_type,
        jurisdiction=meta.jurisdiction,
        language=meta.language,
        topics=list(meta.topics),
        path=doc.path,
        authority=authority_of(doc.path, meta.doc_type),
        refs=list(dict.fromkeys(refs)),
        cite=cite,
    )


def lines_of(doc: Document) -> list[Line]:
    """Every line of the document in reading order, each with its page."""
    return [Line(text.rstrip(), section.page) for section in doc.sections for text in section.text.splitlines()]


def dmy(iso: str) -> str:
    """2025-11-19 -> 19-11-2025."""
    year, month, day = iso.split("-")
    return f"{day}-{month}-{year}"


def spanish_date(text: str) -> str | None:
    """The first date written out in Spanish ("15 de diciembre de 1995", "1o. de abril de 1996") as dd-mm-yyyy."""
    m = re.search(r"(\d{1,2})\s*(?:o\.?|º|°)?\s+de\s+([a-záéíóú]+)\s+de(?:l)?\s+(\d{4})", text, re.IGNORECASE)
    if not m or m.group(2).lower() not in _MONTHS:
        return None
    return f"{int(m.group(1)):02d}-{_MONTHS[m.group(2).lower()]:02d}-{m.group(3)}"


def roman_value(token: str) -> int:
    """"XIV" -> 14 (either case; the caller checks the numeral is well formed)."""
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    digits = [values[c] for c in token.lower()]
    return sum(-v if i + 1 < len(digits) and digits[i + 1] > v else v for i, v in enumerate(digits))


def page_span(first: int | None, last: int | None, printed=None) -> str | None:
    """"p. 74" or "pp. 74–75" (``printed`` maps a PDF page to the number printed on it); None without a page."""
    if first is None:
        return None
    show = printed or str
    if last is None or last == first:
        return f"p. {show(first)}"
    return f"pp. {show(first)}–{show(last)}"


def range_label(tags: list[str]) -> str | None:
    """"III" for one tag, "I–IV" for several (first to last), None for none."""
    tags = list(dict.fromkeys(t for t in tags if t))
    if not tags:
        return None
    return tags[0] if len(tags) == 1 else f"{tags[0]}–{tags[-1]}"


def explode(unit: Unit, max_words: int) -> list[Unit]:
    """A unit longer than ``max_words`` as several: at its line breaks, then at sentence ends, then at words."""
    if unit.words <= max_words:
        return [unit]
    parts = [p for p in unit.text.split("\n") if p.strip()]
    if len(parts) == 1:
        parts = split_sentences(unit.text)
    if len(parts) == 1:
        words = unit.text.split()
        parts = [" ".join(words[i:i + max_words]) for i in range(0, len(words), max_words)]
    out: list[Unit] = []
    whole = unit.part_of if unit.part_of is not None else id(unit)
    for part in parts:
        piece = Unit(part, unit.page, unit.end_page, unit.keys, unit.tag, whole)
        out.extend(explode(piece, max_words) if piece.words > max_words and part != unit.text else [piece])
    return out


def pack(units: list[Unit], target_words: int, max_words: int, overlap_words: int = 0) -> list[list[Unit]]:
    """Group units in order into runs of about ``target_words`` (never over ``max_words`` unless one unit is);
    a short last run joins the one before when they fit together. With ``overlap_words``, a run that had to be
    cut inside a long unit opens with the previous run's last sentence (when it is that short)."""
    units = [u for unit in units for u in explode(unit, max_words)]
    groups: list[list[Unit]] = []
    current: list[Unit] = []
    words = 0
    for unit in units:
        if current and (words >= target_words or words + unit.words > max_words):
            groups.append(current)
            tail = current[-1]
            carry = overlap_words and tail.words <= overlap_words and tail.part_of is not None \
                and tail.part_of == unit.part_of  # cut inside one long unit: repeat its last sentence
            current, words = ([tail], tail.words) if carry else ([], 0)
        current.append(unit)
        words += unit.words
    if current:
        if groups and words <= target_words // 4 and sum(u.words for u in groups[-1]) + words <= max_words:
            groups[-1].extend(u for u in current if u is not groups[-1][-1])
        else:
            groups.append(current)
    return groups


def join_units(units: list[Unit]) -> str:
    return "\n".join(u.text for u in units)


def first_page(units: list[Unit]) -> int | None:
    return next((u.page for u in units if u.page is not None), None)


def last_page(units: list[Unit]) -> int | None:
    pages = [u.end_page if u.end_page is not None else u.page for u in units]
    return next((p for p in reversed(pages) if p is not None), None)


# --- HTSUS files ----------------------------------------------------------------------------------------------

# The running footer of every HTSUS file; also dropped here because a two-page file keeps it (too few pages to
# tell it from text).
BOILERPLATE = re.compile(
    r"^\s*(?:Harmonized Tariff Schedule of the United States(?: \(\d{4}\))? Revision \d+.*"
    r"|Annotated for Statistical Reporting Purposes|GN p\.\s*\d+|Endnotes--page.*|[XVI]{1,5}|USMCA)\s*$"
)
MARKER = re.compile(r"^\s*\((?P<mark>[a-z]{1,2}|[ivxl]{1,6}|[A-Z]{1,2}|\d{1,2})\)\s")
RULE_LINE = re.compile(r"^\s*(?P<n>\d{1,2})[.,]\s+\S")
SUB_RULE = re.compile(r"^\s*(?:Chapter [Rr]ule|Heading [Rr]ule|Subheading [Rr]ule|Note\b|Chapter \d+\s*$)")


def revision(doc: Document) -> str:
    """"Rev. 7, 2025" from the source title ("… (2025) Revision 7"), else the text's date."""
    for source in doc.meta.sources:
        m = re.search(r"\((\d{4})\)\s*Revision\s+(\d+)|Revision\s+(\d+)\s*\((\d{4})\)", source.title)
        if m:
            year, rev = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
            return f"Rev. {rev}, {year}"
    return f"as of {dmy(doc.meta.as_of)}"


def text_lines(doc: Document) -> list[Line]:
    """The document's non-blank lines without the HTSUS footer."""
    return [ln for ln in lines_of(doc) if ln.text.strip() and not BOILERPLATE.match(ln.text)]


def blocks(lines: list[Line], starts: Callable[[str], bool]) -> list[Unit]:
    """Lines grouped into units, a new unit at each line ``starts(text)`` accepts; continuation lines are joined
    to the line above with a space, structural lines ("(a) …", "2. …") inside a unit keep a line of their own."""
    units: list[Unit] = []
    for line in lines:
        text = line.text.strip()
        opens = starts(text)  # asked of every line: a numbering check may count what it has seen
        if opens or not units:
            units.append(Unit(text, line.page, line.page))
            continue
        own_line = MARKER.match(text) or RULE_LINE.match(text) or SUB_RULE.match(text)
        units[-1].text += ("\n" if own_line else " ") + text
        units[-1].end_page = line.page
    return units
