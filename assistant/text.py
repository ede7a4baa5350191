"""Small text utilities: sentence splitting, tokenizing for overlap scores, slugs."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

_ABBREVIATIONS = {
    "u.s", "e.g", "i.e", "art", "arts", "no", "nos", "mr", "mrs", "dr", "vs", "etc", "approx", "inc", "co",
    "corp", "ltd", "s.a", "c.v", "de", "sec", "secs", "fig", "p", "pp", "para", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "fr", "núm", "num", "lic", "ing", "sr", "sra",
    "u.s.c", "c.f.r", "cfr", "st", "ave", "min", "max", "fracc", "fr", "op", "cit", "ibid", "v",
}

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)\]]*\s+(?=[\"“¿¡(\[]?[A-ZÁÉÍÓÚÑ0-9$€£])")
_WORD = re.compile(r"[0-9]+(?:[.,][0-9]+)*%?|[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


_STOP_AFTER_BRACKET = re.compile(r"[)\]][.!?…]$")
_INITIALISM = re.compile(r"^(?:[a-z]\.)+[a-z]$")  # "V.O.S." in "Trump v. V.O.S. Selections", "U.S.C."


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences without breaking at common abbreviations or decimal numbers."""
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return []
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        candidate = text[start : match.start()].rstrip()
        last_word = candidate.rsplit(" ", 1)[-1].rstrip(".!?…\"”’)]").lstrip("(\"“[¿¡").lower()  # "(art." is "art"
        # a stop after a closing bracket ends the sentence, whatever is inside ("… (LSS article 168, section I).")
        if not _STOP_AFTER_BRACKET.search(candidate) and (
                last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()) or _INITIALISM.match(last_word)):
            continue
        pieces.append(text[start : match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        pieces.append(tail)
    return pieces


def words(text: str) -> list[str]:
    """Lower-cased word and number tokens (accents kept)."""
    return [w.lower() for w in _WORD.findall(text)]


def fold(text: str) -> str:
    """Lower-case and strip accents: 'Artículo' -> 'articulo'."""
    if text.isascii():  # nothing to strip (most English text): the same result, without the per-character pass
        return text.lower()
    # only the non-ASCII characters are looked at (a callback per accent, not a Python step per character)
    return _NON_ASCII.sub(_drop_combining, unicodedata.normalize("NFKD", text)).lower()


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _drop_combining(match: re.Match) -> str:
    return "".join(c for c in match.group() if not unicodedata.combining(c))


@lru_cache(maxsize=4096)
def fold_passage(text: str) -> str:
    """:func:`fold`, remembered: the same passages come back question after question, and folding a long Spanish
    text character by character costs more than the rest of a coverage check."""
    return fold(text)


def slugify(text: str, max_len: int = 60) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return slug[:max_len].strip("-") or "doc"


def word_count(text: str) -> int:
    return len(text.split())


# A cell a spreadsheet may read as a formula: one starting with = + - @ (or their full-width forms, which some
# spreadsheets fold to ASCII), also after leading whitespace, line breaks or invisible characters that the
# spreadsheet strips first; and one starting with a tab, CR or LF, which can carry a formula onto a new line.
_FORMULA_SIGNS = "=+-@\uff1d\uff0b\uff0d\uff20"
_INVISIBLE_LEAD = " \t\r\n\u00a0\u200b\u200c\u200d\u2060\ufeff\u3000"


def spreadsheet_safe(value: object) -> object:
    """``value`` with a leading ``'`` when it is text a spreadsheet could run as a formula (CSV injection)."""
    if not isinstance(value, str) or not value:
        return value
    if value[0] in "\t\r\n" or value.lstrip(_INVISIBLE_LEAD)[:1] in tuple(_FORMULA_SIGNS):
        return "'" + value
    return value


MONTH_NAMES = {  # English and Spanish month names, January first
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
}


def long_date(day: date, lang: str = "en") -> str:
    """A date as a reader writes it: "1 February 2026", "1 de febrero de 2026" (not "2026-02-01")."""
    month = MONTH_NAMES["es" if lang == "es" else "en"][day.month - 1]
    return f"{day.day} de {month} de {day.year}" if lang == "es" else f"{day.day} {month} {day.year}"
