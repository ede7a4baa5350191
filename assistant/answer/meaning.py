"""How close in meaning each candidate sentence is to the question: the ``meaning`` feature of
:mod:`assistant.answer.ranking`.

A sentence's vector is stored in the index's sentence table; a law's sentence (stored without one) takes its
provision's similarity. A question whose context comes before the sentence that asks ("Our US parent owns just 8% of
the plant's voting shares. Does CBP treat us as related parties?") is weighed by both, half each: by the whole
question alone, the sentence closest to its context ("Many Mexican plants sell to a related US company.") outranks the
one answering what is asked. (An asking sentence whose subject is the context — "Does that break USMCA origin?" — is
not weighed apart: the composer passes none.) Pure: the vectors, the sentence table and the encoder are passed in.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from assistant.answer import ranking
from assistant.answer.candidate import Candidate, F
from assistant.index.sentence_table import SentenceTable, has_sentence_vectors, rerank_text
from assistant.models import Passage

ASKING_SHARE = 0.5  # of a sentence's meaning, its similarity to the sentence that asks (when context comes first)


def add_meanings(candidates: list[Candidate], passages: list[Passage], query: np.ndarray,
                 table: SentenceTable | None, encode: Callable[[list[str]], Any] | None, lang: str,
                 gloss: np.ndarray | None, rerank: int, asking: np.ndarray | None = None) -> None:
    """Each candidate's cosine similarity to the question (to its English gloss, when given, for a passage in another
    language than the visitor's; blended with its similarity to ``asking``, the sentence that asks, for a stored
    sentence in the visitor's language): its stored sentence vector; for a law's sentence its provision's similarity.
    Without a sentence table, the ``rerank`` best by the other features are encoded now, in one batch."""
    meaning = F["meaning"]
    vectors = [gloss if gloss is not None and passages[c.passage_rank].chunk.language != lang else query
               for c in candidates]
    found: dict[tuple[str, int], np.ndarray | None] = {}

    def stored(chunk_id: str, vector: np.ndarray) -> np.ndarray | None:
        key = (chunk_id, id(vector))
        if key not in found:
            found[key] = table.similarities(chunk_id, vector)
        return found[key]

    todo = []
    for i, cand in enumerate(candidates):
        passage = passages[cand.passage_rank]
        sims = stored(passage.chunk.id, vectors[i]) if table is not None else None
        if sims is not None and cand.position < len(sims):
            cand.features[meaning] = float(sims[cand.position])
            if asking is not None and passage.chunk.language == lang:
                asked = stored(passage.chunk.id, asking)
                if asked is not None and cand.position < len(asked):
                    cand.features[meaning] += ASKING_SHARE * (float(asked[cand.position]) - cand.features[meaning])
        elif table is not None and not has_sentence_vectors(passage.chunk) and passage.dense is not None:
            cand.features[meaning] = float(passage.dense)
        else:
            todo.append(i)
    if todo and encode is not None:
        pre = ranking.score(np.stack([candidates[i].features for i in todo]))
        head = [todo[j] for j in np.argsort(-pre, kind="stable")[:rerank]]
        encoded = np.asarray(encode([rerank_text(candidates[i].text) for i in head]), dtype=np.float32)
        for i, row in zip(head, encoded):
            candidates[i].features[meaning] = float(row @ vectors[i])
