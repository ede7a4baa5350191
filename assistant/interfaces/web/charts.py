"""A chart for any calculator result, read from the result's shape (no per-calculator code):

1. scenarios — a list of named items whose cost fields add up to a total → stacked bars, scenario vs scenario;
2. a breakdown — a list of named lines with amounts → horizontal bars (min/max pairs → ranges);
3. otherwise the result's figures that share a unit (USD, MXN, percent, days) → horizontal bars.

Uses matplotlib's object API (no pyplot global state), imported only when a chart is drawn.
"""

from __future__ import annotations

from typing import Any

from assistant.interfaces.web.lines import humanize

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


def chart_plan(result: dict[str, Any]) -> dict[str, Any] | None:
    """What to draw, as plain data (tested without matplotlib)."""
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
            return {"kind": "stacked", "title": f"{humanize(total)} — {humanize(key)} compared",
                    "labels": [_label(it, i) for i, it in enumerate(items)],
                    "series": {humanize(p): [float(it.get(p) or 0) for it in items] for p in parts},
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
        return {"kind": "bars", "title": f"{humanize(key)} ({humanize(field)})", "labels": labels,
                "values": [float(it.get(field) or 0) for it in items], "unit": _UNIT_NAMES.get(_suffix(field) or "", "")}
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


def result_figure(result: dict[str, Any]):
    """A matplotlib Figure for the result, or None when it has nothing to compare."""
    plan = chart_plan(result)
    if plan is None:
        return None
    from matplotlib.figure import Figure

    n = len(plan["labels"])
    stacked = plan["kind"] == "stacked"
    fig = Figure(figsize=(9, max(2.8, 0.42 * n + (2.6 if stacked else 1.4))), layout="constrained")
    ax = fig.add_subplot()
    ys = list(range(n))
    if plan["kind"] == "stacked":
        left = [0.0] * n
        palette = _palette(len(plan["series"]))
        for (name, values), color in zip(plan["series"].items(), palette):
            if not any(values):
                continue
            ax.barh(ys, values, left=left, label=name, color=color)
            left = [a + b for a, b in zip(left, values)]
        for y, total in zip(ys, left):
            ax.text(total, y, f" {total:,.2f}", va="center", fontsize=9)
        fig.legend(fontsize=8, loc="outside lower center", ncols=4, frameon=False)
    elif plan["kind"] == "range":
        widths = [h - lo for lo, h in zip(plan["low"], plan["high"])]
        ax.barh(ys, widths, left=plan["low"], color="#3b82f6")
        for y, lo, hi in zip(ys, plan["low"], plan["high"]):
            ax.text(hi, y, f" {lo:g}–{hi:g}", va="center", fontsize=9)
    else:
        ax.barh(ys, plan["values"], color="#3b82f6")
        for y, v in zip(ys, plan["values"]):
            ax.text(v, y, f" {v:,.2f}", va="center", fontsize=9)
    ax.set_yticks(ys, labels=[_short(label) for label in plan["labels"]], fontsize=9)
    ax.invert_yaxis()
    from matplotlib.ticker import FuncFormatter

    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}" if abs(v) >= 10 else f"{v:g}"))
    ax.set_xlabel(plan["unit"])
    ax.set_title(plan["title"], fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(x=0.18)
    return fig


def _short(label: str, limit: int = 42) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _palette(n: int) -> list[str]:
    base = ["#1d4ed8", "#60a5fa", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#ec4899", "#14b8a6", "#a3a3a3",
            "#84cc16", "#f97316", "#6366f1"]
    return [base[i % len(base)] for i in range(n)]
