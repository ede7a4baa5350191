"""Spanish questions reach the English guides through a word-by-word English gloss (and English questions the
Spanish laws through a Spanish one); a question's answer type and
the words naming what it asks for pick the sentence that leads; a government's incentives we hold nothing on are
said to be not covered."""

from __future__ import annotations

import re

import pytest

from assistant.answer.fit import type_fit
from assistant.answer.gloss import english_gloss, spanish_gloss, words
from assistant.answer.question import analyze


# ----------------------------------------------------------------------------------------------- the gloss
def test_the_gloss_uses_the_glossary_for_terms_and_the_word_list_for_the_rest():
    gloss = english_gloss("¿Cuánto tiempo pueden permanecer las importaciones temporales en México?")
    assert "temporary import" in gloss  # a glossary term, matched in the plural
    assert "how much" in gloss and "time" in gloss and "mexico" in gloss.lower()
    assert not re.search(r"\b(?:las|en|pueden)\b", gloss)  # function words dropped, verbs translated


def test_names_and_numbers_stay_as_written_and_glossary_acronyms_are_spelled_out():
    gloss = english_gloss("¿Cuál es el salario mínimo de Nuevo León en 2026 para el IMSS y CTPAT?")
    assert "Nuevo León" in gloss and "2026" in gloss and "CTPAT" in gloss
    assert "minimum wage" in gloss and "Social Security" in gloss


def test_an_infinitive_with_its_pronouns_attached_is_glossed_as_the_verb():
    assert english_gloss("¿Hasta qué fecha tengo que pagarle?").split()[-1] == "pay"
    assert "register" in english_gloss("¿Cómo registrarse en el padrón?").split()


def test_a_future_or_conditional_verb_and_an_adverb_in_mente_are_glossed_as_their_listed_word():
    gloss = english_gloss("¿Cuánto ahorraríamos y qué pagarán si se descansa obligatoriamente ese día?").split()
    assert {"save", "pay", "mandatory"} <= set(gloss)


def test_a_plural_in_es_is_glossed_as_its_singular():
    # "aeroespaciales", "especiales": the list holds "aeroespacial", "especial"
    gloss = english_gloss("¿Qué certificaciones piden para piezas aeroespaciales y procesos especiales?")
    assert "aerospace" in gloss and "special" in gloss and "aeroespaciales" not in gloss


def test_everyday_words_visitors_type_are_glossed():
    """ "de cuánto es el IEPS por litro para bebidas saborizadas con azúcar?" reached no English guide: "litro",
    "bebidas" and "azúcar" stayed Spanish in the gloss."""
    gloss = english_gloss("¿De cuánto es el IEPS por litro para bebidas saborizadas con azúcar?").split()
    assert {"liter", "sugar"} <= set(gloss) and ("drink" in gloss or "drinks" in gloss or "beverage" in gloss)
    assert "people" in english_gloss("¿Hasta qué fecha tengo para pagarle el aguinaldo a la gente?").split()
    assert "Nuevo León" in english_gloss("¿Cuánto cuesta un operador en Nuevo León?")  # a name stays as written
    gloss = english_gloss("¿En cuántos días revisa el comité laboral de EE. UU. una petición por denegación de derechos?")
    assert {"committee", "united", "states", "petition", "denial"} <= set(gloss.split())


def test_the_words_of_the_laws_and_of_everyday_questions_are_glossed():
    """The word list covers the vocabulary of the Mexican laws and of the Spanish guides and the verbs visitors type
    in all their forms: a question about a collective contract's revision vote reached no English guide."""
    gloss = set(english_gloss("¿Cada cuánto tiempo tiene que volver a aprobarse por voto secreto la revisión del "
                              "contrato colectivo legitimado?").split())
    assert {"return", "vote", "secret"} <= gloss
    assert len(words()) > 7000


def test_units_of_measure_and_the_goods_taxed_by_them_are_glossed():
    """ "¿A partir de cuántas kilocalorías por cada 100 gramos pagan IEPS las botanas?" reached no English sentence
    on the 275-kilocalorie threshold: the units and "botanas" stayed Spanish in the gloss."""
    gloss = set(english_gloss("¿A partir de cuántas kilocalorías por cada 100 gramos pagan IEPS las botanas?").split())
    assert {"kilocalories", "grams", "snacks"} <= gloss
    assert {"miles", "kilograms"} <= set(english_gloss("¿Cuántas millas y kilogramos?").split())


def test_a_gerund_is_glossed_as_its_verb_and_the_words_of_a_plant_floor_are_glossed():
    """ "Una operadora … sigue amamantando a su bebé. ¿Qué descansos de lactancia le tenemos que dar …?" was an
    abstention: "operadora", "amamantando" and "bebé" stayed Spanish and "descansos" read as "rest"."""
    gloss = english_gloss("Una operadora sigue amamantando a su bebé. ¿Qué descansos de lactancia le tenemos que dar?")
    assert {"operator", "breastfeed", "baby"} <= set(gloss.split()) and "breastfeeding breaks" in gloss
    # steel "melted and poured" in the region, made by an automaker ("armadora"), not "founds"
    gloss = english_gloss("Una armadora: ¿el acero cuenta como originario si se funde y se vacía en la región?")
    assert "melted and poured" in gloss and "automaker" in gloss and "founds" not in gloss


def test_a_word_the_english_guides_also_write_in_spanish_stays_beside_its_english():
    """ "honorarios" is "fees", and the English guides write "broker fees (*honorarios*)": the gloss keeps both, so
    the sentence naming them still outweighs one about another fee; backwards, "fees" is "honorarios"."""
    gloss = english_gloss("¿Cuánto cobra de honorarios un agente aduanal en Nuevo Laredo?").split()
    assert "fees" in gloss and "honorarios" in gloss
    assert "responsabilidad" in spanish_gloss("How many absences let us terminate without liability?").split()


def test_the_word_list_is_folded_lowercase_and_has_no_empty_keys():
    table = words()
    assert len(table) > 1000
    assert all(key and key == key.lower() and key.isascii() for key in table)
    assert all(isinstance(value, str) for value in table.values())


def test_an_english_question_gets_spanish_terms_and_words_without_function_words():
    gloss = spanish_gloss("What's the maximum length of a night shift under Mexican labor law?")
    assert "jornada nocturna" in gloss and "ley" in gloss.split() and "maximo" in gloss.split()
    gloss = spanish_gloss("How long do we keep payroll records for IMSS in 2026?")
    assert "IMSS" in gloss and "2026" in gloss and "registros" in gloss.split()
    assert not re.search(r"\b(?:como|hacer|nosotros|haber|what|how|do|we)\b", gloss)


def test_english_words_the_word_list_lacks_take_the_laws_own_spanish_word():
    gloss = spanish_gloss("Can an online marketplace withhold tax when a worker falls ill?").split()
    assert {"electronico", "plataforma", "retener", "enfermedad"} <= set(gloss)
    # a word the Spanish list already glosses keeps that reading: "dies" of a die shop, not a death
    assert "troqueles" in spanish_gloss("What depreciation rate applies to dies and molds?").split()


def test_the_english_to_spanish_law_words_are_single_lowercase_keys_with_one_to_three_folded_spanish_words():
    from assistant.answer.gloss import law_words
    from assistant.text import fold

    table = law_words()
    assert len(table) > 2000
    assert all(k.isalpha() and k == k.lower() for k in table)
    assert all(v and v == fold(v).lower() and 1 <= len(v.split()) <= 3 for v in table.values())


def test_may_the_verb_is_no_month_may_the_month_is():
    assert "mayo" not in spanish_gloss("What is the most a plant may deduct from pay for rent?").split()
    assert "mayo" in spanish_gloss("What did the rule say in May 2025?").split()


# ------------------------------------------------------------------------------- what a question asks for
@pytest.mark.parametrize("question, kind, focus", [
    ("What fine can customs impose if we don't keep Annex 24?", "amount", ("fine",)),
    ("Which electricity tariff do most plants pay?", "rate", ("electricity", "tariff")),
    ("How quickly do we have to load the initial inventory?", "duration", ()),
    ("How soon could we be producing in Mexico?", "duration", ()),
    ("By when do we have to pay out profit sharing?", "date", ()),
    ("What is the daily minimum wage in Monterrey?", "amount", ()),  # "what is …": the whole question is the subject
])
def test_answer_type_and_focus(question, kind, focus):
    analysis = analyze(question)
    assert analysis.answer_type == kind
    assert analysis.focus == focus


def test_a_period_answers_how_long_and_a_date_or_period_answers_when():
    how_long, when = analyze("How long does the SAT take?"), analyze("When must we renew the certification?")
    assert type_fit(how_long, "The SAT resolves within 10 days of the application.", "") > 0
    assert type_fit(how_long, "The SAT checks the RFC and the e.firma (LA art. 59).", "") < 0
    assert type_fit(when, "Renew it within the 30 days before it expires.", "") > 0
    assert type_fit(when, "The program ends on 1 September of that year.", "") > 0
    assert type_fit(when, "The certification is granted by the SAT.", "") < 0


# ------------------------------------------------------------------- over the shipped corpus, as a visitor
def test_a_spanish_question_is_answered_from_the_english_guide_that_holds_the_fact(corpus_components):
    result = corpus_components.assistant.ask(
        "¿Cuántos años debe guardar sus registros el importador que pide la preferencia del T-MEC?")
    assert not result.abstained
    assert result.answer.startswith("Según la fuente (en inglés):")
    first = result.answer.split("[1]")[0]
    assert "5 years" in first
    assert result.citations[0].doc_id == "usmca-recordkeeping-verification"


def test_the_continuous_bond_minimum_reaches_a_spanish_visitor(corpus_components):
    result = corpus_components.assistant.ask("¿Cuál es el mínimo de la fianza continua para importar en Estados Unidos?")
    assert not result.abstained
    assert "50,000" in result.answer
    assert any(c.doc_id == "us-entry-types" for c in result.citations)


def test_a_spanish_question_off_the_topic_still_gets_an_abstention(corpus_components):
    for question in ("¿Cuál es la mejor receta de mole poblano?", "¿Quién ganó el mundial de fútbol de 2022?"):
        result = corpus_components.assistant.ask(question)
        assert result.abstained, (question, result.answer)
        assert result.answer.startswith("No tengo")


def test_a_governments_incentives_are_said_to_be_not_covered(corpus_components):
    english = corpus_components.assistant.ask("What subsidies does the Jalisco government give to new factories?")
    assert english.abstained and "no source on subsidies" in english.answer
    spanish = corpus_components.assistant.ask("¿Qué estímulos fiscales ofrece Coahuila a una planta nueva?")
    assert spanish.abstained and "sobre estímulos" in spanish.answer


def test_incentives_without_a_government_are_answered_from_what_the_guides_say(corpus_components):
    result = corpus_components.assistant.ask("What tax incentives does IMMEX give?")
    assert not result.abstained
    assert "IMMEX" in result.answer and result.citations



def test_an_english_question_reaches_the_spanish_article_and_the_guides_ranking_is_untouched(corpus_components):
    searcher = corpus_components.searcher
    question = "What's the maximum length of a night shift under Mexican labor law?"
    plain = searcher.retrieve(question, 5)
    glossed = searcher.retrieve(question, 5, law_gloss=spanish_gloss(question))
    article = [p.chunk for p in glossed.passages if p.chunk.doc_id == "ley-federal-del-trabajo"]
    assert article and "Artículo 61" in (article[0].section or "")
    assert not any("Artículo 61" in (p.chunk.section or "") for p in plain.passages)
    guides = lambda r: [p.chunk.id for p in r.passages if p.chunk.authority != "official"]  # noqa: E731
    assert guides(glossed) == guides(plain)


def test_a_filing_or_payment_that_vence_is_due():
    assert "due" in english_gloss("¿Qué día vence la declaración mensual del IVA?").split()


def test_the_words_of_a_question_on_the_us_labor_committees_priorities_are_glossed():
    gloss = english_gloss("¿Qué subsectores en México son prioridad para la vigilancia laboral de EE.UU. bajo el T-MEC?")
    assert {"subsectors", "priority", "monitoring"} <= set(gloss.split())
