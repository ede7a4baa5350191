"""Intents: which calculator a question asks to compute, with what inputs, and how its result is worded.

Without a chat model, :func:`route` picks the calculator and its arguments deterministically (English and
Spanish) and :func:`render_answer` words the result; questions that ask for facts return ``None`` and go to
the knowledge base.
"""

from assistant.intents.router import RouteDecision, render_answer, route

__all__ = ["RouteDecision", "render_answer", "route"]
