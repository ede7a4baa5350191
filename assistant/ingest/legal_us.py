"""US official texts: the US Code (Markdown), HTSUS General Note 11, the General Rules of Interpretation and HTSUS
chapters (notes, then the tariff table), each chunked at its own provisions with look-up keys and citations."""

from __future__ import annotations

import itertools
import re

from assistant.ingest.legal_base import (
    MARKER,
    RULE_LINE,
    SUB_RULE,
    Line,
    Piece,
    Unit,
    blocks,
    dmy,
    first_page,
    join_units,
    last_page,
    pack,
    page_span,
    revision,
    roman_value,
    text_lines,
)
from assistant.legal_refs import paragraph_key, rule_key, section_key
from assistant.models import Document

OVERLAP_WORDS = 40
_SECTION = re.compile(r"§+\s*(?P<num>\d+[a-z]?(?:-\d+)?)\.?\s*(?P<title>.*)")
_SUBSECTION = re.compile(r"\((?P<sub>[a-z0-9]{1,4})\)\s*(?P<title>.*)")
_ROMAN = re.compile(r"^[ivxl]+$")
_CHAPTER = re.compile(r"^\s*Chapter\s+(?P<n>\d{1,2})\s*$")
# A fraction the US Code prints as a displayed formula reaches the Markdown one symbol per paragraph:
# "… method:   rvc", "=", "tv–vnm", "×", "100", "tv" (19 U.S.C. 4531(d)(2) and (3)).
_GAP = r"[ \t]*\n\s*\n[ \t]*"
_STACKED_FRACTION = re.compile(
    rf"(?P<lhs>\b[a-z]+){_GAP}={_GAP}(?P<num>[a-z]+(?:\s*[–-]\s*[a-z]+)+){_GAP}×{_GAP}(?P<times>\d+){_GAP}"
    rf"(?P<den>[a-z]+)[ \t]*(?=\n|$)")


def linear_formulas(text: str) -> str:
    """Write each stacked fraction on one line, in the capitals its definitions use, the way HTSUS General Note 11
    prints the same formula: ``RVC = ((TV–VNM)/TV) × 100``. Nothing else in the text changes."""
    def one(m: re.Match) -> str:
        numerator = re.sub(r"\s*([–-])\s*", r"\1", m["num"]).upper()
        return f"{m['lhs'].upper()} = (({numerator})/{m['den'].upper()}) × {m['times']}"
    return _STACKED_FRACTION.sub(one, text)


def pieces_of(groups: list[list[Unit]], label: str | None, refs: list[str], cite,
              heading: str | None = None) -> list[Piece]:
    """One piece per group; every group after the first opens with ``heading (continued)``."""
    out = []
    for n, group in enumerate(groups):
        text = join_units(group)
        if n and heading:
            text = f"{heading} (continued)\n{text}"
        keys = [*refs, *[k for u in group for k in u.keys]]
        out.append(Piece(text, label, first_page(group), last_page(group), keys, cite(group)))
    return out


# --- 19 U.S.C. (Markdown: one section per "§ 4531. Title > (c) Subsection" heading) ----------------------------


def usc_pieces(doc: Document, target_words: int, max_words: int) -> list[Piece]:
    short = doc.meta.short or re.split(r"\s+Chapter\b|:", doc.meta.title)[0]
    as_of = f"text as of {dmy(doc.meta.as_of)}"
    pieces: list[Piece] = []
    for section in doc.sections:
        parts = [p.strip() for p in (section.heading or "").split(" > ")]
        sec = _SECTION.match(parts[0]) if parts else None
        sub = _SUBSECTION.match(parts[1]) if sec and len(parts) > 1 else None
        paragraphs = re.split(r"\n\s*\n", linear_formulas(section.text))
        units = [Unit(re.sub(r"\s+", " ", p).strip(), section.page) for p in paragraphs]
        units = [u for u in units if u.text]
        if not units:
            continue
        if sec is None:
            cite = f"{doc.meta.title} ({as_of})"
            pieces += pieces_of(pack(units, target_words, max_words), section.heading, [], lambda g, c=cite: c)
            continue
        num = sec.group("num")
        refs = [section_key(doc.meta.id, num)]
        where = f"§ {num}"
        if sub:
            refs.append(section_key(doc.meta.id, num, sub.group("sub")))
            where += f"({sub.group('sub')})"
        groups = [units] if sum(u.words for u in units) <= max_words else pack(units, target_words, max_words)
        cite = f"{short} {where} ({as_of})"
        pieces += pieces_of(groups, section.heading, refs, lambda g, c=cite: c, heading=f"{short} {where}")
    return pieces


# --- HTSUS General Note 11: lettered paragraphs (a)…(q); (o) holds the product-specific rules by chapter --------


def _top_level_starts(lines: list[Line]) -> list[tuple[int, str]]:
    """(line index, letter) of each top-level paragraph "(k) …". The letters come in order, so only the next
    expected letter counts; "(i)", "(v)", "(x)" also read as Roman subdivisions, and are taken as the paragraph
    letter only when they do not continue the current paragraph's run of subdivisions ((iv) then (v))."""
    starts: list[tuple[int, str]] = []
    expected, last_roman = "a", 0
    for i, line in enumerate(lines):
        m = MARKER.match(line.text)
        if not m:
            continue
        mark = m.group("mark")
        rest = line.text.strip()[len(mark) + 2:].lstrip()
        roman = roman_value(mark) if _ROMAN.match(mark) else 0
        opens = mark == expected and rest[:1] and (rest[0].isupper() or rest[0] == "[")
        if opens and not (roman and roman == last_roman + 1):
            starts.append((i, mark))
            expected, last_roman = chr(ord(mark) + 1), 0
            continue
        if roman:
            last_roman = roman
    return starts


def _title(text: str) -> str:
    """The heading of a paragraph: "(k) Special rules for automotive goods." -> "Special rules for automotive goods"."""
    head = re.split(r"[.—]|--|:", text, maxsplit=1)[0].strip()
    if head.startswith("[") or not head:
        return ""
    words = head.split()
    return " ".join(words[:8]) + ("…" if len(words) > 8 else "")


def general_note_pieces(doc: Document, target_words: int, max_words: int) -> list[Piece]:
    lines = text_lines(doc)
    starts = _top_level_starts(lines)
    if not starts:
        return []
    name = doc.meta.title.split(":")[0].strip()  # "HTSUS General Note 11"
    short = name.removeprefix("HTSUS ").strip()
    rev = revision(doc)
    pieces: list[Piece] = []
    for n, (start, letter) in enumerate(starts):
        stop = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        chunk_lines = lines[0 if n == 0 else start:stop]  # the note's own title line opens (a)
        first = lines[start].text.strip()[len(letter) + 2:].strip()
        label = f"{short} > ({letter})" + (f" {_title(first)}" if _title(first) else "")
        refs = [paragraph_key(doc.meta.id, letter)]

        def cite(group, where=f"{name}({letter})"):
            span = page_span(first_page(group), last_page(group))
            return f"{where}, {span} ({rev})" if span else f"{where} ({rev})"

        by_chapter = [i for i, ln in enumerate(chunk_lines) if _CHAPTER.match(ln.text)]
        if not by_chapter:
            units = blocks(chunk_lines, lambda t: bool(MARKER.match(t)) and _ROMAN.match(MARKER.match(t)["mark"]))
            groups = [units] if sum(u.words for u in units) <= max_words else pack(units, target_words, max_words,
                                                                                   OVERLAP_WORDS)
            pieces += pieces_of(groups, label, refs, cite, heading=f"{short}({letter})")
            continue
        # a short opening ("(o) Change in tariff classification rules.") goes with the first chapter
        cuts = [0, *(by_chapter[1:] if by_chapter[0] <= 3 else by_chapter), len(chunk_lines)]
        for a, b in itertools.pairwise(cuts):
            part = chunk_lines[a:b]
            if not part:
                continue
            chapter = next((m for ln in part[:4] if (m := _CHAPTER.match(ln.text))), None)
            sub_label = label + (f" > Chapter {chapter['n']}" if chapter else "")
            where = f"{name}({letter})" + (f", chapter {chapter['n']}" if chapter else "")
            units = blocks(part, lambda t: bool(RULE_LINE.match(t) or SUB_RULE.match(t)))
            pieces += pieces_of(pack(units, target_words, max_words, OVERLAP_WORDS), sub_label, refs,
                              lambda g, w=where: cite(g, w), heading=where.removeprefix("HTSUS "))
    return pieces


# --- General Rules of Interpretation: rules 1–6, then the Additional U.S. Rules ------------------------------


def rules_pieces(doc: Document, target_words: int, max_words: int) -> list[Piece]:
    lines = text_lines(doc)
    pieces: list[Piece] = []
    part, prefix, expected = "General Rules of Interpretation", "", 1
    runs: list[tuple[str, str | None, list[Line]]] = []  # (part, rule, lines)
    for line in lines:
        text = line.text.strip()
        if re.fullmatch(r"ADDITIONAL U\.S\. RULES OF INTERPRETATION", text):
            part, prefix, expected = "Additional U.S. Rules of Interpretation", "us-", 1
            continue
        if re.fullmatch(r"GENERAL RULES OF INTERPRETATION", text):
            continue
        m = RULE_LINE.match(text)
        if m and int(m["n"]) == expected:
            runs.append((part, prefix + m["n"], [line]))
            expected += 1
        elif text.startswith("[COMPILER'S NOTE"):
            runs.append((part, None, [line]))
        elif runs:
            runs[-1][2].append(line)
        else:
            runs.append((part, None, [line]))
    intro = [r for r in runs if r[1] is None and not r[2][0].text.lstrip().startswith("[")]
    for run_part, rule, run_lines in runs:
        if rule is None and run_lines[0].text.lstrip().startswith("["):
            label, refs, cite = f"{run_part} > Compiler's note", [], f"HTSUS {run_part}, compiler's note"
        elif rule is None:
            continue  # the preamble ("Classification … shall be governed by …") opens rule 1
        else:
            number = rule.removeprefix("us-")
            label, refs, cite = f"{run_part} > Rule {number}", [rule_key(doc.meta.id, rule)], \
                f"HTSUS {run_part}, rule {number}"
            if rule == "1" and intro:
                run_lines = [ln for r in intro for ln in r[2]] + run_lines
        units = blocks(run_lines, lambda t: bool(MARKER.match(t)))
        pieces += pieces_of(pack(units, target_words, max_words), label, refs, lambda g, c=cite: c,
                          heading=label.split(" > ")[-1])
    return pieces

