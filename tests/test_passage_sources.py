"""Each passage's own source (assistant.ingest.passage_sources): the front matter's mapping, the source the section
names, the heading's words, the first source — on small cases and on the shipped corpus."""

from __future__ import annotations

import re

import pytest

from assistant.ingest.chunking import chunk_document
from assistant.ingest.markdown import load_markdown, parse_markdown
from assistant.ingest.metadata import validate_meta
from assistant.ingest.passage_sources import assign_sources, choose_source
from assistant.models import Source
from tests.conftest import ROOT

LISR = Source(title="Ley del Impuesto sobre la Renta", citation="Articles 183 and 183-Bis (shelter regime)",
              url="https://www.diputados.gob.mx/LeyesBiblio/pdf/LISR.pdf")
DECRETO = Source(title="Decreto para el Fomento de la Industria Manufacturera (Decreto IMMEX)",
                 citation="DOF 1 November 2006, article 3", url="https://www.dof.gob.mx/")
LA = Source(title="Ley Aduanera", citation="Articles 59 and 108", url="https://www.diputados.gob.mx/LeyesBiblio/pdf/LAdua.pdf")
LIVA = Source(title="Ley del Impuesto al Valor Agregado", citation="Article 28-A",
              url="https://www.diputados.gob.mx/LeyesBiblio/pdf/LIVA.pdf")
RGCE = Source(title="Reglas Generales de Comercio Exterior (RGCE)", citation="Rules 7.1.6 and 7.2.3",
              url="https://www.sat.gob.mx/")
NEWS = Source(title="EY Tax News, Mexico's reform of the shelter regime", citation="Description of the shelter model",
              url="https://taxnews.ey.com/")
SOURCES = [LISR, DECRETO, LA, LIVA, RGCE, NEWS]


def chosen(section: str, text: str, sources=SOURCES, title: str = "") -> Source | None:
    i = choose_source(sources, section, text, title)
    return None if i is None else sources[i]


def test_a_section_citing_an_article_gets_that_law():
    assert chosen("VAT on temporary imports", "The credit comes from Ley del IVA, Art. 28-A.") is LIVA
    assert chosen("Inventory control", "Annex 24 is required by Ley Aduanera article 59.") is LA
    assert chosen("Inventory control", "Annex 24 is required by LA article 59.") is LA  # the abbreviation, in capitals
    assert chosen("Taxes", "Under LISR article 183 a foreign principal has no permanent establishment.") is LISR


def test_a_section_naming_a_source_by_its_short_name_or_its_rule_number():
    assert chosen("Origins", "The Decreto IMMEX was published in 2006.") is DECRETO
    assert chosen("Renewal", "The renewal notice is due under rule 7.2.3 each year.") is RGCE
    assert chosen("Renewal", "La regla se publica en las RGCE.") is RGCE


def test_the_heading_naming_a_source_outweighs_a_passing_mention():
    text = "The Decreto IMMEX created the program. Customs control rests on the Ley Aduanera and its rules."
    assert chosen("Origins of the program: the Decreto IMMEX", text) is DECRETO


def test_without_a_mention_the_heading_words_decide_else_the_first_source():
    assert chosen("How shelter fees are charged", "Fees vary by provider and headcount.") is NEWS  # its title's word
    assert chosen("Water and power", "Parks supply water and power.") is LISR  # nothing in common: the first


def test_a_name_the_document_title_holds_is_its_subject_not_a_source():
    sources = [Source(title="Proclamation 10908, autos"), Source(title="19 U.S.C. 1862 (section 232)")]
    text = "Section 232 duties on auto parts apply from 3 May 2025 under Proclamation 10908."
    assert chosen("Parts", text, sources, title="Section 232 tariffs on autos") is sources[0]


def test_the_front_matter_mapping_wins_and_matches_any_heading_level():
    mapped = LA.model_copy(update={"sections": ["How shelter fees are charged"]})
    sources = [LISR, mapped]
    assert chosen("How shelter fees are charged", "Under LISR article 183 …", sources) is mapped
    assert chosen("Costs > How Shelter Fees Are Charged", "", sources) is mapped  # case- and level-insensitive
    assert chosen("Other", "Under LISR article 183 …", sources) is LISR


def test_no_sources_or_one():
    assert choose_source([], "Any", "text") is None
    assert choose_source([NEWS], "Water", "Ley Aduanera article 59") == 0


MAPPED_DOC = """---
id: mapped-doc
title: "A mapped document"
doc_type: guide
jurisdiction: MX
as_of: 2026-01-01
sources:
  - title: "Ley Aduanera"
    url: "https://example.org/la.pdf"
  - title: "A market report"
    url: "https://example.org/report"
    sections:
      - "Fees in practice"
---
# A mapped document

## Customs control
Inventory control follows the Ley Aduanera article 59 for every temporary import made by the company.

## Fees in practice
Fees vary by provider, and the Ley Aduanera article 59 is only mentioned here in passing by the report.
"""


def test_front_matter_sections_load_and_passages_carry_their_own_source_and_link(tmp_path):
    path = tmp_path / "mapped-doc.md"
    path.write_text(MAPPED_DOC, encoding="utf-8")
    doc, _ = load_markdown(path, "mapped-doc.md")
    assert doc.meta.sources[1].sections == ["Fees in practice"]
    by_section = {c.section: c for c in assign_sources(doc, chunk_document(doc))}
    assert by_section["Customs control"].url == "https://example.org/la.pdf"
    fees = by_section["Fees in practice"]
    assert fees.url == "https://example.org/report" and fees.source.title == "A market report"
    assert fees.source.sections == []  # a passage does not carry the mapping


def test_a_sections_list_is_the_only_deeper_nesting_allowed():
    data, _ = parse_markdown(MAPPED_DOC)
    assert validate_meta(data, "front matter").sources[1].sections == ["Fees in practice"]
    from assistant.errors import DocumentError

    with pytest.raises(DocumentError, match="nested more than 3 levels"):
        parse_markdown(MAPPED_DOC.replace('      - "Fees in practice"', '      - ["Fees in practice"]'))
    with pytest.raises(DocumentError, match="nested more than 3 levels"):
        parse_markdown(MAPPED_DOC.replace("doc_type: guide", "doc_type: guide\ntopics: [[[[x]]]]"))


# ---------------------------------------------------------------------- the shipped corpus
def corpus_sources(rel: str) -> dict[str, str]:
    """Section → the title of the source its passages carry, for a shipped document (chunked as at ingest)."""
    doc, _ = load_markdown(ROOT / "corpus" / rel, rel)
    chunks = chunk_document(doc)
    assert all(c.source is not None for c in chunks)
    return {c.section: c.source.title for c in chunks}


def test_shelter_services_passages_link_to_the_income_tax_law_only_where_their_section_cites_it():
    """The issue's example: every passage of the shelter-services guide linked to the income-tax law's PDF."""
    lisr_pdf = "https://www.diputados.gob.mx/LeyesBiblio/pdf/LISR.pdf"
    names_lisr = re.compile(r"LISR|Impuesto sobre la Renta|income[- ]tax law|ley del ISR", re.IGNORECASE)
    doc, _ = load_markdown(ROOT / "corpus" / "shelter" / "shelter-services-explained.md", "shelter-services-explained.md")
    chunks = chunk_document(doc)
    sections: dict[str, str] = {}
    for c in chunks:
        sections[c.section] = sections.get(c.section, c.section) + "\n" + c.text
    linked = [c for c in chunks if c.url == lisr_pdf]
    assert linked and len(linked) < len(chunks)
    for c in linked:
        assert names_lisr.search(sections[c.section]), c.section
    services = corpus_sources("shelter/shelter-services-explained.md")
    assert services["How the shelter regime is taxed since 2020"] == "Ley del Impuesto sobre la Renta"
    assert services["Typical shelter services"] == "Ley Aduanera"  # "Ley Aduanera article 59"
    assert services["What a shelter company is"].endswith("(Decreto IMMEX)")  # "article 3 of the Decreto IMMEX"
    assert services["How shelter fees are charged"].startswith("EY Tax News")  # no citation: the heading's words
    assert sum(title == "Ley del Impuesto sobre la Renta" for title in services.values()) == 1


def test_chosen_sources_of_real_multi_source_documents():
    vat = corpus_sources("immex/vat-ieps-certification.md")
    assert vat["The 100% VAT credit under LIVA Article 28-A"] == "Ley del Impuesto al Valor Agregado"
    assert vat["VAT/IEPS certification categories A, AA and AAA"].startswith("Servi-Port")
    assert vat["The July 2020 changes to certified-company benefits"].startswith("Edmundo Elías-Fernández")

    autos = corpus_sources("us-import/section-232-autos-parts.md")
    assert autos["Section 232 auto tariff: 25% on vehicles from 3 April 2025"].startswith("Proclamation 10908")
    assert autos["Import adjustment offset for vehicles assembled in the United States"].startswith(
        "Proclamation 10925")

    guia = corpus_sources("market-faq/es-guia-immex.md")
    assert guia["Origen del programa IMMEX: el Decreto IMMEX de 2006"].startswith("Decreto para el Fomento")
    assert guia["Plazos de importación temporal IMMEX para insumos: 18 meses"] == "Ley Aduanera"
    assert guia["Certificación en materia de IVA e IEPS para empresas IMMEX"] == "Ley del Impuesto al Valor Agregado"

    vat_imports = corpus_sources("mx-import-tax/mexico-vat-temporary-imports.md")
    assert vat_imports["The certification credit under LIVA article 28-A"] == "Ley del Impuesto al Valor Agregado"
    assert vat_imports["Certification ratings A, AA and AAA"] == "Reglas Generales de Comercio Exterior"
