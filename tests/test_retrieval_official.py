"""Guides and laws side by side: the official texts are ranked apart from the guides and enter after the guides'
best three, so the thousands of legal passages neither push the guides out nor change the statistics the guides
are ranked and quoted by; a named provision still comes first. Real Chroma, real model, the shipped US Code text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.answer.pipeline import Assistant
from assistant.answer.retrieval import LAW_LEXICAL_WEIGHT, OFFICIAL_SLOTS, HybridSearcher, _interleave, rrf
from assistant.evaluation.qa import QA_SET_DATE

ROOT = Path(__file__).resolve().parents[1]
USC = ROOT / "corpus" / "official" / "us" / "19-usc-chapter-29.md"


def test_interleaving_puts_the_laws_at_their_slots_and_fills_gaps_from_either_side():
    guides = [(f"g{i}", 1.0 - i / 10) for i in range(6)]
    laws = [(f"o{i}", 1.0) for i in range(3)]
    ranked = [cid for cid, _ in _interleave(guides, laws, 7)]
    assert [ranked.index("o0"), ranked.index("o1")] == list(OFFICIAL_SLOTS)
    assert [c for c in ranked if c.startswith("g")] == ["g0", "g1", "g2", "g3", "g4"]
    assert [cid for cid, _ in _interleave(guides[:1], laws, 3)] == ["g0", "o0", "o1"]  # few guides: laws fill in
    assert [cid for cid, _ in _interleave([], [], 5)] == []


def test_the_laws_are_ranked_mostly_by_their_words():
    # the English-only embedding model reads a Spanish article loosely: the article BM25 puts first beats the one the
    # meaning puts first, even when the meaning ranks it nowhere; the meaning still breaks the words' ties
    by_meaning, by_words = ["art-125", "art-113", "art-57"], ["art-29", "art-23", "art-28"]
    laws = rrf([by_meaning, by_words], weights=(1.0, LAW_LEXICAL_WEIGHT))
    assert max(laws, key=laws.get) == "art-29" and laws["art-29"] > laws["art-125"]
    assert rrf([by_meaning, by_words]) == rrf([by_meaning, by_words], weights=(1.0, 1.0))
    tie = rrf([["b", "a"], ["x", "a", "b"]], weights=(1.0, LAW_LEXICAL_WEIGHT))
    assert tie["a"] > tie["b"]


@pytest.fixture
def with_official(fixture_corpus, make_store):
    (fixture_corpus / "official").mkdir()
    shutil.copy(USC, fixture_corpus / "official" / USC.name)
    store = make_store()
    store.ingest(fixture_corpus)
    return store


def test_a_guide_question_keeps_its_guides_first_and_one_law_passage_in_the_top_five(with_official, embedder):
    searcher = HybridSearcher(with_official, embedder)
    snap = with_official.snapshot()
    assert snap.has_official and len(snap.guide_lexical.ids) < len(snap.chunks)
    passages = searcher.search("How long can raw materials stay in Mexico under IMMEX?", k=5)
    authorities = [p.chunk.authority for p in passages]
    assert authorities[:3] == ["curated"] * 3 and authorities[3] == "official"
    assert passages[0].chunk.doc_id == "immex-basics"


def test_without_official_texts_there_is_one_ranking(fixture_corpus, make_store, embedder):
    store = make_store()
    store.ingest(fixture_corpus)
    assert not store.snapshot().has_official
    passages = HybridSearcher(store, embedder).search("How long can raw materials stay in Mexico under IMMEX?", k=4)
    assert passages and all(p.chunk.authority == "curated" for p in passages)


def test_a_named_section_comes_first_and_is_quoted_with_its_citation(with_official, embedder):
    assistant = Assistant(HybridSearcher(with_official, embedder), None, k=4, embedder=embedder,
                          today=lambda: QA_SET_DATE)
    result = assistant.ask("What does 19 USC 4531(c) say?")
    assert not result.abstained
    assert result.citations[0].refs[:2] == ["19-usc-chapter-29:sec:4531", "19-usc-chapter-29:sec:4531:c"]
    assert result.answer.startswith("19 U.S.C. § 4531(c) (text as of 20-04-2023) [1]: «")
    assert result.retrieved[0].chunk.doc_id == "19-usc-chapter-29"


def test_the_laws_searched_on_their_own_return_official_passages_only(with_official, embedder):
    searcher = HybridSearcher(with_official, embedder)
    retrieval = searcher.retrieve("How long can raw materials stay in Mexico under IMMEX?", k=5)
    laws = searcher.laws(retrieval, "de minimis shipments value 800 dollars", k=3)
    assert laws and all(p.chunk.authority == "official" for p in laws)
    assert laws[0].chunk.doc_id == "19-usc-chapter-29"
