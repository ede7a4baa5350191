"""Questions are encoded by the bundled model's forward pass in numpy: the same vectors as sentence-transformers,
without importing torch at answer time."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant.index.bert_numpy import PASS_TOKENS, NumpyBert, _groups, supports
from assistant.index.embeddings import resolve_model_path
from assistant.settings import BUNDLED_MODEL

ROOT = Path(__file__).resolve().parents[1]

TEXTS = [
    "What is the VAT rate in Mexico?",
    "¿Cuánto puede durar el periodo de prueba de un gerente de planta?",
    "IMMEX",
    "",
    "How long can goods imported temporarily under IMMEX stay in Mexico, and what happens if the program is "
    "cancelled before they are exported or nationalized?",
    "Ley Aduanera art. 108 — plazos; USMCA GN 11(k); 19 U.S.C. § 4531; MXN 315.04/día; 8.5% → 16%",
    "regional value content " * 200,  # far past the model's 256 tokens: truncated the same way
]


@pytest.fixture(scope="module")
def numpy_bert() -> NumpyBert:
    return NumpyBert(resolve_model_path(BUNDLED_MODEL))


def test_numpy_vectors_equal_sentence_transformers_one_by_one_and_in_a_padded_batch(embedder, numpy_bert):
    reference = embedder.model.encode(TEXTS, normalize_embeddings=True, convert_to_numpy=True)
    batch = numpy_bert.encode(TEXTS)
    assert batch.dtype == np.float32 and batch.shape == reference.shape
    np.testing.assert_allclose(batch, reference, atol=1e-5)
    for text, row in zip(TEXTS, reference):
        np.testing.assert_allclose(numpy_bert.encode([text])[0], row, atol=1e-5)
    np.testing.assert_allclose(np.linalg.norm(batch, axis=1), 1.0, atol=1e-5)
    assert numpy_bert.encode([]).shape == (0, 384)


def test_many_texts_are_encoded_in_short_passes_by_length_with_the_same_vectors(embedder, numpy_bert):
    lengths = [12, 3, 40, 12, 250, 7, 30, 18, 90, 5]
    groups = _groups(lengths)
    assert sorted(i for g in groups for i in g) == list(range(len(lengths)))  # every text once
    for group in groups:
        assert len(group) == 1 or len(group) * max(lengths[i] for i in group) <= PASS_TOKENS
    order = [i for g in groups for i in g]
    assert [lengths[i] for i in order] == sorted(lengths)  # by length: little padding
    assert [250] in [[lengths[i] for i in g] for g in groups]  # a text past the budget passes alone

    questions = [json.loads(line)["question"] for line in (ROOT / "tests" / "qa" / "immex.jsonl").open()][:40]
    reference = embedder.model.encode(questions, normalize_embeddings=True, convert_to_numpy=True)
    np.testing.assert_allclose(numpy_bert.encode(questions), reference, atol=1e-5)  # in their own order


def test_the_default_embedder_answers_questions_with_numpy_and_equal_vectors(embedder):
    assert embedder.query_encoder == "numpy" and embedder.query_model is not None
    question = "What is the payroll tax in Chihuahua?"
    reference = embedder.model.encode([question], normalize_embeddings=True, convert_to_numpy=True)[0]
    np.testing.assert_allclose(embedder.embed_query(question), reference, atol=1e-5)
    pair = embedder.embed_documents([question, "payroll tax state Chihuahua"])  # a question and its gloss
    np.testing.assert_allclose(pair[0], reference, atol=1e-5)


def test_answering_a_question_never_imports_torch(tmp_path):
    """A cold process that loads the embedder and encodes questions has not imported torch or
    sentence-transformers (they cost seconds of a cold start and hundreds of MB)."""
    script = (
        "import sys\n"
        "from assistant.index.embeddings import Embedder\n"
        "e = Embedder().load()\n"
        "v = e.embed_query('How long can IMMEX goods stay in Mexico?')\n"
        "w = e.embed_documents(['¿Qué es IMMEX?', 'What is IMMEX?'])\n"
        "assert len(v) == 384 and len(w) == 2\n"
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'transformers', 'sklearn') if m in sys.modules))\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_a_model_numpy_cannot_run_falls_back_to_sentence_transformers(tmp_path, embedder):
    from assistant.index.embeddings import Embedder

    bundled = resolve_model_path(BUNDLED_MODEL)
    assert supports(bundled)
    other = tmp_path / "cls-pooling-model"
    shutil.copytree(bundled, other)
    pooling = json.loads((other / "1_Pooling" / "config.json").read_text())
    pooling.update(pooling_mode_mean_tokens=False, pooling_mode_cls_token=True)
    (other / "1_Pooling" / "config.json").write_text(json.dumps(pooling))
    assert not supports(other)
    fallback = Embedder(str(other)).load()
    assert fallback.query_model is None and fallback.loaded
    cls_vector = fallback.embed_query("What is IMMEX?")
    mean_vector = embedder.embed_query("What is IMMEX?")
    assert len(cls_vector) == 384 and not np.allclose(cls_vector, mean_vector, atol=1e-3)


def test_torch_can_still_be_chosen_and_a_wrong_choice_is_refused():
    from assistant.errors import EmbeddingModelError
    from assistant.index.embeddings import Embedder

    torch_questions = Embedder(query_encoder="torch").load()
    assert torch_questions.query_model is None and torch_questions.loaded
    with pytest.raises(EmbeddingModelError, match="numpy, torch"):
        Embedder(query_encoder="onnx")
