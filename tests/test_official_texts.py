"""The law itself in the knowledge base: every shipped official text is indexed, and a question that names a
provision or a tariff line gets exactly that provision first — quoted with its page and reform date — through the
website API, over the shipped corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ask_api

ROOT = Path(__file__).resolve().parents[1]
OFFICIAL_IDS = {
    "ley-aduanera", "ley-federal-del-trabajo", "ley-del-impuesto-sobre-la-renta", "ley-del-impuesto-al-valor-agregado",
    "ley-del-seguro-social", "htsus-general-note-11", "htsus-general-rules-of-interpretation", "htsus-chapter-85",
    "htsus-chapter-87", "19-usc-chapter-29",
}


@pytest.fixture(scope="module")
def api(corpus_api):
    return corpus_api


def ask(api, question: str, history: list[dict] | None = None) -> dict:
    return ask_api(api, question, history)


def test_every_shipped_official_text_is_in_the_default_index_as_official_chunks_with_pages(corpus_components):
    snapshot = corpus_components.store.snapshot()
    official = [c for c in snapshot.chunks if c.authority == "official"]
    assert {c.doc_id for c in official} == OFFICIAL_IDS
    pdf_chunks = [c for c in official if c.path.endswith(".pdf")]
    assert pdf_chunks and all(c.page for c in pdf_chunks)
    assert all(c.cite for c in official if c.refs), "a provision's chunk carries its lawyer's citation"
    assert not any("Secretaría de Servicios Parlamentarios" in c.text for c in official)  # running header dropped
    assert sum(1 for c in official if "ley-aduanera:art:59" in c.refs) >= 1


def test_an_article_named_in_spanish_is_quoted_first_with_page_and_reform_date(api):
    body = ask(api, "¿Qué dice el artículo 59 de la Ley Aduanera?")
    assert not body["abstained"]
    first = body["citations"][0]
    assert first["doc_id"] == "ley-aduanera" and "ley-aduanera:art:59" in first["refs"] and first["page"]
    lead = body["answer"].split("\n")[0]
    assert lead.startswith("Ley Aduanera, art. 59") and "19-11-2025" in lead and f"p. {first['page']}" in lead
    assert "«" in lead and "inventarios" in body["answer"]


@pytest.mark.parametrize("question, key", [
    ("Quote LIVA article 28-A", "ley-del-impuesto-al-valor-agregado:art:28-a"),
    ("LA art. 108, fr. III", "ley-aduanera:art:108"),
    ("What does article 76 of the Federal Labor Law say?", "ley-federal-del-trabajo:art:76"),
    ("19 USC 4531(c)", "19-usc-chapter-29:sec:4531:c"),
    ("GN 11(k)", "htsus-general-note-11:par:k"),
    ("GRI 3", "htsus-general-rules-of-interpretation:rule:3"),
])
def test_a_named_provision_is_the_first_citation_in_either_language(api, question, key):
    body = ask(api, question)
    assert not body["abstained"], body["answer"]
    assert any(r == key or r.startswith(key + ":") for r in body["citations"][0]["refs"]), body["citations"][0]


def test_an_english_question_on_a_spanish_article_says_the_quote_is_spanish(api):
    body = ask(api, "LFT article 76: how many vacation days after one year?")
    assert "official text, in Spanish" in body["answer"] and "doce días" in body["answer"]


def test_a_spanish_question_naming_the_us_statute_without_a_section_quotes_the_closest_one_first(api):
    body = ask(api, "Según la ley de EE. UU. que implementa el T-MEC, ¿cada cuánto evalúa el comité laboral "
                    "interinstitucional si México cumple el Anexo 23-A?")
    assert not body["abstained"], body["answer"]
    assert body["answer"].startswith("19 U.S.C. § 4644(a)") and "(texto oficial en inglés)" in body["answer"]
    assert "biannual" in body["answer"].split("\n")[0]


def test_a_provision_that_is_not_in_the_text_is_said_plainly(api):
    body = ask(api, "¿Qué dice el artículo 999 de la Ley Aduanera?")
    assert body["abstained"] and "999" in body["answer"]


def test_a_tariff_line_is_answered_from_the_schedule_with_its_passage_cited(api):
    body = ask(api, "What is the general duty on HTS 8544.42.90?")
    assert not body["abstained"]
    assert re.match(r"HTS 8544\.42\.90 \(.+\): general duty 2\.6%; free under USMCA \(S\)", body["answer"])
    assert body["tool_calls"][0]["name"] == "tariff_line"
    assert body["citations"][0]["doc_id"] == "htsus-chapter-85"
    assert any(r.startswith("hts:8544.42") for r in body["citations"][0]["refs"])


def test_a_tariff_line_in_spanish_and_one_not_on_file(api):
    es = ask(api, "¿Qué arancel paga la fracción 8507.60 de baterías de litio?")
    assert "arancel general 3.4%" in es["answer"] and "9903.88.15" in es["answer"]
    missing = ask(api, "What is the US duty rate for HTS 8471.30 laptops?")
    assert missing["abstained"] and "chapter 84" in missing["answer"] and "85, 87, 98, 99" in missing["answer"]


def test_a_product_named_in_words_gets_the_one_line_its_description_names(api):
    batteries = ask(api, "What's the normal US (column 1 general) duty rate on lithium-ion batteries?")
    assert batteries["answer"].startswith("By its description, “lithium-ion batteries” is HTS 8507.60.00 (")
    assert "general duty 3.4%" in batteries["answer"] and "exact classification" in batteries["answer"]
    assert batteries["tool_calls"][0]["args"] == {"code": "8507.60.00"}
    assert batteries["citations"][0]["doc_id"] == "htsus-chapter-85"
    breakers = ask(api, "What general column 1 duty do automatic circuit breakers pay when they enter the US?")
    assert "HTS 8536.20.00" in breakers["answer"] and "general duty 2.7%" in breakers["answer"]
    # several lines fit "circuit breakers" (by voltage, parts): none is picked for the visitor
    assert not ask(api, "What is the MFN duty on circuit breakers?")["tool_calls"]


def test_rate_and_rule_questions_go_to_the_corpus_not_to_a_calculator(api):
    for question in ("What RVC does GN 11 require for passenger vehicles?",
                     "What regional value content threshold applies to auto parts under USMCA?",
                     "Is HTS 8703.80 free under USMCA?"):
        body = ask(api, question)
        assert not any(c["name"] in {"usmca_rvc", "mexico_labor_cost", "landed_cost_compare"} for c in body["tool_calls"])
        assert "I still need" not in body["answer"]


def test_an_english_question_reaches_a_spanish_article_without_naming_it(api):
    body = ask(api, "Under Mexican customs law, how long can a maquiladora keep temporarily imported raw materials?")
    docs = [c["doc_id"] for c in body["citations"]]
    assert not body["abstained"] and ("ley-aduanera" in docs or "immex-temporary-import-periods" in docs)


def test_a_law_named_by_what_it_implements_is_searched_for_the_provision_asked_about(api):
    # the US statute and General Note 11 named as visitors name them, no article given: the provision answering
    # (GN 11(l)(xix), the third closest piece of the note) is among the passages and leads
    body = ask(api, "In the USMCA general note's definitions, which HTS chapters can a 'remanufactured good' be "
                    "classified in?")
    assert "chapters 84 through 90" in body["answer"].split("[1]")[0]
    body = ask(api, "Under the US USMCA implementing law, how much did Mexico commit to spend on its labor reform "
                    "budget in 2022?")
    assert "$325,000,000 for 2022" in body["answer"].split("[1]")[0]
