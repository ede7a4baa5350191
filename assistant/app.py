"""Composition root: build the real components from settings. Adapters (CLI, UI, API) call these."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from assistant.settings import Settings, configure_runtime, get_settings


@dataclass
class Components:
    settings: Settings
    embedder: object
    store: object
    searcher: object
    assistant: object


def build_embedder(settings: Settings):
    from assistant.index.embeddings import Embedder

    return Embedder(settings.embedding_model, threads=settings.embed_threads or None,
                    query_encoder=settings.query_encoder)


def build_store(settings: Settings, embedder):
    from assistant.index.store import IndexStore
    from assistant.index.vectors import make_client

    factory = partial(make_client, settings.index_dir, settings.chroma_host, settings.chroma_port)
    return IndexStore(settings.index_dir, factory, embedder, settings.chunk_words, settings.chunk_overlap_words)


def build_llm(settings: Settings):
    if not settings.llm:
        return None
    from assistant.answer.llm import load_chat_model

    return load_chat_model(settings.llm, settings.llm_temperature)


def build(settings: Settings | None = None, llm=None) -> Components:
    """Wire embedder → index store → hybrid searcher → assistant. Loads nothing until first use."""
    from assistant.answer.pipeline import Assistant
    from assistant.answer.retrieval import HybridSearcher

    configure_runtime()
    settings = settings or get_settings()
    embedder = build_embedder(settings)
    store = build_store(settings, embedder)
    searcher = HybridSearcher(store, embedder)
    chat_model = llm if llm is not None else build_llm(settings)
    assistant = Assistant(searcher, chat_model, k=settings.k, min_support=settings.min_support,
                          min_coverage=settings.min_coverage, embedder=embedder)
    return Components(settings, embedder, store, searcher, assistant)
