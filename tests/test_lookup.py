"""Provision look-ups: questions and guide sources parsed into the keys of assistant.legal_refs, and the key index."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.lookup import Lookup, parse_lookups, source_lookups
from assistant.ref_index import RefIndex
from assistant.ingest.markdown import load_markdown
from assistant.models import Chunk, DocMeta, Source

ROOT = Path(__file__).resolve().parents[1]
LA, LFT, LISR, LIVA = "ley-aduanera", "ley-federal-del-trabajo", "ley-del-impuesto-sobre-la-renta", "ley-del-impuesto-al-valor-agregado"
LSS, USC, GN, GRI = "ley-del-seguro-social", "19-usc-chapter-29", "htsus-general-note-11", "htsus-general-rules-of-interpretation"


def keys(question: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(lookup.doc_id, lookup.keys) for lookup in parse_lookups(question)]


PHRASINGS = [
    ("¿Qué dice el artículo 59 de la Ley Aduanera?", [(LA, ("ley-aduanera:art:59",))]),
    ("artículo 108 de la Ley Aduanera", [(LA, ("ley-aduanera:art:108",))]),
    ("ARTÍCULO 108 DE LA LEY ADUANERA", [(LA, ("ley-aduanera:art:108",))]),
    ("articulo 108 de la ley aduanera", [(LA, ("ley-aduanera:art:108",))]),
    ("art. 108 LA", [(LA, ("ley-aduanera:art:108",))]),
    ("LA art. 108", [(LA, ("ley-aduanera:art:108",))]),
    ("LA 108", [(LA, ("ley-aduanera:art:108",))]),
    ("article 28-A LIVA", [(LIVA, (f"{LIVA}:art:28-a",))]),
    ("LIVA article 28-A", [(LIVA, (f"{LIVA}:art:28-a",))]),
    ("Quote LIVA article 28-A", [(LIVA, (f"{LIVA}:art:28-a",))]),
    ("¿Qué establece el art. 28-A de la Ley del IVA?", [(LIVA, (f"{LIVA}:art:28-a",))]),
    ("artículo 15 Bis de la LFT", [(LFT, (f"{LFT}:art:15-bis",))]),
    ("Article 2o of the Customs Law", [(LA, ("ley-aduanera:art:2",))]),
    ("artículo 1° de la LFT", [(LFT, (f"{LFT}:art:1",))]),
    ("fracción III del artículo 108 de la Ley Aduanera", [(LA, ("ley-aduanera:art:108:fr:iii", "ley-aduanera:art:108"))]),
    ("art. 108, fr. III, LA", [(LA, ("ley-aduanera:art:108:fr:iii", "ley-aduanera:art:108"))]),
    ("art. 59, fracciones I y IV, de la Ley Aduanera",
     [(LA, ("ley-aduanera:art:59:fr:i", "ley-aduanera:art:59")), (LA, ("ley-aduanera:art:59:fr:iv", "ley-aduanera:art:59"))]),
    ("section 182 of the income tax law", [(LISR, (f"{LISR}:art:182",))]),
    ("LSS art. 27 fracción I", [(LSS, (f"{LSS}:art:27:fr:i", f"{LSS}:art:27"))]),
    ("19 USC 4531(c)", [(USC, (f"{USC}:sec:4531:c", f"{USC}:sec:4531"))]),
    ("19 U.S.C. § 4531(c)", [(USC, (f"{USC}:sec:4531:c", f"{USC}:sec:4531"))]),
    ("19 U.S.C. 4532", [(USC, (f"{USC}:sec:4532",))]),
    ("section 4531(c) of title 19", [(USC, (f"{USC}:sec:4531:c", f"{USC}:sec:4531"))]),
    ("§ 4531(d)", [(USC, (f"{USC}:sec:4531:d", f"{USC}:sec:4531"))]),
    # in Spanish: "sección … del título 19 (del Código de EE. UU.)", "título 19, sección …"
    ("¿Qué dice la sección 4532(b) del título 19 del Código de EE.UU.?", [(USC, (f"{USC}:sec:4532:b", f"{USC}:sec:4532"))]),
    ("título 19, sección 4533", [(USC, (f"{USC}:sec:4533",))]),
    ("19 U.S.C. 4531(b)(1)", [(USC, (f"{USC}:sec:4531:b:1", f"{USC}:sec:4531:b", f"{USC}:sec:4531"))]),
    ("GN 11(k)", [(GN, (f"{GN}:par:k",))]),
    ("General Note 11(k)", [(GN, (f"{GN}:par:k",))]),
    ("general note 11 (b)", [(GN, (f"{GN}:par:b",))]),
    ("paragraph (k) of General Note 11", [(GN, (f"{GN}:par:k",))]),
    ("GN 11(k)(iii)", [(GN, (f"{GN}:par:k:iii", f"{GN}:par:k"))]),
    ("GRI 3", [(GRI, (f"{GRI}:rule:3",))]),
    ("GRI 3(b)", [(GRI, (f"{GRI}:rule:3:b", f"{GRI}:rule:3(b)", f"{GRI}:rule:3"))]),
    ("rule 2(a) of the General Rules of Interpretation", [(GRI, (f"{GRI}:rule:2:a", f"{GRI}:rule:2(a)", f"{GRI}:rule:2"))]),
    ("regla 1 de las RGI", [(GRI, (f"{GRI}:rule:1",))]),
    ("que dice la regla general de interpretacion 2(a)", [(GRI, (f"{GRI}:rule:2:a", f"{GRI}:rule:2(a)", f"{GRI}:rule:2"))]),
    ("regla general 5: el estuche de la cámara se clasifica con ella?", [(GRI, (f"{GRI}:rule:5",))]),
    # a law's name and a number that ends the phrase: the article (a year or a count after the name is not)
    ("Ley Aduanera 167-D: how much fixed assets must an agencia aduanal keep?", [(LA, (f"{LA}:art:167-d",))]),
    ("the Ley Aduanera 2025 reform changed the fines", []),
    ("Ley Aduanera 12 days later", []),
    ("does general rule 3(b) cover sets?", [(GRI, (f"{GRI}:rule:3:b", f"{GRI}:rule:3(b)", f"{GRI}:rule:3"))]),
    ("la regla general 3.3.1 de comercio exterior", []),  # an RGCE rule, not a GRI
    # a rule with a lettered part, no law named: the GRIs' form
    ("Regla 3(a): nuestro kit cae en dos partidas. ¿Gana la más específica?",
     [(GRI, (f"{GRI}:rule:3:a", f"{GRI}:rule:3(a)", f"{GRI}:rule:3"))]),
    ("regla 3.1.1: what does it require?", []),
    ("LFT art. 132-XXVII Bis", [(LFT, (f"{LFT}:art:132:fr:xxvii-bis", f"{LFT}:art:132"))]),
    ("HTS 8544.42", [("htsus-chapter-85", ("hts:8544.42", "hts:8544"))]),
    ("HTSUS 8544.42.90", [("htsus-chapter-85", ("hts:8544.42.90", "hts:8544.42", "hts:8544"))]),
    ("subheading 8544.42", [("htsus-chapter-85", ("hts:8544.42", "hts:8544"))]),
    ("heading 8703", [("htsus-chapter-87", ("hts:8703",))]),
    ("partida 8703", [("htsus-chapter-87", ("hts:8703",))]),
    ("fracción arancelaria 8544.42", [("htsus-chapter-85", ("hts:8544.42", "hts:8544"))]),
    ("Is 8544.42.90 eligible for USMCA?", [("htsus-chapter-85", ("hts:8544.42.90", "hts:8544.42", "hts:8544"))]),
    ("What's the column 2 rate for 8708.29?", [("htsus-chapter-87", ("hts:8708.29", "hts:8708"))]),
    ("HTS 9802.00.80", [("hts", ("hts:9802.00.80", "hts:9802.00", "hts:9802"))]),  # chapter 98 is not on file
]


@pytest.mark.parametrize("question,expected", PHRASINGS, ids=[p[0] for p in PHRASINGS])
def test_each_phrasing_parses_to_its_keys(question, expected):
    assert keys(question) == expected


def test_labels_are_printed_as_lawyers_cite():
    labels = [lk.label for q in ("art. 108, fr. III, LA", "artículo 15 Bis de la LFT", "article 28-A LIVA", "19 USC 4531(c)",
                                 "GN 11(k)", "GRI 3(b)", "HTS 8544.42") for lk in parse_lookups(q)]
    assert labels == ["Ley Aduanera, art. 108, fr. III", "Ley Federal del Trabajo, art. 15 Bis",
                      "Ley del Impuesto al Valor Agregado, art. 28-A", "19 U.S.C. 4531(c)", "General Note 11(k)", "GRI 3(b)",
                      "HTSUS 8544.42"]


def test_two_references_give_two_lookups_in_order():
    assert keys("Compare art. 108 LA with art. 28-A LIVA") == [(LA, ("ley-aduanera:art:108",)), (LIVA, (f"{LIVA}:art:28-a",))]
    assert keys("artículo 108 de la Ley Aduanera y artículo 28-A de la LIVA") == [
        (LA, ("ley-aduanera:art:108",)), (LIVA, (f"{LIVA}:art:28-a",))]
    assert [k for _, k in keys("GN 11(k) and 19 USC 4532(c)")] == [(f"{GN}:par:k",), (f"{USC}:sec:4532:c", f"{USC}:sec:4532")]
    assert keys("artículos 59 y 108 de la Ley Aduanera") == [(LA, ("ley-aduanera:art:59",)), (LA, ("ley-aduanera:art:108",))]


def test_a_law_named_once_elsewhere_in_the_question_is_the_articles_law():
    assert keys("What does the Ley Aduanera say in article 59 about inventories?") == [(LA, ("ley-aduanera:art:59",))]
    assert keys("Under LA, what does article 59 require?") == [(LA, ("ley-aduanera:art:59",))]
    # two laws named, neither beside the article: no guess
    assert keys("what does the customs law say in article 108 and what does LFT article 87 say") == [
        (LFT, (f"{LFT}:art:87",))]


def test_ranges_open_when_short_and_keep_their_ends_when_long():
    short = [k[0] for _, k in keys("artículos 104 a 112 de la LA")]
    assert short == [f"ley-aduanera:art:{n}" for n in range(104, 113)]
    assert [k[0] for _, k in keys("articles 117-131 of the LFT")] == [f"{LFT}:art:117", f"{LFT}:art:131"]


@pytest.mark.parametrize("question", [
    "what does article 59 say?",
    "Section 301 tariffs on China and Section 232 steel",
    "Does Section 301 apply to steel?",
    "section 232 of the Trade Expansion Act",
    "IMMEX article requirements",
    "USMCA Article 4.2",
    "Article 4.2 of USMCA",
    "article 2026",
    "What changed in 2026 for the LFT?",
    "LFT 2019 reform",
    "LFT 12 days of vacation",
    "la 108",  # the abbreviation + number form needs capitals
    "IMMEX Decree art. 25 and the Ley Aduanera",
    "article 27 of the IMMEX Decree",
    "Article 123 of the Constitution",
    "artículo 48 de la Ley del Infonavit",
    "Article 59 of the Customs Law Regulations",
    "Reglamento de la Ley Aduanera art. 174",
    "artículo 11 transitorio de la LFT",
    "US customs law article 5",
    "19 USC 1592 penalties",
    "§ 1862",
    "RGCE rule 7.2.3",
    "rule 3",
    "What does GN 11 say about de minimis?",
    "HTS chapter 85 overview",
    "The rate went from 3% to 4% in 2025",
])
def test_prose_names_no_provision(question):
    assert parse_lookups(question) == []


def test_section_301_beside_a_real_reference_is_still_ignored():
    assert keys("Does Section 301 apply to goods under Ley Aduanera article 108?") == [(LA, ("ley-aduanera:art:108",))]
    assert keys("article 2.5 USMCA vs article 63-A Customs Law") == [(LA, ("ley-aduanera:art:63-a",))]


def test_a_regulation_article_is_not_the_law_named_next_to_it():
    # art. 174 is the Reglamento's: only the Ley Aduanera's own art. 117 is a provision on file
    assert keys("(Reglamento de la Ley Aduanera art. 174, with Ley Aduanera art. 117)") == [
        (LA, ("ley-aduanera:art:117",))]
    assert keys("Customs Law Regulations article 9; Ley Aduanera art. 59") == [(LA, ("ley-aduanera:art:59",))]


# --- RefIndex ---------------------------------------------------------------------------------------------------------
def chunk(cid: str, doc: str, ordinal: int, refs: list[str]) -> Chunk:
    return Chunk(id=cid, doc_id=doc, text="…", ordinal=ordinal, title=doc, doc_type="regulation", jurisdiction="MX",
                 language="es", path=f"official/{doc}", authority="official", refs=refs)


@pytest.fixture
def index() -> RefIndex:
    chunks = [  # deliberately out of order: the index orders by (doc, ordinal)
        chunk("la-3", LA, 3, ["ley-aduanera:art:108:fr:iii", "ley-aduanera:art:108:fr:iv"]),
        chunk("la-2", LA, 2, ["ley-aduanera:art:108", "ley-aduanera:art:108:fr:i", "ley-aduanera:art:108:fr:ii"]),
        chunk("la-1", LA, 1, ["ley-aduanera:art:59", "ley-aduanera:art:59:fr:i"]),
        chunk("la-4", LA, 4, ["ley-aduanera:art:109"]),
        chunk("la-5", LA, 5, ["ley-aduanera:art:10"]),
        chunk("h-2", "htsus-chapter-85", 2, ["hts:8544.42.90"]),
        chunk("h-1", "htsus-chapter-85", 1, ["hts:8544.42.10", "hts:8544.42"]),
        chunk("h-0", "htsus-chapter-85", 0, ["hts:8544"]),
        chunk("u-1", USC, 1, ["19-usc-chapter-29:sec:4531:c"]),
        chunk("guide", "immex-guide", 0, []),
    ]
    return RefIndex.build(chunks)


def test_an_article_is_answered_by_all_its_parts_in_document_order(index):
    assert index.find(parse_lookups("artículo 108 de la Ley Aduanera")[0]) == ["la-2", "la-3"]


def test_a_fraccion_is_answered_exactly_then_by_its_article(index):
    lookup = parse_lookups("art. 108, fr. IV, LA")[0]
    assert index.resolve(lookup) == ("ley-aduanera:art:108:fr:iv", ["la-3"])
    missing = parse_lookups("art. 109, fr. II, LA")[0]  # the fracción has no chunk of its own: its article does
    assert index.resolve(missing) == ("ley-aduanera:art:109", ["la-4"])


def test_prefixes_stop_at_key_boundaries(index):
    assert index.find(parse_lookups("art. 10 LA")[0]) == ["la-5"]  # not art. 108 or 109
    assert index.find(parse_lookups("art. 1 LA")[0]) == []


def test_tariff_lines_are_answered_by_the_lines_inside_them(index):
    assert index.find(parse_lookups("HTS 8544.42")[0]) == ["h-1", "h-2"]
    assert index.find(parse_lookups("HTS 8544.42.90")[0]) == ["h-2"]
    assert index.resolve(parse_lookups("HTS 8544.42.50")[0]) == ("hts:8544.42", ["h-1", "h-2"])
    assert index.find(parse_lookups("heading 8544")[0]) == ["h-0", "h-1", "h-2"]


def test_a_section_is_answered_by_its_subsections(index):
    assert index.find(parse_lookups("19 USC 4531")[0]) == ["u-1"]
    assert index.find(parse_lookups("19 USC 4531(d)")[0]) == ["u-1"]  # (d) not held: the section's chunks
    assert index.find(Lookup("x", ("nothing:here",), "x")) == []


def test_the_index_of_thousands_of_chunks_is_one_dictionary_look_up():
    chunks = [chunk(f"c{i}", f"doc{i % 7}", i, [f"doc{i % 7}:art:{i}", f"doc{i % 7}:art:{i}:fr:i", f"hts:{8500 + i % 99}.10.20"])
              for i in range(5000)]
    index = RefIndex.build(chunks)
    assert index.find(Lookup("doc3", ("doc3:art:10",), "")) == ["c10"]


# --- source_lookups ---------------------------------------------------------------------------------------------------
def meta(rel: str) -> DocMeta:
    path = ROOT / "corpus" / rel
    if not path.exists():
        pytest.skip(f"{rel} is not in the corpus")
    return load_markdown(path, rel)[0].meta


def first_keys(lookups: list[Lookup]) -> list[str]:
    return [lk.keys[0] for lk in lookups]


def test_source_lookups_of_real_guides():
    shelter = first_keys(source_lookups(meta("shelter/shelter-vs-own-entity-vs-contract.md")))
    assert {"ley-aduanera:art:59", "ley-aduanera:art:108", f"{LIVA}:art:28-a", f"{LISR}:art:183-bis"} <= set(shelter)
    assert f"{USC}:sec:4531:d" in first_keys(source_lookups(meta("usmca/usmca-rvc-methods.md")))
    assert f"{GN}:par:k" in first_keys(source_lookups(meta("market-faq/sector-automotive.md")))
    verification = first_keys(source_lookups(meta("usmca/usmca-recordkeeping-verification.md")))
    assert {f"{USC}:sec:4533:a", f"{USC}:sec:4533:b", f"{USC}:sec:4533:c"} <= set(verification)
    assert f"{LSS}:art:168:fr:ii" in first_keys(source_lookups(meta("labor/cesantia-vejez-schedule.md")))
    assert {f"{LFT}:art:58", f"{LFT}:art:69"} <= set(first_keys(source_lookups(meta("labor/forty-hour-week-reform.md"))))
    immex = first_keys(source_lookups(meta("market-faq/es-guia-immex.md")))
    assert {"ley-aduanera:art:59:fr:i", "ley-aduanera:art:104:fr:i", "ley-aduanera:art:110"} <= set(immex)


def test_source_lookups_shapes():
    def parsed(title: str, citation: str | None) -> list[str]:
        doc = DocMeta(id="guide", title="guide", doc_type="guide", jurisdiction="MX", as_of="2026-01-01",
                      sources=[Source(title=title, citation=citation)])
        return first_keys(source_lookups(doc))

    assert parsed("Ley Aduanera", "Article 108") == ["ley-aduanera:art:108"]
    assert parsed("Ley Aduanera", "Article 63-A") == ["ley-aduanera:art:63-a"]
    assert parsed("Ley Aduanera", "Articles 104-112") == [f"ley-aduanera:art:{n}" for n in range(104, 113)]
    assert parsed("Ley Federal del Trabajo", "Articles 117-131 (profit sharing)") == [f"{LFT}:art:117", f"{LFT}:art:131"]
    assert parsed("Ley del Impuesto sobre la Renta", "Articles 181–183-Bis (maquila)") == [
        f"{LISR}:art:181", f"{LISR}:art:182", f"{LISR}:art:183", f"{LISR}:art:183-bis"]
    assert parsed("19 U.S.C. 4531 - Rules of origin", "Subsection (d)") == [f"{USC}:sec:4531:d"]
    assert parsed("19 U.S.C. 4532 - Special rules for automotive goods", None) == [f"{USC}:sec:4532"]
    assert parsed("HTSUS General Note 11", "(k)") == [f"{GN}:par:k"]
    assert parsed("Harmonized Tariff Schedule of the United States (2025) Revision 7",
                  "General Note 11(b), (f)-(h), (l)(iv) and (o)") == [
        f"{GN}:par:b", f"{GN}:par:f", f"{GN}:par:g", f"{GN}:par:h", f"{GN}:par:l:iv", f"{GN}:par:o"]
    assert parsed("Ley Federal del Trabajo", "Articles 358, 386 Bis; transitory article 11 of the decree") == [
        f"{LFT}:art:358", f"{LFT}:art:386-bis"]
    assert parsed("Diario Oficial de la Federación", "Decree reforming LFT articles 76 and 78, 27 December 2022") == [
        f"{LFT}:art:76", f"{LFT}:art:78"]
    assert parsed("19 U.S.C. 1862, Safeguarding national security (section 232)", "19 U.S.C. 1862") == []
    assert parsed("Decreto IMMEX", "Articles 3, 4, 11") == []
    assert parsed("IDC Online", "(Reglamento de la Ley Aduanera art. 174, repair abroad)") == []


def test_decomposed_accents_and_long_questions_are_handled():
    import unicodedata

    assert keys(unicodedata.normalize("NFD", "fracción III del artículo 108 de la Ley Aduanera")) == [
        (LA, ("ley-aduanera:art:108:fr:iii", "ley-aduanera:art:108"))]
    assert keys("x " * 5000 + "art. 108 LA") == []  # only the first 2,000 characters are read


def test_an_article_named_by_its_number_before_the_law_is_read_as_one():
    # "el 89 bis de la Ley Aduanera", as brokers say it: no word "artículo"
    assert [lk.keys for lk in parse_lookups("¿El 89 bis de la Ley Aduanera nos deja pedirla después?")] == [
        ("ley-aduanera:art:89-bis",)]
    assert [lk.keys for lk in parse_lookups("¿qué dice el 28-A de la LIVA sobre la retención?")] == [
        ("ley-del-impuesto-al-valor-agregado:art:28-a",)]
    assert [lk.keys for lk in parse_lookups("conforme al 76 de la LFT, ¿cuántos días son?")] == [
        ("ley-federal-del-trabajo:art:76",)]
    # a date, a percentage or a count of days before a law is no article
    assert parse_lookups("desde el 15 de enero de la LFT reformada") == []
    assert parse_lookups("retenemos el 16% de la LIVA") == []
    assert parse_lookups("pagamos el 15 días de la LFT") == []
