"""A calculation receipt: one calculator run as a self-contained JSON object. Pure functions, no I/O.

A receipt holds what a reader needs to check a figure and what :mod:`.rerun` needs to recompute it:

- ``tool``, ``inputs`` (as given: what a re-run computes from) and ``inputs_with_defaults`` (every input the
  calculator used, its defaults filled in);
- ``as_of`` (the date whose rates were applied), ``computed_at``, ``software`` (name and version) and
  ``rate_tables_sha256`` (a fingerprint of the shipped rate tables);
- ``rates``: every rate or assumption used — value, unit, what it applies to, effective dates, source title and URL,
  and ``kind`` (``published``, ``input`` or ``default``);
- ``results``: the result as flat line items (``path``, ``item``, ``value``, ``unit``, ``applies_to``), and
  ``formulas``: the lines where a rate applies to a base (``25.00% of 12 vacation days of wage = 1,322.61 MXN``);
- ``notices``, ``notes`` and ``doc_ids`` as the result gives them.

The line items are :func:`assistant.interfaces.web.lines.lines` — the same items the web table and CSV show —
which is why receipts live beside them.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import typing
from datetime import date, datetime, timezone
from typing import Any

from pydantic_core import to_jsonable_python

from assistant.errors import UserInputError
from assistant.interfaces.web.lines import PROVENANCE, Line, lines, rate_bases
from assistant.interfaces.web.numbers import figure_text, money_text, percent_text

SCHEMA_VERSION = 1
KIND = "nearshore-assistant calculation receipt"
PACKAGE = "nearshore-assistant"
_URL = re.compile(r"^(?P<title>.*?)[,;]?\s*(?P<url>https?://\S+?)\.?\s*$", re.DOTALL)
_DEFAULT_SOURCE = "calculator default"


class ReceiptError(UserInputError):
    """A receipt that cannot be re-run; the message is one sentence: what is wrong and how to fix it."""


def software_version() -> str:
    """The installed package's version (its metadata), else the version in the source tree."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(PACKAGE)
    except PackageNotFoundError:  # pragma: no cover - running from a source tree that is not installed
        from assistant import __version__

        return __version__


def rate_tables_sha256() -> str:
    """A fingerprint of the shipped rate tables (every ``assistant/data/rates/*.yaml``), to tell a table update."""
    from importlib.resources import files

    digest = hashlib.sha256()
    for entry in sorted(files("assistant.data.rates").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes() + b"\0")
    return digest.hexdigest()


def split_source(source: str | None) -> tuple[str, str | None]:
    """``"Title, https://…"`` → ``("Title", "https://…")``; a source without a link keeps its text as title."""
    text = (source or "").strip()
    found = _URL.match(text)
    if not found:
        return text, None
    return found["title"].strip() or found["url"], found["url"]


def _kind(source: str) -> str:
    if source == "input":
        return "input"
    return "default" if source.startswith(_DEFAULT_SOURCE) else "published"


def _applies_to(unit: str) -> str | None:
    """What a rate applies to, from its unit: 'percent of entered value' → 'entered value'."""
    head, of, rest = (unit or "").partition(" of ")
    return rest.strip() if of and head.strip() in {"percent", "%"} and rest.strip() else None


def rate_items(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Every assumption of a result as a receipt rate; ``key`` is its name, made unique with ' (2)', ' (3)'…"""
    out, seen = [], {}
    for a in result.get("assumptions") or []:
        name = str(a.get("name") or "")
        seen[name] = seen.get(name, 0) + 1
        title, url = split_source(a.get("source"))
        out.append({
            "key": name if seen[name] == 1 else f"{name} ({seen[name]})",
            "name": name, "value": a.get("value"), "unit": a.get("unit") or "",
            "applies_to": _applies_to(a.get("unit") or ""),
            "effective_from": a.get("effective_from"), "effective_to": a.get("effective_to"),
            "source": {"title": title, "url": url}, "kind": _kind(str(a.get("source") or "")),
        })
    return out


def _line_item(line: Line) -> dict[str, Any]:
    """A line as a receipt item; a unit only beside a number ('minimum' is not MXN)."""
    numeric = _number(line.value) or (isinstance(line.value, list) and line.value and all(map(_number, line.value)))
    return {"path": " › ".join((*line.parents, line.key)), "item": line.item, "value": line.value,
            "unit": line.unit if numeric else "", "applies_to": (line.applies_to or None) if numeric else None}


def _unique_paths(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, int] = {}
    for item in items:
        seen[item["path"]] = seen.get(item["path"], 0) + 1
        if seen[item["path"]] > 1:
            item["path"] = f"{item['path']} ({seen[item['path']]})"
    return items


def result_model(name: str):
    """The result model a calculator returns (its function's return annotation)."""
    from assistant.registry import get_tool

    return typing.get_type_hints(get_tool(name).function)["return"]


def result_items(name: str, result: dict[str, Any]) -> list[dict[str, Any]]:
    """The result's figures as flat line items (the date, assumptions, notes and documents apart)."""
    found = lines(result, skip=(*PROVENANCE, "as_of"), bases=rate_bases(result_model(name)))
    return _unique_paths([_line_item(line) for line in found])


def input_items(inputs: dict[str, Any]) -> list[dict[str, Any]]:
    """Inputs as flat line items, as the results are."""
    return _unique_paths([_line_item(line) for line in lines(inputs, skip=())])


def value_text(item: dict[str, Any]) -> str:
    """A line item's value as people read it: money with cents and its currency, a percent with what it is of."""
    value, unit = item.get("value"), item.get("unit") or ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if unit in ("USD", "MXN", "USD a year"):
            return f"{money_text(value)} {unit}"
        if unit == "%":
            return percent_text(value) + (f" of {item['applies_to']}" if item.get("applies_to") else "")
    text = figure_text(value)
    return f"{text} {unit}" if unit and value is not None else text


def formula_lines(result: dict[str, Any], items: list[dict[str, Any]]) -> list[str]:
    """The result's own formula lines when it has them, else one line per breakdown entry where a rate applies
    to a base: ``Breakdown › Vacation premium: 25.00% of 12 vacation days of wage = 1,322.61 MXN (annual)``."""
    own = result.get("formulas") or result.get("formula")
    if own:
        return [str(f) for f in (own if isinstance(own, list) else [own])]
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        groups.setdefault(item["path"].rpartition(" › ")[0], []).append(item)
    out = []
    for group, members in groups.items():
        rate = next((m for m in members if m["unit"] == "%" and m["applies_to"] and _number(m["value"])), None)
        money = [m for m in members if m["unit"] in ("USD", "MXN") and _number(m["value"])]
        if not group or rate is None or not money:
            continue
        base = next((m for m in money if m["path"].rpartition(" › ")[2].startswith("base")), None)
        amounts = [m for m in money if m is not base]
        if not amounts:
            continue
        amount = next((m for m in amounts if "annual" in m["path"].rpartition(" › ")[2]), amounts[0])
        of = f" ({value_text(base)})" if base else ""
        label = amount["item"].rpartition(" › ")[2]
        out.append(f"{group}: {value_text(rate)}{of} = {value_text(amount)} ({label.lower()})")
    return out


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def make_receipt(name: str, inputs: dict[str, Any], result: dict[str, Any], *,
                 now: datetime | None = None) -> dict[str, Any]:
    """The receipt of ``result``, which ``run_tool(name, inputs)`` returned. ``inputs``: the arguments as given
    (what a re-run computes from); ``now``: when it was computed (default: the current UTC time).

    Raises:
        ToolInputError: unknown tool or inputs the tool rejects (a receipt is only written for a valid run).
    """
    from assistant.registry import get_tool, validate_args

    spec = get_tool(name)
    given = to_jsonable_python(inputs)
    with_defaults = validate_args(name, given).model_dump(mode="json", exclude_none=True)
    items = result_items(name, result)
    stamp = (now or datetime.now(timezone.utc)).isoformat(timespec="seconds")
    return {
        "receipt": KIND,
        "schema_version": SCHEMA_VERSION,
        "tool": name,
        "tool_summary": spec.summary,
        "inputs": given,
        "inputs_with_defaults": with_defaults,
        "as_of": result.get("as_of"),
        "computed_at": stamp,
        "software": {"name": PACKAGE, "version": software_version()},
        "rate_tables_sha256": rate_tables_sha256(),
        "rates": rate_items(result),
        "formulas": formula_lines(result, items),
        "results": items,
        "notices": list(result.get("notices") or []),
        "notes": list(result.get("notes") or []),
        "doc_ids": list(result.get("doc_ids") or []),
    }


def read_receipt(data: dict[str, Any] | str | bytes, source: str = "The receipt") -> dict[str, Any]:
    """A receipt checked enough to re-run: JSON text (or the parsed object) of a receipt this software can read.
    ``source`` names it in the error ('receipt.json').

    Raises:
        ReceiptError: not JSON, not a receipt, a newer schema version, an unknown tool or a bad ``as_of``.
    """
    from assistant.registry import REGISTRY

    if isinstance(data, (str, bytes, bytearray)):
        try:
            data = json.loads(data)
        except (ValueError, UnicodeDecodeError) as exc:
            where = (f" ({exc.msg} at line {exc.lineno} column {exc.colno})"
                     if isinstance(exc, json.JSONDecodeError) else "")
            raise ReceiptError(f"{source} is not JSON{where}: give the .json receipt that Nearshore Assistant wrote, "
                               "not its PDF, DOCX or CSV.") from None
    if not isinstance(data, dict) or not isinstance(data.get("tool"), str) or not isinstance(data.get("inputs"), dict):
        raise ReceiptError(f"{source} is not a calculation receipt (it needs a 'tool' name and an 'inputs' object): "
                           "give a receipt that Nearshore Assistant wrote.")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ReceiptError(f"{source} has no valid schema_version (got {version!r}): give a receipt that Nearshore "
                           f"Assistant wrote, whose schema_version is a whole number such as {SCHEMA_VERSION}.")
    if version > SCHEMA_VERSION:
        raise ReceiptError(f"{source} uses receipt schema version {version}, newer than this software reads "
                           f"({SCHEMA_VERSION}): upgrade Nearshore Assistant to re-run it.")
    if data["tool"] not in REGISTRY:
        raise ReceiptError(f"{source} is for the tool {data['tool']!r}, which this version does not have: "
                           f"re-run receipts of {', '.join(REGISTRY)}.")
    as_of = data.get("as_of")
    if as_of is not None:
        try:
            date.fromisoformat(str(as_of))
        except ValueError:
            raise ReceiptError(f"{source} has an as_of that is not a date ({as_of!r}): write it as YYYY-MM-DD, "
                               "the date whose rates were applied.") from None
    for key in ("rates", "results"):
        if not isinstance(data.get(key, []), list) or not all(isinstance(x, dict) for x in data.get(key, [])):
            raise ReceiptError(f"{source} has a '{key}' that is not a list of objects: restore it from the "
                               "receipt as Nearshore Assistant wrote it.")
    return data
