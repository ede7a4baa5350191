"""Answering without a language model: extractive, cited, and abstaining when the corpus is silent."""

import re

from assistant.models import Turn


def test_a_known_fact_is_answered_with_its_sentence_and_a_numbered_citation(fixture_assistant):
    result = fixture_assistant.ask("What is the MPF minimum for fiscal 2026?")
    assert not result.abstained
    assert "$33.58" in result.answer
    assert re.search(r"\[1\]", result.answer)
    assert result.citations[0].n == 1 and result.citations[0].doc_id == "mpf-fee"
    assert result.citations[0].url == "https://www.law.cornell.edu/uscode/text/19/58c"
    assert result.citations[0].as_of == "2026-11-01"


def test_every_answer_sentence_is_copied_from_a_cited_passage(fixture_assistant):
    result = fixture_assistant.ask("How long can raw materials stay in Mexico under IMMEX?")
    assert "18 months" in result.answer
    passages = {c.n: c.text for c in result.citations}
    for sentence, marker in re.findall(r"(.+?) \[(\d+)\](?:\s|$)", result.answer):
        assert sentence.strip() in passages[int(marker)]


def test_off_topic_questions_get_an_abstention_not_a_guess(fixture_assistant):
    for question in ("Who won the 2018 football World Cup?", "Give me a recipe for chocolate cake."):
        result = fixture_assistant.ask(question)
        assert result.abstained and result.citations == []
        assert "don't have a source" in result.answer


def test_spanish_questions_are_answered_and_abstained_in_spanish(fixture_assistant):
    answered = fixture_assistant.ask("¿Cuál es el salario mínimo general en 2026?")
    assert "315.04" in answered.answer
    refused = fixture_assistant.ask("¿Quién ganó el mundial de fútbol de 2018?")
    assert refused.abstained and "No tengo una fuente" in refused.answer


def test_a_follow_up_is_resolved_against_the_previous_question(fixture_assistant):
    history = [Turn(role="user", content="How long can raw materials stay in Mexico under IMMEX?"),
               Turn(role="assistant", content="Up to 18 months [1].")]
    result = fixture_assistant.ask("And machinery?", history)
    assert "machinery" in result.query.lower() and "immex" in result.query.lower()
    assert not result.abstained
    assert "as long as the IMMEX program remains in force" in result.answer


def test_filters_restrict_retrieval_to_matching_documents(fixture_assistant):
    result = fixture_assistant.ask("minimum wage 2026", filters={"language": ["es"]})
    assert {p.chunk.doc_id for p in result.retrieved} == {"salario-minimo-es"}
    assert fixture_assistant.ask("minimum wage 2026", filters={"jurisdiction": ["US"]}).retrieved[0].chunk.doc_id == "mpf-fee"


def test_the_retriever_is_a_langchain_retriever_with_scores_and_metadata(fixture_assistant):
    from assistant.answer.retrieval import HybridRetriever

    retriever = HybridRetriever(searcher=fixture_assistant.searcher, k=2)
    docs = retriever.invoke("northern border minimum wage")
    assert docs[0].metadata["doc_id"] == "minimum-wage"
    assert {"score", "dense", "bm25", "section", "as_of", "url"} <= set(docs[0].metadata)
