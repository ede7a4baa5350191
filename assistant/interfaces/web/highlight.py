"""The cited sentence, highlighted in its passage: which sentences of an answer a marker ``[n]`` closes, and the
passage with those sentences inside ``<mark>``. Pure; every piece of text is escaped with ``render.h``.

An answer is built from the passages' own sentences, each followed by its marker ("… 18 months [1]"), so the text
before a marker is what the answer took from that passage. The composer tidies a sentence it borrows (Markdown
emphasis and cross-references dropped, a table row read with its headers), so it is found in the passage by its
words, not its characters: the longest run of the passage's words matching the sentence's, widened over nearby
matching runs, and kept only when it covers most of the sentence.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Callable, Iterable

_MARKER = re.compile(r"[ \t]*\[(\d{1,4})\]")
_WORD = re.compile(r"\w+", re.UNICODE)
_BULLET = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s+)")
_LABEL = re.compile(r"^[^.!?\n]{0,60}:\s+(?=\S)")  # "Según la fuente (en inglés): …"
MIN_COVER = 0.6  # share of a sentence's words a highlight must match
MAX_GAP = 8  # passage words allowed between two matching runs of one sentence
_TRAILING = ".!?;:)\"”’»"


def cited_sentences(answer: str, n: int) -> list[str]:
    """The pieces of ``answer`` that its marker ``[n]`` closes, in order (bullets and a lead-in label dropped)."""
    out: list[str] = []
    start = 0
    for m in _MARKER.finditer(answer or ""):
        piece = answer[start:m.start()]
        start = m.end()
        if int(m.group(1)) != n:
            continue
        piece = piece.rsplit("\n", 1)[-1] if "\n" in piece.strip("\n") else piece
        piece = _BULLET.sub("", piece.strip().lstrip(".;,: "))
        if piece:
            out.append(piece)
    return out


def _words(text: str) -> list[re.Match]:
    return list(_WORD.finditer(text))


def _span(passage: list[re.Match], quote: list[str]) -> tuple[int, int] | None:
    """Indexes (first, last) of the passage words that hold the quote, or None when most of it is not there."""
    if not quote:
        return None
    words = [m.group().lower() for m in passage]
    blocks = [b for b in SequenceMatcher(None, words, quote, autojunk=False).get_matching_blocks() if b.size]
    if not blocks:
        return None
    anchor = max(blocks, key=lambda b: b.size)
    group = [anchor]
    for b in sorted(blocks, key=lambda b: b.a):  # widen over runs close to the anchor, on either side
        if b is anchor:
            continue
        low, high = min(x.a for x in group), max(x.a + x.size for x in group)
        if (b.a >= high and b.a - high <= MAX_GAP) or (b.a + b.size <= low and low - (b.a + b.size) <= MAX_GAP):
            group.append(b)
    if sum(b.size for b in group) < MIN_COVER * len(quote):
        return None
    return min(b.a for b in group), max(b.a + b.size for b in group) - 1


def highlight_spans(text: str, quotes: Iterable[str]) -> list[tuple[int, int]]:
    """Character spans of ``text`` holding each quote (merged, in order); a quote not found adds none."""
    passage = _words(text)
    spans = []
    for quote in quotes:
        found = _span(passage, _lower_words(quote))
        if found is None and _LABEL.match(quote):
            found = _span(passage, _lower_words(_LABEL.sub("", quote, count=1)))
        if found is None:
            continue
        start, end = passage[found[0]].start(), passage[found[1]].end()
        while end < len(text) and text[end] in _TRAILING:
            end += 1
        spans.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _lower_words(text: str) -> list[str]:
    return [m.group().lower() for m in _words(text)]


def marked_html(text: str, quotes: Iterable[str], escape: Callable[[str], str]) -> str:
    """``text`` as HTML: each piece escaped with ``escape``, line breaks as ``<br>``, the quotes inside ``<mark>``."""
    def lines(piece: str) -> str:
        return "<br>".join(escape(line) for line in piece.split("\n"))

    out, at = [], 0
    for start, end in highlight_spans(text, quotes):
        out.append(lines(text[at:start]))
        out.append(f'<mark class="cited">{lines(text[start:end])}</mark>')
        at = end
    out.append(lines(text[at:]))
    return "".join(out)
