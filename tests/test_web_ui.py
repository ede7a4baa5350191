"""The UI's pure converters (no server), the calculator forms, drafts and uploads on real components, and
the UI's endpoints through gradio_client against a live server."""

from __future__ import annotations

import fcntl
import re

import pytest

from assistant.models import AskResult, Citation
from tests.web_support import ESCAPING_DOC_ID, ESCAPING_QUESTION, LiveServer, make_components

GOOD_UPLOAD = """---
id: upload-shelter-basics
title: "Shelter services in brief"
doc_type: guide
jurisdiction: MX
topics: [shelter]
language: en
as_of: 2026-03-01
sources:
  - title: "Decreto IMMEX"
    url: "https://www.dof.gob.mx/"
---
# Shelter services in brief

## What a shelter company does
A shelter company lets a foreign manufacturer operate in Mexico under the shelter's IMMEX program while it
keeps control of production. The shelter employs the workers and handles customs and taxes.
"""


def cite(n: int, **kw) -> Citation:
    data = dict(n=n, doc_id="immex-basics", title="IMMEX basics", section="Periods", as_of="2026-11-01",
                url="https://www.diputados.gob.mx/LeyesBiblio/pdf/LAdua.pdf", text="Up to 18 months.")
    data.update(kw)
    return Citation(**data)


def test_importing_the_web_package_loads_nothing_heavy():
    import subprocess
    import sys

    heavy = ("gradio", "matplotlib", "torch", "chromadb", "docx", "sentence_transformers", "pandas")
    code = ("import sys, assistant.interfaces.web.api, assistant.interfaces.web.ui, assistant.interfaces.web.server, assistant.interfaces.web.draft, "
            "assistant.interfaces.web.admin, assistant.interfaces.web.charts, assistant.interfaces.web.forms, assistant.interfaces.web.sources; "
            f"print([m for m in {heavy!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ------------------------------------------------------------------ escaping and markers
def test_md_escape_leaves_no_markup_or_markdown_syntax():
    from assistant.interfaces.web.render import md_escape

    out = md_escape('<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) **b** $$x$$')
    assert "<" not in out and ">" not in out
    assert "&lt;script&gt;" in out
    assert "](javascript" not in out and "\\[x\\]\\(javascript\\:" in out
    assert "**" not in out and "$$" not in out
    assert md_escape("It's \"quoted\"") == "It's \"quoted\""  # no entity whose '#' would be escaped


def test_answer_markdown_links_only_real_markers_and_escapes_the_text():
    from assistant.interfaces.web.render import answer_markdown

    result = AskResult(answer="Raw <b>materials</b> stay 18 months [1]. See also [3].", abstained=False,
                       citations=[cite(1, title="Title <script>x</script>")])
    md = answer_markdown(result, turn=4, question="How long?")
    assert "[\\[1\\]](#cite-4-1)" in md
    assert "#cite-4-3" not in md and "\\[3\\]" in md
    assert "<b>" not in md and "<script>" not in md and "&lt;script&gt;" in md
    assert "**Sources:**" in md


def test_abstentions_offer_a_consultant_in_the_visitors_language():
    from assistant.interfaces.web.render import CONSULTANT_OFFER, answer_markdown

    en = answer_markdown(AskResult(answer="I don't have a source for that.", abstained=True), 0, "Who won the cup?")
    es = answer_markdown(AskResult(answer="No tengo una fuente para eso.", abstained=True), 0, "¿Quién ganó la copa?")
    assert CONSULTANT_OFFER["en"] in en and CONSULTANT_OFFER["es"] in es


def test_source_panel_escapes_everything_and_links_only_http():
    from assistant.interfaces.web.render import source_panel_html

    html = source_panel_html(cite(2, title="<script>x</script>", section="${alert(1)}", page=7,
                                  text="<img src=x onerror=alert(1)>\nline two {{value}}"))
    assert "<script>" not in html and "<img" not in html
    assert "${" not in html and "{{" not in html
    assert 'href="https://www.diputados.gob.mx/LeyesBiblio/pdf/LAdua.pdf"' in html
    assert "Source [2]" in html and "<dt>Page</dt><dd>7</dd>" in html and "<br>" in html
    assert "href" not in source_panel_html(cite(1, url="javascript:alert(1)"))
    assert "href" not in source_panel_html(cite(1, url="/relative/path"))


def test_figures_are_formatted_for_reading():
    from assistant.interfaces.web.render import format_value, result_rows

    assert [format_value(v) for v in (13.325931, 0.3464, 65.0, 119654.764, 1e-7, True, None, 1200, ["a", 2])] == \
        ["13.3259", "0.3464", "65.00", "119,654.76", "1e-07", "yes", "—", "1,200", "a, 2"]
    rows = result_rows({"notes": ["x"], "breakdown": [{"item": "Wage", "annual_mxn": 10.5}], "total_mxn": 99.0})
    assert rows == [["Total MXN", "99.00"], ["Breakdown › Wage › Item", "Wage"], ["Breakdown › Wage › Annual MXN", "10.50"]]


def test_citation_keys_resolve_to_the_stored_turn():
    from assistant.interfaces.web.render import find_citation, parse_cite_key

    turns = [{"question": "q", "result": AskResult(answer="a [1]", abstained=False,
                                                   citations=[cite(1), cite(2, doc_id="mpf-fee")]).model_dump(mode="json")}]
    assert find_citation(turns, "0-2").doc_id == "mpf-fee"
    assert find_citation(turns, "0-3") is None and find_citation(turns, "1-1") is None
    assert parse_cite_key("x-1") is None and parse_cite_key("0-1; alert(1)") is None


def test_chat_messages_and_history_come_from_the_stored_turns():
    from assistant.interfaces.web.ui import chat_messages, history_from_turns, rating_of

    turns = [{"question": f"<q{i}>", "result": AskResult(answer=f"a{i} [1]", abstained=False,
                                                        citations=[cite(1)]).model_dump(mode="json")}
             for i in range(12)]
    messages = chat_messages(turns)
    assert [m["role"] for m in messages[:2]] == ["user", "assistant"] and len(messages) == 24
    assert messages[0]["content"] == "&lt;q0&gt;" and "#cite-11-1" in messages[-1]["content"]
    history = history_from_turns(turns)
    assert len(history) == 20 and history[-1] == {"role": "assistant", "content": "a11 [1]"}
    assert [rating_of(v) for v in (True, False, "Like", "Dislike", None)] == ["up", "down", "up", "down", None]


# ------------------------------------------------------------------ calculator forms and charts
def test_every_calculator_form_runs_with_the_values_it_starts_with(tmp_path):
    from assistant.registry import REGISTRY, run_tool
    from assistant.interfaces.web.charts import result_figure
    from assistant.interfaces.web.forms import example_for, field_specs, parse_form
    from assistant.interfaces.web.render import assumption_rows, result_csv, result_rows

    for name, spec in REGISTRY.items():
        specs = field_specs(spec.input_model, example_for(name, spec.input_model))
        assert [s.name for s in specs] == list(spec.input_model.model_fields)
        assert all(s.info for s in specs if s.required), name
        args = parse_form(specs, [s.default for s in specs])
        result = run_tool(name, args)
        assert result_rows(result) and assumption_rows(result), name
        assert all(row[5] for row in assumption_rows(result)), f"{name}: an assumption without a source"
        assert result_figure(result) is not None, f"{name}: no chart"
        assert result_csv(name, args, result).startswith(f"calculator,{name}")


def test_form_values_are_parsed_into_calculator_arguments():
    from assistant.registry import REGISTRY
    from assistant.interfaces.web.forms import DEFAULT_CHOICE, FormError, field_specs, parse_form

    specs = {s.name: s for s in field_specs(REGISTRY["mexico_labor_cost"].input_model)}
    assert specs["daily_wage_mxn"].kind == "number_or_text" and specs["daily_wage_mxn"].required
    assert specs["zone"].choices == [DEFAULT_CHOICE, "general", "border"] and specs["headcount"].kind == "integer"  # zone left out: inferred
    values = {"daily_wage_mxn": "1,250.5", "state": " Nuevo León ", "headcount": 40.0, "year": None}
    order = list(specs)
    args = parse_form(list(specs.values()), [values.get(n, specs[n].default) for n in order])
    assert args["daily_wage_mxn"] == 1250.5 and args["state"] == "Nuevo León" and args["headcount"] == 40
    assert "year" not in args
    transit = field_specs(REGISTRY["transit_time"].input_model)
    mode = next(s for s in transit if s.name == "mode")
    assert mode.choices[0] == DEFAULT_CHOICE and "mode" not in parse_form(transit, ["Shenzhen", "Chicago", DEFAULT_CHOICE, ""])
    landed = field_specs(REGISTRY["landed_cost_compare"].input_model)
    with pytest.raises(FormError, match="scenarios: not valid JSON"):
        parse_form(landed, ["[{", 1000, ""])


def test_chart_plans_follow_the_shape_of_the_result():
    from assistant.registry import run_tool
    from assistant.interfaces.web.charts import chart_plan
    from assistant.interfaces.web.forms import FORM_EXAMPLES

    landed = chart_plan(run_tool("landed_cost_compare", FORM_EXAMPLES["landed_cost_compare"]))
    assert landed["kind"] == "stacked" and landed["labels"] == ["Shenzhen supplier", "Monterrey IMMEX plant"]
    tco = chart_plan(run_tool("tco_compare", FORM_EXAMPLES["tco_compare"]))
    assert tco["kind"] == "stacked" and tco["labels"] == ["Offshore", "Nearshore"]
    assert chart_plan(run_tool("transit_time", FORM_EXAMPLES["transit_time"]))["kind"] == "range"
    labor = chart_plan(run_tool("mexico_labor_cost", FORM_EXAMPLES["mexico_labor_cost"]))
    assert labor["kind"] == "bars" and len(labor["labels"]) > 5


# ------------------------------------------------------------------ real components: drafts, sources, uploads
@pytest.fixture(scope="module")
def components(tmp_path_factory, embedder):
    return make_components(tmp_path_factory.mktemp("web-ui"), embedder)


def test_draft_quotes_every_supporting_passage_with_numbered_references(components, tmp_path):
    from docx import Document as Docx

    from assistant.interfaces.web.draft import make_draft, markdown_to_docx

    draft = make_draft(components.assistant, "How long can raw materials stay in Mexico under IMMEX?", k=10)
    answer = components.assistant.ask("How long can raw materials stay in Mexico under IMMEX?", k=10)
    assert not draft.abstained and draft.cited >= 1
    assert [r.n for r in draft.references] == list(range(1, len(draft.references) + 1))
    assert len(draft.references) >= len(answer.retrieved)  # every retrieved passage is in the draft
    md = draft.markdown()
    assert "## Supporting passages" in md and "## References" in md
    assert re.search(r"^1\. IMMEX basics", md, re.M)
    path = markdown_to_docx(md.replace("Draft answer", "Edited draft"), tmp_path / "draft.docx")
    paragraphs = [p.text for p in Docx(str(path)).paragraphs]
    assert paragraphs[0] == "Edited draft"
    assert any(p.startswith("1. IMMEX basics") for p in paragraphs)
    assert any("18 months" in p for p in paragraphs)


def test_sources_browse_filter_and_search(components):
    from assistant.interfaces.web.sources import documents, facets, filter_documents, filters_for, parse_date, search_passages

    docs = documents(components.store.snapshot().chunks)
    assert {d.doc_id for d in docs} == {"immex-basics", "minimum-wage", "mpf-fee", "salario-minimo-es", ESCAPING_DOC_ID}
    f = facets(docs)
    assert f["jurisdiction"] == ["MX", "US", "other"] and "immex" in f["topics"]
    assert [d.doc_id for d in filter_documents(docs, filters_for(["US"]))] == ["mpf-fee"]
    assert {d.doc_id for d in filter_documents(docs, filters_for(topics=["labor"]))} >= {"minimum-wage"}
    assert all(d.as_of >= "2026-11-01" for d in filter_documents(docs, None, "2026-11-01"))
    assert [d.doc_id for d in filter_documents(docs, text="MPF")] == ["mpf-fee"]
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_date("01/02/2026")
    hits = search_passages(components.searcher, "temporary import period", filters_for(doc_types=["guide"]))
    assert hits and all(p.chunk.doc_type == "guide" for p in hits)


def test_sanitize_filename():
    from assistant.interfaces.web.admin import UploadError, sanitize_filename

    assert sanitize_filename("../../etc/passwd.md") == "passwd.md"
    assert sanitize_filename("C:\\Users\\x\\Évaluation Q1.PDF") == "evaluation-q1.pdf"
    assert sanitize_filename(".hidden.md") == "hidden.md"
    assert sanitize_filename("guía <script>.pdf.yaml") == "guia-script.pdf.yaml"
    for bad in ("tool.exe", "notes.md.exe", "<>.md", ""):
        with pytest.raises(UploadError):
            sanitize_filename(bad)


def test_a_bad_upload_changes_nothing(components, tmp_path):
    from assistant.interfaces.web.admin import UploadError, indexed_documents, stage_uploads

    corpus = components.settings.corpus_dir
    before = sorted(p.name for p in corpus.rglob("*"))
    generation = components.store.current()["generation"]
    bad = tmp_path / "bad.md"
    bad.write_text("---\nid: bad-doc\ntitle: No type\njurisdiction: MX\nas_of: 2026-01-01\n---\n# T\ntext\n")
    with pytest.raises(UploadError, match="doc_type"):
        stage_uploads([bad], 5, indexed_documents(components.store))
    taken = tmp_path / "taken.md"
    taken.write_text(GOOD_UPLOAD.replace("upload-shelter-basics", "mpf-fee"))
    with pytest.raises(UploadError, match="already used by mpf-fee.md"):
        stage_uploads([taken], 5, indexed_documents(components.store))
    big = tmp_path / "big.md"
    big.write_text(GOOD_UPLOAD + "x" * (1024 * 1024))
    with pytest.raises(UploadError, match="limit is 1 MB"):
        stage_uploads([big], 1)
    sidecar = tmp_path / "scan.pdf.yaml"
    sidecar.write_text("id: scan\n")
    with pytest.raises(UploadError, match="needs its PDF"):
        stage_uploads([sidecar], 5)
    assert sorted(p.name for p in corpus.rglob("*")) == before
    assert components.store.current()["generation"] == generation


def test_upload_reindexes_and_a_failed_reindex_is_rolled_back(components, tmp_path):
    from assistant.index.store import IngestBusy
    from assistant.interfaces.web.admin import indexed_documents, install_and_reindex, stage_uploads

    corpus = components.settings.corpus_dir
    source = tmp_path / "Shelter Basics.md"
    source.write_text(GOOD_UPLOAD, encoding="utf-8")

    staged = stage_uploads([source], 5, indexed_documents(components.store))
    generation = components.store.current()["generation"]
    components.settings.index_dir.mkdir(parents=True, exist_ok=True)
    with open(components.settings.index_dir / ".ingest.lock", "w") as lock:  # another ingest is running
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(IngestBusy):
            install_and_reindex(staged, corpus, components.store)
        fcntl.flock(lock, fcntl.LOCK_UN)
    assert not (corpus / "uploads" / "shelter-basics.md").exists()
    assert components.store.current()["generation"] == generation

    steps = []
    staged = stage_uploads([source], 5, indexed_documents(components.store))
    report = install_and_reindex(staged, corpus, components.store, on_progress=lambda *a: steps.append(a))
    assert report.added == ["upload-shelter-basics"] and steps and steps[-1][1] == steps[-1][2]
    assert (corpus / "uploads" / "shelter-basics.md").exists() and not staged.folder.exists()
    assert "upload-shelter-basics" in {c.doc_id for c in components.store.snapshot().chunks}


# ------------------------------------------------------------------ gradio_client against a live server
@pytest.fixture(scope="module")
def live(tmp_path_factory, embedder):
    from assistant.interfaces.web.api import create_app

    live_components = make_components(tmp_path_factory.mktemp("web-ui-live"), embedder)
    with LiveServer(create_app(live_components)) as server:
        yield server


@pytest.fixture(scope="module")
def gradio(live):
    from gradio_client import Client

    return Client(live.url, verbose=False)


def _text(message: dict) -> str:
    content = message["content"]
    if isinstance(content, list):
        return " ".join(part.get("text", "") for part in content if isinstance(part, dict))
    return content


def test_gradio_chat_endpoint_answers_with_linked_citations(gradio):
    outputs = gradio.predict("How long can raw materials stay in Mexico under IMMEX?", api_name="/chat")
    chat = next(o for o in outputs if isinstance(o, list))
    assert [m["role"] for m in chat] == ["user", "assistant"]
    answer = _text(chat[-1])
    assert "18 months" in answer and "](#cite-0-1)" in answer


def test_gradio_chat_escapes_markup_from_questions_and_documents(gradio):
    outputs = gradio.predict(ESCAPING_QUESTION + ' <img src=x onerror="window.__xss_q=1">', api_name="/chat")
    chat = next(o for o in outputs if isinstance(o, list))
    for message in chat:
        text = _text(message)
        assert "<img" not in text and "<script" not in text and "${" not in text


def test_gradio_calculator_endpoint_returns_table_chart_and_csv(gradio):
    from assistant.registry import REGISTRY
    from assistant.interfaces.web.forms import example_for, field_specs

    specs = field_specs(REGISTRY["usmca_rvc"].input_model, example_for("usmca_rvc", REGISTRY["usmca_rvc"].input_model))
    values = [s.default for s in specs]
    error, table, chart, assumptions, notes, csv_path = gradio.predict(*values, api_name="/calc_usmca_rvc")
    assert error == ""
    rows = {row[0]: row[1] for row in table["data"]}
    assert rows["RVC pct"] == "65.00"
    assert chart is not None and assumptions["data"]
    with open(csv_path, encoding="utf-8") as fh:
        assert fh.readline().strip() == "calculator,usmca_rvc"
    values[specs.index(next(s for s in specs if s.name == "vnm"))] = -1
    error, *_ = gradio.predict(*values, api_name="/calc_usmca_rvc")
    assert "vnm" in error


def test_gradio_sources_and_draft_endpoints(gradio):
    message, table = gradio.predict("", "", [], [], [], api_name="/sources")
    assert message == "5 of 5 document(s)." and len(table["data"]) == 5
    message, table = gradio.predict("temporary import", "2026-01-01", ["MX"], [], [], api_name="/sources")
    assert "passage" in message and all(row[3] >= "2026-01-01" for row in table["data"])
    status, draft = gradio.predict("How long can raw materials stay in Mexico under IMMEX?", 10, api_name="/draft")
    assert "## References" in draft and "cites" in status
    path = gradio.predict(draft, api_name="/export_docx")
    assert str(path).endswith(".docx")
