"""Which kind of employment arrangement a text is about: a sentence about a probation period does not answer a question
about an initial-training contract, nor the reverse.

"¿Cuánto puede durar como máximo un contrato de capacitación inicial para un operador de producción?" is not answered by
"Un gerente de planta puede estar a prueba hasta seis meses; un operador de línea, un mes como máximo" (probation, LFT
art. 39-A) but by the training contract's "Dura como máximo tres meses …" (art. 39-B), which names no kind: it is read
with its passage's title and section. Pure.
"""

from __future__ import annotations

import re
from functools import lru_cache

_KINDS = {
    "probation": r"probation\w*|probationary|trial period|periodo (?:a|de) prueba|a prueba",
    "initial training": r"(?:initial )?training contracts?|initial training|capacitacion inicial",
    "seasonal": r"seasonal|por temporada|de temporada",
}
_NAMES = list(_KINDS)
_KIND = re.compile("|".join(rf"(?P<k{i}>\b(?:{rx})\b)" for i, rx in enumerate(_KINDS.values())))
OTHER_KIND_PENALTY = 0.35


@lru_cache(maxsize=16384)
def kinds(folded: str) -> frozenset[str]:
    """The kinds of employment arrangement a (folded) text names."""
    return frozenset(_NAMES[int(m.lastgroup[1:])] for m in _KIND.finditer(folded))


def contract_fit(folded_question: str, folded_sentence: str, folded_where: str) -> float:
    """A penalty for a sentence about another kind of arrangement than the one the question names (the sentence's own
    kinds, else its passage's title and section's); 0 otherwise."""
    asked = kinds(folded_question)
    if len(asked) != 1:
        return 0.0
    named = kinds(folded_sentence) or kinds(folded_where)
    return -OTHER_KIND_PENALTY if named and not named & asked else 0.0
