"""Acronyms a visitor asks to have spelled out ("What is REPSE?", "What does SCCCyG stand for?") and whether a
sentence spells one out, by its initials or in brackets beside it. Pure functions over a :class:`Question`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.answer.question import Question

_ACRONYM = re.compile(r"\b[A-Z][A-Za-z]*[A-Z][A-Za-z]*\b")  # "SCCCyG", "REPSE", "IMMEX" as the visitor writes them
_ASKS_WHAT = re.compile(r"^(?:what(?:'s| is| are| does)|que (?:es|son|significa)|what do(?:es)? \w+ (?:stand for|mean))\b")
_CONNECTORS = frozenset("de del la las los el y e and of the for en para a".split())
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def expands(acronym: str, sentence: str) -> bool:
    """Whether the sentence spells out the acronym: capitalized words whose initials are its capitals, small words
    between them skipped ("Sistema de Control de Cuentas de Créditos y Garantías" for "SCCCyG")."""
    capitals = [c for c in acronym if c.isupper()]
    if len(capitals) < 3:
        return False
    words = _WORD.findall(sentence)
    for start, word in enumerate(words):
        if word[0] != capitals[0]:
            continue
        matched, i = 1, start + 1
        while matched < len(capitals) and i < len(words):
            if words[i].lower() in _CONNECTORS:
                i += 1
                continue
            if words[i][0] != capitals[matched]:
                break
            matched, i = matched + 1, i + 1
        if matched == len(capitals):
            return True
    return False


def asked_acronyms(q: Question) -> tuple[str, ...]:
    """The acronyms a "what is …?" question asks to have spelled out ("What is REPSE?"; not "What's the UMA in
    2026?", which asks for its value)."""
    if q.wants_figure or not _ASKS_WHAT.search(q.folded.lstrip(" ¿¡")):
        return ()
    return tuple(m.group() for m in _ACRONYM.finditer(q.text) if not _modifies(q.text, m.start(), m.end()))


_OF = re.compile(r"\b(?:of|under|for|in|de|del|bajo|para|en)(?: (?:the|a|an|el|la|los|las))?\s*$", re.IGNORECASE)
_TRAILING_WORDS = re.compile(r"[\w'’-]+")
_CLAUSE = re.compile(r"\b(?:that|which|who|we|our|i|you|my|que|cual|nuestro|nuestra|mi)\b|[,;:?]", re.IGNORECASE)
_ASKED_VERB = re.compile(r"\b(?:stand|stands) for\b|\bmeans?\b|\bsignifica\b", re.IGNORECASE)


def _modifies(text: str, start: int, end: int) -> bool:
    """Whether an acronym only qualifies what is asked about: "la regla de minimis del T-MEC", "the USMCA de minimis
    rule" (not "the IMMEX program", "el IMMEX")."""
    before = re.sub(r"[\w]+-$", "", text[:start])  # "T-MEC"
    after = _CLAUSE.split(_ASKED_VERB.sub("", text[end:]))[0]  # "What does SCCCyG stand for?", "… that our … mentions"
    return bool(_OF.search(before)) or len(_TRAILING_WORDS.findall(after)) >= 2


def spells_out(acronym: str, sentence: str) -> bool:
    """Whether the sentence gives the acronym's name: by its initials (:func:`expands`) or in brackets beside it
    ("The REPSE (Registro de Prestadoras de Servicios Especializados …)", "… Terrorism (CTPAT)", "an annual
    information return on its maquila operations (commonly called DIEMSE)")."""
    return bool(_glossed(acronym).search(sentence)) or expands(acronym, sentence)


@lru_cache(maxsize=256)
def _glossed(acronym: str) -> re.Pattern[str]:
    name = r"[A-ZÁÉÍÓÚÑ][\w'’-]+(?: [\w'’-]+){2,}"
    a = re.escape(acronym)
    # "an annual information return on its maquila operations (commonly called DIEMSE)"
    called = rf"(?:[\w'’-]+ ){{3,}}\((?:commonly |also |often |usually )?(?:called|known as) {a}\)"
    return re.compile(rf"\b{a}\b,? \({name}|{name} \({a}\)|{called}")


def expansion_fit(q: Question, sentence: str) -> float:
    """A bonus for the sentence that spells out an acronym a "what is …?" question asks about."""
    return EXPANSION_BONUS if any(spells_out(a, sentence) for a in asked_acronyms(q)) else 0.0


EXPANSION_BONUS = 0.6  # the sentence spelling out what was asked is the definition, even in words the model reads less well
