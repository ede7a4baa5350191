"""Deterministic routing of calculator questions when no chat model is configured, across a conversation.

:func:`route` recognises a question that asks to *compute* something — a labor cost, an RVC, a landed-cost or
TCO comparison, the VAT cash tied up, a transit time — in plain English or Spanish, extracts the figures and
places it names, and returns the tool and its arguments — with stated defaults for what it leaves out (the zone's
minimum wage) — or the exact input fields still missing. A follow-up ("350 pesos a day", "And in Tijuana?",
"minimum") completes or updates the calculator question of the last three user turns; a new question clears it.
Factual questions ("What is IMMEX?", "What is the minimum wage in 2026?") return ``None``: the corpus answers
them. A comparison of two lanes or modes routes to two calls (``RouteDecision.also``).
"""

from __future__ import annotations

import copy
import re
from typing import Any

from assistant.calculators.places import find_places
from assistant.intents.cues import detect_tool
from assistant.intents.extractors import extract_scenarios
from assistant.intents.lanes import follow_lane
from assistant.intents.followups import is_factual, is_new_question, pending_answer
from assistant.intents.quantities import is_year, parse
from assistant.intents.specs import SPECS, RouteDecision, decide, missing_inputs
from assistant.language import detect_language
from assistant.models import Language as Lang
from assistant.text import fold

# Words that tell English from Spanish; a message with none of them ("500", "Tijuana", "minimum") says neither.
_LANGUAGE_SIGNAL = re.compile(
    r"[¿¡ñáéíóú]|\b(?:the|what|which|how|is|are|do|does|can|and|of|for|with|in|at|my|our|we|much|a|an|per|"
    r"que|el|la|los|las|del|de|para|con|en|y|un|una|mi|cuanto|cuantos|por|al|es|son)\b", re.IGNORECASE)


def _lang(text: str, fallback: Lang | None = None) -> Lang:
    """English or Spanish, ignoring place names ("Juárez" and "Querétaro" say nothing about the language); a
    message with no sign of either ("500", "Tijuana", "minimum") keeps ``fallback``, the conversation's language."""
    if len(fold(text)) == len(text):
        for match in reversed(find_places(text)):
            text = text[:match.start] + text[match.end:]
    if fallback is not None and not _LANGUAGE_SIGNAL.search(text):
        return fallback
    return "es" if detect_language(text) == "es" else "en"


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _route_one(question: str, lang: Lang | None = None) -> RouteDecision | None:
    """The calculator one message asks for on its own, with the arguments it gives (no defaults yet) and the
    further calls of a comparison in ``also``; ``None`` when it asks for no computation or gives nothing to
    compute with."""
    lang = lang or _lang(question)
    folded, quantities, places = parse(question, lang)
    tool = detect_tool(folded, quantities, places)
    if tool is None:
        return None
    if is_factual(question) and not any(not is_year(q) for q in quantities) and all(p.place.kind == "country" for p in places):
        return None  # "What's the fully loaded hourly cost of an operator in Mexico?": no figure, no place — a fact
    spec = SPECS[tool]
    calls = spec.compare(folded, quantities, places) if spec.compare is not None else [spec.extract(folded, quantities, places)]
    if not calls[0]:
        return None  # names the topic but gives nothing to compute with: a question for the knowledge base
    if set(calls[0]) <= {"headcount"} and any(is_factual(part) for part in _SENTENCE_END.split(question)):
        return None  # "we'll need 6 welders. what's a fully loaded hourly cost for a welder?": a fact about one worker
    also = [RouteDecision(tool=tool, args=a, missing=missing_inputs(tool, a), lang=lang) for a in calls[1:]]
    return RouteDecision(tool=tool, args=calls[0], missing=missing_inputs(tool, calls[0]), lang=lang, also=also)


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
    """Apply the figures a follow-up message gives for the previous calculator's inputs, and a bare reply
    ("minimum", "450") to the inputs still pending."""
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
    merged = follow_lane(args, new) if tool == "transit_time" else _merge(args, new)
    return pending_answer(tool, merged, missing_inputs(tool, args), folded, quantities) if merged == args else merged


def _fill_legs(earlier: RouteDecision, args: dict[str, Any]) -> list[RouteDecision]:
    """The further calls of a comparison after a follow-up: a new destination applies to every lane."""
    legs = []
    for leg in earlier.also:
        leg_args = dict(leg.args)
        if args.get("destination") != earlier.args.get("destination") and "destination" in args:
            leg_args["destination"] = args["destination"]
        if leg_args != args:
            legs.append(RouteDecision(tool=leg.tool, args=leg_args, missing=missing_inputs(leg.tool, leg_args), lang=leg.lang))
    return legs


def _recent(history: list[dict] | None, lang: Lang | None = None) -> RouteDecision | None:
    """The calculator question pending among the last three user turns, completed by the follow-ups after it;
    ``None`` when there is none or a new question came after it (a new question clears it)."""
    users = [t.get("content", "") for t in (history or []) if t.get("role") == "user" and t.get("content")]
    for back in range(1, min(3, len(users)) + 1):
        earlier = _route_one(users[-back])
        if earlier is None:
            continue
        later = users[len(users) - back + 1:]
        if any(is_new_question(text) for text in later):
            return None
        args = earlier.args
        for text in later:
            args = _fill_from_followup(earlier.tool, args, text, _lang(text, earlier.lang))
        return RouteDecision(tool=earlier.tool, args=args, missing=missing_inputs(earlier.tool, args), lang=lang or earlier.lang,
                             also=_fill_legs(earlier, args))
    return None


def _finish(decision: RouteDecision) -> RouteDecision:
    """The decision with the spec's stated defaults filled in, for it and each further call."""
    also = [decide(leg.tool, leg.args, decision.lang) for leg in decision.also]
    return decide(decision.tool, decision.args, decision.lang, also)


def route(question: str, history: list[dict] | None = None) -> RouteDecision | None:
    """The calculator a question asks for, with the arguments it gives and the inputs still missing.

    Args:
        question: the user's message, in English or Spanish.
        history: earlier turns as ``{"role": "user"|"assistant", "content": str}``. A follow-up that gives
            figures a recent calculator question used or lacked ("350 pesos a day", "And in Tijuana?", "minimum")
            completes or updates that question; a message that gives none is not a calculator question, and a
            new question ("What is IMMEX?", "Can you recommend a hotel in Guadalajara?") drops the pending one.

    Returns:
        A :class:`RouteDecision` — with the stated defaults filled in (``assumed``) and, for a comparison, the
        further calls in ``also`` — or ``None`` when the question does not ask to compute anything.
    """
    earlier = _recent(history)
    lang = _lang(question, earlier.lang if earlier is not None else None)
    decision = _route_one(question, lang)
    if decision is not None and not decision.missing:
        return _finish(decision)
    if decision is not None:
        if earlier is not None and earlier.tool == decision.tool:
            args = _merge(earlier.args, decision.args)
            return _finish(RouteDecision(tool=decision.tool, args=args, missing=missing_inputs(decision.tool, args), lang=lang,
                                         also=decision.also or _fill_legs(earlier, args)))
        return _finish(decision)
    if earlier is None or is_new_question(question):
        return None
    args = _fill_from_followup(earlier.tool, earlier.args, question, lang)
    if args == earlier.args:
        return None  # the follow-up gives nothing the calculator uses
    return _finish(RouteDecision(tool=earlier.tool, args=args, missing=missing_inputs(earlier.tool, args), lang=lang,
                                 also=_fill_legs(earlier, args)))
