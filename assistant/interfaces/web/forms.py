"""Calculator forms derived from the calculators' pydantic input models — no per-calculator UI code.

:func:`field_specs` reads a model's fields (name, type, default, description, bounds) into plain
:class:`FieldSpec` records the UI turns into widgets; :func:`parse_form` turns the widgets' values back into
the arguments of ``run_tool``.

A form cannot say more than the visitor did: an optional field starts empty — its placeholder says what empty
means ("default: 48", "default: the state's payroll tax"; a dropdown shows "(default: III)") — and a field left
empty is left out of the arguments, so the calculator's own default applies, exactly as if no form had been used. Numbers are typed as text (a number box would send 0 for
an empty field) and read by :func:`assistant.interfaces.web.numbers.read_number`.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import json
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from assistant.errors import UserInputError
from assistant.interfaces.web.lines import humanize, plain_words
from assistant.interfaces.web.numbers import NotANumber, bound_text, read_number, typed_text

DEFAULT_CHOICE = "(default)"
NUMBER_KINDS = ("number", "integer", "number_or_text")
_UNIT_WORDS = (" %", " MXN", " USD")
_PATH = re.compile(r"\b([a-z][a-z0-9_]*)((?:\[\d+\])?(?:\.[A-Za-z0-9_]+(?:\[\d+\])?)+)")
_STEP = re.compile(r"([A-Za-z0-9_]*)(?:\[(\d+)\])?")


@dataclass
class FieldSpec:
    name: str
    kind: str  # number | integer | text | choice | bool | date | number_or_text | json
    label: str
    info: str = ""
    default: Any = None  # what the widget starts with; "" or None = empty
    required: bool = False
    choices: list[str] = field(default_factory=list)
    primary: bool = True  # shown up front; the others go under "More options"
    placeholder: str = ""  # what an empty field means, or an example of what to type
    example: str = ""  # a valid value, named in the message about a value that cannot be read

    @property
    def title(self) -> str:
        """The label without the required-field mark."""
        return self.label.removesuffix(" *")

    def choice_pairs(self) -> list[tuple[str, str]]:
        """(shown, value) for a dropdown: ``net_cost`` is shown as 'net cost', the default as '(default: III)'."""
        return [(f"({self.placeholder})" if c == DEFAULT_CHOICE and self.placeholder else c.replace("_", " "), c)
                for c in self.choices]


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


def _limits(info) -> dict[str, float]:
    found = {}
    for meta in info.metadata:
        for attr in ("ge", "gt", "le", "lt"):
            if isinstance(getattr(meta, attr, None), (int, float)):
                found[attr] = getattr(meta, attr)
    return found


def _range_text(limits: dict[str, float]) -> str:
    """The accepted range in words: '1990 to 2100', 'more than 0, up to 48', 'at least 1'."""
    low = next(((a, limits[a]) for a in ("ge", "gt") if a in limits), None)
    high = next(((a, limits[a]) for a in ("le", "lt") if a in limits), None)
    if low and high and low[0] == "ge" and high[0] == "le":
        return f"{bound_text(low[1])} to {bound_text(high[1])}"
    words = {"ge": "at least", "gt": "more than", "le": "up to", "lt": "less than"}
    return ", ".join(f"{words[b[0]]} {bound_text(b[1])}" for b in (low, high) if b)


def _sample(kind: str, limits: dict[str, float]) -> float:
    """A value inside the limits, for a message that shows what to type."""
    low = limits.get("ge", limits.get("gt"))
    high = limits.get("le", limits.get("lt"))
    if kind == "integer":
        return low + ("gt" in limits) if low is not None else 1
    if (high is None or high >= 1e7) and (low is None or low < 1_234_567.5):
        return 1_234_567.5  # shows the thousands separator
    if low is not None and high is not None:
        return round(low + (high - low) / 4, 1)
    return low + 1 if low is not None else 1.5


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


def field_label(name: str) -> str:
    """A field's label: its name in words, a unit in brackets ('Payroll tax rate (%)', 'Daily wage (MXN)')."""
    words = humanize(name)
    for unit in _UNIT_WORDS:
        if words.endswith(unit) and len(words) > len(unit) and not words.endswith(f" per{unit}"):
            return f"{words[: -len(unit)]} ({unit.strip()})"
    return words


def _placeholder(kind: str, required: bool, default: Any, extra: dict, examples: list) -> str:
    """What an empty field means ('default: 48'), or what to type ('e.g. 8544.42')."""
    if kind == "date":
        return f"YYYY-MM-DD (default: {extra.get('when_empty', 'today')})"
    if required or kind not in (*NUMBER_KINDS, "text", "choice"):
        return f"e.g. {typed_text(examples[0])}" if examples else ""
    if default is not None:
        return f"default: {plain_words(typed_text(default))}"
    if "when_empty" in extra:
        return f"default: {extra['when_empty']}"
    if kind == "choice":
        return ""
    return f"optional, e.g. {typed_text(examples[0])}" if examples else "leave empty for the default"


def field_specs(model: type[BaseModel], example: dict[str, Any] | None = None) -> list[FieldSpec]:
    """One :class:`FieldSpec` per field of ``model``; ``example`` (valid arguments) fills the fields it names."""
    example = example or {}
    specs = []
    for name, info in model.model_fields.items():
        annotation, _ = _strip_optional(info.annotation)
        kind, choices = _kind(annotation)
        required = info.is_required()
        default = _jsonable(None if required else info.get_default(call_default_factory=True))
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        limits = _limits(info)
        accepted = extra.get("accepted") or _range_text(limits)
        help_text = " ".join(x for x in (info.description or "", f"({accepted})" if accepted else "") if x)
        if kind == "bool" and not required and name not in example:  # a checkbox cannot say "not given"
            kind, choices = "choice", ["yes", "no"]
            default = None if default is None else ("yes" if default else "no")
        placeholder = _placeholder(kind, required, default, extra, list(info.examples or []))
        start = _jsonable(example[name]) if name in example else default
        if kind == "choice" and not required:  # "(default: III)": the calculator knows it was not chosen
            choices = [DEFAULT_CHOICE, *choices]
            start = start if name in example else DEFAULT_CHOICE
        elif kind == "json":
            start = "" if start is None else json.dumps(start, indent=2, ensure_ascii=False)
        elif kind in (*NUMBER_KINDS, "text", "date"):  # typed fields start empty unless the example fills them
            start = typed_text(example[name]) if name in example else ""
        sample = "" if kind not in NUMBER_KINDS else next(
            (x for x in (*(info.examples or []), example.get(name), default) if x not in (None, "")), _sample(kind, limits))
        specs.append(FieldSpec(
            name=name, kind=kind, label=field_label(name) + (" *" if required else ""), info=help_text,
            default=start, required=required, choices=choices, primary=required or name in example,
            placeholder=placeholder, example=typed_text(sample),
        ))
    if not any(not s.primary for s in specs) or all(not s.primary for s in specs):
        for s in specs:
            s.primary = True
    return specs


class FormError(UserInputError):
    """A form value that cannot even be read (a number with letters, malformed JSON); names the field."""


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number(spec: FieldSpec, value: Any) -> float | int:
    if isinstance(value, (int, float)) and not isinstance(value, bool):  # an API client may send numbers
        number = float(value)
    else:
        try:
            number = read_number(str(value), percent=spec.name.endswith("_pct"))
        except NotANumber as exc:
            typed = str(value).strip()
            if exc.fix:
                raise FormError(f"{spec.title}: “{typed}” has a decimal comma; type {exc.fix} (a comma separates "
                                "thousands, as in 1,234.5).") from None
            raise FormError(f"{spec.title}: “{typed}” is not a number; type one like {spec.example}.") from None
    return int(number) if spec.kind == "integer" and number.is_integer() else number


def _value(spec: FieldSpec, value: Any) -> Any:
    if spec.kind == "bool":
        return bool(value)
    if spec.kind in ("integer", "number"):
        return _number(spec, value)
    if spec.kind == "number_or_text":
        try:
            return _number(spec, value)
        except FormError:
            return str(value).strip()
    if spec.kind == "json":
        try:
            return json.loads(value) if isinstance(value, str) else value
        except json.JSONDecodeError as exc:
            raise FormError(f"{spec.title}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    return str(value).strip()  # text, date, choice


def parse_form(specs: list[FieldSpec], values: list[Any]) -> dict[str, Any]:
    """The widgets' values → the calculator's arguments; empty values and '(default)' are left out."""
    return {spec.name: _value(spec, value) for spec, value in zip(specs, values, strict=True)
            if not _is_empty(value) and value != DEFAULT_CHOICE}


def _path_words(match: re.Match, titles: dict[str, str]) -> str:
    """``scenarios[0].unit_price_usd`` → 'Scenarios #1 › Unit price USD' (a path under a field of the form)."""
    if match[1] not in titles:
        return match[0]
    words = []
    for i, step in enumerate(f"{match[1]}{match[2]}".split(".")):
        name, index = _STEP.fullmatch(step).groups()
        word = titles[name] if i == 0 else humanize(name)
        words.append(f"{word} #{int(index) + 1}" if index is not None else word)
    return " › ".join(words)


def form_message(message: str, specs: list[FieldSpec], tool: str) -> str:
    """A calculator's error in the form's words: without the tool's name, each field by its label."""
    text = message.removeprefix(f"Invalid input for {tool}: ")
    titles = {s.name: s.title for s in specs}
    text = _PATH.sub(lambda m: _path_words(m, titles), text)
    for spec in sorted(specs, key=lambda s: -len(s.name)):  # an identifier anywhere, a plain word as a subject
        where = rf"\b{re.escape(spec.name)}\b" if "_" in spec.name else rf"(?:^|(?<=; )){re.escape(spec.name)}\b"
        text = re.sub(where, spec.title, text)
    return text[:1].upper() + text[1:]


# Starting values for the forms. A calculator's input model may carry its own (``json_schema_extra``
# ``{"examples": [...]}``), which then wins; these fill the required fields of models that carry none.
# tests/test_forms.py runs every calculator with the values its form starts with, and checks the result is the
# one of these arguments alone.
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
    """The arguments a calculator's form starts with: the model's own example, else ours, else none (a copy the
    caller may change)."""
    extra = model.model_config.get("json_schema_extra")
    if isinstance(extra, dict) and extra.get("examples"):
        return copy.deepcopy(dict(extra["examples"][0]))
    return copy.deepcopy(FORM_EXAMPLES.get(name, {}))
