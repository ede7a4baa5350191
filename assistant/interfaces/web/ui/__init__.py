"""The Gradio UI, in two faces: the public page (:mod:`.public`: Chat, Calculators) and the consultant workspace
(:mod:`.workspace`: Consultant desk, Sources, Feedback & leads, Admin).

A thin adapter: answers come from ``components.assistant``, figures from ``assistant.registry``, drafts from
``assistant.interfaces.web.draft``, uploads from ``assistant.interfaces.web.admin``; what is shown is built by the
pure converters in :mod:`.common` and in ``assistant.interfaces.web.render``, ``.charts``, ``.forms``, ``.leads``
and ``.sources``. One module per tab: :mod:`.chat`, :mod:`.calculators`, :mod:`.desk`, :mod:`.sources`,
:mod:`.leads`, :mod:`.admin`. Gradio is imported only inside the two builders and handed to each tab builder;
:mod:`assistant.interfaces.web.faces` mounts them.
"""

from assistant.interfaces.web.ui.common import (
    CITE_JS,
    EXAMPLE_QUESTIONS,
    UI_CSS,
    UI_HEAD,
    chat_messages,
    history_from_turns,
    rating_of,
)
from assistant.interfaces.web.ui.public import build_public_ui
from assistant.interfaces.web.ui.workspace import build_workspace_ui

__all__ = [
    "CITE_JS",
    "EXAMPLE_QUESTIONS",
    "UI_CSS",
    "UI_HEAD",
    "build_public_ui",
    "build_workspace_ui",
    "chat_messages",
    "history_from_turns",
    "rating_of",
]
