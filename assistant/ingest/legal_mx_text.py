"""The text of a Mexican law around its articles: paragraphs (with the reform notes "Párrafo reformado DOF …" on
lines of their own), the promulgation preamble, and the transitorios — the law's own and each reform decree's,
chunked by decree and never given the law's article keys (see :mod:`assistant.ingest.legal_mx`)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from assistant.ingest.legal_base import (
    Line,
    Piece,
    Unit,
    first_page,
    join_units,
    last_page,
    pack,
    spanish_date,
)

# (a note may open with its verb: "Reforma DOF 30-11-2016: Derogó de la fracción …", "Derogada DOF 23-04-2021")
REFORM_NOTE = re.compile(
    r"^\s*(?=[A-ZÁÉÍÓÚ]).{0,91}?(?:[Rr]eformad|[Aa]dicionad|[Dd]erogad|[Rr]ecorrid|[Aa]ctualizad|[Rr]eforma\b|[Ee]rratas)"
    r".*\bDOF\s+\d{1,2}-\d{2}-\d{4}"
)
_DATES_ONLY = re.compile(r"^[\d\s,.\-y]+$")
_PUBLISHED = re.compile(r"^\s*Publicad[oa]s?\s+en\s+el\s+Diario\s+Oficial")
_REFORM_DECREES = re.compile(r"^\s*ART[ÍI]CULOS\s+TRANSITORIOS\s+DE\s+DECRETOS", re.IGNORECASE)
FRACTION = re.compile(r"^\s*(?P<num>[IVXLl]{1,7})\s*(?:\.\s*[-–]?|[-–])\s*(?=\S)")


def paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Blank-line separated paragraphs; a reform note ("Párrafo reformado DOF …") is a paragraph of its own."""
    out: list[list[Line]] = []
    current: list[Line] = []
    in_note = False
    for line in lines:
        text = line.text.strip()
        if not text:
            if current:
                out.append(current)
            current, in_note = [], False
            continue
        if REFORM_NOTE.match(text) or (in_note and _DATES_ONLY.match(text)):
            if current and not in_note:
                out.append(current)
                current = []
            current.append(line)
            in_note = True
            continue
        if in_note or (current and FRACTION.match(text) and current[-1].text.rstrip().endswith((".", ";", ":"))):
            out.append(current)  # a fracción opening a page follows the last one without a blank line
            current, in_note = [], False
        current.append(line)
    if current:
        out.append(current)
    return out


def paragraph_unit(paragraph: list[Line], keys: tuple[str, ...] = (), tag: str | None = None) -> Unit:
    text = re.sub(r"\s+", " ", " ".join(ln.text.strip() for ln in paragraph)).strip()
    return Unit(text, paragraph[0].page, paragraph[-1].page, keys, tag)


def plain_pieces(lines: list[Line], label: str, cite: Callable[[int | None, int | None], str], target_words: int,
                 max_words: int) -> list[Piece]:
    """Paragraphs packed into pieces without keys (the preamble, a decree's transitorios)."""
    units = [paragraph_unit(p) for p in paragraphs(lines)]
    units = [u for u in units if u.text]
    return [Piece(join_units(g), label, first_page(g), last_page(g), [], cite(first_page(g), last_page(g)))
            for g in pack(units, target_words, max_words)] if units else []


def transitorios_pieces(lines: list[Line], original: str | None, cite: Callable[[str, int | None, int | None], str],
                        target_words: int, max_words: int) -> list[Piece]:
    """The transitorios, one run per decree: the law's own first, then each reform decree's (its title and DOF date
    from the "DECRETO por el que …" / "Publicado en el Diario Oficial …" lines that open it)."""
    lines = [ln for ln in lines if not _REFORM_DECREES.match(ln.text)]  # a signpost, not text
    if not lines:
        return []
    starts = [0]
    for k, line in enumerate(lines):
        if _PUBLISHED.match(line.text):
            j = k - 1
            while j > 0 and not lines[j].text.strip():
                j -= 1
            while j > 0 and lines[j - 1].text.strip() and lines[j - 1].page == lines[j].page:
                j -= 1  # back to the title's first line (a new page starts a new paragraph here)
            if j > starts[-1]:
                starts.append(j)
    pieces = []
    for n, start in enumerate(starts):
        block = lines[start:starts[n + 1] if n + 1 < len(starts) else len(lines)]
        published = next((ln.text for ln in block if _PUBLISHED.match(ln.text)), None)
        date = spanish_date(published) if published else (original if n == 0 else None)
        title = _decree_title(block) if published else None
        label = "Transitorios — " + (f"{title} (DOF {date})" if title and date else
                                     f"DOF {date}" if date else "texto original" if n == 0 else "decreto")
        what = f"transitorios (DOF {date})" if date else "transitorios"
        pieces += plain_pieces(block, label, lambda a, b, w=what: cite(w, a, b), target_words, max_words)
    return pieces


def _decree_title(block: list[Line]) -> str | None:
    """The decree's title (its first paragraph), cut to 14 words."""
    head = paragraphs(list(itertools.takewhile(lambda ln: not _PUBLISHED.match(ln.text), block)))
    words = " ".join(ln.text for ln in head[0]).split() if head else []
    return " ".join(words[:14]).rstrip(".") + ("…" if len(words) > 14 else "") if words else None
