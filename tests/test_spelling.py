"""Typos in a visitor's question are fixed against the knowledge base's words (:mod:`assistant.answer.spelling`);
real words, names and acronyms stay as written."""

from __future__ import annotations

import pytest

from assistant.answer.spelling import Speller, real_words
from assistant.index.embeddings import BUNDLED_MODEL, resolve_model_path

DOCUMENTS = [
    "El remate de mercancías abandonadas; the goods were converted into another product.",
    "The Merchandise Processing Fee is 0.3464% of the customs value of a formal entry.",
    "The Harbor Maintenance Fee is charged on cargo arriving by vessel; the deadline to file is permanently fixed.",
    "IMMEX companies import machinery temporarily; the software for Annex 24 must track inventory.",
    "Whether a leather good originates depends on its tariff shift.",
]


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller(DOCUMENTS, real_words(resolve_model_path(BUNDLED_MODEL)))


@pytest.mark.parametrize("typed, fixed", [
    ("What is the merchandize processing fee?", "What is the merchandise processing fee?"),
    ("when is it permanantly gone?", "when is it permanently gone?"),
    ("we want to skip the Annex 24 sofware", "we want to skip the Annex 24 software"),
    ("Do we need IMMEX to import machinary?", "Do we need IMMEX to import machinery?"),
    # a British spelling our US-English documents write otherwise
    ("How much is the harbour maintenance fee?", "How much is the harbor maintenance fee?"),
])
def test_a_misspelt_word_takes_the_documents_word(speller, typed, fixed):
    assert speller.correct(typed) == fixed


@pytest.mark.parametrize("question", [
    "What's the weather in Monterrey?",  # a real word one edit from none … and two from "whether", "leather"
    "Any chance de minimis comes back?",  # "chance" is real, though "change" is one edit away
    "Do the plastic totes count as packing?",  # short, and a real word's plural
    "What is the US duty on Mexican avocados?",  # a real word's plural, not "evocados"
    "Does Foxconn have a plant in Juárez?",  # a name
    "Is the SEMARNAT permit needed?",  # an acronym
    "Any numbers on truck hijackings per year?",  # no typo of anything in the documents
    # real words of the dictionary, one or two edits from a document's word ("remate", "converted")
    "Does Sonora give a rebate on payroll tax?",
    "How long are waits at Laredo when it gets congested?",
])
def test_real_words_names_and_acronyms_stay_as_written(speller, question):
    assert speller.correct(question) == question


def test_the_assistant_answers_a_question_with_a_typo(fixture_assistant):
    """ "merchandize" is in no document: uncorrected, the answer said it had no source on it."""
    result = fixture_assistant.ask("What is the merchandize processing fee?")
    assert not result.abstained and "0.3464%" in result.answer
