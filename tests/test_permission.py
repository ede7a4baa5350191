"""For a question asking whether one may, a sentence saying what a rule allows or forbids (assistant.answer.permission)."""

from __future__ import annotations

from assistant.answer.fit import type_fit
from assistant.answer.permission import permission_fit
from assistant.answer.question import analyze
from assistant.text import fold

CAN = ("Can our Mexican trucking company, which has FMCSA long-haul authority, pick up a load in Dallas and drop it in "
       "Chicago?")
CABOTAGE = ("Even with long-haul authority, a Mexican carrier may move only international cargo in the United States: "
            "point-to-point domestic hauls (cabotage) are prohibited.")
REGISTRATION = "Mexico-domiciled trucking companies need FMCSA registration to operate in the United States."


def test_a_sentence_saying_what_is_allowed_or_forbidden_answers_whether_one_may():
    assert permission_fit(fold(CAN), fold(CABOTAGE)) > 0
    assert permission_fit(fold(CAN), fold(REGISTRATION)) == 0
    assert permission_fit(fold("¿Se puede pagar en efectivo la prima vacacional?"),
                          fold("Las vacaciones no pueden compensarse con una remuneración.")) > 0


def test_only_a_question_asking_whether_one_may_is_weighed_so():
    assert permission_fit(fold("How long does FMCSA registration take?"), fold(CABOTAGE)) == 0
    question = analyze(CAN)
    assert type_fit(question, CABOTAGE, "") > type_fit(question, REGISTRATION, "")


def test_a_statement_put_to_be_confirmed_is_a_yes_no_question_answered_by_what_one_must_do():
    machines = ("Since it's a temporary import under IMMEX, we don't pay any Mexican import duty on the machines, "
                "right?")
    assert analyze(machines).answer_type == "yes_no"
    assert analyze("No pagamos IVA en la importación temporal, ¿verdad?").answer_type == "yes_no"
    must = ("Under Ley Aduanera Article 110, IMMEX companies must pay the general import duty (IGI) when they import "
            "temporarily the machinery and equipment of art. 108-III.")
    usual = "Electronics plants in Mexico usually import components under IMMEX to defer Mexican duty."
    assert type_fit(analyze(machines), must, "") > type_fit(analyze(machines), usual, "")
