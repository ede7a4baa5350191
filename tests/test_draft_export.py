"""The consultant desk's export: a draft over a real index becomes a Word file with real tables, live hyperlinks,
one reference per document (its sections under it), a title from the client's question and no internal ids."""

from __future__ import annotations

import re
import shutil

import pytest

from tests.conftest import FIXTURES

SHELTER_ID = "shelter-fees-check"
SHELTER_DOC = """---
id: shelter-fees-check
title: "Shelter service fees compared"
doc_type: guide
jurisdiction: MX
topics: [shelter]
language: en
as_of: 2026-11-01
sources:
  - title: "Shelter fee survey"
    url: "https://example.org/shelter-fees"
---
# Shelter service fees compared

## Monthly shelter fee by headcount
The monthly shelter fee depends on the headcount, as the shelter fee table shows.

| Headcount | Monthly shelter fee (USD) |
|---|---|
| 50 workers | 9,000 |
| 200 workers | 22,000 |

## Where the shelter fee figures come from
The monthly shelter fee figures come from the [shelter fee survey](https://example.org/shelter-fees) and the public registry at https://example.org/registry. Raw materials imported under a shelter follow the IMMEX periods (see immex-basics).

## Shelter fee contracts
A shelter fee contract usually runs three years, and the monthly shelter fee is billed in advance.
"""
QUESTION = "What is the monthly shelter fee for 50 workers, and where do the figures come from?"


@pytest.fixture(scope="module")
def components(tmp_path_factory, embedder):
    from assistant.app import build
    from assistant.settings import Settings

    root = tmp_path_factory.mktemp("draft-export")
    corpus = root / "corpus"
    shutil.copytree(FIXTURES / "corpus", corpus)
    (corpus / f"{SHELTER_ID}.md").write_text(SHELTER_DOC, encoding="utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=root / "index", feedback_db=root / "feedback.sqlite3")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("assistant.app.build_embedder", lambda s: embedder)
        built = build(settings)
    built.store.ingest(corpus)
    return built


@pytest.fixture(scope="module")
def draft(components):
    from assistant.interfaces.web.draft import document_titles, make_draft

    return make_draft(components.assistant, QUESTION, k=10, titles=document_titles(components.store))


def docx_text(document) -> str:
    """Every paragraph's text, hyperlinks and table cells included."""
    texts = ["".join(t.text or "" for t in p._p.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))
             for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(texts)


def hyperlinks(document) -> list[tuple[str, str]]:
    """(target URL, shown text) of every w:hyperlink in the body."""
    from docx.oxml.ns import qn

    found = []
    for link in document.element.body.iter(qn("w:hyperlink")):
        rel = document.part.rels[link.get(qn("r:id"))]
        assert rel.is_external
        found.append((rel.target_ref, "".join(t.text for t in link.iter(qn("w:t")))))
    return found


def test_draft_numbers_documents_once_and_markers_point_at_them(components, draft):
    from assistant.interfaces.web.draft import DRAFT_SENTENCES

    assert not draft.abstained
    titles = [d.title for d in draft.documents]
    assert len(titles) == len(set(titles)) and [d.n for d in draft.documents] == list(range(1, len(titles) + 1))
    shelter = next(d for d in draft.documents if d.title == "Shelter service fees compared")
    assert len(shelter.sections) >= 2  # several passages of one document: one reference, its sections under it
    md = draft.markdown()
    references = md.split("## References", 1)[1]
    assert len(re.findall(r"^\d+\. Shelter service fees compared", references, re.M)) == 1
    for label, _ in shelter.sections:
        assert f"   - {label}" in references
    # the answer's markers name the documents of the citations the assistant gave
    result = components.assistant.ask(QUESTION, [], k=10, max_sentences=DRAFT_SENTENCES)
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", draft.answer)}
    assert markers and {draft.documents[n - 1].title for n in markers} == {c.title for c in result.citations}
    assert draft.cited == len({c.doc_id for c in result.citations})
    # each quoted passage's heading carries its document's number
    for p in draft.passages:
        assert draft.documents[p.n - 1].title == p.title
        assert f"### [{p.n}] {p.title}" in md


def test_draft_title_comes_from_the_question_and_no_document_id_is_left(components, draft):
    assert draft.title == QUESTION
    md = draft.markdown()
    assert md.startswith(f"# {QUESTION}\n")
    assert "IMMEX basics: temporary imports for export manufacturing" in md  # "see immex-basics", by its title
    for doc_id in components.store.current_manifest().documents:
        assert doc_id not in md


def test_docx_has_tables_hyperlinks_one_reference_per_document_and_no_ids(components, draft, tmp_path):
    from docx import Document as Docx

    from assistant.interfaces.web.draft import markdown_to_docx

    path = markdown_to_docx(draft.markdown(), tmp_path / "draft.docx")
    document = Docx(str(path))
    assert document.paragraphs[0].text == QUESTION and document.paragraphs[0].style.name == "Title"
    assert document.core_properties.title == QUESTION
    cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["Headcount", "Monthly shelter fee (USD)"] in cells and ["50 workers", "9,000"] in cells
    assert not any(p.text.lstrip().startswith("|") for p in document.paragraphs)
    links = hyperlinks(document)
    targets = {url for url, _ in links}
    assert ("https://example.org/shelter-fees", "shelter fee survey") in links
    assert "https://example.org/registry" in targets
    assert "https://www.diputados.gob.mx/LeyesBiblio/pdf/LAdua.pdf" in targets  # a reference's link
    text = docx_text(document)
    for doc_id in components.store.current_manifest().documents:
        assert doc_id not in text
    references = [p.text for p in document.paragraphs[[p.text for p in document.paragraphs].index("References"):]]
    assert sum(p.startswith(f"{d.n}. ") for d in draft.documents for p in references) == len(draft.documents)
    assert sum("Shelter service fees compared" in p for p in references) == 1


def test_spanish_question_gives_a_spanish_draft(components):
    from assistant.interfaces.web.draft import document_titles, make_draft

    question = "¿Cuál es el salario mínimo general en México?"
    draft = make_draft(components.assistant, question, titles=document_titles(components.store))
    md = draft.markdown()
    assert draft.lang == "es" and md.startswith(f"# {question}\n")
    assert "## Referencias" in md and "**Pregunta:**" in md


def test_draft_title_is_the_asking_sentence_shortened_at_a_word():
    from assistant.interfaces.web.draft import draft_title

    assert draft_title("We make brake parts in Ohio. How long can raw materials stay in Mexico under IMMEX?") == \
        "How long can raw materials stay in Mexico under IMMEX?"
    long = ("¿cuánto cuesta operar una planta de arneses con doscientos trabajadores en Ciudad Juárez bajo un "
            "esquema shelter durante los primeros tres años?")
    title = draft_title(long, "es")
    assert title.startswith("¿cuánto cuesta operar") and title.endswith("…") and len(title) <= 90
    assert long.startswith(title[:-1])  # cut at a word, nothing invented
    assert draft_title("   ", "es") == "Borrador de respuesta"


def test_name_documents_replaces_ids_but_not_urls_or_words():
    from assistant.interfaces.web.draft import name_documents

    titles = {"shelter-services-explained": "Shelter services explained", "glossary": "Glossary of terms"}
    text = ("Costs pass through (see shelter-services-explained). Read [the guide](shelter-services-explained.md) "
            "or https://example.org/shelter-services-explained; see glossary; the glossary lists terms.")
    assert name_documents(text, titles) == (
        "Costs pass through (see Shelter services explained). Read the guide "
        "or https://example.org/shelter-services-explained; see Glossary of terms; the glossary lists terms.")


def test_markdown_blocks_keep_working(tmp_path):
    from docx import Document as Docx

    from assistant.interfaces.web.draft import markdown_to_docx

    md = ("# Title\n\n## Part\n\nSome **bold** and *italic* text with <https://example.org/a>.\n\n"
          "- a bullet\n   - a nested bullet\n\n3. third point\n\n"
          "> A quoted line\n> that continues.\n>\n> | k | v |\n> |---|---|\n> | a | 1 |\n")
    document = Docx(str(markdown_to_docx(md, tmp_path / "blocks.docx")))
    by_text = {p.text: p for p in document.paragraphs}
    assert by_text["Part"].style.name == "Heading 1"
    runs = by_text["Some bold and italic text with https://example.org/a."].runs
    assert any(r.bold and r.text == "bold" for r in runs) and any(r.italic and r.text == "italic" for r in runs)
    assert by_text["a bullet"].style.name == "List Bullet"
    assert by_text["a nested bullet"].style.name == "List Bullet 2"
    assert "3. third point" in by_text
    assert by_text["A quoted line that continues."].style.name == "Quote"
    assert [[c.text for c in row.cells] for row in document.tables[0].rows] == [["k", "v"], ["a", "1"]]
    assert hyperlinks(document) == [("https://example.org/a", "https://example.org/a")]
