"""Numbers written as words, in Spanish and English: the law says "dieciocho meses" and "ciento ochenta días" where
our guides write "18 months" and "180 days".

``number_words("hasta por dieciocho meses; treinta y seis meses")`` → ``{"18", "36"}``. One is left out ("un",
"una", "one" are articles far more often than counts). Pure and cached.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.text import fold

_SMALL = {
    # Spanish
    "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
    "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciseis": 16, "diecisiete": 17,
    "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiun": 21, "veintiuno": 21, "veintiuna": 21,
    "veintidos": 22, "veintitres": 23, "veinticuatro": 24, "veinticinco": 25, "veintiseis": 26, "veintisiete": 27,
    "veintiocho": 28, "veintinueve": 29,
    # English
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
_UNITS_AFTER_TENS = {**{k: v for k, v in _SMALL.items() if v < 10}, "uno": 1, "un": 1, "una": 1, "one": 1}
_TENS = {
    "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_HUNDREDS = {
    "cien": 100, "ciento": 100, "doscientos": 200, "doscientas": 200, "trescientos": 300, "trescientas": 300,
    "cuatrocientos": 400, "cuatrocientas": 400, "quinientos": 500, "quinientas": 500, "seiscientos": 600,
    "seiscientas": 600, "setecientos": 700, "setecientas": 700, "ochocientos": 800, "ochocientas": 800,
    "novecientos": 900, "novecientas": 900,
}
_JOIN = {"y", "and"}
_TOKEN = re.compile(r"[a-z]+")


@lru_cache(maxsize=8192)
def number_words(text: str) -> frozenset[str]:
    """The values (as digits) of the numbers ``text`` writes in words, two and up."""
    tokens = _TOKEN.findall(fold(text))
    found: set[int] = set()
    i = 0
    while i < len(tokens):
        if tokens[i] == "ciento" and i > 0 and tokens[i - 1] == "por":  # "por ciento": percent, not a hundred
            i += 1
            continue
        value, i = _read(tokens, i)
        if value is None:
            i += 1
        elif value > 1:
            found.add(value)
    return frozenset(str(v) for v in found)


def in_digits(text: str) -> str:
    """``text`` with the numbers it writes in words, two and up, written in digits where they stand ("por un plazo de
    veinticuatro meses" → "por un plazo de 24 meses"); "por ciento" stays. The text keeps its accents when folding
    does not change its length, else it comes back folded."""
    folded = fold(text)
    source = text if len(folded) == len(text) else folded
    spans = list(_TOKEN.finditer(folded))
    tokens = [m.group() for m in spans]
    out: list[str] = []
    last = i = 0
    while i < len(tokens):
        if tokens[i] == "ciento" and i > 0 and tokens[i - 1] == "por":
            i += 1
            continue
        value, end = _read(tokens, i)
        if value is None or value <= 1:
            i += 1
            continue
        out += [source[last:spans[i].start()], str(value)]
        last, i = spans[end - 1].end(), end
    return "".join(out) + source[last:]


def _read(tokens: list[str], i: int) -> tuple[int | None, int]:
    """The number starting at ``tokens[i]`` and the index after it; (None, i) when none starts there."""
    total, start = 0, i
    if i < len(tokens) and tokens[i] in _HUNDREDS:  # "ciento ochenta", "doscientos"
        total, i = _HUNDREDS[tokens[i]], i + 1
    elif i + 1 < len(tokens) and tokens[i] in _SMALL and tokens[i + 1] == "hundred":  # "two hundred"
        total, i = _SMALL[tokens[i]] * 100, i + 2
        if i + 1 < len(tokens) and tokens[i] == "and" and (tokens[i + 1] in _TENS or tokens[i + 1] in _SMALL):
            i += 1  # "two hundred and fifty"
    if i < len(tokens) and tokens[i] in _TENS:  # "treinta y seis", "thirty six" ("thirty-six" tokenizes so)
        total, i = total + _TENS[tokens[i]], i + 1
        if i + 1 < len(tokens) and tokens[i] in _JOIN and tokens[i + 1] in _UNITS_AFTER_TENS:
            total, i = total + _UNITS_AFTER_TENS[tokens[i + 1]], i + 2
        elif i < len(tokens) and tokens[i] in _UNITS_AFTER_TENS and tokens[i] not in ("un", "una", "one"):
            total, i = total + _UNITS_AFTER_TENS[tokens[i]], i + 1
    elif i < len(tokens) and tokens[i] in _SMALL:
        total, i = total + _SMALL[tokens[i]], i + 1
    return (total, i) if i > start else (None, start)
