"""Readable reports from metrics: Markdown tables, and HTML with matplotlib charts embedded as base64 PNG."""

from __future__ import annotations

import base64
import html
import io

from assistant.evaluation.metrics import HEADLINE, LOWER_IS_BETTER

_TABLE_KEYS = ["items", "passed", "recall_at_k", "mrr", "key_fact_accuracy", "key_fact_in_first_sentence",
               "must_not_include_violations", "meta_or_dangling_sentences", "citation_precision", "abstention_recall",
               "tool_routing_accuracy", "lookup_exactness", "latency_p95_ms"]
_PARTS = (("heldout", "Held-out"), ("dev", "Dev"))


def fmt(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) <= 1.5 else f"{value:.1f}"
    return str(value)


def _label(key: str, k: int) -> str:
    return HEADLINE[key].replace("@k", f"@{k}")


def _delta(key: str, a, b) -> str:
    if not (isinstance(a, (int, float)) and isinstance(b, (int, float))):
        return ""
    if isinstance(a, int) and isinstance(b, int):
        delta = f"{a - b:+d}"
    else:
        delta = f"{a - b:+.3f}" if abs(a) <= 1.5 and abs(b) <= 1.5 else f"{a - b:+.1f}"
    return delta + (" (lower is better)" if key in LOWER_IS_BETTER else "")


def _items(m: dict) -> str:
    return f"{m['items']} ({m['passed']})" if m else "—"


def metric_rows(ours: dict, base: dict, k: int) -> list[tuple[str, str, str, str]]:
    """(label, ours, baseline, ours − baseline) for the headline metrics of one part of the QA set."""
    rows = [("Items (passed)", _items(ours), _items(base), "")]
    for key in HEADLINE:
        a, b = ours.get(key), base.get(key) if base else None
        rows.append((_label(key, k), fmt(a), fmt(b) if base else "—", _delta(key, a, b)))
    return rows


def _part(metrics: dict, system: str, part: str | None) -> dict:
    summary = metrics.get(system, {})
    return summary.get("overall", {}) if part is None else summary.get("splits", {}).get(part, {})


def headline_rows(metrics: dict) -> list[tuple[str, str, str, str]]:
    """(label, ours, baseline, ours − baseline): the held-out part (gated) first, then dev, then all items.

    Each part opens with a title row whose other cells name the columns.
    """
    rows: list[tuple[str, str, str, str]] = []
    titles = [("heldout", "HELD-OUT (gated)"), ("dev", "DEV"), (None, "ALL ITEMS")]
    for part, title in titles:
        rows.append((title, "ours", "baseline" if "baseline" in metrics else "—", "ours − baseline"))
        rows += metric_rows(_part(metrics, "ours", part), _part(metrics, "baseline", part), metrics["k"])
    return rows


def split_rows(metrics: dict) -> list[list[str]]:
    """[label, held-out ours, held-out baseline, dev ours, dev baseline, held-out − dev (ours)] per headline metric."""
    parts = [(_part(metrics, "ours", p), _part(metrics, "baseline", p)) for p, _ in _PARTS]
    rows = [["Items (passed)"] + [_items(m) for pair in parts for m in pair] + [""]]
    for key in HEADLINE:
        cells = [fmt(m.get(key)) if m else "—" for pair in parts for m in pair]
        rows.append([_label(key, metrics["k"]), *cells, _delta(key, parts[0][0].get(key), parts[1][0].get(key))])
    return rows


SPLIT_HEADER = ["Metric", "Held-out: ours", "Held-out: baseline", "Dev: ours", "Dev: baseline", "Held-out − dev (ours)"]


def flagged_rows(summary: dict, limit: int = 300) -> list[list[str]]:
    return [[f["id"], f["category"], f["lang"], "; ".join(f["flags"])[:limit]] for f in summary.get("flagged", [])]


def breakdown_rows(section: dict) -> list[list[str]]:
    return [[name] + [fmt(m.get(k)) for k in _TABLE_KEYS] for name, m in section.items()]


def _md_table(header: list[str], rows: list) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
    return "\n".join(lines)


def render_markdown(metrics: dict) -> str:
    ours = metrics["ours"]
    out = ["# Evaluation report\n",
           f"{metrics['items']} QA items, k = {metrics['k']}, abstention threshold (min_support) = "
           f"{metrics.get('min_support')}; calculators: {metrics.get('calculators')}.\n"]
    if metrics.get("qa_problems"):
        out.append("## Skipped QA lines\n\n" + "\n".join(f"- {p}" for p in metrics["qa_problems"]) + "\n")
    out.append(f"## Held-out vs dev\n\nSplit: {metrics.get('split_rule', '—')}. The quality gate applies to the "
               "held-out part; dev is for tuning.\n")
    out.append(_md_table(SPLIT_HEADER, split_rows(metrics)) + "\n")
    out.append("## Headline metrics, all items" + (" — ours vs the LangChain baseline" if "baseline" in metrics else "") + "\n")
    out.append(_md_table(["Metric", "Ours", "Baseline", "Ours − baseline"], _overall_rows(metrics)) + "\n")
    header = ["", *_TABLE_KEYS]
    out.append("## By category (ours)\n\n" + _md_table(header, breakdown_rows(ours["by_category"])) + "\n")
    out.append("## By language (ours)\n\n" + _md_table(header, breakdown_rows(ours["by_lang"])) + "\n")
    if ours.get("by_set"):
        out.append("## Official texts vs guides (ours)\n\n" + _md_table(header, breakdown_rows(ours["by_set"])) + "\n")
    if "baseline" in metrics:
        out.append("## By category (baseline)\n\n" + _md_table(header, breakdown_rows(metrics["baseline"]["by_category"])) + "\n")
    out.append(f"## Failing items (ours): {len(ours['failing'])}\n")
    out.append(_md_table(["id", "category", "lang", "why"],
                         [[f["id"], f["category"], f["lang"], "; ".join(f["reasons"])[:300]] for f in ours["failing"]]) + "\n")
    out.append(f"## Answers flagged for form (ours): {len(ours.get('flagged', []))}\n")
    out.append(_md_table(["id", "category", "lang", "what"], flagged_rows(ours)))
    return "\n".join(out) + "\n"


def _overall_rows(metrics: dict) -> list[tuple[str, str, str, str]]:
    return metric_rows(_part(metrics, "ours", None), _part(metrics, "baseline", None), metrics["k"])


# ---------------------------------------------------------------------------------------------- HTML + charts
def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def charts(metrics: dict, rows: list[dict], baseline_rows: list[dict] | None) -> list[tuple[str, str]]:
    """(title, base64 PNG) for each chart."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = []
    keys = ["recall_at_k", "mrr", "ndcg_at_10", "key_fact_accuracy", "key_fact_in_first_sentence", "citation_precision",
            "abstention_recall"]
    ours = metrics["ours"]["overall"]
    base = metrics.get("baseline", {}).get("overall")
    fig, ax = plt.subplots(figsize=(8, 3.5))
    xs = range(len(keys))
    width = 0.4 if base else 0.6
    ax.bar([x - (width / 2 if base else 0) for x in xs], [ours.get(k) or 0 for k in keys], width, label="ours")
    if base:
        ax.bar([x + width / 2 for x in xs], [base.get(k) or 0 for k in keys], width, label="baseline")
    ax.set_xticks(list(xs), [HEADLINE[k].replace("Retrieval ", "") for k in keys], rotation=20, ha="right")
    ax.set_ylim(0, 1.05)
    ax.legend()
    out.append(("Headline metrics", _png(fig)))
    plt.close(fig)

    cats = metrics["ours"]["by_category"]
    fig, ax = plt.subplots(figsize=(8, 3.2))
    names = list(cats)
    ax.bar(names, [cats[c]["passed"] / cats[c]["items"] if cats[c]["items"] else 0 for c in names], color="tab:green")
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("share of items passing")
    out.append(("Pass rate by category (ours)", _png(fig)))
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(8, 3.2))
    ax.hist([r["latency_ms"] for r in rows], bins=30, alpha=0.7, label="ours")
    if baseline_rows:
        ax.hist([r["latency_ms"] for r in baseline_rows], bins=30, alpha=0.7, label="baseline")
    ax.set_xlabel("latency per question (ms)")
    ax.legend()
    out.append(("Latency", _png(fig)))
    plt.close(fig)
    return out


def _html_table(header: list[str], rows: list) -> str:
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_html(metrics: dict, rows: list[dict], baseline_rows: list[dict] | None = None) -> str:
    ours = metrics["ours"]
    header = ["", *_TABLE_KEYS]
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'><title>Nearshore Assistant — evaluation</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}"
        "table{border-collapse:collapse;margin:1em 0;font-size:14px}td,th{border:1px solid #ccc;padding:4px 8px;"
        "text-align:left;vertical-align:top}th{background:#f3f3f3}img{max-width:100%}</style></head><body>",
        "<h1>Evaluation report</h1>",
        f"<p>{metrics['items']} QA items, k = {metrics['k']}, min_support = {html.escape(str(metrics.get('min_support')))}; "
        f"calculators: {html.escape(str(metrics.get('calculators')))}.</p>",
    ]
    if metrics.get("qa_problems"):
        parts.append("<h2>Skipped QA lines</h2><ul>" + "".join(f"<li>{html.escape(p)}</li>" for p in metrics["qa_problems"]) + "</ul>")
    parts.append(f"<h2>Held-out vs dev</h2><p>Split: {html.escape(str(metrics.get('split_rule', '—')))}. The quality gate "
                 "applies to the held-out part; dev is for tuning.</p>" + _html_table(SPLIT_HEADER, split_rows(metrics)))
    parts.append("<h2>Headline metrics, all items</h2>"
                 + _html_table(["Metric", "Ours", "Baseline", "Ours − baseline"], _overall_rows(metrics)))
    for title, png in charts(metrics, rows, baseline_rows):
        parts.append(f"<h3>{html.escape(title)}</h3><img alt='{html.escape(title)}' src='data:image/png;base64,{png}'>")
    parts.append("<h2>By category (ours)</h2>" + _html_table(header, breakdown_rows(ours["by_category"])))
    parts.append("<h2>By language (ours)</h2>" + _html_table(header, breakdown_rows(ours["by_lang"])))
    if ours.get("by_set"):
        parts.append("<h2>Official texts vs guides (ours)</h2>" + _html_table(header, breakdown_rows(ours["by_set"])))
    if "baseline" in metrics:
        parts.append("<h2>By category (baseline)</h2>" + _html_table(header, breakdown_rows(metrics["baseline"]["by_category"])))
    parts.append(f"<h2>Failing items (ours): {len(ours['failing'])}</h2>")
    parts.append(_html_table(["id", "category", "lang", "why"],
                             [[f["id"], f["category"], f["lang"], "; ".join(f["reasons"])] for f in ours["failing"]]))
    parts.append(f"<h2>Answers flagged for form (ours): {len(ours.get('flagged', []))}</h2>")
    parts.append(_html_table(["id", "category", "lang", "what"], flagged_rows(ours, 2000)))
    parts.append("</body></html>")
    return "\n".join(parts)
