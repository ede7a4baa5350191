"""Mexican laws as published by the Cámara de Diputados: one chunk per article.

The text runs: a promulgation preamble, the law (TÍTULO / CAPÍTULO / Sección headings and articles "ARTICULO 2o.",
"Artículo 28-A.-", "Artículo 15 Bis.-", each with its fracciones "I.", "II." … and reform notes "Párrafo reformado
DOF 09-12-2013"), then the TRANSITORIOS: the law's own and those of every reform decree. Articles are found by
their opening line and kept whole (an article longer than ``max_words`` is split between fracciones, every part
keeping the article's key); the transitorios are chunked by decree and never carry the law's article keys — their
"Artículo Primero" is not the law's article 1.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from assistant.ingest.legal_base import (
    Line,
    Piece,
    Unit,
    dmy,
    first_page,
    join_units,
    last_page,
    lines_of,
    pack,
    page_span,
    range_label,
    roman_value,
    spanish_date,
)
from assistant.ingest.legal_mx_text import (
    FRACTION,
    REFORM_NOTE,
    paragraph_unit,
    paragraphs,
    plain_pieces,
    transitorios_pieces,
)
from assistant.legal_refs import article_key, normalize_article
from assistant.models import Document

_LATIN = r"(?i:bis|ter|qu[aá]ter|quinquies|quintus|sexies)"
_LATIN_RANK = {"bis": 2, "ter": 3, "quater": 4, "quinquies": 5, "quintus": 5, "sexies": 6}
# "ARTICULO 2o.", "Artículo 9o.-A.", "Artículo 1o.-A BIS.-", "Artículo 15 Bis.-", "Artículo 39 C.", "ARTICULO 137 bis 1.-"
_ARTICLE = re.compile(
    r"^\s*(?:ART[ÍI]CULO|Art[íi]culo)\s+"
    r"(?P<num>\d{1,4})(?P<ord>\s*(?:o\.?|º|°)(?![a-zA-Z]))?"
    rf"(?:(?P<sep>\s*\.?\s*-\s*|\s+)(?P<letter>[A-ZÑ])(?=\s*[.\-–]|\s+{_LATIN}|$))?"
    rf"(?P<latin>[\s-]+{_LATIN}(?:\s+\d{{1,2}})?)?"
    r"\s*(?P<end>\.\s*[-–]|\.|[-–]|:)?(?=\s|$)"
)
_HEADING = re.compile(
    r"^\s*(?P<kind>T[ÍI]TULO|T[íi]tulo|CAP[ÍI]TULO|Cap[íi]tulo|SECCI[ÓO]N|Secci[óo]n|LIBRO|Libro)\s+"
    r"(?P<num>(?i:(?:d[ée]cimo\s*|vig[ée]simo\s*)?(?:primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa]|quint[oa]|"
    r"sext[oa]|s[ée]ptim[oa]|octav[oa]|noven[oa]|d[ée]cim[oa]|und[ée]cim[oa]|duod[ée]cim[oa]|vig[ée]sim[oa]|"
    r"[úu]nic[oa]))|[IVXLC]+|\d{1,2})\b"
    rf"(?:\s+{_LATIN}\b)?(?P<rest>.*)$"
)
_APARTADO = re.compile(r"^\s*[IVXl]{1,5}\s*$")  # a bare "I" / "ll" line heads a run of articles within a Sección
_TRANSITORIOS = re.compile(
    r"^\s*(?:(?:ART[ÍI]CULOS?|Art[íi]culos?|DISPOSICIONES|Disposiciones)\s+)?"
    r"(?i:t\s?r\s?a\s?n\s?s\s?i\s?t\s?o\s?r\s?i\s?[oa]\s?s?)(?P<rest>.*)$"
)
_ROMAN = re.compile(r"^(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")


@dataclass
class _Article:
    start: int  # line index
    number: int
    display: str  # as printed, ordinal marks dropped: "28-A", "15 Bis", "9-A"
    key: str  # key form: "28-a", "15-bis"
    order: tuple[int, ...] = ()  # where it sits among the articles: 28 < 28-A < 28-A Bis < 28-B < 28 Bis


def _parse_article(text: str) -> _Article | None:
    m = _ARTICLE.match(text)
    if not m or not (m.group("end") or m.group("ord")):
        return None  # "Artículo 123 Constitucional", "Artículo 144-A de esta Ley": a reference, not a heading
    number = int(m.group("num"))
    letter, latin = m.group("letter"), (m.group("latin") or "").strip(" -")
    display = str(number)
    if letter:
        display += ("-" if "-" in (m.group("sep") or "") else " ") + letter
    if latin:
        display += ("-" if m.group("latin").lstrip().startswith("-") else " ") + re.sub(r"\s+", " ", latin)
    raw = f"{number}" + (f"-{letter}" if letter else "") + (f" {latin}" if latin else "")
    key = normalize_article(raw) or re.sub(r"[\s.]+", "-", raw.lower()).strip("-")
    rank = _LATIN_RANK.get(latin.split()[0].lower().replace("á", "a"), 0) if latin else 0
    extra = int(latin.split()[-1]) if latin and latin.split()[-1].isdigit() else 0
    order = (number, (ord("N") * 2 + 1 if letter == "Ñ" else ord(letter) * 2) if letter else 0, rank, extra)
    return _Article(start=-1, number=number, display=display, key=key, order=order)


def _is_heading(text: str) -> bool:
    if _APARTADO.match(text):
        return True
    m = _HEADING.match(text)
    if not m:
        return False
    rest = m.group("rest").strip(" .:-–—")
    return not rest or (len(rest.split()) <= 12 and not rest[0].islower() and not rest.endswith((",", ";")))


def _is_transitorios(text: str) -> bool:
    m = _TRANSITORIOS.match(text)
    if not m:
        return False
    rest = m.group("rest").strip()
    return not rest or (text.isupper() and rest.upper().startswith("DE "))


def _merge(units: list[Unit]) -> Unit:
    return Unit(join_units(units), units[0].page, last_page(units), units[0].keys, units[0].tag)


def _fraction_units(doc_id: str, article: _Article, lines: list[Line]) -> list[Unit]:
    """The article's intro and each fracción (with the paragraphs that follow it) as one unit each."""
    blocks: list[list[Unit]] = [[]]
    last = 0
    for paragraph in paragraphs(lines):
        m = FRACTION.match(paragraph[0].text)
        if m:
            token = m.group("num").replace("l", "I")
            value = roman_value(token) if _ROMAN.match(token) else 0
            if value == 1 or (last and last < value <= last + 3):
                last = value
                unit = paragraph_unit(paragraph, (article_key(doc_id, article.key, fraction=token.lower()),), token)
                unit.text = token + unit.text.lstrip()[len(m.group("num")):]  # "lI." as extracted reads "II."
                blocks.append([unit])
                continue
        blocks[-1].append(paragraph_unit(paragraph, blocks[-1][0].keys if blocks[-1] else (),
                                     blocks[-1][0].tag if blocks[-1] else None))
    return [_merge(block) for block in blocks if block]


class _Context:
    """What every piece of one law shares: its name, reform date, and the headings in force."""

    def __init__(self, doc: Document):
        self.doc_id = doc.meta.id
        self.name = doc.meta.title
        self.reform = f"última reforma DOF {dmy(doc.meta.as_of)}"
        self.headings: dict[str, str] = {}

    def heading(self, kind: str, text: str) -> None:
        order = ["libro", "titulo", "capitulo", "seccion", "apartado"]
        level = order.index(kind)
        self.headings = {k: v for k, v in self.headings.items() if order.index(k) < level}
        self.headings[kind] = text

    def label(self, last: str) -> str:
        return " > ".join([*self.headings.values(), last])

    def cite(self, what: str, first: int | None, final: int | None) -> str:
        where = page_span(first, final)
        return f"{self.name}, {what}" + (f", {where}" if where else "") + f" ({self.reform})"


def _heading_kind(text: str) -> str:
    if _APARTADO.match(text):
        return "apartado"
    word = _HEADING.match(text).group("kind").lower()
    return {"título": "titulo", "titulo": "titulo", "capítulo": "capitulo", "capitulo": "capitulo",
            "sección": "seccion", "seccion": "seccion", "libro": "libro"}[word]


def _find_articles(lines: list[Line], start: int, end: int) -> list[_Article]:
    """The article headings between ``start`` and ``end``: of the lines that open like one, the longest run in
    increasing article order (a line "Artículo 27." quoting another law's article mid-text drops out)."""
    candidates: list[_Article] = []
    for i in range(start, end):
        text = lines[i].text
        if text.lstrip()[:3].lower() != "art":
            continue
        article = _parse_article(text)
        if article is None:
            continue
        if _wrapped(lines, i):
            continue  # a wrapped sentence that happens to open with "Artículo 5o."
        article.start = i
        candidates.append(article)
    return _increasing(candidates)


def _increasing(candidates: list[_Article]) -> list[_Article]:
    """The longest strictly increasing subsequence by ``order`` (patience sorting, O(n log n))."""
    tails: list[tuple[int, ...]] = []
    tail_index: list[int] = []
    previous = [-1] * len(candidates)
    for i, article in enumerate(candidates):
        pos = bisect.bisect_left(tails, article.order)
        if pos == len(tails):
            tails.append(article.order)
            tail_index.append(i)
        else:
            tails[pos] = article.order
            tail_index[pos] = i
        previous[i] = tail_index[pos - 1] if pos else -1
    out: list[_Article] = []
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        out.append(candidates[i])
        i = previous[i]
    return out[::-1]


def _wrapped(lines: list[Line], i: int) -> bool:
    """Whether line ``i`` continues the sentence above it (not a heading's title, not a finished paragraph)."""
    above = lines[i - 1].text.strip() if i else ""
    if not above or _ends_block(above) or above[-1].isupper():
        return False
    return not any(_is_heading(ln.text) for ln in lines[max(0, i - 4):i - 1])


def _ends_block(text: str) -> bool:
    text = text.strip()
    return text.endswith((".", ":", ")", "»", "\"", "”")) or bool(REFORM_NOTE.match(text)) or _is_heading(text)


def article_pieces(doc: Document, target_words: int, max_words: int) -> list[Piece]:
    lines = lines_of(doc)
    first = next((i for i, ln in enumerate(lines) if (a := _parse_article(ln.text)) and a.key == "1"), None)
    if first is None:
        first = next((i for i, ln in enumerate(lines) if _parse_article(ln.text)), None)
    if first is None:
        return []
    end = next((i for i in range(first, len(lines)) if _is_transitorios(lines[i].text)), len(lines))
    articles = _find_articles(lines, first, end)
    body_start = _headings_before(lines, first)
    ctx = _Context(doc)
    pieces: list[Piece] = []
    preamble = lines[:body_start]
    pieces += plain_pieces(preamble, "Preámbulo", lambda a, b: ctx.cite("preámbulo", a, b), target_words, max_words)
    _read_headings(ctx, lines[body_start:first])
    for n, article in enumerate(articles):
        stop = articles[n + 1].start if n + 1 < len(articles) else end
        body, after = _split_at_heading(lines, article.start, stop)
        label = ctx.label(f"Artículo {article.display}")
        rest = _read_headings(ctx, lines[body:after])  # lines that are no heading stay with the article
        pieces += _article_pieces(ctx, article, label, lines[article.start:body] + rest, target_words, max_words)
    original = spanish_date(" ".join(ln.text for ln in preamble if "ublicad" in ln.text)) if preamble else None
    pieces += transitorios_pieces(lines[end:], original, ctx.cite, target_words, max_words)
    return pieces


def _headings_before(lines: list[Line], first: int) -> int:
    """Where the headings above article 1 begin (the preamble ends there)."""
    start, i = first, first - 1
    while i >= 0:
        text = lines[i].text.strip()
        if not text or REFORM_NOTE.match(text):
            i -= 1
            continue
        if _is_heading(text):
            start = i
            i -= 1
            continue
        j = i - 1
        while j >= 0 and lines[j].text.strip() and not _is_heading(lines[j].text):
            j -= 1
        if j >= 0 and _is_heading(lines[j].text) and i - j <= 3:  # the heading's title, one to three lines
            i = j
            continue
        break
    return start


def _split_at_heading(lines: list[Line], start: int, stop: int) -> tuple[int, int]:
    """The article runs from ``start`` to the first heading line before ``stop``; headings fill the rest."""
    for i in range(start + 1, stop):
        if _is_heading(lines[i].text) and (not lines[i - 1].text.strip() or _ends_block(lines[i - 1].text)):
            return i, stop
    return stop, stop


def _read_headings(ctx: _Context, lines: list[Line]) -> list[Line]:
    """Update the headings in force from a run of heading lines, each with its title (the lines after it); the
    lines that are neither (but a heading's reform note) come back."""
    rest: list[Line] = []
    i = 0
    while i < len(lines):
        text = lines[i].text.strip()
        if _is_heading(text):
            m = _HEADING.match(text)
            name = re.sub(r"\s+", " ", text).replace("l", "I") if m is None else re.sub(r"\s+", " ", text)
            title: list[str] = []
            j = i + 1
            while j < len(lines) and lines[j].text.strip() and not _is_heading(lines[j].text) and len(title) < 3:
                if not REFORM_NOTE.match(lines[j].text.strip()):
                    title.append(lines[j].text.strip())
                j += 1
            words = " ".join(title).split()
            if words and (m is None or not m.group("rest").strip(" .:-–—")):
                name += ": " + " ".join(words[:6]) + ("…" if len(words) > 6 else "")
            ctx.heading(_heading_kind(text), name[:80].rstrip())
            i = j
        else:
            if not REFORM_NOTE.match(text):
                rest.append(lines[i])
            i += 1
    return rest if any(ln.text.strip() for ln in rest) else []


def _article_pieces(ctx: _Context, article: _Article, label: str, lines: list[Line], target_words: int,
                    max_words: int) -> list[Piece]:
    base = article_key(ctx.doc_id, article.key)
    units = _fraction_units(ctx.doc_id, article, lines)
    if not units:
        return []
    groups = [units] if sum(u.words for u in units) <= max_words else pack(units, target_words, max_words)
    pieces = []
    for n, group in enumerate(groups):
        text = join_units(group)
        if n:
            text = f"Artículo {article.display} (continuación)\n{text}"
        fr = range_label([u.tag for u in group if u.tag]) if len(groups) > 1 else None
        what = f"art. {article.display}" + (f", fr. {fr}" if fr else "")
        refs = [base, *[k for u in group for k in u.keys]]
        pieces.append(Piece(text, label, first_page(group), last_page(group), refs,
                            ctx.cite(what, first_page(group), last_page(group))))
    return pieces


