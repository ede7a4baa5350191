"""The extractive composer: answers only with sentences taken from the retrieved passages.

It scores each sentence of the top passages by how much of the question it covers, keeps the best few,
puts ``[n]`` after each, and abstains when retrieval support is weak. It never writes a fact of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections import Counter
from typing import Any, Callable

import numpy as np

from assistant.index.lexical import tokenize
from assistant.models import Citation, Passage
from assistant.text import split_sentences

ABSTAIN_EN = (
    "I don't have a source for that in the knowledge base, so I won't guess. "
    "Try rephrasing the question, or ask one of our consultants to look into it."
)
ABSTAIN_ES = (
    "No tengo una fuente para eso en la base de conocimiento, así que no voy a adivinar. "
    "Intente reformular la pregunta o pida a uno de nuestros consultores que lo revise."
)

_NUMERIC_QUESTION = re.compile(
    r"\b(how (much|many|long|high|low)|what (rate|percent|percentage|share|is the rate|amount)|when|rate|"
    r"cu[aá]nto|cu[aá]ntos|cu[aá]ndo|tasa|porcentaje|plazo)\b",
    re.IGNORECASE,
)
_HAS_NUMBER = re.compile(r"\d")
_MARKUP = re.compile(r"(\*\*|`|^#+\s*|^\s*[-*+]\s+|^\s*\d+[.)]\s+)", re.MULTILINE)


SEMANTIC_WEIGHT = 1.0
RERANK_WORDS = 40


def abstention(lang: str) -> str:
    return ABSTAIN_ES if lang == "es" else ABSTAIN_EN


@dataclass
class _Candidate:
    passage_rank: int
    position: int
    text: str
    tokens: frozenset[str]
    score: float
    covered: float


def _clean(sentence: str) -> str:
    sentence = _MARKUP.sub("", sentence).strip()
    return re.sub(r"\s+", " ", sentence)


def _sentences(text: str) -> list[str]:
    out = []
    for block in re.split(r"\n+", text):
        block = block.strip()
        if not block or block.startswith("|"):
            continue  # table rows read badly out of context; documents state key facts in prose
        out.extend(split_sentences(block))
    return [s for s in (_clean(s) for s in out) if len(s.split()) >= 4]


_INTRO = re.compile(r"^(this|the present) (document|guide|note|page|section|article)\b|^(este|esta) (documento|guía|nota)\b", re.I)


def _default_weight(token: str) -> float:
    return 1.0


def supported(passages: list[Passage], min_support: float) -> bool:
    """Retrieval support: the best passage must be close enough to the question in embedding space."""
    best = max((p.dense for p in passages if p.dense is not None), default=None)
    return best is not None and best >= min_support


def compose(question: str, passages: list[Passage], min_support: float, lang: str = "en",
            weight: Callable[[str], float] | None = None, min_coverage: float = 0.2,
            encode: Callable[[list[str]], Any] | None = None, query_vector: Any = None,
            max_sentences: int = 3, max_per_passage: int = 2, rerank: int = 6) -> tuple[str, list[Citation], bool]:
    """Return ``(answer, citations, abstained)`` built only from the passages' own sentences.

    ``weight`` gives each question term its importance (the index's IDF); rare terms count most; a term
    repeated in the question (a follow-up's new focus) counts that many times. With ``encode`` and the
    ``query_vector``, the best ``rerank`` sentences by wording are re-scored by meaning as well.
    """
    _weight = weight or _default_weight
    if not passages or not supported(passages, min_support):
        return abstention(lang), [], True
    q_counts = Counter(tokenize(question))
    q_tokens = set(q_counts)
    if not q_tokens:
        return abstention(lang), [], True

    def mass(tokens) -> float:
        return sum(_weight(t) * q_counts[t] for t in tokens)

    q_weight = mass(q_tokens)
    wants_number = bool(_NUMERIC_QUESTION.search(question))

    candidates: list[_Candidate] = []
    for rank, passage in enumerate(passages):
        context_tokens = set(tokenize(f"{passage.chunk.title} {passage.chunk.section or ''} {passage.chunk.text}"))
        prior = 0.05 / (1 + rank) + 0.1 * max(passage.dense or 0.0, 0.0)
        for position, sentence in enumerate(_sentences(passage.chunk.text)):
            tokens = frozenset(tokenize(sentence))
            covered = mass(q_tokens & tokens) / q_weight
            context = 0.35 * mass((q_tokens & context_tokens) - tokens) / q_weight
            score = covered + context + prior
            if wants_number and _HAS_NUMBER.search(sentence):
                score += 0.15
            if len(sentence.split()) > 70:
                score -= 0.1
            if _INTRO.search(sentence):
                score -= 0.3
            candidates.append(_Candidate(rank, position, sentence, tokens, score, covered))
    # Lexical support: some sentence must share the question's important terms.
    if not candidates or max(c.covered for c in candidates) < min_coverage:
        return abstention(lang), [], True

    candidates.sort(key=lambda c: -c.score)
    if encode is not None and query_vector is not None:
        head = candidates[:rerank]
        # The opening words carry a sentence's claim; capping them keeps the re-rank cheap.
        vectors = np.asarray(encode([" ".join(c.text.split()[:RERANK_WORDS]) for c in head]), dtype=np.float32)
        similarity = vectors @ np.asarray(query_vector, dtype=np.float32)
        for cand, sim in zip(head, similarity):
            cand.score += SEMANTIC_WEIGHT * float(sim)
        candidates = sorted(head, key=lambda c: -c.score) + candidates[rerank:]
    best = candidates[0].score
    chosen: list[_Candidate] = []
    per_passage: dict[int, int] = {}
    for cand in candidates:
        if len(chosen) >= max_sentences or cand.score < 0.6 * best:
            break
        if per_passage.get(cand.passage_rank, 0) >= max_per_passage:
            continue
        if any(_similar(cand.tokens, other.tokens) for other in chosen):
            continue
        chosen.append(cand)
        per_passage[cand.passage_rank] = per_passage.get(cand.passage_rank, 0) + 1

    # Passages in the order of their best sentence; sentences of one passage in reading order.
    order: list[int] = []
    for cand in chosen:
        if cand.passage_rank not in order:
            order.append(cand.passage_rank)
    numbers = {rank: n for n, rank in enumerate(order, start=1)}
    parts = []
    for rank in order:
        for cand in sorted((c for c in chosen if c.passage_rank == rank), key=lambda c: c.position):
            parts.append(f"{cand.text} [{numbers[rank]}]")
    citations = [citation(numbers[rank], passages[rank]) for rank in order]
    return " ".join(parts), citations, False


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return False
    return len(a & b) / len(a | b) > 0.6


def citation(n: int, passage: Passage) -> Citation:
    c = passage.chunk
    return Citation(n=n, doc_id=c.doc_id, title=c.title, section=c.section, page=c.page, url=c.url,
                    as_of=c.as_of, text=c.text)
