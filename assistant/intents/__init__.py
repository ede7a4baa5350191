"""Intents: which calculator a question asks to compute, with what inputs, and how its result is worded.

Without a chat model, :func:`route` picks the calculator and its arguments deterministically (English and
Spanish) and :func:`render_answer` words the result; questions that ask for facts return ``None`` and go to
the knowledge base.

Modules, from the bottom up: :mod:`.quantities` (numbers, periods, places, label proximity), :mod:`.cues`
(which calculator), :mod:`.extractors` (the arguments each calculator gets), :mod:`.answers` (each result's
wording), :mod:`.lanes` (transit lanes and comparisons), :mod:`.specs` (one spec per calculator, its stated
defaults and the inputs still missing), :mod:`.translations` (the calculators' notes and assumptions in plain
English or Spanish), :mod:`.wording` (the answer text), :mod:`.refusals` (what to change when a calculator
refuses the input), :mod:`.followups` (follow-up or new question) and :mod:`.dialogue` (:func:`route`).
"""

from assistant.intents.dialogue import route
from assistant.intents.refusals import explain_refusal
from assistant.intents.specs import RouteDecision
from assistant.intents.wording import render_answer, render_answers

__all__ = ["RouteDecision", "explain_refusal", "render_answer", "render_answers", "route"]
