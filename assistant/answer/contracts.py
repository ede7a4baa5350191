"""Which kind of employment arrangement a text is about: a sentence about a probation period does not answer a question
about an initial-training contract, nor the reverse.

"¿Cuánto puede durar como máximo un contrato de capacitación inicial para un operador de producción?" is not answered by
"Un gerente de planta puede estar a prueba hasta seis meses; un operador de línea, un mes como máximo" (probation, LFT
art. 39-A) but by the training contract's "Dura como máximo tres meses …" (art. 39-B), which names no kind: it is read
with its passage's title and section. Pure.
"""

from __future__ import annotations

from assistant.answer.text_classes import TextClasses

_KINDS = {
    "probation": r"probation\w*|probationary|trial period|periodo (?:a|de) prueba|a prueba",
    "initial training": r"(?:initial )?training contracts?|initial training|capacitacion inicial",
    "seasonal": r"seasonal|por temporada|de temporada",
}
OTHER_KIND_PENALTY = 0.35
_CLASSES = TextClasses(_KINDS, OTHER_KIND_PENALTY)
kinds = _CLASSES.named  # the classes a (folded) text names
contract_fit = _CLASSES.fit  # the penalty for a sentence about another class than the one the question names, else 0
