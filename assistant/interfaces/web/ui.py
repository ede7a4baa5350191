"""The Gradio Blocks UI: Chat, Calculators, Consultant desk, Sources and (with a token) Admin.

A thin adapter: answers come from ``components.assistant``, figures from ``assistant.registry``, drafts from
:mod:`.draft`, uploads from :mod:`.admin`; what is shown is built by the pure converters in :mod:`.render`,
:mod:`.charts`, :mod:`.forms` and :mod:`.sources`. Gradio is imported only inside :func:`build_ui`.
"""

# No ``from __future__ import annotations`` here: Gradio reads the event-data type hints (gr.LikeData, ...)
# of the handlers defined inside build_ui, so they must be real objects, not strings.
import datetime as dt
import re
import tempfile
import typing
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError, UserInputError
from assistant.models import AskResult, DocType, Jurisdiction
from assistant.storage.feedback import FeedbackStore
from assistant.interfaces.web.limits import MAX_COMMENT_CHARS, MAX_HISTORY_TURNS, MAX_QUESTION_CHARS
from assistant.interfaces.web.render import (
    ASSUMPTION_HEADERS,
    PANEL_PLACEHOLDER,
    answer_markdown,
    assumption_rows,
    find_citation,
    humanize,
    md_escape,
    notes_markdown,
    partial_markdown,
    result_csv,
    result_rows,
    source_panel_html,
    user_markdown,
)

EXAMPLE_QUESTIONS = [
    "How long can raw materials stay in Mexico under IMMEX?",
    "What is the minimum wage in the northern border zone in 2026?",
    "What would 200 minimum-wage workers in Ciudad Juárez cost per year?",
    "¿Qué es el programa IMMEX?",
]
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{2,}$")

# Citation markers are links to "#cite-<turn>-<n>"; one document-level listener (installed once, by the
# source panel) turns a click on any of them into the panel's "click" event with the marker's key.
CITE_JS = """
window.__nearshoreCite = trigger;
if (!window.__nearshoreCiteInstalled) {
  window.__nearshoreCiteInstalled = true;
  document.addEventListener('click', function (event) {
    const link = event.target && event.target.closest ? event.target.closest('a[href*="#cite-"]') : null;
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    const key = (link.getAttribute('href') || '').split('#cite-')[1] || '';
    window.__nearshoreCite('click', {cite: key});
  }, true);
}
"""

UI_CSS = """
.source-card { font-size: 0.95rem; line-height: 1.45; }
.source-card .source-n { font-weight: 600; color: var(--color-accent); }
.source-card h3 { margin: 0.2rem 0 0.5rem; }
.source-card dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 0.8rem; margin: 0 0 0.5rem; }
.source-card dt { font-weight: 600; }
.source-card dd { margin: 0; }
.source-card blockquote { border-left: 3px solid var(--color-accent); margin: 0.5rem 0; padding: 0.3rem 0.8rem;
  background: var(--background-fill-secondary); }
.source-empty { color: var(--body-text-color-subdued); padding: 1rem; }
#source-panel { min-height: 12rem; border: 1px solid var(--border-color-primary); border-radius: 8px;
  padding: 0.8rem; }
#chat a[href*="#cite-"] { font-weight: 600; text-decoration: none; }
.calc-error { color: var(--error-text-color, #b91c1c); }
"""
UI_HEAD = '<meta name="description" content="Nearshore Assistant: cited answers and cost calculators for manufacturing in Mexico.">'


# ---------------------------------------------------------------------- pure helpers (tested directly)
def chat_messages(turns: list[dict]) -> list[dict[str, str]]:
    """The chatbot's messages, rebuilt from the stored turns: two messages per turn."""
    messages: list[dict[str, str]] = []
    for i, turn in enumerate(turns):
        result = AskResult.model_validate(turn["result"])
        messages.append({"role": "user", "content": user_markdown(turn["question"])})
        messages.append({"role": "assistant", "content": answer_markdown(result, i, turn["question"])})
    return messages


def history_from_turns(turns: list[dict]) -> list[dict[str, str]]:
    """What the assistant sees of earlier turns (plain text, the last ``MAX_HISTORY_TURNS`` messages)."""
    history = []
    for turn in turns:
        history.append({"role": "user", "content": turn["question"]})
        history.append({"role": "assistant", "content": turn["result"]["answer"]})
    return history[-MAX_HISTORY_TURNS:]


def rating_of(liked: Any) -> str | None:
    """Gradio's like payload → 'up' / 'down' (None when the thumb was taken back)."""
    if liked is True or liked == "Like":
        return "up"
    if liked is False or liked == "Dislike":
        return "down"
    return None


# ---------------------------------------------------------------------- the Blocks app
def build_ui(components, feedback: FeedbackStore | None = None):
    """The whole UI as a ``gr.Blocks``; mount it with ``gr.mount_gradio_app`` (see :mod:`.api`)."""
    import gradio as gr

    settings = components.settings
    feedback = feedback or FeedbackStore(settings.feedback_db)
    files_dir = Path(tempfile.mkdtemp(prefix="nearshore-ui-"))

    with gr.Blocks(title="Nearshore Assistant", analytics_enabled=False) as demo:
        gr.Markdown("# Nearshore Assistant\nCited answers and cost calculators for moving manufacturing "
                    "from Asia to Mexico. Answers come only from the documents in the knowledge base; "
                    "figures come from published, dated rates.")
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                _chat_tab(gr, components, feedback)
            with gr.Tab("Calculators", id="calculators"):
                _calculators_tab(gr, files_dir)
            with gr.Tab("Consultant desk", id="desk"):
                _desk_tab(gr, components, files_dir)
            with gr.Tab("Sources", id="sources"):
                _sources_tab(gr, demo, components)
            if settings.admin_token:
                with gr.Tab("Admin", id="admin"):
                    _admin_tab(gr, components)
    demo.queue(default_concurrency_limit=4)
    return demo


def _chat_tab(gr, components, feedback: FeedbackStore) -> None:
    assistant = components.assistant
    turns = gr.State([])
    ratings = gr.State({})  # turn index -> feedback id
    last_rated = gr.State(None)
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            chatbot = gr.Chatbot(
                label="Nearshore Assistant", elem_id="chat", height=520, layout="bubble",
                feedback_options=("Like", "Dislike"), buttons=["copy"],
                examples=[{"text": q} for q in EXAMPLE_QUESTIONS],
                placeholder="Ask about IMMEX, USMCA rules of origin, US tariffs, Mexican labor costs or logistics. "
                            "Every answer cites its sources.",
            )
            with gr.Row():
                question = gr.Textbox(show_label=False, placeholder="Ask a question…", scale=5, lines=1,
                                      max_length=MAX_QUESTION_CHARS, elem_id="question", autofocus=True)
                ask = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
            with gr.Row():
                comment = gr.Textbox(label="Comment on the answer you rated (optional)", scale=5, lines=1,
                                     max_length=MAX_COMMENT_CHARS, elem_id="feedback-comment")
                send_comment = gr.Button("Send comment", scale=1, elem_id="send-comment")
            feedback_status = gr.Markdown(elem_id="feedback-status")
            with gr.Group(visible=False, elem_id="consultant") as consultant:
                gr.Markdown("### Talk to a consultant\nWe could not answer this from our sources. Leave your details "
                            "and a consultant will get back to you.")
                with gr.Row():
                    contact_name = gr.Textbox(label="Name", max_length=120)
                    contact_email = gr.Textbox(label="Email", max_length=254)
                contact_question = gr.Textbox(label="Your question", lines=2, max_length=MAX_QUESTION_CHARS)
                contact_details = gr.Textbox(label="Anything else we should know (optional)", lines=2,
                                             max_length=MAX_COMMENT_CHARS)
                contact_send = gr.Button("Request a consultant", variant="primary")
                contact_status = gr.Markdown()
        with gr.Column(scale=2):
            gr.Markdown("### Source")
            panel = gr.HTML(PANEL_PLACEHOLDER, js_on_load=CITE_JS, elem_id="source-panel")

    def respond(message: str, turns_value: list[dict]):
        text = (message or "").strip()
        if not text:
            gr.Warning("Type a question first.")
            return
        if len(text) > MAX_QUESTION_CHARS:
            gr.Warning(f"Questions are limited to {MAX_QUESTION_CHARS} characters; please shorten it.")
            return
        shown = chat_messages(turns_value)
        pending = [{"role": "user", "content": user_markdown(text)}]
        yield "", shown + pending + [{"role": "assistant", "content": "…"}], turns_value, gr.update(), gr.update()
        result = None
        try:
            for item in assistant.stream(text, history_from_turns(turns_value)):
                if isinstance(item, str):
                    yield (gr.update(), shown + pending + [{"role": "assistant", "content": partial_markdown(item)}],
                           turns_value, gr.update(), gr.update())
                else:
                    result = item
        except AssistantError as exc:
            yield (gr.update(), shown + pending + [{"role": "assistant", "content": md_escape(str(exc))}],
                   turns_value, gr.update(), gr.update())
            return
        new_turns = turns_value + [{"question": text, "result": result.model_dump(mode="json")}]
        yield "", chat_messages(new_turns), new_turns, gr.update(visible=result.abstained), text

    outputs = [question, chatbot, turns, consultant, contact_question]
    ask.click(respond, [question, turns], outputs, api_name="chat")
    question.submit(respond, [question, turns], outputs, api_visibility="private")

    def pick_example(evt: gr.SelectData) -> str:
        return evt.value["text"] if isinstance(evt.value, dict) else str(evt.value)

    def open_source(turns_value: list[dict], evt: gr.EventData) -> str:
        return source_panel_html(find_citation(turns_value, str(getattr(evt, "cite", "") or "")))

    chatbot.example_select(pick_example, None, question, api_visibility="private").then(
        respond, [question, turns], outputs, api_visibility="private")
    panel.click(open_source, [turns], [panel], api_visibility="private")

    def on_like(turns_value: list[dict], rated: dict, evt: gr.LikeData):
        index = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        turn = int(index) // 2
        rating = rating_of(evt.liked)
        if rating is None or not 0 <= turn < len(turns_value):
            return rated, gr.update(), gr.update()
        data = turns_value[turn]
        rated = dict(rated)
        if turn in rated:
            feedback.set_rating(rated[turn], rating)
        else:
            rated[turn] = feedback.add(data["question"], data["result"]["answer"], data["result"]["citations"], rating)
        thumb = "👍" if rating == "up" else "👎"
        return rated, rated[turn], f"{thumb} Thanks, your rating was saved. Add a comment below if you like."

    chatbot.clear(lambda: ([], {}, None, PANEL_PLACEHOLDER), None, [turns, ratings, last_rated, panel],
                  api_visibility="private")
    chatbot.like(on_like, [turns, ratings], [ratings, last_rated, feedback_status], api_visibility="private")

    def on_comment(text: str, feedback_id: int | None):
        if not (text or "").strip():
            return gr.update(), "Write a comment first."
        if feedback_id is None:
            return gr.update(), "Rate an answer with 👍 or 👎 first; the comment is stored with that rating."
        feedback.set_comment(int(feedback_id), text[:MAX_COMMENT_CHARS])
        return "", "Thanks, your comment was saved."

    send_comment.click(on_comment, [comment, last_rated], [comment, feedback_status], api_visibility="private")

    def on_contact(name: str, email: str, asked: str, details: str):
        if not (name or "").strip() or not _EMAIL.match((email or "").strip()):
            return "Please give your name and a valid email address."
        if not (asked or "").strip():
            return "Please say what you would like to ask."
        feedback.add_request(name, email, asked, details)
        return "Thanks, a consultant will contact you."

    contact_send.click(on_contact, [contact_name, contact_email, contact_question, contact_details], contact_status,
                       api_visibility="private")


def _calculators_tab(gr, files_dir: Path) -> None:
    from assistant.registry import REGISTRY, run_tool
    from assistant.interfaces.web.forms import example_for, field_specs

    gr.Markdown("Each calculator uses published, dated rates; the assumptions table lists every rate with its "
                "source. Change any input and press **Calculate**.")
    with gr.Tabs():
        for name, spec in REGISTRY.items():
            with gr.Tab(humanize(name), id=f"calc-{name}"):
                gr.Markdown(f"**{md_escape(spec.summary)}**")
                specs = field_specs(spec.input_model, example_for(name, spec.input_model))
                widgets: dict[str, Any] = {}
                with gr.Row():
                    for s in (s for s in specs if s.primary):
                        widgets[s.name] = _widget(gr, s)
                rest = [s for s in specs if not s.primary]
                if rest:
                    with gr.Accordion("More options", open=False):
                        with gr.Row():
                            for s in rest:
                                widgets[s.name] = _widget(gr, s)
                run = gr.Button("Calculate", variant="primary", elem_id=f"run-{name}")
                error_box = gr.Markdown(elem_classes=["calc-error"])
                with gr.Row():
                    table = gr.Dataframe(headers=["Item", "Value"], label="Result", interactive=False, wrap=True,
                                         max_height=420, elem_id=f"result-{name}", column_widths=["65%", "35%"])
                    chart = gr.Plot(label="Chart", elem_id=f"chart-{name}")
                assumptions = gr.Dataframe(headers=ASSUMPTION_HEADERS, label="Assumptions and sources",
                                           interactive=False, wrap=True, max_height=320,
                                           column_widths=["24%", "9%", "13%", "10%", "10%", "34%"])
                notes = gr.Markdown()
                csv_file = gr.File(label="Download CSV", interactive=False, elem_id=f"csv-{name}")

                def calculate(*values, _name=name, _specs=specs):
                    import pandas as pd

                    from assistant.interfaces.web.charts import result_figure
                    from assistant.interfaces.web.forms import parse_form

                    try:
                        args = parse_form(_specs, list(values))
                        result = run_tool(_name, args)
                    except UserInputError as exc:
                        return (f"⚠️ {md_escape(str(exc))}", None, None, None, "", None)
                    rows = pd.DataFrame(result_rows(result), columns=["Item", "Value"])
                    assumed = pd.DataFrame(assumption_rows(result), columns=ASSUMPTION_HEADERS)
                    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
                    path = files_dir / f"{_name}-{stamp}.csv"
                    path.write_text(result_csv(_name, args, result), encoding="utf-8")
                    return ("", rows, result_figure(result), assumed, notes_markdown(result), str(path))

                run.click(calculate, [widgets[s.name] for s in specs],
                          [error_box, table, chart, assumptions, notes, csv_file], api_name=f"calc_{name}")


def _widget(gr, s):
    if s.kind in ("number", "integer"):
        return gr.Number(label=s.label, value=s.default, info=s.info, precision=0 if s.kind == "integer" else None,
                         min_width=200)
    if s.kind == "choice":
        return gr.Dropdown(label=s.label, choices=s.choices, value=s.default, info=s.info, min_width=200)
    if s.kind == "bool":
        return gr.Checkbox(label=s.label, value=bool(s.default), info=s.info)
    if s.kind == "json":
        return gr.Code(label=f"{s.label} (JSON) — {s.info}", value=s.default or "", language="json", lines=8)
    placeholder = "YYYY-MM-DD" if s.kind == "date" else None
    return gr.Textbox(label=s.label, value="" if s.default is None else str(s.default), info=s.info,
                      placeholder=placeholder, min_width=200)


def _desk_tab(gr, components, files_dir: Path) -> None:
    from assistant.interfaces.web.draft import DRAFT_K, make_draft, markdown_to_docx

    gr.Markdown("Draft mode for consultants: an answer drawn from more passages (10 by default), every supporting "
                "passage quoted, and a numbered reference list. Edit the draft, then export it.")
    with gr.Row():
        desk_question = gr.Textbox(label="Client question", lines=2, max_length=MAX_QUESTION_CHARS, scale=4,
                                   elem_id="desk-question")
        k = gr.Slider(3, 20, value=DRAFT_K, step=1, label="Passages to retrieve", scale=1)
    make = gr.Button("Draft an answer", variant="primary", elem_id="desk-draft")
    status = gr.Markdown()
    draft_box = gr.Textbox(label="Draft (Markdown, editable)", lines=22, max_lines=60, interactive=True,
                           elem_id="desk-text")
    with gr.Row():
        export_md = gr.Button("Export Markdown")
        export_docx = gr.Button("Export DOCX")
    exported = gr.File(label="Exported draft", interactive=False, height=110)

    def on_draft(text: str, k_value: float):
        if not (text or "").strip():
            return "Type the client's question first.", gr.update()
        try:
            draft = make_draft(components.assistant, text[:MAX_QUESTION_CHARS], k=int(k_value))
        except AssistantError as exc:
            return f"⚠️ {md_escape(str(exc))}", gr.update()
        note = ("No passage supports an answer strongly enough; the passages found are listed for your review."
                if draft.abstained else
                f"The answer cites {draft.cited} passage(s); {len(draft.references)} supporting passage(s) in all.")
        return note, draft.markdown()

    def on_export(text: str, kind: str):
        if not (text or "").strip():
            return None
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        path = files_dir / f"draft-{stamp}.{kind}"
        if kind == "md":
            path.write_text(text, encoding="utf-8")
        else:
            markdown_to_docx(text, path)
        return str(path)

    make.click(on_draft, [desk_question, k], [status, draft_box], api_name="draft")
    export_md.click(lambda text: on_export(text, "md"), draft_box, exported, api_name="export_markdown")
    export_docx.click(lambda text: on_export(text, "docx"), draft_box, exported, api_name="export_docx")


def _sources_tab(gr, demo, components) -> None:
    from assistant.interfaces.web.sources import (
        DOC_HEADERS,
        PASSAGE_HEADERS,
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
                             column_widths=["34%", "18%", "10%", "10%", "14%", "6%", "8%"])
        detail = gr.HTML('<div class="source-empty">Select a row to read the document or passage.</div>',
                         elem_id="sources-detail", js_on_load=None)
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
    go.click(search, inputs, [message, table, shown], api_name="sources")
    text.submit(search, inputs, [message, table, shown], api_visibility="private")
    table.select(on_select, [shown], detail, api_visibility="private")
    demo.load(on_load, None, [topic, message, table, shown], api_visibility="private")


def _admin_tab(gr, components) -> None:
    from assistant.interfaces.web.admin import UploadError, indexed_documents, install_and_reindex, stage_uploads, token_ok

    settings = components.settings
    gr.Markdown(f"Upload Markdown (with front matter) or PDF documents (optionally with a `.pdf.yaml` sidecar), "
                f"up to {settings.max_upload_mb} MB each. Files are validated before anything changes; a refused "
                "upload leaves the knowledge base as it was.")
    with gr.Row():
        token = gr.Textbox(label="Admin token", type="password", scale=4, elem_id="admin-token")
        unlock = gr.Button("Unlock", scale=1, elem_id="admin-unlock")
    unlock_status = gr.Markdown()
    with gr.Group(visible=False) as tools:
        files = gr.File(label="Documents", file_count="multiple", file_types=[".md", ".pdf", ".yaml"],
                        elem_id="admin-files")
        upload = gr.Button("Validate and re-index", variant="primary", elem_id="admin-upload")
        outcome = gr.Markdown(elem_id="admin-outcome")

    def on_unlock(given: str):
        if token_ok(settings.admin_token, given):
            return "Unlocked.", gr.update(visible=True)
        return "⚠️ Wrong token.", gr.update(visible=False)

    def on_upload(given: str, paths: list[str] | None, progress=gr.Progress()):
        if not token_ok(settings.admin_token, given):
            return "⚠️ Wrong token: nothing was changed."
        try:
            staged = stage_uploads([Path(p) for p in paths or []], settings.max_upload_mb,
                                   existing=indexed_documents(components.store))
        except UploadError as exc:
            return f"⚠️ Upload refused, nothing was changed: {md_escape(str(exc))}"
        progress(0, desc="Validated; re-indexing")

        def report(stage: str, done: int, total: int) -> None:
            progress((done, total) if total else 1.0, desc=f"{'Embedding' if stage == 'embed' else 'Copying'} chunks")

        try:
            result = install_and_reindex(staged, settings.corpus_dir, components.store, on_progress=report)
        except Exception as exc:  # noqa: BLE001 - shown to the admin; the corpus was restored
            return f"⚠️ Re-indexing failed, the upload was taken out again: {md_escape(str(exc))}"
        lines = [f"✅ Added {', '.join(md_escape(n) for n in staged.names)} "
                 f"(documents: {', '.join(md_escape(d) for d in staged.doc_ids)}).", md_escape(result.summary())]
        lines += [f"- warning: {md_escape(w)}" for w in staged.warnings]
        return "\n\n".join(lines)

    unlock.click(on_unlock, token, [unlock_status, tools], api_visibility="private")
    upload.click(on_upload, [token, files], outcome, concurrency_limit=1, api_visibility="private")
