"""One declarative spec per calculator: how a question's arguments are read, how the result is worded, and
which inputs are still missing — the last derived from the calculator's input model in the registry.

:func:`missing_inputs` lists, in order: the inputs a spec's cross-field rule requires (the RVC's value for its
method); then the structured inputs that are absent or too short (fewer scenarios than the model's
``min_length``); then the required fields each given scenario lacks (``scenarios[0].units_per_shipment``,
``offshore.unit_price_usd``); then the plain required figures (``annual_units``).
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Any, Callable

from pydantic import BaseModel, Field
from pydantic.fields import FieldInfo

from assistant.calculators.places import PlaceMatch
from assistant.intents.answers import labor_text, landed_text, rvc_text, tco_text, transit_text, vat_text
from assistant.intents.extractors import (
    extract_labor, extract_landed, extract_rvc, extract_tco, extract_transit, extract_vat,
)
from assistant.intents.quantities import Quantity
from assistant.models import Language as Lang
from assistant.registry import REGISTRY

Extract = Callable[[str, list[Quantity], list[PlaceMatch]], dict[str, Any]]
Answer = Callable[[dict[str, Any], dict[str, Any], Lang], list[str]]


class RouteDecision(BaseModel):
    """Which calculator to run, with what arguments, and which required inputs are still missing."""

    tool: str
    args: dict[str, Any] = Field(default_factory=dict)
    missing: list[str] = Field(default_factory=list, description="Exact input field names still needed.")
    lang: Lang = "en"


def _no_rule(args: dict[str, Any]) -> tuple[str, ...]:
    return ()


@dataclass(frozen=True)
class IntentSpec:
    """A calculator as the router sees it.

    Attributes:
        tool: the registry name.
        extract: the arguments a folded question gives, from its quantities and places.
        answer: the answer's lines from the result, the arguments and the language.
        required: inputs a cross-field rule of the input model requires for these arguments (beyond the
            fields the model marks required).
        scenario_fields: the arguments that hold sourcing scenarios; a follow-up's bare "5,000 units per
            shipment" or "100,000 a year" completes each of them.
    """

    tool: str
    extract: Extract
    answer: Answer
    required: Callable[[dict[str, Any]], tuple[str, ...]] = _no_rule
    scenario_fields: tuple[str, ...] = ()


def _rvc_value_for_method(args: dict[str, Any]) -> tuple[str, ...]:
    """RvcInput's rule: the transaction value, or the net cost with the net-cost method."""
    return ("net_cost" if args.get("method") == "net_cost" else "transaction_value",)


SPECS: dict[str, IntentSpec] = {
    spec.tool: spec
    for spec in (
        IntentSpec("mexico_labor_cost", extract_labor, labor_text),
        IntentSpec("usmca_rvc", extract_rvc, rvc_text, required=_rvc_value_for_method),
        IntentSpec("landed_cost_compare", extract_landed, landed_text, scenario_fields=("scenarios",)),
        IntentSpec("immex_vat_cashflow", extract_vat, vat_text),
        IntentSpec("tco_compare", extract_tco, tco_text, scenario_fields=("offshore", "nearshore")),
        IntentSpec("transit_time", extract_transit, transit_text),
    )
}


def submodel(info: FieldInfo) -> type[BaseModel] | None:
    """The model a field holds (alone, in a list or optional), or ``None`` for a plain value."""
    def find(annotation: Any) -> type[BaseModel] | None:
        if typing.get_origin(annotation) is None and isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation
        return next((m for m in map(find, typing.get_args(annotation)) if m is not None), None)

    return find(info.annotation)


def _min_length(info: FieldInfo) -> int:
    return max((m.min_length for m in info.metadata if hasattr(m, "min_length")), default=0)


def _model_missing(model: type[BaseModel], args: dict[str, Any], prefix: str = "") -> list[str]:
    structured: list[str] = []
    details: list[str] = []
    plain: list[str] = []
    for name, info in model.model_fields.items():
        path = f"{prefix}.{name}" if prefix else name
        sub = submodel(info)
        value = args.get(name)
        if name not in args:
            if info.is_required():
                (plain if sub is None else structured).append(path)
        elif sub is not None and isinstance(value, list):
            if len(value) < _min_length(info):
                structured.append(path)
            for i, item in enumerate(value):
                details += _model_missing(sub, item, f"{path}[{i}]")
        elif sub is not None and isinstance(value, dict):
            details += _model_missing(sub, value, path)
    return structured + details + plain


def missing_inputs(tool: str, args: dict[str, Any]) -> list[str]:
    """The exact names of the inputs ``args`` still lacks to run ``tool``."""
    ruled = [f for f in SPECS[tool].required(args) if f not in args]
    return ruled + [f for f in _model_missing(REGISTRY[tool].input_model, args) if f not in ruled]
