"""Quality gate: the full QA set against the real corpus; fails when a metric falls below its committed threshold.

Thresholds live in tests/quality_thresholds.json. Outputs (results, metrics, reports) go to test-output/eval/.
"""

from __future__ import annotations

import json

import pytest

from assistant.evaluation.baseline import temporary_baseline
from assistant.evaluation.qa import load_qa
from assistant.evaluation.runner import evaluate
from assistant.settings import Settings
from tests.conftest import QA_DIR, ROOT

THRESHOLDS = json.loads((ROOT / "tests" / "quality_thresholds.json").read_text(encoding="utf-8"))
OUT = ROOT / "test-output" / "eval"


@pytest.fixture(scope="module")
def evaluation(tmp_path_factory, embedder):
    """Index corpus/ once in a temp dir, with the same `build` the UI uses, and run the eval with the baseline."""
    from assistant.app import build

    settings = Settings(index_dir=tmp_path_factory.mktemp("gate") / "index", corpus_dir=ROOT / "corpus", llm=None,
                        chroma_host=None, k=THRESHOLDS["k"])
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("assistant.app.build_embedder", lambda s: embedder)
        components = build(settings)
    report = components.store.ingest(settings.corpus_dir)
    assert report.chunks_total > 0, report.problems
    qa = load_qa([QA_DIR])
    assert not qa.problems, "\n".join(map(str, qa.problems))
    with temporary_baseline(embedder, settings.corpus_dir, settings.k) as baseline:
        run = evaluate(components.assistant, qa.items, OUT, settings.k, baseline, qa.problems)
    return run.metrics


def gate_table(metrics: dict) -> tuple[str, list[str]]:
    ours, base = metrics["ours"]["overall"], metrics["baseline"]["overall"]
    lines = [f"{'metric':<42}{'rule':>10}{'ours':>9}{'baseline':>10}  result"]
    failures = []

    def line(name, rule, value, base_value, ok):
        show = lambda v: "n/a" if v is None else f"{v:.3f}"  # noqa: E731
        lines.append(f"{name:<42}{rule:>10}{show(value):>9}{show(base_value):>10}  "
                     + ("n/a (no items)" if ok is None else "ok" if ok else "FAIL"))
        if ok is False:
            failures.append(f"{name}: {show(value)} vs {rule}")

    for name, floor in THRESHOLDS["min"].items():
        value = ours.get(name)
        line(name, f">= {floor}", value, base.get(name), None if value is None else value >= floor)
    for name, ceiling in THRESHOLDS["max"].items():
        value = ours.get(name)
        line(name, f"<= {ceiling}", value, base.get(name), None if value is None else value <= ceiling)
    for name, margin in THRESHOLDS["beats_baseline_by"].items():
        delta = ours[name] - base[name]
        line(f"{name} (ours − baseline)", f">= {margin}", delta, None, delta >= margin)
    return "\n".join(lines), failures


def test_quality_gate(evaluation, capsys):
    table, failures = gate_table(evaluation)
    with capsys.disabled():
        print("\n" + table + f"\nreport: {OUT / 'report.html'}")
    assert not failures, "quality gate failed:\n" + "\n".join(failures) + "\n\n" + table


def test_the_report_names_every_failing_item(evaluation):
    failing = evaluation["ours"]["failing"]
    assert all(f["reasons"] for f in failing)
    assert (OUT / "report.md").read_text(encoding="utf-8").count("\n| ") >= len(failing)
