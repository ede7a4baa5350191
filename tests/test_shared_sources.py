"""Real-world input: the official texts in ../shared/sources (Mexican laws, HTSUS PDFs) are ingested and used."""

import shutil

import pytest

from assistant.text import fold

from tests.conftest import require_shared


@pytest.mark.slow
def test_the_official_pdfs_ingest_with_page_numbers_and_answer_questions(tmp_path, make_store, embedder):
    from assistant.answer.pipeline import Assistant
    from assistant.answer.retrieval import HybridSearcher

    sources = require_shared("sources")
    corpus = tmp_path / "official"
    corpus.mkdir()
    pdfs = sorted(sources.rglob("*.pdf"))
    assert pdfs, f"no PDFs under {sources}"
    for pdf in pdfs:
        shutil.copy(pdf, corpus / pdf.name)

    store = make_store()
    report = store.ingest(corpus)
    assert [p for p in report.problems if p.severity == "error"] == []
    assert len(report.added) == len(pdfs)
    snap = store.snapshot()
    assert all(c.page is not None and c.page >= 1 for c in snap.chunks)
    art_108 = [c for c in snap.chunks if c.doc_id.startswith("la-ley-aduanera")
               and fold(c.section or "").startswith("articulo 108")]
    assert art_108 and art_108[0].page == 75  # the page of the official PDF where article 108 starts

    assistant = Assistant(HybridSearcher(store, embedder), None, k=5, min_support=0.3, use_tools=False,
                          embedder=embedder)
    result = assistant.ask("plazo de importación temporal de materias primas por empresas con programa IMMEX, dieciocho meses")
    assert any(p.chunk.doc_id.startswith("la-ley-aduanera") for p in result.retrieved)
    gn11 = assistant.ask("regional value content transaction value method formula", filters={"language": ["en"]})
    assert any(p.chunk.doc_id.startswith("general-note-11") for p in gn11.retrieved)
