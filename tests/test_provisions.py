"""Quoting a provision: the law's words under its citation, the Cámara's reform notes left out, the pieces that
answer the rest of the question added; a tariff line's rates in the visitor's language; a look-up that finds
nothing said plainly."""

from __future__ import annotations

import pytest

from assistant.answer.provisions import Provision, pieces, provision_answer, quote
from assistant.answer.tariffs import tariff_answer, tariff_code
from assistant.lookup import parse_lookups
from assistant.models import Chunk

ART_108 = ("ARTICULO 108. Las maquiladoras podrán efectuar la importación temporal de mercancías para retornar al "
           "extranjero.\nPárrafo reformado DOF 09-12-2013, 25-06-2018\n"
           "Las mercancías podrán permanecer en el territorio nacional por los siguientes plazos:\n"
           "I. Hasta por dieciocho meses, en el caso de combustibles, materias primas y partes.\n"
           "II. Hasta por dos años, en el caso de contenedores y cajas de trailers.\n"
           "III. Por la vigencia del programa, en el caso de maquinaria y equipo.")


def chunk(text: str, **extra) -> Chunk:
    fields = dict(id="ley-aduanera:0100:abc", doc_id="ley-aduanera", text=text, ordinal=100, title="Ley Aduanera",
                  doc_type="regulation", jurisdiction="MX", language="es", path="official/mx/ley-aduanera.pdf",
                  authority="official", page=75, refs=["ley-aduanera:art:108"],
                  cite="Ley Aduanera, art. 108, p. 75 (última reforma DOF 19-11-2025)")
    fields.update(extra)
    return Chunk(**fields)


def test_reform_notes_are_not_quoted_and_fracciones_are_pieces_of_their_own():
    got = pieces(ART_108)
    assert not any("reformado" in p for p in got)
    assert "I. Hasta por dieciocho meses, en el caso de combustibles, materias primas y partes." in got
    assert got[0].startswith("ARTICULO 108.")


def test_an_item_after_a_lists_and_or_or_is_a_piece_of_its_own():
    text = ("(B) one or more of the nonoriginating materials do not satisfy the requirements because—\n"
            "(1) both the good and its materials are classified under the same subheading; or\n"
            "(2) the good was classified as an assembled good pursuant to general rule of interpretation 2(a), and\n"
            "(C) the regional value content of the good is not less than 60 percent if the transaction value method "
            "is used, or not less than 50 percent if the net cost method is used.")
    got = pieces(text)
    assert got[-1].startswith("(C) the regional value content") and "60 percent" not in got[-2]
    assert got[-2].startswith("(2) the good was classified")
    assert pieces("Aplica a las fracciones I, y II del artículo.") == ["Aplica a las fracciones I, y II del artículo."]


def test_the_quote_is_the_opening_then_the_pieces_that_share_the_questions_words(monkeypatch):
    import assistant.answer.provisions as provisions

    monkeypatch.setattr(provisions, "MAX_QUOTE_WORDS", 12)
    text = quote([chunk(ART_108)], "¿Cuánto tiempo pueden permanecer los contenedores y cajas de trailers?")
    assert text.startswith("Las maquiladoras")  # the citation before the quote names the article: no label twice
    assert "II. Hasta por dos años" in text and "[…]" in text
    assert "Por la vigencia del programa" not in text  # a fracción that shares nothing with the question stays out
    assert "I. Hasta por dieciocho meses" in text  # a piece announcing a list ("… plazos:") brings its first item


def test_a_question_about_time_limits_in_english_brings_the_spanish_pieces_that_state_a_period(monkeypatch):
    import assistant.answer.provisions as provisions

    monkeypatch.setattr(provisions, "MAX_QUOTE_WORDS", 12)
    text = quote([chunk(ART_108)], "LA art. 108 — what are the time limits for temporary imports by maquiladoras?")
    # no Spanish word of these pieces is in the question: they come in because they state periods ("dos años")
    assert "I. Hasta por dieciocho meses" in text and "II. Hasta por dos años" in text
    text = quote([chunk(ART_108)], "LA art. 108 — who may import temporarily?")
    assert "Hasta por dos años" not in text  # a question that asks no period gets no period


GN_11_K_J = ("(J) Notwithstanding any other provision of this note, the regional value content requirement for a "
             "heavy truck is:\n(1) 60 percent under the net cost method, beginning on July 1, 2020;\n(2) 64 percent "
             "under the net cost method, beginning on July 1, 2024; and\n(3) 70 percent under the net cost method, "
             "beginning on July 1, 2027, and thereafter.")


def test_a_year_the_question_names_brings_the_piece_in_force_then_and_a_repeated_piece_is_quoted_once(monkeypatch):
    import assistant.answer.provisions as provisions

    monkeypatch.setattr(provisions, "MAX_QUOTE_WORDS", 5)
    opening = chunk("(I) Heavy trucks: the regional value content of a heavy truck is set below.\n" + GN_11_K_J.split("\n")[0],
                    language="en", id="gn11:1")
    continued = chunk(GN_11_K_J, language="en", id="gn11:2")  # the list's announcement repeated at its top
    text = quote([opening, continued], "What regional value content does a heavy truck need from July 2027?")
    assert "(3) 70 percent under the net cost method, beginning on July 1, 2027" in text
    assert text.count("(J) Notwithstanding") == 1


def test_the_answer_leads_with_the_citation_and_says_the_quote_is_spanish():
    answer, cited, abstained = provision_answer([Provision("Ley Aduanera, art. 108", (chunk(ART_108),))],
                                                "What does it say?", "en")
    assert answer.startswith("Ley Aduanera, art. 108, p. 75 (última reforma DOF 19-11-2025) (official text, in Spanish) [1]: «")
    assert cited[0].refs == ["ley-aduanera:art:108"] and not abstained


def test_a_later_parts_label_and_a_derogation_note_are_not_quoted():
    later = chunk("Artículo 59 (continuación)\nV. Formar un expediente electrónico de cada pedimento.")
    assert pieces(later.text) == ["V. Formar un expediente electrónico de cada pedimento."]
    noted = ("I. Llevar los sistemas de control de inventarios.\n"
             "Reforma DOF 01-01-2002: Derogó de esta fracción el entonces párrafo tercero\n"
             "II. Entregar a la agencia aduanal una manifestación de valor.")
    assert pieces(noted) == ["I. Llevar los sistemas de control de inventarios.",
                             "II. Entregar a la agencia aduanal una manifestación de valor."]


@pytest.mark.parametrize("opening, body", [
    ("ARTICULO 64. ", "La base gravable del impuesto general de importación es el valor en aduana."),
    ("Artículo 400 Bis.- ", "Cada dos años, en la revisión del contrato colectivo…"),
    ("Artículo 1o.- ", "Están obligadas al pago del impuesto al valor agregado…"),
    ("Artículo 108 (continuación) ", "III. Por la vigencia del programa de maquila o de exportación…"),
    ("19 U.S.C. § 4531(a) (continued) ", "The term “net cost” means total cost minus sales promotion…"),
    ("General Note 11(k) (continued) ", "(1) 62 percent under the net cost method…"),
])
def test_the_quote_does_not_repeat_the_provisions_label(opening, body):
    assert quote([chunk(opening + body)], "q") == body


def test_the_quote_of_a_named_fraccion_or_rule_does_not_repeat_its_label():
    fr_iii = chunk("III. Por la vigencia del programa, en el caso de maquinaria y equipo.",
                   cite="Ley Aduanera, art. 108, fr. III, pp. 75–76 (última reforma DOF 19-11-2025)")
    answer, _, _ = provision_answer([Provision("Ley Aduanera, art. 108, fr. III", (fr_iii,))], "¿Qué plazo?", "es")
    assert "[1]: «Por la vigencia del programa" in answer
    rule = chunk("4. Goods which cannot be classified shall be classified under the heading most akin.",
                 cite="HTSUS General Rules of Interpretation, rule 4", language="en")
    answer, _, _ = provision_answer([Provision("GRI 4", (rule,))], "What does GRI 4 say?", "en")
    assert "[1]: «Goods which cannot" in answer
    both = chunk(ART_108.split("\n", 3)[3], cite="Ley Aduanera, art. 108, fr. I–II, p. 75 (última reforma DOF 19-11-2025)")
    answer, _, _ = provision_answer([Provision("Ley Aduanera, art. 108", (both,))], "¿Qué plazos?", "es")
    assert "«I. Hasta por dieciocho meses" in answer  # a range of fracciones keeps each one's label


def test_a_provision_not_on_file_is_said_plainly_in_the_visitors_language():
    answer, cited, abstained = provision_answer([Provision("Ley Aduanera, art. 999", ())], "q", "es")
    assert abstained and not cited and answer == "Ley Aduanera, art. 999: no figura en los textos oficiales que tengo."
    answer, _, _ = provision_answer([Provision("Ley Aduanera, art. 999", ())], "q", "en")
    assert answer == "Ley Aduanera, art. 999 is not in the official texts on file."


def test_only_a_question_about_a_lines_rates_runs_the_tariff_tool():
    assert tariff_code(parse_lookups("What is the general duty on HTS 8544.42.90?"), "What is the general duty on "
                       "HTS 8544.42.90?") == "8544.42.90"
    origin = "What rule of origin applies to heading 8537?"
    assert tariff_code(parse_lookups(origin), origin) is None
    plain = "What does HTS 8544.42 cover?"
    assert tariff_code(parse_lookups(plain), plain) is None


def test_a_product_named_in_words_is_read_only_when_its_general_duty_is_asked():
    from assistant.answer.tariffs import product_words

    assert product_words("What's the normal US (column 1 general) duty rate on lithium-ion batteries?") == (
        "lithium-ion batteries")
    assert product_words("What general column 1 duty do automatic circuit breakers pay when they enter the US?") == (
        "automatic circuit breakers")
    assert product_words("What is the MFN duty on insulated copper cable from China?") == "insulated copper cable"
    assert product_words("What is the general US duty rate on car bumpers?") == "car bumpers"
    assert product_words("What is the general (normal trade relations) US duty rate on lithium-ion batteries?") == (
        "lithium-ion batteries")
    assert product_words("What tariff do Chinese EVs pay?") is None  # every layer: the guides answer
    assert product_words("What rule of origin applies to the general duty on batteries?") is None


def test_the_line_is_the_one_whose_own_words_are_the_product():
    from assistant.answer.tariffs import product_code
    from assistant.registry import run_tool

    assert product_code("lithium-ion batteries", run_tool) == "8507.60.00"
    assert product_code("automatic circuit breakers", run_tool) == "8536.20.00"
    assert product_code("circuit breakers", run_tool) is None  # several lines, by voltage, and parts of them
    # a vehicle's part is described without the vehicle, which its heading names
    assert product_code("car bumpers", run_tool) == "8708.10.30"
    assert product_code("pizza ovens", run_tool) is None


LINE = {"htsno": "8507.60.00", "description": "Electric storage batteries: Lithium-ion batteries", "general": "3.4%",
        "special": "Free (A,AU,S,SG)", "usmca": True, "other": "40%", "rate_from": None,
        "chapter_99": [{"heading": "9903.88.15", "description": "Articles the product of China, as provided for in note 20",
                        "rate": "The duty provided in the applicable subheading + 7.5%"}]}
RESULT = {"found": True, "lines": [LINE], "code": "8507.60", "edition": {"name": "HTSUS 2025 data", "as_of": "2025-01-01"}}


def test_a_tariff_line_answer_leads_with_its_rates_in_english_and_in_spanish():
    en, abstained = tariff_answer(RESULT, "en")
    # the line named by its whole path: "Lithium-ion batteries" under "Electric storage batteries"
    assert en.startswith("HTS 8507.60.00 (Electric storage batteries: Lithium-ion batteries): general duty 3.4%; free "
                         "under USMCA (S) for originating goods; column 2 rate 40%; 9903.88.15 adds 7.5% for goods of "
                         "China.") and not abstained
    es, _ = tariff_answer(RESULT, "es")
    assert es.startswith("HTS 8507.60.00 (Electric storage batteries: Lithium-ion batteries): arancel general 3.4%; "
                         "libre con el T-MEC (S)")
    assert "as exported" not in es and "2025-01-01" in es
    missing, abstained = tariff_answer({"found": False, "message": "HTS 8471.30 is in chapter 84, which is not in the "
                                        "knowledge base (chapters on file: 85, 87, 98, 99)."}, "en")
    assert abstained and missing.startswith("HTS 8471.30 is in chapter 84")


def test_the_words_naming_the_law_do_not_pick_the_piece_an_article_is_quoted_from():
    """"What does article 182 of the income tax law say?" was quoted from a later piece that happened to share
    "impuesto" and "renta" with the law's own name: the article's opening leads unless the question asks about
    something in a later piece."""
    opening = chunk("Artículo 182. Para los efectos del artículo 181, las empresas de maquila cumplen con la utilidad "
                    "fiscal mínima.", id="lisr:1", doc_id="ley-del-impuesto-sobre-la-renta", refs=[])
    later = chunk("Cuando los promedios mensuales se encuentren denominados en dólares, el impuesto sobre la renta de "
                  "la ley se convertirá.", id="lisr:2", doc_id="ley-del-impuesto-sobre-la-renta", refs=[])
    answer, _, _ = provision_answer([Provision("Ley del Impuesto sobre la Renta, art. 182", (opening, later))],
                                    "What does article 182 of the income tax law (impuesto sobre la renta; ley) say?",
                                    "en")
    assert "«Artículo 182. Para los efectos" in answer or "«Para los efectos del artículo 181" in answer
    answer, _, _ = provision_answer([Provision("Ley del Impuesto sobre la Renta, art. 182", (opening, later))],
                                    "What does article 182 say about promedios mensuales en dólares?", "en")
    assert "«Cuando los promedios mensuales" in answer


ART_28_A = ("Artículo 28-A. Las personas que introduzcan bienes a los regímenes aduaneros de importación temporal "
            "podrán aplicar un crédito fiscal consistente en una cantidad equivalente al 100% del impuesto. "
            "Para obtener dicha certificación, las empresas deberán acreditar que cumplen con los requisitos. "
            "La certificación a que se refiere el párrafo anterior tendrá una vigencia de un año y podrá ser renovada "
            "por las empresas dentro de los treinta días anteriores a que venza el plazo de vigencia.")


def test_the_piece_that_answers_is_quoted_first_and_the_article_follows_in_context():
    provision = Provision("LIVA art. 28-A", (chunk(ART_28_A),), parse_lookups("LIVA art. 28-A")[0])
    question = "LIVA art. 28-A: ¿cuánto dura la certificación y cuándo hay que renovarla?"
    answer, _, _ = provision_answer([provision], question, "es", question=question)
    first, context = answer.split("\n\n")
    assert "«La certificación a que se refiere el párrafo anterior tendrá una vigencia de un año" in first
    assert context.startswith("En contexto: «Las personas que introduzcan bienes")  # the article from its opening


def test_no_piece_is_quoted_first_when_the_opening_answers_or_announces_the_list_holding_the_answer():
    provision = Provision("LIVA art. 28-A", (chunk(ART_28_A),), parse_lookups("LIVA art. 28-A")[0])
    question = "LIVA art. 28-A: ¿quiénes pueden aplicar el crédito fiscal en la importación temporal?"
    answer, _, _ = provision_answer([provision], question, "es", question=question)
    assert "En contexto" not in answer and "«Las personas que introduzcan bienes" in answer
    art_162 = ("Artículo 162.- Los trabajadores de planta tienen derecho a una prima de antigüedad, de conformidad con "
               "las normas siguientes:\nI. La prima de antigüedad consistirá en el importe de doce días de salario, por "
               "cada año de servicios;\nII. Para determinar el monto del salario, se estará a lo dispuesto en los "
               "artículos 485 y 486;\nIII. La prima de antigüedad se pagará a los trabajadores que se separen "
               "voluntariamente de su empleo, siempre que hayan cumplido quince años de servicios, por lo menos.")
    provision = Provision("LFT art. 162", (chunk(art_162),), parse_lookups("LFT art. 162")[0])
    question = "LFT article 162: how many days of pay per year of service is the seniority premium?"
    answer, _, _ = provision_answer([provision], question, "en", question=question)
    assert "In context" not in answer and "normas siguientes: I. La prima de antigüedad consistirá" in answer


def test_a_fraccion_answering_the_question_is_quoted_before_the_article():
    provision = Provision("LA art. 108", (chunk(ART_108),), parse_lookups("LA art. 108")[0])
    question = "LA art. 108 — ¿cuánto tiempo pueden permanecer los contenedores?"
    answer, _, _ = provision_answer([provision], question, "es", question=question)
    # (its numeral before the quote: "«II." would read as a sentence of its own)
    assert answer.split("\n\n")[0].endswith("[1], fr. II: «Hasta por dos años, en el caso de contenedores y cajas de "
                                             "trailers. …»")


def test_each_piece_is_encoded_once_for_the_quote_and_its_lead(monkeypatch):
    import assistant.answer.provisions as provisions

    monkeypatch.setattr(provisions, "MAX_QUOTE_WORDS", 12)  # later pieces are weighed for the quote too
    seen: list[str] = []

    def encode(texts):
        seen.extend(texts)
        return [[1.0, 0.0] for _ in texts]

    provision = Provision("LIVA art. 28-A", (chunk(ART_28_A),), parse_lookups("LIVA art. 28-A")[0])
    question = "LIVA art. 28-A: ¿cuánto dura la certificación y cuándo hay que renovarla?"
    provision_answer([provision], question, "es", encode, [1.0, 0.0], question=question)
    assert seen and len(seen) == len(set(seen))


def test_the_sub_part_a_question_names_is_quoted_first_with_its_numeral_before_the_quote():
    rule_2 = chunk("2. (a) Any reference in a heading to an article shall be taken to include that article incomplete "
                   "or unfinished.\n(b) Any reference in a heading to a material or substance shall be taken to include "
                   "mixtures of that material with other materials.",
                   cite="HTSUS General Rules of Interpretation, rule 2", language="en",
                   refs=["htsus-general-rules-of-interpretation:rule:2"])
    lookup = parse_lookups("Regla general 2(b): ¿nuestra pieza de plástico con inserto metálico cabe en la partida?")[0]
    answer, _, _ = provision_answer([Provision(lookup.label, (rule_2,), lookup)], "pieza de plástico", "es",
                                    question="Regla general 2(b): ¿nuestra pieza de plástico cabe en la partida?")
    assert answer.startswith("HTSUS General Rules of Interpretation, rule 2 (texto oficial en inglés) [1]: «(b) Any "
                             "reference in a heading to a material")
    both = chunk(ART_108.split("\n", 3)[3], cite="Ley Aduanera, art. 108, fr. I–II, p. 75 (última reforma DOF 19-11-2025)")
    lookup = parse_lookups("¿Qué dice la fracción II del artículo 108 de la Ley Aduanera?")[0]
    answer, _, _ = provision_answer([Provision(lookup.label, (both,), lookup)], "contenedores", "es",
                                    question="¿Qué dice la fracción II del artículo 108 de la Ley Aduanera?")
    assert answer.startswith("Ley Aduanera, art. 108, fr. I–II, p. 75 (última reforma DOF 19-11-2025) [1], fr. II: "
                             "«Hasta por dos años")


def test_a_spanish_question_naming_an_english_law_quotes_its_closest_provision_as_if_named():
    from assistant.answer.official import closest_in_other_language
    from assistant.models import Passage

    guide = chunk("El comité laboral revisa a México.", id="es-guia:1", doc_id="es-guia", authority="curated",
                  cite=None, refs=[])
    usc = chunk("For the 10-year period the Interagency Labor Committee shall assess on a biannual basis …",
                id="usc:4644a", doc_id="19-usc-chapter-29", language="en", refs=["19-usc-chapter-29:sec:4644:a"],
                cite="19 U.S.C. § 4644(a) (text as of 20-04-2023)")
    passages = [Passage(chunk=c, score=1.0) for c in (guide, usc)]
    found = closest_in_other_language(passages, "19-usc-chapter-29", "es")
    assert [f.keys[0] for f in found] == ["19-usc-chapter-29:sec:4644:a"]
    # the law in the question's own language, or an English question naming a Mexican law: the guides answer
    assert closest_in_other_language(passages, "19-usc-chapter-29", "en") == []
    ley = chunk(ART_108)
    assert closest_in_other_language([Passage(chunk=ley, score=1.0)], "ley-aduanera", "en") == []



def test_the_piece_holding_the_questions_rare_words_leads_not_the_ones_naming_the_provisions_subject(embedder):
    """Most pieces of art. 167-D say "agencia aduanal": those words name the article's subject, and the model finds
    those pieces close to any question about it. The fracción holding the words only it shares with the question
    ("activo fijo" for "fixed-asset value") answers, and is quoted first. (The text: the three chunks our ingest makes
    of the article in the Cámara de Diputados' Ley Aduanera, última reforma DOF 19-11-2025.)"""
    from pathlib import Path

    from assistant.answer.expansion import lexical_query

    held = (Path(__file__).parent / "fixtures" / "provisions" / "ley-aduanera-art-167-D.txt").read_text("utf-8")
    chunks = tuple(chunk(text.strip(), id=f"ley-aduanera:{n}", refs=["ley-aduanera:art:167-d"],
                         cite="Ley Aduanera, art. 167-D, p. 129 (última reforma DOF 19-11-2025)")
                   for n, text in enumerate(held.split("\n=====\n")))
    provision = Provision("LA art. 167-D", chunks, parse_lookups("LA art. 167-D")[0])
    question = ("Ley Aduanera art. 167-D: what minimum fixed-asset value does a company need to be authorized as an "
                "agencia aduanal?")
    answer, _, _ = provision_answer([provision], lexical_query(question), "en", embedder.embed_documents,
                                    embedder.embed_query(question), question)
    first = answer.split("\n\n")[0]
    assert "activo fijo" in first and "672,680.00" in first, first


def test_a_word_most_pieces_share_weighs_less_when_finding_the_piece_that_answers():
    from assistant.answer.provisions import piece_scores

    held = ["La agencia aduanal es la persona moral autorizada.",
            "La agencia aduanal se integra con la patente del agente aduanal.",
            "La agencia aduanal pierde la autorización si la patente se suspende.",
            "Debe acreditar el valor de su activo fijo."]
    query = "agencia aduanal patente activo fijo"
    plain = piece_scores(held, range(4), query)
    rare = piece_scores(held, range(4), query, rare_words=True)
    assert plain[1] > plain[3]  # three shared words against two
    assert rare[3] > rare[1]  # but "agencia aduanal" is in every piece, "activo fijo" in one


ART_47 = ("Artículo 47.- Son causas de rescisión de la relación de trabajo, sin responsabilidad para el patrón:\n"
          "I. Engañarlo el trabajador con certificados falsos o referencias en los que se atribuyan al trabajador "
          "capacidad, aptitudes o facultades de que carezca. Esta causa de rescisión dejará de tener efecto después de "
          "treinta días de prestar sus servicios el trabajador;\n"
          "II. Incurrir el trabajador, durante sus labores, en faltas de probidad u honradez;")


def test_a_named_fraccion_is_quoted_up_to_the_sentence_stating_the_period_asked():
    """ "Art. 47 fr. I LFT: ¿hasta cuándo podemos rescindir?": fr. I's first sentence names the cause, its second the
    thirty days — both are quoted first, and not fr. II; a question asking no period gets the first sentence alone."""
    lft = chunk(ART_47, id="ley-federal-del-trabajo:0047:abc", doc_id="ley-federal-del-trabajo",
                title="Ley Federal del Trabajo", refs=["ley-federal-del-trabajo:art:47"],
                cite="Ley Federal del Trabajo, art. 47, fr. I–II, p. 14 (última reforma DOF 21-02-2025)")
    asked = "Art. 47 fr. I LFT: un técnico entregó certificados falsos. ¿Hasta cuándo podemos rescindir sin responsabilidad?"
    lookup = parse_lookups(asked)[0]
    answer, _, _ = provision_answer([Provision(lookup.label, (lft,), lookup)], "certificados falsos", "es", question=asked)
    first = answer.split("\n\n")[0]
    assert "treinta días" in first and "probidad" not in first
    what = "¿Qué dice la fracción I del artículo 47 de la LFT?"
    lookup = parse_lookups(what)[0]
    answer, _, _ = provision_answer([Provision(lookup.label, (lft,), lookup)], "fracción I", "es", question=what)
    assert "treinta días" not in answer.split("\n\n")[0]


def test_an_inciso_is_read_with_its_fraccions_announcement_and_quoted_under_it(embedder):
    from assistant.answer.list_items import announcements
    from assistant.answer.provisions import lead_piece

    text = ("ARTICULO 108. Las maquiladoras podrán efectuar la importación temporal de mercancías.\n"
            "Las mercancías importadas temporalmente podrán permanecer en el territorio nacional por los siguientes "
            "plazos:\n"
            "I. Hasta por dieciocho meses, en los siguientes casos:\n"
            "a) Lubricantes y otros materiales que se vayan a consumir durante el proceso productivo.\n"
            "b) Materias primas, partes y componentes que se vayan a destinar a integrar mercancías de exportación.\n"
            "II. Hasta por dos años, tratándose de contenedores y cajas de trailers.\n"
            "Cuando se notifique la cancelación de un programa, la empresa deberá cambiar al régimen de importación "
            "definitiva o retornar en los términos de Ley, las mercancías importadas temporalmente al amparo de su "
            "programa, en un plazo que no exceda de sesenta días naturales contados a partir de la fecha en que le sea "
            "notificada dicha cancelación.")
    got = pieces(text)
    heads = announcements(got)
    assert {got[i][:2]: got[h][:2] for i, h in heads.items()} == {"a)": "I.", "b)": "I."}
    question = ("¿Qué plazos fija el artículo 108 de la Ley Aduanera para que las materias primas y componentes "
                "importados temporalmente por una empresa IMMEX permanezcan en México?")
    lead = lead_piece([chunk(text)], question, question, embedder.encode, embedder.encode([question])[0])
    assert lead is not None and lead.startswith("I. Hasta por dieciocho meses") and "b) Materias primas" in lead
