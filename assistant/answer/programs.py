"""Which Mexican trade program a text is about: a sentence about one program does not answer a question about another.

"If we apply for PROSEC, how many business days does the Secretaría de Economía take …?" is not answered by the IMMEX
guide's "Secondary sources put the SE's review, up to approval of the program, at roughly 10 to 20 business days": the
sentence names no program, its guide is about IMMEX. A sentence naming none is read with its passage's title and
section. IMMEX, maquiladoras and shelters are one class (a shelter runs an IMMEX program). Pure.
"""

from __future__ import annotations

import re
from functools import lru_cache

_PROGRAMS = {
    "immex": r"immex|maquil\w*|shelters?|albergues?",
    "prosec": r"prosec",
    "regla octava": r"regla octava|rule (?:8|eight)|eighth rule",
    "drawback": r"drawback|devolucion de aranceles",
    "strategic bonded zone": r"recintos? fiscalizados? estrategicos?|strategic bonded (?:zones?|warehouses?)|\brfe\b",
}
_NAMES = list(_PROGRAMS)
_PROGRAM = re.compile("|".join(rf"(?P<p{i}>\b(?:{rx})\b)" for i, rx in enumerate(_PROGRAMS.values())))
OTHER_PROGRAM_PENALTY = 0.35


@lru_cache(maxsize=16384)
def programs(folded: str) -> frozenset[str]:
    """The program classes a (folded) text names."""
    return frozenset(_NAMES[int(m.lastgroup[1:])] for m in _PROGRAM.finditer(folded))


def program_fit(folded_question: str, folded_sentence: str, folded_where: str) -> float:
    """A penalty for a sentence about another program than the one program the question names (the sentence's own
    programs, else its passage's title and section's); 0 otherwise."""
    asked = programs(folded_question)
    if len(asked) != 1:
        return 0.0
    named = programs(folded_sentence) or programs(folded_where)
    return -OTHER_PROGRAM_PENALTY if named and not named & asked else 0.0
