"""Which Mexican trade program a text is about: a sentence about one program does not answer a question about another.

"If we apply for PROSEC, how many business days does the Secretaría de Economía take …?" is not answered by the IMMEX
guide's "Secondary sources put the SE's review, up to approval of the program, at roughly 10 to 20 business days": the
sentence names no program, its guide is about IMMEX. A sentence naming none is read with its passage's title and
section. IMMEX, maquiladoras and shelters are one class (a shelter runs an IMMEX program). Pure.
"""

from __future__ import annotations

from assistant.answer.text_classes import TextClasses

_PROGRAMS = {
    "immex": r"immex|maquil\w*|shelters?|albergues?",
    "prosec": r"prosec",
    "regla octava": r"regla octava|rule (?:8|eight)|eighth rule",
    "drawback": r"drawback|devolucion de aranceles",
    "strategic bonded zone": r"recintos? fiscalizados? estrategicos?|strategic bonded (?:zones?|warehouses?)|\brfe\b",
}
OTHER_PROGRAM_PENALTY = 0.35
_CLASSES = TextClasses(_PROGRAMS, OTHER_PROGRAM_PENALTY)
programs = _CLASSES.named  # the classes a (folded) text names
program_fit = _CLASSES.fit  # the penalty for a sentence about another class than the one the question names, else 0
