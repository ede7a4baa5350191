"""Loading the corpus: front matter is validated, bad files are reported and skipped, the rest loads."""

from pathlib import Path

from assistant.ingest.discover import load_corpus
from tests.pdfmaker import make_encrypted_pdf, make_image_only_pdf, make_pdf

GOOD = """---
id: {id}
title: "A good document"
doc_type: guide
jurisdiction: MX
topics: [immex]
language: en
as_of: 2026-11-01
sources:
  - title: "Ley Aduanera"
    citation: "Article 108"
    url: "https://example.org/la.pdf"
---
# A good document

## Section one
Plain text with a fact: raw materials may stay 18 months.
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_markdown_loads_with_metadata_and_heading_sections(tmp_path):
    write(tmp_path, "good-doc.md", GOOD.format(id="good-doc"))
    report = load_corpus(tmp_path)
    assert report.errors == []
    [doc] = report.documents
    assert doc.meta.id == "good-doc" and doc.meta.sources[0].citation == "Article 108"
    assert [s.heading for s in doc.sections] == ["Section one"]


def test_each_kind_of_bad_front_matter_is_reported_by_file_and_the_rest_still_loads(tmp_path):
    write(tmp_path, "ok.md", GOOD.format(id="ok"))
    write(tmp_path, "no-front-matter.md", "# Just a heading\nText.")
    write(tmp_path, "bad-yaml.md", "---\nid: x: y: z\n  - [\n---\nText")
    write(tmp_path, "bad-enum.md", GOOD.format(id="bad-enum").replace("doc_type: guide", "doc_type: blog"))
    write(tmp_path, "bad-date.md", GOOD.format(id="bad-date").replace("as_of: 2026-11-01", "as_of: November 2026"))
    write(tmp_path, "sub/dup.md", GOOD.format(id="ok"))
    report = load_corpus(tmp_path)
    assert [d.meta.id for d in report.documents] == ["ok"]
    messages = {p.path: p.message for p in report.errors}
    assert "no YAML front matter" in messages["no-front-matter.md"]
    assert "not valid YAML" in messages["bad-yaml.md"]
    assert "doc_type" in messages["bad-enum.md"]
    assert "as_of" in messages["bad-date.md"]
    assert "duplicate id 'ok'" in messages["sub/dup.md"]
    assert all(p.hint for p in report.errors)


def test_pdf_pages_keep_their_numbers_and_sidecar_metadata_wins(tmp_path):
    make_pdf(tmp_path / "ley.pdf", ["Artículo 1. Primera página.", "Artículo 108. Dieciocho meses para insumos."], title="Ley X")
    (tmp_path / "ley.pdf.yaml").write_text(
        "id: ley-x\ntitle: Ley X\ndoc_type: regulation\njurisdiction: MX\nlanguage: es\nas_of: 2025-11-19\n"
        "sources:\n  - title: Ley X\n    citation: DOF\n    url: https://example.org/x.pdf\n",
        encoding="utf-8",
    )
    make_pdf(tmp_path / "plain_notice.pdf", ["Section 1. The fee is 0.3464 percent of the value."], title="Fee notice")
    report = load_corpus(tmp_path)
    docs = {d.meta.id: d for d in report.documents}
    assert docs["ley-x"].meta.language == "es"
    assert [s.page for s in docs["ley-x"].sections] == [1, 2]
    assert docs["plain-notice"].meta.title == "Fee notice"  # from the PDF's own metadata
    assert any("no sidecar" in p.message for p in report.problems if p.severity == "warning")


def test_encrypted_corrupt_and_image_only_pdfs_are_skipped_with_what_to_do(tmp_path):
    write(tmp_path, "ok.md", GOOD.format(id="ok"))
    make_encrypted_pdf(tmp_path / "locked.pdf", "Secret text")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    make_image_only_pdf(tmp_path / "scan.pdf")
    report = load_corpus(tmp_path)
    assert [d.meta.id for d in report.documents] == ["ok"]
    errors = {p.path: str(p) for p in report.errors}
    assert "encrypted" in errors["locked.pdf"] and "qpdf" in errors["locked.pdf"]
    assert "could not be read" in errors["broken.pdf"]
    assert "no extractable text" in errors["scan.pdf"] and "OCR" in errors["scan.pdf"]
