"""Cited passages that disagree: the same measure (months, years, days, a percentage) given with different
figures for the same subject by two documents. The answer then says so and names both, instead of silently
picking one. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MEASURE = re.compile(r"(?<![\d.,])(\d+(?:\.\d+)?)\s*(%|percent\b|por ciento\b|months?\b|meses\b|mes\b|years?\b|anos?\b|"
                      r"años?\b|days?\b|dias?\b|días?\b|weeks?\b|semanas?\b)", re.IGNORECASE)
_UNITS = {"%": "%", "percent": "%", "por ciento": "%", "month": "months", "months": "months", "mes": "months",
          "meses": "months", "year": "years", "years": "years", "ano": "years", "anos": "years", "año": "years",
          "años": "years", "day": "days", "days": "days", "dia": "days", "dias": "days", "día": "days",
          "días": "days", "week": "weeks", "weeks": "weeks", "semana": "weeks", "semanas": "weeks"}
SAME_SUBJECT = 0.35  # Jaccard overlap of two sentences' words (figures left out) to count as the same subject


@dataclass(frozen=True)
class Disagreement:
    """Sentence ``other`` gives ``theirs`` where the lead gives ``ours`` (e.g. "36 months" vs "18 months")."""

    other: int
    ours: str
    theirs: str


def measures(text: str) -> dict[str, set[float]]:
    """The figures a sentence gives, by unit: {"months": {18.0}, "%": {16.0}}."""
    out: dict[str, set[float]] = {}
    for value, unit in _MEASURE.findall(text):
        out.setdefault(_UNITS[unit.lower()], set()).add(float(value))
    return out


def _words(tokens: frozenset[str]) -> frozenset[str]:
    return frozenset(t for t in tokens if not any(ch.isdigit() for ch in t))


def _figure(value: float, unit: str) -> str:
    shown = f"{value:g}"
    return f"{shown}%" if unit == "%" else f"{shown} {unit}"


def disagreement(lead: tuple[str, frozenset[str], str], others: list[tuple[str, frozenset[str], str]]) -> Disagreement | None:
    """The first of ``others`` (text, tokens, document id) from another document that gives a different figure in a
    unit the lead uses, for the same subject."""
    text, tokens, doc_id = lead
    ours = measures(text)
    if not ours:
        return None
    words = _words(tokens)
    for index, (other_text, other_tokens, other_doc) in enumerate(others):
        if other_doc == doc_id:
            continue
        other_words = _words(other_tokens)
        if not words or not other_words or len(words & other_words) / len(words | other_words) < SAME_SUBJECT:
            continue
        for unit, values in measures(other_text).items():
            # one figure each: a sentence listing several (shares by state, rates by band) is not one claim
            if unit in ours and len(values) == 1 and len(ours[unit]) == 1 and not values & ours[unit]:
                return Disagreement(index, _figure(min(ours[unit]), unit), _figure(min(values), unit))
    return None


def notice(lead_n: int, other_n: int, found: Disagreement, lang: str, lead_as_of: str | None = None,
           other_as_of: str | None = None) -> str:
    """The sentence the answer ends with; when the two documents' facts are current as of different dates, it
    says which source is the more recent (an older document superseded by a newer one on the same fact)."""
    newer = None
    if lead_as_of and other_as_of and lead_as_of != other_as_of:
        newer = (lead_n, lead_as_of) if lead_as_of > other_as_of else (other_n, other_as_of)
    if lang == "es":
        text = f"Las fuentes no coinciden: [{lead_n}] indica {found.ours} y [{other_n}] indica {found.theirs}"
        if newer:
            text += f"; la más reciente es [{newer[0]}] (datos al {newer[1]})"
        return text + "; confírmelo en el texto oficial o con un consultor."
    text = f"The sources disagree: [{lead_n}] gives {found.ours} and [{other_n}] gives {found.theirs}"
    if newer:
        text += f"; [{newer[0]}] is the more recent source (facts as of {newer[1]})"
    return text + "; check the official text or ask a consultant."
