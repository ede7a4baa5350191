"""An answer whose sentence cites a provision we hold the official text of is followed by the provision's own words,
quoted and cited: the guide's reading and the law beside it."""

from __future__ import annotations

from assistant.answer.law_quote import law_quote, law_quotes
from assistant.answer.provisions import Provision
from assistant.lookup import Lookup
from assistant.models import Chunk


def law_chunk(text: str, language: str = "es", section: str = "Artículo 15") -> Chunk:
    return Chunk(id="lss-15", doc_id="ley-del-seguro-social", title="Ley del Seguro Social", section=section,
                 text=text, ordinal=3, language=language, authority="official", as_of="2025-06-01",
                 cite="Ley del Seguro Social, art. 15, p. 12", doc_type="law", jurisdiction="mx",
                 path="official/lss.pdf")


ARTICLE_15 = ("Artículo 15. Las personas empleadoras están obligadas a:\nPárrafo reformado DOF 24-01-2024\n"
              "I. Registrarse e inscribir a sus trabajadores en el Instituto, comunicar sus altas y bajas, las "
              "modificaciones de su salario y los demás datos, dentro de plazos no mayores de cinco días hábiles;\n"
              "II. Llevar registros, tales como nóminas y listas de raya en las que se asiente invariablemente el "
              "número de días trabajados y los salarios percibidos por sus trabajadores, además de otros datos que "
              "exijan la presente Ley y sus reglamentos. Es obligatorio conservar estos registros durante los cinco "
              "años siguientes al de su fecha;\nIII. Determinar las cuotas obrero patronales a su cargo y enterar su "
              "importe al Instituto;")  # as the official text on file holds it (LSS, última reforma DOF 2025)


def article(chunk_id: str, doc_id: str, title: str, section: str, text: str, cite: str, as_of: str) -> Chunk:
    """A chunk of an official text as the legal chunker makes it."""
    return Chunk(id=chunk_id, doc_id=doc_id, title=title, section=section, text=text, ordinal=1, language="es",
                 authority="official", as_of=as_of, cite=cite, doc_type="law", jurisdiction="mx",
                 path=f"official/{doc_id}.pdf")


def resolver(*chunks: Chunk):
    calls: list[Lookup] = []

    def resolve(lookups):
        calls.extend(lookups)
        return [Provision(lk.label, tuple(c for c in chunks if c.doc_id == lk.doc_id), lk) for lk in lookups]
    return resolve, calls


def test_the_fraccion_the_sentence_cites_is_quoted_under_the_lawyers_citation():
    resolve, calls = resolver(law_chunk(ARTICLE_15))
    quote = law_quote(["Enrol workers within five business days (Ley del Seguro Social, art. 15-I)."],
                      "How many days do we have to enrol a new hire with the IMSS?", resolve)
    assert quote is not None and [c.label for c in calls] == ["Ley del Seguro Social, art. 15, fr. I"]
    assert quote.piece.startswith("I. Registrarse") and "cinco días hábiles" in quote.piece
    assert "II." not in quote.piece
    rendered = quote.render(3, "en")
    assert rendered.startswith("The law: Ley del Seguro Social, art. 15, p. 12 (official text, in Spanish) [3]: «")
    assert quote.render(3, "es").startswith("La ley: Ley del Seguro Social, art. 15, p. 12 [3]: «")


def test_a_named_fraccion_is_quoted_whole_with_the_sentences_after_its_label():
    resolve, _ = resolver(law_chunk(ARTICLE_15))
    quote = law_quote(["Payroll records are kept for five years (LSS article 15, section II)."],
                      "How long do we keep payroll records?", resolve)
    assert quote is not None and quote.piece.startswith("II. Llevar registros")
    assert quote.piece.endswith("durante los cinco años siguientes al de su fecha;")  # the fracción's second sentence
    assert "III." not in quote.piece  # … and not the next fracción


def test_two_sentences_citing_two_fracciones_of_one_article_get_one_quote_in_the_laws_order():
    resolve, _ = resolver(law_chunk(ARTICLE_15))
    quotes = law_quotes(["Records are kept for five years (LSS article 15, section II).",
                         "New hires are reported within five business days (LSS article 15, section I)."],
                        "How long do we keep payroll records?", resolve)
    assert len(quotes) == 1
    piece = quotes[0].piece
    assert piece.startswith("I. Registrarse") and " II. Llevar registros" in piece  # adjacent: no "[…]" between
    assert "[…]" not in piece and piece.count("cinco días hábiles") == 1


def test_no_more_than_two_pieces_of_a_provision_are_quoted():
    resolve, _ = resolver(law_chunk(ARTICLE_15))
    quotes = law_quotes(["Enrol within five business days (LSS article 15, section I).",
                         "Keep records for five years (LSS article 15, section II).",
                         "Determine the contributions (LSS article 15, section III)."],
                        "What must employers do?", resolve)
    assert len(quotes) == 1 and " II. Llevar registros" in quotes[0].piece
    assert "III. Determinar" not in quotes[0].piece


def test_a_second_provision_cited_further_down_is_not_quoted():
    lft = law_chunk(ARTICLE_74, section="Artículo 74").model_copy(
        update={"id": "lft-74", "doc_id": "ley-federal-del-trabajo", "cite": "Ley Federal del Trabajo, art. 74, p. 23"})
    resolve, _ = resolver(law_chunk(ARTICLE_15), lft)
    quotes = law_quotes(["Enrol workers within five business days (LSS art. 15-I).",
                         "Rest days are set by law (LFT art. 74)."], "How many days to enrol a worker?", resolve)
    assert [q.cite for q in quotes] == ["Ley del Seguro Social, art. 15, p. 12"]


def test_without_a_named_fraccion_the_piece_sharing_the_question_s_meaning_is_quoted():
    resolve, _ = resolver(law_chunk(ARTICLE_15))
    quote = law_quote(["Payroll records must be kept for five years (LSS art. 15)."],
                      "How long must we keep payroll records?", resolve)
    assert quote is not None and "cinco años siguientes" in quote.piece  # read through its English gloss


def test_a_figure_the_citing_sentence_states_marks_the_piece_to_quote():
    article = ("Artículo 5o.-D. El impuesto se calculará por cada mes de calendario, salvo los casos señalados en los "
               "artículos 5o.-F y 33 de esta Ley.\nLos contribuyentes efectuarán el pago del impuesto mediante "
               "declaración que presentarán a más tardar el día 17 del mes siguiente al que corresponda el pago.")
    chunk = Chunk(id="liva-5d", doc_id="ley-del-impuesto-al-valor-agregado", title="Ley del Impuesto al Valor Agregado",
                  section="Artículo 5o.-D", text=article, ordinal=1, language="es", authority="official",
                  as_of="2021-11-12", cite="Ley del Impuesto al Valor Agregado, art. 5-D, p. 18", doc_type="law",
                  jurisdiction="mx", path="official/liva.pdf")
    resolve, _ = resolver(chunk)
    quote = law_quote(["A company works out the tax for each calendar month and pays it by the 17th day of the next "
                       "month (LIVA article 5-D)."], "When is the monthly VAT payment due?", resolve)
    assert quote is not None and "el día 17 del mes siguiente" in quote.piece  # not the calendar-month piece


def test_a_figure_the_law_writes_in_words_marks_the_piece_over_one_sharing_more_words():
    text = ("ARTICULO 108. Las maquiladoras y las empresas con programas de exportación autorizados por la "
            "Secretaría de Economía podrán efectuar la importación temporal de mercancías para retornar al "
            "extranjero, en los términos del programa autorizado.\nLas mercancías importadas temporalmente por "
            "las maquiladoras podrán permanecer en el territorio nacional por los siguientes plazos:\n"
            "I. Hasta por dieciocho meses, en los siguientes casos:\na) Materias primas, partes y componentes.\n"
            "II. Hasta por dos años, tratándose de contenedores y cajas de trailers.")
    chunk = article("la-108", "ley-aduanera", "Ley Aduanera", "ARTICULO 108", text, "Ley Aduanera, art. 108, p. 75",
                    "2025-11-19")
    resolve, _ = resolver(chunk)
    quote = law_quote(["Según el artículo 108 de la Ley Aduanera, las materias primas, partes y componentes que una "
                       "empresa IMMEX importa temporalmente pueden permanecer en México hasta 18 meses."],
                      "bajo la ley aduanera cuanto tiempo se pueden quedar en mexico las materias primas que una "
                      "maquila importa temporalmente?",
                      resolve)
    assert quote is not None and quote.piece.startswith("I. Hasta por dieciocho meses")


def test_a_fraccion_bis_the_sentence_cites_is_quoted():
    text = ("Artículo 132.- Son obligaciones de los patrones:\nXXVII.- Proporcionar a las mujeres embarazadas la "
            "protección que establezcan los reglamentos;\nXXVII Bis.- Otorgar permiso de paternidad de cinco días "
            "laborables con goce de sueldo, a los hombres trabajadores, por el nacimiento de sus hijos;\n"
            "XXVIII.- Participar en la integración y funcionamiento de las Comisiones que deban formarse.")
    chunk = article("lft-132", "ley-federal-del-trabajo", "Ley Federal del Trabajo", "Artículo 132", text,
                    "Ley Federal del Trabajo, art. 132, p. 33", "2025-02-21")
    resolve, calls = resolver(chunk)
    quote = law_quote(["A father gets five working days of paid paternity leave (LFT art. 132-XXVII Bis)."],
                      "How long is paternity leave?", resolve)
    assert [c.label for c in calls] == ["Ley Federal del Trabajo, art. 132, fr. XXVII Bis"]
    assert quote is not None and quote.piece.startswith("XXVII Bis.- Otorgar permiso de paternidad")
    assert "XXVIII" not in quote.piece


def test_a_bare_article_is_read_as_the_law_the_question_names_and_a_one_digit_count_marks_its_piece():
    text = ("ARTICULO 161. La patente de agente aduanal le da derecho al titular para actuar ante una aduana de "
            "adscripción; sin embargo, podrá solicitar autorización para actuar en una aduana adicional.\n"
            "En ningún caso se podrá autorizar a un agente aduanal a efectuar despachos en más de tres aduanas "
            "adicionales a la de su adscripción.")
    chunk = article("la-161", "ley-aduanera", "Ley Aduanera", "ARTICULO 161", text, "Ley Aduanera, art. 161, p. 119",
                    "2025-11-19")
    resolve, calls = resolver(chunk)
    sentence = ["A patente entitles the broker to one customs office of assignment, and the broker may be authorized "
                "for at most 3 additional customs offices (article 161)."]
    assert law_quote(sentence, "How many customs offices can a broker work at?", resolve) is None  # which law?
    quote = law_quote(sentence, "según la ley aduanera, ¿en cuántas aduanas adicionales puede despachar un agente?",
                      resolve)
    assert [c.label for c in calls] == ["Ley Aduanera, art. 161"]
    assert quote is not None and quote.piece.startswith("En ningún caso se podrá autorizar")


def test_no_citing_sentence_or_no_text_on_file_means_no_quote():
    resolve, _ = resolver(law_chunk(ARTICLE_15))
    assert law_quote(["Shelters run the plant for you."], "What is a shelter?", resolve) is None
    assert law_quote(["Night shifts last 7 hours (LFT art. 61)."], "How long is a night shift?", resolve) is None


def test_a_lead_sentence_citing_nothing_is_read_with_its_sections_heading():
    resolve, calls = resolver(law_chunk(ARTICLE_15))
    lead = ["New hires must be registered with the IMSS within five business days.", "Shelters do it for you."]
    question = "How many days do we have to register a new hire with the IMSS?"
    assert law_quotes(lead, question, resolve) == []
    assert law_quotes(lead, question, resolve, lead_section="Registering workers") == []  # the heading cites nothing
    quotes = law_quotes(lead, question, resolve, lead_section="Step 2: register each worker (LSS art. 15)")
    assert [c.label for c in calls] == ["Ley del Seguro Social, art. 15"]
    assert len(quotes) == 1 and "cinco días hábiles" in quotes[0].piece


def test_a_shelter_question_gets_the_article_its_answers_section_rests_on(corpus_components):
    result = corpus_components.assistant.ask("After employer substitution moves our workers from the shelter to our "
                                             "own company, how long is the shelter still jointly liable?")
    answer, law = result.answer.split("\n\nThe law: ")
    assert "6 months" in answer and "art. 41" not in answer.split(". [")[0]
    assert law.startswith("Ley Federal del Trabajo, art. 41") and "seis meses" in law


def test_a_visitor_asking_in_english_gets_the_spanish_article_beside_the_guide(corpus_components):
    result = corpus_components.assistant.ask("What's the maximum length of a night shift under Mexican labor law?")
    assert not result.abstained
    answer, law = result.answer.split("\n\nThe law: ")
    assert law.startswith("Ley Federal del Trabajo, art. 61") and "siete la nocturna" in law
    n = int(law.split("[", 1)[1].split("]", 1)[0])
    cited = next(c for c in result.citations if c.n == n)
    assert cited.doc_id == "ley-federal-del-trabajo" and cited.url
    assert "LFT article 61" in answer or "art. 61" in answer  # the guide's sentence that cites it


def test_an_answer_citing_no_provision_has_no_law_paragraph(corpus_components):
    result = corpus_components.assistant.ask("What is a shelter service?")
    assert not result.abstained and "The law:" not in result.answer


ARTICLE_74 = ("Artículo 74. Son días de descanso obligatorio:\nI. El 1o. de enero;\nII. El primer lunes de febrero en "
              "conmemoración del 5 de febrero;\nIII. El tercer lunes de marzo en conmemoración del 21 de marzo;\n"
              "IV. El 1o. de mayo;\nV. El 16 de septiembre;\nVI. El tercer lunes de noviembre en conmemoración del 20 "
              "de noviembre;\nVII. El 1o. de octubre de cada seis años, cuando corresponda a la transmisión del Poder "
              "Ejecutivo Federal;\nVIII. El 25 de diciembre, y\nIX. El que determinen las leyes federales y locales "
              "electorales, en el caso de elecciones ordinarias, para efectuar la jornada electoral.")


def test_a_list_article_is_quoted_with_its_items_up_to_the_quote_length():
    lft = law_chunk(ARTICLE_74, section="Artículo 74").model_copy(
        update={"doc_id": "ley-federal-del-trabajo", "cite": "Ley Federal del Trabajo, art. 74, p. 23"})
    resolve, _ = resolver(lft)
    quote = law_quote(["Mexican law sets eight fixed mandatory rest days plus election days (LFT art. 74)."],
                      "Which days are mandatory paid holidays?", resolve)
    assert quote is not None and quote.piece.startswith("Artículo 74. Son días de descanso obligatorio: I. El 1o.")
    assert "V. El 16 de septiembre;" in quote.piece and "VIII. El 25 de diciembre" in quote.piece
    assert len(quote.piece.split()) <= 131


def test_the_piece_stating_a_figure_another_sentence_gives_uncited_is_quoted_too():
    text = ("Artículo 15. Las personas físicas o morales que proporcionen servicios de subcontratación deberán contar "
            "con registro ante la Secretaría del Trabajo y Previsión Social.\nEl registro a que hace mención este "
            "artículo deberá ser renovado cada tres años.\nLa Secretaría deberá pronunciarse respecto de la solicitud "
            "de registro dentro de los veinte días posteriores a la recepción de la misma.")
    resolve, _ = resolver(law_chunk(text))
    quotes = law_quotes(["The STPS must answer a registration request within 20 days.",
                         "The registration must be renewed every three years (Ley del Seguro Social, art. 15)."],
                        "How often is the registration renewed?", resolve)
    assert len(quotes) == 1
    piece = quotes[0].piece
    assert piece.startswith("El registro a que hace mención") and "dentro de los veinte días" in piece
    assert piece.index("cada tres años") < piece.index("veinte días")  # in the law's order
    # a sentence whose figures the quote already states adds nothing
    alone = law_quotes(["The registration must be renewed every three years (Ley del Seguro Social, art. 15)."],
                       "How often is the registration renewed?", resolve)
    assert "veinte" not in alone[0].piece


def test_the_piece_stating_the_answers_figure_is_quoted_even_after_two_cited_pieces():
    art_48 = article("lft-48", "ley-federal-del-trabajo", "Ley Federal del Trabajo", "Artículo 48",
                     "Artículo 48.- El trabajador podrá solicitar que se le indemnice con el importe de tres meses de "
                     "salario.\nSi en el juicio no comprueba el patrón la causa de la rescisión, se le pagarán los "
                     "salarios vencidos hasta por un período máximo de doce meses.\nSi al término del plazo no ha "
                     "concluido el procedimiento, se pagarán los intereses sobre el importe de quince meses de salario, a "
                     "razón del dos por ciento mensual.", "Ley Federal del Trabajo, art. 48, p. 16", "2025-02-21")
    resolve, _ = resolver(art_48)
    quotes = law_quotes(["Back pay runs for up to 12 months; after that, interest of 2% a month accrues on 15 months "
                         "of salary (LFT art. 48).", "A dismissed employee is owed three months of salary (LFT art. 48)."],
                        "How many months of back wages can accumulate?", resolve)
    piece = quotes[0].piece
    assert "doce meses" in piece and "tres meses" in piece  # the two pieces the sentences cite …
    assert "quince meses de salario, a razón del dos por ciento mensual" in piece  # … and the one stating 15 months


def test_a_law_the_question_names_without_an_article_is_quoted_where_it_states_the_answers_figure():
    from assistant.answer.law_quote import topic_quote

    art_127 = article("lft-127", "ley-federal-del-trabajo", "Ley Federal del Trabajo", "Artículo 127",
                      "Artículo 127.- El derecho de los trabajadores a participar en el reparto de utilidades se "
                      "ajustará a las normas siguientes:\nVI. Los trabajadores del establecimiento de una empresa "
                      "forman parte de ella para efectos de la participación de los trabajadores en las utilidades;\n"
                      "VII. Los trabajadores eventuales tendrán derecho a participar en las utilidades de la empresa "
                      "cuando hayan trabajado sesenta días durante el año, por lo menos;",
                      "Ley Federal del Trabajo, art. 127, p. 32", "2025-02-21")
    art_87 = article("lft-87", "ley-federal-del-trabajo", "Ley Federal del Trabajo", "Artículo 87",
                     "Artículo 87.- Los trabajadores tendrán derecho a un aguinaldo anual que deberá pagarse antes del "
                     "día veinte de diciembre, equivalente a quince días de salario, por lo menos.",
                     "Ley Federal del Trabajo, art. 87, p. 25", "2025-02-21")
    question = "¿los trabajadores eventuales tienen derecho a PTU? ¿cuántos días según la ley federal del trabajo?"
    quote = topic_quote(["Temporary workers are entitled to PTU if they worked at least 60 days in the year."],
                        question, [art_87, art_127])
    assert quote is not None and quote.piece.startswith("VII. Los trabajadores eventuales") and quote.chunk is art_127
    # no piece states the answer's figure: nothing is quoted rather than an article beside the point
    assert topic_quote(["Temporary workers are entitled to PTU if they worked at least 45 days."], question,
                       [art_87, art_127]) is None
    assert topic_quote(["Temporary workers share in the profits."], question, [art_127]) is None  # no figure at all


def test_a_sentence_that_is_the_laws_own_text_is_not_quoted_again():
    resolve, calls = resolver(law_chunk(ARTICLE_15))
    quotes = law_quotes(["[1] Artículo 15. Las personas empleadoras están obligadas a registrarse.",
                         "Enrol workers within five business days (Ley del Seguro Social, art. 15-I)."],
                        "Según la Ley del Seguro Social, how many days do we have to enrol a new hire?", resolve)
    assert [c.label for c in calls] == ["Ley del Seguro Social, art. 15, fr. I"]  # the reading's citation, not the text
    assert quotes[0].piece.startswith("I. Registrarse")


def test_a_piece_the_answer_already_gives_in_the_laws_words_is_not_quoted_again():
    from assistant.answer.law_quote import topic_quote

    piece = ("I. Registrarse e inscribir a sus trabajadores en el Instituto, comunicar sus altas y bajas, las "
             "modificaciones de su salario y los demás datos, dentro de plazos no mayores de cinco días hábiles;")
    resolve, _ = resolver(law_chunk(ARTICLE_15))
    said = ["New hires are reported within five business days (LSS art. 15-I).", piece]
    assert law_quotes(said, "How many days do we have to enrol a new hire?", resolve) == []
    question = "¿En cuántos días hay que inscribir a un trabajador en el IMSS?"
    assert topic_quote(["Hay cinco días hábiles para inscribir a los trabajadores en el IMSS.", piece], question,
                       [law_chunk(ARTICLE_15)]) is None
    assert topic_quote(["Hay cinco días hábiles para inscribir a los trabajadores en el IMSS."], question,
                       [law_chunk(ARTICLE_15)]).piece.startswith("I. Registrarse")



def test_an_answer_led_by_the_laws_own_words_gets_no_quote_of_its_neighbour(corpus_components):
    """The lead is article 60's own text; its section ("Artículo 60") is no guide's heading citing an article, and
    article 61, which the answer already gives word for word, is not quoted again."""
    result = corpus_components.assistant.ask("¿Cuántas horas dura como máximo la jornada nocturna?")
    assert "siete la nocturna" in result.answer
    assert "La ley:" not in result.answer
