"""The default (no-LLM) answer when a question names a provision or a tariff line.

"What is the general duty on HTS 8544.42?" runs the ``tariff_line`` tool and cites the schedule's passage; "¿Qué
dice el artículo 59 de la Ley Aduanera?" quotes the article (:mod:`assistant.answer.provisions`). Either way our
own explanation may follow — the guides' sentences that bear on the same question — numbered after the official
source, so the law comes first and the plain words next to it. Pure: the tool runner and the composer are passed in.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from assistant.answer.expansion import lexical_query
from assistant.answer.render import citation
from assistant.answer.provisions import Provision, provision_answer
from assistant.answer.tariffs import product_code, product_words, tariff_answer, tariff_code
from assistant.lookup import Lookup, parse_lookups
from assistant.models import Citation, Chunk, Passage, ToolCall

# compose(passages, max_sentences) -> (answer, citations, abstained): the extractive composer over these passages
Compose = Callable[[list[Passage], int], tuple[str, list[Citation], bool]]
MAX_GUIDE_CITATIONS = 3
_MARK = re.compile(r"\[(\d+)\]")


def _cite_all(chunks: Sequence[Chunk]) -> list[Citation]:
    unique = list({c.id: c for c in chunks}.values())
    return [citation(i + 1, Passage(chunk=c, score=0.0)) for i, c in enumerate(unique)]


def _append(answer: str, cites: list[Citation], extra: str, extra_cites: list[Citation], heading: str) -> tuple[str, list[Citation]]:
    """``extra`` (with its own [1]… markers) after ``answer``, its citations renumbered after ``cites``; a source
    already cited keeps its number."""
    if not extra.strip() or not extra_cites:
        return answer, cites
    merged = list(cites)
    number: dict[int, int] = {}
    for c in extra_cites:
        same = next((m for m in merged if m.doc_id == c.doc_id and m.text == c.text), None)
        if same is None:
            same = c.model_copy(update={"n": len(merged) + 1})
            merged.append(same)
        number[c.n] = same.n
    text = _MARK.sub(lambda m: f"[{number.get(int(m.group(1)), int(m.group(1)))}]", extra)
    return f"{answer}\n\n{heading}{text}", merged


def _guides(passages: Sequence[Passage]) -> list[Passage]:
    return [p for p in passages if p.chunk.authority != "official"]


def closest_in_other_language(passages: Sequence[Passage], law: str, lang: str) -> list[Lookup]:
    """The provision of ``law`` (named by the question, no article) found closest to a Spanish question, as a
    look-up, when the law is written in English: its sentences can't answer in the visitor's words and our Spanish
    guides seldom explain a US statute, so its text is quoted ("En la ley de EU que implementa el T-MEC, ¿cada cuánto
    …?" → 19 U.S.C. § 4644(a)). (An English question naming a Mexican law is answered by the English guides that
    explain it, the article quoted after them: measured, quoting it first lost more than it won.)"""
    # (the closest by meaning: the laws' slots among the guides are ranked mostly by words)
    best = max((p for p in passages if p.chunk.doc_id == law), key=lambda p: p.dense or 0.0, default=None)
    top = best.chunk if best is not None else None
    if top is None or top.language == lang or lang != "es" or not top.cite:
        return []
    return parse_lookups(top.cite)[:1]


def product_lookups(question: str, run_tool: Callable[..., dict]) -> list[Lookup]:
    """The look-up of the one tariff line a question names in words when it asks its general duty; empty otherwise."""
    words = product_words(question)
    code = product_code(words, run_tool) if words else None
    return parse_lookups(f"HTS {code}") if code else []


def official_answer(question: str, lang: str, lookups: Sequence, provisions: Sequence[Provision],
                    passages: Sequence[Passage], compose: Compose, run_tool: Callable[..., dict] | None,
                    encode: Callable | None = None, query_vector=None,
                    explain_docs: Callable[[list[str]], list[Passage]] | None = None,
                    ) -> tuple[str, list[Citation], bool, list[ToolCall]] | None:
    """The answer for a question naming a tariff line (asked about its rates) or a provision of an official text;
    None when the question names neither (the general composer answers)."""
    code = tariff_code(lookups, question) if run_tool is not None else None
    explain = "En nuestras palabras: " if lang == "es" else "In our words: "
    if code is not None:
        result = run_tool("tariff_line", {"code": code})
        named = any(k.startswith("hts:") for lookup in parse_lookups(question) for k in lookup.keys)
        answer, abstained = tariff_answer(result, lang, None if named else product_words(question))
        call = ToolCall(name="tariff_line", args={"code": code}, result=result)
        if abstained:
            return answer, [], True, [call]
        chunks = [c for p in provisions if p.lookup is not None and any(k.startswith("hts:") for k in p.lookup.keys)
                  for c in p.chunks[:1]]
        cites = _cite_all(chunks)
        guide_passages = _guides(passages)
        if explain_docs is not None:  # the guides on what changed since the schedule's edition
            seen = {p.chunk.id for p in guide_passages}
            guide_passages += [p for p in explain_docs(list(result.get("doc_ids") or [])[:MAX_GUIDE_CITATIONS])
                               if p.chunk.id not in seen]
        extra, extra_cites, none = compose(guide_passages, 2)
        if not none:
            answer, cites = _append(answer, cites, extra, extra_cites, explain)
        return answer, cites, False, [call]

    laws = [p for p in provisions if p.lookup is None or not any(k.startswith("hts:") for k in p.lookup.keys)]
    if not laws:
        return None
    # the later pieces quoted are the ones sharing most words with the question, in both languages
    answer, chunks, abstained = provision_answer(laws, lexical_query(question), lang, encode, query_vector, question)
    cites = _cite_all(chunks)
    if abstained:
        return answer, cites, True, []
    keys = {k for p in laws if p.lookup is not None for k in p.lookup.keys}
    related = [p for p in _guides(passages) if keys & set(p.chunk.rests_on)]
    if related:
        extra, extra_cites, none = compose(related, 2)
        if not none:
            answer, cites = _append(answer, cites, extra, extra_cites, explain)
    return answer, cites, False, []
