"""When a calculator refuses the input: what to change, in plain words and the visitor's language.

The calculators' own messages are written for developers (they name fields such as ``mxn_per_usd`` and quote
validator text). :func:`explain_refusal` re-validates the arguments to learn which input and which bound
failed, or reads the calculator's message for the cases the rate tables decide (a wage below the minimum, a
lane or state not on file, a date outside the tables), and says what to change.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ValidationError

from assistant.calculators.formatting import plain_number
from assistant.intents.answers import MODE_NAMES
from assistant.intents.specs import RouteDecision
from assistant.intents.wording import TOOL_LABELS, field_words
from assistant.models import Language as Lang
from assistant.registry import REGISTRY
from assistant.validation import resolve_location

_ZONES = {"general zone": ("general zone", "zona general"),
          "northern border free zone": ("northern border zone", "zona libre de la frontera norte")}


def _modes(text: str, lang: Lang) -> str:
    idx = 0 if lang == "en" else 1
    return ", ".join(MODE_NAMES.get(m.strip(), (m.strip(), m.strip()))[idx] for m in text.split(","))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _bounds(info: Any) -> tuple[float | None, float | None]:
    low = high = None
    for m in getattr(info, "metadata", []):
        low = getattr(m, "ge", getattr(m, "gt", low))
        high = getattr(m, "le", getattr(m, "lt", high))
    return low, high


def _validation_sentence(err: dict, model: type[BaseModel], decision: RouteDecision) -> str:
    lang, en = decision.lang, decision.lang == "en"
    path, info, _ = resolve_location(model, tuple(err.get("loc", ())))
    msg = str(err.get("msg", "")).removeprefix("Value error, ")
    kind = err.get("type", "")
    label = field_words(path, lang, decision.args) if path else ""
    given = err.get("input")
    shown = plain_number(given) if isinstance(given, (int, float)) and not isinstance(given, bool) else str(given)
    if m := re.search(r"'(.+)' is not a Mexican state", msg):
        return (f"I don't recognise “{m[1]}” as a Mexican state: tell me the state, or a city such as Monterrey or Tijuana." if en else
                f"No reconozco “{m[1]}” como estado de México: indique el estado, o una ciudad como Monterrey o Tijuana.")
    if m := re.search(r"vnm \(([\d,.]+)\) cannot exceed (\w+) \(([\d,.]+)\)", msg):
        value = field_words(m[2], lang)
        return (f"The non-originating materials ({m[1]}) cannot be worth more than {value} ({m[3]}): please check the two figures." if en else
                f"Los materiales no originarios ({m[1]}) no pueden valer más que {value} ({m[3]}): revise las dos cifras.")
    if "scenario names must be different" in msg:
        return "Each option needs a different origin." if en else "Cada opción necesita un origen distinto."
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than") and info is not None:
        low, high = _bounds(info)
        span = (f"between {plain_number(low)} and {plain_number(high)}" if en else f"entre {plain_number(low)} y {plain_number(high)}") \
            if low is not None and high is not None else plain_number(low if low is not None else high)
        return (f"{_capital(label)} must be {span}; the question gives {shown}." if en else
                f"{_capital(label)} debe estar {span}; la pregunta indica {shown}.")
    if kind == "missing" and label:
        return f"I still need {label}." if en else f"Me falta {label}."
    if label:
        return f"Please check {label} ({shown})." if en else f"Revise {label} ({shown})."
    return ("Please check the figures, places and dates in the question." if en else
            "Revise las cifras, lugares y fechas de la pregunta.")


# (pattern in the calculator's message, English, Spanish): each a function of the match.
_CALCULATOR_ERRORS: list[tuple[str, Any, Any]] = [
    (r"daily_wage_mxn ([\d,.]+) is below the (.+?) minimum wage of MXN ([\d,.]+) per day in force on (\S+?):",
     lambda m: f"A daily wage of MXN {m[1]} is below the {_ZONES.get(m[2], (m[2],))[0]} minimum wage (MXN {m[3]} a day on {m[4]}). "
               "Give a wage of at least that, or say “minimum”.",
     lambda m: f"Un salario diario de MXN {m[1]} está por debajo del salario mínimo de la {_ZONES.get(m[2], (m[2], m[2]))[1]} "
               f"(MXN {m[3]} diarios al {m[4]}). Indique un salario de al menos esa cantidad, o diga “mínimo”."),
    (r"No payroll-tax rate is on file for (.+?): .*use one of (.+?)\.$",
     lambda m: f"I have no state payroll-tax rate on file for {m[1]}. States on file: {m[2]}.",
     lambda m: f"No tengo la tasa del impuesto sobre nómina de {m[1]}. Estados disponibles: {m[2]}."),
    (r"origin '(.+?)' is not in the transit table: use one of (.+?)\.$",
     lambda m: f"I have no transit times from {m[1]}. Origins on file: {m[2]}.",
     lambda m: f"No tengo tiempos de tránsito desde {m[1]}. Orígenes disponibles: {m[2]}."),
    (r"destination '(.+?)' is not in the transit table: use one of (.+?)\.$",
     lambda m: f"I have no transit times to {m[1]}. Destinations on file: {m[2]}.",
     lambda m: f"No tengo tiempos de tránsito hacia {m[1]}. Destinos disponibles: {m[2]}."),
    (r"mode '(.+?)' is not on file from (.+?) to (.+?): use one of (.+?)\.$",
     lambda m: f"There is no {_modes(m[1], 'en')} route from {m[2]} to {m[3]} on file; modes on file: {_modes(m[4], 'en')}.",
     lambda m: f"No hay ruta por {_modes(m[1], 'es')} de {m[2]} a {m[3]}; modos disponibles: {_modes(m[4], 'es')}."),
    (r"is in force on (\S+): the table covers (\S+) to (\S+?)[,.]",
     lambda m: f"I have no rates for {m[1]}: the tables on file cover {m[2]} to {m[3].replace('open-ended', 'today')}. "
               "Ask for a year in that range.",
     lambda m: f"No tengo tasas para el {m[1]}: las tablas cubren del {m[2]} al {m[3].replace('open-ended', 'hoy')}. "
               "Pregunte por un año dentro de ese periodo."),
    (r"transit_days for scenario '(.+?)' could not be looked up",
     lambda m: f"I could not look up the transit time for {m[1]}: tell me its door-to-door days.",
     lambda m: f"No pude consultar el tiempo de tránsito de {m[1]}: indique sus días puerta a puerta."),
]


def explain_refusal(decision: RouteDecision, message: str) -> str:
    """What to change, in plain words, when the calculator refuses ``decision``'s arguments with ``message``."""
    lang = decision.lang
    tool = TOOL_LABELS.get(decision.tool, (decision.tool, decision.tool))[0 if lang == "en" else 1]
    frame = f"I couldn't run the {tool} with those figures." if lang == "en" else f"No pude usar la {tool} con esos datos."
    model = REGISTRY[decision.tool].input_model
    sentences: list[str] = []
    try:
        model.model_validate(decision.args)
    except ValidationError as exc:
        sentences = [_validation_sentence(err, model, decision) for err in exc.errors()]
    if not sentences:
        for pattern, en, es in _CALCULATOR_ERRORS:
            m = re.search(pattern, message)
            if m:
                sentences = [(en if lang == "en" else es)(m)]
                break
    if not sentences:
        sentences = ["Please check the figures, places and dates in the question and try again." if lang == "en" else
                     "Revise las cifras, lugares y fechas de la pregunta y vuelva a intentarlo."]
    return " ".join([frame, *dict.fromkeys(sentences)])
