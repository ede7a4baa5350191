"""What a question asks the price of, and whether an answer's sentence prices it (:mod:`assistant.answer.prices`)."""

from __future__ import annotations

import pytest

from assistant.answer.prices import money, priced_words, priced_words_es, states_price
from assistant.index.lexical import tokenize
from assistant.text import fold


def asked(question: str) -> frozenset[str]:
    return priced_words(fold(question).lower())


@pytest.mark.parametrize("question, words", [
    ("What's the FDA annual establishment registration fee for our plant?", "fda establishment registration"),
    ("What is the merchandise processing fee on a $100,000 entry?", "merchandise processing"),
    ("How much does a customs broker charge per pedimento?", "customs broker"),
    # nothing before the price word but generic words: the words after it name what is priced
    ("What monthly fee per worker do shelter companies in Tijuana charge in 2026?", "worker shelter companies tijuana"),
    # … or the price asked with the verb: who charges it, up to the place
    ("What do shelter companies in Ciudad Juárez typically charge per worker per month?", "shelter companies"),
    # a freight rate is a price; "today's" names no thing
    ("What's today's spot rate for a dry-van truckload from Querétaro to Chicago?", "dry van truckload queretaro chicago"),
])
def test_the_words_before_the_price_word_name_what_is_priced(question, words):
    assert asked(question) == frozenset(tokenize(words))


@pytest.mark.parametrize("question", [
    "What's the MPF cap?",  # no price word
    "What is the general duty rate for HTS 8544.42?",  # a rate: "Free" answers it, no figure
    "What does it cost?",  # nothing named before or after it
    # the price is context; the question asks for a method and a threshold
    "We sell to the US parent at cost plus a thin markup, so the transfer price is low. Which RVC method helps us?",
    # the costs are given, to compute with; the question asks for the tax
    "So if our operating costs are MXN 100 million, what income tax comes out of the cost test?",
])
def test_a_question_naming_nothing_priced_asks_nothing_of_this_check(question):
    assert asked(question) == frozenset()


def test_a_figure_prices_the_thing_only_in_a_sentence_that_names_it():
    want = asked("What is the merchandise processing fee on a formal entry?")
    surcharge = (frozenset(tokenize("From 24 February 2026 a 10% surcharge applied to most imports.")), True)
    named = (frozenset(tokenize("Formal entries pay a merchandise processing fee and need a bond.")), False)
    priced = (frozenset(tokenize("Formal entries pay the Merchandise Processing Fee at 0.3464% of value.")), True)
    assert not states_price(want, [named, surcharge])
    assert states_price(want, [named, priced])


def test_a_spanish_thing_of_two_words_is_priced_only_by_a_sentence_naming_two_of_them():
    from assistant.answer.prices import price_unstated
    from assistant.answer.candidate import Candidate

    def sentence(text: str) -> Candidate:
        return Candidate(passage_rank=0, position=0, text=text, tokens=frozenset(tokenize(text)), score=0.0,
                         covered=0.0, agrees=True)

    question = fold("¿Cuánto cobra de honorarios un agente aduanal en Nuevo Laredo por cada pedimento de exportación?")
    dta = sentence("For definitive imports the general rate is 8 per thousand (0.8%) of the customs value.")
    assert price_unstated(question, "es", [dta])
    assert not price_unstated(question, "es", [sentence("A customs broker charges about US$150 per pedimento.")])


def test_a_table_rows_figure_under_a_currency_header_is_money():
    assert money("Headcount: 50 workers — Monthly shelter fee (USD): 9,000.")
    assert money("The MPF is 0.3464% of value.") and money("about US$7.20 a month")
    assert not money("Most plants are also certified to ISO 13485.")


@pytest.mark.parametrize("question, words", [
    # the thing after "cobra"/"cuesta", and its English gloss, so an English guide's sentence can name it too
    ("¿Cuánto cobra un notario por constituir la sociedad en Monterrey?", "notario notary"),
    ("¿cuánto cuesta la visa de trabajo para un ingeniero?", "visa"),
    # the thing after "el costo de", "la cuota mensual del"; who charges "¿qué cuota cobran …?"
    ("¿Cuál es el costo de la inscripción al padrón?", "inscripcion registration"),
    ("¿Qué cuota mensual cobran los shelters por trabajador?", "shelter"),
    ("¿Cuánto cobra en promedio un agente aduanal en Nuevo Laredo por cada pedimento?", "agente aduanal customs broker"),
    # what it charges as, between the verb and who charges it
    ("¿Cuánto cobra de honorarios un agente aduanal en Nuevo Laredo por pedimento?", "agente aduanal customs broker"),
    # two questions in one: the thing priced follows the second's verb
    ("¿Cuánto cuesta y cuánto tarda el registro sanitario de COFEPRIS?", "registro sanitario registration sanitary"),
    # a period between the verb and the thing
    ("¿Cuánto cuesta al año una licencia de software de Anexo 24 para una maquila?", "licencia license"),
])
def test_a_spanish_question_names_what_it_asks_the_price_of_in_both_languages(question, words):
    assert priced_words_es(fold(question)) == frozenset(tokenize(words))


def test_a_spanish_question_only_naming_a_cost_asks_no_price():
    """The costs are the subject of the rule asked about; the question asks for a threshold."""
    assert priced_words_es(fold("Para el costo neto del T-MEC, ¿a partir de qué diferencia sobre la tasa oficial se "
                                "consideran no permitidos los costos por intereses?")) == frozenset()


def _answer(question: str, text: str, lang: str = "es") -> tuple[str, bool]:
    """The extractive answer to a question over one guide passage in its language, and whether it abstained."""
    from assistant.answer.extractive import compose
    from assistant.models import Chunk, Passage

    chunk = Chunk(id="c1", doc_id=f"guide-{lang}", text=text, ordinal=0, title="Guide", doc_type="guide",
                  jurisdiction="MX", language=lang, path=f"corpus/{lang}.md")
    answer, _, abstained = compose(question, [Passage(chunk=chunk, score=1.0, dense=0.8)], 0.3, lang=lang,
                                   today_year=2026)
    return answer, abstained


def test_a_spanish_price_question_is_not_answered_with_another_things_figure():
    """ "¿Cuánto cobra un notario …?" and the passages price only the payroll tax: no figure is on file."""
    from assistant.answer.extractive import NO_FIGURE_ES

    answer, abstained = _answer("¿Cuánto cobra un notario por constituir la sociedad en Coahuila?",
                                "Coahuila cobra un impuesto sobre nómina del 3%. Para constituir la sociedad "
                                "se acude ante un notario, que protocoliza el acta constitutiva.")
    assert abstained and answer.startswith(NO_FIGURE_ES)


def test_a_question_asking_a_price_and_a_time_says_no_price_is_on_file_when_none_is():
    """ "¿Cuánto cuesta y cuánto tarda …?" is typed a duration question; the 3-6 months stated do not price it."""
    from assistant.answer.extractive import NO_FIGURE_ES

    answer, abstained = _answer("¿Cuánto cuesta y cuánto tarda el registro sanitario de COFEPRIS?",
                                "Arrancar dentro de un shelter suele tomar de 3 a 6 meses. Conviene revisar "
                                "los requisitos del registro sanitario ante la COFEPRIS para la planta.")
    assert abstained and answer.startswith(NO_FIGURE_ES)


def test_a_time_question_no_sentence_states_a_period_or_end_date_for_says_so():
    """ "¿Cuánto tarda CONAGUA en otorgar una concesión …?" over passages that say concessions are hard to get and name
    no period: no figure is on file; an end date answers "how long does it last?"."""
    from assistant.answer.extractive import NO_FIGURE_EN, NO_FIGURE_ES

    answer, abstained = _answer("¿Cuánto tarda CONAGUA en otorgar una concesión de aguas para uso industrial?",
                                "Las concesiones de agua las otorga la CONAGUA y son difíciles de obtener en acuíferos "
                                "sobreexplotados. Conviene confirmar el abasto de agua con el parque industrial.")
    assert abstained and answer.startswith(NO_FIGURE_ES)
    answer, abstained = _answer("How long does the 3.75% MSRP offset for US-assembled vehicles last?",
                                "The offset stays at 3.75% of MSRP for US-assembled vehicles through 30 April 2030.",
                                "en")
    assert not abstained and not answer.startswith(NO_FIGURE_EN) and "30 April 2030" in answer
    # … a deadline does not: "how many business days does approval take?" over a yearly report due by a date
    answer, abstained = _answer("How many business days does the SE take to approve a PROSEC registration?",
                                "A PROSEC holder must file an annual report of its sales by the last business day of "
                                "April. The SE grants PROSEC registrations to manufacturers of the listed goods.", "en")
    assert abstained and answer.startswith(NO_FIGURE_EN)


def test_a_count_in_a_measure_is_answered_by_a_number_of_them_not_a_price_per_one():
    """ "How many TEUs did the port of Lázaro Cárdenas move in 2025?" over freight rates per 40 ft container: no
    figure is on file; "1.2 million TEU" would answer."""
    from assistant.answer.extractive import NO_FIGURE_EN
    from assistant.answer.fit import holds_answer
    from assistant.answer.question import analyze

    teus = analyze("How many TEUs did the port of Lázaro Cárdenas move in 2025?")
    assert not holds_answer(teus, "In 2025 the Asia–US West Coast rate fell to roughly $1,600 per 40 ft container.")
    assert holds_answer(teus, "Lázaro Cárdenas handled about 2.5 million TEU in 2025.")
    answer, abstained = _answer("How many TEUs did the port of Lázaro Cárdenas move in 2025?",
                                "In 2025 the Lázaro Cárdenas to Chicago rail service was planned at 7–9 days. The "
                                "Asia–US West Coast rate fell to roughly $1,600 per 40 ft container in 2025.", "en")
    assert abstained and answer.startswith(NO_FIGURE_EN)


def test_a_time_question_naming_a_cost_asks_no_price():
    """ "For the 6.5% cost test, how many days …?" names the cost test; the 183 days answer it."""
    from assistant.answer.prices import asks_price

    question = ("For the 6.5% cost test, how many days must an expatriate stay in Mexico before salary paid abroad "
                "counts in the cost base?")
    assert not asks_price(question.lower(), "en")
    assert asks_price("how much does it cost and how long does it take to register?", "en")
    assert asks_price("what is the registration fee and how long does it take?", "en")
    assert asks_price("¿cuanto cuesta y cuanto tarda el registro sanitario de cofepris?", "es")
    answer, abstained = _answer(question, "Costs paid abroad by the foreign resident count only in limited cases, for "
                                "example salaries of expatriates who stay in Mexico more than 183 days in a 12-month "
                                "period. The cost test uses 6.5% of operating costs.", "en")
    assert not abstained and "183 days" in answer.split(". ")[0]

