"""A sentence naming the month a question asks about (with its year) leads (assistant.answer.month_fit)."""

from __future__ import annotations

from assistant.answer.month_fit import month_fit, months_named
from assistant.text import fold


def test_months_are_read_with_their_year_in_either_language():
    assert months_named(fold("¿Cuánto costaba en febrero de 2025 el flete spot?")) == {(2025, 2)}
    assert months_named(fold("In February 2025 the Asia–US West Coast rate was about $3,625.")) == {(2025, 2)}
    assert months_named(fold("On 15 January 2026 the Shanghai–Los Angeles rate was $2,909.")) == {(2026, 1)}
    assert months_named(fold("the 2025 average, mid-2025")) == frozenset()  # a year alone names no month


def test_the_sentence_naming_the_month_asked_gets_the_bonus():
    question = fold("¿Cuánta gente trabajaba en establecimientos IMMEX en diciembre de 2025?")
    assert month_fit(question, fold("By December 2025 IMMEX employment was about 3.1 million.")) > 0
    assert month_fit(question, fold("IMMEX establishments employed 3.23 million people in May 2025.")) == 0
    assert month_fit(fold("IMMEX employment in 2025?"), fold("By December 2025 it was 3.1 million.")) == 0


def test_the_composers_constraint_fit_adds_it():
    from assistant.answer.fit import constraint_fit
    from assistant.answer.question import analyze

    q = analyze("¿Cuánto costaba en febrero de 2025 el flete spot de un contenedor de 40 pies de Asia a la costa oeste?")
    asked = "In February 2025 the Asia–US West Coast rate was about $3,625 per 40 ft container."
    ranged = "Between June 2024 and mid-2025 the Asia–US West Coast spot rate for a 40 ft container fell to $1,600."
    assert constraint_fit(q, asked, 2026, fold(asked))[0] > constraint_fit(q, ranged, 2026, fold(ranged))[0]
