"""A sentence's meaning feature: its closeness to the question — and, when context comes before the sentence that
asks, to that sentence too, so the sentence answering what is asked outranks the one restating the context."""

from __future__ import annotations

import numpy as np

from assistant.answer import ranking
from assistant.answer.candidate import Candidate, F
from assistant.answer.meaning import add_meanings
from assistant.index.sentence_table import ChunkSentences, SentenceTable, rerank_text
from assistant.models import Chunk, Passage

CONTEXT_LIKE = "Many Mexican plants sell to, or produce for, a related US company."
ANSWER = ("Under 19 U.S.C. 1401a(g)(1), a person who owns or holds with power to vote 5% or more of the voting shares "
          "of an organization is related to that organization, so a US parent holding 5% or more of its Mexican "
          "plant's voting shares is related to it.")
QUESTION = ("Our US parent owns just 8% of the voting shares of the Mexican plant that sells to it. Does CBP treat us "
            "as related parties for valuation?")
ASKING = "Does CBP treat us as related parties for valuation?"


def _setup(embedder):
    chunk = Chunk(id="val", doc_id="us-customs-valuation", text=f"{CONTEXT_LIKE} {ANSWER}", ordinal=0,
                  title="US customs valuation", doc_type="guide", jurisdiction="US", language="en",
                  path="us-import/us-customs-valuation.md")
    texts = (CONTEXT_LIKE, ANSWER)
    entry = ChunkSentences(texts, texts, (frozenset(), frozenset()), frozenset(), first_row=0)
    table = SentenceTable({"val": entry}, np.asarray(embedder.encode([rerank_text(t) for t in texts]),
                                                     dtype=np.float32))
    passages = [Passage(chunk=chunk, score=1.0, dense=0.6)]

    def candidates() -> list[Candidate]:
        return [Candidate(0, i, t, frozenset(), 0.0, 0.0, True, features=np.zeros(len(ranking.FEATURES)))
                for i, t in enumerate(texts)]
    return table, passages, candidates


def test_a_sentence_is_weighed_by_the_sentence_that_asks_as_well_as_by_the_whole_question(embedder):
    table, passages, candidates = _setup(embedder)
    query = np.asarray(embedder.embed_query(QUESTION), dtype=np.float32)
    asking = np.asarray(embedder.encode([ASKING])[0], dtype=np.float32)

    whole = candidates()
    add_meanings(whole, passages, query, table, None, "en", None, 0)
    assert whole[0].features[F["meaning"]] > whole[1].features[F["meaning"]]  # the context's echo is closest

    both = candidates()
    add_meanings(both, passages, query, table, None, "en", None, 0, asking)
    gap = [c.features[F["meaning"]] for c in both]
    assert gap[1] - gap[0] > whole[1].features[F["meaning"]] - whole[0].features[F["meaning"]]
    # half of each: between the whole question's similarity and the asking sentence's
    alone = table.similarities("val", asking)
    assert np.isclose(gap[1], 0.5 * (whole[1].features[F["meaning"]] + float(alone[1])))


def test_the_asking_sentence_is_the_visitors_own_words_unless_its_subject_is_the_context():
    from assistant.answer.question import analyze, asking_text

    assert asking_text(analyze(QUESTION)) == ASKING
    assert asking_text(analyze("Our supplier in Taiwan sends PCBs to our plant. Does that break USMCA origin?")) is None
    assert asking_text(analyze("Does CBP treat related parties differently?")) is None  # no context before it



def test_the_asking_sentence_is_encoded_in_the_same_model_call_as_the_question(fixture_assistant, embedder):
    searcher = fixture_assistant.searcher
    calls = []
    encode = embedder.encode

    def counting(texts, *args, **kwargs):
        calls.append(list(texts))
        return encode(texts, *args, **kwargs)

    embedder.encode = counting
    try:
        retrieval = searcher.retrieve(QUESTION, 3, asking=ASKING)
    finally:
        embedder.encode = encode
    assert calls == [[QUESTION, ASKING]]  # one call for both
    expected = np.asarray(embedder.encode([ASKING])[0], dtype=np.float32)
    assert np.allclose(np.asarray(retrieval.asking_vector, dtype=np.float32), expected, atol=1e-4)
    assert searcher.retrieve(QUESTION, 3).asking_vector is None
