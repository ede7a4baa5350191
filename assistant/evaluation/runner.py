"""Run QA items through a system (our Assistant, or the baseline) and write results, metrics and reports."""

from __future__ import annotations

import importlib.util
import json
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

from assistant.evaluation.metrics import check_item, summarize
from assistant.evaluation.qa import QA_SET_DATE, SPLIT_RULE, QAItem, QAProblem, split_of

# A system answers one QA item: returns (AskResult-like, retrieved doc ids in rank order).
System = Callable[[QAItem, int], tuple[object, list[str]]]


def calculators_available() -> str | None:
    """None when the calculator router and registry can be imported, else the reason they cannot."""
    missing = [m for m in ("assistant.intents", "assistant.registry") if importlib.util.find_spec(m) is None]
    return f"calculators unavailable: {', '.join(missing)} not found" if missing else None


def assistant_system(assistant) -> System:
    """Our pipeline exactly as the UI calls it: question, history, k."""

    def run(item: QAItem, k: int):
        result = assistant.ask(item.question, [t.model_dump() for t in item.history], k=k)
        return result, [p.chunk.doc_id for p in result.retrieved]

    return run


def baseline_system(baseline) -> System:
    def run(item: QAItem, k: int):
        return baseline.ask(item.question, [t.model_dump() for t in item.history], k=k)

    return run


def run_items(system: System, items: list[QAItem], k: int = 5, unavailable: str | None = None,
              progress: Callable[[int, int], None] | None = None) -> list[dict]:
    """One result row per item. An exception in one item is recorded as that item's failure; the run goes on."""
    rows = []
    for n, item in enumerate(items, start=1):
        start = time.perf_counter()
        error = None
        try:
            result, retrieved = system(item, k)
            answer, abstained = result.answer, result.abstained
            citations = [c.model_dump() for c in result.citations]
            tool_calls = [c.model_dump() for c in result.tool_calls]
        except Exception as exc:  # noqa: BLE001 - one broken item must not stop the evaluation
            error = f"{type(exc).__name__}: {exc}"
            answer, abstained, citations, tool_calls, retrieved = "", False, [], [], []
        latency = round((time.perf_counter() - start) * 1000, 2)
        data = item.model_dump()
        checked = check_item(data, answer, abstained, [c["doc_id"] for c in citations], retrieved, tool_calls, k, error,
                             cited_refs=[c.get("refs") or [] for c in citations])
        if unavailable and (item.expected_tool or item.category == "calculator"):
            checked["passed"] = False
            checked["reasons"].insert(0, unavailable)
            for name in ("tool_routing", "tool_values"):
                if checked["checks"][name] is not None:
                    checked["checks"][name] = False
        rows.append({
            "id": item.id, "split": split_of(item.id), "question": item.question, "category": item.category,
            "lang": item.lang,
            "expect_abstain": item.expect_abstain, "answer": answer, "abstained": abstained,
            "citations": citations, "tool_calls": tool_calls, "retrieved": retrieved,
            "checks": checked["checks"], "scores": checked["scores"], "passed": checked["passed"],
            "reasons": checked["reasons"], "flags": checked["flags"], "error": error, "latency_ms": latency,
        })
        if progress:
            progress(n, len(items))
    return rows


@dataclass
class EvalRun:
    metrics: dict
    rows: list[dict]
    baseline_rows: list[dict] | None = None
    files: dict[str, Path] = field(default_factory=dict)


def improvement(ours: dict, base: dict) -> dict:
    """Ours minus baseline for every shared numeric headline metric (positive = ours is higher)."""
    out = {}
    for key, value in ours.items():
        other = base.get(key)
        if isinstance(value, (int, float)) and isinstance(other, (int, float)) and not isinstance(value, bool):
            out[key] = round(value - other, 4)
    return out


def evaluate(assistant, items: list[QAItem], out_dir: Path | None = None, k: int = 5, baseline=None,
             problems: list[QAProblem] | None = None, progress: Callable[[str, int, int], None] | None = None,
             today: date = QA_SET_DATE) -> EvalRun:
    """Evaluate ``assistant`` (and ``baseline`` when given) on ``items`` as of ``today`` (by default the QA set's
    date, so the expected answers keep holding as the calendar moves); write outputs to ``out_dir``."""
    unavailable = calculators_available()
    restore = getattr(assistant, "use_tools", None)
    clock = getattr(assistant, "today", None)
    if unavailable and restore:
        assistant.use_tools = False  # the non-calculator items still run through the same chain
    if clock is not None:
        assistant.today = lambda: today
    try:
        rows = run_items(assistant_system(assistant), items, k, unavailable,
                         (lambda n, t: progress("ours", n, t)) if progress else None)
    finally:
        if unavailable and restore:
            assistant.use_tools = restore
        if clock is not None:
            assistant.today = clock
    metrics = {"ours": summarize(rows), "k": k, "items": len(items), "split_rule": SPLIT_RULE,
               "qa_problems": [str(p) for p in problems or []], "calculators": unavailable or "available",
               "min_support": getattr(assistant, "min_support", None), "today": today.isoformat()}
    base_rows = None
    if baseline is not None:
        base_rows = run_items(baseline_system(baseline), items, k, None,
                              (lambda n, t: progress("baseline", n, t)) if progress else None)
        metrics["baseline"] = summarize(base_rows)
        metrics["improvement"] = improvement(metrics["ours"]["overall"], metrics["baseline"]["overall"])
        metrics["improvement_by_split"] = {part: improvement(metrics["ours"]["splits"][part], base)
                                           for part, base in metrics["baseline"]["splits"].items()}
    run = EvalRun(metrics, rows, base_rows)
    if out_dir is not None:
        run.files = write_outputs(run, Path(out_dir))
    return run


def write_outputs(run: EvalRun, out_dir: Path) -> dict[str, Path]:
    from assistant.evaluation.report import render_html, render_markdown

    out_dir.mkdir(parents=True, exist_ok=True)
    files = {name: out_dir / name for name in ("results.jsonl", "metrics.json", "report.md", "report.html")}
    with files["results.jsonl"].open("w", encoding="utf-8") as fh:
        for row in run.rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    if run.baseline_rows is not None:
        files["baseline_results.jsonl"] = out_dir / "baseline_results.jsonl"
        with files["baseline_results.jsonl"].open("w", encoding="utf-8") as fh:
            for row in run.baseline_rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    files["metrics.json"].write_text(json.dumps(run.metrics, indent=2, ensure_ascii=False), encoding="utf-8")
    files["report.md"].write_text(render_markdown(run.metrics), encoding="utf-8")
    files["report.html"].write_text(render_html(run.metrics, run.rows, run.baseline_rows), encoding="utf-8")
    return files
