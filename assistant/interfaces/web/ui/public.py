"""The public page, at ``/``: what a consultancy embeds on its website — Chat and Calculators, nothing internal."""

import secrets
from pathlib import Path

from assistant.storage.feedback import FeedbackStore
from assistant.interfaces.web.draft import document_titles
from assistant.interfaces.web.files import GeneratedFiles
from assistant.interfaces.web.ui.calculators import build_calculators_tab
from assistant.interfaces.web.ui.chat import build_chat_tab

PUBLIC_INTRO = ("# Nearshore Assistant\nCited answers and cost calculators for moving manufacturing from Asia to "
                "Mexico. Answers come only from the documents in the knowledge base; figures come from published, "
                "dated rates.")


def visitor_language(accept_language: str | None) -> str:
    """"es" when the browser's first language is Spanish (``Accept-Language: es-MX,es;q=0.9,…``), else "en"."""
    first = (accept_language or "").split(",", 1)[0].strip().lower()
    return "es" if first.startswith("es") else "en"


def build_public_ui(components, feedback: FeedbackStore | None = None):
    """The public page as a ``gr.Blocks`` (mounted at ``/`` by :mod:`assistant.interfaces.web.faces`)."""
    import gradio as gr
    from gradio.utils import get_upload_folder

    settings = components.settings
    feedback = feedback or FeedbackStore(settings.feedback_db)
    # Downloads live inside Gradio's cache (so it serves them without a copy), few and briefly.
    files = GeneratedFiles(Path(get_upload_folder()) / f"nearshore-{secrets.token_hex(4)}")

    with gr.Blocks(title="Nearshore Assistant", analytics_enabled=False) as demo:
        gr.Markdown(PUBLIC_INTRO, elem_id="intro")
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                build_chat_tab(gr, components, feedback)
            with gr.Tab("Calculators", id="calculators"):
                # the documents that explain a result, named by title (read from the served index when shown);
                # the result cards in the visitor's language, as the browser states it
                visitor = gr.State("en")
                build_calculators_tab(gr, files, lambda: document_titles(components.store), visitor)

        def detect(request: gr.Request) -> str:
            return visitor_language(request.headers.get("accept-language") if request is not None else None)

        demo.load(detect, None, visitor, queue=False, api_visibility="private")
    demo.queue(default_concurrency_limit=settings.answer_workers)  # as many at once as the API's answer pool
    return demo
