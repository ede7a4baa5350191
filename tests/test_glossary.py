"""The bilingual glossary (data/glossary.yaml) and the query expansion built on it."""

from __future__ import annotations

from importlib.resources import files

import pytest
import yaml

from assistant.answer.expansion import bilingual_terms, expand_query, glossary, lexical_query, term_key


def test_the_glossary_loads_with_at_least_150_pairs_and_no_empty_side():
    data = yaml.safe_load(files("assistant").joinpath("data/glossary.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, list) and len(data) >= 150
    for entry in data:
        assert set(entry) == {"en", "es"}, entry
        for side in ("en", "es"):
            assert isinstance(entry[side], list) and entry[side], entry
            assert all(isinstance(t, str) and t.strip() == t and t for t in entry[side]), entry
    assert len(glossary()) == len(data)


def test_no_term_maps_to_two_entries_or_both_languages():
    owner: dict[tuple[str, ...], tuple[int, str, str]] = {}
    clashes = []
    for i, (en, es) in enumerate(glossary()):
        for side, terms in (("en", en), ("es", es)):
            for term in terms:
                key = term_key(term)
                if key in owner and owner[key][:2] != (i, side):
                    clashes.append(f"{term!r} ({side}, entry {i}) vs {owner[key][2]!r} ({owner[key][1]}, entry {owner[key][0]})")
                owner.setdefault(key, (i, side, term))
    assert not clashes, clashes


@pytest.mark.parametrize("question,gains", [
    ("How long can a temporary import stay?", ["importación temporal"]),
    ("¿Cuánto es el aguinaldo?", ["Christmas bonus"]),
    ("¿Cuánto tiempo pueden permanecer las importaciones temporales?", ["temporary import"]),
    ("Cuanto tiempo puede quedarse una importacion temporal", ["temporary import"]),  # no accents typed
    ("Do we owe severance after a plant closure?", ["indemnización", "cierre de la empresa"]),
    ("How is PTU calculated for a maquiladora?", ["profit sharing"]),
    ("Who is liable if our customs broker files a wrong pedimento?", ["agente aduanal", "customs declaration"]),
    ("Do we need a bonded warehouse near Monterrey?", ["depósito fiscal"]),
    ("What is the vacation premium and the seniority premium?", ["prima vacacional", "prima de antigüedad"]),
    ("What's the overtime rate?", ["horas extra", "tiempo extraordinario"]),
    ("Is there withholding on payments to a permanent establishment?", ["retención", "establecimiento permanente"]),
    ("How does the VAT credit work for IMMEX companies?", ["acreditamiento del IVA"]),
    ("tariff classification of a wire harness", ["clasificación arancelaria"]),
    ("rules of origin and regional value content for auto parts", ["reglas de origen", "valor de contenido regional", "autopartes"]),
    ("What penalties and fines apply for inventory control errors?", ["sanción", "multa", "control de inventarios"]),
    ("¿Qué es el riesgo de trabajo en el IMSS?", ["work risk"]),
    ("¿Cómo funciona el acreditamiento del IVA?", ["VAT credit"]),
    ("¿Qué es la participación de los trabajadores en las utilidades?", ["profit sharing"]),
    ("¿Qué es un depósito fiscal?", ["bonded warehouse"]),
    # the acronym each language uses for the same measure
    ("¿Qué necesitamos para el cálculo de VCR?", ["regional value content"]),
    ("What RVC do we need for a wire harness?", ["valor de contenido regional"]),
    # the LISR's word for the tooling a plant depreciates (art. 34: "dados, troqueles, moldes, matrices y herramental")
    ("What's the maximum yearly depreciation rate for injection molds, dies and tooling?", ["herramental"]),
    # the guides' "inventory carrying cost" for a visitor's "costo de mantener inventario"
    ("En un modelo TCO, ¿qué porcentaje anual se usa para el costo de mantener inventario?", ["inventory carrying cost"]),
])
def test_expansion_adds_the_other_language(question, gains):
    added = bilingual_terms(question)
    for term in gains:
        assert term in added, (question, added)
    expanded = lexical_query(question)
    assert expanded.startswith(question) and all(term in expanded for term in gains)
    assert len(expand_query(question)) < len(expanded)  # what is embedded does not get the other language's terms


def test_longest_term_wins():
    assert bilingual_terms("¿Cuánto es la prima de antigüedad?") == ["seniority premium"]  # not "seniority"
    vat_credit = bilingual_terms("VAT credit for certified companies")
    assert "acreditamiento del IVA" in vat_credit and "impuesto al valor agregado" not in vat_credit
    assert bilingual_terms("salario mínimo general 2026") == ["general minimum wage"]
    assert bilingual_terms("importación temporal de maquinaria y equipo") == [
        "temporary import", "temporary importation", "temporarily imported", "machinery and equipment"]


def test_each_term_once_and_none_already_asked():
    added = bilingual_terms("temporary import, temporary imports and temporarily imported goods")
    assert added == ["importación temporal"]
    assert bilingual_terms("temporary import (importación temporal)") == []
    assert "agente aduanal" not in bilingual_terms("customs broker / agente aduanal")


def test_whole_words_and_acronym_case():
    assert bilingual_terms("The trucks sat at the border for a day") == []  # "sat" is not the SAT
    assert "Tax Administration Service" in bilingual_terms("Does the SAT audit IMMEX companies?")
    assert bilingual_terms("we refined the union-free plan") == []
    assert "mercancías originarias" not in bilingual_terms("non-originating goods")
    assert "materiales no originarios" in bilingual_terms("non-originating materials")


def test_existing_synonyms_still_apply():
    assert expand_query("how is ptu calculated") == "how is ptu calculated (profit sharing PTU)"
    assert expand_query("What is the RVC threshold?") == "What is the RVC threshold? (regional value content)"
    assert expand_query("Where is the nearest port?") == "Where is the nearest port?"
    # a month as visitors abbreviate it also searches for the month's name; "mar" and "may" are words of their own
    assert expand_query("rent in queretaro in feb 2022") == "rent in queretaro in feb 2022 (February)"
    assert expand_query("What may we deduct?") == "What may we deduct?"
    expanded = lexical_query("Is the aguinaldo taxable?")
    assert expanded.startswith("Is the aguinaldo taxable? (year-end bonus aguinaldo; Christmas bonus")
    assert bilingual_terms("how is ptu calculated") == []  # only the glossary's side


def test_everyday_english_words_reach_the_words_the_guides_and_laws_write():
    assert "dismissal" in expand_query("We are cutting jobs on one line. What does the law make us pay?")
    assert "excess capacity" in expand_query("When did USTR open the overcapacity investigations?")
    assert "salarios vencidos" in expand_query("How many months of back pay can pile up?")
    assert "deduct" in expand_query("Which costs can we take out of the nonoriginating value?")


def test_everyday_spanish_words_reach_the_words_the_guides_write():
    expanded = expand_query("¿Cuánto arancel pagan los autos mexicanos en EE. UU.?")
    assert "automóviles" in expanded and "Estados Unidos" in expanded
    assert "Estados Unidos" in expand_query("¿Qué arancel paga el acero en EUA?")
    assert expand_query("autoservicio") == "autoservicio"  # whole words only
    # "va a ser papá": the paternity leave the (English) guide names
    assert "paternity leave" in expand_query("Un operador va a ser papá el mes que entra. ¿Cuántos días le tocan?")


def test_labor_and_tax_terms_visitors_use_reach_the_laws_wording():
    assert "jornada continua" in bilingual_terms("What break do operators get during a continuous shift?")
    assert "falta de materia prima" in bilingual_terms("Can we suspend the line for a shortage of inputs?")
    assert "prescripción" in bilingual_terms("What is the statute of limitations for a dismissal claim?")
    assert "consumos en restaurantes" in bilingual_terms("What share of restaurant bills is deductible?")
    assert "troqueles" in bilingual_terms("What depreciation rate applies to stamping dies?")
