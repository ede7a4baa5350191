"""Pure converters from the package's results to what the web UI shows. No Gradio, no I/O.

Every piece of user or document text goes through :func:`md_escape` (for Markdown components such as the
chatbot) or :func:`h` (for HTML components) before it is shown, so no markup or script from a
question, an answer or a corpus document is ever rendered.
"""

from __future__ import annotations

import csv
import html
import io
import re
from typing import Any, Iterable, Mapping
from urllib.parse import urlparse

from assistant.calculators.formatting import assumption_fields, table_value
from assistant.interfaces.web.highlight import cited_sentences, marked_html
from assistant.interfaces.web.lines import Line, humanize, lines  # noqa: F401 (humanize: re-exported)
from assistant.interfaces.web.numbers import figure_text, money_text, percent_text
from assistant.language import detect_language
from assistant.models import AskResult, Citation, Passage, Source
from assistant.text import spreadsheet_safe

# Every ASCII character Markdown (and the chatbot's LaTeX and autolink handling) could treat as syntax.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>$:=^])")
_ESCAPED_MARKER = re.compile(r"\\\[(\d+)\\\]")
CITE_PREFIX = "#cite-"

CONSULTANT_OFFER = {
    "en": "**Want a person to look into it?** Leave your details under *Talk to a consultant* below the chat "
          "and one of our consultants will get back to you.",
    "es": "**¿Prefiere que lo revise una persona?** Deje sus datos en *Hablar con un consultor*, debajo del chat, "
          "y uno de nuestros consultores le responderá.",
}
SOURCES_LABEL = {"en": "Sources", "es": "Fuentes"}
PANEL_PLACEHOLDER = (
    '<div class="source-empty">Click a numbered marker such as <b>[1]</b> in an answer to see its source here: '
    "the document, section, page, as-of date, official link and the passage itself.</div>"
)


def h(text: str | None) -> str:
    """HTML-escape for the HTML components; also neutralizes ``$``, ``{`` and ``}`` (template syntax)."""
    return (html.escape(text or "", quote=True).replace("$", "&#36;").replace("{", "&#123;")
            .replace("}", "&#125;"))


def md_escape(text: str | None) -> str:
    """Text that Markdown renders literally: ``&``, ``<``, ``>`` HTML-escaped, then every Markdown-active
    character backslashed (quotes need no escaping outside attributes, and ``&#x27;`` would lose its ``#``)."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text or "", quote=False))


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) link, else None (no javascript:, data: or relative links)."""
    if not url:
        return None
    try:
        parsed = urlparse(url.strip())
    except ValueError:
        return None
    if parsed.scheme.lower() not in {"http", "https"} or not parsed.netloc:
        return None
    return url.strip()


def cite_key(turn: int, n: int) -> str:
    return f"{turn}-{n}"


def parse_cite_key(key: str) -> tuple[int, int] | None:
    match = re.fullmatch(r"(\d{1,6})-(\d{1,4})", (key or "").strip())
    return (int(match.group(1)), int(match.group(2))) if match else None


def _marker(turn: int, n: int) -> str:
    return f"[\\[{n}\\]]({CITE_PREFIX}{cite_key(turn, n)})"


def link_markers(escaped: str, turn: int, numbers: Iterable[int]) -> str:
    """Turn the escaped ``\\[n\\]`` markers of cited passages into links that open the source panel."""
    known = set(numbers)
    return _ESCAPED_MARKER.sub(lambda m: _marker(turn, int(m.group(1))) if int(m.group(1)) in known else m.group(0),
                               escaped)


def citation_label(c: Citation) -> str:
    where = ", ".join(x for x in (c.section, f"p. {c.page}" if c.page else None) if x)
    return f"{c.title} — {where}" if where and where != c.title else c.title


def answer_markdown(result: AskResult, turn: int, question: str = "") -> str:
    """The chatbot text of an answer: escaped, with clickable citation markers and a source list."""
    lang = detect_language(question or result.answer)
    body = link_markers(md_escape(result.answer), turn, (c.n for c in result.citations))
    parts = [body]
    already_listed = all(c.title in result.answer for c in result.citations)
    if result.citations and not already_listed:
        items = " · ".join(f"{_marker(turn, c.n)} {md_escape(citation_label(c))}" for c in result.citations)
        parts.append(f"**{SOURCES_LABEL[lang]}:** {items}")
    if result.abstained:
        parts.append(CONSULTANT_OFFER[lang])
    return "\n\n".join(parts)


def partial_markdown(text: str) -> str:
    """A streamed, unfinished answer: escaped, markers not yet linked."""
    return md_escape(text) + " …"


def user_markdown(text: str) -> str:
    return md_escape(text)


def source_link_html(url: str | None, source: Source | None = None) -> str:
    """The link to a passage's own source, named by its title and citation when known; none unless http(s)."""
    url = safe_url(url)
    if not url:
        return ""
    name = " — ".join(x for x in (source.title, source.citation) if x) if source is not None else ""
    label = f"Source: {h(name)}" if name else "Official source"
    return (f'<p class="source-link"><a href="{h(url)}" target="_blank" rel="noopener noreferrer">{label} ↗</a>'
            "</p>")


def source_panel_html(c: Citation | None, source: Source | None = None, quotes: Iterable[str] = ()) -> str:
    """The side panel for one citation: every field escaped; the link (to the passage's own source) only when it is
    http(s); the ``quotes`` (the sentences the answer took from the passage) inside ``<mark>``."""
    if c is None:
        return PANEL_PLACEHOLDER
    e = h
    rows = [("Section", c.section), ("Page", str(c.page) if c.page else None),
            ("As of", c.as_of)]
    facts = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in rows if v)
    passage = marked_html(c.text, quotes, e)
    return (
        f'<div class="source-card" data-n="{int(c.n)}">'
        f'<div class="source-n">Source [{int(c.n)}]</div>'
        f'<h3 class="source-title">{e(c.title)}</h3>'
        f"<dl>{facts}</dl>{source_link_html(c.url, source)}"
        f'<blockquote class="source-passage">{passage}</blockquote>'
        f"</div>"
    )


def find_citation(turns: list[dict], key: str) -> Citation | None:
    """The citation a marker key (``turn-n``) points at, from the chat's stored turns."""
    parsed = parse_cite_key(key)
    if parsed is None:
        return None
    turn, n = parsed
    if not 0 <= turn < len(turns):
        return None
    for raw in turns[turn].get("result", {}).get("citations", []):
        if raw.get("n") == n:
            return Citation.model_validate(raw)
    return None


def passage_sources(result: AskResult) -> dict[str, dict]:
    """Each citation's own source (``Chunk.source`` of the passage it quotes, from the answer's retrieved passages)
    as JSON, by citation number: what the chat keeps beside a turn, since the JSON answer does not carry it."""
    by_text: dict[tuple[str, str], Passage] = {(p.chunk.doc_id, p.chunk.text): p for p in result.retrieved}
    out = {}
    for c in result.citations:
        found = by_text.get((c.doc_id, c.text))
        if found is not None and found.chunk.source is not None:
            out[str(c.n)] = found.chunk.source.model_dump(mode="json")
    return out


def open_source_html(turns: list[dict], key: str) -> str:
    """The panel for a clicked marker: the citation, its own source, and the sentences the answer took from it
    highlighted; the placeholder for an unknown key."""
    c = find_citation(turns, key)
    if c is None:
        return PANEL_PLACEHOLDER
    turn = turns[parse_cite_key(key)[0]]
    raw = (turn.get("sources") or {}).get(str(c.n))
    source = Source.model_validate(raw) if raw else None
    return source_panel_html(c, source, cited_sentences(turn.get("result", {}).get("answer", ""), c.n))


# ---------------------------------------------------------------------- calculator results
format_value = table_value  # the assumptions table: rates as published, such as the MPF's 0.3464 percent


def line_text(line: Line) -> str:
    """A figure as the result table shows it: money with cents, a percent with its sign and what it applies to."""
    value = line.value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if line.is_money:
            return money_text(value)
        if line.is_percent:
            return percent_text(value) + (f" of {line.applies_to}" if line.applies_to else "")
    return figure_text(value)


def result_rows(result: dict[str, Any], bases: Mapping[str, str] | None = None) -> list[list[str]]:
    """A calculator result as ``[item, value]`` rows for reading (assumptions, doc ids and notes apart);
    ``bases``: what the result's own percents apply to (``lines.rate_bases`` of its model)."""
    return [[line.label, line_text(line)] for line in lines(result, bases=bases)]


ASSUMPTION_HEADERS = ["Assumption", "Value", "Unit", "Effective from", "Effective to", "Source"]
CSV_HEADERS = ["section", "item", "value", "unit", "effective_from", "effective_to", "source"]


def assumption_rows(result: dict[str, Any]) -> list[list[str]]:
    rows = []
    for f in map(assumption_fields, result.get("assumptions") or []):
        rows.append([
            str(f["name"] or ""), table_value(f["value"]), str(f["unit"] or ""),
            str(f["effective_from"] or "—"), str(f["effective_to"] or "open"), str(f["source"] or ""),
        ])
    return rows


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: numbers as they are, yes/no, empty for nothing, a list joined by '; '."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(csv_cell(v)) for v in value)
    return value


def csv_rows(name: str, inputs: dict[str, Any], result: dict[str, Any],
             bases: Mapping[str, str] | None = None) -> list[list[Any]]:
    """One row per line item under :data:`CSV_HEADERS`: the calculator, its inputs, the result's figures, the
    assumptions with their dates and sources, the notices, notes and the documents that explain them."""
    def row(section: str, item: str, value: Any, unit: str = "", start: Any = "", end: Any = "", source: str = ""):
        return [section, item, csv_cell(value), unit, start or "", end or "", source]

    rows = [row("calculator", "name", name)]
    rows += [row("input", line.item, line.value, line.unit_text) for line in lines(inputs, skip=())]
    rows += [row("result", line.item, line.value, line.unit_text) for line in lines(result, bases=bases)]
    for f in map(assumption_fields, result.get("assumptions") or []):
        rows.append(row("assumption", f["name"] or "", f["value"], f["unit"] or "", f["effective_from"],
                        f["effective_to"], f["source"] or ""))
    rows += [row("notice", "latest rates on file", notice) for notice in result.get("notices") or []]
    rows += [row("note", "", note) for note in result.get("notes") or []]
    rows += [row("explained in", "document", doc_id) for doc_id in result.get("doc_ids") or []]
    return rows


def result_csv(name: str, inputs: dict[str, Any], result: dict[str, Any],
               bases: Mapping[str, str] | None = None) -> str:
    """The calculation as one tidy CSV table (:func:`csv_rows`); every cell is spreadsheet-safe, since inputs
    are the visitor's text."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_HEADERS)
    for r in csv_rows(name, inputs, result, bases):
        writer.writerow([spreadsheet_safe(v) for v in r])
    return buf.getvalue()


def notes_markdown(result: dict[str, Any], titles: Mapping[str, str] | None = None) -> str:
    """The result's notices and notes, then the documents that explain it, by title (``titles``: id → title)."""
    parts = [f"**⚠ {md_escape(n)}**" for n in result.get("notices") or []]  # latest rates on file, first
    if result.get("notes"):
        parts.append("\n".join(f"- {md_escape(n)}" for n in result["notes"]))
    if result.get("doc_ids"):
        named = [(titles or {}).get(d, d) for d in result["doc_ids"]]
        parts.append("Explained in the knowledge base: " + "; ".join(md_escape(d) for d in named))
    return "\n\n".join(parts)
