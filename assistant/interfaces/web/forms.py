"""Calculator forms derived from the calculators' pydantic input models — no per-calculator UI code.

:func:`field_specs` reads a model's fields (name, type, default, description, bounds) into plain
:class:`FieldSpec` records the UI turns into widgets; :func:`parse_form` turns the widgets' values back into
the arguments of ``run_tool``. Values left empty are omitted, so the calculator's own defaults apply.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from assistant.errors import UserInputError

from assistant.interfaces.web.render import humanize

DEFAULT_CHOICE = "(default)"


@dataclass
class FieldSpec:
    name: str
    kind: str  # number | integer | text | choice | bool | date | number_or_text | json
    label: str
    info: str = ""
    default: Any = None
    required: bool = False
    choices: list[str] = field(default_factory=list)
    primary: bool = True  # shown up front; the others go under "More options"


def _strip_optional(annotation: Any) -> tuple[Any, bool]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional = len(args) < len(typing.get_args(annotation))
        inner = args[0] if len(args) == 1 else typing.Union[tuple(args)]
        return inner, optional
    return annotation, False


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _kind(annotation: Any) -> tuple[str, list[str]]:
    annotation = _unwrap(annotation)
    origin = typing.get_origin(annotation)
    if origin is Literal:
        return "choice", [str(v) for v in typing.get_args(annotation)]
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return "choice", [str(m.value) for m in annotation]
    if annotation is bool:
        return "bool", []
    if annotation is int:
        return "integer", []
    if annotation is float:
        return "number", []
    if annotation is dt.date:
        return "date", []
    if annotation is str:
        return "text", []
    if origin in (typing.Union, types.UnionType):
        kinds = [_kind(a)[0] for a in typing.get_args(annotation)]
        if set(kinds) <= {"number", "integer", "choice", "text"} and {"number", "integer"} & set(kinds):
            return "number_or_text", []
        return "json", []
    return "json", []


def _bounds(info) -> str:
    parts = []
    for meta in info.metadata:
        for attr, sign in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<")):
            value = getattr(meta, attr, None)
            if value is not None:
                parts.append(f"{sign} {value:,g}" if isinstance(value, (int, float)) else f"{sign} {value}")
    return ", ".join(parts)


def _jsonable(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (dt.date, enum.Enum)):
        return str(value.value if isinstance(value, enum.Enum) else value)
    return value


def field_specs(model: type[BaseModel], example: dict[str, Any] | None = None) -> list[FieldSpec]:
    """One :class:`FieldSpec` per field of ``model``; ``example`` (valid arguments) supplies defaults."""
    example = example or {}
    specs = []
    for name, info in model.model_fields.items():
        annotation, optional = _strip_optional(info.annotation)
        kind, choices = _kind(annotation)
        required = info.is_required()
        default = example.get(name, None if required else info.get_default(call_default_factory=True))
        default = _jsonable(default)
        help_text = info.description or ""
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        bounds = extra.get("accepted") or _bounds(info)
        if bounds:
            help_text = f"{help_text} ({bounds})" if help_text else str(bounds)
        if kind == "choice" and (optional or not required) and default is None:
            choices = [DEFAULT_CHOICE, *choices]
            default = DEFAULT_CHOICE
        if kind == "json" and default is not None:
            default = json.dumps(default, indent=2, ensure_ascii=False)
        if kind == "date" and default is not None:
            default = str(default)
        specs.append(FieldSpec(
            name=name, kind=kind, label=humanize(name) + (" *" if required else ""), info=help_text,
            default=default, required=required, choices=choices,
            primary=required or name in example,
        ))
    if not any(not s.primary for s in specs) or all(not s.primary for s in specs):
        for s in specs:
            s.primary = True
    return specs


class FormError(UserInputError):
    """A form value that cannot even be read (e.g. malformed JSON); names the field."""


def parse_form(specs: list[FieldSpec], values: list[Any]) -> dict[str, Any]:
    """The widgets' values → the calculator's arguments; empty values are left out."""
    args: dict[str, Any] = {}
    for spec, value in zip(specs, values, strict=True):
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if spec.kind == "choice":
            if value == DEFAULT_CHOICE:
                continue
            args[spec.name] = value
        elif spec.kind == "bool":
            args[spec.name] = bool(value)
        elif spec.kind == "integer":
            number = float(value)
            args[spec.name] = int(number) if number.is_integer() else number
        elif spec.kind == "number":
            args[spec.name] = float(value)
        elif spec.kind == "number_or_text":
            text = str(value).strip().replace(",", "")
            try:
                args[spec.name] = float(text)
            except ValueError:
                args[spec.name] = str(value).strip()
        elif spec.kind == "json":
            try:
                args[spec.name] = json.loads(value) if isinstance(value, str) else value
            except json.JSONDecodeError as exc:
                raise FormError(f"{spec.name}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
        else:  # text, date
            args[spec.name] = str(value).strip()
    return args


# Starting values for the forms. A calculator's input model may carry its own (``json_schema_extra``
# ``{"examples": [...]}``), which then wins; these fill the required fields of models that carry none.
# tests/test_web_ui.py runs every calculator with the values its form starts with.
_SHENZHEN = {
    "name": "Shenzhen supplier", "origin": "Shenzhen", "destination": "Chicago", "mode": "ocean",
    "unit_price_usd": 10.0, "units_per_shipment": 20000, "freight_per_shipment_usd": 4500,
    "insurance_per_shipment_usd": 300, "inland_freight_per_shipment_usd": 1800, "brokerage_per_shipment_usd": 250,
    "duty_layers": [{"name": "General (MFN)", "rate_pct": 2.5}, {"name": "Section 301", "rate_pct": 25}],
}
_MONTERREY = {
    "name": "Monterrey IMMEX plant", "origin": "Monterrey", "destination": "Chicago", "mode": "truck",
    "unit_price_usd": 11.5, "units_per_shipment": 5000, "freight_per_shipment_usd": 2800,
    "brokerage_per_shipment_usd": 150, "usmca_qualifying": True,
    "duty_layers": [{"name": "General (MFN)", "rate_pct": 2.5, "usmca_exempt": True}],
}
FORM_EXAMPLES: dict[str, dict[str, Any]] = {
    "mexico_labor_cost": {"daily_wage_mxn": "minimum", "state": "Chihuahua", "zone": "border", "headcount": 200},
    "usmca_rvc": {"method": "transaction_value", "vnm": 70, "transaction_value": 200},
    "landed_cost_compare": {"scenarios": [_SHENZHEN, _MONTERREY], "annual_units": 100_000},
    "immex_vat_cashflow": {"annual_temporary_imports_usd": 5_000_000},
    "tco_compare": {"offshore": _SHENZHEN, "nearshore": _MONTERREY, "annual_units": 100_000},
    "transit_time": {"origin": "Shenzhen", "destination": "Chicago"},
}


def example_for(name: str, model: type[BaseModel]) -> dict[str, Any]:
    """The arguments a calculator's form starts with: the model's own example, else ours, else none."""
    extra = model.model_config.get("json_schema_extra")
    if isinstance(extra, dict) and extra.get("examples"):
        return dict(extra["examples"][0])
    return dict(FORM_EXAMPLES.get(name, {}))
