"""A chart for any calculator result, read from the result's shape (no per-calculator code):

1. scenarios — a list of named items whose cost fields add up to a total → stacked bars, scenario vs scenario;
2. a breakdown — a list of named lines with amounts → horizontal bars (min/max pairs → ranges);
3. otherwise the result's figures that share a unit (USD, MXN, percent, days) → horizontal bars.

Uses matplotlib's object API (no pyplot global state), imported only when a chart is drawn. Readable on a phone:
the figure is narrow (4.6 in) with large text, so a 390 px screen still shows ~11 px letters; long labels wrap
instead of being cut; totals sit inside their bar when it is wide, so no figure runs off the edge; a list of
figures says what they are per (the result model's description: "per worker per year, MXN").
"""

from __future__ import annotations

import textwrap
from typing import Any

from assistant.interfaces.web.lines import humanize

FIG_WIDTH_IN = 4.6
TEXT_PT = 12  # tick labels and figures; the title a point larger
LABEL_CHARS = 22  # a label wraps at this width, on at most two lines

_LABEL_KEYS = ("name", "item", "label", "scenario", "mode", "category")
_UNITS = ("_usd", "_mxn", "_pct", "_days", "_hours")
_NOT_FIGURES = {"assumptions", "doc_ids", "notes"}
_UNIT_NAMES = {"_usd": "USD", "_mxn": "MXN", "_pct": "percent", "_days": "days", "_hours": "hours"}


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _label(item: dict, i: int) -> str:
    for key in _LABEL_KEYS:
        if isinstance(item.get(key), str) and item[key]:
            return item[key]
    return f"#{i + 1}"


def _suffix(name: str) -> str | None:
    return next((s for s in _UNITS if name.endswith(s)), None)


def _named_lists(result: dict) -> list[tuple[str, list[dict]]]:
    return [(k, v) for k, v in result.items()
            if k not in _NOT_FIGURES and isinstance(v, list) and len(v) >= 2 and all(isinstance(x, dict) for x in v)]


def stacked_plan(items: list[dict]) -> tuple[str, list[str]] | None:
    """(total field, component fields) when, for every item, the fields before a total add up to it."""
    fields = [k for k in items[0] if all(_is_number(it.get(k)) for it in items)]
    for i, total in enumerate(fields):
        suffix = _suffix(total)
        parts = [f for f in fields[:i] if _suffix(f) == suffix and suffix not in ("_pct", None)]
        if len(parts) < 2:
            continue
        if all(abs(sum(it.get(p) or 0 for p in parts) - (it.get(total) or 0)) <= 0.005 * abs(it.get(total) or 0) + 0.05
               for it in items):
            return total, parts
    return None


def _parallel_breakdowns(result: dict) -> list[tuple[str, dict]] | None:
    """Two or more figures-only mappings with the same keys, e.g. offshore and nearshore cost by category."""
    groups: dict[frozenset, list[tuple[str, dict]]] = {}
    for k, v in result.items():
        if isinstance(v, dict) and len(v) >= 2 and all(_is_number(x) for x in v.values()):
            groups.setdefault(frozenset(v), []).append((k, v))
    best = max(groups.values(), key=len, default=[])
    return best if len(best) >= 2 else None


def _plain(key: str, unit: bool = True) -> str:
    """A field's name in words with its unit in brackets, or without it: 'Landed cost per unit (USD)'."""
    suffix = _suffix(key)
    if not suffix:
        return humanize(key)
    return humanize(key[: -len(suffix)]) + (f" ({_UNIT_NAMES[suffix]})" if unit else "")


def _per(model: Any, key: str, field: str) -> str:
    """What a list's figures are per, from the item model's description ('Per worker per year, MXN.')."""
    try:
        import typing

        (item,) = typing.get_args(model.model_fields[key].annotation)
        text = (item.model_fields[field].description or "").strip().rstrip(".")
    except (AttributeError, KeyError, TypeError, ValueError):
        return ""
    return text[:1].lower() + text[1:] if text.lower().startswith("per ") else ""


def chart_plan(result: dict[str, Any], model: Any = None) -> dict[str, Any] | None:
    """What to draw, as plain data (tested without matplotlib); ``model``: the result's pydantic model, whose
    descriptions say what a list's figures are per."""
    parallel = _parallel_breakdowns(result)
    if parallel:
        keys = list(parallel[0][1])
        names = [k.split("_by_")[0] for k, _ in parallel]
        what = parallel[0][0].split("_by_")[1] if "_by_" in parallel[0][0] else "item"
        what = what[: -len(_suffix(what))] if _suffix(what) else what
        return {"kind": "stacked", "title": f"{' vs '.join(humanize(n) for n in names)} by {humanize(what)}",
                "labels": [humanize(n) for n in names],
                "series": {humanize(key): [float(d[key]) for _, d in parallel] for key in keys},
                "unit": _UNIT_NAMES.get(_suffix(parallel[0][0]) or "", "")}
    for key, items in _named_lists(result):
        plan = stacked_plan(items)
        if plan:
            total, parts = plan
            return {"kind": "stacked", "title": f"{_plain(total)}, {humanize(key).lower()} compared",
                    "labels": [_label(it, i) for i, it in enumerate(items)],
                    "series": {_plain(p, unit=False): [float(it.get(p) or 0) for it in items] for p in parts},
                    "unit": _UNIT_NAMES.get(_suffix(total) or "", "")}
    for key, items in _named_lists(result):
        numeric = [k for k, v in items[0].items()
                   if not k.endswith("_pct") and all(_is_number(it.get(k)) for it in items)]
        if not numeric:
            continue
        labels = [_label(it, i) for i, it in enumerate(items)]
        mins = [k for k in numeric if k.startswith("min_") and f"max_{k[4:]}" in numeric]
        if mins:
            low, high = mins[0], f"max_{mins[0][4:]}"
            return {"kind": "range", "title": f"{humanize(key)}: {humanize(low[4:])}", "labels": labels,
                    "low": [float(it[low]) for it in items], "high": [float(it[high]) for it in items],
                    "unit": _UNIT_NAMES.get(_suffix(low) or "", "")}
        field = next((k for k in numeric if k.startswith("annual")), numeric[0])
        per = _per(model, key, field)
        return {"kind": "bars", "title": f"{humanize(key)}: {per}" if per else f"{humanize(key)} ({humanize(field)})",
                "labels": labels, "values": [float(it.get(field) or 0) for it in items],
                "unit": _UNIT_NAMES.get(_suffix(field) or "", "") + (f" {per.split(',')[0]}" if per else "")}
    groups: dict[str, list[str]] = {}
    for k, v in result.items():
        if _is_number(v) and _suffix(k):
            groups.setdefault(_suffix(k), []).append(k)
    if not groups:
        return None
    suffix, fields = max(groups.items(), key=lambda kv: (kv[0] in ("_usd", "_mxn"), len(kv[1])))
    if len(fields) < 2:
        return None
    return {"kind": "bars", "title": f"Figures in {_UNIT_NAMES[suffix]}", "labels": [humanize(f) for f in fields],
            "values": [float(result[f]) for f in fields], "unit": _UNIT_NAMES[suffix]}


def result_figure(result: dict[str, Any], model: Any = None):
    """A matplotlib Figure for the result, or None when it has nothing to compare."""
    plan = chart_plan(result, model)
    if plan is None:
        return None
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    labels = [wrap_label(label) for label in plan["labels"]]
    lines = sum(label.count("\n") + 1 for label in labels)
    stacked = plan["kind"] == "stacked"
    legend_rows = (len([v for v in plan.get("series", {}).values() if any(v)]) + 1) // 2 if stacked else 0
    height = max(3.0, 0.2 * lines + 0.22 * len(labels) + 1.4 + 0.25 * legend_rows)
    fig = Figure(figsize=(FIG_WIDTH_IN, height), layout="constrained")
    ax = fig.add_subplot()
    ys = list(range(len(labels)))
    if stacked:
        left = [0.0] * len(ys)
        palette = _palette(len(plan["series"]))
        for (name, values), color in zip(plan["series"].items(), palette):
            if not any(values):
                continue
            ax.barh(ys, values, left=left, label=name, color=color)
            left = [a + b for a, b in zip(left, values)]
        _figures(ax, ys, left, [f"{v:,.2f}" for v in left])
        fig.legend(fontsize=TEXT_PT - 1, loc="outside lower center", ncols=2, frameon=False)
    elif plan["kind"] == "range":
        widths = [hi - lo for lo, hi in zip(plan["low"], plan["high"])]
        ax.barh(ys, widths, left=plan["low"], color="#3b82f6")
        _figures(ax, ys, plan["high"], [f"{lo:g}–{hi:g}" for lo, hi in zip(plan["low"], plan["high"])])
    else:
        ax.barh(ys, plan["values"], color="#3b82f6")
        _figures(ax, ys, plan["values"], [f"{v:,.2f}" for v in plan["values"]])
    ax.set_yticks(ys, labels=labels, fontsize=TEXT_PT)
    ax.invert_yaxis()
    ax.tick_params(axis="x", labelsize=TEXT_PT - 1)
    ax.xaxis.set_major_formatter(FuncFormatter(_axis_number))
    ax.xaxis.set_major_locator(MaxNLocator(4))
    ax.set_xlabel(plan["unit"], fontsize=TEXT_PT)
    fig.suptitle(textwrap.fill(plan["title"], 40), fontsize=TEXT_PT + 1, x=0.02, ha="left")
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def wrap_label(label: str, width: int = LABEL_CHARS, lines: int = 2) -> str:
    """A label on up to ``lines`` lines of ``width`` characters; only what still does not fit ends in '…'."""
    wrapped = textwrap.wrap(label, width) or [""]
    if len(wrapped) > lines:
        wrapped = [*wrapped[: lines - 1], _short(" ".join(wrapped[lines - 1:]), width)]
    return "\n".join(wrapped)


def _figures(ax, ys: list[int], ends: list[float], texts: list[str]) -> None:
    """Each bar's figure: inside the bar's end when the bar is long, else just after it; nothing leaves the axes."""
    top = max([*ends, 0.0]) or 1.0
    ax.set_xlim(0, top * 1.04)
    for y, end, text in zip(ys, ends, texts):
        inside = end >= 0.55 * top
        ax.text(end - top * 0.01 if inside else end + top * 0.01, y, text, va="center", fontsize=TEXT_PT - 1,
                ha="right" if inside else "left", color="black",
                bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "alpha": 0.85, "linewidth": 0} if inside else None)


def _axis_number(v: float, _pos: Any = None) -> str:
    """An axis tick: 1.2M, 350k, 12, 0.5 — short enough for a phone."""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(v) >= size:
            return f"{v / size:,.3g}{suffix}"
    return f"{v:,.0f}" if abs(v) >= 10 else f"{v:g}"


def _short(label: str, limit: int = 42) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _palette(n: int) -> list[str]:
    base = ["#1d4ed8", "#60a5fa", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#ec4899", "#14b8a6", "#a3a3a3",
            "#84cc16", "#f97316", "#6366f1"]
    return [base[i % len(base)] for i in range(n)]
