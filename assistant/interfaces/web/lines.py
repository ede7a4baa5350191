"""A calculator's result (or its inputs) as line items: where each figure sits, its value, its unit and, for a
rate, what it is a percent of. Pure functions over JSON-ready data, no per-calculator code.

The unit comes from the field's name (``annual_mxn`` → MXN, ``rate_pct`` → %, ``mxn_per_usd`` → MXN per USD),
else from the mapping it sits in (``offshore_by_category_usd``). A rate that sits beside a ``base`` ("what the
rate applies to", e.g. the labor breakdown's lines and the duty lines) becomes one line — ``4.00% of wages +
aguinaldo + vacation premium`` — and the base is not repeated on a line of its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from assistant.calculators.tco import CATEGORIES

# The result's provenance, shown in their own tables and sections rather than as figures.
PROVENANCE = ("assumptions", "doc_ids", "notes", "notices")
_UPPER = {"mxn", "usd", "uma", "rvc", "vnm", "tv", "nc", "imss", "infonavit", "ptu", "mpf", "hmf", "vat", "iva",
          "ieps", "usmca", "tco", "sbc", "isn", "fob", "cif", "id", "us", "mx", "prosec", "igi", "hts", "ip", "immex"}
_UNITS = (("mxn_per_usd", "MXN per USD"), ("_usd_per_year", "USD a year"), ("_usd", "USD"), ("_mxn", "MXN"),
          ("_pct", "%"), ("_percent", "%"), ("_days", "days"), ("_hours", "hours"))
_PERCENT = ("_pct", "_percent")
_USD_WITHOUT_SUFFIX = frozenset(CATEGORIES)  # the TCO's cost categories: USD amounts named without a unit
_IDENTIFIER = re.compile(r"[a-z]+(?:_[a-z0-9]+)+")
_LABEL_KEYS = ("name", "label", "scenario", "category", "item", "id")
_PERCENT_OF = re.compile(r"percent of (the [^.;,()]+|[^.;,()]+)")


def humanize(key: str) -> str:
    """A field name as words: ``vnm`` → 'VNM', ``work_risk_rate_pct`` → 'Work risk rate %', ``art_2_5`` → 'Art 2.5'."""
    words = [w.upper() if w.lower() in _UPPER else "%" if w == "pct" else w for w in re.split(r"[_\s]+", key) if w]
    text = re.sub(r"(?<=\d) (?=\d)", ".", " ".join(words))
    return text[:1].upper() + text[1:]


def plain_words(value: Any) -> Any:
    """A value that is a code-like identifier (``customs_value``) as words; anything else as it is."""
    return value.replace("_", " ") if isinstance(value, str) and _IDENTIFIER.fullmatch(value) else value


@dataclass(frozen=True)
class Line:
    """One figure: ``parents`` are the labels above it (``("Breakdown", "Vacation premium")``)."""

    parents: tuple[str, ...]
    key: str
    value: Any
    unit: str = ""
    applies_to: str = ""

    @property
    def label(self) -> str:
        """As the web table names it: a percent's label leaves the sign to the value ('RVC'), money keeps
        its currency ('Annual cost per worker MXN')."""
        return " › ".join((*self.parents, _own_label(self.key, self.unit)))

    @property
    def item(self) -> str:
        """As the CSV names it, beside a unit column: without the unit ('Annual cost per worker')."""
        return " › ".join((*self.parents, humanize(_without_unit(self.key))))

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    @property
    def is_money(self) -> bool:
        return self.unit in ("USD", "MXN", "USD a year")

    @property
    def unit_text(self) -> str:
        """The unit with what a rate applies to: '% of SBC'."""
        return f"{self.unit} of {self.applies_to}" if self.applies_to else self.unit


def unit_of(key: str, inherited: str = "") -> str:
    """The unit a field's name states, else the one of the mapping it sits in."""
    for suffix, unit in _UNITS:
        if key.endswith(suffix):
            return unit
    return inherited or ("USD" if key in _USD_WITHOUT_SUFFIX else "")


def _name_key(item: dict) -> str | None:
    return next((k for k in _LABEL_KEYS if isinstance(item.get(k), str) and item[k]), None)


def _is_nested(value: Any) -> bool:
    return isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value))


def _without_unit(key: str) -> str:
    """The name without a currency or percent suffix (the CSV's unit column says it); days and hours stay."""
    for suffix, unit in _UNITS:
        if key.endswith(suffix):
            return key[: -len(suffix)] if len(key) > len(suffix) and unit not in ("days", "hours") else key
    return key


def _own_label(key: str, unit: str) -> str:
    return humanize(_without_unit(key) if unit == "%" and key.endswith(_PERCENT) else key)


def rate_bases(model: type[BaseModel]) -> dict[str, str]:
    """What each percent of a result model is a percent of, read from its description ('... percent of the base
    wage.' → 'the base wage')."""
    bases = {}
    for name, info in model.model_fields.items():
        found = _PERCENT_OF.search(info.description or "") if name.endswith(_PERCENT) else None
        if found:
            bases[name] = found.group(1).strip()
    return bases


def lines(data: dict[str, Any], path: tuple[str, ...] = (), inherited: str = "",
          skip: tuple[str, ...] = PROVENANCE, bases: Mapping[str, str] | None = None) -> list[Line]:
    """Every figure of ``data`` (a result or inputs) as a :class:`Line`: its own figures first, then the nested
    breakdowns; list items are named by their name, label or item (else #1, #2…). ``skip``: keys left out;
    ``bases``: what the percents of ``data`` itself apply to (see :func:`rate_bases`)."""
    out: list[Line] = []
    base = data.get("base") if isinstance(data.get("base"), str) else None
    percents = [k for k in data if k.endswith(_PERCENT)]
    rates = [k for k in percents if isinstance(data[k], (int, float)) and not isinstance(data[k], bool)]
    merge_base = base is not None and len(rates) == 1
    if base is not None:  # a line without a rate (the base wage) says no more than its base
        skip = (*skip, *(k for k in percents if data[k] is None))
    items = sorted(data.items(), key=lambda kv: _is_nested(kv[1]))
    for key, value in items:
        if key in skip or (merge_base and key == "base"):
            continue
        unit = unit_of(key, inherited)
        if isinstance(value, dict):
            out.extend(lines(value, (*path, humanize(key)), unit, ()))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for i, item in enumerate(value):  # named by its name, label or item, which it then need not repeat
                name_key = _name_key(item)
                name = item[name_key] if name_key else f"#{i + 1}"
                out.extend(lines(item, (*path, humanize(key), name), unit, (name_key,) if name_key else ()))
        else:
            applies_to = str(plain_words(base)) if merge_base and key in rates else (bases or {}).get(key, "")
            out.append(Line(path, key, plain_words(value), unit, applies_to))
    return out
