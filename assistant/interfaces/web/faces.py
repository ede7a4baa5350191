"""The web app's two faces, mounted on the FastAPI app: the public page at ``/`` and, when
``NEARSHORE_CONSULTANT_TOKEN`` is set, the consultant workspace at ``/consultant/``.

The workspace is mounted first (Starlette tries mounts in order and ``/`` would take every path). It sits behind
:class:`~assistant.interfaces.web.workspace_gate.WorkspaceGate` (added by ``create_app``), and Gradio checks the
same session cookie on its own routes too (``auth_dependency``). The public page refuses to serve anything from the
workspace's download folder (exported drafts), whatever path a visitor guesses.
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path

from assistant.interfaces.web.files import GeneratedFiles
from assistant.interfaces.web.sessions import session_valid
from assistant.interfaces.web.workspace_gate import SESSION_COOKIE, WORKSPACE_PATH

UI_CACHE_TTL = (3600, 3600)  # (every N seconds, delete cached files older than M seconds)
WORKSPACE_USER = "consultant"


def mount_faces(app, components, feedback) -> None:
    """Mount the workspace (only with a consultant token) and the public page on ``app``."""
    import gradio as gr
    from gradio.utils import get_upload_folder

    from assistant.interfaces.web.ui import build_public_ui, build_workspace_ui

    settings = components.settings
    desk_files = GeneratedFiles(Path(get_upload_folder()) / f"nearshore-desk-{secrets.token_hex(4)}")
    if settings.consultant_token:
        token = settings.consultant_token

        def signed_in(request) -> str | None:
            return WORKSPACE_USER if session_valid(token, request.cookies.get(SESSION_COOKIE), time.time()) else None

        workspace = build_workspace_ui(components, feedback=feedback, files=desk_files)
        _mount(gr, app, workspace, WORKSPACE_PATH, settings, auth_dependency=signed_in)
    public = build_public_ui(components, feedback=feedback)
    _mount(gr, app, public, "/", settings, blocked_paths=[str(desk_files.folder)])


def _mount(gr, app, blocks, path: str, settings, **kwargs) -> None:
    from assistant.interfaces.web.ui import UI_CSS, UI_HEAD

    # Files Gradio copies into its cache (uploads, generated downloads) are removed after an hour.
    blocks.delete_cache = UI_CACHE_TTL
    gr.mount_gradio_app(
        app, blocks, path=path,
        server_name=settings.host, server_port=settings.port,
        max_file_size=f"{settings.max_upload_mb}mb",
        ssr_mode=False, css=UI_CSS, head=UI_HEAD,
        theme=gr.themes.Soft(primary_hue="blue"),  # its fonts are served locally, not from a font service
        footer_links=["api"],
        **kwargs,
    )
    # mount_gradio_app, unlike launch(), leaves has_launched False, and Gradio then skips its allowed-path check:
    # a crafted event could make it copy any server file (say /proc/self/environ) into its cache while
    # preprocessing the inputs. Mark the Blocks launched so that check runs for every call.
    blocks.has_launched = True
