"""The BM25 side of hybrid retrieval (bm25s), built from the same chunks as the vector store."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.text import fold

_TOKEN = re.compile(r"(?u)\b\w\w+\b|\b\d\b")
_STEMMER_LANGUAGE = "english"

# Bump by hand whenever tokenizing changes in a way the fingerprint below cannot see (the order of the
# steps, a new rule in ``fold``, ...): every index built before is then rebuilt on the next ingest.
TOKENIZER_VERSION = "1"


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN, STOPWORDS_SPANISH

    return frozenset(fold(w) for w in (*STOPWORDS_EN, *STOPWORDS_SPANISH))


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer(_STEMMER_LANGUAGE)


@lru_cache(maxsize=1)
def _tokenizer_fingerprint() -> str:
    """Stemmer, token pattern, stop words and how a sample of accented text folds, hashed."""
    parts = [_STEMMER_LANGUAGE, _TOKEN.pattern, fold("ÁÉÍÓÚÜÑ áéíóúüñ Çç ß"), *sorted(_stopwords())]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:10]


def tokenizer_version() -> str:
    """Identifies the BM25 tokenizer in the index manifest: a different one forces a full rebuild."""
    return f"{TOKENIZER_VERSION}-{_tokenizer_fingerprint()}"


def tokenize(text: str) -> list[str]:
    """Accent-folded, stop-worded, stemmed tokens; numbers kept ('0.3464', '108', '2026')."""
    stops = _stopwords()
    raw = [t for t in _TOKEN.findall(fold(text)) if t not in stops]
    return _stemmer().stemWords(raw)


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
