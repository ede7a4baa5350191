"""The one registry of tools, how to run one by name, and the same tools for a LangChain agent.

The tools are the cost calculators and one lookup, ``tariff_line`` (lines of the US tariff schedule on file).
Importing this module is cheap: rate tables and the schedule are read on first use and LangChain is imported
only by :func:`langchain_tools`.
"""

from __future__ import annotations

import inspect
import math
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Callable

from pydantic import BaseModel, ValidationError

from assistant.errors import AssistantError, ToolInputError
from assistant.calculators.common import CalcInput, CalcResult, CalculatorInputError
from assistant.calculators.labor import LaborCostInput, mexico_labor_cost
from assistant.calculators.landed import LandedCostInput, landed_cost_compare
from assistant.calculators.rvc import RvcInput, usmca_rvc
from assistant.calculators.tariff_lines import TariffLineInput, tariff_line, tariff_line_text
from assistant.calculators.tco import TcoInput, tco_compare
from assistant.calculators.transit import TransitInput, transit_time
from assistant.validation import explain_validation_error
from assistant.calculators.vat import VatCashflowInput, immex_vat_cashflow

if TYPE_CHECKING:  # pragma: no cover
    from langchain_core.tools import StructuredTool


@dataclass(frozen=True)
class ToolSpec:
    """A tool: its name, input model, function and description (the function's docstring).

    ``text``, when set, writes the tool's result (its JSON form) as readable text for the command line, for a
    result the generic layout cannot show well; ``None`` = the generic layout.
    """

    name: str
    input_model: type[CalcInput]
    function: Callable[..., CalcResult]  # (input model, rates=None, *, today=None)
    description: str = field(default="")
    text: Callable[[dict[str, Any]], str] | None = None

    @property
    def summary(self) -> str:
        """The first paragraph of the description, on one line."""
        return " ".join(self.description.split("\n\n", 1)[0].split())


def _spec(name: str, input_model: type[CalcInput], function: Callable[[Any], CalcResult],
          text: Callable[[dict[str, Any]], str] | None = None) -> ToolSpec:
    return ToolSpec(name, input_model, function, inspect.getdoc(function) or "", text)


REGISTRY: dict[str, ToolSpec] = {
    spec.name: spec
    for spec in (
        _spec("mexico_labor_cost", LaborCostInput, mexico_labor_cost),
        _spec("usmca_rvc", RvcInput, usmca_rvc),
        _spec("landed_cost_compare", LandedCostInput, landed_cost_compare),
        _spec("immex_vat_cashflow", VatCashflowInput, immex_vat_cashflow),
        _spec("tco_compare", TcoInput, tco_compare),
        _spec("transit_time", TransitInput, transit_time),
        _spec("tariff_line", TariffLineInput, tariff_line, tariff_line_text),
    )
}


def get_tool(name: str) -> ToolSpec:
    """The tool called ``name``, or :class:`ToolInputError` listing the tools there are."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise ToolInputError(f"Unknown tool '{name}': use one of {', '.join(REGISTRY)}.", name) from None


def validate_args(name: str, args: dict[str, Any]) -> BaseModel:
    """The tool's input model built from ``args``, or :class:`ToolInputError` naming each bad field."""
    spec = get_tool(name)
    if not isinstance(args, dict):
        raise ToolInputError(f"Invalid input for {name}: the arguments must be an object of field names and values.", name)
    try:
        return spec.input_model.model_validate(args)
    except ValidationError as exc:
        raise ToolInputError(f"Invalid input for {name}: {explain_validation_error(exc, spec.input_model)}.", name) from None


def run_tool(name: str, args: dict[str, Any], *, today: date | None = None) -> dict[str, Any]:
    """Validate ``args``, run the calculator ``name`` and return its result as JSON-ready data.

    ``today`` is the date a calculation without ``as_of`` is for (a fixed clock); the system date by default.

    Raises:
        ToolInputError: unknown tool, invalid arguments, or inputs the rates on file cannot compute
            (e.g. a date outside the tables, a wage below the minimum wage).
    """
    spec = get_tool(name)
    inp = validate_args(name, args)
    try:
        result = spec.function(inp, today=today)
    except CalculatorInputError as exc:
        raise ToolInputError(f"Invalid input for {name}: {exc}", name) from None
    data = result.model_dump(mode="json")
    bad = _non_finite(data)
    if bad is not None:  # e.g. weekly_hours = 1e-320 passes "greater than 0" and divides to infinity
        odd = [f"{k} = {v:g}" for k, v in inp.model_dump().items()
               if isinstance(v, (int, float)) and not isinstance(v, bool) and v and not 1e-6 <= abs(v) <= 1e15]
        hint = f" (such as {', '.join(odd)})" if odd else ""
        raise ToolInputError(f"Invalid input for {name}: the inputs make {bad} infinite or undefined; check for a "
                             f"value that is far too small or too large{hint}.", name)
    for key in ("assumptions", "doc_ids", "notes"):  # figures first, their provenance last
        data[key] = data.pop(key)
    return data


def _non_finite(value: Any, path: str = "") -> str | None:
    """The path of the first infinite or NaN number in a JSON-like result, or None."""
    if isinstance(value, float) and not math.isfinite(value):
        return path or "the result"
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = ((f"[{i}]", v) for i, v in enumerate(value))
    else:
        return None
    for key, item in items:
        found = _non_finite(item, f"{path}.{key}" if path and not str(key).startswith("[") else f"{path}{key}")
        if found:
            return found
    return None


def _tool_function(name: str) -> Callable[..., dict[str, Any]]:
    from langchain_core.tools import ToolException

    def call(**kwargs: Any) -> dict[str, Any]:
        try:
            return run_tool(name, kwargs)
        except AssistantError as exc:  # bad input, or data on file that cannot be read (e.g. the tariff schedule)
            raise ToolException(exc.public_message() if not isinstance(exc, ToolInputError) else str(exc)) from None

    call.__name__ = name
    call.__doc__ = REGISTRY[name].description
    return call


def langchain_tools() -> list["StructuredTool"]:
    """Every calculator as a LangChain ``StructuredTool`` (schema = input model, description = docstring).

    Invalid arguments come back to the model as a message naming the field, not as an exception.
    """
    from langchain_core.tools import StructuredTool

    tools = []
    for spec in REGISTRY.values():
        def on_invalid(exc: ValidationError, spec: ToolSpec = spec) -> str:
            return f"Invalid input for {spec.name}: {explain_validation_error(exc, spec.input_model)}."

        tools.append(
            StructuredTool.from_function(
                func=_tool_function(spec.name),
                name=spec.name,
                description=spec.description,
                args_schema=spec.input_model,
                handle_tool_error=True,
                handle_validation_error=on_invalid,
            )
        )
    return tools
