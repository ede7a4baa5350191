"""Evaluation metrics on hand-made inputs, and QA loading with malformed lines."""

import json

import pytest

from assistant.evaluation import metrics as m
from assistant.evaluation.calibrate import CalibrationPoint, choose
from assistant.evaluation.qa import load_qa, split_of
from assistant.evaluation.report import headline_rows, render_markdown, split_rows


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


def _row(item, answer, abstained=False, cited=(), retrieved=(), tools=(), latency=10.0, split=None):
    checked = m.check_item(item, answer, abstained, list(cited), list(retrieved), list(tools), k=5)
    row = {"id": item["id"], "category": item["category"], "lang": item.get("lang", "en"),
           "expect_abstain": item.get("expect_abstain", False), "abstained": abstained, "latency_ms": latency,
           **checked}
    return {**row, "split": split} if split else row


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


# ---------------------------------------------------------------------------------------------- dev / held-out split
def test_split_is_a_fixed_hash_of_the_id_with_about_35_percent_held_out():
    # pinned: changing the rule moves items between the parts, which must be a deliberate change
    assert [split_of(i) for i in ("usmca-013", "es-003", "labor-001", "immex-033")] == ["heldout", "heldout", "dev", "dev"]
    parts = [split_of(f"q-{n}") for n in range(2000)]
    assert set(parts) == {"dev", "heldout"}
    assert 0.30 < parts.count("heldout") / len(parts) < 0.40
    assert split_of("usmca-013") == split_of("usmca-013") and split_of("usmca-013 ") != "x"


def test_summary_reports_heldout_and_dev_with_the_shape_of_overall():
    item = {"category": "factual", "must_include": ["18 months"], "expected_sources": ["a"]}
    rows = [_row({**item, "id": "h1"}, "Inputs stay 18 months [1].", retrieved=["a"], split="heldout"),
            _row({**item, "id": "h2"}, "No idea.", retrieved=["b"], split="heldout"),
            _row({**item, "id": "d1"}, "Inputs stay 18 months [1].", retrieved=["a"], split="dev")]
    s = m.summarize(rows)
    assert set(s["splits"]) == {"dev", "heldout"}
    assert set(s["splits"]["heldout"]) == set(s["overall"]) == set(s["splits"]["dev"])
    assert (s["splits"]["heldout"]["items"], s["splits"]["dev"]["items"]) == (2, 1)
    assert s["splits"]["heldout"]["key_fact_accuracy_factual_multi_turn"] == 0.5
    assert s["splits"]["dev"]["recall_at_k"] == 1.0 and s["overall"]["recall_at_k"] == pytest.approx(2 / 3)
    # a row without a split field falls back to split_of(id)
    bare = [{k: v for k, v in r.items() if k != "split"} for r in [_row({**item, "id": "usmca-013"}, "18 months")]]
    assert m.summarize(bare)["splits"]["heldout"]["items"] == 1


def test_report_and_headline_rows_put_heldout_first_then_dev():
    item = {"category": "factual", "must_include": ["18 months"], "expected_sources": ["a"]}
    rows = [_row({**item, "id": "h1"}, "18 months.", retrieved=["a"], split="heldout"),
            _row({**item, "id": "d1"}, "No.", retrieved=["b"], split="dev")]
    metrics = {"ours": m.summarize(rows), "baseline": m.summarize(rows), "k": 5, "items": 2, "split_rule": "rule"}
    headline = headline_rows(metrics)
    assert all(len(r) == 4 for r in headline)
    titles = [r[0] for r in headline if r[1] == "ours"]
    assert titles == ["HELD-OUT (gated)", "DEV", "ALL ITEMS"]
    recall = [r for r in headline if r[0] == "Retrieval Recall@5"]
    assert [r[1] for r in recall] == ["1.000", "0.000", "0.500"] and recall[0][3] == "+0.000"
    table = {r[0]: r for r in split_rows(metrics)}
    assert table["Retrieval Recall@5"][1:] == ["1.000", "1.000", "0.000", "0.000", "+1.000"]
    md = render_markdown(metrics)
    assert md.index("## Held-out vs dev") < md.index("## Headline metrics, all items")


# ---------------------------------------------------------------------------------------------- answer form
def test_first_sentence_must_hold_a_key_fact():
    facts = ["651.50", ["fiscal year 2026", "FY2026"]]
    assert m.first_sentence_has_fact("The MPF cap is $651.50 per entry. [1] It applies in FY2026. [1]", facts)
    assert m.first_sentence_has_fact("In fy2026 the cap rose [1]. It is $651.50.", facts)  # alternatives, any case
    assert not m.first_sentence_has_fact("The MPF is a fee on formal entries. [1] Its cap is $651.50. [2]", facts)
    # a colon right before a citation marker ends the sentence: the fact after it is in the second one
    assert not m.first_sentence_has_fact("The cap changed: [1] It is $651.50 now. [1]", facts)
    assert not m.first_sentence_has_fact("", facts)
    assert m.answer_sentences("Refunds were removed: [1] The 18-month limit stays [1, 2]. Ok") == [
        "Refunds were removed:", "The 18-month limit stays.", "Ok"]


@pytest.mark.parametrize("answer, kind", [
    ("The base rates are explained in the document on Section 301 China tariffs. [1]", "meta"),
    ("This guide covers IMMEX. [1] The stay is 18 months. [1]", "meta"),
    ("Wages are higher at the border; see the document on typical wages for prevailing rates. [3]", "meta"),
    ("For the steps, see the section on annual reports.", "meta"),
    ("The limit is 18 months (see immex-temporary-import-periods). [1]", "meta"),
    ("Ocean rates are volatile (see the ocean-freight-rates document). [1]", "meta"),
    ("Este documento resume las reglas del IMMEX. [1]", "meta"),
    ("Las tasas se explican en el documento sobre la Sección 301. [1]", "meta"),
    ("A certification must contain nine minimum data elements: [1] The blanket period is 12 months. [1]", "dangling colon"),
    ("The UMA sets the following amounts in 2026:", "dangling colon"),
    ("## Minimum wage\n\nThe wage is MXN 315.04. [1]", "markdown"),
    ("| zone | wage |\n|---|---|\n| general | 315.04 |", "markdown"),
    ("The fine is MXN 23,910. [1] Párrafo reformado DOF 16-01-2009 [2]", "editorial note"),
    ("The fine is MXN 23,910. [1] Nueva Ley publicada en el Diario Oficial de la Federación el 29 de diciembre de "
     "1978 [2]", "editorial note"),
    ("RVC = 60%. [1] The regional value content shall be calculated, at the choice of the importer, on the basis "
     "of [2]", "cut off"),
    ("El monto tendrá como límite tres meses del salario del trabajador, y [1]", "runs on"),
    ("(3) Special rule for foreign-trade zones [1] Paragraph (1)(B) shall not apply to such a good. [1]", "heading"),
])
def test_meta_or_dangling_finds_each_kind(answer, kind):
    found = m.meta_or_dangling(answer)
    assert found and found[0].startswith(kind + ": ")


@pytest.mark.parametrize("answer", [
    "The fast refunds were removed: certified exporters now follow the 40-day period (CFF art. 22). [1]",
    "Operators are often paid above the minimum wage. [1] Section 301 duties apply under section IX. [2]",
    "Under this article, see Article 3 of the Decreto IMMEX. [1] The document must be kept for 5 years. [1]",
    "Según este artículo, la sección IX de la LIVA exenta el cambio de régimen. [1]",
    "Three limits apply:\n- the stay is 18 months;\n- the machinery stays while the program is in force.",
    "Net cost applies. [1]\n\nThe law: General Note 11(c) [2]: «(v) Use the method in subdivision (c)(iii) of this "
    "note above.»",  # a law quoted is the law's words, not a sentence of ours about a document
    "",
])
def test_meta_or_dangling_leaves_plain_prose_alone(answer):
    assert m.meta_or_dangling(answer) == []


def test_form_metrics_per_item_and_in_the_summary():
    fact = {"category": "factual", "must_include": ["18 months"]}
    rows = [
        _row({**fact, "id": "f1"}, "Inputs may stay 18 months. [1] This guide explains more. [1]"),  # first ok, meta
        _row({**fact, "id": "f2"}, "IMMEX defers duty. [1] Inputs may stay 18 months. [1]"),  # fact only second
        _row({**fact, "id": "m1", "category": "multi_turn"}, "18 months:"),  # first ok, dangling colon
        _row({**fact, "id": "f3"}, "I still need: the state [state].", tools=[{"name": "mexico_labor_cost"}]),
        _row({**fact, "id": "f4"}, "I don't have a source for that in this document.", abstained=True),
        _row({"id": "o1", "category": "out_of_scope", "expect_abstain": True}, "This document says:", abstained=True),
        _row({"id": "c1", "category": "calculator", "expected_tool": "landed_cost"}, "Notes:",
             tools=[{"name": "landed_cost", "result": {}}]),
        _row({"id": "c2", "category": "calculator", "must_include": ["10,500"]}, "Total: 10,500.",
             tools=[{"name": "landed_cost"}]),
    ]
    by_id = {r["id"]: r for r in rows}
    assert [by_id[i]["checks"]["key_fact_first_sentence"] for i in ("f1", "f2", "m1", "f3", "f4")] == [
        True, False, True, False, False]
    assert by_id["f1"]["checks"]["no_meta_or_dangling"] is False and by_id["f2"]["checks"]["no_meta_or_dangling"] is True
    assert by_id["f4"]["checks"]["no_meta_or_dangling"] is None  # abstained: not judged for form
    assert by_id["f3"]["checks"]["no_meta_or_dangling"] is None and by_id["f3"]["checks"]["no_calculator_call"] is False
    assert by_id["c1"]["checks"]["no_calculator_call"] is None and by_id["c1"]["checks"]["no_meta_or_dangling"] is None
    assert by_id["f3"]["flags"] == ["calculator called: mexico_labor_cost"]
    assert by_id["m1"]["flags"] == ["dangling colon: 18 months:"]
    # form checks are reported, but they do not fail an item that is otherwise right
    assert by_id["f1"]["passed"] and by_id["m1"]["passed"] and by_id["f2"]["passed"]
    o = m.summarize(rows)["overall"]
    assert o["key_fact_in_first_sentence"] == pytest.approx(2 / 5) and o["key_fact_first_sentence_items"] == 5
    assert (o["meta_or_dangling_sentences"], o["meta_or_dangling_items"]) == (2, 3)  # f1, m1 of f1, f2, m1
    assert (o["non_calculator_routed"], o["non_calculator_items"]) == (1, 6)  # f3 of f1-f4, m1 and o1
    flagged = {f["id"] for f in m.summarize(rows)["flagged"]}
    assert flagged == {"f1", "m1", "f3"}


def test_a_named_provision_must_be_cited_first_and_official_items_are_summarized_apart():
    item = {"id": "official-001", "question": "¿Qué dice el artículo 59 de la Ley Aduanera?", "category": "factual",
            "expected_sources": ["ley-aduanera"], "expected_ref": "ley-aduanera:art:59", "must_include": ["inventarios"]}
    right = m.check_item(item, "Ley Aduanera, art. 59: … control de inventarios …", False, ["ley-aduanera"],
                         ["ley-aduanera"], [], 5, cited_refs=[["ley-aduanera:art:59", "ley-aduanera:art:59:fr:i"]])
    part = m.check_item(item, "… inventarios …", False, ["ley-aduanera"], ["ley-aduanera"], [], 5,
                        cited_refs=[["ley-aduanera:art:59:fr:ii"]])
    wrong = m.check_item(item, "… inventarios …", False, ["ley-aduanera"], ["ley-aduanera"], [], 5,
                         cited_refs=[["ley-aduanera:art:59-a"], ["ley-aduanera:art:59"]])
    assert right["checks"]["lookup_exact"] is True
    assert part["checks"]["lookup_exact"] is True  # a part of the article holds the article
    assert wrong["checks"]["lookup_exact"] is False and not wrong["passed"]  # 59-A is not 59, and second is late
    assert "ley-aduanera:art:59" in wrong["reasons"][0]
    rows = [{"id": item["id"], "category": "factual", "lang": "es", "expect_abstain": False, "abstained": False,
             **right, "latency_ms": 5.0},
            {"id": "labor-001", "category": "factual", "lang": "en", "expect_abstain": False, "abstained": False,
             **m.check_item({"id": "labor-001", "category": "factual", "must_include": ["315.04"]}, "315.04", False,
                            [], [], [], 5), "latency_ms": 5.0}]
    summary = m.summarize(rows)
    assert summary["by_set"]["official_texts"]["lookup_exactness"] == 1.0
    assert summary["by_set"]["guides"]["lookup_items"] == 0


def test_a_tariff_line_named_with_its_statistical_suffix_is_the_eight_digit_line_cited():
    item = {"id": "official-090", "question": "HTS 8704.21.01.00 general duty?", "category": "factual",
            "expected_sources": ["hts"], "expected_ref": "hts:8704.21.01.00", "must_include": ["25%"]}
    cited = m.check_item(item, "general duty 25%", False, ["htsus-chapter-87"], ["htsus-chapter-87"], [], 5,
                         cited_refs=[["hts:8704", "hts:8704.21", "hts:8704.21.01"]])
    other = m.check_item(item, "general duty 25%", False, ["htsus-chapter-87"], ["htsus-chapter-87"], [], 5,
                         cited_refs=[["hts:8704", "hts:8704.22", "hts:8704.22.11"]])
    assert cited["checks"]["lookup_exact"] is True and other["checks"]["lookup_exact"] is False
