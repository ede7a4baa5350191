"""What every calculator shares: the error types, the input and result base models, assumptions."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from assistant.errors import UserInputError


class CalculatorInputError(UserInputError):
    """Input that is well formed but cannot be computed, e.g. a wage below the minimum wage on file.

    The message is one sentence that names the field and what it accepts.
    """


class RateNotInForceError(CalculatorInputError):
    """No row of a rate table is in force on the requested date; the message names the date and the range."""


class CalcInput(BaseModel):
    """Base of every calculator input: unknown fields, NaN and infinities are rejected."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, str_strip_whitespace=True)


class Assumption(BaseModel):
    """One rate or default the result depends on, with where it comes from."""

    name: str = Field(description="What the figure is, e.g. 'UMA (daily)'.")
    value: float | str | list[float] | None = Field(description="The figure used.")
    unit: str = Field(description="Its unit, e.g. 'MXN per day' or 'percent'.")
    effective_from: date | None = Field(default=None, description="First day the figure is in force.")
    effective_to: date | None = Field(default=None, description="Last day it is in force; null = until changed.")
    source: str = Field(description="Title and URL of the source, or 'input' for a figure the user gave.")


class CalcResult(BaseModel):
    """Base of every calculator result: the assumptions behind it and the corpus documents that explain it."""

    as_of: date = Field(description="The date whose rates were applied.")
    assumptions: list[Assumption] = Field(default_factory=list)
    doc_ids: list[str] = Field(default_factory=list, description="Corpus documents that explain the rules used.")
    notes: list[str] = Field(default_factory=list, description="Caveats worth reading with the figures.")
    notices: list[str] = Field(
        default_factory=list,
        description="Rate tables used past their last row: the latest rates on file were applied to a later date. "
        "Read these first; they say which figures may be out of date.",
    )


def calc_date(as_of: date | None, today: date | None = None) -> date:
    """The date whose rates a calculation applies: the ``as_of`` asked for, else today — the ``today`` passed
    in (a fixed clock in tests), else the system date."""
    if as_of is not None:
        return as_of
    return today if today is not None else date.today()


def field_label(model: type[BaseModel], field: str, lang: str = "en") -> str | None:
    """How an input field is named to a person, in English or Spanish: the ``label_en`` / ``label_es`` of the
    field's ``json_schema_extra``, or ``None`` when the field has no label."""
    info = model.model_fields.get(field)
    extra = info.json_schema_extra if info is not None and isinstance(info.json_schema_extra, dict) else {}
    label = extra.get(f"label_{lang}")
    return None if label is None else str(label)


def given(name: str, value: float | str | None, unit: str, *, default: bool = False) -> Assumption:
    """An assumption that comes from the input (or from the calculator's stated default), not from a table."""
    source = "calculator default (a planning assumption, not a published rate)" if default else "input"
    return Assumption(name=name, value=value, unit=unit, source=source)


def money(x: float) -> float:
    """Round an amount to cents for the result."""
    return round(x + 0.0, 2)


def unique(items: list[str]) -> list[str]:
    """The items in their first-seen order, without repeats."""
    return list(dict.fromkeys(items))
