"""Intents: which calculator a question asks to compute, with what inputs, and how its result is worded.

Without a chat model, :func:`route` picks the calculator and its arguments deterministically (English and
Spanish) and :func:`render_answer` words the result; questions that ask for facts return ``None`` and go to
the knowledge base.

Modules, from the bottom up: :mod:`.quantities` (numbers, periods, places, label proximity), :mod:`.cues`
(which calculator), :mod:`.extractors` (the arguments each calculator gets), :mod:`.answers` (each result's
wording), :mod:`.specs` (one spec per calculator and the inputs still missing), :mod:`.wording` (the answer
text) and :mod:`.dialogue` (:func:`route`, follow-ups and pending questions).
"""

from assistant.intents.dialogue import route
from assistant.intents.specs import RouteDecision
from assistant.intents.wording import render_answer

__all__ = ["RouteDecision", "render_answer", "route"]
