"""One declarative spec per calculator: how a question's arguments are read, how the result is worded, and
which inputs are still missing — the last derived from the calculator's input model in the registry.

:func:`missing_inputs` lists, in order: the inputs a spec's cross-field rule requires (the RVC's value for its
method); then the structured inputs that are absent or too short (fewer scenarios than the model's
``min_length``); then the required fields each given scenario lacks (``scenarios[0].units_per_shipment``,
``offshore.unit_price_usd``); then the plain required figures (``annual_units``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field
from pydantic.fields import FieldInfo

from assistant.calculators.places import PlaceMatch
from assistant.calculators.rates import latest_exchange_rate
from assistant.intents.answers import (
    labor_text,
    landed_text,
    rvc_text,
    tco_text,
    transit_text,
    vat_text,
)
from assistant.intents.extractors import (
    extract_labor,
    extract_landed,
    extract_rvc,
    extract_tco,
    extract_vat,
    rvc_methods,
)
from assistant.intents.lanes import extract_transit, transit_legs
from assistant.intents.quantities import Quantity
from assistant.models import Language as Lang
from assistant.registry import REGISTRY
from assistant.validation import submodel

Extract = Callable[[str, list[Quantity], list[PlaceMatch]], dict[str, Any]]
Compare = Callable[[str, list[Quantity], list[PlaceMatch]], list[dict[str, Any]]]
Answer = Callable[[dict[str, Any], dict[str, Any], Lang], tuple[list[str], list[str]]]  # (headline, breakdown)


class RouteDecision(BaseModel):
    """Which calculator to run, with what arguments, and which required inputs are still missing.

    ``assumed`` names the inputs the router filled with a stated default (a labor question with no wage gets
    the zone's minimum wage); ``also`` holds further calls the same question asks for (a comparison of two
    lanes or modes runs the transit table twice), each a complete decision of its own.
    """

    tool: str
    args: dict[str, Any] = Field(default_factory=dict)
    missing: list[str] = Field(default_factory=list, description="Exact input field names still needed.")
    lang: Lang = "en"
    assumed: list[str] = Field(default_factory=list, description="Inputs filled with a stated default.")
    also: list[RouteDecision] = Field(default_factory=list, description="Further calls the question asks for.")

    @property
    def calls(self) -> list[RouteDecision]:
        """This call and the further ones, in order."""
        return [self, *self.also]


def _no_rule(args: dict[str, Any]) -> tuple[str, ...]:
    return ()


def _no_defaults(args: dict[str, Any]) -> dict[str, Any]:
    return {}


def _labor_defaults(args: dict[str, Any]) -> dict[str, Any]:
    """A labor question with no wage is priced at the zone's minimum wage, and shown in US dollars too at the latest
    exchange rate on file (the answer says so)."""
    return {"daily_wage_mxn": "minimum", "mxn_per_usd": latest_exchange_rate().value}


def _vat_defaults(args: dict[str, Any]) -> dict[str, Any]:
    """A VAT question is answered in pesos too, at the latest exchange rate on file unless it gives one (an
    amount in pesos was converted to dollars at that same rate). A USMCA article 2.5 question ("components worth
    $80,000, 15% Mexican duty, $4,500 US duty: what do we pay?") gives no other temporary imports than its
    non-originating inputs: those are the imports whose VAT is shown beside it (the answer says so)."""
    defaults: dict[str, Any] = {"mxn_per_usd": latest_exchange_rate().value}
    if args.get("non_originating_inputs_usd"):
        defaults["annual_temporary_imports_usd"] = args["non_originating_inputs_usd"]
    return defaults


@dataclass(frozen=True)
class IntentSpec:
    """A calculator as the router sees it.

    Attributes:
        tool: the registry name.
        extract: the arguments a folded question gives, from its quantities and places.
        answer: the answer's headline and breakdown lines from the result, the arguments and the language.
        required: inputs a cross-field rule of the input model requires for these arguments (beyond the
            fields the model marks required).
        scenario_fields: the arguments that hold sourcing scenarios; a follow-up's bare "5,000 units per
            shipment" or "100,000 a year" completes each of them.
        defaults: stated defaults for inputs the question leaves out (used instead of asking; the answer lists
            each one under "Assumed").
        compare: the arguments of each call when a question compares several (two lanes or modes), else ``None``.
    """

    tool: str
    extract: Extract
    answer: Answer
    required: Callable[[dict[str, Any]], tuple[str, ...]] = _no_rule
    scenario_fields: tuple[str, ...] = ()
    defaults: Callable[[dict[str, Any]], dict[str, Any]] = _no_defaults
    compare: Compare | None = None


def _rvc_value_for_method(args: dict[str, Any]) -> tuple[str, ...]:
    """RvcInput's rule: the transaction value, or the net cost with the net-cost method."""
    return ("net_cost" if args.get("method") == "net_cost" else "transaction_value",)


SPECS: dict[str, IntentSpec] = {
    spec.tool: spec
    for spec in (
        IntentSpec("mexico_labor_cost", extract_labor, labor_text, defaults=_labor_defaults),
        IntentSpec("usmca_rvc", extract_rvc, rvc_text, required=_rvc_value_for_method, compare=rvc_methods),
        IntentSpec("landed_cost_compare", extract_landed, landed_text, scenario_fields=("scenarios",)),
        IntentSpec("immex_vat_cashflow", extract_vat, vat_text, defaults=_vat_defaults),
        IntentSpec("tco_compare", extract_tco, tco_text, scenario_fields=("offshore", "nearshore")),
        IntentSpec("transit_time", extract_transit, transit_text, compare=transit_legs),
    )
}


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


def decide(tool: str, args: dict[str, Any], lang: Lang, also: list[RouteDecision] | None = None) -> RouteDecision:
    """The decision for ``args`` once the spec's stated defaults fill what the question left out."""
    filled = {k: v for k, v in SPECS[tool].defaults(args).items() if k not in args}
    full = {**args, **filled}
    return RouteDecision(tool=tool, args=full, missing=missing_inputs(tool, full), lang=lang, assumed=list(filled),
                         also=list(also or []))
