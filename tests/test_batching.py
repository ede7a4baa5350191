"""Micro-batching of question encodes: concurrent callers share model calls and get exactly their own vector."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from assistant.index.batching import QueryBatcher

QUESTIONS = [
    "How long can raw materials stay in Mexico under IMMEX?",
    "What is the MPF maximum in fiscal 2026?",
    "¿Cuánto cuesta la cuota patronal del IMSS?",
    "Does my part qualify for USMCA?",
    "What is a shelter service?",
    "VAT",
    "How much is the payroll tax in Chihuahua for a plant with 300 workers and two shifts?",
    "And for machinery?",
]


class Counting:
    """Wraps an encode function and records every call's texts."""

    def __init__(self, encode):
        self.encode = encode
        self.calls: list[list[str]] = []
        self._lock = threading.Lock()

    def __call__(self, texts, **options):
        with self._lock:
            self.calls.append(list(texts))
        return self.encode(texts, **options)


def concurrently(fn, items):
    """``fn(item)`` for every item, all released at once from their own threads; results in order."""
    barrier = threading.Barrier(len(items))

    def call(item):
        barrier.wait()
        return fn(item)

    with ThreadPoolExecutor(len(items)) as pool:
        return list(pool.map(call, items))


def single(embedder, text: str) -> np.ndarray:
    """The unbatched reference: the model on this one text."""
    return embedder.model.encode([text], normalize_embeddings=True, convert_to_numpy=True)[0]


def test_concurrent_callers_share_model_calls_and_get_their_own_vectors(embedder):
    model = Counting(lambda texts: embedder.model.encode(texts, normalize_embeddings=True, convert_to_numpy=True))
    # a long window that closes as soon as every caller has joined: the batch does not depend on timing
    batcher = QueryBatcher(model, max_wait=30.0, max_batch=len(QUESTIONS))
    vectors = concurrently(batcher.encode, QUESTIONS)
    assert len(model.calls) < len(QUESTIONS)
    assert sorted(t for call in model.calls for t in call) == sorted(QUESTIONS)
    for question, vector in zip(QUESTIONS, vectors):
        np.testing.assert_allclose(vector, single(embedder, question), atol=1e-5)


def question_encoder(embedder) -> Counting:
    """Count the calls of whatever encodes this embedder's questions (numpy's forward pass, or the torch model)."""
    target = embedder.query_model or embedder.model
    counting = Counting(target.encode)
    target.encode = counting  # an instance attribute, removed with the object
    return counting


@pytest.mark.parametrize("encoder", ["numpy", "torch"])
def test_the_embedder_batches_questions_and_stays_a_langchain_embeddings(embedder, encoder):
    from langchain_core.embeddings import Embeddings

    from assistant.index.embeddings import Embedder

    batched = Embedder(query_wait_ms=30_000, query_batch=len(QUESTIONS), query_encoder=encoder)
    assert isinstance(batched, Embeddings)
    batched.load()
    assert (batched.query_model is not None) == (encoder == "numpy")
    model = question_encoder(batched)
    vectors = concurrently(batched.embed_query, QUESTIONS)
    assert len(model.calls) < len(QUESTIONS)
    for question, vector in zip(QUESTIONS, vectors):
        assert isinstance(vector, list) and len(vector) == 384
        np.testing.assert_allclose(vector, single(embedder, question), atol=1e-5)
    rows = concurrently(lambda q: batched.encode([q]), QUESTIONS)  # encode() of one question is batched too
    assert [r.shape for r in rows] == [(1, 384)] * len(QUESTIONS)
    for vector, row in zip(vectors, rows):
        np.testing.assert_allclose(row[0], vector, atol=1e-5)


@pytest.mark.parametrize("encoder", ["numpy", "torch"])
def test_lists_and_long_texts_go_to_the_model_as_they_are(encoder):
    from assistant.index.embeddings import BATCHABLE_CHARS, QUERY_LIST, Embedder

    plain = Embedder(query_wait_ms=30_000, query_batch=2, query_encoder=encoder).load()
    model = question_encoder(plain)
    long_text = "tariff classification " * (BATCHABLE_CHARS // 20)
    assert len(long_text) > BATCHABLE_CHARS
    assert plain.encode(["a", "b", "c"]).shape == (3, 384)
    vectors = concurrently(lambda text: plain.encode([text]), [long_text, "What is IMMEX?", "What is a shelter?"])
    assert [v.shape for v in vectors] == [(1, 384)] * 3
    assert model.calls[0] == ["a", "b", "c"]
    assert [long_text] in model.calls  # alone: batched with questions it would pad them all to its length
    assert sorted(map(sorted, model.calls[1:])) == sorted([[long_text], ["What is IMMEX?", "What is a shelter?"]])
    many = [f"passage {i}" for i in range(QUERY_LIST + 1)]  # indexing: sentence-transformers, whatever the encoder
    indexing = Counting(plain.model.encode)
    plain.model.encode = indexing
    assert plain.encode(many).shape == (len(many), 384)
    assert indexing.calls == [many]


def test_an_error_reaches_every_caller_and_the_batcher_keeps_working():
    failing = threading.Event()
    failing.set()

    def encode(texts):
        if failing.is_set():
            raise RuntimeError("model exploded")
        return [np.array([len(t)], dtype=np.float32) for t in texts]

    model = Counting(encode)
    batcher = QueryBatcher(model, max_wait=30.0, max_batch=4)

    def attempt(text):
        try:
            return batcher.encode(text)
        except RuntimeError as exc:
            return exc

    outcomes = concurrently(attempt, ["a", "bb", "ccc", "dddd"])
    assert all(isinstance(o, RuntimeError) and "exploded" in str(o) for o in outcomes)
    failing.clear()
    rows = concurrently(batcher.encode, ["a", "bb", "ccc", "dddd"])
    assert [int(r[0]) for r in rows] == [1, 2, 3, 4]


def test_zero_wait_turns_batching_off():
    model = Counting(lambda texts: [np.array([len(t)], dtype=np.float32) for t in texts])
    batcher = QueryBatcher(model, max_wait=0.0, max_batch=32)
    rows = concurrently(batcher.encode, ["a", "bb", "ccc"])
    assert [int(r[0]) for r in rows] == [1, 2, 3]
    assert sorted(len(c) for c in model.calls) == [1, 1, 1]


def test_bad_parameters_are_refused():
    with pytest.raises(ValueError):
        QueryBatcher(lambda texts: texts, max_wait=-1)
    with pytest.raises(ValueError):
        QueryBatcher(lambda texts: texts, max_batch=0)
