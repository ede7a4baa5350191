"""Figures a question names, found again in a sentence (:mod:`assistant.answer.named_figures`)."""

from __future__ import annotations

from assistant.answer.named_figures import named_figures_fit
from assistant.text import fold


def fit(question: str, sentence: str) -> tuple[float, bool]:
    return named_figures_fit(fold(question), sentence, fold(sentence))


def test_a_percentage_the_question_names_favours_the_sentence_about_it():
    """ "Is that 10% surcharge still collected? When did it stop?": the sentence on the 10% surcharge, not the one
    on the 25% duty that also stopped."""
    question = "Is that 10% global import surcharge from February still being collected? When did it stop?"
    ten = fit(question, "The 10% Section 122 surcharge applied from 24 February 2026 to 24 July 2026.")
    other = fit(question, "CBP stopped collecting the 25% IEEPA duty on 24 February 2026.")
    assert ten[0] > other[0] == 0.0 and ten[1] and other[1]


def test_a_sum_the_question_names_favours_the_sentence_stating_it():
    question = "If we land a $2 million shipment by sea, what harbor fee do we pay?"
    assert fit(question, "A shipment valued at $2,000,000 pays $2,500 of HMF.")[0] > 0
    assert fit(question, "The HMF is 0.125% of the value of the cargo.")[0] == 0.0


def test_a_service_table_row_fits_only_the_length_of_service_asked():
    question = "How many vacation days for an operator who has been with us 7 years?"
    assert fit(question, "Year of service 6-10 — minimum vacation days: 22") == (0.3, True)
    low, fits = fit(question, "Year of service 1-5 — minimum vacation days: 12 to 20")
    assert low < 0 and not fits


def test_a_sum_in_the_currency_the_question_asks_for_is_favoured():
    """ "how much of the aguinaldo is exempt from ISR, in pesos?": the sentence giving MXN 3,519.30, not the one
    giving "30 days of the reference value"."""
    question = "Quick payroll question: for 2026, how much of an employee's aguinaldo is exempt from ISR, in pesos?"
    pesos = fit(question, "In 2026 that is MXN 3,519.30 for the aguinaldo (30 UMA).")
    days = fit(question, "The aguinaldo is exempt from ISR up to 30 days of the reference value.")
    assert pesos[0] > 0 > days[0]
    assert fit("¿Cuánto es el tope en dólares?", "The cap is US$651.50 per entry.")[0] > 0
    assert fit("¿Cuánto es el tope en dólares?", "El tope es de 630.08 pesos diarios.")[0] < 0
    assert fit("How much is the aguinaldo exempt from ISR?", "It is exempt up to 30 days of the reference value.")[0] == 0
