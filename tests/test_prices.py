"""What a question asks the price of, and whether an answer's sentence prices it (:mod:`assistant.answer.prices`)."""

from __future__ import annotations

import pytest

from assistant.answer.prices import money, priced_words, states_price
from assistant.index.lexical import tokenize
from assistant.text import fold


def asked(question: str) -> frozenset[str]:
    return priced_words(fold(question).lower())


@pytest.mark.parametrize("question, words", [
    ("What's the FDA annual establishment registration fee for our plant?", "fda establishment registration"),
    ("What is the merchandise processing fee on a $100,000 entry?", "merchandise processing"),
    ("How much does a customs broker charge per pedimento?", "customs broker"),
    # nothing before the price word but generic words: the words after it name what is priced
    ("What monthly fee per worker do shelter companies in Tijuana charge in 2026?", "worker shelter companies tijuana"),
])
def test_the_words_before_the_price_word_name_what_is_priced(question, words):
    assert asked(question) == frozenset(tokenize(words))


@pytest.mark.parametrize("question", [
    "What's the MPF cap?",  # no price word
    "What is the general duty rate for HTS 8544.42?",  # a rate: "Free" answers it, no figure
    "What does it cost?",  # nothing named before or after it
    # the price is context; the question asks for a method and a threshold
    "We sell to the US parent at cost plus a thin markup, so the transfer price is low. Which RVC method helps us?",
])
def test_a_question_naming_nothing_priced_asks_nothing_of_this_check(question):
    assert asked(question) == frozenset()


def test_a_figure_prices_the_thing_only_in_a_sentence_that_names_it():
    want = asked("What is the merchandise processing fee on a formal entry?")
    surcharge = (frozenset(tokenize("From 24 February 2026 a 10% surcharge applied to most imports.")), True)
    named = (frozenset(tokenize("Formal entries pay a merchandise processing fee and need a bond.")), False)
    priced = (frozenset(tokenize("Formal entries pay the Merchandise Processing Fee at 0.3464% of value.")), True)
    assert not states_price(want, [named, surcharge])
    assert states_price(want, [named, priced])


def test_a_table_rows_figure_under_a_currency_header_is_money():
    assert money("Headcount: 50 workers — Monthly shelter fee (USD): 9,000.")
    assert money("The MPF is 0.3464% of value.") and money("about US$7.20 a month")
    assert not money("Most plants are also certified to ISO 13485.")
