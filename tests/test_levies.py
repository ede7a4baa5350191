"""A sentence about one payroll or tax levy does not answer a question about another (assistant.answer.levies)."""

from __future__ import annotations

from assistant.answer.fit import constraint_fit
from assistant.answer.levies import levies, levy_fit
from assistant.answer.question import analyze
from assistant.text import fold

INFONAVIT_ES = "¿Qué porcentaje del salario tiene que aportar la empresa al Infonavit por cada empleado?"
PROFIT_SHARE_ES = ("Las empresas deben repartir a sus trabajadores el 10% de su utilidad fiscal, porcentaje fijado por la "
                   "Comisión Nacional para la Participación de los Trabajadores en las Utilidades de las Empresas.")


def test_the_levies_a_text_names():
    assert levies(fold(INFONAVIT_ES)) == {"infonavit"}
    assert levies(fold(PROFIT_SHARE_ES)) == {"ptu"}
    assert levies(fold("Cesantía y vejez and work risk are IMSS branches.")) == {"imss"}  # one class
    assert levies(fold("The 5% INFONAVIT contribution is paid with the IMSS bimonthly items.")) == {"infonavit", "imss"}
    assert levies(fold("Rent in Monterrey is about US$6 per square meter.")) == frozenset()


def test_another_levys_sentence_is_penalised_and_never_leads_for_a_question_naming_one():
    question = analyze(INFONAVIT_ES)
    assert levy_fit(question.folded, fold(PROFIT_SHARE_ES)) < 0
    _, agrees, _ = constraint_fit(question, PROFIT_SHARE_ES, 2026, fold(PROFIT_SHARE_ES))
    assert not agrees
    assert levy_fit(question.folded, fold("El patrón aporta al INFONAVIT el 5% del SBC de cada trabajador.")) == 0
    assert levy_fit(question.folded, fold("The rate is 5% of the integrated wage.")) == 0  # names none
    # a question naming two levies, or none, sets no constraint
    assert levy_fit(fold("Is PTU subject to income tax?"), fold("ISR is 30% of taxable profit.")) == 0
    assert levy_fit(fold("What does a worker cost?"), fold(PROFIT_SHARE_ES)) == 0
