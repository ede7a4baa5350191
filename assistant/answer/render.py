"""An extractive answer's text and citations: the chosen sentences in order with their passages' numbers, a rate
table's fact among them, and the Spanish marks for sentences quoted from an English guide."""

from __future__ import annotations

from assistant.answer.candidate import Candidate
from assistant.answer.facts import TableFact
from assistant.models import Citation, Passage
from assistant.sentences import ended

ENGLISH_SOURCE_ES = "Según la fuente (en inglés): "
ENGLISH_POINT_ES = "(En inglés) "


def fact_passage(fact: TableFact, passages: list[Passage], lang: str) -> int:
    """The retrieved passage that states the fact's figure, in the visitor's language if one does (else the top
    passage)."""
    stating = [rank for rank, p in enumerate(passages)
               if any(fig in p.chunk.text or fig.replace(",", "") in p.chunk.text for fig in fact.figures)]
    same_language = [rank for rank in stating if passages[rank].chunk.language == lang]
    return (same_language or stating or [0])[0]


def render(chosen: list[Candidate], passages: list[Passage], lang: str, points: bool,
            fact: TableFact | None, fact_at: int = 0) -> tuple[str, list[Citation], bool]:
    """The answer text and its citations: the chosen sentences in order, the table ``fact`` (if any) at ``fact_at``
    with the number of the passage beside it."""
    order: list[int] = []
    fact_rank = None
    if fact is not None:
        fact_rank = chosen[min(fact_at, len(chosen) - 1)].passage_rank if chosen else fact_passage(fact, passages, lang)
        if fact_at == 0:
            order.append(fact_rank)
    for cand in chosen:
        if cand.passage_rank not in order:
            order.append(cand.passage_rank)
    if fact_rank is not None and fact_rank not in order:
        order.append(fact_rank)
    numbers = {rank: n for n, rank in enumerate(order, start=1)}
    parts = [(f"{ended(c.text)} [{numbers[c.passage_rank]}]", c.passage_rank) for c in chosen]
    if fact is not None:
        parts.insert(min(fact_at, len(parts)), (f"{fact.text} [{numbers[fact_rank]}]", None))
    texts = [text for text, _ in parts]
    lead_rank = parts[0][1] if parts[0][1] is not None else fact_rank
    if lang == "es" and passages[lead_rank].chunk.language != "es":
        texts[0] = ENGLISH_SOURCE_ES + texts[0]
    elif lang == "es":  # a Spanish answer: a supporting sentence quoted from an English guide says so
        texts = [ENGLISH_POINT_ES + text if i >= 1 and rank is not None and passages[rank].chunk.language != "es"
                 else text for i, (text, rank) in enumerate(zip(texts, (r for _, r in parts)))]
    if points and len(texts) > 2:
        answer = texts[0] + "\n\n" + "\n".join(f"- {p}" for p in texts[1:])
    else:
        answer = " ".join(texts)
    return answer, [citation(numbers[rank], passages[rank]) for rank in order], False


def citation(n: int, passage: Passage) -> Citation:
    c = passage.chunk
    return Citation(n=n, doc_id=c.doc_id, title=c.title, section=c.section, page=c.page, url=c.url,
                    as_of=c.as_of, text=c.text, cite=c.cite, refs=list(c.refs))
