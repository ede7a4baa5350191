"""Hybrid retrieval: dense (cosine, exact over the generation's vector matrix; Chroma's for an older generation)
and BM25, fused by reciprocal rank fusion, near-ties broken by the
source's authority (official > curated > uploaded, see :data:`AUTHORITY_SHIFT`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.filters import matches, validate_filters
from assistant.index.store import Snapshot
from assistant.index.vectors import where_clause
from assistant.models import Chunk, Passage

RRF_K = 60
# Where the official texts' best passages enter the guides' ranking (0-based): the guides are written for the
# visitor's question and lead; the law's most relevant passages come right after the best three. A question that
# names a provision gets that provision first instead (HybridSearcher.with_chunks).
OFFICIAL_SLOTS = (3, 5)

# Added to a chunk's fused score by its authority (assistant.ingest.authority). On the RRF scale a passage ranked
# first by both retrievers scores 2/61 ≈ 0.0328 and neighbouring places differ by about 0.0005, so an uploaded
# passage drops about four places (below a curated one it barely beat) and an official one rises about two; a
# clear lead in relevance still wins.
AUTHORITY_SHIFT: dict[str, float] = {"official": 0.001, "curated": 0.0, "uploaded": -0.002}


# How much more the words count than the meaning when ranking the official texts. The embedding model is English
# only: on a Spanish article its similarity is close to noise, and on the official texts with an expected article
# (tests/qa dev and the probe sets' tuning halves) BM25 alone puts it first for 51 of 89 questions, the equal-weight
# fusion for 28. Five times keeps the meaning as the tie-breaker and the fallback where the words find nothing.
LAW_LEXICAL_WEIGHT = 5.0


def rrf(rankings: list[list[str]], k: int = RRF_K, weights: tuple[float, ...] | None = None) -> dict[str, float]:
    """Reciprocal rank fusion: each list adds weight / (k + rank) to every id it ranks (weight 1 unless given)."""
    fused: dict[str, float] = {}
    for i, ranking in enumerate(rankings):
        weight = weights[i] if weights else 1.0
        for rank, doc_id in enumerate(ranking, start=1):
            fused[doc_id] = fused.get(doc_id, 0.0) + weight / (k + rank)
    return fused


def with_authority(fused: dict[str, float], chunks: dict[str, Chunk]) -> dict[str, float]:
    """Fused scores shifted by each chunk's authority (:data:`AUTHORITY_SHIFT`); unknown ids unchanged."""
    return {cid: score + (AUTHORITY_SHIFT.get(chunks[cid].authority, 0.0) if cid in chunks else 0.0)
            for cid, score in fused.items()}


@dataclass(frozen=True)
class Retrieval:
    """What one retrieval saw: the index snapshot it read, the query vector and the passages found.

    Everything later in the answer (term weights, re-ranking, citations) uses this snapshot, so one answer
    reads one generation of the index, never a mix.
    """

    snapshot: Snapshot
    query_vector: list[float]
    passages: list[Passage]
    gloss_vector: Any = None  # a Spanish question's English gloss (assistant.answer.gloss), encoded with it
    asking_vector: Any = None  # the sentence that asks, after context (assistant.answer.meaning), encoded with it

    @property
    def term_weight(self) -> Callable[[str], float]:
        """IDF of a term among the guides (all chunks when there are no official texts): the extractive composer's
        term importance, unmoved by the thousands of legal passages."""
        return (self.snapshot.guide_lexical or self.snapshot.lexical).idf

    @property
    def term_known(self) -> Callable[[str], bool]:
        """Whether a term occurs anywhere in this snapshot's chunks."""
        return self.snapshot.lexical.knows


class HybridSearcher:
    """Pure retrieval logic over an index store and an embedder, both passed in."""

    def __init__(self, store, embedder, candidates: int = 30):
        self.store = store
        self.embedder = embedder
        self.candidates = candidates
        self._masks: dict[tuple, np.ndarray] = {}

    def snapshot(self) -> Snapshot:
        """The generation currently served (take one per answer and pass it to every search of that answer)."""
        return self.store.snapshot()

    def retrieve(self, query: str, k: int = 5, filters: dict[str, list[str]] | None = None,
                 query_vector: list[float] | None = None, snapshot: Snapshot | None = None,
                 lexical_query: str | None = None, gloss: str | None = None,
                 law_gloss: str | None = None, asking: str | None = None,
                 lexical_weight: float = LAW_LEXICAL_WEIGHT) -> Retrieval:
        """Encode the query (unless its vector is given) and search one snapshot of the index; BM25 searches
        ``lexical_query`` when given (the query with both languages' terms), else the query.

        ``gloss`` (a Spanish question's English gloss) is encoded in the same model call as the query; a chunk's
        similarity is then the better of the two, and BM25 searches the gloss's words too, so English passages
        compete for a Spanish question on what they say rather than on shared Spanish words.

        ``law_gloss`` (an English question's Spanish words, :func:`assistant.answer.gloss.spanish_gloss`) does the
        same for the Mexican laws only: the official texts in Spanish are ranked by the better of the question's and
        the gloss's similarity, and their BM25 searches the gloss's words too; the guides' ranking is untouched.

        ``asking`` (the sentence that asks, after context) is only encoded in the same model call, for the composer."""
        filters = validate_filters(filters)
        snap = snapshot if snapshot is not None else self.store.snapshot()
        gloss_vector = law_vector = None
        law_gloss = law_gloss if law_gloss and snap.has_official else None
        extra = [t for t in (gloss, law_gloss, asking) if t]
        asking_vector = None
        if extra and query_vector is None:
            vector, *rest = self.embedder.embed_documents([query, *extra])
            gloss_vector = rest.pop(0) if gloss else None
            law_vector = rest.pop(0) if law_gloss else None
            asking_vector = rest.pop(0) if asking else None
        else:
            vector = query_vector if query_vector is not None else self.embedder.embed_query(query)
        if gloss_vector is None:
            gloss = None
        law = (law_gloss, law_vector) if law_vector is not None else None
        passages = self._search(snap, query, vector, k, filters, lexical_query, gloss, gloss_vector, law,
                                lexical_weight)
        return Retrieval(snap, vector, passages, gloss_vector if gloss_vector is not None else law_vector, asking_vector)

    def search(self, query: str, k: int = 5, filters: dict[str, list[str]] | None = None,
               query_vector: list[float] | None = None, snapshot: Snapshot | None = None,
               lexical_weight: float = LAW_LEXICAL_WEIGHT) -> list[Passage]:
        """The passages only (the sources browser and the LangChain retriever use this)."""
        return self.retrieve(query, k, filters, query_vector, snapshot, lexical_weight=lexical_weight).passages

    def with_introduction(self, retrieval: Retrieval) -> Retrieval:
        """The retrieval plus the opening passage of its top document, when missing: a document's opening
        defines its subject, which is what "What is X?" asks for."""
        if not retrieval.passages:
            return retrieval
        top = retrieval.passages[0].chunk
        if top.ordinal == 0 or any(p.chunk.doc_id == top.doc_id and p.chunk.ordinal == 0 for p in retrieval.passages):
            return retrieval
        intro = next((c for c in retrieval.snapshot.chunks if c.doc_id == top.doc_id and c.ordinal == 0), None)
        if intro is None:
            return retrieval
        got = retrieval.snapshot.embeddings([intro.id])
        if intro.id not in got:
            return retrieval
        dense = float(np.dot(np.asarray(retrieval.query_vector, dtype=np.float32), got[intro.id]))
        extra = Passage(chunk=intro, score=retrieval.passages[-1].score, dense=dense, bm25=None)
        return replace(retrieval, passages=[*retrieval.passages, extra])

    def with_law(self, retrieval: Retrieval, law: str, query: str, k: int = 3, gloss: str | None = None,
                 lang: str | None = None) -> Retrieval:
        """The retrieval with the ``k`` provisions of ``law`` closest to the query added after its passages, when it
        left them out ("según la Ley Aduanera, …" names the law, not the article; GN 11(l)(xix) on "remanufactured
        good" is the note's third closest piece to a question on it). A law written in another language than the
        question (``lang``) is searched with the question's ``gloss`` in that language, when there is one: "la ley de
        EU que implementa el T-MEC" is the English US Code."""
        seen = {p.chunk.id for p in retrieval.passages}
        other = (gloss is not None and retrieval.gloss_vector is not None and lang is not None
                 and next((c.language for c in retrieval.snapshot.chunks if c.doc_id == law), lang) != lang)
        # (within the one text named, words and meaning count alike: its closest provision to the question, the way
        # a reader looks for it — 19 U.S.C. § 4644(a) on how often Mexico's compliance is assessed)
        found = self.search(gloss if other else query, k, {"doc_id": [law]},
                            query_vector=retrieval.gloss_vector if other else retrieval.query_vector,
                            snapshot=retrieval.snapshot, lexical_weight=1.0)
        return replace(retrieval, passages=[*retrieval.passages, *(p for p in found if p.chunk.id not in seen)])

    def laws(self, retrieval: Retrieval, words: str, k: int = 6) -> list[Passage]:
        """The ``k`` official passages closest to the question, by ``words`` (its words in both languages) and by its
        vector: deeper into the laws than the two places they hold among the guides."""
        snap = retrieval.snapshot
        official = self._mask(snap, ("official-ids",), lambda c: c.authority == "official")
        if not official.any():
            return []
        ids = sorted({c.doc_id for c, keep in zip(snap.chunks, official) if keep})
        return self.retrieve(words, k, {"doc_id": ids}, query_vector=retrieval.query_vector, snapshot=snap,
                             lexical_query=words).passages

    def with_chunks(self, retrieval: Retrieval, chunks: list[Chunk]) -> Retrieval:
        """The retrieval with ``chunks`` put first (a provision the question names, found by its number), each with
        its true cosine similarity to the query; passages already found move up rather than repeat."""
        if not chunks:
            return retrieval
        wanted = list(dict.fromkeys(c.id for c in chunks))
        q = np.asarray(retrieval.query_vector, dtype=np.float32)
        dense = {cid: float(np.dot(q, emb)) for cid, emb in retrieval.snapshot.embeddings(wanted).items()}
        top = retrieval.passages[0].score if retrieval.passages else 0.0
        first = [Passage(chunk=retrieval.snapshot.by_id[cid], score=top + 0.01, dense=dense.get(cid), bm25=None)
                 for cid in wanted if cid in retrieval.snapshot.by_id]
        put_first = set(wanted)
        rest = [p for p in retrieval.passages if p.chunk.id not in put_first]
        return replace(retrieval, passages=first + rest)

    def _search(self, snap: Snapshot, query: str, vector, k: int, filters: dict[str, list[str]] | None,
                lexical_query: str | None = None, gloss: str | None = None, gloss_vector=None,
                law: tuple[str, Any] | None = None, lexical_weight: float = LAW_LEXICAL_WEIGHT) -> list[Passage]:
        if not snap.chunks or not query.strip():
            return []
        both = (lambda text: f"{text} {gloss}") if gloss else (lambda text: text)
        n = min(self.candidates, len(snap.chunks))
        mask = None
        if filters:
            mask = np.array([1 if matches(c, filters) else 0 for c in snap.chunks], dtype=np.float32)
            if not mask.any():
                return []
        # every chunk's cosine similarity to the query: one matrix product (None: search through Chroma)
        sims = np.asarray(snap.vectors) @ np.asarray(vector, dtype=np.float32) if snap.vectors is not None else None
        own = sims  # the question's own words only
        if sims is not None and gloss_vector is not None:
            sims = np.maximum(sims, np.asarray(snap.vectors) @ np.asarray(gloss_vector, dtype=np.float32))
        if snap.has_official:
            law_sims = sims
            if law is not None and sims is not None:  # the Spanish laws: the better of the question and its gloss
                spanish_law = self._official_mask(snap, "es") > 0
                law_sims = np.where(spanish_law, np.maximum(sims, np.asarray(snap.vectors) @ np.asarray(
                    law[1], dtype=np.float32)), sims)
            law_words = (lambda text: f"{both(text)} {law[0]}") if law is not None else both
            dense_g, sim_g = self._dense(snap, vector, n, filters, official=False, mask=mask, sims=sims)
            dense_o, sim_o = self._dense(snap, vector, n, filters, official=True, mask=mask, sims=law_sims)
            lexical_g = snap.guide_lexical.search(both(query), n, self._guide_mask(snap, filters))
            official = self._official_mask(snap) if mask is None else self._official_mask(snap) * mask
            lexical_o = snap.lexical.search(law_words(lexical_query or query), n, official)
            guides = self._ranked(snap, [dense_g, [i for i, _ in lexical_g]])
            laws = self._ranked(snap, [dense_o, [i for i, _ in lexical_o]], (1.0, lexical_weight))
            # the guides' own top k stay whole; the laws' best passages are added at their slots
            ranked = _interleave(guides, laws, k + sum(1 for slot in OFFICIAL_SLOTS if slot <= k))
            if gloss_vector is not None and own is not None:
                extra = self._spanish_answer(snap, own, [i for i, _ in lexical_g], ranked, mask)
                if extra is not None:  # added after the top k: the ranking (and Recall@k) is unchanged
                    ranked.append((extra[0], ranked[-1][1] if ranked else 0.0))
                    sim_g[extra[0]] = float(sims[extra[1]])
            dense_sim, bm25 = {**sim_g, **sim_o}, {**dict(lexical_g), **dict(lexical_o)}
        else:
            dense_ids, dense_sim = self._dense(snap, vector, n, filters, official=None, mask=mask, sims=sims)
            lexical = snap.lexical.search(both(lexical_query or query), n, mask)
            ranked = self._ranked(snap, [dense_ids, [i for i, _ in lexical]])[:k]
            bm25 = dict(lexical)
        # A chunk found only by BM25 still gets its true cosine similarity, for abstention.
        missing = [cid for cid, _ in ranked if cid not in dense_sim]
        if missing:
            q = np.asarray(vector, dtype=np.float32)
            g = None if gloss_vector is None else np.asarray(gloss_vector, dtype=np.float32)
            for cid, emb in snap.embeddings(missing).items():
                dense_sim[cid] = float(np.dot(q, emb)) if g is None else float(max(np.dot(q, emb), np.dot(g, emb)))
        return [
            Passage(chunk=snap.by_id[cid], score=score, dense=dense_sim.get(cid), bm25=bm25.get(cid))
            for cid, score in ranked
        ]

    def _dense(self, snap: Snapshot, vector, n: int, filters, official: bool | None,
               mask: np.ndarray | None = None, sims: np.ndarray | None = None) -> tuple[list[str], dict[str, float]]:
        """The nearest ``n`` (ids, cosine similarities): among the official texts, among the rest, or all. Exact, over
        the generation's vector matrix (``mask``: the chunks the filters let through); through Chroma for a
        generation without one."""
        if sims is not None:
            allowed = None if mask is None else mask > 0
            if official is not None:
                side = self._official_mask(snap) > 0
                side = side if official else ~side
                allowed = side if allowed is None else allowed & side
            scores = sims if allowed is None else np.where(allowed, sims, -np.inf)
            n = min(n, int(allowed.sum()) if allowed is not None else len(sims))
            if n <= 0:
                return [], {}
            top = np.argpartition(-scores, n - 1)[:n]
            picked = top[np.argsort(-scores[top], kind="stable")]
            ids = [snap.chunks[i].id for i in picked]
            return ids, {cid: float(sims[i]) for cid, i in zip(ids, picked)}
        where = where_clause(filters)
        if official is not None:
            side = {"authority": "official"} if official else {"authority": {"$ne": "official"}}
            where = side if where is None else {"$and": [where, side]}
        found = snap.collection.query(query_embeddings=[vector], n_results=n, where=where, include=["distances"])
        ids = [i for i in found["ids"][0] if i in snap.by_id]
        return ids, {i: 1.0 - float(d) for i, d in zip(found["ids"][0], found["distances"][0])}

    @staticmethod
    def _ranked(snap: Snapshot, rankings: list[list[str]],
                weights: tuple[float, ...] | None = None) -> list[tuple[str, float]]:
        fused = with_authority(rrf(rankings, weights=weights), snap.by_id)
        return sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))

    def _official_mask(self, snap: Snapshot, language: str | None = None) -> np.ndarray:
        """1 for the official texts (in ``language``, when given), 0 for the rest."""
        return self._mask(snap, ("official", language),
                          lambda c: c.authority == "official" and language in (None, c.language))

    def _mask(self, snap: Snapshot, name: tuple, keep: Callable[[Chunk], bool]) -> np.ndarray:
        """1 for the chunks ``keep`` lets through, 0 for the rest: computed once per generation."""
        key = (*name, snap.generation)
        masks = self._masks  # replaced whole, never changed in place: answers on other threads read it meanwhile
        if key not in masks:
            mask = np.array([1 if keep(c) else 0 for c in snap.chunks], dtype=np.float32)
            masks = {**{k: v for k, v in masks.items() if k[-1] == snap.generation}, key: mask}
            self._masks = masks
        return masks[key]

    SPANISH_LEXICAL_TOP = 12  # a Spanish guide among the guides' best this many by words …
    SPANISH_DENSE_TOP = 15  # … and this many by the Spanish question's own meaning

    def _spanish_answer(self, snap: Snapshot, own: np.ndarray, lexical: list[str], ranked: list[tuple[str, float]],
                        mask: np.ndarray | None) -> tuple[str, int] | None:
        """For a Spanish question, the Spanish guide passage that both its words and its own meaning find among the
        best, when the ranking left it out: the English gloss sits closer to any English guide than the question to
        the Spanish guide that answers it ("¿Qué aranceles pone México a China en 2026?" and the Spanish FAQ's
        "Desde el 1 de enero de 2026 México cobra aranceles de entre 5% y 50% …"): its id and position."""
        spanish = self._guide_language_mask(snap, "es") > 0
        if mask is not None:
            spanish &= mask > 0
        if not spanish.any():
            return None
        guides = self._official_mask(snap) == 0
        scores = np.where(guides, own, -np.inf)
        m = min(self.SPANISH_DENSE_TOP, int(guides.sum()))
        near = {snap.chunks[i].id: int(i) for i in np.argpartition(-scores, m - 1)[:m] if spanish[i]}
        taken = {cid for cid, _ in ranked}
        found = next((cid for cid in lexical[:self.SPANISH_LEXICAL_TOP] if cid in near and cid not in taken), None)
        return None if found is None else (found, near[found])

    def _guide_language_mask(self, snap: Snapshot, language: str) -> np.ndarray:
        """1 for the guides written in ``language``, 0 for the rest."""
        return self._mask(snap, ("guides", language), lambda c: c.authority != "official" and c.language == language)

    @staticmethod
    def _guide_mask(snap: Snapshot, filters) -> np.ndarray | None:
        if not filters:
            return None
        guides = [c for c in snap.chunks if c.authority != "official"]
        return np.array([1 if matches(c, filters) else 0 for c in guides], dtype=np.float32)


def _interleave(guides: list[tuple[str, float]], laws: list[tuple[str, float]], k: int) -> list[tuple[str, float]]:
    """The guides' ranking with the official texts' best passages at :data:`OFFICIAL_SLOTS` (or wherever the
    guides run out)."""
    out: list[tuple[str, float]] = []
    g, o = iter(guides), iter(laws)
    while len(out) < k:
        source = (o, g) if len(out) in OFFICIAL_SLOTS else (g, o)
        item = next(source[0], None) or next(source[1], None)
        if item is None:
            break
        out.append(item)
    return out


class HybridRetriever(BaseRetriever):
    """LangChain face of :class:`HybridSearcher`: returns Documents with scores and metadata."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    searcher: Any
    k: int = 5
    filters: dict[str, list[str]] | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
        return [to_lc_document(p) for p in self.searcher.search(query, self.k, self.filters)]


def to_lc_document(p: Passage) -> LCDocument:
    meta = p.chunk.model_dump(exclude={"text"})
    meta.update(score=p.score, dense=p.dense, bm25=p.bm25)
    return LCDocument(page_content=p.chunk.text, metadata=meta, id=p.chunk.id)
