"""The Sources tab: browse and filter the knowledge base, search passages, read a document or passage."""

# No ``from __future__ import annotations`` here: Gradio reads the event-data type hint (gr.SelectData)
# of the handler defined inside build_sources_tab, so it must be a real object, not a string.
import typing

from assistant.errors import UserInputError
from assistant.models import DocType, Jurisdiction
from assistant.interfaces.web.limits import MAX_QUESTION_CHARS
from assistant.interfaces.web.render import md_escape
from assistant.interfaces.web.ui.common import SOURCES_DETAIL_PLACEHOLDER


def build_sources_tab(gr, demo, components) -> None:
    from assistant.interfaces.web.sources import (
        DOC_HEADERS,
        DOC_WIDTHS,
        PASSAGE_HEADERS,
        PASSAGE_WIDTHS,
        document_html,
        documents,
        facets,
        filter_documents,
        filters_for,
        parse_date,
        passage_row,
        search_passages,
    )

    gr.Markdown("Browse the knowledge base. Filter by jurisdiction, topic, document type and date; type words "
                "to search passages the way the chat does.")
    with gr.Row():
        text = gr.Textbox(label="Search", placeholder="e.g. temporary import period", scale=3, elem_id="sources-q")
        as_of = gr.Textbox(label="As of on or after", placeholder="YYYY-MM-DD", scale=1)
    known_topics = facets(documents(components.store.snapshot().chunks))["topics"] if components.store.exists() else []
    with gr.Row():
        jurisdiction = gr.CheckboxGroup(label="Jurisdiction", choices=list(typing.get_args(Jurisdiction)))
        doc_type = gr.CheckboxGroup(label="Document type", choices=list(typing.get_args(DocType)))
        topic = gr.Dropdown(label="Topics", choices=known_topics, multiselect=True, allow_custom_value=True)
    go = gr.Button("Search", variant="primary", elem_id="sources-go")
    message = gr.Markdown()
    with gr.Row(equal_height=False):
        table = gr.Dataframe(headers=DOC_HEADERS, interactive=False, wrap=True, max_height=560, scale=3,
                             elem_id="sources-table",
                             column_widths=DOC_WIDTHS)
        detail = gr.HTML(SOURCES_DETAIL_PLACEHOLDER, elem_id="sources-detail", js_on_load=None)
    shown = gr.State([])  # what each table row is: ("doc", doc_id) or ("passage", chunk_id)

    def snapshot_docs():
        if not components.store.exists():
            return None, []
        snap = components.store.snapshot()
        return snap, documents(snap.chunks)

    def on_load():  # topics can change with every re-index
        _, docs = snapshot_docs()
        return (gr.update(choices=facets(docs)["topics"]), *search("", "", [], [], []))

    def search(q: str, date: str, jurisdictions, doc_types, topics):
        import pandas as pd

        snap, docs = snapshot_docs()
        if snap is None:
            return "No index yet: run `nearshore ingest`.", pd.DataFrame(columns=DOC_HEADERS), []
        try:
            since = parse_date(date)
        except UserInputError as exc:
            return f"⚠️ {md_escape(str(exc))}", gr.update(), gr.update()
        filters = filters_for(jurisdictions, topics, doc_types)
        if (q or "").strip():
            passages = search_passages(components.searcher, q.strip()[:MAX_QUESTION_CHARS], filters, since)
            rows = pd.DataFrame([passage_row(p) for p in passages], columns=PASSAGE_HEADERS)
            return f"{len(passages)} passage(s).", rows, [("passage", p.chunk.id) for p in passages]
        found = filter_documents(docs, filters, since)
        rows = pd.DataFrame([d.row() for d in found], columns=DOC_HEADERS)
        return f"{len(found)} of {len(docs)} document(s).", rows, [("doc", d.doc_id) for d in found]

    def widths(shown_table):
        """Each table its own column widths (a separate step, so the ``sources`` endpoint returns the plain table)."""
        passages = list(getattr(shown_table, "columns", [])) == PASSAGE_HEADERS
        return gr.update(column_widths=PASSAGE_WIDTHS if passages else DOC_WIDTHS)

    def on_select(items: list, evt: gr.SelectData):
        snap, docs = snapshot_docs()
        row = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        if snap is None or not 0 <= row < len(items):
            return gr.update()
        kind, key = items[row]
        by_id = {d.doc_id: d for d in docs}
        if kind == "doc" and key in by_id:
            return document_html(by_id[key])
        chunk = snap.by_id.get(key)
        if chunk is None or chunk.doc_id not in by_id:
            return gr.update()
        return document_html(by_id[chunk.doc_id], only=chunk)

    inputs = [text, as_of, jurisdiction, doc_type, topic]
    go.click(search, inputs, [message, table, shown], api_name="sources").then(
        widths, [table], table, api_visibility="private")
    text.submit(search, inputs, [message, table, shown], api_visibility="private").then(
        widths, [table], table, api_visibility="private")
    table.select(on_select, [shown], detail, api_visibility="private")
    demo.load(on_load, None, [topic, message, table, shown], api_visibility="private").then(
        widths, [table], table, api_visibility="private")
