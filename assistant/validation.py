"""Turn a pydantic ``ValidationError`` into one readable sentence naming each field and what it accepts.

The one place that does this: the calculators, the HTTP API, the corpus front-matter check and the QA loader all
word validation errors through :func:`explain_validation_error` / :func:`describe_error`.
"""

from __future__ import annotations

import math
import types
import typing
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

_UNITS = (("_pct", "percent"), ("_usd", "USD"), ("_mxn", "MXN"), ("_days", "days"), ("_hours", "hours"))


def _inner_types(annotation: Any) -> list[Any]:
    """The concrete types inside Optional / Union / list / Annotated."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner_types(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, tuple, set):
        return [t for arg in typing.get_args(annotation) for t in _inner_types(arg)]
    return [annotation]


def submodel(info: FieldInfo) -> type[BaseModel] | None:
    for t in _inner_types(info.annotation):
        if isinstance(t, type) and issubclass(t, BaseModel):
            return t
    return None


def _number(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"


def accepted(name: str, info: FieldInfo) -> str:
    """What a field accepts, in words: 'a whole number between 1 and 100,000', "one of 'general', 'border'"."""
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    if "accepted" in extra:
        return str(extra["accepted"])
    kinds = [t for t in _inner_types(info.annotation) if t is not type(None)]
    literals = [v for t in kinds if typing.get_origin(t) is Literal for v in typing.get_args(t)]
    if literals:
        return "one of " + ", ".join(repr(v) for v in literals)
    if bool in kinds:
        return "true or false"
    if date in kinds:
        return "a date YYYY-MM-DD"
    bounds = {type(m).__name__: m for m in info.metadata}
    if int in kinds or float in kinds:
        what = "a whole number" if int in kinds and float not in kinds else "a number"
        low = bounds.get("Ge") or bounds.get("Gt")
        high = bounds.get("Le") or bounds.get("Lt")
        low_v = None if low is None else getattr(low, "ge", getattr(low, "gt", None))
        high_v = None if high is None else getattr(high, "le", getattr(high, "lt", None))
        if low_v is not None and high_v is not None:
            text = f"{what} between {_number(low_v)} and {_number(high_v)}"
            if "Gt" in bounds:
                text = f"{what} greater than {_number(low_v)} and at most {_number(high_v)}"
        elif low_v is not None:
            text = f"{what} {'greater than' if 'Gt' in bounds else 'of at least'} {_number(low_v)}"
        elif high_v is not None:
            text = f"{what} of at most {_number(high_v)}"
        else:
            text = what
        unit = next((u for suffix, u in _UNITS if name.endswith(suffix)), None)
        return f"{text} ({unit})" if unit else text
    sub = submodel(info)
    if sub is not None:
        many = any(typing.get_origin(t) is list for t in [info.annotation])
        required = [n for n, f in sub.model_fields.items() if f.is_required()]
        counts = {type(m).__name__: m for m in info.metadata}
        size = ""
        if many and "MinLen" in counts and "MaxLen" in counts:
            size = f"{counts['MinLen'].min_length} to {counts['MaxLen'].max_length} "
        noun = f"a list of {size}objects" if many else "an object"
        return f"{noun} with {', '.join(required)}" if required else noun
    if str in kinds:
        return "text"
    return "a valid value"


def resolve_location(model: type[BaseModel], loc: tuple) -> tuple[str, FieldInfo | None, type[BaseModel] | None]:
    """Walk an error location through nested models; skip pydantic's union and validator tags."""
    path, info, current = "", None, model
    for item in loc:
        if isinstance(item, int):
            path += f"[{item}]"
        elif current is not None and item in current.model_fields:
            info = current.model_fields[item]
            path = f"{path}.{item}" if path else str(item)
            current = submodel(info)
    return path, info, current


def _show(value: Any) -> str:
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return str(value)
    if isinstance(value, (dict, list)):
        text = repr(value)
        return text if len(text) <= 60 else text[:57] + "..."
    return repr(value) if isinstance(value, str) else str(value)


def describe_error(err: dict) -> str:
    """One pydantic error as a sentence a website developer can act on."""
    loc = [str(p) for p in err.get("loc", ()) if p != "body"]
    where = ".".join(loc) or "request body"
    ctx = err.get("ctx") or {}
    value = err.get("input")
    kind = err.get("type", "")
    if kind == "json_invalid":
        return "the request body is not valid JSON"
    if kind == "string_too_long":
        got = f" (got {len(value)})" if isinstance(value, str) else ""
        return f"{where} is too long: at most {ctx.get('max_length')} characters{got}"
    if kind == "too_long":
        got = f" (got {len(value)})" if isinstance(value, list) else ""
        unit = "messages" if loc and loc[0] == "history" else "items"
        return f"{where} has too many {unit}: at most {ctx.get('max_length')}{got}"
    if kind == "string_too_short":
        return f"{where} is empty: give at least {ctx.get('min_length', 1)} character(s)"
    if kind == "missing":
        return f"{where} is required"
    if kind == "extra_forbidden":
        return f"{where} is not a known field"
    message = str(err.get("msg", "is invalid"))
    message = message.removeprefix("Value error, ")
    return f"{where}: {message}"


def explain_validation_error(exc: ValidationError, model: type[BaseModel] | None = None) -> str:
    """One sentence (no final period) listing each invalid field with what it accepts.

    With the ``model`` that was validated, each field's accepted values are spelled out from its annotation;
    without it, each error is worded by :func:`describe_error`.
    """
    if model is None:
        return "; ".join(dict.fromkeys(describe_error(err) for err in exc.errors()))
    parts: list[str] = []
    seen: set[str] = set()
    for err in exc.errors():
        loc = tuple(err.get("loc", ()))
        kind = err.get("type", "")
        if kind == "extra_forbidden":
            path, _, parent = resolve_location(model, loc[:-1])
            name = f"{path}.{loc[-1]}" if path else str(loc[-1])
            fields = ", ".join((parent or model).model_fields)
            text = f"{name} is not an accepted field (accepted: {fields})"
        else:
            path, info, _ = resolve_location(model, loc)
            msg = str(err.get("msg", "")).removeprefix("Value error, ").removeprefix("Assertion failed, ")
            if info is None:
                text = msg  # a model-level check: its message names the fields
            elif kind == "missing":
                text = f"{path} is required: give {accepted(path.rsplit('.', 1)[-1], info)}"
            elif kind == "value_error":
                text = f"{path}: {msg}"
            else:
                name = path.rsplit(".", 1)[-1].split("[")[0]
                text = f"{path} must be {accepted(name, info)}; got {_show(err.get('input'))}"
            key = path if info is not None else text
            if key in seen:
                continue
            seen.add(key)
        parts.append(text)
    return "; ".join(parts)
