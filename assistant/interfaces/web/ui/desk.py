"""The Consultant desk tab: a longer, fully referenced draft answer that can be edited and exported."""

import datetime as dt

from assistant.errors import AssistantError
from assistant.interfaces.web.limits import MAX_QUESTION_CHARS
from assistant.interfaces.web.render import md_escape


def build_desk_tab(gr, components, files) -> None:
    from assistant.interfaces.web.draft import DRAFT_K, document_titles, make_draft, markdown_to_docx

    gr.Markdown("Draft mode for consultants: an answer drawn from more passages (10 by default), every supporting "
                "passage quoted, and a reference list with one entry per document. Edit the draft, then export it "
                "(the Word file keeps tables and links).")
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
            draft = make_draft(components.assistant, text[:MAX_QUESTION_CHARS], k=int(k_value),
                               titles=document_titles(components.store))
        except AssistantError as exc:
            return f"⚠️ {md_escape(exc.public_message())}", gr.update()
        note = ("No passage supports an answer strongly enough; the passages found are listed for your review."
                if draft.abstained else
                f"The answer cites {draft.cited} document(s); {len(draft.passages)} supporting passage(s) from "
                f"{len(draft.documents)} document(s) in all.")
        return note, draft.markdown()

    def on_export(text: str, kind: str):
        if not (text or "").strip():
            return None
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = files.new_path(f"draft-{stamp}.{kind}")
        if kind == "md":
            path.write_text(text, encoding="utf-8")
        else:
            markdown_to_docx(text, path)
        return str(path)

    make.click(on_draft, [desk_question, k], [status, draft_box], api_name="draft")
    export_md.click(lambda text: on_export(text, "md"), draft_box, exported, api_name="export_markdown")
    export_docx.click(lambda text: on_export(text, "docx"), draft_box, exported, api_name="export_docx")
