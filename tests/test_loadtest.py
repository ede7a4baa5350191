"""``make loadtest``: the pure parts (question rotation, the phase summary, the table) and one real run.

The real run serves a small index of the fixture corpus in a ``nearshore serve`` subprocess on 127.0.0.1, drives it
with 1 and 3 clients for a few seconds, and checks that it answered and that nothing is left running. Latency
figures are never asserted: they depend on the machine.
"""

from __future__ import annotations

import json
import os
from itertools import islice
from pathlib import Path

import pytest

from assistant.evaluation.loadtest import (
    LoadTestError,
    Outcome,
    client_questions,
    default_request_bound,
    main,
    phase_line,
    render,
    run_loadtest,
    select_questions,
    summarize_phase,
)
from assistant.evaluation.qa import QAItem, load_qa

QA_DIR = Path(__file__).parent / "qa"


def _item(i: int, **extra) -> QAItem:
    return QAItem(id=f"q{i}", question=f"Question {i}?", category=extra.pop("category", "factual"), **extra)


def test_questions_leave_out_calculator_items_and_repeats_but_keep_follow_up_history():
    items = [_item(1), _item(2, category="calculator"), _item(3, expected_tool="usmca_rvc"), _item(1),
             _item(4, category="multi_turn", history=[{"role": "user", "content": "What is IMMEX?"}])]
    bodies = select_questions(items)
    assert bodies == [{"question": "Question 1?"},
                      {"question": "Question 4?", "history": [{"role": "user", "content": "What is IMMEX?"}]}]


def test_the_shipped_qa_set_gives_hundreds_of_distinct_non_calculator_questions():
    bodies = select_questions(load_qa([QA_DIR]).items)
    assert len(bodies) >= 100  # far more than the 50 concurrent clients of the default run
    assert len({json.dumps(b, sort_keys=True) for b in bodies}) == len(bodies)


@pytest.mark.parametrize("clients", [1, 3, 20, 50])
def test_concurrent_clients_ask_different_questions_at_every_step(clients):
    questions = [{"question": f"q{i}"} for i in range(470)]
    streams = [list(islice(client_questions(questions, c, clients), 30)) for c in range(clients)]
    for step in range(30):  # the n-th request of every client: all different
        asked = [stream[step]["question"] for stream in streams]
        assert len(set(asked)) == clients, step
    for stream in streams:  # each client walks the list in order, from its own offset
        assert len({q["question"] for q in stream}) == 30


def test_a_client_goes_round_the_list_when_it_is_short():
    questions = [{"question": x} for x in "abc"]
    assert [q["question"] for q in islice(client_questions(questions, 1, 2), 5)] == ["b", "c", "a", "b", "c"]
    with pytest.raises(LoadTestError, match="no questions"):
        client_questions([], 0, 1)


def test_request_bound_is_60_per_client_up_to_300():
    assert [default_request_bound(n) for n in (1, 3, 20, 50)] == [60, 180, 300, 300]


def test_the_summary_counts_answers_per_second_errors_by_status_and_percentiles():
    outcomes = ([Outcome(200, float(ms)) for ms in range(10, 110, 10)]
                + [Outcome(503, 5.0), Outcome(429, 1.0), Outcome(503, 2.0), Outcome(None, 60000.0, "ReadTimeout")])
    health = [Outcome(200, 2.0), Outcome(200, 4.0), Outcome(None, 10.0, "ConnectError")]
    s = summarize_phase(20, outcomes, wall_s=4.0, health=health, client_cpu_s=1.0)
    assert (s["clients"], s["requests"], s["answered"], s["errors"]) == (20, 14, 10, 4)
    assert s["errors_by_status"] == {"429": 1, "503": 2, "ReadTimeout": 1}
    assert s["answers_per_s"] == 2.5  # 10 answered in 4 s; the failures do not count
    assert (s["p50_ms"], s["p95_ms"], s["max_ms"]) == (55.0, 95.5, 100.0)  # over the 200s only
    assert (s["health_checks"], s["health_errors"]) == (3, 1)
    assert (s["health_p50_ms"], s["health_p95_ms"], s["health_max_ms"]) == (3.0, 3.9, 4.0)
    assert s["client_cpu_pct"] == 25.0
    json.dumps(s)
    line = phase_line(s)
    assert "clients 20" in line and "answers/s 2.5" in line and "'503': 2" in line


def test_an_empty_phase_has_no_figures_rather_than_a_crash():
    s = summarize_phase(1, [], wall_s=0.0, health=[])
    assert s["requests"] == s["errors"] == 0 and s["answers_per_s"] is None and s["p95_ms"] is None
    table = render({"phases": [s], "loadavg_before": [1.0, 0.5, 0.25], "loadavg_after": [2.0, 1.0, 0.5],
                    "server_peak_rss_mb": None, "server_processes": None, "notes": ["a note"]})
    assert "health p95" in table and "before 1.00 0.50 0.25, after 2.00 1.00 0.50" in table
    assert "server peak RSS: n/a" in table and "note: a note" in table


def test_bad_options_fail_with_a_clear_message(capsys):
    with pytest.raises(SystemExit):
        main(["--clients", "1,0"])
    assert "positive numbers separated by commas" in capsys.readouterr().err
    with pytest.raises(LoadTestError, match="must be positive"):
        run_loadtest(clients=(1,), seconds=0)


def test_a_missing_index_without_a_corpus_says_how_to_fix_it(tmp_path):
    with pytest.raises(LoadTestError, match="NEARSHORE_CORPUS_DIR"):
        run_loadtest(tmp_path / "no-index", tmp_path / "no-corpus", clients=(1,), seconds=1)


def test_a_real_run_answers_and_leaves_nothing_running(fixture_corpus, make_store, tmp_path):
    index_dir = tmp_path / "index"
    make_store(index_dir).ingest(fixture_corpus)
    lines: list[str] = []
    figures = run_loadtest(index_dir, fixture_corpus, clients=(1, 3), seconds=3, requests_per_phase=12,
                           startup_timeout=240, say=lines.append)
    json.dumps(figures)
    assert [p["clients"] for p in figures["phases"]] == [1, 3]
    for phase in figures["phases"]:
        assert 0 < phase["requests"] <= 12 and phase["errors"] == 0, phase
        assert phase["answered"] == phase["requests"]
        assert phase["health_checks"] > 0 and phase["health_errors"] == 0 and phase["health_p50_ms"] is not None
    assert figures["chunks"] > 0 and figures["warmup_ms"] is not None
    assert any("healthy" in line for line in lines)
    with pytest.raises(ProcessLookupError):  # the server subprocess was stopped and reaped
        os.kill(figures["server_pid"], 0)
