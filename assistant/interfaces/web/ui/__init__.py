"""The Gradio Blocks UI: Chat, Calculators, Consultant desk, Sources and (with a token) Admin.

A thin adapter: answers come from ``components.assistant``, figures from ``assistant.registry``, drafts from
``assistant.interfaces.web.draft``, uploads from ``assistant.interfaces.web.admin``; what is shown is built by the
pure converters in :mod:`.common` and in ``assistant.interfaces.web.render``, ``.charts``, ``.forms`` and
``.sources``. One module per tab: :mod:`.chat`, :mod:`.calculators`, :mod:`.desk`, :mod:`.sources`, :mod:`.admin`.
Gradio is imported only inside :func:`build_ui` and handed to each tab builder.
"""

import secrets
from pathlib import Path

from assistant.storage.feedback import FeedbackStore
from assistant.interfaces.web.files import GeneratedFiles
from assistant.interfaces.web.ui.admin import build_admin_tab
from assistant.interfaces.web.ui.calculators import build_calculators_tab
from assistant.interfaces.web.ui.chat import build_chat_tab
from assistant.interfaces.web.ui.common import (
    CITE_JS,
    EXAMPLE_QUESTIONS,
    UI_CSS,
    UI_HEAD,
    chat_messages,
    history_from_turns,
    rating_of,
)
from assistant.interfaces.web.ui.desk import build_desk_tab
from assistant.interfaces.web.ui.sources import build_sources_tab

__all__ = [
    "CITE_JS",
    "EXAMPLE_QUESTIONS",
    "UI_CSS",
    "UI_HEAD",
    "build_ui",
    "chat_messages",
    "history_from_turns",
    "rating_of",
]


def build_ui(components, feedback: FeedbackStore | None = None):
    """The whole UI as a ``gr.Blocks``; mount it with ``gr.mount_gradio_app`` (see ``assistant.interfaces.web.api``)."""
    import gradio as gr
    from gradio.utils import get_upload_folder

    settings = components.settings
    feedback = feedback or FeedbackStore(settings.feedback_db)
    # Downloads live inside Gradio's cache (so it serves them without a copy), few and briefly.
    files = GeneratedFiles(Path(get_upload_folder()) / f"nearshore-{secrets.token_hex(4)}")

    with gr.Blocks(title="Nearshore Assistant", analytics_enabled=False) as demo:
        gr.Markdown("# Nearshore Assistant\nCited answers and cost calculators for moving manufacturing "
                    "from Asia to Mexico. Answers come only from the documents in the knowledge base; "
                    "figures come from published, dated rates.")
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                build_chat_tab(gr, components, feedback)
            with gr.Tab("Calculators", id="calculators"):
                build_calculators_tab(gr, files)
            with gr.Tab("Consultant desk", id="desk"):
                build_desk_tab(gr, components, files)
            with gr.Tab("Sources", id="sources"):
                build_sources_tab(gr, demo, components)
            if settings.admin_token:
                with gr.Tab("Admin", id="admin"):
                    build_admin_tab(gr, components)
    demo.queue(default_concurrency_limit=settings.answer_workers)  # as many at once as the API's answer pool
    return demo
