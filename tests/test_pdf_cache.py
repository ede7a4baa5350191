"""Reading PDFs once per file version, on several processes: the cache beside the index."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import DocumentError
from assistant.ingest import pdf_cache
from assistant.ingest.discover import load_corpus
from assistant.ingest.pdf_cache import load_pdfs
from tests.pdfmaker import make_pdf

SIDECAR = """id: {id}
title: "{title}"
doc_type: regulation
jurisdiction: MX
language: es
as_of: 2025-11-19
"""


def _law(folder: Path, name: str, body: str) -> Path:
    path = make_pdf(folder / f"{name}.pdf", [f"Articulo 1.- {body}", f"Articulo 2.- {body} segunda parte."])
    (folder / f"{name}.pdf.yaml").write_text(SIDECAR.format(id=name, title=name.replace("-", " ").title()))
    return path


@pytest.fixture(autouse=True)
def no_memo(monkeypatch):
    """Each test starts with nothing remembered in memory (the disk cache is what most tests are about)."""
    monkeypatch.setattr(pdf_cache, "_memo", pdf_cache.OrderedDict())


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    _law(folder, "ley-uno", "Las mercancias importadas temporalmente podran permanecer dieciocho meses.")
    _law(folder, "ley-dos", "El impuesto se calculara aplicando la tasa del 16%.")
    return folder


def _files(folder: Path) -> list[tuple[Path, str]]:
    return [(p, p.name) for p in sorted(folder.glob("*.pdf"))]


def test_a_second_load_reads_the_cache_not_the_pdfs(corpus, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first = load_pdfs(_files(corpus), cache, workers=1)

    def refuse(*_args):
        raise AssertionError("the PDF was read again although it is cached")

    monkeypatch.setattr(pdf_cache, "load_pdf", refuse)
    monkeypatch.setattr(pdf_cache, "_memo", pdf_cache.OrderedDict())  # from the disk, not from memory
    second = load_pdfs(_files(corpus), cache, workers=1)
    assert {k: v[0] for k, v in second.items()} == {k: v[0] for k, v in first.items()}
    assert len(list(cache.glob("*.json"))) == 2


def test_a_changed_sidecar_or_pdf_is_read_again_and_its_old_entry_dropped(corpus, tmp_path):
    cache = tmp_path / "cache"
    load_pdfs(_files(corpus), cache, workers=1)
    before = set(cache.glob("*.json"))
    sidecar = corpus / "ley-uno.pdf.yaml"
    sidecar.write_text(sidecar.read_text().replace("as_of: 2025-11-19", "as_of: 2026-01-02"))
    again = load_pdfs(_files(corpus), cache, workers=1)
    assert again["ley-uno.pdf"][0].meta.as_of == "2026-01-02"
    after = set(cache.glob("*.json"))
    assert len(after) == 2 and len(after - before) == 1


def test_an_unreadable_cache_entry_is_read_from_the_pdf_again(corpus, tmp_path):
    cache = tmp_path / "cache"
    load_pdfs(_files(corpus), cache, workers=1)
    for entry in cache.glob("*.json"):
        entry.write_text("{ half-written")
    pdf_cache._memo.clear()
    again = load_pdfs(_files(corpus), cache, workers=1)
    assert "dieciocho meses" in again["ley-uno.pdf"][0].sections[0].text


def test_worker_processes_give_the_same_documents_and_report_a_broken_pdf(corpus, tmp_path):
    (corpus / "roto.pdf").write_bytes(b"%PDF-1.4 this is not a PDF body")
    serial = load_pdfs(_files(corpus), None, workers=1)
    parallel = load_pdfs(_files(corpus), None, workers=2)
    assert isinstance(parallel["roto.pdf"], DocumentError) and "could not be read" in parallel["roto.pdf"].message
    for name in ("ley-uno.pdf", "ley-dos.pdf"):
        assert parallel[name][0] == serial[name][0]


def test_load_corpus_keeps_reporting_bad_pdfs_with_the_cache(corpus, tmp_path):
    (corpus / "roto.pdf").write_bytes(b"%PDF-1.4 nope")
    report = load_corpus(corpus, tmp_path / "cache")
    assert sorted(d.meta.id for d in report.documents) == ["ley-dos", "ley-uno"]
    assert [p.path for p in report.errors] == ["roto.pdf"]


def test_without_a_cache_folder_a_pdf_is_read_once_per_process(corpus, monkeypatch):
    load_pdfs(_files(corpus), None, workers=1)

    def refuse(*_args):
        raise AssertionError("the PDF was read again in the same process")

    monkeypatch.setattr(pdf_cache, "load_pdf", refuse)
    again = load_pdfs([(p, f"moved/{p.name}") for p, _ in _files(corpus)], None, workers=1)
    assert again["moved/ley-uno.pdf"][0].path == "moved/ley-uno.pdf"  # the same file under another name
