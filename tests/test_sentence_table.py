"""The per-sentence work is done once, at ingest: every chunk's sentences, tokens and (for the guides) vectors are
stored with the generation, with the chunk-vector matrix that dense search reads. Composing from them gives the
answers that splitting and encoding at answer time gave. Real Chroma, the real model, the shipped US Code text."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from assistant.answer.pipeline import Assistant
from assistant.answer.retrieval import HybridSearcher
from assistant.evaluation.qa import QA_SET_DATE
from assistant.index.sentence_table import CHUNK_VECTORS, SENTENCES_DIR, SentenceTable, rerank_text
from assistant.sentences import passage_sentences

ROOT = Path(__file__).resolve().parents[1]
USC = ROOT / "corpus" / "official" / "us" / "19-usc-chapter-29.md"
QUESTIONS = [
    "How long can raw materials stay in Mexico under IMMEX?",
    "What is the minimum wage in the northern border zone?",
    "How much is the merchandise processing fee?",
    "¿Cuál es el salario mínimo general?",
    "What does the USMCA implementation act say about regional value content?",
]


@pytest.fixture
def indexed(fixture_corpus, make_store):
    (fixture_corpus / "official").mkdir()
    shutil.copy(USC, fixture_corpus / "official" / USC.name)
    store = make_store()
    report = store.ingest(fixture_corpus)
    return store, report, fixture_corpus


def _gen_dir(store) -> Path:
    return store.generations_dir / store.current()["generation"]


def test_every_chunk_has_its_sentences_and_every_guide_sentence_its_vector(indexed, embedder):
    store, report, _ = indexed
    snap = store.snapshot()
    table = snap.sentences
    assert table is not None and set(table.entries) == set(snap.by_id)
    guide_sentences = 0
    for chunk in snap.chunks:
        entry = table.entry(chunk.id)
        # a guide's hard-wrapped paragraphs are read as one; an official text's lines stand
        assert list(entry.texts) == passage_sentences(chunk.text, wrapped=chunk.authority != "official")
        if chunk.authority == "official":
            assert entry.first_row == -1  # a provision's chunk vector stands for its sentences
        elif entry.texts:
            guide_sentences += len(entry.texts)
            stored = table.rows(chunk.id)
            fresh = embedder.encode([rerank_text(s) for s in entry.texts])
            assert np.allclose(stored, fresh, atol=1e-4)
    assert report.sentences_embedded == guide_sentences > 0
    assert len(table.vectors) == guide_sentences
    assert "sentences embedded" in report.summary()


def test_the_chunk_matrix_holds_the_vectors_chroma_holds_in_chunk_order(indexed):
    store, _, _ = indexed
    snap = store.snapshot()
    assert snap.vectors.shape[0] == len(snap.chunks)
    ids = [c.id for c in snap.chunks[:: max(1, len(snap.chunks) // 20)]]
    got = snap.collection.get(ids=ids, include=["embeddings"])
    chroma = dict(zip(got["ids"], got["embeddings"]))
    for cid in ids:
        assert np.allclose(snap.vectors[snap.position[cid]], chroma[cid], atol=1e-6)


def test_exact_search_over_the_matrix_finds_what_chroma_finds(indexed, embedder):
    store, _, _ = indexed
    searcher = HybridSearcher(store, embedder)
    snap = store.snapshot()
    for question in QUESTIONS:
        vector = embedder.embed_query(question)
        ids, sims = searcher._dense(snap, vector, 5, None, official=False,
                                    sims=np.asarray(snap.vectors) @ np.asarray(vector, dtype=np.float32))
        found = snap.collection.query(query_embeddings=[vector], n_results=5,
                                      where={"authority": {"$ne": "official"}}, include=["distances"])
        assert ids[:3] == found["ids"][0][:3]
        for cid, d in zip(found["ids"][0], found["distances"][0]):
            if cid in sims:
                assert sims[cid] == pytest.approx(1.0 - d, abs=1e-4)


def test_answers_from_the_table_are_the_answers_composed_at_answer_time(fixture_corpus, make_store, embedder):
    store = make_store()
    store.ingest(fixture_corpus)
    with_table = Assistant(HybridSearcher(store, embedder), None, k=4, embedder=embedder, today=lambda: QA_SET_DATE)
    answers = {q: with_table.ask(q) for q in QUESTIONS}
    gen = _gen_dir(store)
    shutil.rmtree(gen / SENTENCES_DIR)  # a generation built before the table existed
    (gen / CHUNK_VECTORS).unlink()
    store._snapshot = None
    assert store.snapshot().sentences is None and store.snapshot().vectors is None
    without = Assistant(HybridSearcher(store, embedder), None, k=4, embedder=embedder, today=lambda: QA_SET_DATE)
    for question, first in answers.items():
        again = without.ask(question)
        assert (again.answer, again.abstained) == (first.answer, first.abstained), question
        assert [c.doc_id for c in again.citations] == [c.doc_id for c in first.citations], question


def test_a_law_sentence_is_weighed_by_its_provision_and_a_guide_sentence_by_its_own_vector(indexed, embedder):
    from assistant.answer import ranking
    from assistant.answer.extractive import _Candidate
    from assistant.answer.meaning import add_meanings as _add_meanings

    store, _, _ = indexed
    searcher = HybridSearcher(store, embedder)
    retrieval = searcher.retrieve("Which committee monitors Mexico's labor reform?", k=5)
    law = next(p for p in retrieval.passages if p.chunk.authority == "official")
    guide = next(p for p in retrieval.passages if p.chunk.authority != "official")
    passages = [guide, law]
    table = retrieval.snapshot.sentences
    rows = [np.zeros(len(ranking.FEATURES)) for _ in range(2)]
    head = [_Candidate(0, 0, table.get(guide.chunk).texts[0], frozenset(), 0.0, 0.0, True, features=rows[0]),
            _Candidate(1, 0, table.get(law.chunk).texts[0], frozenset(), 0.0, 0.0, True, features=rows[1])]
    query = np.asarray(retrieval.query_vector, dtype=np.float32)

    def never(texts):
        raise AssertionError("nothing is encoded at answer time")

    _add_meanings(head, passages, query, table, never, "en", None, rerank=6)
    guide_sim, law_sim = (c.features[ranking.FEATURES.index("meaning")] for c in head)
    assert guide_sim == pytest.approx(float(embedder.encode([rerank_text(head[0].text)])[0] @ query), abs=1e-4)
    assert law_sim == pytest.approx(law.dense)


def test_an_incremental_ingest_reuses_the_sentence_vectors_of_unchanged_documents(indexed, embedder):
    store, first, corpus = indexed
    before = store.snapshot().sentences
    kept = {cid: before.rows(cid) for cid, e in before.entries.items() if e.first_row >= 0}
    wage = corpus / "minimum-wage.md"
    wage.write_text(wage.read_text(encoding="utf-8") + "\nEmployers review the wage tables every December.\n",
                    encoding="utf-8")
    report = store.ingest(corpus)
    assert not report.full_rebuild and report.changed == ["minimum-wage"]
    after = store.snapshot().sentences
    changed = {c.id for c in store.snapshot().chunks if c.doc_id == "minimum-wage"}
    assert report.sentences_embedded == sum(len(after.entry(c).texts) for c in changed)
    assert report.sentences_copied == first.sentences_embedded - sum(
        len(before.entries[c].texts) for c in before.entries if c.startswith("minimum-wage"))
    for cid, rows in kept.items():
        if after.entry(cid) is not None and cid not in changed:
            assert np.array_equal(after.rows(cid), rows)


def test_a_failure_while_embedding_sentences_leaves_the_served_generation_whole(indexed, embedder, monkeypatch):
    store, _, corpus = indexed
    served = store.current()["generation"]
    (corpus / "extra.md").write_text("---\nid: extra-note\ntitle: Extra note\njurisdiction: MX\ndoc_type: guide\n"
                                     "topics: [labor]\nlanguage: en\nas_of: 2026-01-01\nsources:\n"
                                     "  - title: Ley Federal del Trabajo\n    citation: Art. 67\n"
                                     "    url: https://www.diputados.gob.mx/LeyesBiblio/pdf/LFT.pdf\n---\n"
                                     "Overtime in Mexico is paid at double the hourly wage for the first nine hours.\n",
                                     encoding="utf-8")
    real = embedder.encode

    def failing(texts, show_progress=False):
        if any("Overtime in Mexico" in t and "\n" not in t for t in texts):  # the sentence batch, not the chunk
            raise RuntimeError("killed while embedding sentences")
        return real(texts, show_progress)

    monkeypatch.setattr(embedder, "encode", failing)
    with pytest.raises(RuntimeError):
        store.ingest(corpus)
    monkeypatch.undo()
    assert store.current()["generation"] == served
    assert store.snapshot().sentences is not None
    report = store.ingest(corpus)  # the next ingest cleans up and completes
    assert "extra-note" in report.added and store.current()["generation"] != served


def test_a_sentence_table_file_reads_back_as_written(indexed):
    store, _, _ = indexed
    gen = _gen_dir(store)
    lines = (gen / SENTENCES_DIR / "sentences.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(store.snapshot().chunks)
    row = json.loads(lines[0])
    assert set(row) == {"id", "s", "f", "t", "c", "v"}
    again = SentenceTable.load(gen)
    assert again.entries == store.snapshot().sentences.entries
