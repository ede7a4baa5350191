"""The red-team harness's cheap parts (``make redteam`` runs the whole thing; it is not part of ``make test``).

1. The fuzz-case generator is pure and seeded: ≥ 1,000 distinct cases, every category, the same cases for the
   same seed, and bodies that carry what a JSON encoder would refuse (1e309, NaN, lone-surrogate escapes).
2. The judge: a 5xx, a text/plain error or a leaked file never passes.
3. ``--quick --only fuzz`` against a LiveServer of the fixture corpus (the same app, in this process).
"""

from __future__ import annotations

import json

import pytest

from assistant.evaluation.redteam.fuzzcases import CATEGORIES, FuzzCase, generate_cases, judge, raw_json

TOOLS = ["usmca_rvc", "mexico_labor_cost", "transit_time", "immex_vat_cashflow", "landed_cost_compare", "tco_compare"]


def test_the_generator_gives_over_a_thousand_distinct_cases_in_every_category():
    cases = generate_cases(seed=7, n=1200)
    assert len(cases) == 1200 and len({c.key for c in cases}) == 1200
    by_category = {c: [x for x in cases if x.category == c] for c in CATEGORIES}
    assert all(len(v) >= 30 for v in by_category.values()), {c: len(v) for c, v in by_category.items()}
    bodies = b"\n".join(c.body or b"" for c in cases)
    for literal in (b"1e309", b"NaN", b"-Infinity", b"1e-320", b"\\ud800"):
        assert literal in bodies, literal
    assert any(len(c.body or b"") > 256 * 1024 for c in cases)  # past the body cap
    assert any(c.body and c.body.count(b"[") >= 10_000 for c in cases)  # deep nesting
    assert {c.method for c in by_category["methods"]} >= {"GET", "PUT", "DELETE"}
    assert any(".." in c.path or "%2e" in c.path for c in by_category["traversal"])
    assert any(c.body and c.body.count(b'"MX"') >= 10_000 for c in by_category["huge_lists"])


def test_the_generator_is_seeded_and_small_runs_still_cover_every_category():
    assert generate_cases(3, TOOLS, 300) == generate_cases(3, TOOLS, 300)
    assert generate_cases(3, TOOLS, 300) != generate_cases(4, TOOLS, 300)
    small = generate_cases(1, TOOLS, 60)
    assert {c.category for c in small} == set(CATEGORIES)


def test_raw_json_writes_literals_and_surrogate_escapes_verbatim():
    from assistant.evaluation.redteam.fuzzcases import _Lit

    text = raw_json({"k": _Lit("1e309"), "q": "a\ud800", "n": [_Lit("NaN"), _Lit("-Infinity")]})
    assert text == b'{"k": 1e309, "q": "a\\ud800", "n": [NaN, -Infinity]}'


@pytest.mark.parametrize(("status", "ctype", "body", "expect", "verdict"), [
    (422, "application/json", b'{"error": "bad"}', "4xx", None),
    (500, "application/json", b'{"error": "bug"}', "ok_or_4xx", "500 server error"),
    (422, "text/plain", b"Internal", "4xx", "not JSON"),
    (404, "application/json", b'{"detail": "Not Found"}', "404", "without an"),
    (200, "application/json", b'{"answer": "x"}', "4xx", "expected a 4xx"),
    (None, "", b"", "ok", "no response"),
])
def test_the_judge(status, ctype, body, expect, verdict):
    case = FuzzCase("types", "POST", "/api/ask", b"{}", "application/json", expect)
    got = judge(case, status, ctype, body)
    assert (got is None) if verdict is None else (verdict in got), got


def test_the_judge_catches_a_leaked_file_outside_the_api():
    case = FuzzCase("traversal", "GET", "/gradio_api/file=/etc/passwd", None, None, "no_leak")
    assert judge(case, 404, "text/html", b"<h1>Not found</h1>") is None
    assert "leaked" in judge(case, 200, "text/plain", b"root:x:0:0:root:/root:/bin/bash")
    assert "leaked" in judge(case, 200, "text/plain", b"TOKEN=s3cret", extra_leak_markers=("s3cret",))


def test_quick_fuzz_against_a_live_server(tmp_path, embedder, capsys):
    """``--quick --only fuzz --url`` against the app served in this process: every case answered correctly."""
    from assistant.evaluation.redteam.__main__ import main
    from assistant.interfaces.web.api import create_app
    from tests.web_support import LiveServer, make_components

    components = make_components(tmp_path / "app", embedder)
    out = tmp_path / "redteam.json"
    with LiveServer(create_app(components)) as server:
        code = main(["--quick", "--only", "fuzz", "--url", server.url, "--fuzz-cases", "120", "--json", str(out)])
    printed = capsys.readouterr().out
    result = json.loads(out.read_text())["results"][0]
    assert result["check"] == "fuzz" and result["tried"] >= 120, printed
    assert result["failures"] == [] and result["failed"] == 0 and result["error"] is None, printed
    assert code == 0
    assert "check" in printed and "fuzz" in printed.split("check", 1)[1]
