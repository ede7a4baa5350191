"""The BM25 side of hybrid retrieval (bm25s), built from the same chunks as the vector store."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from assistant.tokens import TOKENIZER_VERSION, tokenize, tokenizer_version  # noqa: F401 - the index's tokenizer


GUIDES_BM25 = "bm25-guides"  # a generation's BM25 over everything but the official texts (when it has any)


class LexicalIndex:
    """BM25 over chunk texts; row ``i`` is chunk ``ids[i]``."""

    def __init__(self, model, ids: list[str]):
        self.model = model
        self.ids = ids
        indptr = np.asarray(model.scores["indptr"])
        n = max(int(model.scores.get("num_docs", len(ids)) or 1), 1)
        df = np.diff(indptr)
        self._idf = {tok: float(np.log(1 + n / max(int(df[j]), 1))) for tok, j in model.vocab_dict.items() if j < len(df)}
        self._unknown_idf = float(np.log(1 + n))

    def idf(self, token: str) -> float:
        """Inverse document frequency of a (tokenized) term; unseen terms count as rare."""
        return self._idf.get(token, self._unknown_idf)

    def knows(self, token: str) -> bool:
        """Whether any indexed chunk contains this (tokenized) term."""
        return token in self._idf

    @classmethod
    def build(cls, ids: list[str], texts: list[str]) -> "LexicalIndex":
        import bm25s

        model = bm25s.BM25()
        tokens = [tokenize(t) or ["_empty_"] for t in texts]
        model.index(tokens, show_progress=False)
        return cls(model, list(ids))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.model.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, ids: list[str]) -> "LexicalIndex":
        import bm25s

        return cls(bm25s.BM25.load(str(folder), show_progress=False), ids)

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[str, float]]:
        """Top ``k`` (chunk id, score) pairs with a positive score; ``mask`` keeps rows where it is 1."""
        tokens = [t for t in tokenize(query) if t in self.model.vocab_dict]
        if not tokens or not self.ids:
            return []
        k = min(k, len(self.ids))
        docs, scores = self.model.retrieve(
            [tokens], k=k, show_progress=False, weight_mask=mask, n_threads=0
        )
        return [(self.ids[int(i)], float(s)) for i, s in zip(docs[0], scores[0]) if s > 0]
