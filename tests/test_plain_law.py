"""A plain question whose rarest words the guides' lead leaves out gets the official text's piece that holds them and
states what is asked, quoted after the answer (assistant.answer.plain_law): a Mexican law for an English question
through its Spanish gloss, a US text for an English question through its own words, for a Spanish one through its
English gloss."""

from __future__ import annotations

from assistant.answer.plain_law import answering_piece
from assistant.answer.gloss import english_gloss, spanish_gloss
from assistant.models import Chunk, Passage

QUESTION = "What is the maximum yearly tax depreciation rate a Mexican manufacturer may take on dies, molds and tooling?"
ARTICLE_34 = ("Artículo 34. Los por cientos máximos autorizados, tratándose de activos fijos por tipo de bien son los "
              "siguientes: I. 5% para construcciones. II. 10% para mobiliario y equipo de oficina. VIII. 35% para "
              "dados, troqueles, moldes, matrices y herramental.")
LEAD = ("Foreign-owned fixed assets count at their undepreciated tax value, using the maximum Mexican tax depreciation "
        "rates, but never below 10% of the acquisition cost.")


def _law(text: str, section: str = "CAPÍTULO II: DE LAS DEDUCCIONES > Artículo 34") -> Passage:
    chunk = Chunk(id="lisr-34", doc_id="ley-del-impuesto-sobre-la-renta", text=text, section=section, ordinal=0,
                  title="Ley del Impuesto sobre la Renta", doc_type="law", jurisdiction="MX", language="es",
                  path="corpus/official/mx/lisr.pdf", authority="official", cite="Ley del Impuesto sobre la Renta, art. 34")
    return Passage(chunk=chunk, score=1.0, dense=0.5)


COMMITTEE = ("(a) Establishment. There is established an interagency committee. (b) Meetings. The committee shall meet at "
             "least once every 90 days during the first 5 years after the Agreement enters into force, and as often as "
             "it decides after that.")
LABOR_LEAD = "The USMCA labor chapter requires Mexico to protect freedom of association."


def _us_code(text: str) -> Passage:
    chunk = Chunk(id="usc-4641", doc_id="19-usc-chapter-29", text=text, section="§ 4641", ordinal=0,
                  title="19 U.S.C. chapter 29", doc_type="law", jurisdiction="US", language="en",
                  path="corpus/official/us/19-usc-chapter-29.md", authority="official", cite="19 U.S.C. § 4641")
    return Passage(chunk=chunk, score=1.0, dense=0.5)


def committee_weight(token: str) -> float:
    return 5.5 if token[:5] in {"inter", "commi", "comit", "meeti", "meet", "reuni"} else 2.0


def weight(token: str) -> float:
    """Rare words of the knowledge base weigh more (as BM25's IDF would)."""
    return 5.5 if token[:4] in {"dies", "mold", "tool", "depr", "troq", "herr", "dado"} else 2.0


def test_the_laws_piece_holding_the_words_the_lead_leaves_out_is_quoted():
    quote = answering_piece(QUESTION, spanish_gloss(QUESTION), LEAD, [_law(ARTICLE_34)], weight, "en")
    assert quote is not None and quote.piece.startswith("VIII. 35% para dados, troqueles")


def test_no_quote_when_the_lead_holds_the_rare_words_or_the_piece_states_nothing_asked():
    lead = "Dies, molds and tooling may be depreciated at up to 35% a year."
    assert answering_piece(QUESTION, spanish_gloss(QUESTION), lead, [_law(ARTICLE_34)], weight, "en") is None
    no_figure = "Artículo 34. Los troqueles, moldes y herramental se deducen conforme a las reglas de este artículo."
    assert answering_piece(QUESTION, spanish_gloss(QUESTION), LEAD, [_law(no_figure)], weight, "en") is None
    # a reform's transitional articles are rules for its first years, not the law in force
    assert answering_piece(QUESTION, spanish_gloss(QUESTION), LEAD, [_law(ARTICLE_34, "Transitorios (DOF 2002)")],
                           weight, "en") is None
    # only for a figure, date or period asked
    assert answering_piece("Which tooling counts as a fixed asset?", "herramental activo fijo", LEAD,
                           [_law(ARTICLE_34)], weight, "en") is None


def test_a_us_text_answers_an_english_question_in_its_own_words_and_a_spanish_one_through_its_gloss():
    english = "How many days may pass between two meetings of the US interagency committee on USMCA labor?"
    spanish = "¿Cuántos días pueden pasar entre dos reuniones del comité interinstitucional de EE. UU. sobre el T-MEC?"
    for question, lang, gloss in ((english, "en", spanish_gloss(english)), (spanish, "es", english_gloss(spanish))):
        quote = answering_piece(question, gloss, LABOR_LEAD, [_us_code(COMMITTEE)], committee_weight, lang)
        assert quote is not None and quote.piece.startswith("The committee shall meet at least once every 90 days")
    # a Spanish question without a gloss can't be read against the English text
    assert answering_piece(spanish, None, LABOR_LEAD, [_us_code(COMMITTEE)], committee_weight, "es") is None


def test_the_laws_searched_on_their_own_are_read_when_the_retrieved_passages_hold_no_answering_piece():
    calls = []

    def deeper() -> list[Passage]:
        calls.append(1)
        return [_law(ARTICLE_34)]

    other = _law("Artículo 28. No serán deducibles los gastos de representación.")
    other = Passage(chunk=other.chunk.model_copy(update={"id": "lisr-28"}), score=1.0, dense=0.5)
    quote = answering_piece(QUESTION, spanish_gloss(QUESTION), LEAD, [other], weight, "en", deeper)
    assert quote is not None and quote.piece.startswith("VIII. 35% para dados") and calls == [1]
    # found among the retrieved passages: no further search
    assert answering_piece(QUESTION, spanish_gloss(QUESTION), LEAD, [_law(ARTICLE_34)], weight, "en", deeper)
    assert calls == [1]
    # nor for a question the check does not apply to (the lead holds the rare words)
    lead = "Dies, molds and tooling may be depreciated at up to 35% a year."
    assert answering_piece(QUESTION, spanish_gloss(QUESTION), lead, [other], weight, "en", deeper) is None
    assert calls == [1]


def test_no_quote_when_the_lead_states_a_figure_for_the_place_and_year_asked():
    question = "What was the average rent per square meter in Querétaro in Feb 2022?"
    lead = "In the Bajío the February 2022 averages were US$3.86 to US$4.11 per m² a month, with Querétaro at US$3.95."
    fabrics = ("(a) Fabrics of subheading 5208.41, yarn-dyed, 100 percent cotton, 95 to 100 grams per square meter, "
               "average yarn number 69.")
    us_text = Passage(chunk=_us_code(fabrics).chunk.model_copy(update={"id": "gn11-o"}), score=1.0, dense=0.5)
    square = lambda token: 5.5 if token[:5] in {"squar", "meter", "feb"} else 2.0  # noqa: E731
    assert answering_piece(question, spanish_gloss(question), lead, [us_text], square, "en") is None
    # a lead with no figure for them leaves the check to the piece
    assert answering_piece(question, spanish_gloss(question), LABOR_LEAD, [us_text], square, "en") is not None


def test_a_list_items_announcement_can_hold_the_word_the_lead_leaves_out():
    question = "What share of the VAT must an online marketplace withhold from the individuals who sell through it?"
    article = ("Artículo 18-J.- Los residentes en el extranjero que presten servicios digitales deberán: II. Cuando "
               "cobren el precio por cuenta del enajenante de bienes a través de su plataforma tecnológica, deberán: "
               "a) Retener a las personas físicas que enajenen bienes el 50% del impuesto al valor agregado cobrado.")
    law = Passage(chunk=_law(article).chunk.model_copy(update={"id": "liva-18-j"}), score=1.0, dense=0.5)
    marketplace = lambda token: 5.5 if token[:6] in {"market", "plataf", "online", "electr"} \
        else 2.0  # noqa: E731
    quote = answering_piece(question, spanish_gloss(question), LABOR_LEAD, [law], marketplace, "en")
    assert quote is not None and quote.piece.startswith("a) Retener a las personas físicas")


def test_every_spanish_rendering_of_a_word_is_on_file():
    from assistant.answer.gloss import spanish_words

    assert {"vendedor", "enajenante"} <= set(spanish_words("seller").split())


def test_a_period_the_law_writes_in_words_answers_a_how_long_question():
    from assistant.numbers import in_digits

    assert in_digits("podrán permanecer por un plazo de veinticuatro meses") == "podrán permanecer por un plazo de 24 meses"
    assert in_digits("el quince por ciento, treinta y seis meses") == "el 15 por ciento, 36 meses"
    question = "Under Mexico's bonded warehouse regime, for how long may goods stay in storage?"
    piece = ("Artículo 119-A. Las mercancías que se introduzcan al régimen de depósito fiscal podrán permanecer en el "
             "almacenamiento por un plazo de veinticuatro meses.")
    law = Passage(chunk=_law(piece).chunk.model_copy(update={"id": "la-119-a"}), score=1.0, dense=0.5)
    storage = lambda token: 5.5 if token[:6] in {"storag", "almace", "bonded", "deposi", "wareho"} else 2.0  # noqa: E731
    quote = answering_piece(question, spanish_gloss(question), LABOR_LEAD, [law], storage, "en")
    assert quote is not None and "veinticuatro meses" in quote.piece


BREAK = ("Artículo 63.- Durante la jornada continua de trabajo se concederá al trabajador un descanso de media hora, por "
         "lo menos.")
HOUSEHOLD = ("Las personas trabajadoras del hogar deberán disfrutar de un descanso mínimo diario nocturno de nueve horas "
             "consecutivas, sin que la jornada diaria pueda excederse de las ocho horas diarias.")


def test_a_word_no_text_holds_is_not_one_a_piece_must_hold_and_equal_rarity_goes_by_the_question_order():
    """ "darle" is rare only as spelled (no text holds it), so "continua" is the word the household-work lead leaves
    out: article 63 holds it and a period, and is quoted — in every process alike (ties in the question's order)."""
    question = "En una jornada continua de ocho horas, ¿cuánto descanso mínimo hay que darle al personal de línea?"

    def rare(token: str) -> float:  # the words no guide holds weigh most, as the guides' IDF weighs them
        return 6.6 if token in {"continua", "darl", "linea", "ocho"} else 3.0

    known = lambda token: token != "darl"  # noqa: E731
    lead = HOUSEHOLD
    quote = answering_piece(question, None, lead, [_law(BREAK, "Artículo 63")], rare, "es", known=known)
    assert quote is not None and "media hora" in quote.piece


RECOUNT = ("Artículo 897-F.- Dentro de los siete días siguientes, el Tribunal elaborará el padrón que servirá de base para "
           "el recuento de los trabajadores mediante voto personal, libre, directo y secreto.")


def test_a_question_about_us_institutions_only_is_not_answered_by_a_mexican_law():
    """ "What was the vote split when the Supreme Court threw out the IEEPA tariffs?" had been followed by the Labor
    Law's union recount (voto … siete días); a question that names Mexico may still get the Mexican piece."""
    def rare(token: str) -> float:
        return 6.0 if token[:4] in {"vote", "voto", "reco", "split"} else 2.0

    lead = "The Supreme Court held on 20 February 2026 that IEEPA does not authorize the President to impose tariffs."
    us = "What was the vote split when the Supreme Court threw out the IEEPA tariffs, and how many days did it take?"
    assert answering_piece(us, spanish_gloss(us), lead, [_law(RECOUNT, "Artículo 897-F")], rare, "en") is None
    mexican = "In a Mexican union recount vote, how many days does the labor court take to draw up the voter list?"
    quote = answering_piece(mexican, spanish_gloss(mexican), lead, [_law(RECOUNT, "Artículo 897-F")], rare, "en")
    assert quote is not None and "siete días" in quote.piece


def test_a_question_about_a_mexican_institution_only_is_not_answered_by_a_us_text():
    """ "¿Qué porcentaje del salario tiene que aportar la empresa al Infonavit?" had been followed by 19 U.S.C.
    § 4644(c) on Mexico's funding of its labor reform; a question naming the USMCA may still get the US piece."""
    funding = ("(c) Matters assessed. (1) Whether Mexico is providing adequate funding to implement its labor reform, "
               "including 100 percent of the salaries of labor inspectors.")

    def rare(token: str) -> float:
        return 6.0 if token[:4] in {"sala", "fund", "fina", "labo", "refo"} else 2.0

    lead = "Every employer must pay the INFONAVIT housing fund on each worker's integrated wage."
    mexican = "What percentage of salaries must the employer pay to INFONAVIT as labor funding?"
    assert answering_piece(mexican, None, lead, [_us_code(funding)], rare, "en") is None
    usmca = "Under the USMCA, what percentage of salaries of labor inspectors must Mexico fund for its labor reform?"
    quote = answering_piece(usmca, None, lead, [_us_code(funding)], rare, "en")
    assert quote is not None and "100 percent" in quote.piece
