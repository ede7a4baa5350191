"""A line of the US tariff schedule answers tariff, classification or origin questions only
(assistant.answer.schedule_fit)."""

from __future__ import annotations

from assistant.answer.fit import constraint_fit
from assistant.answer.question import analyze
from assistant.answer.schedule_fit import schedule_fit
from assistant.text import fold

SCHEDULE = fold("HTSUS Chapter 85: Electrical machinery and equipment and parts thereof Chapter 85 > Heading 8547")
INSULATING = ("Insulating fittings for electrical machines, incorporated during molding solely for the purposes of "
              "assembly: 8547")


def test_a_tax_question_is_not_led_by_a_tariff_line():
    tax = analyze("We run injection-molding lines for plastic parts. What annual tax depreciation rate applies to the "
                  "molding machinery itself?")
    assert schedule_fit(tax.folded, SCHEDULE) < 0
    fit, agrees, _ = constraint_fit(tax, INSULATING, 2026, fold(INSULATING), SCHEDULE)
    assert fit < 0 and not agrees


def test_questions_on_duties_classification_or_origin_may_be():
    for question in ("What duty do insulating fittings pay?", "Which heading covers insulating fittings?",
                     "¿Qué arancel pagan los aisladores?", "Do insulating fittings qualify as USMCA originating?",
                     "What HS code covers insulating fittings for electrical machines?"):
        assert schedule_fit(fold(question), SCHEDULE) == 0, question
    # a guide's sentence is never gated
    assert schedule_fit(fold("What annual tax depreciation rate applies?"), fold("Mexico corporate income tax")) == 0
