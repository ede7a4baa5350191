"""Look-up keys for provisions of the official texts — one format, built at ingest and parsed from questions.

A chunk of an official text carries the keys of the provisions it holds (``Chunk.refs``); a question that names a
provision ("artículo 108 de la Ley Aduanera", "19 USC 4531(c)", "HTS 8544.42") is parsed into the same keys, so a
look-up is a dictionary hit, not a similarity guess. Keys are lower case:

=====================  =============================================  ===================================
provision              key                                            built by
=====================  =============================================  ===================================
article                ``ley-aduanera:art:108``, ``…:art:28-a``         :func:`article_key`
fracción of article    ``ley-aduanera:art:108:fr:iii``                 :func:`article_key` (``fraction=``)
US Code section        ``19-usc-chapter-29:sec:4531``                   :func:`section_key`
US Code subsection     ``19-usc-chapter-29:sec:4531:c``                 :func:`section_key` (``subsection=``)
general note paragraph ``htsus-general-note-11:par:k``                  :func:`paragraph_key`
rule                   ``htsus-general-rules-of-interpretation:rule:3`` :func:`rule_key`
tariff line            ``hts:8544.42``, ``hts:8544.42.20``              :func:`hts_key`
=====================  =============================================  ===================================

The official texts themselves (ids, abbreviations, names, structure) are listed in ``data/laws.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import yaml

_ORDINAL_MARK = re.compile(r"(?<=\d)\s*(?:o\.?|º|°|ª)(?![a-z])", re.IGNORECASE)
_ARTICLE = re.compile(r"^(\d+)(?:\s*-?\s*([a-zñ]))?(?:[\s-]*(bis|ter|qu[aá]ter|quinquies))?(?:[\s-]*(\d{1,2}))?$",
                      re.IGNORECASE)


@dataclass(frozen=True)
class Law:
    doc_id: str
    short: str
    structure: str  # articles | usc | general-note | rules | hts-chapter
    names: tuple[str, ...]


@lru_cache(maxsize=1)
def laws() -> tuple[Law, ...]:
    """The official texts the corpus ships (``data/laws.yaml``)."""
    data = yaml.safe_load(files("assistant").joinpath("data/laws.yaml").read_text(encoding="utf-8")) or []
    return tuple(Law(str(d["doc_id"]), str(d["short"]), str(d["structure"]), tuple(str(n) for n in d["names"]))
                 for d in data)


def law_by_id(doc_id: str) -> Law | None:
    return next((law for law in laws() if law.doc_id == doc_id), None)


def normalize_article(raw: str) -> str | None:
    """An article number as written ("2o.", "28-A", "15 Bis", "59-A.-", "1º", "39 C", "353-Ñ", "137 bis 1") in key
    form ("2", "28-a", "15-bis", "59-a", "1", "39-c", "353-ñ", "137-bis-1"); None when it is not an article number."""
    text = _ORDINAL_MARK.sub("", raw.strip().rstrip(".-–— ").strip())
    m = _ARTICLE.match(text.strip())
    if not m:
        return None
    number, letter, latin, sub = m.group(1).lstrip("0") or "0", m.group(2), m.group(3), m.group(4)
    if sub and not latin:
        return None  # "137 bis 1" is an article; "59 2" is two numbers
    out = number
    if letter:
        out += f"-{letter.lower()}"
    if latin:
        out += "-" + latin.lower().replace("á", "a")
    if sub:
        out += f"-{sub}"
    return out


def normalize_roman(raw: str) -> str | None:
    """A fracción number ("III", "xiv.") in key form ("iii"); None when it is not a Roman numeral."""
    text = raw.strip().rstrip(".-) ").lower()
    return text if text and re.fullmatch(r"[ivxlc]+", text) else None


def article_key(doc_id: str, article: str, fraction: str | None = None) -> str:
    key = f"{doc_id}:art:{article.lower()}"
    return f"{key}:fr:{fraction.lower()}" if fraction else key


def section_key(doc_id: str, section: str, subsection: str | None = None) -> str:
    key = f"{doc_id}:sec:{section.lower()}"
    return f"{key}:{subsection.lower()}" if subsection else key


def paragraph_key(doc_id: str, letter: str) -> str:
    return f"{doc_id}:par:{letter.lower()}"


def rule_key(doc_id: str, rule: str) -> str:
    return f"{doc_id}:rule:{rule.lower()}"


def hts_key(code: str) -> str | None:
    """``hts:`` and the code in dotted form: "8544.42", "854442" and "8544.42.2000" give "hts:8544.42",
    "hts:8544.42" and "hts:8544.42.20" (statistical suffixes are dropped); None for anything else."""
    digits = re.sub(r"[.\s]", "", code)
    if not digits.isdigit() or len(digits) not in (4, 6, 8, 10):
        return None
    digits = digits[:8]
    parts = [digits[:4]] + [digits[i:i + 2] for i in range(4, len(digits), 2)]
    return "hts:" + ".".join(parts)


def key_matches(wanted: str, held: str) -> bool:
    """A chunk key answers a wanted key when it is that key or a provision inside it ("…:art:108" is answered
    by "…:art:108:fr:iii"; "hts:8544.42" by "hts:8544.42.20")."""
    return held == wanted or held.startswith(wanted + ":") or (wanted.startswith("hts:") and held.startswith(wanted + "."))
