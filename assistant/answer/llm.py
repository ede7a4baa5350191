"""Grounded generation with a chat model: passages as untrusted data, citations checked afterwards."""

from __future__ import annotations

import json
import re
from typing import Callable

from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage

from assistant.answer.coverage import abstention
from assistant.answer.figures import Evidence
from assistant.answer.prompts import render
from assistant.answer.render import citation
from assistant.models import Citation, Passage, ToolCall, Turn
from assistant.text import split_sentences

_MARKER = re.compile(r"\[(\d{1,3})\]")
_LEADING_MARKERS = re.compile(r"^(?:\[\d{1,3}\][\s.,;:]*)+")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)]|\(\d{1,2}\))\s+")
_ABSTAIN_SENTINEL = "NO_SOURCE"
MAX_TOOL_ROUNDS = 3


def load_chat_model(spec: str, temperature: float = 0.0):
    """``provider:model`` (e.g. ``openai:gpt-4o-mini``) through LangChain's ``init_chat_model``."""
    from langchain.chat_models import init_chat_model

    if ":" not in spec:
        raise ValueError(f"NEARSHORE_LLM must look like 'provider:model' (got '{spec}'), e.g. 'ollama:llama3.1'")
    provider, model = spec.split(":", 1)
    try:
        return init_chat_model(model, model_provider=provider, temperature=temperature)
    except ImportError as exc:
        raise ValueError(
            f"the '{provider}' chat model needs its LangChain package: {exc}. "
            f"Install the extras with `pip install -e '.[llm]'`"
        ) from None


def _escape(text: str) -> str:
    return text.replace("</passage", "&lt;/passage").replace("</passages", "&lt;/passages")


def format_passages(passages: list[Passage]) -> str:
    blocks = []
    for n, p in enumerate(passages, start=1):
        c = p.chunk
        where = " | ".join(x for x in (c.title, c.section, f"page {c.page}" if c.page else None, f"as of {c.as_of}") if x)
        blocks.append(f'<passage n="{n}" source="{_escape(where)}">\n{_escape(c.text)}\n</passage>')
    return "\n".join(blocks)


def condense_with_llm(model, question: str, history: list[Turn]) -> str:
    if not history:
        return question
    convo = "\n".join(f"{t.role}: {t.content}" for t in history[-6:])
    reply = model.invoke([HumanMessage(render("condense", history=convo, question=question))])
    text = str(reply.content).strip().strip('"')
    return text or question


def _renumber(answer: str, passages: list[Passage]) -> tuple[str, list[int]]:
    """Markers that point at one of ``passages`` renumbered 1..m in order of first use, the rest dropped;
    returns the text and, for each new number, the old one."""
    mapping: dict[int, int] = {}
    order: list[int] = []

    def replace(match: re.Match) -> str:
        n = int(match.group(1))
        if not 1 <= n <= len(passages):
            return ""
        if n not in mapping:
            mapping[n] = len(mapping) + 1
            order.append(n)
        return f"[{mapping[n]}]"

    cleaned = _MARKER.sub(replace, answer)
    cleaned = re.sub(r"[ \t]+([.,;:])", r"\1", re.sub(r"[ \t]{2,}", " ", cleaned)).strip()
    return cleaned, order


def validate_citations(answer: str, passages: list[Passage]) -> tuple[str, list[Citation]]:
    """Keep markers that point at a retrieved passage, renumber them 1..m, drop the rest."""
    cleaned, order = _renumber(answer, passages)
    return cleaned, [citation(i, passages[n - 1]) for i, n in enumerate(order, start=1)]


def _source_text(p: Passage) -> str:
    """What the model was shown of a passage (its header too: a year in the title or the as-of date counts)."""
    c = p.chunk
    return "\n".join(str(x) for x in (c.title, c.section, f"page {c.page}" if c.page else None, c.as_of, c.text) if x)


def _sentences(line: str) -> list[str]:
    """The sentences of one line, a marker written after the full stop ("… 18 months. [1]") kept with its
    sentence."""
    out: list[str] = []
    for piece in split_sentences(line):
        lead = _LEADING_MARKERS.match(piece)
        if lead and out:
            out[-1] = f"{out[-1]} {lead.group(0).strip()}"
            piece = piece[lead.end():].strip()
        if piece:
            out.append(piece)
    return out


def check_figures(answer: str, passages: list[Passage], tool_results: list[dict]) -> str:
    """Drop every sentence with a figure (number, percentage, amount, date) found neither in the passages it
    cites nor in a calculator result; a sentence without a marker is checked against all of ``passages``.

    ``answer``'s markers ``[n]`` point at ``passages[n-1]``. Lines and list items keep their layout; an item
    left empty goes. Returns what is left (possibly empty)."""
    sources = [_source_text(p) for p in passages]
    everything = Evidence(sources, tool_results)
    evidence: dict[frozenset[int], Evidence] = {}
    lines: list[str] = []
    for line in answer.split("\n"):
        if not line.strip():
            lines.append("")
            continue
        item = _LIST_ITEM.match(line)
        prefix = item.group(0) if item else ""
        kept = []
        for sentence in _sentences(line[len(prefix):]):
            cited = frozenset(int(n) for n in _MARKER.findall(sentence) if 1 <= int(n) <= len(passages))
            if cited and cited not in evidence:
                evidence[cited] = Evidence([sources[n - 1] for n in sorted(cited)], tool_results)
            if not (evidence[cited] if cited else everything).unsupported(sentence):
                kept.append(sentence)
        if kept:
            lines.append(prefix + " ".join(kept))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def generate(model, question: str, history: list[Turn], passages: list[Passage], lang: str,
             tools: list | None = None, run_tool: Callable[[str, dict], dict] | None = None,
             max_words: int = 220) -> tuple[str, list[Citation], bool, list[ToolCall]]:
    """Ask the model; run any calculator it calls; return (answer, citations, abstained, tool_calls)."""
    system = render("answer_system", abstain=_ABSTAIN_SENTINEL, language="Spanish" if lang == "es" else "English",
                    max_words=max_words)
    messages = [SystemMessage(system)]
    for turn in history[-6:]:
        messages.append(HumanMessage(turn.content) if turn.role == "user" else AIMessage(turn.content))
    messages.append(HumanMessage(render("answer_user", passages=format_passages(passages), question=question)))

    runnable = model
    if tools:
        try:
            runnable = model.bind_tools(tools)
        except (NotImplementedError, AttributeError):
            runnable = model
    calls: list[ToolCall] = []
    reply = runnable.invoke(messages)
    for _ in range(MAX_TOOL_ROUNDS):
        requested = getattr(reply, "tool_calls", None) or []
        if not requested or run_tool is None:
            break
        messages.append(reply)
        for req in requested:
            try:
                result = run_tool(req["name"], dict(req.get("args") or {}))
                calls.append(ToolCall(name=req["name"], args=dict(req.get("args") or {}), result=result))
                content = json.dumps(result)
            except ValueError as exc:  # bad input: the model reads the message and may retry
                content = f"error: {exc}"
            messages.append(ToolMessage(content, tool_call_id=req.get("id") or req["name"]))
        reply = runnable.invoke(messages)

    text = str(reply.content if isinstance(reply.content, str) else _text_of(reply.content)).strip()
    if not text or _ABSTAIN_SENTINEL in text:
        return abstention(lang), [], True, calls
    answer, order = _renumber(text, passages)
    cited = [passages[n - 1] for n in order]
    # Every figure must come from a passage the sentence cites or from a calculator run for this answer
    # (its result, and the arguments the model passed in).
    answer = check_figures(answer, cited, [d for call in calls for d in (call.result, call.args)])
    answer, order = _renumber(answer, cited)  # markers of dropped sentences may leave gaps: renumber again
    citations = [citation(i, cited[n - 1]) for i, n in enumerate(order, start=1)]
    if not answer or (not citations and not calls):
        return abstention(lang), [], True, calls
    return answer, citations, False, calls


def _text_of(content) -> str:
    parts = []
    for block in content or []:
        if isinstance(block, dict) and block.get("type") == "text":
            parts.append(block.get("text", ""))
        elif isinstance(block, str):
            parts.append(block)
    return "".join(parts)
