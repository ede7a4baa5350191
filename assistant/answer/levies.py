"""Which payroll or tax levy a text is about: a sentence about one levy does not answer a question about another.

"¿Qué porcentaje del salario tiene que aportar la empresa al Infonavit por cada empleado?" is not answered by "Las
empresas deben repartir a sus trabajadores el 10% de su utilidad fiscal" (the profit share): the sentence shares the
question's "porcentaje", "empresa" and "trabajadores", and names another levy. The IMSS branches are one class (the
old-age branch, retirement, work risk, day care are IMSS contributions). Pure.
"""

from __future__ import annotations

import re
from functools import lru_cache

_LEVIES = {
    "infonavit": r"infonavit|housing fund|fondo nacional de (?:la )?vivienda",
    "ptu": r"ptu|profit[- ]sharing|profit share|(?:reparto|participacion) (?:\w+ ){0,5}utilidad(?:es)?",
    "aguinaldo": r"aguinaldo|year-end bonus|christmas bonus",
    "vacation premium": r"vacation premium|prima vacacional",
    "payroll tax": r"(?:state )?payroll tax(?:es)?|impuestos? (?:estatal(?:es)? )?sobre (?:la )?nominas?|isn",
    "imss": r"imss|seguro social|social security|cesantia|invalidez|riesgos? de trabajo|work[- ]risk|guarderias?|"
            r"day[- ]care|retiro|sar",
    "income tax": r"isr|income tax|impuesto sobre la renta",
    "vat": r"iva|vat|value[- ]added tax|impuesto al valor agregado",
    "seniority premium": r"seniority premium|prima de antiguedad",
}
_NAMES = list(_LEVIES)
_LEVY = re.compile("|".join(rf"(?P<l{i}>\b(?:{rx})\b)" for i, rx in enumerate(_LEVIES.values())))
OTHER_LEVY_PENALTY = 0.35


@lru_cache(maxsize=16384)
def levies(folded: str) -> frozenset[str]:
    """The levies a (folded) text names."""
    return frozenset(_NAMES[int(m.lastgroup[1:])] for m in _LEVY.finditer(folded))


def levy_fit(folded_question: str, folded_sentence: str) -> float:
    """A penalty for a sentence naming only other levies than the one levy the question names; 0 otherwise (a
    sentence naming none is read as it stands: "The rate is 5% of the SBC" may answer)."""
    asked = levies(folded_question)
    if len(asked) != 1:
        return 0.0
    named = levies(folded_sentence)
    return -OTHER_LEVY_PENALTY if named and not named & asked else 0.0
