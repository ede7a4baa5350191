"""Official texts are cut at their own provisions: one article, subsection, note paragraph or tariff heading per
chunk, each carrying the look-up keys of what it holds and the citation a lawyer would write.

The first half specifies the behaviour on small synthetic texts; the second checks it on the official texts the
project ships in corpus/official (loaded once for the module: about a minute of PDF text extraction).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest.chunking import CHUNKER_VERSION, chunk_document
from assistant.ingest.discover import load_corpus
from assistant.ingest.legal import chunk_legal, structure_of
from assistant.ingest.pdf import load_pdf
from assistant.ingest.pdfclean import clean_pages, join_hyphenated
from assistant.models import DocMeta, Document, Section, Source
from tests.pdfmaker import make_pdf

ROOT = Path(__file__).resolve().parents[1]
OFFICIAL = ROOT / "corpus" / "official"
HEADER = ["LEY DEMO", "CÁMARA DE DIPUTADOS DEL H. CONGRESO DE LA UNIÓN", "Secretaría General",
          "Secretaría de Servicios Parlamentarios", "Última Reforma DOF 19-11-2025"]


def law(pages: list[str], doc_id: str = "ley-aduanera", title: str = "Ley Aduanera", language: str = "es",
        path: str | None = None, as_of: str = "2025-11-19", sources: list[Source] | None = None) -> Document:
    meta = DocMeta(id=doc_id, title=title, doc_type="regulation", jurisdiction="MX", language=language, as_of=as_of,
                   sources=sources or [Source(title=title, url="https://example.org/law.pdf")])
    return Document(meta=meta, path=path or f"official/mx/{doc_id}.pdf", content_hash="x",
                    sections=[Section(heading=None, text=t, page=n) for n, t in enumerate(pages, start=1)])


def by_key(chunks, key):
    return [c for c in chunks if key in c.refs]


# --- running headers, footers and broken words --------------------------------------------------------------


ARTICLES = ["ARTICULO 1o. Esta Ley regula la entrada de mercancías.", "ARTICULO 2o. Para los efectos de esta Ley.",
            "ARTICULO 3o. Las funciones de la autoridad.", "ARTICULO 4o. Los reglamentos aplicables."]


def test_running_headers_and_n_de_m_page_numbers_are_dropped_and_the_body_kept():
    notes = ["Párrafo reformado DOF 09-12-2013", "Fracción adicionada DOF 09-12-2013",
             "Artículo reformado DOF 25-06-2018", "Párrafo adicionado DOF 19-11-2025"]
    pages = ["\n".join(["", *HEADER, "", f"{n} de 4", article, note])
             for n, (article, note) in enumerate(zip(ARTICLES, notes), start=1)]
    assert [page.splitlines() for page in clean_pages(pages)] == [list(pair) for pair in zip(ARTICLES, notes)]


BODY = ["(a) Goods originating in Mexico.", "(b) Regional value content.", "(c) De minimis.", "(d) Sets.",
        "(e) Accumulation.", "(f) Fungible goods."]


def test_footers_with_changing_numbers_count_as_the_same_line():
    gn = [f"{line}\nHarmonized Tariff Schedule of the United States Revision 7 (2025)\n"
          f"Annotated for Statistical Reporting Purposes\nGN p.{n}" for n, line in enumerate(BODY, start=1)]
    assert clean_pages(gn) == BODY
    chapter = [f"{line}\nXVI\n85-{n}" for n, line in enumerate(BODY, start=1)]
    assert clean_pages(chapter) == BODY


def test_a_line_repeated_in_the_body_stays_and_a_short_document_keeps_everything_but_page_numbers():
    body = "\n".join(f"Línea {word} del texto." for word in ("uno", "dos", "tres", "cuatro", "cinco", "seis", "siete"))
    pages = [f"{article}\n{body}\nVéase la fracción I.\n{body}\n{article}" for article in ARTICLES]
    assert all("Véase la fracción I." in page for page in clean_pages(pages))  # not near a page's edge
    two = ["Artículo 1. Texto.\n- 1 -", "Artículo 2. Texto.\n- 2 -"]
    assert clean_pages(two) == ["Artículo 1. Texto.", "Artículo 2. Texto."]


def test_a_title_under_its_own_running_header_is_kept():
    pages = ["\n".join([*HEADER, f"{n} de 3", "LEY DEMO" if n == 1 else "", article]) for n, article in
             enumerate(ARTICLES[:3], start=1)]
    assert clean_pages(pages)[0].splitlines() == ["LEY DEMO", ARTICLES[0]]


@pytest.mark.parametrize(("lines", "joined"), [
    (["la materia adua-", "nera del país"], ["la materia aduanera", "del país"]),
    (["para deter-", "minar el valor"], ["para determinar", "el valor"]),
    (["el artículo 28-", "A de esta Ley"], ["el artículo 28-", "A de esta Ley"]),  # a number's hyphen
    (["el programa IMMEX-", "SAT vigente"], ["el programa IMMEX-", "SAT vigente"]),  # capitals
    (["entre 1995-", "2000 se aplicó"], ["entre 1995-", "2000 se aplicó"]),
])
def test_words_broken_at_a_line_end_are_joined_only_between_lower_case_letters(lines, joined):
    assert join_hyphenated(lines) == joined


def test_a_compound_the_document_writes_elsewhere_keeps_its_hyphen():
    pages = ["destinada a casa-\nhabitación y otros usos.", "La habitación del inmueble.", "Otra habitación."]
    assert clean_pages(pages)[0] == "destinada a casa-\nhabitación y otros usos."
    assert clean_pages(["la materia adua-\nnera"])[0] == "la materia aduanera"


def test_load_pdf_drops_running_headers_keeps_page_numbers_and_drops_pages_left_empty(tmp_path):
    pages = ["\n".join([*HEADER, f"{n} de 4", article]) for n, article in enumerate(ARTICLES[:3], start=1)]
    pages.append("\n".join([*HEADER, "4 de 4"]))
    doc, _ = load_pdf(make_pdf(tmp_path / "demo.pdf", pages), "official/mx/demo.pdf")
    assert [(s.page, s.text) for s in doc.sections] == [(n, a) for n, a in enumerate(ARTICLES[:3], start=1)]


# --- Mexican laws: one chunk per article ----------------------------------------------------------------------

FRACTIONS = "\n\n".join(f"{roman}. Supuesto {roman} " + "con requisitos de control y plazos aplicables " * 6 + "."
                        for roman in ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"))
LAW_PAGES = [
    """LEY ADUANERA

Al margen un sello con el Escudo Nacional.
Que el H. Congreso de la Unión se ha servido dirigirme el siguiente DECRETO
Nueva Ley publicada en el Diario Oficial de la Federación el 15 de diciembre de 1995

TÍTULO PRIMERO
Disposiciones generales

CAPÍTULO I
Del objeto

ARTICULO 1o. Esta Ley regula la entrada y salida de mercancías.
Párrafo reformado DOF 09-12-2013

Artículo 2o.- Para los efectos de esta Ley se considera:

I. Autoridad, la aduanera.

lI. Secretaría, la de Hacienda.
Artículo 27 de la Constitución, citado aquí a mitad de un párrafo, no abre un artículo.""",
    """Artículo 15 Bis.- Las personas físicas podrán importar.

Artículo 28.- Texto del veintiocho.

Artículo 3o. de la Ley de Comercio Exterior, citado al abrir un párrafo: fuera de orden, no es un artículo.

Artículo 28-A.- Las personas que introduzcan bienes a regímenes temporales podrán aplicar un crédito fiscal.

CAPÍTULO II
De los plazos

Artículo 45.- (Se deroga).

ARTICULO 59-A.- Quienes introduzcan mercancías transmitirán su valor.""",
    "Artículo 108.- Las maquiladoras podrán importar temporalmente lo siguiente:\n\n" + FRACTIONS,
    """TRANSITORIOS

Artículo 1o.- Esta Ley entrará en vigor el día 1o. de abril de 1996.

Artículo Segundo.- Se abroga la ley anterior.

DECRETO por el que se reforman diversas disposiciones de la Ley Aduanera.

Publicado en el Diario Oficial de la Federación el 9 de diciembre de 2013

Transitorios

Primero. El presente Decreto entrará en vigor al día siguiente de su publicación.""",
]


@pytest.fixture(scope="module")
def law_chunks():
    return chunk_document(law(LAW_PAGES))


def test_each_article_is_one_chunk_from_its_heading_line_with_its_key(law_chunks):
    first = {c.refs[0]: c for c in reversed(law_chunks) if c.refs}
    for key, opening in [("1", "ARTICULO 1o."), ("2", "Artículo 2o.-"), ("15-bis", "Artículo 15 Bis.-"),
                         ("28", "Artículo 28.-"), ("28-a", "Artículo 28-A.-"), ("45", "Artículo 45.-"),
                         ("59-a", "ARTICULO 59-A.-"), ("108", "Artículo 108.-")]:
        assert first[f"ley-aduanera:art:{key}"].text.startswith(opening), key
    keys = {r for c in law_chunks for r in c.refs}
    assert "ley-aduanera:art:27" not in keys  # quoted mid-paragraph
    assert "ley-aduanera:art:3" not in keys  # quoted at a paragraph's start, but out of order
    assert "Artículo 3o. de la Ley de Comercio Exterior" in by_key(law_chunks, "ley-aduanera:art:28")[0].text
    [two] = by_key(law_chunks, "ley-aduanera:art:2")
    assert "Artículo 27 de la Constitución" in two.text and two.text.splitlines()[2].startswith("II. Secretaría")


def test_short_articles_are_not_merged_and_a_repealed_one_is_its_own_chunk(law_chunks):
    [repealed] = by_key(law_chunks, "ley-aduanera:art:45")
    assert repealed.text == "Artículo 45.- (Se deroga)."
    assert len(by_key(law_chunks, "ley-aduanera:art:28")) == 1 and len(by_key(law_chunks, "ley-aduanera:art:28-a")) == 1


def test_an_article_s_reform_notes_and_fracciones_stay_with_it_and_each_fraccion_is_a_key(law_chunks):
    [one] = by_key(law_chunks, "ley-aduanera:art:1")
    assert one.text.endswith("Párrafo reformado DOF 09-12-2013")
    assert by_key(law_chunks, "ley-aduanera:art:2:fr:ii")  # "lI." as extracted is fracción II


def test_the_section_label_is_the_headings_in_force_then_the_article(law_chunks):
    [one] = by_key(law_chunks, "ley-aduanera:art:1")
    [repealed] = by_key(law_chunks, "ley-aduanera:art:45")
    assert one.section == "TÍTULO PRIMERO: Disposiciones generales > CAPÍTULO I: Del objeto > Artículo 1"
    assert repealed.section == "TÍTULO PRIMERO: Disposiciones generales > CAPÍTULO II: De los plazos > Artículo 45"


def test_a_long_article_is_split_between_fracciones_and_every_part_keeps_the_article_key(law_chunks):
    parts = by_key(law_chunks, "ley-aduanera:art:108")
    assert len(parts) > 1
    assert [c.ordinal for c in parts] == list(range(parts[0].ordinal, parts[0].ordinal + len(parts)))
    assert parts[0].text.startswith("Artículo 108.-")
    assert all(c.text.startswith("Artículo 108 (continuación)\n") for c in parts[1:])
    assert all(c.section.endswith("Artículo 108") and len(c.text.split()) <= 470 for c in parts)
    held = [[r.rsplit(":", 1)[1] for r in c.refs if ":fr:" in r] for c in parts]
    assert [fr for part in held for fr in part] == ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x",
                                                     "xi", "xii"]  # each fracción whole, in one part, in order
    assert parts[0].cite == f"Ley Aduanera, art. 108, fr. I–{held[0][-1].upper()}, p. 3 (última reforma DOF 19-11-2025)"


def test_a_reform_note_opening_with_its_verb_ends_the_fraccion_before_the_next_one():
    """LIVA art. 5: "Reforma DOF 30-11-2016: Derogó de la fracción el entonces párrafo segundo" and then "II. Que el
    impuesto …" on the next line — fr. II opens its own paragraph (it had been read into fr. I, without its key)."""
    from assistant.ingest.legal_base import Line
    from assistant.ingest.legal_mx_text import REFORM_NOTE, paragraphs

    lines = [Line(text, 9) for text in (
        "I. Que el impuesto corresponda a bienes estrictamente indispensables.", "Párrafo reformado DOF 11-12-2013",
        "Reforma DOF 30-11-2016: Derogó de la fracción el entonces párrafo segundo",
        "II. Que el impuesto haya sido trasladado expresamente al contribuyente y que", "conste por separado.")]
    assert [[ln.text[:8] for ln in p] for p in paragraphs(lines)] == [
        ["I. Que e"], ["Párrafo ", "Reforma "], ["II. Que ", "conste p"]]
    assert REFORM_NOTE.match("Derogada DOF 23-04-2021") and not REFORM_NOTE.match("Reformas al DOF, 2020")


def test_the_citation_names_the_law_article_page_and_reform_date(law_chunks):
    [art] = by_key(law_chunks, "ley-aduanera:art:28-a")
    assert art.cite == "Ley Aduanera, art. 28-A, p. 2 (última reforma DOF 19-11-2025)"
    [bis] = by_key(law_chunks, "ley-aduanera:art:15-bis")
    assert bis.cite.startswith("Ley Aduanera, art. 15 Bis, p. 2")
    [two] = by_key(law_chunks, "ley-aduanera:art:2")
    assert two.cite == "Ley Aduanera, art. 2, p. 1 (última reforma DOF 19-11-2025)"  # whole article: no fr.


def test_transitorios_are_chunked_by_decree_and_never_carry_the_law_s_article_keys(law_chunks):
    tail = [c for c in law_chunks if c.section.startswith("Transitorios")]
    assert [c.section for c in tail] == [
        "Transitorios — DOF 15-12-1995",
        "Transitorios — DECRETO por el que se reforman diversas disposiciones de la Ley Aduanera (DOF 09-12-2013)",
    ]
    assert all(c.refs == [] for c in tail)
    assert "Artículo 1o.- Esta Ley entrará en vigor" in tail[0].text
    [one] = by_key(law_chunks, "ley-aduanera:art:1")
    assert "entrará en vigor" not in one.text
    assert tail[1].cite == "Ley Aduanera, transitorios (DOF 09-12-2013), p. 4 (última reforma DOF 19-11-2025)"


def test_the_preamble_is_one_chunk_without_keys(law_chunks):
    assert law_chunks[0].section == "Preámbulo" and law_chunks[0].refs == []
    assert "Escudo Nacional" in law_chunks[0].text and "TÍTULO PRIMERO" not in law_chunks[0].text


def test_chunks_have_the_usual_ids_and_fields(law_chunks):
    doc = law(LAW_PAGES)
    for ordinal, c in enumerate(law_chunks):
        assert c.id.startswith(f"ley-aduanera:{ordinal:04d}:") and len(c.id.rsplit(":", 1)[1]) == 10
        assert (c.ordinal, c.doc_id, c.title, c.as_of, c.path) == (ordinal, "ley-aduanera", "Ley Aduanera",
                                                                    "2025-11-19", doc.path)
        assert (c.authority, c.url, c.language, c.jurisdiction) == ("official", "https://example.org/law.pdf", "es", "MX")
        assert c.page is not None and c.cite
    assert [c.id for c in chunk_document(doc)] == [c.id for c in law_chunks]
    assert CHUNKER_VERSION == "19"


def test_only_official_texts_are_chunked_by_provision():
    curated = chunk_document(law(LAW_PAGES, path="immex/ley-aduanera.pdf"))
    assert all(c.refs == [] and c.cite is None for c in curated)


def test_an_unlisted_official_text_is_read_as_articles_only_when_it_is_spanish_with_ten_articles():
    articles = "\n\n".join(f"Artículo {n}.- Disposición número {n} del reglamento." for n in range(1, 11))
    regl = law([articles], doc_id="reglamento-demo", title="Reglamento Demo")
    assert structure_of(regl) == "articles"
    assert by_key(chunk_legal(regl), "reglamento-demo:art:10")[0].cite.startswith("Reglamento Demo, art. 10, p. 1")
    assert structure_of(law([articles.replace("Artículo 10", "Nota 10")], doc_id="reglamento-demo")) is None
    assert chunk_legal(law([articles], doc_id="notice", language="en")) is None


# --- US texts -------------------------------------------------------------------------------------------------


def test_us_code_subsections_carry_section_and_subsection_keys():
    meta = DocMeta(id="19-usc-chapter-29", title="19 U.S.C. Chapter 29: USMCA Implementation", short="19 U.S.C.",
                   doc_type="regulation", jurisdiction="US", as_of="2023-04-20")
    doc = Document(meta=meta, path="official/us/19-usc-chapter-29.md", content_hash="x", sections=[
        Section(heading="§ 4501. Purpose", text="The purpose of this Act is to implement the USMCA."),
        Section(heading="§ 4531. Rules of origin > (c) Originating goods", text="(1) In general\n\nA good is originating."),
    ])
    purpose, origin = chunk_legal(doc)
    assert purpose.refs == ["19-usc-chapter-29:sec:4501"]
    assert origin.refs == ["19-usc-chapter-29:sec:4531", "19-usc-chapter-29:sec:4531:c"]
    assert origin.cite == "19 U.S.C. § 4531(c) (text as of 20-04-2023)"
    assert origin.section == "§ 4531. Rules of origin > (c) Originating goods"


def test_a_us_code_formula_printed_as_a_stacked_fraction_reads_on_one_line():
    meta = DocMeta(id="19-usc-chapter-29", title="19 U.S.C. Chapter 29: USMCA Implementation", short="19 U.S.C.",
                   doc_type="regulation", jurisdiction="US", as_of="2023-04-20")
    text = ("(A) In general\n\nA producer may use the following net cost method:\u2001\u2001rvc\n\n=\n\nnc–vnm\n\n×"
            "\n\n100\n\nnc\n\n(B) Definitions")
    doc = Document(meta=meta, path="official/us/19-usc-chapter-29.md", content_hash="x", sections=[
        Section(heading="§ 4531. Rules of origin > (d) Regional value content", text=text)])
    [piece] = chunk_legal(doc)
    assert "the following net cost method: RVC = ((NC–VNM)/NC) × 100\n(B) Definitions" in piece.text


def _us_doc(doc_id: str, title: str, pages: list[str]) -> Document:
    return law(pages, doc_id=doc_id, title=title, language="en", path=f"official/us/{doc_id}.pdf", as_of="2025-04-04",
               sources=[Source(title="Harmonized Tariff Schedule of the United States (2025) Revision 7")])


def test_a_roman_looking_letter_is_a_paragraph_when_it_does_not_continue_the_subdivisions():
    lines = ["(a) First paragraph.", "(b) Second.", "(c) Third.", "(d) Fourth.", "(e) Fifth.", "(f) Sixth.",
             "(g) Seventh.", "(h) [Format adjusted for alignment.]", "(i) Packing materials are disregarded.",
             "(ii) Packaging materials are disregarded.", "(i) Goods put up in sets.-- Not originating unless—",
             "(A) each good is originating.", "(j) Nonqualifying operations.—Dilution is not enough."]
    chunks = chunk_legal(_us_doc("htsus-general-note-11", "HTSUS General Note 11: USMCA", ["\n".join(lines)]))
    by_letter = {c.refs[0].rsplit(":", 1)[1]: c for c in chunks}
    assert sorted(by_letter) == list("abcdefghij")
    assert "(ii) Packaging materials" in by_letter["h"].text and "(A) each good" in by_letter["i"].text
    assert by_letter["i"].cite == "HTSUS General Note 11(i), p. 1 (Rev. 7, 2025)"


def test_general_rules_of_interpretation_one_chunk_per_rule():
    text = """GENERAL RULES OF INTERPRETATION
Classification of goods shall be governed by the following principles:
1. Titles are for ease of reference only.
2. (a) Incomplete articles are classified as complete.
(b) Mixtures are classified by rule 3.
3. When goods are classifiable under two headings:
(a) The most specific heading is preferred.
Harmonized Tariff Schedule of the United States Revision 7 (2025)
ADDITIONAL U.S. RULES OF INTERPRETATION
1. In the absence of special language:
(a) use is the principal use."""
    chunks = chunk_legal(_us_doc("htsus-general-rules-of-interpretation", "HTSUS General Rules of Interpretation", [text]))
    keys = [c.refs[0].rsplit(":", 1)[1] for c in chunks]
    assert keys == ["1", "2", "3", "us-1"]
    three = chunks[2]
    assert three.cite == "HTSUS General Rules of Interpretation, rule 3"
    assert "(a) The most specific heading" in three.text and "Harmonized Tariff" not in three.text
    assert chunks[0].text.startswith("Classification of goods")
    assert chunks[3].cite == "HTSUS Additional U.S. Rules of Interpretation, rule 1"


def test_an_hts_chapter_is_chunked_into_notes_then_headings_with_every_code_as_a_key():
    notes = """CHAPTER 87
VEHICLES OTHER THAN RAILWAY
87-1
Notes
1. This chapter does not cover railway rolling stock.
2. For the purposes of this chapter, "tractors" means vehicles for hauling.
Additional U.S. Notes
1. Road tractors remain classified in heading 8701."""
    table = """Tractors (other than tractors of heading 8709):8701
Single axle tractors................................................................008701.10.01 Free 2/ Free 1/No.............
Road tractors for semi-trailers:
With only electric motor for propulsion..........................8701.24.00 25%Free (A+, AU, B, BH,
CL, CO, D, E, IL,
P, PA, PE, S, SG)
4%
3/..................
Motor vehicles for the transport of goods:8704
Dumpers designed for off-highway use:8704.10
Cab chassis..........8704.10.10 25%Free 1/No.............
1/ See 9903.88.01."""
    chunks = chunk_legal(_us_doc("htsus-chapter-87", "HTSUS Chapter 87: Vehicles", [notes, table]))
    sections = [c.section for c in chunks]
    assert sections == ["Chapter 87 > Notes", "Chapter 87 > Additional U.S. Notes",
                        "Chapter 87 > Heading 8701: Tractors (other than tractors of heading 8709)",
                        "Chapter 87 > Heading 8704: Motor vehicles for the transport of goods", "Chapter 87 > Endnotes"]
    assert chunks[0].refs == ["htsus-chapter-87:par:note-1", "htsus-chapter-87:par:note-2"]
    assert chunks[0].cite == "HTSUS chapter 87, notes 1–2, p. 87-1 (Rev. 7, 2025)"
    tractors = chunks[2]
    assert tractors.refs == ["hts:8701", "hts:8701.10", "hts:8701.10.01", "hts:8701.24", "hts:8701.24.00"]
    assert "Single axle tractors … 8701.10.01.00 Free 2/ Free 1/ No." in tractors.text
    assert "25% Free (A+, AU, B, BH, CL, CO, D, E, IL, P, PA, PE, S, SG) 4% 3/" in tractors.text
    assert tractors.cite == "HTSUS heading 8701, p. 87-2 (Rev. 7, 2025)"
    assert "hts:8704.10.10" in chunks[3].refs and chunks[4].refs == []


# --- the shipped official texts -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def official():
    report = load_corpus(OFFICIAL)  # paths relative to corpus/official; in the whole corpus they sit under official/
    assert not report.errors, report.errors
    docs = [doc.model_copy(update={"path": f"official/{doc.path}"}) for doc in report.documents]
    return {doc.meta.id: chunk_document(doc) for doc in docs}


@pytest.fixture(scope="module")
def shipped(official):
    return official


def test_every_shipped_official_text_is_chunked_by_provision(official):
    chunks = official
    assert set(chunks) == {"ley-aduanera", "ley-federal-del-trabajo", "ley-del-impuesto-sobre-la-renta",
                           "ley-del-impuesto-al-valor-agregado", "ley-del-seguro-social", "19-usc-chapter-29",
                           "htsus-general-note-11", "htsus-general-rules-of-interpretation", "htsus-chapter-85",
                           "htsus-chapter-87"}
    for doc_id, doc_chunks in chunks.items():
        assert all(c.cite for c in doc_chunks), doc_id
        keyless = {c.section.split(" — ")[0] for c in doc_chunks if not c.refs}  # what holds no provision
        assert keyless <= {"Preámbulo", "Transitorios", "Chapter 85 > Endnotes", "Chapter 87 > Endnotes",
                           "Additional U.S. Rules of Interpretation > Compiler's note",
                           "19 U.S.C. Chapter 29"}, doc_id
        if doc_id != "19-usc-chapter-29":
            assert all(c.page is not None for c in doc_chunks), doc_id


@pytest.mark.parametrize(("doc_id", "last"), [("ley-aduanera", 203), ("ley-federal-del-trabajo", 1010),
                                              ("ley-del-impuesto-sobre-la-renta", 215),
                                              ("ley-del-impuesto-al-valor-agregado", 43), ("ley-del-seguro-social", 319)])
def test_every_article_of_each_law_is_found_once_in_order(shipped, doc_id, last):
    chunks = shipped[doc_id]
    bare = [next(r for r in c.refs if ":fr:" not in r) for c in chunks if c.refs]
    numbers = sorted({int(key.split(":art:")[1].split("-")[0]) for key in bare})
    assert numbers == list(range(1, last + 1))
    runs = [key for n, key in enumerate(bare) if n == 0 or bare[n - 1] != key]
    assert len(runs) == len(set(runs)), "an article's parts are consecutive and no article appears twice"
    for c in chunks:
        if c.refs and not c.text.split("\n", 1)[0].endswith("(continuación)"):
            assert c.text[:8].lower().startswith(("artículo", "articulo")), c.text[:60]


def test_no_chunk_of_a_law_carries_the_running_header(shipped):
    for doc_id in ("ley-aduanera", "ley-federal-del-trabajo", "ley-del-seguro-social"):
        for c in shipped[doc_id]:
            assert "CÁMARA DE DIPUTADOS DEL H. CONGRESO DE LA UNIÓN" not in c.text
            assert "Secretaría de Servicios Parlamentarios" not in c.text
    for doc_id in ("htsus-general-note-11", "htsus-chapter-85", "htsus-general-rules-of-interpretation"):
        assert not any("Annotated for Statistical Reporting Purposes" in c.text for c in shipped[doc_id])


def test_ley_aduanera_article_59_and_its_neighbour_59_a(shipped):
    parts = by_key(shipped["ley-aduanera"], "ley-aduanera:art:59")
    assert parts[0].text.startswith("ARTICULO 59. Quienes introduzcan o extraigan mercancías")
    assert parts[0].page == 38 and parts[0].cite.startswith("Ley Aduanera, art. 59, fr. I")
    assert parts[0].cite.endswith("(última reforma DOF 19-11-2025)")
    assert all("ley-aduanera:art:59-a" not in c.refs for c in parts)
    [art_59a] = by_key(shipped["ley-aduanera"], "ley-aduanera:art:59-a")
    assert art_59a.text.startswith("ARTICULO 59-A.") and art_59a.cite == \
        "Ley Aduanera, art. 59-A, p. 40 (última reforma DOF 19-11-2025)"


def test_ley_aduanera_article_108_fraccion_iii_is_the_maquila_machinery_term(shipped):
    [part] = by_key(shipped["ley-aduanera"], "ley-aduanera:art:108:fr:iii")
    assert "ley-aduanera:art:108" in part.refs
    assert "III. Por la vigencia del programa de maquila o de exportación" in part.text
    assert ", fr. III" in part.cite and part.section.endswith("> Artículo 108")


def test_other_laws_articles_hold_their_known_text(shipped):
    [vat] = by_key(shipped["ley-del-impuesto-al-valor-agregado"], "ley-del-impuesto-al-valor-agregado:art:28-a")
    assert vat.text.startswith("Artículo 28-A. Las personas que introduzcan bienes a los regímenes aduaneros")
    assert vat.cite == "Ley del Impuesto al Valor Agregado, art. 28-A, p. 40 (última reforma DOF 12-11-2021)"
    [vacation] = by_key(shipped["ley-federal-del-trabajo"], "ley-federal-del-trabajo:art:76")
    assert "doce días laborables" in vacation.text and vacation.section.endswith("Vacaciones > Artículo 76")
    [lft_1] = by_key(shipped["ley-federal-del-trabajo"], "ley-federal-del-trabajo:art:1")
    assert lft_1.text.startswith("Artículo 1o.- La presente Ley es de observancia general")  # not a transitorio
    isr_9 = by_key(shipped["ley-del-impuesto-sobre-la-renta"], "ley-del-impuesto-sobre-la-renta:art:9")
    assert "la tasa del 30%" in isr_9[0].text
    assert by_key(shipped["ley-del-seguro-social"], "ley-del-seguro-social:art:5-a")[0].text.startswith("Artículo 5 A.")


def test_the_laws_transitorios_carry_no_article_keys(shipped):
    for doc_id in ("ley-aduanera", "ley-federal-del-trabajo", "ley-del-impuesto-al-valor-agregado"):
        tail = [c for c in shipped[doc_id] if c.section.startswith("Transitorios")]
        assert len({c.section for c in tail}) > 10 and all(c.refs == [] for c in tail), doc_id


def test_us_texts_keys_and_citations(shipped):
    [origin] = by_key(shipped["19-usc-chapter-29"], "19-usc-chapter-29:sec:4531:c")
    assert origin.cite == "19 U.S.C. § 4531(c) (text as of 20-04-2023)" and "19-usc-chapter-29:sec:4531" in origin.refs
    rvc = " ".join(c.text for c in by_key(shipped["19-usc-chapter-29"], "19-usc-chapter-29:sec:4531:d"))
    assert "RVC = ((TV–VNM)/TV) × 100" in rvc and "RVC = ((NC–VNM)/NC) × 100" in rvc
    autos = by_key(shipped["htsus-general-note-11"], "htsus-general-note-11:par:k")
    assert len(autos) > 5 and autos[0].cite == "HTSUS General Note 11(k), pp. 7–9 (Rev. 7, 2025)"
    assert autos[0].section == "General Note 11 > (k) Special rules for automotive goods"
    assert by_key(shipped["htsus-general-note-11"], "htsus-general-note-11:par:i")[0].text.startswith(
        "(i) Goods classifiable as goods put up in sets")
    chapter_87 = [c for c in shipped["htsus-general-note-11"] if c.section.endswith("> Chapter 87")]
    assert chapter_87 and chapter_87[0].cite.startswith("HTSUS General Note 11(o), chapter 87, p")
    [rule_3] = by_key(shipped["htsus-general-rules-of-interpretation"], "htsus-general-rules-of-interpretation:rule:3")
    assert rule_3.text.startswith("3. When, by application of rule 2(b)")
    assert rule_3.cite == "HTSUS General Rules of Interpretation, rule 3"
    assert by_key(shipped["htsus-general-rules-of-interpretation"], "htsus-general-rules-of-interpretation:rule:us-1")


def test_hts_chapters_hold_their_headings_and_subheadings_as_keys(shipped):
    [cables] = by_key(shipped["htsus-chapter-85"], "hts:8544.42")
    assert "hts:8544" in cables.refs and "Fitted with connectors" in cables.text
    assert cables.cite.startswith("HTSUS heading 8544, p") and "85-8" in cables.cite
    tractors = by_key(shipped["htsus-chapter-87"], "hts:8701")
    assert tractors[0].text.startswith("Tractors (other than tractors of heading 8709): 8701")
    assert "Single axle tractors … 8701.10.01.00 Free" in tractors[0].text
    assert by_key(shipped["htsus-chapter-87"], "htsus-chapter-87:par:note-2")
