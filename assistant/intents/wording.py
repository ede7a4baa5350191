"""The answer text: a calculator result's figures, notes and assumptions with their sources — or, while inputs
are missing, a question that asks for exactly those, in the question's language.

Field labels ("the daily wage in MXN, or \"minimum\"") come from the calculators' input models
(``label_en`` / ``label_es`` in each field's ``json_schema_extra``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from assistant.calculators.common import field_label
from assistant.calculators.formatting import assumption_line
from assistant.intents.specs import SPECS, RouteDecision, submodel
from assistant.models import Language as Lang
from assistant.registry import REGISTRY

_TOOL_LABELS = {
    "mexico_labor_cost": ("labor-cost calculator", "calculadora de costo laboral"),
    "usmca_rvc": ("USMCA regional value content calculator", "calculadora de valor de contenido regional (T-MEC)"),
    "landed_cost_compare": ("landed-cost comparison", "comparación de costo puesto en destino"),
    "immex_vat_cashflow": ("IMMEX VAT cash-flow calculator", "calculadora de flujo de IVA IMMEX"),
    "tco_compare": ("total-cost-of-ownership comparison", "comparación de costo total de propiedad"),
    "transit_time": ("transit-time table", "tabla de tiempos de tránsito"),
}


@lru_cache(maxsize=1)
def _field_labels() -> dict[str, tuple[str, str]]:
    """Every labelled input field of the registered calculators (nested models included): name → (en, es)."""
    labels: dict[str, tuple[str, str]] = {}

    def collect(model: type[BaseModel]) -> None:
        for name, info in model.model_fields.items():
            en, es = field_label(model, name, "en"), field_label(model, name, "es")
            if en is not None and es is not None:
                labels.setdefault(name, (en, es))
            sub = submodel(info)
            if sub is not None:
                collect(sub)

    for spec in REGISTRY.values():
        collect(spec.input_model)
    return labels


def _label(field: str, lang: Lang) -> str:
    labels = _field_labels()
    idx = 0 if lang == "en" else 1
    head, _, tail = field.rpartition(".")
    base = tail if tail in labels else field
    text = labels.get(base, (base, base))[idx]
    if head:
        which = head.replace("scenarios[", "").rstrip("]")
        if which.isdigit():
            which = f"option {int(which) + 1}" if lang == "en" else f"opción {int(which) + 1}"
        else:
            which = {"offshore": ("offshore option", "opción en Asia"), "nearshore": ("Mexican option", "opción en México")}[which][idx]
        text += f" ({which})"
    return f"{text} [{field}]"


def ask_for_missing(decision: RouteDecision) -> str:
    """A question asking for exactly the inputs still missing, each named and labelled."""
    idx = 0 if decision.lang == "en" else 1
    tool = _TOOL_LABELS.get(decision.tool, (decision.tool, decision.tool))[idx]
    items = [_label(f, decision.lang) for f in decision.missing]
    listing = "; ".join(items)
    if decision.lang == "es":
        return f"Para usar la {tool} me falta: {listing}. ¿Me puede indicar {'ese dato' if len(items) == 1 else 'esos datos'}?"
    return f"To run the {tool} I still need: {listing}. Could you give {'it' if len(items) == 1 else 'them'}?"


def assumption_lines(result: dict[str, Any], lang: Lang, limit: int = 40) -> list[str]:
    """The result's assumptions, one line each with its dates in force and source, under a heading."""
    head = "Assumptions and sources:" if lang == "en" else "Supuestos y fuentes:"
    return [head, *(assumption_line(a, lang) for a in result.get("assumptions", [])[:limit])]


def render_answer(decision: RouteDecision, result: dict | None) -> str:
    """The answer text: the result's headline figures, a short breakdown and its assumptions with sources —
    or, when inputs are missing (or there is no result), a question asking for exactly those, in the question's
    language."""
    if decision.missing or result is None:
        return ask_for_missing(decision)
    lang = decision.lang
    body = SPECS[decision.tool].answer(result, decision.args, lang)
    notes = result.get("notes") or []
    if notes:
        body += ["", ("Notes:" if lang == "en" else "Notas:"), *[f"- {n}" for n in notes]]
    return "\n".join([*body, "", *assumption_lines(result, lang)])
