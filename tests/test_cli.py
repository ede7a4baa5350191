"""The `nearshore` command line: ingest, ask (with the exact --json contract), corpus check."""

import json

from typer.testing import CliRunner

from assistant.interfaces.cli.main import app
from tests.conftest import ROOT

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_ask_json_prints_exactly_one_object_in_the_documented_shape(fixture_corpus, use_session_embedder):
    assert invoke("ingest", "-q").exit_code == 0
    result = invoke("ask", "What is the MPF maximum in fiscal year 2026?", "--json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)  # one JSON object and nothing else
    assert set(payload) == {"answer", "abstained", "citations", "tool_calls", "timings_ms"}
    assert payload["abstained"] is False and "$651.50" in payload["answer"]
    cite = payload["citations"][0]
    assert set(cite) == {"n", "doc_id", "title", "section", "page", "url", "as_of", "text", "cite", "refs"}
    assert cite["n"] == 1 and cite["doc_id"] == "mpf-fee"
    assert set(payload["timings_ms"]) >= {"retrieve", "compose", "total"}
    assert isinstance(payload["tool_calls"], list)


def test_ask_takes_history_from_a_file_and_filters_and_k(fixture_corpus, use_session_embedder, tmp_path):
    invoke("ingest", "-q")
    history = tmp_path / "history.json"
    history.write_text(json.dumps([{"role": "user", "content": "How long can raw materials stay under IMMEX?"},
                                   {"role": "assistant", "content": "18 months [1]."}]))
    result = invoke("ask", "And machinery?", "--history", str(history), "--json", "--k", "2",
                    "--filter", "jurisdiction=MX")
    payload = json.loads(result.stdout)
    assert "program remains in force" in payload["answer"]
    assert all(c["doc_id"] != "mpf-fee" for c in payload["citations"])


def test_bad_arguments_get_one_clear_sentence_and_exit_code_2(fixture_corpus, use_session_embedder, tmp_path):
    invoke("ingest", "-q")
    bad = tmp_path / "h.json"
    bad.write_text('{"role": "user"}')
    result = invoke("ask", "x", "--history", str(bad))
    assert result.exit_code == 2 and "must be a JSON list" in result.stderr
    result = invoke("ask", "x", "--filter", "color=blue")
    assert result.exit_code == 2 and "unknown filter 'color'" in result.stderr
    result = invoke("ask", "x", "--history", str(tmp_path / "missing.json"))
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_ask_before_any_ingest_says_how_to_build_the_index(use_session_embedder):
    result = invoke("ask", "What is IMMEX?")
    assert result.exit_code == 2 and "nearshore ingest" in result.stderr


def test_ingest_reports_bad_files_and_a_second_run_is_a_noop(fixture_corpus, use_session_embedder):
    first = invoke("ingest", "-q")
    assert "bad-front-matter.md" in first.stderr and "4 added" in first.stdout
    assert "nothing to do" in invoke("ingest", "-q").stdout


def test_corpus_check_passes_on_the_shipped_knowledge_base():
    result = invoke("corpus", "check", str(ROOT / "corpus"))
    assert result.exit_code == 0, result.stdout
    assert "0 errors" in result.stdout


def test_corpus_check_fails_on_errors(fixture_corpus):
    result = invoke("corpus", "check", str(fixture_corpus))
    assert result.exit_code == 1 and "doc_type" in result.stdout


def test_every_command_the_readme_shows_exists_and_has_help():
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = sorted(set(re.findall(r"(?:^|`|/)nearshore ((?:corpus |tool |feedback )?[a-z]+)", readme, re.M)))
    assert {"ingest", "ask", "chat", "corpus check", "eval", "serve", "tool list", "feedback export"} <= set(commands)
    for command in commands:
        if command.startswith("tool ") and command != "tool list":
            continue  # `nearshore tool NAME`: each calculator name
        result = runner.invoke(app, [*command.split(), "--help"])
        assert result.exit_code == 0, f"README shows `nearshore {command}` but it does not run: {result.output}"


def test_an_official_texts_citation_is_printed_as_a_lawyer_writes_it():
    from assistant.interfaces.cli.main import format_answer
    from assistant.models import AskResult, Citation

    law = Citation(n=1, doc_id="ley-aduanera", title="Ley Aduanera", section="Artículo 59", page=38,
                   url="https://www.diputados.gob.mx/LeyesBiblio/pdf/LAdua.pdf", as_of="2025-11-19", text="…",
                   cite="Ley Aduanera, art. 59, p. 38 (última reforma DOF 19-11-2025)", refs=["ley-aduanera:art:59"])
    guide = Citation(n=2, doc_id="annex-24", title="Annex 24", section="Inventory control", url=None,
                     as_of="2026-11-01", text="…")
    text = format_answer(AskResult(answer="«…» [1] [2]", abstained=False, citations=[law, guide]))
    assert text.splitlines()[-2] == ("[1] Ley Aduanera, art. 59, p. 38 (última reforma DOF 19-11-2025) "
                                     "https://www.diputados.gob.mx/LeyesBiblio/pdf/LAdua.pdf")
    assert text.splitlines()[-1] == "[2] Annex 24 — Inventory control (as of 2026-11-01)"
