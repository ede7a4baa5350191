"""A sentence about one kind of employment arrangement does not answer a question about another
(assistant.answer.contracts)."""

from __future__ import annotations

from assistant.answer.contracts import contract_fit, kinds
from assistant.text import fold

TRAINING = fold("¿Cuánto puede durar como máximo un contrato de capacitación inicial para un operador de producción?")


def test_the_kinds_a_text_names():
    assert kinds(TRAINING) == {"initial training"}
    assert kinds(fold("Un operador de línea puede estar a prueba un mes como máximo.")) == {"probation"}
    assert kinds(fold("Seasonal workers hired for peak season get PTU after 60 days.")) == {"seasonal"}
    assert kinds(fold("The minimum wage is MXN 315.04 a day.")) == frozenset()


def test_another_kinds_sentence_or_section_is_penalised_for_a_question_naming_one():
    probation = fold("Un gerente de planta puede estar a prueba hasta seis meses; un operador de línea, un mes como máximo.")
    assert contract_fit(TRAINING, probation, "") < 0
    # a sentence naming no kind is read with its passage's section
    three_months = fold("Dura como máximo tres meses, o hasta seis meses para puestos de dirección (LFT, art. 39-B).")
    assert contract_fit(TRAINING, three_months, fold("Contratación > Contrato de capacitación inicial")) == 0
    assert contract_fit(TRAINING, three_months, fold("Contratación > Periodo a prueba")) < 0
    # a question naming no kind sets no constraint
    assert contract_fit(fold("¿Cuánto dura como máximo un contrato?"), probation, "") == 0
