"""The answering chain: question + history → standalone query → retrieve → compose (or calculate).

Everything heavy is passed in: the searcher (index + query encoder), the embedder used to re-rank sentences,
and an optional chat model. Without a chat model the answer is extractive and the router handles calculator
questions; with one, the model writes a grounded answer and may call the calculators as tools.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Callable, Iterator

from langchain_core.runnables import Runnable, RunnableLambda

from assistant.answer.spelling import corrected, model_dir
from assistant.answer.state_facts import state_not_on_file
from assistant.answer.condense import borrowed_subject, follow_up_core, follow_up_focus, standalone_query
from assistant.answer.coverage import abstention
from assistant.answer.expansion import expand_query, lexical_query, synonym_groups
from assistant.answer.extractive import compose
from assistant.answer.facts import contradicting_figures, table_before, table_fact
from assistant.answer.law_quote import law_quotes, topic_quote, with_quotes
from assistant.answer.official import closest_in_other_language, official_answer, product_lookups
from assistant.answer.plain_law import answering_piece
from assistant.answer.provisions import Provision, ProvisionFinder
from assistant.answer.question import Question, analyze, asking_text
from assistant.answer.render import citation
from assistant.answer.retrieval import Retrieval
from assistant.answer.supersession import figure_rows, supersession_notices
from assistant.answer.unshipped import unshipped_provision
from assistant.answer.years_asked import YearsOnFile, year_before_table
from assistant.errors import ToolInputError, UserInputError
from assistant.filters import validate_filters
from assistant.language import detect_language
from assistant.answer.gloss import english_gloss, spanish_gloss
from assistant.lookup import Lookup, named_law, parse_lookups
from assistant.models import AskResult, Citation, Passage, ToolCall, Turn
from assistant.text import split_sentences

MAX_TOOL_CITATIONS = 4  # the calculator's most relevant explaining documents, in its own order
# A visitor's answer: the lead and up to three supporting sentences ≥ 0.6 of it (dev key facts 0.824 -> 0.841)
ANSWER_SENTENCES = 4
TOPIC_CHUNKS = 4  # chunks of a law the question names (no article) searched for the piece the answer rests on


def _ms(start: float) -> float:  # milliseconds since start
    return round((time.perf_counter() - start) * 1000, 2)


_TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]{0,500}>", re.IGNORECASE | re.DOTALL)


def clean_question(question: str | None) -> str:
    """Markup in a question is never meaningful here: drop tags so they neither steer retrieval nor echo back."""
    return re.sub(r"\s+", " ", _TAG.sub(" ", question or "")).strip()


def as_turns(history: list[Any] | None) -> list[Turn]:  # (dicts or Turns)
    return [t if isinstance(t, Turn) else Turn.model_validate(t) for t in (history or [])]


@dataclass
class AskState:
    """One answer's state as it flows through the chain: condense → retrieve → compose."""

    question: str
    history: list[Turn]
    lang: str
    k: int
    filters: dict[str, list[str]] | None = None
    max_sentences: int = ANSWER_SENTENCES
    standalone: str = ""  # the visitor's question made self-contained (a follow-up's slot replaced)
    query: str = ""  # what retrieval searches: the standalone question plus domain expansions
    gloss: str | None = None  # a Spanish question's English gloss, to search and weigh English passages with
    law_gloss: str | None = None  # an English question's Spanish words, to search the Mexican laws with
    analysis: Question | None = None  # answer type and constraints of the standalone question
    # a follow-up that names its own subject and borrows the rest ("And vacation days in year 5?" after the
    # aguinaldo): that subject with the borrowed question's years, for the rate-table look-up
    own_subject: Question | None = None
    lookups: list[Lookup] = field(default_factory=list)  # provisions / tariff lines the question names
    provisions: list[Provision] = field(default_factory=list)  # those provisions and the chunks holding them
    retrieval: Retrieval | None = None
    answer: str = ""
    citations: list[Citation] = field(default_factory=list)
    abstained: bool = False
    tool_calls: list[ToolCall] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def passages(self) -> list[Passage]:
        return self.retrieval.passages if self.retrieval is not None else []


class Assistant:
    """Answers questions (searcher, sentence re-rank embedder, optional chat model passed in; without one, the intents
    router takes calculator questions)."""

    def __init__(self, searcher, llm=None, k: int = 5, min_support: float = 0.40, use_tools: bool = True,
                 min_coverage: float = 0.2, embedder=None, rates=None, today: Callable[[], date] = date.today):
        self.searcher, self.rates = searcher, rates  # (the rate book: default the shipped tables, read on first use)
        self._figures = None  # the rate tables' amounts → rows, for supersession notices (built on first use)
        self.today = today
        self.embedder = embedder
        self.llm, self.k, self.min_support, self.use_tools, self.min_coverage = llm, k, min_support, use_tools, min_coverage
        self._provisions = ProvisionFinder()
        self._runnable: Runnable | None = None
        self._years_on_file = YearsOnFile()

    # -------------------------------------------------------------- the chain, step by step
    def _condense(self, state: AskState) -> AskState:
        start = time.perf_counter()
        if self.llm is not None and state.history:
            from assistant.answer.llm import condense_with_llm

            query = condense_with_llm(self.llm, state.question, state.history)
        else:  # (typos fixed against the index's words: "permanantly", "dealine")
            state.question = corrected(state.question, self.searcher.snapshot(), model_dir(self.embedder), state.lang)
            query = standalone_query(state.question, state.history)
        state.standalone = query
        state.lookups = parse_lookups(query) or (product_lookups(query, self._run) if self.use_tools and not self.llm else [])
        state.analysis = analyze(query)
        focus = follow_up_focus(state.question, state.history) if self.llm is None else ()
        if focus:  # "And for auto parts?": a sentence about auto parts answers
            state.analysis = replace(state.analysis, focus=focus)
            own = analyze(follow_up_core(state.question, state.history) or "")
            state.own_subject = replace(own, years=own.years or state.analysis.years,
                                        answer_type=state.analysis.answer_type if own.answer_type == "other"
                                        else own.answer_type)
        state.query = expand_query(query)
        state.gloss = english_gloss(query) if state.lang == "es" else None
        state.law_gloss = spanish_gloss(query) if state.lang == "en" else None
        state.timings["condense"] = _ms(start)
        return state

    def _retrieve(self, state: AskState) -> AskState:
        start = time.perf_counter()
        state.retrieval = self.searcher.retrieve(state.query, state.k, state.filters,
                                                 lexical_query=lexical_query(state.standalone), gloss=state.gloss,
                                                 law_gloss=state.law_gloss, asking=asking_text(analyze(state.question)))
        if state.lookups:  # a provision named by its number comes first, found by its key, not by similarity
            state.provisions = self._provisions.resolve(state.lookups, state.retrieval.snapshot)
            state.retrieval = self.searcher.with_chunks(state.retrieval, [c for p in state.provisions for c in p.chunks[:3]])
        elif state.analysis is not None and state.analysis.answer_type == "definition":
            state.retrieval = self.searcher.with_introduction(state.retrieval)
        if not state.lookups and (law := named_law(state.standalone)) is not None:
            # "según la Ley Aduanera, …", no article: its closest provisions join; one in English is quoted as named
            state.retrieval = self.searcher.with_law(state.retrieval, law, state.query,
                                                     gloss=state.gloss or state.law_gloss, lang=state.lang)
            state.lookups = closest_in_other_language(state.retrieval.passages, law, state.lang)
            state.provisions = self._provisions.resolve(state.lookups, state.retrieval.snapshot)
        state.timings["retrieve"] = _ms(start)
        return state

    def _compose(self, state: AskState) -> AskState:
        start = time.perf_counter()
        retrieval = state.retrieval
        passages = state.passages
        calls: list[ToolCall] = []
        official = self._official(state) if self.llm is None and state.lookups else None
        if official is not None:
            answer, cites, abstained, calls = official
        elif self.llm is None:
            analysis = state.analysis or analyze(state.question)
            today = self.today()
            book, chunks = self._rates(), retrieval.snapshot.chunks
            fact = (None if state.own_subject is None else table_fact(state.own_subject, book, today, state.lang)) \
                or table_fact(analysis, book, today, state.lang)
            gap = None if fact else (year_before_table(analysis, table_before(analysis, book, today), chunks)
                                     or unshipped_provision(state.standalone, chunks, analysis)  # (CFF 32-D)
                                     or state_not_on_file(analysis, book, chunks))  # (Puebla's payroll tax)
            if fact is not None or (gap and gap.stating):  # the passages that state the table's figure (BM25 finds it; the dense side
                # reuses the question's vector), or the year's before the table ("minimum wage back in 2023?")
                seen = {p.chunk.id for p in passages}
                found = [Passage(chunk=c, score=0.0) for c in gap.stating] if fact is None else self.searcher.search(
                    fact.text, 3, state.filters, query_vector=retrieval.query_vector, snapshot=retrieval.snapshot)
                passages = passages + [p for p in found if p.chunk.id not in seen]
            answer, cites, abstained = gap.message(state.lang) if gap else "", [], True
            if gap is None or gap.stating:  # (else nothing on file for the year or provision asked)
                answer, cites, abstained = compose(  # (the question without its synonyms: each concept counts once)
                    state.standalone, passages, self.min_support, state.lang, weight=retrieval.term_weight,
                    min_coverage=self.min_coverage, encode=self.embedder.encode if self.embedder is not None else None,
                    query_vector=retrieval.query_vector, max_sentences=state.max_sentences,
                    max_per_passage=max(2, state.max_sentences // 2), analysis=analysis, fact=fact,
                    today_year=today.year, known=retrieval.term_known,
                    contradicting=contradicting_figures(analysis, self._rates()), table=retrieval.snapshot.sentences,
                    gloss=state.gloss or state.law_gloss, gloss_vector=retrieval.gloss_vector,
                    said=next((t.content for t in reversed(state.history) if t.role == "assistant"), ""),
                    asking_vector=retrieval.asking_vector, borrowed=borrowed_subject(state.question, state.history),
                    years_on_file=self._years_on_file(retrieval.snapshot), synonyms=synonym_groups(state.standalone),
                )
                if not abstained:
                    answer, cites = self._with_law(state, answer, cites)
        elif not passages:
            answer, cites, abstained = abstention(state.lang), [], True
        else:
            from assistant.answer.llm import generate

            tools, run = self._tools()
            answer, cites, abstained, calls = generate(self.llm, state.question, state.history, passages, state.lang,
                                                      tools, run)
        if not abstained and state.analysis is not None:
            self._figures = self._figures if self._figures is not None else figure_rows(self._rates())
            notices = supersession_notices([answer], state.analysis, self._rates(), self.today(), state.lang,
                                           self._figures)
            if notices:  # a quoted figure whose period has ended: say what replaced it
                answer += "\n\n" + " ".join(notices)
        state.answer, state.citations, state.abstained, state.tool_calls = answer, cites, abstained, calls
        state.timings["compose"] = _ms(start)
        return state

    def _official(self, state: AskState):
        """A question naming a tariff line or a provision: :func:`assistant.answer.official.official_answer`."""
        retrieval = state.retrieval
        encode = self.embedder.encode if self.embedder is not None else None

        def compose_over(passages: list[Passage], sentences: int):
            if not passages:
                return "", [], True
            return compose(state.query, passages, self.min_support, state.lang, weight=retrieval.term_weight,
                           min_coverage=self.min_coverage, encode=encode, query_vector=retrieval.query_vector,
                           max_sentences=sentences, max_per_passage=1, analysis=state.analysis,
                           today_year=self.today().year, known=retrieval.term_known,
                           table=retrieval.snapshot.sentences)

        def explain_docs(doc_ids: list[str]) -> list[Passage]:
            return [p for doc_id in doc_ids for p in self.searcher.search(
                state.standalone, 1, {"doc_id": [doc_id]}, query_vector=retrieval.query_vector,
                snapshot=retrieval.snapshot)]

        return official_answer(state.standalone, state.lang, state.lookups, state.provisions, state.passages,
                               compose_over, self._run if self.use_tools else None, encode, retrieval.query_vector,
                               explain_docs)

    def _run(self, name: str, args: dict) -> dict:
        from assistant.registry import run_tool  # (the calculators load on first use)
        return run_tool(name, args, today=self.today())

    def _with_law(self, state: AskState, answer: str, cites: list[Citation]) -> tuple[str, list[Citation]]:
        """The answer, then the law's words its citing sentences name (:mod:`assistant.answer.law_quote`), cited."""
        snapshot, sentences = state.retrieval.snapshot, split_sentences(answer)
        quotes = law_quotes(sentences, state.standalone, lambda lookups: self._provisions.resolve(lookups, snapshot),
                            lead_section=cites[0].section if cites and not cites[0].cite else None)  # (a guide's)
        if not quotes and (law := named_law(state.standalone)) is not None:
            # "… según la Ley Federal del Trabajo": that law's piece stating the answer's figure
            found = self.searcher.with_law(replace(state.retrieval, passages=[]), law, state.standalone, TOPIC_CHUNKS)
            quotes = [q for q in [topic_quote(sentences, state.standalone, [p.chunk for p in found.passages])] if q]
        # a plain question whose rare words the guides' lead leaves out and a Mexican law's piece holds (besides the
        # article a guide sentence cites: "under article 9 of the LISR" for a question on the depreciation of molds)
        got, gloss = state.retrieval, state.gloss or state.law_gloss  # (the laws searched alone only when none answers)
        plain = answering_piece(state.standalone, gloss, sentences[0] if sentences else "", got.passages, got.term_weight,
                                state.lang, lambda: self.searcher.laws(got, f"{lexical_query(state.standalone)} {gloss or ''}"),
                                got.term_known)
        quotes = ([plain] if plain is not None and all(q.chunk.id != plain.chunk.id for q in quotes) else []) + quotes
        return with_quotes(answer, cites, quotes, state.lang)

    def _rates(self):
        if self.rates is None:
            from assistant.calculators.rates import load_rates  # (read on first use)
            self.rates = load_rates()
        return self.rates

    def _answer(self, state: AskState) -> AskState:
        return self._compose(self._retrieve(self._condense(state)))

    def as_runnable(self) -> Runnable:
        """The LangChain Runnable: an :class:`AskState` flows through condense → retrieve → compose (built once), as
        one Runnable (a sequence of three cost ~1 ms per answer in per-step callbacks on 2 cores)."""
        if self._runnable is None:
            self._runnable = RunnableLambda(self._answer, name="nearshore_answer")
        return self._runnable

    # -------------------------------------------------------------- calculators
    def _tools(self):
        if not self.use_tools:
            return None, None
        from assistant.registry import langchain_tools, run_tool

        return langchain_tools(), run_tool

    def _calculate(self, question: str, history: list[Turn], lang: str) -> AskResult | None:
        """Deterministic route for calculator questions when no chat model is configured.

        Runs every call the question asks for (a comparison of two lanes runs two) and records each as a
        ToolCall; the answer is in the visitor's language and never shows field names or validator text: a
        missing input is asked for in plain words, and a refused one is explained (what to change).
        """
        if not self.use_tools:
            return None
        from assistant.intents import (
            explain_refusal,
            render_answer,
            render_answers,
            route,
        )
        from assistant.registry import run_tool

        decision = route(question, [t.model_dump() for t in history])
        if decision is None:
            return None
        start = time.perf_counter()
        if decision.missing:
            answer = render_answer(decision, None)
            call = ToolCall(name=decision.tool, args=decision.args, result={"status": "needs_input", "missing": decision.missing})
            return AskResult(answer=answer, abstained=False, tool_calls=[call], timings_ms={"compose": _ms(start)})
        outcomes, calls = [], []
        for d in decision.calls:
            if d.missing:
                outcomes.append((d, None, None))
                calls.append(ToolCall(name=d.tool, args=d.args, result={"status": "needs_input", "missing": d.missing}))
                continue
            try:
                result = run_tool(d.tool, d.args, today=self.today())
            except ToolInputError as exc:  # the developer's message stays in the ToolCall; the visitor reads plain words
                outcomes.append((d, None, explain_refusal(d, str(exc))))
                calls.append(ToolCall(name=d.tool, args=d.args, result={"status": "invalid_input", "error": str(exc)}))
                continue
            outcomes.append((d, result, None))
            calls.append(ToolCall(name=d.tool, args=d.args, result=result))
        answer = render_answers(outcomes)
        compose_ms = _ms(start)
        doc_ids = list(dict.fromkeys(i for _, r, _ in outcomes if r is not None for i in r.get("doc_ids") or []))
        if not doc_ids:
            return AskResult(answer=answer, abstained=False, tool_calls=calls, timings_ms={"compose": compose_ms})
        start = time.perf_counter()
        cites = self._explaining_citations(question, doc_ids[:MAX_TOOL_CITATIONS])
        if cites:
            heading = "Fuentes: " if decision.lang == "es" else "Sources: "
            answer += "\n\n" + heading + " ".join(f"[{c.n}] {c.title}" for c in cites)
        return AskResult(
            answer=answer,
            abstained=False,
            citations=cites,
            tool_calls=calls,
            timings_ms={"compose": compose_ms, "retrieve": _ms(start)},
        )

    def _explaining_citations(self, question: str, doc_ids: list[str]) -> list[Citation]:
        """For each document a calculator names, its passage closest to the question (one snapshot, one encode)."""
        cites: list[Citation] = []
        first = None
        for doc_id in doc_ids:
            if first is None:
                first = self.searcher.retrieve(question, 1, {"doc_id": [doc_id]})
                found = first.passages
            else:
                found = self.searcher.search(question, 1, {"doc_id": [doc_id]}, query_vector=first.query_vector,
                                             snapshot=first.snapshot)
            if found:
                cites.append(citation(len(cites) + 1, found[0]))
        return cites

    # -------------------------------------------------------------- public API
    def ask(self, question: str, history: list[Any] | None = None, k: int | None = None,
            filters: dict[str, list[str]] | None = None, max_sentences: int = ANSWER_SENTENCES) -> AskResult:
        """Answer ``question``; a larger ``max_sentences`` gives the longer extractive answer of draft mode."""
        start = time.perf_counter()
        question = clean_question(question)
        turns = as_turns(history)
        lang = detect_language(question)
        if not question:
            raise UserInputError("the question is empty: ask something, e.g. 'What is IMMEX?'")
        filters = validate_filters(filters)
        if self.llm is None and not parse_lookups(question):  # a named provision or tariff line is looked up
            calculated = self._calculate(question, turns, lang)
            if calculated is not None:
                calculated.timings_ms.setdefault("retrieve", 0.0)
                calculated.timings_ms["total"] = _ms(start)
                return calculated
        state: AskState = self.as_runnable().invoke(
            AskState(question=question, history=turns, lang=lang, k=k or self.k, filters=filters,
                     max_sentences=max_sentences)
        )
        timings = state.timings
        return AskResult(
            answer=state.answer,
            abstained=state.abstained,
            citations=state.citations,
            tool_calls=state.tool_calls,
            timings_ms={
                "retrieve": round(timings.get("condense", 0.0) + timings.get("retrieve", 0.0), 2),
                "compose": timings.get("compose", 0.0),
                "total": _ms(start),
            },
            query=state.query,
            retrieved=state.passages,
        )

    def stream(self, question: str, history: list[Any] | None = None, k: int | None = None,
               filters: dict[str, list[str]] | None = None) -> Iterator[str | AskResult]:
        """Yield the answer text, then the complete :class:`AskResult`.

        The extractive answer is ready all at once (tens of milliseconds), so it is yielded once rather than
        replayed word by word; the LLM path validates citations before any text is shown, for the same reason.
        """
        result = self.ask(question, history, k, filters)
        yield result.answer
        yield result
