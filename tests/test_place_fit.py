"""A figure for the Mexican place a question asks about (:mod:`assistant.answer.place_fit`)."""

from __future__ import annotations

from assistant.answer.fit import constraint_fit
from assistant.answer.place_fit import OTHER_PLACE_PENALTY, place_fit
from assistant.answer.question import analyze
from assistant.text import fold

RENT = "industrial rent in aguascalientes back in 2022, per m2 per month?"
BAJIO = "In the Bajío the February 2022 averages were US$3.86 (Aguascalientes) to US$4.11 (San Luis Potosí) per m²."
BORDER = "In 2022 rents ranged from about US$3.80 per m² per month in Reynosa to US$6.20 in Tijuana."


def fit(question: str, sentence: str) -> float:
    return place_fit(fold(question), fold(sentence))


def test_a_sentence_naming_only_other_places_loses_and_one_naming_the_asked_place_does_not():
    assert fit(RENT, BAJIO) == 0.0
    assert fit(RENT, BORDER) == -OTHER_PLACE_PENALTY


def test_a_city_and_its_state_are_the_same_place_either_way():
    assert fit("payroll tax for a plant in Monterrey?", "Nuevo León charges 3% of payroll.") == 0.0
    assert fit("payroll tax in Tamaulipas?", "Reynosa plants pay 3% of payroll.") == 0.0
    assert fit("payroll tax in Tamaulipas?", "Monterrey plants pay 3% of payroll.") == -OTHER_PLACE_PENALTY


def test_no_place_in_the_question_or_in_the_sentence_changes_nothing():
    assert fit("What is the UMA in 2026?", BORDER) == 0.0
    assert fit(RENT, "The national average was US$4.50 per m² per month in 2022.") == 0.0
    assert fit("rent in Texas near El Paso?", BORDER) == 0.0  # (a US place is no Mexican constraint)


def test_another_places_figure_does_not_agree_with_the_question():
    q = analyze(RENT)
    _, agrees, _ = constraint_fit(q, BORDER, 2026, fold(BORDER))
    _, agrees_bajio, _ = constraint_fit(q, BAJIO, 2026, fold(BAJIO))
    assert not agrees and agrees_bajio


def test_a_rule_for_the_other_side_of_the_border_does_not_answer_a_question_about_us_cities():
    from assistant.answer.place_fit import side_fit

    question = fold("Can our Mexican trucking company pick up a load in Dallas and drop it in Chicago?")
    assert side_fit(question, fold("a US carrier cannot pick up a load in Monterrey and deliver it in Querétaro")) < 0
    assert side_fit(question, fold("a Mexican carrier may move only international cargo in the United States")) == 0
    assert side_fit(question, fold("the cabotage rule also binds carriers from Monterrey on routes to Dallas")) == 0
    assert side_fit(fold("Can a US carrier haul from Monterrey to Querétaro?"),
                    fold("a US carrier cannot pick up a load in Monterrey and deliver it in Querétaro")) == 0
