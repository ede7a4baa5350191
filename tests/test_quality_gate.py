"""Quality gate: the full QA set against the real corpus; fails when a metric of the HELD-OUT part falls below its
committed threshold (the split is ``assistant.evaluation.qa.split_of``). Dev figures are printed beside, not gated.

Thresholds live in tests/quality_thresholds.json. Outputs (results, metrics, reports) go to test-output/eval/.
"""

from __future__ import annotations

import json

import pytest

from assistant.evaluation.baseline import temporary_baseline
from assistant.evaluation.qa import load_qa
from assistant.evaluation.runner import evaluate
from tests.conftest import QA_DIR, ROOT

THRESHOLDS = json.loads((ROOT / "tests" / "quality_thresholds.json").read_text(encoding="utf-8"))
OUT = ROOT / "test-output" / "eval"


@pytest.fixture(scope="module")
def evaluation(corpus_components, embedder):
    """The session's index of corpus/ (built with the same `build` the UI uses); the eval with the baseline."""
    assert corpus_components.settings.k == THRESHOLDS["k"]
    qa = load_qa([QA_DIR])
    assert not qa.problems, "\n".join(map(str, qa.problems))
    with temporary_baseline(embedder, ROOT / "corpus", THRESHOLDS["k"]) as baseline:
        run = evaluate(corpus_components.assistant, qa.items, OUT, THRESHOLDS["k"], baseline, qa.problems)
    return run.metrics


def _show(value) -> str:
    return "n/a" if value is None else str(value) if isinstance(value, int) else f"{value:.3f}"


def gate_table(metrics: dict, thresholds: dict = THRESHOLDS, item_set: str | None = None) -> tuple[str, list[str]]:
    """The thresholds applied to the held-out part (ours and the baseline) — of one set of items (the guides'
    questions, or those over the official texts) when ``item_set`` is given; dev figures beside them, not gated."""
    def parts(side: str) -> dict:
        return metrics[side]["set_splits"][item_set] if item_set else metrics[side]["splits"]

    held = parts("ours")["heldout"], parts("baseline")["heldout"]
    dev = parts("ours")["dev"], parts("baseline")["dev"]
    title = f"{item_set} " if item_set else ""
    lines = [f"{title}held-out: {held[0]['items']} items (gated); dev: {dev[0]['items']} items (for information)",
             f"{'metric':<56}{'rule':>9}{'held-out':>10}{'baseline':>10}{'dev':>9}{'baseline':>10}  result"]
    failures = []

    def line(name, rule, values, ok):
        lines.append(f"{name:<56}{rule:>9}" + "".join(f"{_show(v):>{w}}" for v, w in zip(values, (10, 10, 9, 10)))
                     + "  " + ("n/a (no items)" if ok is None else "ok" if ok else "FAIL"))
        if ok is False:
            failures.append(f"{name}: held-out {_show(values[0])} vs {rule}")

    for kind, compare in (("min", lambda v, t: v >= t), ("max", lambda v, t: v <= t)):
        for name, limit in thresholds.get(kind, {}).items():
            values = [part.get(name) for part in (*held, *dev)]
            ok = None if values[0] is None else compare(values[0], limit)
            line(name, f"{'>=' if kind == 'min' else '<='} {limit}", values, ok)
    for name, margin in thresholds.get("beats_baseline_by", {}).items():
        gaps = [a[name] - b[name] if a.get(name) is not None and b.get(name) is not None else None
                for a, b in (held, dev)]
        line(f"{name} (ours − baseline)", f">= {margin}", [gaps[0], None, gaps[1], None],
             None if gaps[0] is None else gaps[0] >= margin)
    return "\n".join(lines), failures


def test_quality_gate(evaluation, capsys):
    """The guides' questions (every QA file but official.jsonl) against THRESHOLDS; the questions over the laws
    themselves against THRESHOLDS["official_texts"]."""
    table, failures = gate_table(evaluation, THRESHOLDS, "guides")
    official, official_failures = gate_table(evaluation, THRESHOLDS["official_texts"], "official_texts")
    with capsys.disabled():
        print("\n" + table + "\n\n" + official + f"\nreport: {OUT / 'report.html'}")
    failures += [f"official texts: {f}" for f in official_failures]
    assert not failures, "quality gate failed:\n" + "\n".join(failures) + "\n\n" + table + "\n\n" + official


def test_the_report_names_every_failing_item(evaluation):
    failing = evaluation["ours"]["failing"]
    assert all(f["reasons"] for f in failing)
    assert (OUT / "report.md").read_text(encoding="utf-8").count("\n| ") >= len(failing)


def test_the_gate_judges_the_heldout_part_and_only_prints_dev():
    def metrics(held: dict, dev: dict, base: dict) -> dict:
        return {"ours": {"splits": {"heldout": {"items": 3, **held}, "dev": {"items": 5, **dev}}},
                "baseline": {"splits": {"heldout": {"items": 3, **base}, "dev": {"items": 5, **base}}}}

    good = {"recall_at_k": 1.0, "meta_or_dangling_sentences": 0}
    bad = {"recall_at_k": 0.5, "meta_or_dangling_sentences": THRESHOLDS["max"]["meta_or_dangling_sentences"] + 1}
    base = {"recall_at_k": 0.5}
    table, failures = gate_table(metrics(good, bad, base))
    assert failures == [], table  # dev is printed, not gated
    assert "held-out: 3 items (gated); dev: 5 items" in table and "0.500" in table
    table, failures = gate_table(metrics(bad, good, base))
    assert {f.split(":")[0] for f in failures} == {"recall_at_k", "meta_or_dangling_sentences",
                                                    "recall_at_k (ours − baseline)"}, table
    assert "n/a (no items)" in table  # metrics the parts lack (e.g. MRR here) are not gated
