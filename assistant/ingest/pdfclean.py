"""Tidy the text pypdf extracts, page by page: running headers and footers out, words hyphenated at a line end
joined again. Pure functions on lists of strings; no I/O.

A running header or footer is a line that sits at the top or bottom of most pages ("LEY ADUANERA / CÁMARA DE
DIPUTADOS DEL H. CONGRESO DE LA UNIÓN / … / 12 de 218", "Harmonized Tariff Schedule of the United States Revision 7
(2025) / … / GN p.3"). Lines are compared with their digits folded ("12 de 218" and "13 de 218" are the same line),
and only the runs of such lines touching a page's edge are removed, so a body line that happens to repeat stays.
"""

from __future__ import annotations

import math
import re
from collections import Counter

EDGE_TOP = 10  # how many non-blank lines at the top of a page may belong to a running header
EDGE_BOTTOM = 6  # … and at the bottom to a running footer
REPEATED_SHARE = 0.5  # a header line sits on at least this share of the pages
MIN_PAGES = 3  # … and on at least this many

# A line that is only a page number: "12", "- 12 -", "12 de 218", "Page 3 of 9", "Página 4", "85-3", "GN p.3".
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*\d{1,4}\s*[-–—]"
    r"|(?:p[áa]gina|page|p\.)?\s*\d{1,4}(?:\s*(?:de|of|/)\s*\d{1,4})?"
    r"|\d{1,3}-\d{1,4}"
    r"|GN\s+p\.\s*\d{1,4})$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
# "adua-" at a line end, "nera de la" opening the next: one word broken by the line, not a compound.
_BROKEN_TAIL = re.compile(r"([a-záéíóúñü])-\s*$")
_BROKEN_HEAD = re.compile(r"^\s*([a-záéíóúñü][^\s]*)\s*(.*)$")
_WORD = re.compile(r"[^\W\d_]+")


def _shape(line: str) -> str:
    """A line with digits folded and spaces collapsed: "12 de 218" -> "# de #"."""
    return _SPACES.sub(" ", _DIGITS.sub("#", line)).strip()


def is_page_number(line: str) -> bool:
    return bool(_PAGE_NUMBER.match(line.strip()))


def _edges(lines: list[str]) -> set[str]:
    filled = [ln for ln in lines if ln.strip()]
    return {_shape(ln) for ln in filled[:EDGE_TOP] + filled[-EDGE_BOTTOM:]}


def repeated_lines(pages: list[str]) -> set[str]:
    """The shapes of the lines found near the top or bottom of most pages (at least half of them, and at least
    ``MIN_PAGES``: in a shorter document nothing counts as a running header, only page numbers go)."""
    n = len(pages)
    if n < MIN_PAGES:
        return set()
    counts = Counter(shape for page in pages for shape in _edges(page.splitlines()))
    threshold = max(MIN_PAGES, math.ceil(n * REPEATED_SHARE))
    return {shape for shape, count in counts.items() if count >= threshold and shape}


def _strip_edges(lines: list[str], repeated: set[str]) -> list[str]:
    """Drop the running-header lines at the top of a page and the footer lines at its bottom (blank lines between
    them go too); stop at the first line of body text from either side."""
    def droppable(line: str, seen: set[str]) -> bool:
        if not line.strip():
            return True
        shape = _shape(line)
        if shape in seen:  # a title that repeats the header right below it ("LEY ADUANERA") is body text
            return False
        if shape in repeated or is_page_number(line):
            seen.add(shape)
            return True
        return False

    start, seen_top = 0, set()
    while start < len(lines) and start < EDGE_TOP * 2 and droppable(lines[start], seen_top):
        start += 1
    end, seen_bottom = len(lines), set()
    while end > start and len(lines) - end < EDGE_BOTTOM * 2 and droppable(lines[end - 1], seen_bottom):
        end -= 1
    return lines[start:end]


def join_hyphenated(lines: list[str], vocabulary: Counter[str] | None = None) -> list[str]:
    """Join a word broken across a line end ("adua-" / "nera de la" -> "aduanera" / "de la"). A hyphen between
    anything but two lower-case letters ("28-" / "A", "IMMEX-" / "SAT", "1995-" / "2000") is kept, and so is a
    compound's ("casa-" / "habitación") when ``vocabulary`` (word counts of the whole document) knows the second
    half as a word of its own elsewhere but never saw the joined word."""
    out = list(lines)
    for i in range(len(out) - 1):
        tail = _BROKEN_TAIL.search(out[i])
        if not tail:
            continue
        head = _BROKEN_HEAD.match(out[i + 1])
        if not head:
            continue
        if vocabulary is not None and _is_compound(out[i][: tail.start(1) + 1], head.group(1), vocabulary):
            continue
        out[i] = out[i][: tail.start(1) + 1] + head.group(1)
        out[i + 1] = head.group(2)
    return [ln for i, ln in enumerate(out) if ln.strip() or lines[i].strip() == ""]


def _is_compound(before: str, after: str, vocabulary: Counter[str]) -> bool:
    first = _WORD.findall(before.lower())[-1:]
    second = _WORD.findall(after.lower())[:1]
    if not first or not second:
        return False
    first_word, second_word = first[0], second[0]
    return vocabulary[second_word] > 1 and vocabulary[first_word + second_word] == 0


def clean_pages(pages: list[str]) -> list[str]:
    """The pages' text without running headers, footers and page numbers, with broken words joined; each page
    keeps its line structure (a page may come out empty)."""
    repeated = repeated_lines(pages)
    stripped = [_strip_edges(page.splitlines(), repeated) for page in pages]
    vocabulary: Counter[str] | None = None
    if any(_BROKEN_TAIL.search(ln) for lines in stripped for ln in lines):
        vocabulary = Counter(_WORD.findall("\n".join("\n".join(lines) for lines in stripped).lower()))
    return ["\n".join(ln.rstrip() for ln in join_hyphenated(lines, vocabulary)).strip() for lines in stripped]
