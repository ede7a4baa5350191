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


# ------------------------------------------------------------------ hostile files (issue 10, items 4 and 8)
def _alias_bomb() -> str:
    """The 'billion laughs' front matter: nine levels of nine aliases each — 9⁹ strings once expanded."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join(f"*{prev}" for _ in range(9)) + "]")
    return "\n".join(lines).replace("i: &i", "as_of: &i")


def test_a_decompression_bomb_pdf_is_skipped_with_a_clear_message_and_the_rest_loads(tmp_path):
    from tests.pdfmaker import make_bomb_pdf

    write(tmp_path, "ok.md", GOOD.format(id="ok"))
    make_pdf(tmp_path / "fine.pdf", ["Section 1. The fee is 0.3464 percent of the value."], title="Fee notice")
    bomb = make_bomb_pdf(tmp_path / "bomb.pdf")
    assert bomb.stat().st_size < 200_000
    report = load_corpus(tmp_path)
    assert sorted(d.meta.id for d in report.documents) == ["fine", "ok"]
    [problem] = report.errors
    assert problem.path == "bomb.pdf" and "decompression bomb" in problem.message and problem.hint


def test_a_yaml_alias_bomb_in_the_front_matter_is_refused_at_once(tmp_path):
    import time

    front = "id: laughs\ntitle: Laughs\ndoc_type: guide\njurisdiction: MX\n" + _alias_bomb()
    write(tmp_path, "laughs.md", f"---\n{front}\n---\n# Laughs\n\n## Text\nSome text.\n")
    write(tmp_path, "ok.md", GOOD.format(id="ok"))
    assert len(front.encode()) < 700
    started = time.perf_counter()
    report = load_corpus(tmp_path)
    assert time.perf_counter() - started < 1.0
    assert [d.meta.id for d in report.documents] == ["ok"]
    [problem] = report.errors
    assert "alias" in problem.message and "line 7" in problem.message and "not allowed" in problem.hint


def test_a_sidecar_alias_bomb_is_refused_too(tmp_path):
    make_pdf(tmp_path / "ley.pdf", ["Artículo 1. Texto."])
    (tmp_path / "ley.pdf.yaml").write_text(_alias_bomb(), encoding="utf-8")
    report = load_corpus(tmp_path)
    assert report.documents == [] and "alias" in report.errors[0].message


def test_a_two_megabyte_front_matter_is_refused_before_it_is_parsed(tmp_path):
    topics = "\n".join(f"  - topic-{i}" for i in range(150_000))
    write(tmp_path, "huge.md", GOOD.format(id="huge").replace("topics: [immex]", "topics:\n" + topics))
    assert (tmp_path / "huge.md").stat().st_size > 2_000_000
    report = load_corpus(tmp_path)
    [problem] = report.errors
    assert "the limit is 16 KB" in problem.message and "20 topics" in problem.hint


def test_front_matter_list_string_and_nesting_caps(tmp_path):
    many_topics = GOOD.format(id="topics").replace("[immex]", "[" + ",".join(f"t{i}" for i in range(21)) + "]")
    sources = "".join(f'  - title: "S{i}"\n' for i in range(31))
    many_sources = GOOD.format(id="sources").replace("sources:\n", "sources:\n" + sources)
    long_title = GOOD.format(id="title").replace('"A good document"', '"' + "x" * 301 + '"')
    deep = GOOD.format(id="deep").replace("topics: [immex]", "topics: [[[[immex]]]]")
    for name, text in [("topics", many_topics), ("sources", many_sources), ("title", long_title), ("deep", deep)]:
        write(tmp_path, f"{name}.md", text)
    messages = {p.path: p.message for p in load_corpus(tmp_path).errors}
    assert "21 topics; at most 20" in messages["topics.md"]
    assert "32 sources; at most 30" in messages["sources.md"]
    assert "`title` is 301 characters; at most 300" in messages["title.md"]
    assert "nested more than 3 levels" in messages["deep.md"]


def test_an_unquoted_date_still_loads_and_a_timestamp_is_refused_by_name(tmp_path):
    write(tmp_path, "ok.md", GOOD.format(id="ok"))
    write(tmp_path, "stamp.md", GOOD.format(id="stamp").replace("as_of: 2026-11-01", "as_of: 2026-11-01 10:00:00"))
    report = load_corpus(tmp_path)
    assert [d.meta.as_of for d in report.documents] == ["2026-11-01"]
    assert "as_of" in report.errors[0].message
