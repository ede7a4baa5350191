"""The UI's pure converters (no server), the calculator forms, drafts and uploads on real components, the two
faces (the public page and the consultant workspace behind its token) over HTTP, and the UI's endpoints through
gradio_client against a live server."""

from __future__ import annotations

import fcntl
import json
import re
from pathlib import Path

import pytest

from assistant.models import AskResult, Citation
from tests.web_support import ESCAPING_DOC_ID, ESCAPING_QUESTION, LiveServer, make_components, with_settings

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
            "assistant.interfaces.web.admin, assistant.interfaces.web.charts, assistant.interfaces.web.forms, assistant.interfaces.web.sources, "
            "assistant.interfaces.web.faces, assistant.interfaces.web.workspace_gate, assistant.interfaces.web.leads, "
            "assistant.interfaces.web.corpus_edit; "
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
    assert "<dt>Document</dt>" not in html  # the title names the document; its id is internal


def test_a_calculator_names_the_documents_that_explain_it_by_title_never_by_id():
    from assistant.interfaces.web.render import notes_markdown

    notes = notes_markdown({"doc_ids": ["immex-basics", "unknown-doc"]}, {"immex-basics": "IMMEX basics: <b>"})
    assert "IMMEX basics\\: &lt;b&gt;" in notes and "immex\\-basics" not in notes
    assert "unknown\\-doc" in notes  # a document not (or no longer) in the index keeps its id


def test_figures_are_formatted_for_reading():
    from assistant.interfaces.web.render import format_value, result_rows

    assert [format_value(v) for v in (13.325931, 0.3464, 65.0, 119654.764, 1e-7, True, None, 1200, ["a", 2])] == \
        ["13.3259", "0.3464", "65.00", "119,654.76", "1e-07", "yes", "—", "1,200", "a, 2"]
    rows = result_rows({"notes": ["x"], "breakdown": [{"item": "Wage", "annual_mxn": 10.5}], "total_mxn": 99.0,
                        "per_unit_usd": 13.325931, "factor": 1.049315})
    assert rows == [["Total MXN", "99.00"], ["Per unit USD", "13.33"], ["Factor", "1.049"],
                    ["Breakdown › Wage › Annual MXN", "10.50"]]


def test_citation_keys_resolve_to_the_stored_turn():
    from assistant.interfaces.web.render import find_citation, parse_cite_key

    turns = [{"question": "q", "result": AskResult(answer="a [1]", abstained=False,
                                                   citations=[cite(1), cite(2, doc_id="mpf-fee")]).model_dump(mode="json")}]
    assert find_citation(turns, "0-2").doc_id == "mpf-fee"
    assert find_citation(turns, "0-3") is None and find_citation(turns, "1-1") is None
    assert parse_cite_key("x-1") is None and parse_cite_key("0-1; alert(1)") is None


def test_the_sentences_a_marker_closes_are_the_ones_taken_from_its_passage():
    from assistant.interfaces.web.highlight import cited_sentences

    answer = ("Raw materials may stay 18 months. [1] Machinery may stay while the program is valid. [2]\n\n"
              "- Según la fuente (en inglés): Inventories are controlled under Annex 24. [1]")
    assert cited_sentences(answer, 1) == ["Raw materials may stay 18 months.",
                                          "Según la fuente (en inglés): Inventories are controlled under Annex 24."]
    assert cited_sentences(answer, 2) == ["Machinery may stay while the program is valid."]
    assert cited_sentences(answer, 3) == [] and cited_sentences("", 1) == []


def test_the_cited_sentence_is_marked_in_the_passage_by_its_words_and_nothing_else():
    from assistant.interfaces.web.highlight import highlight_spans, marked_html
    from assistant.interfaces.web.render import h

    text = ("Under IMMEX, raw **materials** may stay for 18 months (see immex-basics-doc).\n"
            "Machinery may stay while the program is valid. Other words follow here.")
    html = marked_html(text, ["Raw materials may stay for 18 months.", "Machinery may stay while the program is valid."],
                       h)
    assert '<mark class="cited">raw **materials** may stay for 18 months</mark>' in html
    assert '<mark class="cited">Machinery may stay while the program is valid.</mark> Other words' in html
    assert highlight_spans(text, ["Tariffs on steel rise to 50 percent in June."]) == []  # not in the passage
    assert marked_html(text, [], h).count("<mark") == 0


def test_the_highlight_keeps_a_markup_laden_passage_escaped():
    from assistant.interfaces.web.render import source_panel_html
    from tests.web_support import ESCAPING_DOC

    text = ESCAPING_DOC.split("## Markup inside the escaping check passage\n", 1)[1].strip()
    first = text.splitlines()[0]
    html = source_panel_html(cite(1, text=text), quotes=[first])
    assert html.count('<mark class="cited">') == 1
    marked = html.split('<mark class="cited">', 1)[1].split("</mark>", 1)[0]
    assert "&lt;img src=x onerror=&quot;window.__xss_img=1&quot;&gt;" in marked and "&lt;script&gt;" in marked
    assert "<img" not in html and "<script" not in html and "${" not in html and "{{" not in html
    assert 'href="javascript' not in html  # the passage's [link](javascript:…) stays text


def test_the_panel_links_the_passages_own_source_and_marks_the_sentence_the_answer_used():
    from assistant.interfaces.web.render import PANEL_PLACEHOLDER, open_source_html, passage_sources
    from assistant.models import Chunk, Passage, Source

    own = Source(title="Ley Aduanera <b>", citation="Article 108", url="https://www.diputados.gob.mx/LeyesBiblio/pdf/LAdua.pdf")
    chunk = Chunk(id="immex-basics:0001:x", doc_id="immex-basics", text="Raw materials may stay up to 18 months. Other.",
                  section="Periods", ordinal=1, title="IMMEX basics", doc_type="guide", jurisdiction="MX",
                  language="en", path="immex-basics.md", url=own.url, source=own)
    result = AskResult(answer="Raw materials may stay up to 18 months. [1]", abstained=False,
                       citations=[cite(1, text=chunk.text, url=own.url)], retrieved=[Passage(chunk=chunk, score=1.0)])
    turns = [{"question": "q", "result": result.model_dump(mode="json"), "sources": passage_sources(result)}]
    html = open_source_html(turns, "0-1")
    assert "Source: Ley Aduanera &lt;b&gt; — Article 108 ↗" in html and 'href="https://www.diputados.gob.mx/' in html
    assert '<mark class="cited">Raw materials may stay up to 18 months.</mark> Other.' in html
    assert open_source_html(turns, "0-2") == PANEL_PLACEHOLDER and open_source_html(turns, "bad") == PANEL_PLACEHOLDER
    del turns[0]["sources"]  # a turn stored before passages carried their source: the plain link
    assert "Official source ↗" in open_source_html(turns, "0-1")


def test_the_sources_browser_links_each_passage_to_its_own_source_and_sizes_its_own_table():
    from assistant.interfaces.web.sources import (
        DOC_HEADERS,
        DOC_WIDTHS,
        PASSAGE_HEADERS,
        PASSAGE_WIDTHS,
        document_html,
        documents,
    )
    from assistant.models import Chunk, Source

    def chunk(i: int, source: Source) -> Chunk:
        return Chunk(id=f"d:{i}", doc_id="d", text=f"Passage {i}.", section=f"S{i}", ordinal=i, title="Doc",
                     doc_type="guide", jurisdiction="MX", language="en", path="d.md", url=source.url, source=source)

    law = Source(title="Ley Aduanera", url="https://example.org/la.pdf")
    report = Source(title="A report", url="https://example.org/report")
    [doc] = documents([chunk(0, law), chunk(1, report)])
    html = document_html(doc)
    assert html.index("Source: Ley Aduanera") < html.index("Passage 0") < html.index("Source: A report")
    assert "Source: A report" in document_html(doc, only=doc.chunks[1]) and "Ley Aduanera" not in document_html(
        doc, only=doc.chunks[1])
    assert len(DOC_WIDTHS) == len(DOC_HEADERS) and len(PASSAGE_WIDTHS) == len(PASSAGE_HEADERS)
    assert PASSAGE_WIDTHS[PASSAGE_HEADERS.index("Passage")] == max(PASSAGE_WIDTHS, key=lambda w: float(w[:-1]))


def test_the_ui_uses_system_fonts_only():
    from assistant.interfaces.web.ui.common import UI_CSS

    assert "system-ui" in UI_CSS and "--font:" in UI_CSS and "--font-mono:" in UI_CSS
    assert "@import" not in UI_CSS and "url(" not in UI_CSS and "Montserrat" not in UI_CSS


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
        assert result_csv(name, args, result).splitlines()[1] == f"calculator,name,{name},,,,"


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
    with pytest.raises(FormError, match="Scenarios: not valid JSON"):
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
    assert [d.n for d in draft.documents] == list(range(1, len(draft.documents) + 1))
    assert len(draft.passages) >= len(answer.retrieved)  # every retrieved passage is in the draft
    md = draft.markdown()
    assert "## Supporting passages" in md and "## References" in md
    assert re.search(r"^1\. IMMEX basics", md, re.M)
    path = markdown_to_docx(md.replace(f"# {draft.title}", "# Edited draft"), tmp_path / "draft.docx")
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


# ------------------------------------------------------------------ sessions, leads and corpus edits (pure or direct)
def test_a_session_is_valid_for_its_token_until_it_expires():
    from assistant.interfaces.web.sessions import SESSION_SECONDS, issue_session, session_valid

    value = issue_session("s3cret", now=1_000)
    assert session_valid("s3cret", value, now=1_000 + SESSION_SECONDS - 1)
    assert not session_valid("s3cret", value, now=1_000 + SESSION_SECONDS)  # expired
    assert not session_valid("other-token", value, now=1_001)  # a new token ends every session
    expires, signature = value.split(".")
    assert not session_valid("s3cret", f"{int(expires) + 3600}.{signature}", now=1_001)  # a longer life is not signed
    for junk in (None, "", "x", "1.2.3", f"{expires}.", ".abc", "9" * 40 + ".ab", "1\u00e9.ab"):
        assert not session_valid("s3cret", junk, now=0)
    assert not session_valid(None, value, now=1_001)


def test_feedback_and_leads_become_plain_table_rows_newest_first(tmp_path):
    from assistant.interfaces.web.leads import FEEDBACK_HEADERS, LEAD_HEADERS, feedback_rows, lead_rows, summary
    from assistant.storage.feedback import FeedbackStore

    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    assert store.recent() == [] and store.recent_requests() == []
    first = store.add("What is IMMEX?", "A program [1]. " * 40, [], "up")
    store.add("And VAT?", "16% [1].", [], "down", comment="<b>too short</b>")
    store.add_request("Ana Prospect", "ana@example.com", "Shelter in Juárez?", "200 workers")
    store.set_comment(first, "Exactly what I needed")
    rated, leads = store.recent(1), store.recent_requests()
    assert [r["question"] for r in rated] == ["And VAT?"]  # newest first, at most `limit`
    rows = feedback_rows(store.recent())
    assert len(rows[0]) == len(FEEDBACK_HEADERS) and rows[0][1:5] == ["👎 down", "And VAT?", "16% [1].",
                                                                        "<b>too short</b>"]  # text, shown as text
    assert rows[1][4] == "Exactly what I needed" and len(rows[1][3]) <= 240 and rows[1][3].endswith("…")
    assert "T" not in rows[0][0] and rows[0][0][:2] == "20"
    assert lead_rows(leads)[0][1:] == ["Ana Prospect", "ana@example.com", "Shelter in Juárez?", "200 workers"]
    assert len(lead_rows(leads)[0]) == len(LEAD_HEADERS)
    assert summary(store.recent(), leads, 200) == ("2 rating(s) (1 👍, 1 👎), 2 with a comment; 1 consultant "
                                                   "request(s). Showing all, newest first.")


def test_uploaded_documents_are_replaced_and_deleted_all_or_nothing(tmp_path, embedder):
    from assistant.errors import UserInputError
    from assistant.index.store import IngestBusy
    from assistant.interfaces.web.admin import indexed_documents, install_and_reindex, stage_uploads
    from assistant.interfaces.web.corpus_edit import apply_and_reindex, find_uploaded, uploaded_documents

    components = make_components(tmp_path / "edit", embedder)
    corpus, store = components.settings.corpus_dir, components.store
    assert uploaded_documents(store.current_manifest(), corpus) == []  # the shipped documents are not listed
    first = tmp_path / "shelter.md"
    first.write_text(GOOD_UPLOAD, encoding="utf-8")
    install_and_reindex(stage_uploads([first], 5, indexed_documents(store)), corpus, store)
    [doc] = uploaded_documents(store.current_manifest(), corpus)
    assert doc.doc_id == "upload-shelter-basics" and doc.files == ("uploads/shelter.md",)

    def texts() -> str:
        return " ".join(c.text for c in store.snapshot().chunks if c.doc_id == "upload-shelter-basics")

    newer = tmp_path / "shelter-2027.md"  # another file name, the same id: a replacement
    newer.write_text(GOOD_UPLOAD.replace("keeps control of production", "keeps full control of production"),
                     encoding="utf-8")
    existing = {k: v for k, v in indexed_documents(store).items() if k != doc.doc_id}
    generation = store.current()["generation"]
    components.settings.index_dir.mkdir(parents=True, exist_ok=True)
    with open(components.settings.index_dir / ".ingest.lock", "w") as lock:  # another ingest is running
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(IngestBusy):
            install_and_reindex(stage_uploads([newer], 5, existing), corpus, store, replace=doc.files)
        with pytest.raises(IngestBusy):
            apply_and_reindex(corpus, store, remove=doc.files)
        fcntl.flock(lock, fcntl.LOCK_UN)
    assert sorted(p.name for p in (corpus / "uploads").iterdir()) == ["shelter.md"]  # both put back
    assert store.current()["generation"] == generation

    install_and_reindex(stage_uploads([newer], 5, existing), corpus, store, replace=doc.files)
    assert sorted(p.name for p in (corpus / "uploads").iterdir()) == ["shelter-2027.md"]
    assert "keeps full control" in texts()
    apply_and_reindex(corpus, store, remove=find_uploaded(store.current_manifest(), corpus, doc.doc_id).files)
    assert list((corpus / "uploads").iterdir()) == [] and texts() == ""
    for bad in ("mpf-fee", "../etc/passwd", None):  # only uploaded documents, only by id
        with pytest.raises(UserInputError):
            find_uploaded(store.current_manifest(), corpus, bad)
    with pytest.raises(UserInputError):
        apply_and_reindex(corpus, store, remove=["mpf-fee.md"])  # outside uploads/: refused before anything


def test_admin_replace_and_delete_recheck_the_token_and_refuse_more_than_one_document(tmp_path, embedder):
    from assistant.interfaces.web.ui.admin import AdminActions

    components = make_components(tmp_path / "admin", embedder, admin_token="right-token", max_upload_mb=5)
    actions = AdminActions(components)
    source = tmp_path / "shelter.md"
    source.write_text(GOOD_UPLOAD, encoding="utf-8")
    message, _ = actions.upload("right-token", [str(source)], "198.51.100.8")
    assert message.startswith("✅ Added") and [d.doc_id for d in actions.documents()] == ["upload-shelter-basics"]
    for act in (lambda t: actions.replace(t, "upload-shelter-basics", [str(source)], "198.51.100.7"),
                lambda t: actions.delete(t, "upload-shelter-basics", "198.51.100.7")):
        message, queue = act("wrong-token")
        assert message.startswith("⚠️ Wrong token") and "Nothing was changed" in message and queue is None
    other = tmp_path / "other.md"
    other.write_text(GOOD_UPLOAD.replace("upload-shelter-basics", "upload-other"), encoding="utf-8")
    message, _ = actions.replace("right-token", "upload-shelter-basics", [str(source), str(other)], "198.51.100.8")
    assert "exactly one document" in message and len(actions.documents()) == 1
    message, _ = actions.replace("right-token", "mpf-fee", [str(other)], "198.51.100.8")
    assert "not an uploaded document" in message
    message, _ = actions.replace("right-token", "upload-shelter-basics", [str(other)], "198.51.100.8")
    assert message.startswith("✅ Replaced upload\\-shelter\\-basics with upload\\-other")
    assert [d.doc_id for d in actions.documents()] == ["upload-other"]
    message, _ = actions.delete("right-token", "upload-other", "198.51.100.8")
    assert message.startswith("🗑️ Deleted") and actions.documents() == []


# ------------------------------------------------------------------ the two faces over HTTP (TestClient)
CONSULTANT_TOKEN = "consultant-test-token"
INTERNAL_TABS = {"Consultant desk", "Sources", "Feedback & leads", "Admin"}
SIGNED_OUT = "sign in first: open /consultant/ and enter the consultant token"


def _tabs(config: dict) -> set[str]:
    return {c.get("props", {}).get("label") for c in config["components"] if c.get("type") in ("tab", "tabitem")}


def _client(components, **settings):
    from fastapi.testclient import TestClient

    from assistant.interfaces.web.api import create_app

    return TestClient(create_app(with_settings(components, **settings)))


def test_without_a_consultant_token_the_workspace_does_not_exist(components):
    with _client(components, consultant_token=None, admin_token="admin-token") as client:
        for path in ("/consultant", "/consultant/", "/consultant/config", "/consultant/gradio_api/info",
                     "/consultant/login", "/consultant/anything/else"):
            r = client.get(path, follow_redirects=False)
            assert r.status_code == 404, path
            assert "NEARSHORE_CONSULTANT_TOKEN" in r.json()["error"]
        assert client.post("/consultant/login", data={"token": "admin-token"}).status_code == 404
        page = client.get("/consultant/", headers={"Accept": "text/html"})
        assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
        assert "set NEARSHORE_CONSULTANT_TOKEN" in page.text
        assert client.get("/").status_code == 200 and not INTERNAL_TABS & _tabs(client.get("/config").json())


def test_the_public_page_holds_chat_and_calculators_only_and_never_mentions_tokens(components):
    with _client(components, consultant_token=CONSULTANT_TOKEN, admin_token="admin-token") as client:
        config = client.get("/config").json()
        page = client.get("/").text
        endpoints = set(client.get("/gradio_api/info").json()["named_endpoints"])
    assert {"Chat", "Calculators"} <= _tabs(config) and not INTERNAL_TABS & _tabs(config)
    elem_ids = {str(c.get("props", {}).get("elem_id")) for c in config["components"]}
    assert not [e for e in elem_ids if e.startswith(("desk-", "sources-", "admin-", "leads-"))]
    text = json.dumps(config) + page
    assert "token" not in text.lower() and "consultant desk" not in text.lower()
    assert "/chat" in endpoints and not {"/draft", "/sources", "/feedback_and_leads"} & endpoints


def test_the_workspace_refuses_a_wrong_token_and_opens_with_the_right_one(components):
    with _client(components, consultant_token=CONSULTANT_TOKEN) as client:
        page = client.get("/consultant/")
        assert page.status_code == 401 and 'name="token"' in page.text
        assert "Consultant desk" not in page.text and "set-cookie" not in page.headers
        assert client.get("/consultant/config").json() == {"error": SIGNED_OUT}
        wrong = client.post("/consultant/login", data={"token": CONSULTANT_TOKEN + "x"}, follow_redirects=False)
        assert wrong.status_code == 401 and "Wrong token." in wrong.text and "set-cookie" not in wrong.headers
        assert "Consultant desk" not in wrong.text
        right = client.post("/consultant/login", data={"token": CONSULTANT_TOKEN}, follow_redirects=False)
        assert right.status_code == 303 and right.headers["location"] == "./"
        cookie = right.headers["set-cookie"]
        assert "Path=/consultant" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
        assert right.headers["x-frame-options"] == "DENY"
        assert client.get("/consultant/").status_code == 200
        assert _tabs(client.get("/consultant/config").json()) == INTERNAL_TABS
        session = client.cookies.get("nearshore_consultant")
        with _client(components, consultant_token=CONSULTANT_TOKEN) as other:  # another worker process's app
            other.cookies.set("nearshore_consultant", session, path="/consultant")
            assert other.get("/consultant/config").status_code == 200  # no server-side session state
        assert client.get("/consultant/logout", follow_redirects=False).status_code == 303
        client.cookies.clear()
        client.cookies.set("nearshore_consultant", "4102444800.forged", path="/consultant")
        ended = client.get("/consultant/")
        assert ended.status_code == 401 and "session has ended" in ended.text


def test_wrong_consultant_tokens_back_off_per_client_and_the_right_one_must_wait_too(components):
    with _client(components, consultant_token=CONSULTANT_TOKEN) as client:
        replies = [client.post("/consultant/login", data={"token": f"guess-{n}"}) for n in range(4)]
        late = client.post("/consultant/login", data={"token": CONSULTANT_TOKEN}, follow_redirects=False)
    assert [r.status_code for r in replies] == [401, 401, 401, 429]
    assert "Too many wrong tokens" in replies[3].text and int(replies[3].headers["retry-after"]) >= 1
    assert late.status_code == 429 and "set-cookie" not in late.headers  # no oracle: the right token waits too


# ------------------------------------------------------------------ gradio_client against a live server
@pytest.fixture(scope="module")
def live_components(tmp_path_factory, embedder):
    return make_components(tmp_path_factory.mktemp("web-ui-live"), embedder, consultant_token=CONSULTANT_TOKEN)


@pytest.fixture(scope="module")
def live(live_components):
    from assistant.interfaces.web.api import create_app

    with LiveServer(create_app(live_components)) as server:
        yield server


@pytest.fixture(scope="module")
def gradio(live):
    """A client of the public page."""
    from gradio_client import Client

    return Client(live.url, verbose=False)


@pytest.fixture(scope="module")
def signed_in(live) -> dict[str, str]:
    from assistant.evaluation.redteam.common import workspace_login

    headers = workspace_login(live.url, CONSULTANT_TOKEN)
    assert headers, "the consultant token was refused"
    return headers


@pytest.fixture(scope="module")
def workspace(live, signed_in):
    """A client of the consultant workspace, signed in (its session cookie on every request)."""
    from gradio_client import Client

    return Client(live.url + "consultant/", verbose=False, headers=signed_in)


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
    error, card, table, chart, assumptions, notes, receipt, csv_path = gradio.predict(*values, api_name="/calc_usmca_rvc")
    assert error == "" and "RVC 65.00% of the transaction value: qualifies" in card
    rows = {row[0]: row[1] for row in table["data"]}
    assert rows["RVC"].startswith("65.00%")
    assert chart is not None and assumptions["data"]
    assert sorted(Path(p).suffix for p in receipt) == [".docx", ".json", ".pdf"]
    with open(csv_path, encoding="utf-8") as fh:
        assert fh.readline().startswith("section,item,value,unit") and fh.readline().startswith("calculator,name,usmca_rvc")
    values[specs.index(next(s for s in specs if s.name == "vnm"))] = -1
    error, *_ = gradio.predict(*values, api_name="/calc_usmca_rvc")
    assert "VNM must be" in error and "usmca_rvc" not in error


def test_the_public_page_offers_no_workspace_endpoint(gradio):
    endpoints = set(gradio.view_api(print_info=False, return_format="dict")["named_endpoints"])
    assert "/chat" in endpoints and not {"/sources", "/draft", "/export_docx", "/feedback_and_leads"} & endpoints


def test_workspace_sources_and_draft_endpoints(workspace, live, signed_in):
    import httpx

    message, table = workspace.predict("", "", [], [], [], api_name="/sources")
    assert message == "5 of 5 document(s)." and len(table["data"]) == 5
    message, table = workspace.predict("temporary import", "2026-01-01", ["MX"], [], [], api_name="/sources")
    assert "passage" in message and all(row[3] >= "2026-01-01" for row in table["data"])
    status, draft = workspace.predict("How long can raw materials stay in Mexico under IMMEX?", 10, api_name="/draft")
    assert "## References" in draft and "cites" in status
    path = workspace.predict(draft, api_name="/export_docx")
    assert str(path).endswith(".docx")
    # the exported draft's server path, as the workspace saw it: the public page never serves it
    raw = httpx.post(live.url + "consultant/gradio_api/call/export_markdown", headers=signed_in,
                     json={"data": [draft]}, timeout=30).json()["event_id"]
    events = httpx.get(live.url + f"consultant/gradio_api/call/export_markdown/{raw}", headers=signed_in,
                       timeout=30).text
    served = json.loads(events.split("data:", 2)[-1].strip())[0]
    assert served["path"].endswith(".md")
    assert httpx.get(live.url + f"gradio_api/file={served['path']}", timeout=30).status_code == 403
    assert httpx.get(live.url + f"consultant/gradio_api/file={served['path']}", timeout=30).status_code == 401
    assert httpx.get(live.url + f"consultant/gradio_api/file={served['path']}", headers=signed_in,
                     timeout=30).status_code == 200


def test_workspace_lists_the_latest_ratings_and_leads(workspace, live_components):
    from assistant.storage.feedback import FeedbackStore

    store = FeedbackStore(live_components.settings.feedback_db)
    store.add("What is IMMEX?", "A program [1].", [], "down", comment="Needs the decree's date")
    store.add_request("Ana Prospect", "ana@example.com", "Shelter in Juárez?", None)
    summary, leads, ratings = workspace.predict(api_name="/feedback_and_leads")
    assert summary.startswith("1 rating(s) (0 👍, 1 👎), 1 with a comment; 1 consultant request(s)")
    assert leads["data"][0][1:4] == ["Ana Prospect", "ana@example.com", "Shelter in Juárez?"]
    assert ratings["data"][0][1:5] == ["👎 down", "What is IMMEX?", "A program [1].", "Needs the decree's date"]
