"""Which payroll or tax levy a text is about: a sentence about one levy does not answer a question about another.

"¿Qué porcentaje del salario tiene que aportar la empresa al Infonavit por cada empleado?" is not answered by "Las
empresas deben repartir a sus trabajadores el 10% de su utilidad fiscal" (the profit share): the sentence shares the
question's "porcentaje", "empresa" and "trabajadores", and names another levy. The IMSS branches are one class (the
old-age branch, retirement, work risk, day care are IMSS contributions). Pure.
"""

from __future__ import annotations

from assistant.answer.text_classes import TextClasses

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
OTHER_LEVY_PENALTY = 0.35
_CLASSES = TextClasses(_LEVIES, OTHER_LEVY_PENALTY)
levies = _CLASSES.named  # the classes a (folded) text names
levy_fit = _CLASSES.fit  # the penalty for a sentence about another class than the one the question names, else 0
