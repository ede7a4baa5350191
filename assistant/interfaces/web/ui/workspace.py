"""The consultant workspace, at ``/consultant/`` behind the consultant token: Consultant desk, Sources, Feedback &
leads and Admin. Only ever mounted behind :class:`assistant.interfaces.web.workspace_gate.WorkspaceGate`."""

import secrets
from pathlib import Path

from assistant.storage.feedback import FeedbackStore
from assistant.interfaces.web.files import GeneratedFiles
from assistant.interfaces.web.ui.admin import build_admin_tab
from assistant.interfaces.web.ui.desk import build_desk_tab
from assistant.interfaces.web.ui.leads import build_leads_tab
from assistant.interfaces.web.ui.sources import build_sources_tab

WORKSPACE_INTRO = ("# Consultant workspace\nInternal tools of the Nearshore Assistant: draft referenced answers for "
                   "clients, browse the knowledge base, follow up feedback and leads, manage documents. "
                   "[Sign out](logout)")


def build_workspace_ui(components, feedback: FeedbackStore | None = None, files: GeneratedFiles | None = None):
    """The workspace as a ``gr.Blocks``; ``files`` is where exported drafts go (the public page never serves them)."""
    import gradio as gr
    from gradio.utils import get_upload_folder

    settings = components.settings
    feedback = feedback or FeedbackStore(settings.feedback_db)
    files = files or GeneratedFiles(Path(get_upload_folder()) / f"nearshore-desk-{secrets.token_hex(4)}")

    with gr.Blocks(title="Consultant workspace · Nearshore Assistant", analytics_enabled=False) as demo:
        gr.Markdown(WORKSPACE_INTRO, elem_id="workspace-intro")
        with gr.Tabs():
            with gr.Tab("Consultant desk", id="desk"):
                build_desk_tab(gr, components, files)
            with gr.Tab("Sources", id="sources"):
                build_sources_tab(gr, demo, components)
            with gr.Tab("Feedback & leads", id="leads"):
                build_leads_tab(gr, demo, feedback)
            with gr.Tab("Admin", id="admin"):
                build_admin_tab(gr, components)
    demo.queue(default_concurrency_limit=settings.answer_workers)
    return demo
