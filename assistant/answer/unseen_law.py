"""A law the question names that the knowledge base does not hold: "Mexico's mining law", "la Ley Federal de Protección
de Datos Personales …". Not covered when we hold no text of it and no retrieved passage names a law by its subject's
words; said by its name as the question writes it. Pure.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.answer.question import Question
from assistant.legal_refs import laws
from assistant.text import fold


# A law the question names by its subject: "Mexico's mining law", "the water act", "la Ley Minera", "Ley de Aguas
# Nacionales". The law is not covered when it is not one we hold the text of and no retrieved passage holds its
# subject's words.
_LAW_EN = re.compile(r"(?<![a-z'])(?P<subject>[a-z]+(?: [a-z]+)?) (?:law|act|code)\b")
_LAW_ES = re.compile(r"\bley (?:federal |general )?(?:(?:de|del|de la|de los|sobre el|sobre la) )?"
                     r"(?P<subject>[a-z]+(?: [a-z]+)?)")
_NOT_SUBJECT = frozenset("""the this that these those a an which what whose our your their its my his her any same new old
federal general state local national by of in under to and or is does do did case mexico mexican us american
though although even because since when if whether while as than
canadian de del la las los el y en para sobre que estadounidense norteamericana norteamericano americana americano
mexicana mexicano canadiense""".split())  # a nationality says whose law, not which: "la ley estadounidense"


_CODE_NOT_LAW = frozenset("tariff hs hts classification product commodity zip postal area naics sku qr bar".split())


@lru_cache(maxsize=1)
def _held_law_names() -> tuple[str, ...]:
    """The folded names of the laws we hold the text of (read once, not per question)."""
    return tuple(fold(name) for law in laws() for name in law.names)


def unseen_law(question: Question, seen: str) -> str | None:
    """A law the question names (by its subject) that we hold no text of and whose subject no retrieved passage
    mentions: "Mexico's mining law" → "the mining law"."""
    text = re.sub(r"'s\b", "", question.folded)
    held = _held_law_names()
    for pattern, spanish in ((_LAW_EN, False), (_LAW_ES, True)):
        for match in pattern.finditer(text):
            if any(name in match.group() or match.group() in name for name in held if len(name) > 3):
                continue
            if match.group().endswith("code") and match["subject"].split()[-1] in _CODE_NOT_LAW:
                continue  # "a Mexican tariff code", "the HS code": a classification number, not a law
            words = [w for w in match["subject"].split() if w not in _NOT_SUBJECT and len(w) > 2]
            if spanish:
                words = words[:1]  # "ley minera de …": its first word names it
            elif match["subject"].split()[-1] in _NOT_SUBJECT:
                words = []  # "the longest pay period the law lets us use": "the law", no subject
            if words and not all(_names_law(w, seen) for w in words):
                if spanish:
                    return f"la {_spanish_law_name(question.text if len(question.text) == len(text) else text, match.start())}"
                return f"the {' '.join(words)} law"
    return None


_NAME_JOINS = frozenset("de del la las los en al y e sobre para".split())


def _spanish_law_name(text: str, start: int) -> str:
    """A Spanish law's name as the question writes it from ``start`` ("Ley …"): its capitalized words and the small
    words between them ("Ley Federal de Protección de Datos Personales en Posesión de los Particulares"; "Ley Minera"
    of "la Ley Minera sobre concesiones"; "Ley minera" stays as written)."""
    words = re.findall(r"[^\s,;:?¿!¡()«»\"]+", text[start:start + 200])[:16]
    name, pending = words[:1], []
    for word in words[1:]:
        if word[:1].isupper():
            name, pending = [*name, *pending, word], []
        elif word.lower() in _NAME_JOINS:
            pending.append(word)
        else:
            break
    if len(name) == 1 and len(words) > 1 and words[1].lower() not in _NAME_JOINS:
        name.append(words[1])  # "ley minera": its subject, as written
    return " ".join(name)[:1].upper() + " ".join(name)[1:]


def _names_law(word: str, seen: str) -> bool:
    """Whether the passages name a law by ``word``: "mining law", "Ley Minera", "Ley de Aguas Nacionales", a reform
    ("the 40-hour week reform" for "the 40-hour week law") — not the word alone ("empresa agrícola, industrial, minera")."""
    stem = re.escape(word[:6])
    # (within a line: "protections\n(a) unlawful acts", a heading and the list under it, names no law)
    return bool(re.search(rf"\b(?:ley|law|act|code|codigo|reforma)\b(?:[^\w\n]+\w+){{0,3}}?[^\w\n]+{stem}|"
                          rf"\b{stem}\w*(?:[^\w\n]+\w+){{0,2}}?[^\w\n]+(?:laws?|act|code|reforms?)\b", seen))
