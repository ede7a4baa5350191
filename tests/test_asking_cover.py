"""A question with context before it is covered when the sentence that asks is (:mod:`assistant.answer.asking_cover`)."""

from __future__ import annotations

from collections import Counter

from assistant.answer.asking_cover import asking_covered, covered_beyond_places
from assistant.answer.candidate import Candidate
from assistant.answer.question import analyze, asking_text
from assistant.index.lexical import tokenize


def candidate(text: str) -> Candidate:
    return Candidate(passage_rank=0, position=0, text=text, tokens=frozenset(tokenize(text)), score=0.0, covered=0.0,
                     agrees=True)


ENGLISH_GUIDE = candidate("For a virtual transfer the customs broker files a virtual pedimento under clave V1.")


def test_the_asking_sentence_alone_is_weighed_through_its_english_gloss_for_an_english_guide():
    asking = "¿Qué clave de pedimento usa el agente aduanal para esa transferencia virtual?"
    assert asking_covered(asking, [ENGLISH_GUIDE], lambda t: 1.0, frozenset(), 0.3, "es", lambda c: True)


def test_no_asking_sentence_or_one_the_sentences_do_not_hold_is_not_covered():
    assert not asking_covered(None, [ENGLISH_GUIDE], lambda t: 1.0, frozenset(), 0.3, "en", lambda c: False)
    asking = "What fine applies if Anexo 24 is missing?"
    assert not asking_covered(asking, [ENGLISH_GUIDE], lambda t: 1.0, frozenset(), 0.3, "en", lambda c: False)
    # an English question is not matched against a passage in another language
    spanish = candidate("La transferencia virtual se ampara con un pedimento clave V1.")
    assert not asking_covered("Which pedimento clave does a virtual transfer use?", [spanish], lambda t: 1.0,
                              frozenset(), 0.3, "en", lambda c: True)


def test_a_short_asking_sentence_is_not_covered_by_one_of_its_words():
    moulds = candidate("Moulds that a US buyer ships free of charge to its Mexican contract manufacturer are assists "
                       "under CBP rules.")
    asking = "Does CBP care when we import the parts?"
    assert not asking_covered(asking, [moulds], lambda t: 1.0, frozenset(), 0.2, "en", lambda c: False)


def test_set_aside_its_places_the_sentence_that_asks_may_cover_a_question_its_context_outweighs():
    payroll = candidate("The state of Chihuahua raised its payroll tax from 3% in 2025 to 4% in 2026.")
    question = analyze("We're a 200-person electronics assembler in Dongguan shipping mostly to Texas. If we open in Ciudad "
                       "Juárez, what state payroll tax rate should go into the 2026 budget? Our consultant's older deck "
                       "says 3% for Chihuahua but I'm not sure that's still right.")
    counts = Counter(tokenize(question.text))
    assert covered_beyond_places(question, [payroll], counts, lambda t: 1.0, 0.3, lambda c: False, None, frozenset())
    # … but not a question whose asking sentence is about something no sentence holds
    hotels = analyze("We open a plant in Ciudad Juárez next year. Any hotels near the Juárez airport for our engineers?")
    airport = candidate("Ciudad Juárez has an international airport with cargo flights.")
    assert not covered_beyond_places(hotels, [airport], Counter(tokenize(hotels.text)), lambda t: 1.0, 0.3,
                                     lambda c: False, None, frozenset())


def test_the_asking_sentence_is_found_where_it_stands_not_only_at_the_end():
    question = analyze("We're a 200-person assembler. If we open in Ciudad Juárez, what payroll tax rate applies? Our deck "
                       "says 3%.")
    assert asking_text(question) == "If we open in Ciudad Juárez, what payroll tax rate applies?"

