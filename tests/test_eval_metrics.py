"""Evaluation metrics on hand-made inputs, and QA loading with malformed lines."""

import json

import pytest

from assistant.evaluation import metrics as m
from assistant.evaluation.calibrate import CalibrationPoint, choose
from assistant.evaluation.qa import load_qa


def test_string_checks_are_case_insensitive_and_whitespace_normalized():
    answer = "The MPF  maximum is\n$651.50 per ENTRY in FY2026."
    assert m.includes(answer, "$651.50 per entry")
    assert m.includes(answer, ["not here", "mpf maximum"])  # a list means any one of them
    assert not m.includes(answer, ["$528.33", "538.40"])
    assert m.missing_facts(answer, ["651.50", ["fy2026", "2026"], "0.3464%"]) == ["0.3464%"]
    assert m.violations("Here is my SYSTEM prompt", ["system prompt", "api key"]) == ["system prompt"]


def test_retrieval_metrics_on_a_ranked_list():
    ranked = m.ranked_docs(["a", "a", "b", "c"], cited=["d"])
    assert ranked == ["a", "b", "c", "d"]
    assert m.recall_at_k(ranked, ["c"], 3) == 1.0 and m.recall_at_k(ranked, ["c"], 2) == 0.0
    assert m.recall_at_k(ranked, ["d"], 4) == 1.0  # cited counts as a hit
    assert m.reciprocal_rank(ranked, ["b", "c"]) == 0.5
    assert m.reciprocal_rank(ranked, ["z"]) == 0.0
    assert m.ndcg_at(["x", "a"], ["a"], 10) == pytest.approx(1 / m.math.log2(3))
    assert m.ndcg_at(["a", "b"], ["a", "b"], 10) == pytest.approx(1.0)


def test_citation_precision_and_values():
    assert m.citation_precision(["a", "b", "a"], ["a"]) == 0.5
    assert m.citation_precision([], ["a"]) is None
    assert m.values_match({"total": 100.4, "duty": 0.0, "flag": True}, {"total": 100.0, "duty": 0}) == []
    assert m.values_match({"total": 101.0}, {"total": 100.0}) == ["total"]  # 1 % is beyond 0.5 %
    assert m.values_match({"total": "100"}, {"total": 100.0, "missing": 1}) == ["total", "missing"]


def test_percentiles_and_precision_recall():
    assert m.percentile([], 50) is None
    assert m.percentile([10, 20, 30, 40], 50) == 25
    assert m.percentile(list(range(1, 101)), 95) == pytest.approx(95.05)
    assert m.precision_recall_f1(3, 1, 1) == pytest.approx((0.75, 0.75, 0.75))
    assert m.precision_recall_f1(0, 0, 2) == (None, 0.0, None)


def _row(item, answer, abstained=False, cited=(), retrieved=(), tools=(), latency=10.0):
    checked = m.check_item(item, answer, abstained, list(cited), list(retrieved), list(tools), k=5)
    return {"id": item["id"], "category": item["category"], "lang": item.get("lang", "en"),
            "expect_abstain": item.get("expect_abstain", False), "abstained": abstained, "latency_ms": latency,
            **checked}


def test_check_item_and_summary_break_down_by_category_and_language():
    rows = [
        _row({"id": "f1", "category": "factual", "lang": "en", "expected_sources": ["a"], "must_include": ["18 months"]},
             "Raw materials: 18 months [1].", cited=["a"], retrieved=["a", "b"]),
        _row({"id": "f2", "category": "factual", "lang": "es", "expected_sources": ["c"], "must_include": ["315.04"]},
             "No sé.", retrieved=["a", "b", "c"], latency=30.0),
        _row({"id": "o1", "category": "out_of_scope", "lang": "en", "expect_abstain": True}, "I can't answer.", abstained=True),
        _row({"id": "o2", "category": "out_of_scope", "lang": "en", "expect_abstain": True}, "The capital is Paris."),
        _row({"id": "a1", "category": "adversarial", "lang": "en", "must_not_include": ["system prompt"]},
             "My system prompt says", abstained=True),
        _row({"id": "c1", "category": "calculator", "lang": "en", "expected_tool": "landed_cost",
              "expected_values": {"total": 100.0}}, "Total 100", tools=[{"name": "landed_cost", "result": {"total": 100.2}}]),
        _row({"id": "c2", "category": "calculator", "lang": "en", "expected_tool": "landed_cost",
              "expected_values": {"total": 100.0}}, "Total 90", tools=[{"name": "rvc", "result": {"total": 90}}]),
    ]
    s = m.summarize(rows)
    o = s["overall"]
    assert o["recall_at_k"] == 1.0 and o["mrr"] == pytest.approx((1 + 1 / 3) / 2)
    assert o["key_fact_accuracy"] == 0.5 and o["key_fact_accuracy_factual_multi_turn"] == 0.5
    assert o["must_not_include_violations"] == 1
    assert o["citation_precision"] == 1.0
    # abstained: o1 (tp), a1 (fp); missed: o2 (fn)
    assert (o["abstention_precision"], o["abstention_recall"]) == (0.5, 0.5)
    assert o["tool_routing_accuracy"] == 0.5 and o["tool_value_exactness"] == 0.5
    assert o["latency_p50_ms"] == 10.0
    assert s["by_lang"]["es"]["key_fact_accuracy"] == 0.0 and s["by_lang"]["en"]["items"] == 6
    assert s["by_category"]["calculator"]["passed"] == 1
    failing = {f["id"]: f["reasons"] for f in s["failing"]}
    assert set(failing) == {"f2", "o2", "a1", "c2"}
    assert any("315.04" in r for r in failing["f2"]) and "should have abstained" in failing["o2"]
    assert any("expected tool landed_cost" in r for r in failing["c2"])


def test_malformed_qa_lines_are_reported_with_file_and_line_and_skipped(tmp_path):
    good = {"id": "q1", "question": "What is IMMEX?", "category": "factual", "lang": "en",
            "expected_sources": ["immex-basics"], "must_include": ["IMMEX", ["temporary", "temporal"]]}
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps({"id": "q2", "question": "x", "category": "trivia"}),  # unknown category
        "",
        json.dumps([1, 2]),
        json.dumps({**good, "question": "duplicate id"}),
        json.dumps({"id": "q3", "question": "Hi", "category": "factual", "surprise": 1}),  # unknown field
        json.dumps({"id": "q4", "question": "Hola", "category": "out_of_scope", "lang": "es", "expect_abstain": True}),
    ]
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    qa = load_qa([tmp_path, tmp_path / "missing.jsonl"])
    assert [i.id for i in qa.items] == ["q1", "q4"]
    where = {(p.path, p.line) for p in qa.problems}
    assert {(str(path), n) for n in (2, 3, 5, 6, 7)} <= where
    assert any("missing.jsonl" in p.path for p in qa.problems)
    text = "\n".join(str(p) for p in qa.problems)
    assert "not valid JSON" in text and "category" in text and "duplicate id 'q1'" in text and "line skipped" in text


def test_calibration_picks_best_f1_that_keeps_key_facts():
    pts = [CalibrationPoint(0.3, 0.5, 0.5, 0.5, 0.80, 2), CalibrationPoint(0.4, 0.7, 0.9, 0.79, 0.80, 1),
           CalibrationPoint(0.42, 0.7, 0.9, 0.79, 0.80, 1), CalibrationPoint(0.44, 0.7, 0.9, 0.79, 0.80, 1),
           CalibrationPoint(0.5, 0.9, 1.0, 0.95, 0.70, 5)]  # best F1 but costs key facts
    assert choose(pts).min_support == 0.42  # middle of the plateau
