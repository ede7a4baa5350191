"""Deterministic routing of calculator questions when no chat model is configured, across a conversation.

:func:`route` recognises a question that asks to *compute* something — a labor cost, an RVC, a landed-cost or
TCO comparison, the VAT cash tied up, a transit time — in plain English or Spanish, extracts the figures and
places it names, and returns the tool and its arguments, or the exact input fields still missing. A follow-up
("350 pesos a day", "And in Tijuana?") completes or updates the calculator question of the last three user
turns. Factual questions ("What is IMMEX?", "What is the minimum wage in 2026?") return ``None``: the corpus
answers them.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from assistant.calculators.places import find_places
from assistant.intents.cues import detect_tool
from assistant.intents.extractors import extract_scenarios
from assistant.intents.quantities import is_year, parse
from assistant.intents.specs import SPECS, RouteDecision, missing_inputs
from assistant.language import detect_language
from assistant.models import Language as Lang
from assistant.text import fold


def _lang(text: str) -> Lang:
    """English or Spanish, ignoring place names ("Juárez" and "Querétaro" say nothing about the language)."""
    if len(fold(text)) == len(text):
        for match in reversed(find_places(text)):
            text = text[:match.start] + text[match.end:]
    return "es" if detect_language(text) == "es" else "en"


def _route_one(question: str) -> RouteDecision | None:
    lang = _lang(question)
    folded, quantities, places = parse(question, lang)
    tool = detect_tool(folded, quantities, places)
    if tool is None:
        return None
    args = SPECS[tool].extract(folded, quantities, places)
    return RouteDecision(tool=tool, args=args, missing=missing_inputs(tool, args), lang=lang)


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if key == "scenarios" and isinstance(value, list):
            if len(value) >= 2 or not merged.get("scenarios"):
                merged[key] = value
            else:  # a follow-up that names one scenario's figures: merge by name
                olds = {sc["name"]: sc for sc in merged["scenarios"]}
                for sc in value:
                    olds[sc["name"]] = {**olds.get(sc["name"], {}), **sc}
                merged[key] = list(olds.values())
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def _fill_from_followup(tool: str, args: dict[str, Any], text: str, lang: Lang) -> dict[str, Any]:
    """Apply the figures a follow-up message gives for the previous calculator's inputs."""
    args = copy.deepcopy(args)
    folded, quantities, places = parse(text, lang)
    spec = SPECS[tool]
    new = spec.extract(folded, quantities, places)
    if spec.scenario_fields:
        # a bare "5,000 units per shipment" or "100,000 a year" answers every scenario still missing it
        _, shared = extract_scenarios(folded, quantities, places)
        new.update(shared)
        per_shipment = next((q for q in quantities if q.per in ("shipment", "container", "truck") and q.currency is None), None)
        if per_shipment is not None:
            for key in spec.scenario_fields:
                items = args.get(key)
                for sc in (items if isinstance(items, list) else [items] if isinstance(items, dict) else []):
                    sc.setdefault("units_per_shipment", int(per_shipment.value))
        bare = [q for q in quantities if not q.percent and not is_year(q) and q.per is None and q.currency is None]
        if "annual_units" not in args and "annual_units" not in new and bare and re.search(r"year|ano|annual|anual|volume|volumen", folded):
            new["annual_units"] = int(bare[0].value)
        new = {k: v for k, v in new.items() if v not in ([], None)}
    return _merge(args, new)


_FACTUAL_START = re.compile(
    r"(?:and |y )?(?:what(?:'s| is| are| was| were| does| do)\b|which\b|who\b|why\b|when\b|how (?:does|do|is|are|can)\b|"
    r"is there|are there|do i need|que (?:es|son|significa)\b|cual(?:es)? (?:es|son)\b|por que\b|como (?:funciona|se)\b|"
    r"explain|define|tell me about|explica|dime que)"
)


def _is_factual(text: str) -> bool:
    """A question that asks what something is rather than giving a figure ("What is the minimum wage?")."""
    return bool(_FACTUAL_START.match(fold(text).lstrip(" ¿¡\"'")))


def _recent(history: list[dict] | None, lang: Lang) -> RouteDecision | None:
    """The calculator question among the last three user turns, completed by the turns after it."""
    users = [t.get("content", "") for t in (history or []) if t.get("role") == "user" and t.get("content")]
    for back in range(1, min(3, len(users)) + 1):
        earlier = _route_one(users[-back])
        if earlier is None:
            continue
        args = earlier.args
        for text in users[len(users) - back + 1:]:
            if not _is_factual(text):
                args = _fill_from_followup(earlier.tool, args, text, lang)
        return RouteDecision(tool=earlier.tool, args=args, missing=missing_inputs(earlier.tool, args), lang=lang)
    return None


def route(question: str, history: list[dict] | None = None) -> RouteDecision | None:
    """The calculator a question asks for, with the arguments it gives and the inputs still missing.

    Args:
        question: the user's message, in English or Spanish.
        history: earlier turns as ``{"role": "user"|"assistant", "content": str}``. A follow-up that gives
            figures a recent calculator question used or lacked ("350 pesos a day", "And in Tijuana?") completes
            or updates that question; a follow-up that gives none is not a calculator question.

    Returns:
        A :class:`RouteDecision`, or ``None`` when the question does not ask to compute anything.
    """
    lang = _lang(question)
    decision = _route_one(question)
    if decision is not None and not decision.missing:
        return decision
    earlier = _recent(history, lang)
    if decision is not None:
        if earlier is not None and earlier.tool == decision.tool:
            args = _merge(earlier.args, decision.args)
            return RouteDecision(tool=decision.tool, args=args, missing=missing_inputs(decision.tool, args), lang=lang)
        return decision
    if earlier is None or _is_factual(question):
        return None
    args = _fill_from_followup(earlier.tool, earlier.args, question, lang)
    if args == earlier.args:
        return None  # the follow-up gives nothing the calculator uses
    return RouteDecision(tool=earlier.tool, args=args, missing=missing_inputs(earlier.tool, args), lang=lang)
