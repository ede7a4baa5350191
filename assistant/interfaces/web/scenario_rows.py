"""Sourcing scenarios as rows a person can edit: one table of scenarios, one of duty layers. Pure functions.

The landed-cost and TCO calculators take scenarios (:class:`~assistant.calculators.landed.Scenario`) with a list
of duty layers (:class:`~assistant.calculators.landed.DutyLayer`). In the web form they are two small tables:

- **Scenarios** — one row per scenario, one column per field of the scenario model except its duty layers
  (name, origin, destination, mode, unit price, units per shipment, freight …), in the model's order;
- **Duty layers** — one row per layer: the scenario it belongs to (its name or row number), then the fields of
  the layer model (layer, rate, what it applies to, metal content, USMCA-exempt).

A cell left empty is left out, so the calculator's own default applies (as in every form). :func:`rows_to_args`
reads the tables into the calculator's arguments and names the table, the row and the column of anything it
cannot read, with what to type instead; :func:`args_to_rows` writes arguments back as rows; :func:`rows_json`
and :func:`rows_from_json` are the advanced JSON view of the same rows. :data:`DUTY_PRESETS` are the usual
layers (MFN, Section 301, Section 232, MFN waived for USMCA-qualifying goods), applied by :func:`apply_preset`.
"""

from __future__ import annotations

import json
import re
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from assistant.calculators.landed import DutyLayer, Scenario
from assistant.interfaces.web.forms import FormError, field_label
from assistant.interfaces.web.numbers import NotANumber, read_number, typed_text
from assistant.validation import accepted

SCENARIOS_TABLE, LAYERS_TABLE = "Scenarios", "Duty layers"
SCENARIO_REF = "Scenario"  # the duty-layer table's first column: which scenario a layer belongs to
_HEADERS = {"name": "Name", "usmca_qualifying": "USMCA qualifying", "usmca_exempt": "USMCA-exempt", "base": "Applies to",
            "mode": "Mode"}
_LAYER_HEADERS = {"name": "Duty or surcharge"}
_YES, _NO = ("yes", "y", "true", "sí", "si", "1"), ("no", "n", "false", "0")


@dataclass(frozen=True)
class Column:
    """One column of a table: the model field it fills, its header and how its cells are read."""

    field: str
    header: str
    kind: str  # text | choice | number | integer | bool
    required: bool
    choices: tuple[str, ...] = ()


def _column(model: type[BaseModel], name: str, headers: dict[str, str]) -> Column:
    info = model.model_fields[name]
    annotation = info.annotation
    optional = typing.get_origin(annotation) in (typing.Union, types.UnionType)
    inner = next(a for a in typing.get_args(annotation) if a is not type(None)) if optional else annotation
    if typing.get_origin(inner) is Literal:
        kind, choices = "choice", tuple(str(v) for v in typing.get_args(inner))
    else:
        kind, choices = {bool: "bool", int: "integer", float: "number"}.get(inner, "text"), ()
    return Column(name, headers.get(name) or _HEADERS.get(name) or field_label(name), kind, info.is_required(), choices)


SCENARIO_COLUMNS = tuple(_column(Scenario, n, {}) for n in Scenario.model_fields if n != "duty_layers")
LAYER_COLUMNS = tuple(_column(DutyLayer, n, _LAYER_HEADERS) for n in DutyLayer.model_fields)
SCENARIO_HEADERS = [c.header for c in SCENARIO_COLUMNS]
LAYER_HEADERS = [SCENARIO_REF, *(c.header for c in LAYER_COLUMNS)]


@dataclass(frozen=True)
class Preset:
    """A usual duty layer. ``keep_rate``: an existing layer of the same name keeps its rate (the product's own MFN
    rate); ``qualifies``: the scenario is marked USMCA-qualifying too (else an exempt layer changes nothing)."""

    label: str
    layer: dict[str, Any]
    keep_rate: bool = False
    qualifies: bool = False


# Rates from the knowledge base: us-tariff-stacking-mexico-vs-china, section-301-china-tariffs and
# section-232-steel-aluminum-copper. The MFN rate depends on the product's HTS line: 2.5% is an example to edit.
DUTY_PRESETS: dict[str, Preset] = {
    "mfn": Preset("MFN general duty (2.5% — type your HTS line's rate)",
                  {"name": "General (MFN)", "rate_pct": 2.5}, keep_rate=True),
    "301": Preset("Section 301, China Lists 1–3 (25%)", {"name": "Section 301", "rate_pct": 25.0}),
    "301_4a": Preset("Section 301, China List 4A (7.5%)", {"name": "Section 301", "rate_pct": 7.5}),
    "232": Preset("Section 232 steel, aluminum, copper (50% of the full value)",
                  {"name": "Section 232 metals", "rate_pct": 50.0}),
    "usmca": Preset("USMCA-exempt MFN (waived for qualifying goods from Mexico)",
                    {"name": "General (MFN)", "rate_pct": 2.5, "usmca_exempt": True}, keep_rate=True, qualifies=True),
}


class RowError(FormError):
    """A cell the rows editor cannot read; the message names the table, the row, the column and the fix."""


# ---------------------------------------------------------------------- model → rows
def _cell_text(column: Column, value: Any) -> str:
    if value is None:
        return ""
    if column.kind == "bool":
        return "yes" if value else "no"
    if column.kind == "choice":
        return str(value).replace("_", " ")
    return typed_text(value)


def _shown(columns: tuple[Column, ...], model: type[BaseModel], item: dict[str, Any]) -> list[str]:
    """A row's cells; a yes/no or a choice left out shows the model's default (an empty cell would mean it too)."""
    def value(c: Column) -> Any:
        if c.field in item or c.required or c.kind not in ("bool", "choice"):
            return item.get(c.field)
        return model.model_fields[c.field].get_default()

    return [_cell_text(c, value(c)) for c in columns]


def scenario_rows(scenarios: list[dict[str, Any]]) -> tuple[list[list[str]], list[list[str]]]:
    """Scenarios (the model's dicts) → (scenario rows, duty-layer rows); a layer's first cell is its scenario."""
    rows = [_shown(SCENARIO_COLUMNS, Scenario, sc) for sc in scenarios]
    layers = [[str(sc.get("name", i + 1)), *_shown(LAYER_COLUMNS, DutyLayer, layer)]
              for i, sc in enumerate(scenarios) for layer in sc.get("duty_layers") or []]
    return rows, layers


# ---------------------------------------------------------------------- rows → model
def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value) or not str(value).strip()


def _where(table: str, row: int, column: Column | str) -> str:
    return f"{table}, row {row}, {column if isinstance(column, str) else column.header}"


def _read(column: Column, value: Any, where: str, model: type[BaseModel]) -> Any:
    text = str(value).strip()
    if column.kind == "bool":
        if isinstance(value, bool) or text.lower() in (*_YES, *_NO):
            return value if isinstance(value, bool) else text.lower() in _YES
        raise RowError(f"{where}: “{text}” is not yes or no; type yes or no.")
    if column.kind == "choice":
        key = text.lower().replace(" ", "_")
        if key in column.choices:
            return key
        raise RowError(f"{where}: “{text}” is not one of {', '.join(c.replace('_', ' ') for c in column.choices)}; "
                       "type one of them.")
    if column.kind in ("number", "integer"):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = float(value)
        else:
            try:
                number = read_number(text, percent=column.field.endswith("_pct"))
            except NotANumber as exc:
                fix = f"type {exc.fix} (a comma separates thousands)" if exc.fix else "type a number such as 1,234.5"
                raise RowError(f"{where}: “{text}” is not a number; {fix}.") from None
        if column.kind == "integer":
            if not number.is_integer():
                raise RowError(f"{where}: {typed_text(number)} is not a whole number; type one such as 5,000.")
            return int(number)
        return number
    return text


def _validated(model: type[BaseModel], data: dict[str, Any], columns: tuple[Column, ...], table: str, row: int):
    """The row as the model would take it, or a :class:`RowError` naming the row and the column."""
    try:
        model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        by_field = {c.field: c for c in columns}
        field = next((str(p) for p in err["loc"] if str(p) in by_field), None)
        if field is not None:
            info = model.model_fields[field]
            got = data.get(field)
            raise RowError(f"{_where(table, row, by_field[field])}: {typed_text(got)} is not accepted; type "
                           f"{accepted(field, info)}.") from None
        message = str(err.get("msg", "")).removeprefix("Value error, ")
        for c in sorted(columns, key=lambda c: -len(c.field)):
            message = re.sub(rf"\b{re.escape(c.field)}\b", c.header, message)
        raise RowError(f"{table}, row {row}: {message.replace('_', ' ')}.") from None


def _hint(model: type[BaseModel], column: Column) -> str:
    """What to type in a column: its accepted values, or for text the example its description gives."""
    info = model.model_fields[column.field]
    example = re.search(r"e\.g\. ([^.;]+?)(?:\.|;|$)", info.description or "")
    return f"one, e.g. {example.group(1)}" if column.kind == "text" and example else accepted(column.field, info)


def _row_dict(cells: list[Any], columns: tuple[Column, ...], table: str, row: int, model) -> dict[str, Any]:
    if len(cells) < len(columns):
        cells = [*cells, *[None] * (len(columns) - len(cells))]
    data: dict[str, Any] = {}
    for column, value in zip(columns, cells):
        if _blank(value):
            if column.required:
                raise RowError(f"{_where(table, row, column)} is empty; type {_hint(model, column)}.")
            continue
        data[column.field] = _read(column, value, _where(table, row, column), model)
    return data


def _rows(table: Any) -> list[list[Any]]:
    """A Dataframe's value as a list of rows, whatever form it comes in (list, pandas, Gradio's dict)."""
    if table is None:
        return []
    if isinstance(table, dict):
        table = table.get("data") or []
    if hasattr(table, "values") and hasattr(table, "columns"):
        table = table.values.tolist()
    return [list(r) for r in table if not all(_blank(c) for c in r)]  # a blank row is no row


def scenarios_from_rows(scenario_table: Any, layer_table: Any) -> list[dict[str, Any]]:
    """The two tables → the scenarios, as the calculators take them; :class:`RowError` for a cell that is wrong."""
    scenarios = []
    for i, cells in enumerate(_rows(scenario_table), start=1):
        data = _row_dict(cells, SCENARIO_COLUMNS, SCENARIOS_TABLE, i, Scenario)
        _validated(Scenario, data, SCENARIO_COLUMNS, SCENARIOS_TABLE, i)
        scenarios.append({**data, "duty_layers": []})
    names = [sc["name"] for sc in scenarios]
    for i, cells in enumerate(_rows(layer_table), start=1):
        ref = "" if _blank(cells[0]) else str(cells[0]).strip()
        owner = _owner(ref, names)
        if owner is None:
            choices = ", ".join(names) or "(no scenario yet)"
            raise RowError(f"{_where(LAYERS_TABLE, i, SCENARIO_REF)}: “{ref}” is no scenario of the table above; type "
                           f"one of {choices} (or its row number).")
        data = _row_dict(list(cells[1:]), LAYER_COLUMNS, LAYERS_TABLE, i, DutyLayer)
        _validated(DutyLayer, data, LAYER_COLUMNS, LAYERS_TABLE, i)
        scenarios[owner]["duty_layers"].append(data)
    for sc in scenarios:
        if not sc["duty_layers"]:
            del sc["duty_layers"]  # none given: the calculator's default (no duty)
    return scenarios


def _owner(ref: str, names: list[str]) -> int | None:
    folded = [n.casefold() for n in names]
    if ref.casefold() in folded:
        return folded.index(ref.casefold())
    if ref.isdigit() and 1 <= int(ref) <= len(names):
        return int(ref) - 1
    return None


# ---------------------------------------------------------------------- the calculators' arguments
def row_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a calculator's input model that hold scenarios (``scenarios``; ``offshore``, ``nearshore``)."""
    found = []
    for name, info in model.model_fields.items():
        annotation = info.annotation
        if annotation is Scenario or typing.get_args(annotation) == (Scenario,):
            found.append(name)
    return tuple(found)


def rows_to_args(fields: tuple[str, ...], scenario_table: Any, layer_table: Any) -> dict[str, Any]:
    """The tables → the calculator's scenario arguments: ``{"scenarios": [...]}`` for a list field, else one
    scenario per field in row order (``offshore`` = row 1, ``nearshore`` = row 2)."""
    scenarios = scenarios_from_rows(scenario_table, layer_table)
    if len(fields) == 1:
        return {fields[0]: scenarios}
    if len(scenarios) != len(fields):
        raise RowError(f"{SCENARIOS_TABLE}: {len(scenarios)} rows; give exactly {len(fields)}, one for each of "
                       f"{' and '.join(field_label(f).lower() for f in fields)}, in that order.")
    return dict(zip(fields, scenarios))


def args_to_rows(fields: tuple[str, ...], args: dict[str, Any]) -> tuple[list[list[str]], list[list[str]]]:
    """The scenario arguments → (scenario rows, layer rows)."""
    if len(fields) == 1:
        return scenario_rows(list(args.get(fields[0]) or []))
    return scenario_rows([args[f] for f in fields if args.get(f)])


def rows_json(fields: tuple[str, ...], scenario_table: Any, layer_table: Any) -> str:
    """The advanced view: the tables as the calculator's JSON (raises :class:`RowError` like :func:`rows_to_args`)."""
    args = rows_to_args(fields, scenario_table, layer_table)
    return json.dumps(args[fields[0]] if len(fields) == 1 else args, indent=2, ensure_ascii=False)


def rows_from_json(fields: tuple[str, ...], text: str) -> tuple[list[list[str]], list[list[str]]]:
    """The advanced view's JSON → rows; every scenario is checked as the rows are (:class:`RowError`)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RowError(f"JSON: not valid ({exc.msg} at line {exc.lineno}, column {exc.colno}).") from None
    shape = "a list of scenarios" if len(fields) == 1 else f"an object with {' and '.join(fields)}"
    if len(fields) == 1 and not isinstance(data, list) or len(fields) > 1 and not isinstance(data, dict):
        raise RowError(f"JSON: expected {shape}.")
    items = data if len(fields) == 1 else [data.get(f) for f in fields]
    if not all(isinstance(item, dict) for item in items):
        raise RowError(f"JSON: expected {shape}, each scenario an object.")
    rows, layers = scenario_rows(items)
    scenarios_from_rows(rows, layers)  # the same checks as the rows get
    return rows, layers


# ---------------------------------------------------------------------- presets
def apply_preset(scenario_table: Any, layer_table: Any, preset: str, scenario: str) -> tuple[list, list]:
    """Add the preset's layer to one scenario (by name or row number); a layer of the same name is replaced."""
    rows, layers = [list(r) for r in _rows(scenario_table)], [list(r) for r in _rows(layer_table)]
    chosen = DUTY_PRESETS[preset]
    names = [str(r[0]).strip() for r in rows]
    owner = _owner(str(scenario or "").strip(), names)
    if owner is None:
        raise RowError(f"Preset: choose the scenario the layer is for (one of {', '.join(names) or 'none yet'}).")
    layer = dict(chosen.layer)
    same = [i for i, r in enumerate(layers) if _owner(str(r[0]).strip(), names) == owner
            and str(r[1]).strip().casefold() == layer["name"].casefold()]
    if same and chosen.keep_rate and not _blank(layers[same[0]][2]):
        layer["rate_pct"] = layers[same[0]][2]
    kept = layer["rate_pct"] if isinstance(layer["rate_pct"], str) else None
    new = [names[owner], *_shown(LAYER_COLUMNS, DutyLayer, {**layer, "rate_pct": 0 if kept else layer["rate_pct"]})]
    if kept:
        new[2] = kept
    if same:
        layers[same[0]] = new
    else:
        last = max((i for i, r in enumerate(layers) if _owner(str(r[0]).strip(), names) == owner), default=len(layers) - 1)
        layers.insert(last + 1, new)
    if chosen.qualifies:
        column = next(i for i, c in enumerate(SCENARIO_COLUMNS) if c.field == "usmca_qualifying")
        rows[owner][column] = "yes"
    return rows, layers
