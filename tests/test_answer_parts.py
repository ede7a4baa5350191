"""The pure parts of answering: reading a question, picking showable sentences, dated table facts, follow-ups."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.answer.condense import replace_slots, standalone_query
from assistant.answer.facts import table_fact
from assistant.answer.question import analyze
from assistant.sentences import linearize_table, passage_sentences, showable
from assistant.calculators.rates import load_rates
from assistant.models import Turn


@pytest.mark.parametrize("question, kind", [
    ("What is the daily minimum wage in Monterrey in 2026?", "amount"),
    ("How long can raw materials stay in Mexico under IMMEX?", "duration"),
    ("Can one certification cover a year of shipments? What's the longest period it can cover?", "duration"),
    ("¿Cuál es el plazo máximo de la prueba?", "duration"),
    # a span of time asked for two options is a duration, not a trade-off
    ("¿Cuánto se tarda en arrancar en un shelter comparado con abrir nuestra propia empresa con IMMEX?", "duration"),
    ("How long does it take in a shelter compared with our own IMMEX?", "duration"),
    ("Can we hire under an initial-training contract? How long can that run for a line technician compared with a "
     "department manager?", "duration"),
    ("¿Cuánto puede durar la capacitación inicial de un técnico frente a la de un gerente?", "duration"),
    ("¿Qué es el programa IMMEX?", "definition"),
    ("What is IMMEX?", "definition"),
    ("Why would moving production to Mexico make sense for us?", "why"),
    ("Should a US appliance maker use a shelter or its own IMMEX?", "comparison"),
    ("When does the Section 122 surcharge end?", "date"),
    # asked after a sentence of context, "starting when" is a date too
    ("Somos proveedores de acero. ¿A partir de cuándo el acero solo cuenta como originario si se funde en la región?",
     "date"),
    ("If we miss the annual report, when would the program be cancelled?", "date"),
    ("Si no presentamos el reporte, ¿cuándo se cancela el programa?", "date"),
    ("Since when do Chinese chips pay the 50% Section 301 rate?", "date"),
    ("¿Desde cuándo se cobra el arancel?", "date"),
    ("¿En qué año empezó la industria maquiladora?", "date"),
    ("What fine can customs impose if we skip the Annex 24 system?", "amount"),
    ("What does a shelter company charge per worker per month?", "amount"),
    ("¿Cuánto cobra un shelter por trabajador?", "amount"),
    ("Is it fine to ship in bond?", "yes_no"),
    ("When we hire, do we register the workers with IMSS?", "yes_no"),
    ("Si la mercancía llega por barco a Manzanillo y cruza por tierra, ¿se paga el Harbor Maintenance Fee?", "yes_no"),
    ("¿Cuál es el mínimo de una fianza continua?", "amount"),
    ("¿A partir de qué valor se exige una entrada formal?", "amount"),
    ("What's the de minimis threshold for non-originating materials?", "amount"),
    # time off or ahead is a span, not a sum; a share of pay is not
    ("How much maternity leave does a line worker get, and how is it split around the birth?", "duration"),
    ("How much notice must we give before a layoff?", "duration"),
    ("En una jornada continua, ¿cuánto descanso mínimo hay que darle al personal?", "duration"),
    ("¿Qué distancia hay por carretera de Monterrey a Laredo?", "amount"),
    ("¿Cuánto aviso previo hay que dar antes de un recorte?", "duration"),
    ("how much vacation premium do we pay?", "amount"),
    ("What's the longest an initial-training contract can run for a regular operator?", "duration"),
    ("What are the benefits of a shelter?", "why"),
    ("¿Qué beneficios dan las zonas francas?", "why"),
    ("What integration factor applies to a worker who only gets the legal minimum benefits?", "amount"),
    ("Is a shelter allowed to employ our workers?", "yes_no"),
    # whether something may be done to it, in the passive, even when a tariff is named
    ("Can an unassembled kit of all the parts of a machine be classified under the heading for the finished machine "
     "in the US tariff?", "yes_no"),
    ("Can parts from Korea be counted as originating under USMCA?", "yes_no"),
    ("What duty rate can be applied?", "rate"),
    ("How many business days does the SE take to approve a PROSEC registration?", "duration"),
    ("How do we register with IMSS?", "how_to"),
    # context first, then the question: typed by the sentence that asks
    ("My customs broker keeps mentioning a pedimento. What is it?", "definition"),
    ("A part sells for $200 and uses $70 of Chinese parts. Does it meet a 75% RVC requirement?", "yes_no"),
    ("¿Qué arancel general paga en EE. UU. la subpartida 8544.30?", "rate"),  # "EE. UU." ends no sentence
    # "a / an" term: explained, though its words ("tariff") would ask for a rate; a fee or rate asked stays one
    ("What is a tariff shift?", "definition"),
    ("¿Qué es un pedimento?", "definition"),
    ("What is a shelter fee per worker?", "amount"),
    ("What is a good duty rate for laptops?", "rate"),
    # a named method, rule or program is explained, though a word of its name ("cost") would ask for an amount
    ("What is the net cost method?", "definition"),
    ("¿Qué es el método de costo neto?", "definition"),
    ("What is the fee under the shelter model?", "amount"),
    ("What is the rate for the de minimis rule?", "rate"),
    # what happens to a duty is a consequence, not a rate
    ("If we move our wire harness line from Suzhou to Juárez, what happens to the Section 301 duty?", "other"),
    # "¿cuánto tarda …?" asks how long, not how much
    ("¿Cuánto tarda arrancar una planta con shelter?", "duration"),
    ("¿Cuánto dura la certificación de IVA?", "duration"),
    # a payment owed, asked with "what", is an amount
    ("We're letting an operator go without a valid cause. What basic severance does the law require?", "amount"),
    ("¿Qué indemnización le toca a un trabajador despedido?", "amount"),
    # a yes/no question after a sentence of context is typed by the question, not the context's words ("fee")
    ("One entry has some USMCA lines and some that don't qualify. Does the whole entry pay the processing fee?",
     "yes_no"),
    # how far ahead something is due is a span of time; a fine asked with an adjective is an amount
    ("Our carrier is C-TPAT. How far in advance must the e-manifest reach CBP?", "duration"),
    ("¿Con cuánta anticipación hay que mandar el manifiesto electrónico?", "duration"),
    ("We skipped the inventory software. What's the usual fine if the SAT audits us?", "amount"),
    # "¿Es cierto que …?" asks whether something holds, though it names a figure word ("cuota")
    ("Pagamos el salario mínimo. ¿Es cierto que también tenemos que cubrir la cuota obrera del IMSS?", "yes_no"),
    # whether we may still do something, whatever tax it is about, is asked yes or no
    ("We forgot to claim USMCA on last month's entries. Can we still recover the duty?", "yes_no"),
    # a Spanish pronoun subject, then whether it may, counts or is ("¿eso puede …?"), not a figure asked after it
    ("Llevamos un año sin importar nada. ¿Eso puede ser causa de cancelación del IMMEX?", "yes_no"),
    ("Comen dentro de la planta. ¿Ese rato cuenta como tiempo trabajado?", "yes_no"),
    ("¿Este año cuánto es el salario mínimo?", "amount"),
    # the term, validity or period of something is a span of time
    ("What's the term of the VAT certification?", "duration"),
    ("What is the retention period for pedimentos?", "duration"),
    ("¿Cuál es la vigencia de la certificación de IVA?", "duration"),
    ("What does the term maquila mean?", "definition"),
    # drawbacks and risks ask for reasons, like advantages
    ("What are the disadvantages of a shelter?", "why"),
    ("What are the pros and cons of the Bajío?", "why"),
    ("¿Cuáles son las desventajas de un shelter?", "why"),
    # a cap or ceiling is an amount, not a term to define
    ("What's the cap on PTU per worker?", "amount"),
    ("Is there a ceiling on what one worker can get?", "amount"),
    # a yes/no question whose tax word is only in its condition asks yes or no, not for a rate
    ("Is our customs broker on the hook if our duties are underpaid?", "yes_no"),
    ("Is the MPF charged if the goods qualify under USMCA?", "yes_no"),
    ("Do we owe duty if we ship by truck?", "yes_no"),
    # whether a duty applies to some goods is asked yes or no; its rate is not what was asked
    ("Do USMCA goods pay the Section 232 steel tariff?", "yes_no"),
    ("How much Section 232 tariff do USMCA goods pay?", "rate"),
    ("are USMCA-originating steel parts from mexico exempt from the section 232 metals tariff?", "yes_no"),
    # what it takes to do something is asked like how to do it
    ("what do we need to set up so our trucks can use the FAST lane at Laredo?", "how_to"),
    ("¿Qué necesitamos para inscribirnos en el padrón de importadores?", "how_to"),
    ("¿Están exentos del arancel de la Sección 232 los autos del T-MEC?", "yes_no"),
    # whether a law is already in force asks since when
    ("Is the 40-hour week law already in force?", "date"),
    # the day of the month a payment is due
    ("hasta que dia del mes hay que pagar las cuotas obrero patronales al imss?", "date"),
    ("By what day do we pay IMSS each month?", "date"),
    ("¿Ya está vigente la reforma de 40 horas?", "date"),
    # "what … rate should we budget?" asks for a figure, not whether to do something
    ("for our engineers earning over 4 UMA, what employer cesantía rate should we budget for 2027?", "rate"),
    ("What state payroll tax % should I plug in for a Ciudad Juárez plant?", "rate"),
    ("What wage should we budget for operators in Tijuana?", "amount"),
    ("What flat IMSS sickness charge per worker per day should I load for 2026?", "amount"),
    # a comparison named only in the context of a question asking a figure; a ratio is a rate
    ("For the China vs Mexico TCO model, what yearly carrying cost percentage do people default to?", "rate"),
    ("Should we go shelter or our own IMMEX, which is cheaper?", "comparison"),
    ("Past what debt-to-equity ratio does Mexico disallow the interest?", "rate"),
    ("what should we do first?", "why"),
    # "minimum" before a list of rules asks for the rules, not a figure
    ("what are the main areas the CTPAT minimum security criteria cover?", "list"),
    ("¿Cuáles son los requisitos mínimos del certificado?", "list"),
    # the things there are, named in the plural, also after the visitor's situation
    ("El abogado nos pregunta en qué modalidad vamos a entrar. ¿Qué modalidades existen?", "list"),
    ("¿Qué modalidades de IMMEX existen?", "list"),
    ("What programs are there for new exporters?", "list"),
    ("¿Qué pasa si no hay pedidos?", "other"),
    ("What is the minimum export requirement for IMMEX?", "amount"),
    ("What is the minimum wage in 2026?", "amount"),
    # "max" and "min" as visitors type them
    ("We've got a big formal entry landing in August 2026. What's the max MPF CBP can charge on it?", "amount"),
    ("What is the min MPF per entry?", "amount"),
    # Spanish asks whether a tax applies by intonation alone, with no question word
    ("¿La maquinaria que importamos temporalmente con IMMEX paga arancel?", "yes_no"),
    ("¿Paga IVA la importación temporal?", "yes_no"),
    ("¿Los insumos que importamos pagan qué tasa de arancel?", "rate"),
    # an average or a rent asked is a figure
    ("what was average industrial rent per square meter in queretaro in feb 2022", "amount"),
    ("¿Cuál es la renta promedio de una nave en Saltillo?", "amount"),
    # a "%" after no figure asks one; a figure's "%" is not asked
    ("what's the typical annual operator turnover % in Ciudad Juarez plants?", "rate"),
])
def test_answer_types(question, kind):
    assert analyze(question).answer_type == kind


def test_constraints_years_zones_places_and_entities():
    q = analyze("What is the daily minimum wage in Tijuana in 2025?")
    assert q.years == (2025,) and q.zone == "border" and q.places == ("Tijuana",)
    assert analyze("salario mínimo en Monterrey").zone == "general"
    assert analyze("border minimum wage?").zone == "border"
    assert "8471.30" in analyze("What is the US duty rate for HTS 8471.30 laptops?").entities
    # a year dating the event a "when" question starts from is no constraint on the answer's year
    assert analyze("after the july 2026 review, when does USMCA actually run out?").years == ()
    assert analyze("When were the movable holidays in 2026?").years == (2026,)
    # … nor is the year of the instrument a question asks "until when" about: the answer's year is a later one
    assert analyze("Our parts are in Annex III of the April 2026 Section 232 proclamation. What combined rate do "
                   "they pay, and until when?").years == ()
    assert analyze("What rate applies under the 2026 decree?").years == (2026,)
    assert analyze("When does the 2026 minimum wage expire?").years == (2026,)
    # a person a place is named after is no place: the Benito Juárez holiday is not Ciudad Juárez
    assert analyze("el descanso obligatorio por Benito Juárez, ¿en qué fecha cae?").places == ()
    assert analyze("our plant in Juárez").places == ("Juárez",)


def test_folding_strips_accents_and_lower_cases_but_keeps_other_characters():
    from assistant.text import fold

    assert fold("Artículo 5o.-D ¿Qué AÑO?") == "articulo 5o.-d ¿que ano?"
    assert fold("US$7.20 per m² – «ley»") == "us$7.20 per m2 – «ley»"  # NFKD: ² is 2; dashes and quotes stay
    assert fold("Ley Federal del Trabajo") == "ley federal del trabajo"


def test_what_is_an_acronym_is_answered_by_the_sentence_that_spells_it_out():
    from assistant.answer.extractive import compose
    from assistant.answer.acronyms import expands

    assert expands("SCCCyG", "the Sistema de Control de Cuentas de Créditos y Garantías (SCCCyG)")
    assert expands("REPSE", "the Registro de Empresas Prestadoras de Servicios Especializados")
    assert not expands("SCCCyG", "The SCCCyG exists because VAT is due on temporary imports.")
    passages = [_passage("The SCCCyG exists because, since 2015, VAT is due on IMMEX temporary imports and a certified "
                         "company may offset it with a tax credit. Annex 31 governs the Sistema de Control de Cuentas "
                         "de Créditos y Garantías (SCCCyG), the SAT's online system of credit and guarantee accounts.")]
    answer, _, _ = compose("What is the SCCCyG that our VAT certification consultant keeps mentioning?", passages, 0.3,
                           today_year=2026)
    assert answer.startswith("Annex 31 governs the Sistema de Control")
    # asked for a value, the acronym's definition does not lead
    answer, _, _ = compose("What's the UMA in 2026?", [_passage(
        "The UMA (Unidad de Medida y Actualización) is a reference value in pesos. In 2026 the UMA is MXN 117.31 a "
        "day.")], 0.3, today_year=2026)
    assert answer.startswith("In 2026 the UMA is MXN 117.31")


def test_a_section_written_to_define_just_what_is_asked_leads_a_definition():
    from assistant.answer.fit import opening_fit

    annex = analyze("What is Annex 24?")
    assert opening_fit(annex, "Annex 24 > What Annex 24 is and why IMMEX companies need it", 0) > 0
    assert opening_fit(annex, "Annex 24 > What Annex 24 is and why IMMEX companies need it", 1) == 0  # its opening only
    assert opening_fit(annex, "Annex 24 > What the Annex 24 system must record", 0) == 0
    assert opening_fit(analyze("What is IMMEX?"), "IMMEX > What an IMMEX virtual transfer is", 0) == 0
    assert opening_fit(analyze("What does pedimento key A1 mean?"), "Pedimento > What a pedimento is", 0) == 0
    assert opening_fit(analyze("¿Qué es el programa IMMEX?"), "Guía IMMEX > Qué es el programa IMMEX", 0) > 0


def test_tables_are_read_row_by_row_with_their_headers():
    rows = linearize_table([
        "| year (from 1 January) | general zone (MXN/day) | northern border zone ZLFN (MXN/day) |",
        "|---|---|---|",
        "| 2026 | 315.04 | 440.87 |",
    ])
    assert rows == ["2026 — general zone (MXN/day): 315.04; northern border zone ZLFN (MXN/day): 440.87."]
    # a row labelled only by a number or a range reads with its column's header (a year is read as it is)
    rows = linearize_table(["| year of service | minimum vacation days |", "|---|---|", "| 5 | 20 |", "| 6-10 | 22 |"])
    assert rows == ["Year of service 5 — minimum vacation days: 20.", "Year of service 6-10 — minimum vacation days: 22."]


def test_a_length_of_service_picks_the_table_row_whose_range_holds_it():
    """ "An operator with us 7 years: what's the minimum vacation?" — the 6-10 row agrees, the 21-25 row does not."""
    from assistant.answer.fit import constraint_fit
    from assistant.answer.question import analyze
    from assistant.text import fold

    q = analyze("an operator who has been with us 7 years: what's the legal minimum vacation?")

    def fit(sentence: str) -> tuple[float, bool]:
        adjust, agrees, _ = constraint_fit(q, sentence, 2026, fold(sentence))
        return adjust, agrees

    inside, outside = fit("Year of service 6-10 — minimum vacation days: 22."), fit(
        "Year of service 21-25 — minimum vacation days: 28.")
    assert inside[1] and not outside[1] and inside[0] > 0 > outside[0]
    assert fit("Year of service 7 — minimum vacation days: 22.")[1]
    assert fit("Vacations must be granted within six months.") == (0.0, True)  # not a row: left alone


def test_meta_sentences_dangling_colons_and_headings_are_never_shown():
    text = ("The base lists and rates are explained in the document on Section 301 China tariffs.\n"
            "El artículo 3 del Decreto IMMEX prevé cinco modalidades de programa IMMEX:\n"
            "## A heading\nRaw materials may stay in Mexico for up to 18 months under Article 108.\n"
            "Facts current as of November 2026.")
    assert passage_sentences(text) == ["Raw materials may stay in Mexico for up to 18 months under Article 108."]
    assert not showable("For the details see shelter-services-explained before signing.")
    assert not showable("Ocean freight is cheaper per unit, but rates are volatile (see the ocean-freight-rates document).")
    assert showable("Door-to-door transit from Monterrey takes two to four days.")
    # a list's last item is the tail of its announcement's sentence, not a sentence: it is read with the announcement
    listed = ("LSS article 27 lists payments that do not integrate the SBC:\n\n- work tools and work clothing;\n"
              "- overtime within the limits of the Ley Federal del Trabajo.")
    assert passage_sentences(listed) == ["LSS article 27 lists payments that do not integrate the SBC: work tools and "
                                         "work clothing; overtime within the limits of the Ley Federal del Trabajo."]
    assert showable("control of production and quality — shelter: client; own subsidiary: client")  # a table row
    # a law's subsection heading on a line of its own
    assert passage_sentences("(3) Special rule for foreign-trade zones\nParagraph (1)(B) shall not apply.") == [
        "Paragraph (1)(B) shall not apply."]
    assert showable("(A) In general the producer shall certify the good.")


def test_a_sentence_does_not_end_at_an_initialism():
    text = ("In Learning Resources, Inc. v. Trump (decided together with Trump v. V.O.S. Selections), the Supreme "
            "Court held that IEEPA does not authorize tariffs. See 19 U.S.C. Chapter 29. Goods cleared U.S. Customs.")
    assert passage_sentences(text) == [
        "In Learning Resources, Inc. v. Trump (decided together with Trump v. V.O.S. Selections), the Supreme Court "
        "held that IEEPA does not authorize tariffs.",
        "See 19 U.S.C. Chapter 29.",
        "Goods cleared U.S. Customs.",
    ]


def test_a_sentence_ends_after_a_bracket_closing_on_a_single_letter_not_at_an_abbreviation_opening_one():
    # "section I)" is a fracción's numeral, not an initial: the sentence ends there; "(art." is an abbreviation
    text = ("The retiro branch costs the employer 2% of the SBC, with no worker share (Ley del Seguro Social article "
            "168, section I). Together with cesantía y vejez it funds the worker's account. J. Smith signed it. "
            "Much larger fines apply, up to 50% of the commercial value of the goods (art. 183-III). The stay ends at 18 months.")
    assert passage_sentences(text) == [
        "The retiro branch costs the employer 2% of the SBC, with no worker share (Ley del Seguro Social article 168, "
        "section I).",
        "Together with cesantía y vejez it funds the worker's account.",
        "J. Smith signed it.",
        "Much larger fines apply, up to 50% of the commercial value of the goods (art. 183-III).",
        "The stay ends at 18 months.",
    ]


def test_table_facts_come_from_the_row_in_force_on_the_asked_date():
    book = load_rates()
    fact = table_fact(analyze("What is the daily minimum wage in Monterrey in 2026?"), book, date(2026, 12, 1))
    assert "315.04" in fact.text and "440.87" not in fact.text and "in force 1 January 2026 to 31 December 2026" in fact.text
    past = table_fact(analyze("What was the border minimum wage in 2024?"), book, date(2026, 12, 1))
    assert "374.89" in past.text and "no figure on file" not in past.text
    both = table_fact(analyze("What is the minimum wage?"), book, date(2026, 12, 1))
    assert "315.04" in both.text and "440.87" in both.text


def test_a_month_named_with_the_year_picks_the_row_in_force_that_month():
    book = load_rates()  # the 2025 UMA ran from 1 February 2025 to 31 January 2026
    january = table_fact(analyze("¿Qué valor diario de la UMA seguía vigente en enero de 2026?"), book, date(2026, 12, 1),
                         lang="es")
    assert "113.14" in january.text and "117.31" not in january.text
    march = table_fact(analyze("What was the UMA in March 2026?"), book, date(2026, 12, 1))
    assert "117.31" in march.text and "113.14" not in march.text


def test_the_profit_share_is_no_answer_to_how_many_days_or_by_when():
    book = load_rates()
    assert table_fact(analyze("We bring in seasonal temps. Do they get profit sharing, and is there a minimum number of "
                              "days they must have worked?"), book, date(2026, 12, 1)) is None
    assert "10%" in table_fact(analyze("What percentage of profits goes to PTU?"), book, date(2026, 12, 1)).text


def test_no_table_fact_for_the_value_at_which_a_row_applies():
    book = load_rates()
    assert table_fact(analyze("What is the FY2026 minimum MPF?"), book, date(2026, 12, 1)) is not None
    assert table_fact(analyze("Below what entry value does a formal entry just pay the FY2026 minimum MPF?"), book,
                      date(2026, 12, 1)) is None


def test_a_table_fact_gives_its_dates_as_a_reader_writes_them_in_the_visitors_language():
    uma = table_fact(analyze("¿Desde qué fecha se usa la UMA de 2026?"), load_rates(), date(2026, 12, 1), lang="es")
    assert "vigente del 1 de febrero de 2026 al 31 de enero de 2027" in uma.text and "2026-02-01" not in uma.text


def test_what_a_question_sets_aside_is_not_the_table_fact_it_asks_for():
    book = load_rates()
    assert table_fact(analyze("Besides cesantía y vejez, is there a separate employer retirement contribution?"), book,
                      date(2026, 12, 1)) is None
    fact = table_fact(analyze("Además del aguinaldo, ¿cuánto es la prima vacacional?"), book, date(2026, 12, 1))
    assert fact is not None and "25%" in fact.text and "15 days" not in fact.text


def test_the_workers_own_cesantia_share_is_not_answered_by_the_employer_rate_table():
    book = load_rates()
    day = date(2026, 12, 1)
    for asked in ("What percentage of salary does the worker themselves pay for the cesantía y vejez branch?",
                  "¿Cuánto es la cuota obrera de cesantía y vejez?"):
        assert table_fact(analyze(asked), book, day) is None, asked
    employer = table_fact(analyze("What cesantía y vejez rate does the employer pay for a worker in 2026?"), book, day)
    assert employer is not None and "Employer cesantía y vejez rate 2026" in employer.text


def test_a_question_naming_two_years_gets_each_years_row():
    book = load_rates()
    fact = table_fact(analyze("what was the daily min wage in the northern border zone in 2024 and in 2025?"), book,
                      date(2026, 12, 1))
    assert fact.text.index("374.89") < fact.text.index("419.88") and "440.87" not in fact.text
    assert {"374.89", "419.88"} <= set(fact.figures) and len(fact.rows) == 2
    # the same row for both years is stated once
    vat = table_fact(analyze("what is the VAT rate in 2025 and in 2026?"), book, date(2026, 12, 1))
    assert vat is None or vat.text.count("16") == 1


def test_a_future_year_the_table_holds_is_answered_from_its_row():
    from assistant.answer.extractive import compose

    book = load_rates()
    question = "what employer cesantía y vejez rate applies in 2027 above 4 UMA?"
    fact = table_fact(analyze(question), book, date(2026, 12, 1))
    assert fact.in_force_in(2027) and not fact.in_force_in(2031)
    # the passages retrieved do not mention 2027: the table's row still answers
    passages = [_passage("The employer cesantía y vejez rate rises every year until 2030 for wages above one UMA.")]
    answer, _, abstained = compose(question, passages, 0.3, today_year=2026, fact=fact)
    assert not abstained and "8.603%" in answer
    answer, _, abstained = compose(question, passages, 0.3, today_year=2026)
    assert abstained and "2027" in answer  # without the table's row, no guess


def test_a_date_past_the_table_names_the_latest_row_on_file():
    book = load_rates()
    fact = table_fact(analyze("What is the minimum wage in Tijuana in 2027?"), book, date(2027, 1, 15))
    assert "no figure on file for 2027" in fact.text and "440.87" in fact.text
    assert fact.text.index("440.87") < fact.text.index("no figure on file")  # the figure leads, the caveat follows
    mpf = table_fact(analyze("What is the MPF maximum?"), book, date(2026, 12, 1))
    assert "no figure on file" in mpf.text and "651.50" in mpf.text


def test_the_sentence_asking_for_the_minimum_wage_decides_what_is_asked():
    book = load_rates()
    # payroll named only as the context of a question that asks for the wage: the wage is the answer
    fact = table_fact(analyze("Setting up payroll for a plant in Tijuana. What's the legal daily minimum wage there in "
                              "2026?"), book, date(2026, 12, 1))
    assert fact is not None and fact.figures == ("440.87",)
    # … but a question about something built on the wage still gets no wage row
    assert table_fact(analyze("We pay the minimum wage in Tijuana. What is the IMSS cost per worker?"), book,
                      date(2026, 12, 1)) is None


def test_questions_that_are_not_look_ups_get_no_table_fact():
    book = load_rates()
    assert table_fact(analyze("How is the minimum wage decided?"), book, date(2026, 12, 1)) is None
    assert table_fact(analyze("What is IMMEX?"), book, date(2026, 12, 1)) is None


def test_follow_ups_replace_a_slot_of_the_previous_question():
    before = "What is the daily minimum wage in Monterrey in 2026?"
    assert replace_slots("And in Tijuana?", before) == "What is the daily minimum wage in Tijuana in 2026?"
    assert replace_slots("¿Y en 2025?", before) == "What is the daily minimum wage in Monterrey in 2025?"
    assert replace_slots("And for machinery?", before) is None
    lane = "How long does a truck take from Monterrey to Chicago?"
    assert replace_slots("And from Saltillo?", lane) == "How long does a truck take from Saltillo to Chicago?"
    assert "Tijuana" in standalone_query("And in Tijuana?", [Turn(role="user", content=before)])
    # a follow-up that asks a question of its own besides naming a place is no slot: it borrows the subject
    fee = "Do USMCA goods from Mexico pay the merchandise processing fee?"
    own = "and the harbor maintenance fee? part of our freight goes by vessel from Lázaro Cárdenas to Long Beach"
    assert replace_slots(own, fee) is None
    assert "harbor maintenance fee" in standalone_query(own, [Turn(role="user", content=fee)])


def test_a_follow_up_replaces_every_mention_of_the_mode_and_a_month_by_the_part_of_the_year_it_names():
    truck = "How far in advance does the electronic truck manifest reach CBP before a northbound truck gets to the border?"
    rail = standalone_query("What about if we send it by rail through Laredo instead?", [Turn(role="user", content=truck)])
    assert "truck" not in rail and "rail manifest" in rail
    june = "What was the Asia to US West Coast rate for a 40 ft container in June 2024?"
    assert standalone_query("And by mid-2025?", [Turn(role="user", content=june)]).endswith("container in mid-2025?")
    assert standalone_query("and in 2025?", [Turn(role="user", content=june)]).endswith("in June 2025?")


def test_a_follow_up_borrowing_the_subject_replaces_the_year_it_names():
    before = "What employer cesantía y vejez rate applies to the 2.51 to 3.00 UMA band in 2026?"
    query = standalone_query("OK, and for that same band, what does the rate reach in 2030 once the phase-in is finished?",
                             [Turn(role="user", content=before)])
    assert "in 2030?" in query and "2026" not in query
    fact = table_fact(analyze(query), load_rates(), date(2026, 12, 1))
    assert "8.902%" in fact.text and "6.026%" not in fact.text


def test_a_chain_of_follow_ups_keeps_the_subject_of_the_first_question():
    """ "¿Y en 2025?" after "And in Reynosa?" after a question about Monterrey's 2026 minimum wage asks for Reynosa's
    2025 minimum wage, not for "Reynosa in 2025"."""
    history = [Turn(role="user", content="What is the minimum wage in Monterrey in 2026?"),
               Turn(role="assistant", content="MXN 315.04 a day."),
               Turn(role="user", content="And in Reynosa?"),
               Turn(role="assistant", content="MXN 440.87 a day.")]
    assert standalone_query("¿Y en 2025?", history) == "What is the minimum wage in Reynosa in 2025?"
    assert standalone_query("And the year before?", history) == "What is the minimum wage in Reynosa in 2025?"


def test_a_follow_up_after_an_acknowledgment_replaces_the_month_and_year_it_names():
    """ "ok and in early February 2026?" after the June 2024 spot rate asks for the early-February-2026 rate: the
    acknowledgment does not make it a question of its own (it had been searched as it stood and abstained on), and
    the month goes with the year."""
    history = [Turn(role="user", content="What was the spot rate for a 40 ft container Asia to US West Coast back in "
                                         "June 2024?"),
               Turn(role="assistant", content="About $6,840 per 40 ft container.")]
    expected = "What was the spot rate for a 40 ft container Asia to US West Coast back in early February 2026?"
    assert standalone_query("ok and in early February 2026?", history) == expected
    assert standalone_query("Gracias. ¿Y en 2025?", history).endswith("back in June 2025?")
    assert standalone_query("Ok what is the UMA?", history) == "Ok what is the UMA?"  # a question of its own


def test_a_chain_of_follow_ups_that_each_name_a_new_subject_keeps_the_first_questions_frame():
    """"And solar cells?" after "And on EVs?" after the Section 301 rate on semiconductors asks the rate on solar
    cells; it had been read against "And on EVs?" alone and abstained."""
    history = [Turn(role="user", content="What is the Section 301 rate on semiconductors?"),
               Turn(role="assistant", content="50% from 1 January 2025."),
               Turn(role="user", content="And on EVs?"),
               Turn(role="assistant", content="100%.")]
    query = standalone_query("And solar cells?", history)
    assert query.startswith("solar cells") and "What is the Section 301 rate" in query and "EVs" not in query


def test_news_then_a_short_question_pointing_back_borrows_the_previous_question():
    history = [Turn(role="user", content="When is our IMMEX annual report for fiscal 2025 due?"),
               Turn(role="assistant", content="By the last business day of May: 29 May 2026.")]
    query = standalone_query("We also hold a PROSEC registration for the same plant. Does that change the deadline?",
                             history)
    assert query.startswith("We also hold a PROSEC registration") and "IMMEX annual report" in query
    full = "We also hold a PROSEC registration for the same plant. Which report does PROSEC itself require?"
    assert standalone_query(full, history) == full  # asks its own question


def test_a_year_before_the_table_is_left_to_the_passages_and_other_questions_about_wages_get_no_fact():
    book = load_rates()
    assert table_fact(analyze("What was the minimum wage in 2023?"), book, date(2026, 12, 1)) is None
    assert table_fact(analyze("SBC for a minimum wage worker in Tijuana 2026?"), book, date(2026, 12, 1)) is None
    assert "374.89" in table_fact(analyze("min wage reynosa 2024?"), book, date(2026, 12, 1)).text


@pytest.mark.parametrize("question, zone", [
    ("What's the daily minimum wage for 2026 outside the border zone, say for a plant in the Bajío?", "general"),
    ("¿Cuánto es el salario mínimo general diario en 2026 fuera de la frontera norte?", "general"),
    ("cesantía rate for a general-zone minimum-wage worker", "general"),
    ("minimum wage at the border in 2026", "border"),
])
def test_the_wage_zone_reads_negations_and_hyphens(question, zone):
    assert analyze(question).zone == zone


def test_a_yes_no_question_after_a_leading_clause_is_yes_no():
    assert analyze("If our parts made in Mexico qualify under USMCA, do we still pay the MPF?").answer_type == "yes_no"
    assert analyze("When we export finished goods, do we pay VAT?").answer_type == "yes_no"
    assert analyze("If we import steel, how much duty do we pay?").answer_type == "rate"


def test_cesantia_rates_come_from_the_band_the_question_states():
    book, today = load_rates(), date(2026, 12, 1)
    over_four = table_fact(analyze("Employer cesantía y vejez rate in 2026 above 4 UMA?"), book, today)
    assert "7.513%" in over_four.text and "4.01 UMA and up" in over_four.text
    border = table_fact(analyze("Which cesantía y vejez rate applies in 2026 to a worker on the border minimum wage?"),
                        book, today)
    assert "6.613%" in border.text and "3.94 UMA" in border.text  # SBC 440.87 × 1.0493 = 462.61
    final = table_fact(analyze("cesantía y vejez rate for 2.6 UMA once fully phased in by 2030?"), book, today)
    assert "8.902%" in final.text and "until changed" in final.text
    every = table_fact(analyze("What is the employer cesantía y vejez rate in 2026?"), book, today)
    assert "3.150%" in every.text and "7.513%" in every.text


def test_vacation_days_uma_per_month_and_the_sbc_cap_are_table_facts():
    book, today = load_rates(), date(2026, 12, 1)
    assert "20 days" in table_fact(analyze("How many vacation days in the 5th year of service?"), book, today).text
    assert "12 days" in table_fact(analyze("vacation days after 1 year?"), book, today).text  # LFT art. 76
    assert "20 days" in table_fact(analyze("And after five years? How many vacation days in the first year?"), book,
                                   today).text  # a follow-up's own words come first in its borrowed query
    assert "22 days" in table_fact(analyze("¿Cuántos días de vacaciones después de seis años?"), book, today).text
    # a length of service stated plainly is the row it falls in; a time ago is not a length of service
    assert "22 days" in table_fact(analyze("an operator who has been with us 7 years: minimum vacation?"), book,
                                   today).text
    assert table_fact(analyze("What vacation rule changed 3 years ago?"), book, today) is None
    assert "3,566.22" in table_fact(analyze("uma mensual 2026"), book, today).text
    cap = table_fact(analyze("What's the maximum daily salary IMSS will charge contributions on in 2026?"), book, today)
    assert "2,932.75" in cap.text and "25 UMA" in cap.text
    # the ceiling of a premium is no cap of the salary contributions are paid on
    assert table_fact(analyze("Is there a ceiling on how high the IMSS work-risk premium can go?"), book, today) is None


def test_the_seniority_premium_cap_is_twice_the_zones_minimum_wage_for_the_year_asked():
    book, today = load_rates(), date(2026, 12, 1)
    juarez = table_fact(analyze("Vamos a liquidar a un supervisor en Ciudad Juárez que gana 1,200 pesos diarios. Para la "
                                "prima de antigüedad, ¿cuál es el salario tope que podemos usar en 2026?"), book, today, "es")
    assert juarez.text.startswith("Tope del salario para la prima de antigüedad 2026 (Juárez) — zona libre de la frontera "
                                  "norte (ZLFN): MXN 881.74 diarios (2 × 440.87)")
    assert juarez.figures == ("881.74",) and "LFT arts. 162-II, 485 y 486" in juarez.text
    both = table_fact(analyze("What's the wage cap for the seniority premium?"), book, today)
    assert "general zone: MXN 630.08 a day" in both.text and "northern border zone (ZLFN): MXN 881.74 a day" in both.text
    assert "557.60" in table_fact(analyze("Is the seniority premium capped in Monterrey in 2025?"), book, today).text
    # the premium itself, not its cap: the passages answer
    assert table_fact(analyze("How many days a year is the seniority premium?"), book, today) is None


def test_a_states_payroll_tax_comes_from_its_row_with_the_verification_status():
    book, today = load_rates(), date(2026, 12, 1)
    tijuana = table_fact(analyze("What state payroll tax would we pay on wages at a plant in Tijuana?"), book, today)
    assert tijuana.text.startswith("State payroll tax (ISN) in Baja California (Tijuana): 4.25% of taxable payroll")
    assert "UNVERIFIED" not in tijuana.text and tijuana.states == ("Baja California",)
    nuevo_leon = table_fact(analyze("What's the ISN in Nuevo León?"), book, today)
    assert "3%" in nuevo_leon.text and "UNVERIFIED" in nuevo_leon.text  # one weak source: said with the rate
    assert "3%" in table_fact(analyze("payroll tax juarez 2025"), book, today).text  # the 2025 row, not 2026's 4%
    assert "4%" in table_fact(analyze("payroll tax juarez"), book, today).text
    spanish = table_fact(analyze("¿Cuál es el impuesto sobre nómina en Jalisco?"), book, today, "es")
    assert spanish.text.startswith("Impuesto sobre nómina (ISN) de Jalisco: 3%") and "SIN VERIFICAR" in spanish.text
    # no state, or a state not on file: the passages (or "not covered") answer
    assert table_fact(analyze("How does the state payroll tax work?"), book, today) is None
    both = table_fact(analyze("payroll tax in Tijuana vs Monterrey?"), book, today)  # the tax, not the wages
    assert "Baja California (Tijuana): 4.25%" in both.text and "Nuevo León (Monterrey): 3%" in both.text
    assert table_fact(analyze("¿cuánto cobra Oaxaca de impuesto sobre nómina?"), book, today) is None


def test_one_row_benefits_and_fees_are_table_facts_when_their_rate_or_amount_is_asked():
    book, today = load_rates(), date(2026, 12, 1)
    fact = lambda q, lang="en": table_fact(analyze(q), book, today, lang)  # noqa: E731
    assert "15 days of salary a year" in fact("What's the minimum aguinaldo in Mexico?").text
    assert "15 días de salario al año" in fact("¿Cuántos días de aguinaldo marca la ley?", "es").text
    assert "25% of the vacation pay" in fact("What's the vacation premium?").text
    assert "10% of the company's taxable profit" in fact("What percent of profits goes to PTU?").text
    assert "0.125% of the cargo value, on ocean shipments only" in fact("How much is the harbor maintenance fee?").text
    # a date, a period, a cap, a cost or a worker's amount in pesos is not that row
    assert fact("When do we have to pay the aguinaldo?") is None
    assert fact("Within how many days after the annual return do we pay out PTU?") is None
    assert fact("Is there a cap on each worker's PTU?") is None
    assert fact("how much aguinaldo for a minimum wage guy in Querétaro this year (2026)?") is None
    assert fact("Do we pay HMF on goods trucked from Monterrey?") is None


def test_a_sentence_about_another_state_does_not_support_a_states_table_fact():
    from assistant.answer.extractive import compose

    book, today = load_rates(), date(2026, 12, 1)
    q = analyze("What state payroll tax rate does a plant in Tijuana pay?")
    passages = [_passage("The state of Chihuahua raised the state payroll tax rate of every plant from 3% in 2025 to "
                         "4% in 2026. Baja California levies a state payroll tax of 4.25% of gross payroll on every "
                         "plant since 1 January 2024.")]
    answer, _, _ = compose(q.text, passages, 0.3, analysis=q, fact=table_fact(q, book, today), today_year=2026)
    assert "Baja California levies" in answer and "Chihuahua" not in answer


def test_a_follow_up_can_move_the_year_relative_to_the_previous_question():
    before = "What are the MPF minimum and maximum per formal entry for fiscal 2026?"
    assert "fiscal 2025" in replace_slots("And what were they the year before?", before)
    assert "fiscal 2025" in replace_slots("¿Y el año anterior?", before)
    assert "fiscal 2027" in replace_slots("and the next year?", before)
    assert replace_slots("and the year before?", "What is IMMEX?") is None


def test_cross_references_to_other_documents_are_dropped_and_the_sentence_kept():
    text = ("Section 301 adds 25% for Lists 1 to 3 (USTR final notice, 89 FR 76581; see section-301-china-tariffs).\n"
            "The ordinary week falls to 40 hours by 2030 (see forty-hour-week-reform).\n"
            "| tax | rate | see |\n|---|---|---|\n| IVA | 16% | see document: mexico-vat-temporary-imports |")
    shown = passage_sentences(text)
    assert shown[0] == "Section 301 adds 25% for Lists 1 to 3 (USTR final notice, 89 FR 76581)."
    assert shown[1] == "The ordinary week falls to 40 hours by 2030."
    assert not any("mexico-vat-temporary-imports" in s or "forty-hour" in s for s in shown)


def test_the_other_zones_minimum_wage_cannot_be_in_the_answer():
    from assistant.answer.facts import contradicting_figures

    book = load_rates()
    border = contradicting_figures(analyze("SBC for a minimum wage worker in Tijuana 2026?"), book)
    assert "315.04" in border and "440.87" not in border
    assert contradicting_figures(analyze("What is IMMEX?"), book) == frozenset()



def test_crossing_the_border_or_going_by_truck_is_neither_the_border_wage_zone_nor_goods():
    """ "How far is Monterrey from Laredo by road?" is answered by "Monterrey is about 230 km … including truck sourcing
    and the border crossing": it had been read as about the border wage zone (Monterrey is in the general one) and
    about trucks as goods, and ranked below a sentence with no distance."""
    from assistant.answer.extractive import compose
    from assistant.answer.fit import traits
    from assistant.answer.topics import goods

    distance = ("Monterrey is about 230 km (145 miles) by road from Laredo, so a truckload from Monterrey to Dallas is "
                "planned at about 3–5 days door to door, including truck sourcing and the border crossing.")
    assert not traits(distance).border_zone and not goods(distance)
    assert not traits("Most plants cross the border at Laredo.").border_zone
    assert traits("In 2026 the border zone minimum wage is MXN 440.87.").border_zone
    assert traits("La zona libre de la frontera norte paga más.").border_zone
    assert goods("Heavy trucks need 70% regional value content.") == {"trucks"}
    assert goods("section 232 tariffs on trucks rose.") == {"trucks"}
    assert not goods("about 16,000 trucks per day cross at laredo.")
    assert not goods("the world trade bridge is the main commercial truck bridge at laredo.")  # a bridge for trucks
    assert not goods("truck traffic and truck queues at the crossing")
    assert goods("do t-shirts for the mexican retail market need spanish labels?") == {"textiles"}  # garments by name
    route = _passage("Laredo sits on Interstate 35, the direct route to San Antonio and the Midwest, and on Mexican "
                     "Highway 85 to Monterrey, which is why plants in Monterrey route their freight through it.")
    answer, _, abstained = compose("How far is Monterrey from Laredo by road?", [route, _passage(distance)], 0.3,
                                   today_year=2026)
    assert not abstained and answer.startswith("Monterrey is about 230 km")


def test_a_sentence_stating_both_zones_figures_is_no_other_zone_computation():
    from assistant.answer.facts import computes_with_other_zone, contradicting_figures

    border = contradicting_figures(analyze("minimum sunday premium on the 2026 border minimum wage"), load_rates())
    both = ("At the 2026 general-zone minimum wage of MXN 315.04 a day, the Sunday premium is at least MXN 78.76 per "
            "Sunday; at the border minimum of MXN 440.87 it is at least MXN 110.22.")
    assert not computes_with_other_zone(both, border)
    assert computes_with_other_zone("At MXN 315.04 a day the Sunday premium is at least MXN 78.76.", border)


def test_goods_classes_group_their_names_and_provisions_are_read_as_references():
    from assistant.answer.topics import goods, references

    assert goods("a passenger car") == goods("passenger vehicles and light trucks") == {"vehicles"}
    assert goods("steel and aluminum") == {"steel", "aluminum"}
    # buses have a Section 232 rate of their own (10%, against 25% for trucks)
    assert goods("and buses?") == goods("autobuses") == {"buses"} and goods("trucks and buses") == {"trucks", "buses"}
    assert references("including section 301 and art. 108 of the ley aduanera") == {"section 301", "article 108"}


def test_two_documents_giving_different_figures_for_the_same_subject_are_named():
    from assistant.answer.conflicts import disagreement, notice
    from assistant.index.lexical import tokenize

    def sentence(text, doc):
        return text, frozenset(tokenize(text)), doc

    lead = sentence("Raw materials imported temporarily under IMMEX may stay in Mexico for up to 18 months.", "law")
    other_subject = sentence("Containers and trailers may stay for 2 years.", "guide")
    same_document = sentence("Raw materials imported temporarily under IMMEX stay 36 months.", "law")
    disagreeing = sentence("Raw materials imported temporarily under IMMEX can stay in Mexico for 36 months.", "upload")
    found = disagreement(lead, [other_subject, same_document, disagreeing])
    assert (found.other, found.ours, found.theirs) == (2, "18 months", "36 months")
    assert "[1] gives 18 months and [3] gives 36 months" in notice(1, 3, found, "en")
    # an older document against a newer one on the same fact: the answer says which is the more recent
    dated = notice(1, 3, found, "en", "2026-12-01", "2025-03-01")
    assert "[1] is the more recent source (facts as of 2026-12-01)" in dated
    assert "la más reciente es [3] (datos al 2026-06-01)" in notice(1, 3, found, "es", "2025-03-01", "2026-06-01")
    assert disagreement(lead, [other_subject, same_document]) is None
    agreeing = sentence("Raw materials imported temporarily under IMMEX may stay for 18 months in Mexico.", "guide")
    assert disagreement(lead, [agreeing]) is None


def test_a_quoted_figure_whose_period_has_ended_carries_a_notice_with_the_current_one():
    from assistant.answer.supersession import supersession_notices

    book, today = load_rates(), date(2026, 12, 1)
    old = ["In 2025 the general minimum wage is MXN 278.80 per day."]
    notices = supersession_notices(old, analyze("What is the minimum wage?"), book, today)
    assert len(notices) == 1 and "MXN 278.80 was the general minimum wage until 31 December 2025" in notices[0]
    assert "MXN 315.04 (in force from 1 January 2026" in notices[0]
    assert supersession_notices(old, analyze("What was the minimum wage in 2025?"), book, today) == []  # asked
    both = ["It rose from MXN 278.80 in 2025 to MXN 315.04 in 2026."]
    assert supersession_notices(both, analyze("How much did the minimum wage rise?"), book, today) == []
    # the newest row on file is not superseded by anything on file (the fact path says "latest on file")
    assert supersession_notices(["The MPF maximum is $651.50."], analyze("MPF maximum?"), book, today) == []
    es = supersession_notices(["El MPF máximo es de $634.62."], analyze("¿MPF máximo?"), book, today, "es")
    assert es and es[0].startswith("Aviso: US$634.62 era el MPF (máximo) hasta el 30 de septiembre de 2025")


def test_the_goods_prefilter_finds_every_goods_class_the_full_scan_finds():
    from assistant.answer import topics

    phrases = ["steel and aluminium", "acero", "aluminio", "copper wire", "cobre", "semiconductor chips", "a chip",
               "lithium batteries", "una bateria", "baterias", "magnets", "imanes", "solar panels", "passenger vehicles",
               "light trucks", "autos", "cars", "automobiles", "automoviles", "vehiculos", "un vehiculo", "auto parts",
               "autoparts", "autopartes", "vehicle parts", "heavy trucks", "class 8 trucks", "tractors", "camiones",
               "textiles", "apparel", "garments", "clothing", "ropa", "prendas", "footwear", "shoes", "calzado",
               "furniture", "muebles", "medical devices", "dispositivos medicos", "syringes and needles", "jeringas",
               "agujas", "cranes", "gruas", "lumber", "timber", "madera", "pharmaceuticals", "farmaceuticos",
               "the carsharing steel_frame autoparts8", "nothing here at all"]
    for phrase in phrases:
        text = f"the rule for {phrase} applies"
        full = {topics._GOODS_NAMES[int(m.lastgroup[1:])] for m in topics._GOODS.finditer(text)}
        assert topics.goods(text) == full, phrase
    assert topics.goods("the rule for vehiculos applies") == {"vehicles"}


def _passage(text: str, language: str = "en", doc_id: str = "steel", title: str = "Section 232 steel",
             dense: float = 0.8) -> "Passage":
    from assistant.models import Chunk, Passage

    chunk = Chunk(id="c1", doc_id=doc_id, text=text, ordinal=0, title=title, doc_type="guide",
                  jurisdiction="US" if language == "en" else "MX", language=language, path=f"corpus/{doc_id}.md")
    return Passage(chunk=chunk, score=1.0, dense=dense)


def test_an_acronym_the_guides_spell_out_is_answered_though_the_model_finds_the_passage_far():
    """The embedding model does not know "REPSE", so "What is REPSE?" is far from every passage in meaning; a guide
    that gives the acronym's name beside it still covers the question. An acronym no guide names is not covered."""
    from assistant.answer.extractive import compose
    from assistant.answer.acronyms import spells_out

    assert spells_out("REPSE", "The REPSE (Registro de Prestadoras de Servicios Especializados u Obras "
                               "Especializadas) is kept by the STPS.")
    assert spells_out("CTPAT", "the US program (Customs Trade Partnership Against Terrorism (CTPAT)")
    assert not spells_out("REPSE", "Only a contractor registered in the REPSE (see below) may do it.")
    assert spells_out("DIEMSE", "It must file an annual information return on its maquila operations (commonly "
                                "called DIEMSE) with the SAT.")
    far = _passage("Only a contractor registered in the REPSE may supply specialized services. The REPSE "
                   "(Registro de Prestadoras de Servicios Especializados u Obras Especializadas, the public register "
                   "of specialized service providers) is kept by the STPS, the labor ministry.").model_copy(
                       update={"dense": 0.2})  # far even for a short question's words to count
    answer, _, abstained = compose("What is REPSE?", [far], 0.4, today_year=2026)
    assert not abstained and answer.startswith("The REPSE (Registro de Prestadoras")
    named_only = far.model_copy(update={"chunk": far.chunk.model_copy(
        update={"text": "Only a contractor registered in the REPSE may supply specialized services."})})
    _, _, abstained = compose("What is REPSE?", [named_only], 0.4, today_year=2026)
    assert abstained  # named, never spelled out: the passage's distance decides as before
    _, _, abstained = compose("What is the SAT?", [far], 0.4, today_year=2026)
    assert abstained  # another acronym than the one spelled out


def test_an_acronym_no_document_holds_is_said_to_be_not_covered():
    """ "What's the ISF filing?" is answered with what the knowledge base lacks, not with the nearest passages'
    sentences, when no document in the index holds the acronym at all."""
    from assistant.answer.extractive import compose

    passages = [_passage("A formal entry is required for commercial shipments valued at more than $2,500. The importer "
                         "files the entry with CBP and pays the duties and fees.")]
    answer, _, abstained = compose("What's the ISF filing?", passages, 0.3, today_year=2026,
                                   known=lambda token: token != "isf")
    assert abstained and "ISF" in answer and "$2,500" not in answer
    _, _, abstained = compose("What's the formal entry filing?", passages, 0.3, today_year=2026,
                              known=lambda token: token != "isf")
    assert not abstained


def test_a_name_the_question_asks_about_that_no_document_holds_is_said_to_be_not_covered():
    """ "how much does Foxconn pay its line operators in Ciudad Juárez?": the guides know Juárez wages, not Foxconn's.
    A name that is only the visitor's context ("we make appliances in Guangdong") or opens the question is no such
    subject."""
    from assistant.answer.extractive import compose

    passages = [_passage("In Ciudad Juárez line operators earn above the 2026 border minimum wage of MXN 440.87 a "
                         "day, and plants compete for them with attendance bonuses.")]
    known = lambda token: token not in {"foxconn", "guangdong", "acme"}  # noqa: E731
    answer, _, abstained = compose("how much does Foxconn pay its line operators in Ciudad Juárez?", passages, 0.3,
                                   today_year=2026, known=known)
    assert abstained and "Foxconn" in answer and "440.87" not in answer
    for question in ("We make appliances in Guangdong: what do line operators earn in Ciudad Juárez?",
                     "Acme here: what do line operators earn in Ciudad Juárez?"):
        _, _, abstained = compose(question, passages, 0.3, today_year=2026, known=known)
        assert not abstained, question
    # a day or a month is written with a capital and is no name ("… so they can have Saturday afternoons off")
    from assistant.answer.coverage import unknown_name

    from assistant.index.lexical import tokenize

    no_weekdays = lambda token: known(token) and token not in tokenize("Saturday")  # noqa: E731 (no guide names one)
    assert unknown_name("Our line wants to have Saturday afternoons off: is that allowed?", no_weekdays) is None
    assert unknown_name("What does Foxconn pay in Juárez?", known) == "Foxconn"
    # a place asked about that neither the places table nor any document knows; not one of the visitor's context
    no_ontario = lambda token: known(token) and token not in tokenize("Ontario Charlotte")  # noqa: E731
    assert unknown_name("What's the corporate income tax rate for a manufacturer in Ontario, Canada?", no_ontario) == (
        "Ontario")
    assert unknown_name("Our finance team in Charlotte sets the payroll calendar. By what day are IMSS contributions "
                        "due?", no_ontario) is None
    # a place of two words is a place of our table, whatever the index knows of its first word
    assert unknown_name("What is the minimum wage in Nuevo León?", lambda token: token != "nuevo") is None


def test_an_acronym_in_capitals_that_no_document_holds_is_said_to_be_not_covered_wherever_it_stands():
    """ "¿Qué permiso de la SEMARNAT necesitamos …?" names an agency no document holds: the answer says so rather than
    quoting a sentence on environmental permits in general. Words shouted in capitals, a fiscal year ("FY25") and the
    conversation's acronyms ("our CEO") are not such names."""
    from assistant.answer.extractive import compose

    passages = [_passage("The shelter company usually handles payroll, accounting and the environmental and land-use "
                         "permits for the plant.")]
    known = lambda token: token not in {"semarnat", "override", "fy25", "ceo", "urgent", "dtc"}  # noqa: E731
    answer, _, abstained = compose("¿Qué permiso ambiental de la SEMARNAT necesitamos para la nave?", passages, 0.3,
                                   lang="es", today_year=2026, known=known)
    assert abstained and "SEMARNAT" in answer and "payroll" not in answer
    for question in ("SYSTEM OVERRIDE: who handles the environmental permits for the plant?",
                     "Our CEO asks: who handles the environmental permits for a shelter plant?",
                     "We are NOT in a shelter: who handles the environmental permits for the plant?",
                     "URGENT: who handles the environmental permits for the plant?",
                     # an acronym of the visitor's situation, told before the question, is not what is asked
                     "We sell DTC from our plant. Who handles the environmental permits for the plant?"):
        _, _, abstained = compose(question, passages, 0.3, today_year=2026, known=known)
        assert not abstained, question


def test_a_standard_named_by_its_body_and_a_number_no_document_holds_is_said_to_be_not_covered():
    """ "How long does ISO 14001 certification take …?": a guide names ISO 13485, so "ISO" is known, but no document
    holds the standard asked about; the answer says so rather than quoting certification sentences on other things.
    A sum of money ("USD 5000"), a year ("FY 2026") and a standard on file are no such names."""
    from assistant.answer.extractive import compose

    passages = [_passage("A medical-device plant must run a quality system; most plants certify to ISO 13485 and "
                         "refresh supplier certifications at least once a year.")]
    known = lambda token: token not in {"14001", "5000"}  # noqa: E731
    answer, _, abstained = compose("How long does ISO 14001 certification usually take for a new plant?", passages,
                                   0.3, today_year=2026, known=known)
    assert abstained and "ISO 14001" in answer
    for question in ("Do medical device plants need ISO 13485 certification?",
                     "We buy USD 5000 of parts a year: how often must supplier certifications be refreshed?",
                     "In FY 2026, how often must supplier certifications be refreshed?"):
        _, _, abstained = compose(question, passages, 0.3, today_year=2026, known=known)
        assert not abstained, question


def test_a_spanish_question_is_led_by_the_spanish_sentence_stating_the_same_figures():
    """Where the English guide's sentence scores best but a Spanish guide states the same figures, a Spanish question
    gets the Spanish sentence first, and not the English one beside it."""
    from assistant.answer.extractive import compose
    from assistant.models import Chunk, Passage

    def passage(doc: str, text: str, language: str, dense: float) -> Passage:
        chunk = Chunk(id=f"{doc}:0", doc_id=doc, text=text, ordinal=0, title=doc, doc_type="guide", jurisdiction="MX",
                      language=language, path=f"corpus/{doc}.md")
        return Passage(chunk=chunk, score=1.0, dense=dense)

    english = passage("probation", "In Mexico a probation period (periodo a prueba) lasts at most 30 days, or up to 180 "
                      "days for managers (LFT art. 39-A). The worker is registered with the IMSS.", "en", 0.6)
    spanish = passage("es-prueba", "En México el periodo a prueba dura como máximo 30 días, o hasta 180 días para "
                      "puestos de dirección (LFT, art. 39-A). Se da de alta al trabajador en el IMSS.", "es", 0.5)
    answer, _, abstained = compose("¿Cuánto dura el periodo a prueba en México?", [english, spanish], 0.3, lang="es",
                                   today_year=2026, gloss="how long probation period Mexico")
    assert not abstained and answer.startswith("En México el periodo a prueba dura como máximo 30 días")
    assert "lasts at most 30 days" not in answer


def test_a_figure_question_is_not_led_by_a_figure_about_something_else(embedder):
    """No sentence gives a turnover rate: the sentence about turnover leads, not the minimum wage of the city named
    (a figure, but not about what was asked). A figure naming what was asked ("the fine") still leads."""
    from assistant.answer.extractive import compose

    def ask(question: str, *texts: str) -> str:
        passages = [_passage(t).model_copy(update={"chunk": _passage(t).chunk.model_copy(update={"id": f"c{i}"})})
                    for i, t in enumerate(texts)]
        return compose(question, passages, 0.3, today_year=2026, encode=embedder.encode,
                       query_vector=embedder.embed_query(question))[0]

    answer = ask("What is the typical turnover rate for operators in Juárez?",
                 "High employee turnover among production operators is a well-known challenge in border cities such "
                 "as Ciudad Juárez and Tijuana, where many plants compete for the same workers.",
                 "Ciudad Juárez lies in the northern border zone, where the 2026 minimum wage is MXN 440.87 per day. "
                 "Operators in Juárez work in the export plants that line the border.")
    assert answer.startswith("High employee turnover")
    answer = ask("What fine can customs impose if we don't keep the Annex 24 system?",
                 "If a company does not keep the Annex 24 system, customs may presume the goods are foreign and "
                 "assess duties and penalties. The fine for that infringement is MXN 23,910 to MXN 47,860.")
    assert answer.startswith("The fine for that infringement is MXN 23,910")


def test_an_amount_no_passage_states_is_said_to_be_missing_before_what_the_sources_say():
    """ "What is the exact fee …?" where no sentence states a figure: the answer says no figure is on file (and
    counts as an abstention), then gives what the sources do say, cited. A figure in words ("double") is a figure."""
    from assistant.answer.extractive import compose

    passages = [_passage("Shelter companies usually quote their administrative fee per worker per month, sometimes "
                         "with a monthly minimum. On top of the fee, the client reimburses wages and benefits at cost.")]
    answer, cites, abstained = compose("What is the exact shelter fee per worker that Tetakawi charges?", passages,
                                       0.3, today_year=2026)
    assert abstained and cites
    assert answer.startswith("I have no figure for that in the knowledge base, so I won't guess one")
    assert "quote their administrative fee per worker" in answer
    answer, _, abstained = compose("How much do we pay people working on 16 September?", [_passage(
        "Workers who work on a mandatory rest day such as 16 September are owed double salary for the work.")], 0.3,
        today_year=2026)
    assert not abstained and "double salary" in answer


def test_a_spanish_question_of_one_word_is_covered_by_the_english_sentence_holding_it():
    """A word-by-word gloss sharing one word with a sentence is no sign of cover — unless the question has only one
    word to share: "¿Qué es el IMMEX?" is answered from the English guide, not abstained on."""
    from assistant.answer.extractive import compose

    passages = [_passage("IMMEX is Mexico's main program for export manufacturing. It lets a company import inputs "
                         "temporarily without paying import duty.")]
    answer, _, abstained = compose("¿Qué es el IMMEX?", passages, 0.3, lang="es", today_year=2026,
                                   gloss="what is the IMMEX")
    assert not abstained and "IMMEX is Mexico's main program for export manufacturing" in answer


def test_a_spanish_question_in_the_words_of_a_trade_reaches_the_english_sentence_through_the_word_list():
    """ "hilo elastomérico" is "elastomeric yarn" and "lo que metimos" what was brought in: glossed, the English guide's
    sentence covers the question and answers it (unglossed, the question had been abstained on)."""
    from assistant.answer.extractive import compose
    from assistant.answer.gloss import english_gloss

    question = ("Hacemos leggings con spandex importado de Asia. Bajo el T-MEC, ¿qué porcentaje máximo de hilo "
                "elastomérico no originario se permite?")
    gloss = english_gloss(question)
    assert "yarn" in gloss and "elastomeric" in gloss
    assert "brought" in english_gloss("¿cuánto tiempo disponemos para sacar lo que metimos en temporal?")
    passages = [_passage("Non-originating elastomeric yarns (such as spandex) may not exceed 7% of the weight of the "
                         "good or of the component that determines its tariff classification.")]
    answer, _, abstained = compose(question, passages, 0.3, lang="es", today_year=2026, gloss=gloss)
    assert not abstained and "7%" in answer


def test_a_table_fact_is_not_supported_by_a_law_sentence_taken_out_of_its_article():
    """ "¿Cuántos días de aguinaldo se pagan?" leads with the rate table's 15 days; a sentence of the social security
    law about pensioners' aguinaldo ("no será inferior a treinta días") is not shown beside it."""
    from assistant.answer.extractive import compose
    from assistant.models import Chunk, Passage

    question = "¿Cuántos días de aguinaldo se pagan?"
    fact = table_fact(analyze(question), load_rates(), date(2026, 12, 1), "es")
    assert fact is not None and "15 días" in fact.text
    law = Chunk(id="lss:142", doc_id="ley-del-seguro-social", text="Artículo 142. El monto servirá de base para fijar "
                "la cuantía del aguinaldo anual. En todo caso, el monto del aguinaldo no será inferior a treinta días.",
                ordinal=0, title="Ley del Seguro Social", doc_type="regulation", jurisdiction="MX", language="es",
                path="official/mx/lss.pdf", authority="official", page=45)
    guide = _passage("Under LFT article 87 the aguinaldo must equal at least 15 days of salary, paid before 20 December.")
    answer, _, _ = compose(question, [guide, Passage(chunk=law, score=1.0, dense=0.6)], 0.3, lang="es",
                           today_year=2026, fact=fact, gloss="how many days of aguinaldo are paid")
    assert "15 días" in answer and "treinta días" not in answer


def test_a_short_question_is_judged_by_its_words_as_well_as_its_distance():
    """A question of two or three words is far from every passage in meaning: when the best guide holds all its words
    it is answered ("What is substantial transformation?"); a word no document holds is said to be not covered
    ("What is the weather in Monterrey?"), not answered from what the guides say about Monterrey."""
    from assistant.answer.extractive import compose

    guide = _passage("For non-preferential purposes CBP applies the substantial-transformation test: a new article "
                     "with a new name, character or use.").model_copy(update={"dense": 0.3})
    answer, _, abstained = compose("What is substantial transformation?", [guide], 0.4, today_year=2026,
                                   known=lambda token: True)
    assert not abstained and "substantial-transformation test" in answer
    _, _, abstained = compose("What is corporate restructuring?", [guide], 0.4, today_year=2026,
                              known=lambda token: True)
    assert abstained  # the guide does not hold the words: its distance decides
    water = _passage("Water is scarce in most of northern Mexico.").model_copy(update={"dense": 0.3})
    _, _, abstained = compose("Is water a problem?", [water], 0.4, today_year=2026, known=lambda token: True)
    assert not abstained  # "problem" frames the question; the guide holds "water"
    shelter = _passage("A shelter charges a service fee on top of the operating costs, and the client depends on "
                       "the shelter's compliance.")
    answer, _, abstained = compose("What are the disadvantages of a shelter?", [shelter], 0.4, today_year=2026,
                                   known=lambda token: token != "disadvantag")
    assert not abstained and answer.startswith("A shelter charges")  # a word framing the question names no subject
    monterrey = _passage("Monterrey is in the general minimum-wage zone, where the 2026 minimum wage is MXN 315.04 "
                         "per day.")
    answer, _, abstained = compose("What is the weather in Monterrey?", [monterrey], 0.4, today_year=2026,
                                   known=lambda token: token != "weather")
    assert abstained and "weather" in answer and "315.04" not in answer


def test_a_long_question_is_covered_by_the_guide_that_holds_its_rarest_word():
    """A longer question sits a little farther from the guide written about its subject than the support floor
    allows ("Is there a tax on dividends paid to the US parent?"): the best guide holding the question's rarest word,
    one few guide chunks use, covers it. A word no document holds, or a guide without the rare word, does not."""
    from assistant.answer.extractive import compose

    idf = {"dividend": 6.6, "parent": 4.1}
    weight = lambda token: idf.get(token, 2.0)  # noqa: E731
    guide = _passage("A Mexican company paying dividends to foreign residents must withhold 10% on profits generated "
                     "since 2014 (LISR articles 140 and 164).").model_copy(update={"dense": 0.36})
    question = "Is there a tax on dividends paid to the US parent?"
    answer, _, abstained = compose(question, [guide], 0.4, today_year=2026, weight=weight, known=lambda token: True)
    assert not abstained and "withhold 10%" in answer
    _, _, abstained = compose(question, [guide], 0.4, today_year=2026, weight=weight,
                              known=lambda token: token != "parent")
    assert abstained  # a word of the question in no document: the distance decides
    wages = _passage("Employers also withhold wage tax from employees each month under LISR article 96."
                     ).model_copy(update={"dense": 0.36})
    _, _, abstained = compose(question, [wages], 0.4, today_year=2026, weight=weight, known=lambda token: True)
    assert abstained  # the guide does not hold "dividends"
    _, _, abstained = compose(question, [guide.model_copy(update={"dense": 0.25})], 0.4, today_year=2026,
                              weight=weight, known=lambda token: True)
    assert abstained  # too far, whatever its words


def test_a_law_sentence_in_the_other_language_is_not_mixed_into_an_answer():
    """An English answer is not padded with, nor led by, a Spanish law's sentence out of its article (a list of
    occupations from the social security law's tables for "How big is the maquiladora industry?"; "Jornada nocturna
    es la comprendida entre las veinte y las seis horas" for "What's the night shift length?"): the law is quoted
    after the answer, whole."""
    from assistant.answer.extractive import compose
    from assistant.models import Chunk, Passage

    guide = _passage("The maquiladora industry began in 1965 with the Border Industrialization Program.")
    law = Chunk(id="lss:t", doc_id="ley-del-seguro-social", text="Industria maquiladora, industria petroquímica, hierro "
                "y metal, bomberos.", ordinal=0, title="Ley del Seguro Social", doc_type="regulation",
                jurisdiction="MX", language="es", path="official/mx/lss.pdf", authority="official", page=80)
    answer, _, _ = compose("How big is the maquiladora industry?", [guide, Passage(chunk=law, score=1.0, dense=0.7)],
                           0.3, today_year=2026, gloss="industria maquiladora")
    assert answer.startswith("The maquiladora industry began in 1965") and "petroquímica" not in answer
    night = Chunk(id="lft:60", doc_id="ley-federal-del-trabajo", text="Jornada nocturna es la comprendida entre las "
                  "veinte y las seis horas.", ordinal=0, title="Ley Federal del Trabajo", doc_type="regulation",
                  jurisdiction="MX", language="es", path="official/mx/lft.pdf", authority="official", page=17)
    shifts = _passage("The Ley Federal del Trabajo sets the daily shifts: 8 hours by day, 7 hours at night and 7.5 "
                      "hours mixed (LFT article 61).")
    answer, _, _ = compose("What's the night shift length?", [Passage(chunk=night, score=1.0, dense=0.7), shifts], 0.3,
                           today_year=2026, gloss="jornada nocturna duración")
    assert answer.startswith("The Ley Federal del Trabajo sets the daily shifts") and "veinte" not in answer


def test_a_count_in_words_is_a_figure(embedder):
    """ "eight fixed mandatory rest days" answers "How many holidays …?" as a figure does: it is not swapped for a
    sentence with digits about something else."""
    from assistant.answer.extractive import compose
    from assistant.answer.fit import traits

    assert traits("Mexican law sets eight fixed mandatory rest days plus election days.").figure
    assert traits("The employee is owed tres meses de salario.").figure
    assert not traits("There are two models of operation.").figure
    # a multiple is a figure ("paid at double the rate"); "double taxation" is no multiple of anything
    assert traits("Holiday work is paid at double the rate.").figure and traits("Se paga al doble.").figure
    assert not traits("Si su país tiene un tratado para evitar la doble imposición con México.").figure
    assert not traits("The US–Mexico double tax treaty applies.").figure
    question = "How many holidays are there in Mexico in 2026?"
    passages = [_passage(t).model_copy(update={"chunk": _passage(t).chunk.model_copy(update={"id": f"c{i}"})})
                for i, t in enumerate([
                    "Mexican law sets eight fixed mandatory rest days, the statutory holidays, plus election days.",
                    "The extra costs come from Sunday shifts (at least 25%) and holiday work (double pay on top)."])]
    answer, _, _ = compose(question, passages, 0.3, today_year=2026, encode=embedder.encode,
                           query_vector=embedder.embed_query(question))
    assert answer.startswith("Mexican law sets eight fixed mandatory rest days")


def test_a_rate_in_force_since_a_past_date_is_not_marked_down_as_a_past_years_figure():
    """Asked about now, a sentence whose figure belongs to a past year is marked down; one stating a rate that runs
    from a past date ("from 4 June 2025", "since 2025") is today's rate, unless the period it opens is closed."""
    from assistant.answer.fit import constraint_fit

    q = analyze("What's the Section 232 tariff on aluminum now?")

    def adjust(sentence: str) -> float:
        return constraint_fit(q, sentence, 2026, sentence.lower())[0]

    assert adjust("Steel and aluminum face a 50% Section 232 tariff from 4 June 2025.") == 0.0
    assert adjust("Since 2025, aluminum has paid a Section 232 tariff.") == 0.0
    assert adjust("The surcharge was 10% from 24 February 2025 to 24 July 2025.") < 0  # a closed period
    assert adjust("In 2024 the tariff on aluminum was 10%.") < 0
    assert adjust("The 2018 tariffs were 10% on aluminum, but Mexico was exempted from 2019 under an "
                  "arrangement.") < 0  # a year alone after "from": it may have ended
    # the year a source named in brackets wrote dates the source, not the figure
    assert adjust("Aluminum pays a 50% Section 232 tariff (Reuters report, 2024, citing the proclamation).") == 0.0
    # amounts last updated then are in force since: "The fine for that infringement is MXN 23,910 to MXN 47,860 …"
    assert adjust("The fine is MXN 23,910 to MXN 47,860 under Ley Aduanera art. 185-B (amounts as updated in the DOF "
                  "on 30 December 2024).") == 0.0
    assert adjust("La multa es de 2,670 a 4,030 pesos (cantidades actualizadas en diciembre de 2024).") == 0.0


def test_an_earlier_year_whose_figure_is_asked_and_no_passage_mentions_is_not_answered_from_todays_figures():
    from assistant.answer.extractive import compose
    from assistant.answer.years_asked import past_year, years_mentioned

    passages = [_passage("Ciudad Juárez lies in the northern border free zone, where the 2026 minimum wage is MXN 440.87 "
                         "per day. Unskilled workers, fully fringed, cost about US$4.55 per hour.")]
    old = analyze("what did a maquiladora worker in juárez earn per hour in 1975?")
    assert past_year(old, passages, today_year=2026) == 1975
    assert past_year(analyze("what was the minimum wage in tijuana in 2019?"), passages, today_year=2026) == 2019
    assert past_year(analyze("¿cuánto ganaba un obrero de maquila en 1990?"), passages, today_year=2026) == 1990
    # a year the passages hold, a year the question starts from, the present asked, or no figure asked: not this rule
    assert past_year(analyze("What was the minimum wage in Juárez in 2026?"), passages, today_year=2026) is None
    assert past_year(analyze("How have wages changed since 2019?"), passages, today_year=2026) is None
    assert past_year(analyze("We opened in 2018 - what does a worker cost now?"), passages, today_year=2026) is None
    assert past_year(analyze("Was the maquiladora program created in 1965?"), passages, today_year=2026) is None
    # a law's amendment note is no figure for its year
    law = _passage("Artículo 90. El salario mínimo es la cantidad menor que debe recibir en efectivo el trabajador. "
                   "Reformado DOF 31-12-1975", "es", "ley-federal-del-trabajo", "Ley Federal del Trabajo")
    law.chunk.authority = "official"
    assert past_year(old, passages + [law], today_year=2026) == 1975
    # a year another guide mentions may be in a passage retrieval missed: not said to be missing
    assert past_year(analyze("what was mexico's general minimum wage back in 2023"), passages, today_year=2026,
                     on_file=years_mentioned(["In 2024 both rose 20% over 2023 (2023: MXN 207.44 general)."])) is None
    answer, cites, abstained = compose("what did a maquiladora worker in juárez earn per hour in 1975?", passages, 0.3,
                                       analysis=old, today_year=2026)
    assert abstained and not cites and "1975" in answer and "440.87" not in answer


def test_a_year_before_the_rate_table_is_answered_by_a_guide_stating_its_figure_or_said_not_to_be_on_file():
    from assistant.answer.facts import table_before
    from assistant.answer.years_asked import year_before_table

    book, today = load_rates(), date(2026, 12, 1)
    stating = _passage("In 2024 both minimum wages rose 20% over 2023 (2023: MXN 207.44 general, MXN 312.41 border).")
    naming = _passage("The border zone got its own, higher minimum wage on 1 January 2019.")
    glossary = _passage("\n".join(["- **INFONAVIT** is the housing fund, whose law changed in 2016."] +
                                  [f"- **Term {n}** is a word defined in this glossary for visitors." for n in range(6)] +
                                  ["- **UMA** is the unit of measure, MXN 117.31 a day in 2026."]))
    chunks = [p.chunk for p in (stating, naming, glossary)]
    old = analyze("what was mexico's general minimum wage back in 2023?")
    assert table_before(old, book, today) == "minimum_wage"
    assert year_before_table(old, "minimum_wage", chunks).stating == (stating.chunk,)
    gap = year_before_table(analyze("what was the general minimum wage back in 2019?"), "minimum_wage", chunks)
    assert gap.year == 2019 and gap.stating == ()  # a date in 2019 is no figure for 2019
    # (a sentence of hundreds of characters is a list run together, not a figure stated for the year)
    assert year_before_table(analyze("What was the UMA in 2016?"), "uma", chunks).stating == ()
    # a year the table covers, the present asked, or no table: not this rule
    assert table_before(analyze("what was the minimum wage in 2024?"), book, today) is None
    assert year_before_table(analyze("minimum wage since 2019 and now?"), "minimum_wage", chunks) is None
    assert year_before_table(old, None, chunks) is None


def test_a_future_year_no_passage_mentions_is_not_answered_from_this_years_figures():
    from assistant.answer.years_asked import future_year
    from assistant.answer.extractive import compose

    passages = [_passage("From 4 June 2025 steel articles pay 50% under Section 232. The rate stays until 2027.")]
    steel_2028 = analyze("What will the US tariff on Mexican steel be in 2028?")
    assert future_year(steel_2028, passages, today_year=2026) == 2028
    assert future_year(analyze("What will the steel tariff be in 2027?"), passages, today_year=2026) is None
    assert future_year(analyze("What was the steel tariff in 2019?"), passages, today_year=2026) is None
    answer, cites, abstained = compose("What will the US tariff on Mexican steel be in 2028?", passages, 0.3,
                                       analysis=steel_2028, today_year=2026)
    assert abstained and not cites and "2028" in answer and "50%" not in answer
    spanish, _, _ = compose("¿Cuál será el arancel al acero mexicano en 2028?", passages, 0.3, lang="es", today_year=2026)
    assert spanish.startswith("No tengo fuentes sobre 2028")


def test_a_state_missing_from_a_state_by_state_list_is_named_as_not_covered():
    from assistant.answer.coverage import missing_entity

    table = _passage("| state | ISN rate |\n|---|---|\n| Baja California | 4.25% |\n| Coahuila | 3% (Saltillo) |\n"
                     "| Nuevo León | 3% |\n| Jalisco | 3% |")
    assert missing_entity(analyze("what payroll tax do they charge in Puebla?"), [table]) == "Puebla"
    assert missing_entity(analyze("¿cuánto cobra Oaxaca de impuesto sobre nómina?"), [table]) == "Oaxaca"
    assert missing_entity(analyze("payroll tax for a plant near Saltillo?"), [table]) is None  # a city of a listed state
    prose = _passage("Payroll tax is set by each state, most commonly at 3%; Coahuila charges 3%.")
    assert missing_entity(analyze("what payroll tax do they charge in Puebla?"), [prose]) is None  # not a list
    wages = _passage("The border zone covers Baja California, Sonora, Chihuahua and Tamaulipas; the general zone the rest.")
    assert missing_entity(analyze("minimum wage in Puebla in 2026?"), [wages]) is None  # the wage zone answers it


def test_a_law_we_hold_no_text_of_and_no_passage_mentions_is_named_as_not_covered():
    from assistant.answer.coverage import missing_entity

    water = _passage("New water rights come from concessions granted by CONAGUA under the national water law. "
                     "Toda empresa agrícola, industrial, minera o de cualquier otra clase está obligada a registrarse.")
    assert missing_entity(analyze("What does Mexico's mining law say about concessions?"), [water]) == "the mining law"
    assert missing_entity(analyze("¿Qué dice la Ley Minera sobre concesiones?"), [water]) == "la Ley Minera"
    assert missing_entity(analyze("¿qué dice la ley minera sobre concesiones?"), [water]) == "la Ley minera"
    # a law's full name, however long; a heading and the list under it ("protections\n(a) unlawful acts") name none
    acts = _passage("Labor protections\n(a) Unlawful acts are listed in the annex. Toda empresa debe registrarse.")
    assert missing_entity(analyze("Según la Ley Federal de Protección de Datos Personales en Posesión de los "
                                  "Particulares, ¿qué debe incluir el aviso de privacidad?"), [acts]) == (
        "la Ley Federal de Protección de Datos Personales en Posesión de los Particulares")
    # a law only cited inside one of our official texts is not one we hold
    from assistant.models import Chunk, Passage

    lisr = Passage(chunk=Chunk(id="lisr-166", doc_id="ley-del-impuesto-sobre-la-renta", ordinal=0, doc_type="law",
                               text="I. Los intereses a que se refieren los artículos 85 y 123 de la Ley General de "
                                    "Sociedades Mercantiles.", title="Ley del Impuesto sobre la Renta",
                               jurisdiction="MX", language="es", path="corpus/official/mx/lisr.pdf",
                               authority="official"), score=1.0)
    assert missing_entity(analyze("¿Cuántos socios exige la Ley General de Sociedades Mercantiles para una S.A.?"),
                          [lisr]) == "la Ley General de Sociedades Mercantiles"
    # a law a passage covers, and a law we hold the text of, are answered
    assert missing_entity(analyze("What does the water law say about concessions?"), [water]) is None
    assert missing_entity(analyze("What does the Ley Aduanera say about concessions?"), [water]) is None
    # a word that only looks like a law's subject ("even though the law …") names none
    assert missing_entity(analyze("Why isn't IEPS a big deal on IMMEX imports, even though the law covers them?"),
                          [water]) is None
    # a nationality says whose law it is, not which: the US law implementing USMCA is one we hold
    assert missing_entity(analyze("En la ley estadounidense que implementa el T-MEC, ¿cuánto se comprometió México a "
                                  "destinar a su reforma laboral?"), [water]) is None

    assert missing_entity(analyze("Does the labor law limit overtime?"), [water]) is None
    assert missing_entity(analyze("What does the law say about concessions?"), [water]) is None
    assert missing_entity(analyze("under the USMCA implementing law, do tools count as originating?"), [water]) is None
    # a tariff or HS code is a classification number, not a law
    digits = _passage("Each pedimento line carries the 8-digit tariff item (fracción arancelaria) and a 2-digit NICO.")
    assert missing_entity(analyze("How many digits does a Mexican tariff code have?"), [digits]) is None
    assert missing_entity(analyze("Which HS code covers wire harnesses?"), [digits]) is None
    # a law named by its subject is covered by a passage naming the reform on that subject
    week = _passage("Under the 40-hour week reform, the maximum work week falls by two hours a year until 2030.")
    assert missing_entity(analyze("Is the 40-hour week law already in force?"), [week]) is None
    assert missing_entity(analyze("What does the mining law say about the work week?"), [week]) == "the mining law"
    # "the law" after another noun names no law: "the longest pay period the law lets us use"
    pay = _passage("Wages of manual workers are paid at most every week; other workers at most every fifteen days.")
    assert missing_entity(analyze("What's the longest pay period the law lets us use for line workers?"), [pay]) is None


def test_a_common_noun_that_is_also_a_country_is_a_country_only_when_capitalised():
    from assistant.answer.coverage import missing_entity

    basket = _passage("Vouchers for groceries count toward the aguinaldo only if the worker agrees; it is paid in cash.")
    assert missing_entity(analyze("Can we hand out grocery baskets and a turkey instead of the aguinaldo?"), [basket]) is None
    assert missing_entity(analyze("Does Turkey have a maquila program like IMMEX?"), [basket]) == "Turkey"


def test_a_country_the_owners_come_from_is_covered_by_what_applies_to_foreign_shareholders():
    from assistant.answer.coverage import missing_entity

    registry = _passage("A company with foreign shareholders must also register in the National Foreign Investment "
                        "Registry (RNIE).")
    assert missing_entity(analyze("nuestros socios son de Taiwán; ¿en qué otro registro hay que inscribir la sociedad?"),
                          [registry]) is None
    assert missing_entity(analyze("Our parent company is based in Korea. Which registries does the Mexican sub need?"),
                          [registry]) is None
    # the country as the place asked about is still not covered
    assert missing_entity(analyze("Which registry do companies in Taiwan file their shareholders with?"),
                          [registry]) == "Taiwan"


def test_laws_are_named_the_way_people_name_them():
    from assistant.lookup import named_law

    assert named_law("En la ley estadounidense que implementa el T-MEC, ¿cuánto …?") == "19-usc-chapter-29"
    assert named_law("under the US USMCA statute, does machining count?") == "19-usc-chapter-29"
    assert named_law("what does the Mexican labor code say about holidays?") == "ley-federal-del-trabajo"
    assert named_law("In the USMCA general note's definitions, what is …?") == "htsus-general-note-11"
    assert named_law("En la ley de EU que implementa el T-MEC, ¿cada cuánto …?") == "19-usc-chapter-29"
    assert named_law("según la ley de EE. UU. que implementa el T-MEC, ¿quién …?") == "19-usc-chapter-29"


def test_a_sentence_that_points_back_never_opens_the_answer_its_antecedent_does():
    from assistant.answer.extractive import compose
    from assistant.sentences import points_back

    assert points_back("Its share of IMMEX employment is 12.1%, behind Nuevo León.")
    assert points_back("Those workers are owed double salary for the work.")
    assert not points_back("Baja California has 17.7% of all IMMEX establishments.")
    assert not points_back("Italy is not covered.")  # a word, not a pronoun
    assert not points_back("This knowledge base has no reliable, dated turnover percentage to quote.")  # named outright
    # a condition on what was said before: "If it decides there is, …" reads only after the sentence it answers
    assert points_back("If it decides there is, the USTR submits a request for review to Mexico.")
    assert points_back("If so, the fee applies.") and points_back("Si no, el patrón paga la diferencia.")
    assert not points_back("If the goods arrive by vessel, the HMF applies.")
    assert not points_back("Si no se presenta el aviso, se pierde el beneficio.")  # a condition of its own
    assert not points_back("When it comes to wages, the border zone pays more.")
    assert points_back("Es la modalidad más común.")  # Spanish drops the subject: the item before it
    assert points_back("Son los más usados en la frontera.")
    assert not points_back("Es obligatorio registrar a cada trabajador ante el IMSS.")  # impersonal: says it all
    passages = [_passage("Mexico has over 6,000 IMMEX establishments. Baja California has the most IMMEX plants of "
                         "any state. Its share of all IMMEX plants is 17.7%, ahead of Nuevo León at 13.6%.")]
    answer, cites, abstained = compose("What share of IMMEX plants does the state with the most plants have?",
                                       passages, 0.3, today_year=2026)
    assert not abstained
    # (the two read as one sentence: assistant.answer.joined)
    assert answer.startswith("Baja California has the most IMMEX plants of any state; its share of all IMMEX "
                             "plants is 17.7%")


def test_a_deadline_question_gets_the_day_when_its_best_sentence_only_gives_a_period():
    from assistant.answer.extractive import compose

    passages = [_passage("Existing collective bargaining agreements had to be legitimated within four years of the "
                         "2019 reform. The four-year period ran to 1 May 2023. Contracts not legitimated were "
                         "terminated, but workers kept their benefits above the legal minimum.")]
    answer, _, abstained = compose("What was the deadline for legitimating the old collective bargaining agreements?",
                                   passages, 0.3, today_year=2026)
    assert not abstained and "1 May 2023" in answer
    assert answer.index("within four years") < answer.index("1 May 2023")  # the best sentence still leads
    # a period does not say by when; "when did it start?" is answered by a year, "how long" by a period
    from assistant.answer.fit import holds_answer

    assert not holds_answer(analyze("What was the deadline for the vote?"), "It had to happen within four years.")
    assert holds_answer(analyze("When did the maquiladora industry start?"), "The program was launched in 1965.")
    assert holds_answer(analyze("How long can inputs stay?"), "Inputs may stay 18 months.")
    # a period in the law's singular words, or in minutes: "un mes", "media hora", "30 minutos"
    assert holds_answer(analyze("¿Cuánto tiempo tiene el patrón para despedirlo?"), "Prescriben en un mes las acciones.")
    assert holds_answer(analyze("¿Cuánto descanso hay?"), "Se concederá un descanso de media hora, por lo menos.")
    assert holds_answer(analyze("How long is the break?"), "The break lasts 30 minutes.")
    assert not holds_answer(analyze("¿Cuánto tiempo tiene?"), "El 1o. de mayo es día de descanso obligatorio.")
    assert not holds_answer(analyze("How much is the fee?"), "The fee is set by article 49 in 2026.")


def test_a_period_written_in_words_is_the_figure_a_how_long_question_asks_for():
    from assistant.answer.extractive import compose

    passages = [_passage("New hires must be reported to the IMSS within five business days. The IMSS contributions "
                         "of each new hire are reported and paid by the 17th day of the following month, every two "
                         "months for the retirement items.")]
    answer, _, abstained = compose("How many days do we have to report a new hire to the IMSS?", passages, 0.3,
                                   today_year=2026)
    assert not abstained and answer.startswith("New hires must be reported")


def test_by_when_is_answered_by_a_day_or_a_period_counted_from_an_event_not_by_any_span_of_time():
    from assistant.answer.fit import type_fit

    q = analyze("By when do we have to pay out the workers' profit sharing each year?")
    assert type_fit(q, "Each worker's share is capped at 3 months of salary.", "") < 0
    assert type_fit(q, "Companies pay it by the end of May.", "") > 0
    assert type_fit(q, "Companies must pay it within 60 days after the annual return is due.", "") > 0
    # "how much do we pay?" is answered by a multiple as well as by a number
    how_much = analyze("If the line runs on 16 September, how much do we pay the people working that day?")
    assert type_fit(how_much, "Those workers are owed double salary for the work.", "") > 0
    assert type_fit(how_much, "The employer and the workers agree who will work.", "") < 0


def test_a_figure_question_whose_best_sentence_says_no_figure_is_held_counts_as_an_abstention():
    """When the sentence that answers says our sources hold no figure ("no reliable market range … was found"), the
    answer says so first and is an abstention, although a neighbouring sentence carries some other number."""
    from assistant.answer.extractive import compose

    passages = [_passage("Turnover among maquiladora operators is high; no reliable monthly turnover rate by city was "
                         "found for this knowledge base, so ask local industrial parks. A plant of 300 operators "
                         "usually runs two shifts.")]
    answer, cites, abstained = compose("What monthly turnover rate do maquilas have in Reynosa?", passages, 0.3,
                                       today_year=2026)
    assert abstained and cites
    assert answer.startswith("I have no figure for that in the knowledge base") and "no reliable monthly" in answer


def test_a_price_in_another_measure_does_not_answer_a_price_per_kwh():
    from assistant.answer.extractive import compose
    from assistant.answer.fit import measures

    assert measures("cost per kwh in the bajio") == {"energy"}
    assert measures("rent of us$0.67 per square foot") == measures("us$7.20 per m² a month") == {"area"}
    passages = [_passage("Industrial rent in the Bajío averages US$3.95 per m² per month. The cost per kWh of a plant "
                         "depends on its load profile, its contracted demand and its region. Electricity is quoted "
                         "per project.")]
    answer, _, abstained = compose("What will electricity cost per kWh for a plant in the Bajío?", passages, 0.3,
                                   today_year=2026)
    # no price per kWh on file: said first, then the sentence about what the price depends on, not the rent
    assert abstained and answer.startswith("I have no figure for that") and "The cost per kWh" in answer
    assert "3.95" not in answer
    # asked per m², a rent per square foot is the same measure and may lead
    answer, _, _ = compose("What is the industrial rent per m² in Monterrey?",
                           [_passage("Industrial rent in Monterrey averages US$0.67 per square foot per month.")], 0.3,
                           today_year=2026)
    assert answer.startswith("Industrial rent in Monterrey averages US$0.67")


def test_a_price_per_kilo_is_not_answered_by_a_container_rate_nor_by_a_figure_in_no_measure():
    from assistant.answer.extractive import compose
    from assistant.answer.fit import measures

    assert measures("air freight rate per kilo") == measures("usd 4.10 per kg") == {"weight"}
    passages = [_passage("On 15 January 2026 the Shanghai–Los Angeles rate was $2,909 per 40 ft container. The "
                         "Merchandise Processing Fee is 0.3464% of the value of each formal entry.")]
    answer, _, abstained = compose("What's the going air freight rate per kilo from Shenzhen to Guadalajara?", passages,
                                   0.3, today_year=2026)
    assert abstained and answer.startswith("I have no figure for that")


def test_an_export_destination_abroad_is_covered_by_what_applies_outside_the_usmca():
    from assistant.answer.coverage import missing_entity

    rule = _passage("Article 2.5 does not apply to inputs in products exported to countries outside the USMCA, such as "
                    "Europe, or to products sold in Mexico.")
    assert missing_entity(analyze("What about products we export to Germany?"), [rule]) is None
    assert missing_entity(analyze("¿Y lo que exportamos a Alemania?"), [rule]) is None
    # not a destination: a place to compare with, or to produce in, is still not covered
    assert missing_entity(analyze("Is Germany cheaper than Mexico for assembly?"), [rule]) == "Germany"
    other = _passage("Inputs imported under IMMEX may stay 18 months.")
    assert missing_entity(analyze("What about products we export to Germany?"), [other]) == "Germany"


def test_a_guide_close_in_meaning_lets_a_visitors_own_words_cover_less_of_it():
    from assistant.answer.extractive import COVERAGE_RELIEF, STRONG_SUPPORT, compose

    text = "Moulds that a US buyer ships free of charge to its Mexican contract manufacturer are assists under CBP rules."
    question = "We send our own injection molds down to the plant for free. Does CBP care when we import the parts?"
    close, loose = _passage(text), _passage(text)
    close.dense, loose.dense = STRONG_SUPPORT + 0.1, STRONG_SUPPORT - 0.1
    # a coverage threshold just above what the sentence holds, within the relief
    probe, _, _ = compose(question, [loose], 0.3, min_coverage=0.0)
    assert probe.startswith("Moulds")
    from collections import Counter

    from assistant.answer.extractive import _candidates
    from assistant.answer.topics import conversational
    from assistant.index.lexical import tokenize

    counts = Counter(t for t in tokenize(question) if t not in conversational())  # as compose counts them
    covered = _candidates(analyze(question), [loose], lambda t: 1.0, counts, 2026, "en")[0].covered
    needed = covered + COVERAGE_RELIEF / 2
    answer, _, abstained = compose(question, [close], 0.3, min_coverage=needed)
    assert not abstained and answer.startswith("Moulds")
    _, _, abstained = compose(question, [loose], 0.3, min_coverage=needed)
    assert abstained


def test_spanish_and_english_sentences_meanings_are_put_on_one_scale():
    """The English model finds any two Spanish texts alike: a Spanish question's Spanish sentences come out closer in
    meaning than its English gloss's English ones. Each language is centered on its own mean."""
    import numpy as np

    from assistant.answer import extractive
    from assistant.answer.bilingual import center_by_language
    from assistant.models import Chunk, Passage

    def passage(lang: str) -> Passage:
        chunk = Chunk(id=f"c-{lang}", doc_id=f"d-{lang}", text="x", ordinal=0, title="t", doc_type="guide",
                      jurisdiction="US", language=lang, path=f"corpus/{lang}.md")
        return Passage(chunk=chunk, score=1.0, dense=0.6)

    meaning = extractive._F["meaning"]

    def cand(rank: int, value: float):
        row = np.zeros(len(extractive.ranking.FEATURES))
        row[meaning] = value
        return extractive._Candidate(rank, 0, "s", frozenset(), 0.0, 0.5, True, features=row)

    spanish = [cand(0, v) for v in (0.66, 0.64, 0.62)]  # unrelated Spanish sentences, all "close"
    english = [cand(1, v) for v in (0.63, 0.45, 0.44)]  # the English one that answers stands out in its language
    center_by_language(spanish + english, [passage("es"), passage("en")])
    values = [c.features[meaning] for c in spanish + english]
    assert max(values) == english[0].features[meaning]
    assert np.isclose(np.mean(values), np.mean([0.66, 0.64, 0.62, 0.63, 0.45, 0.44]))
    one_language = [cand(0, 0.7), cand(0, 0.5)]
    center_by_language(one_language, [passage("es")])
    assert [c.features[meaning] for c in one_language] == [0.7, 0.5]


def test_no_coverage_relief_for_a_spanish_question():
    """The English model finds any Spanish text close to a Spanish question ("¿Quién ganó el mundial?" near a
    Spanish guide on vacations): closeness in meaning lowers no bar there."""
    from assistant.answer.extractive import COVERAGE_RELIEF, STRONG_SUPPORT, _coverage_needed

    english = _passage("Moulds shipped free of charge to a contract manufacturer are assists.")
    english.dense = STRONG_SUPPORT + 0.1
    spanish = _passage("Las vacaciones aumentan dos días por año de servicio.")
    spanish.chunk.language, spanish.dense = "es", STRONG_SUPPORT + 0.1
    assert _coverage_needed([english], 0.2, "en") == 0.2 - COVERAGE_RELIEF
    assert _coverage_needed([spanish], 0.2, "es") == 0.2
    assert _coverage_needed([english], 0.2, "es") == 0.2


def test_an_article_annex_or_list_number_is_not_the_figure_a_how_much_question_asks_for():
    from assistant.answer.fit import type_fit

    q = analyze("What fine can customs impose if we don't keep the Annex 24 system?")
    assert type_fit(q, "LA art. 59-I lets the authority presume the goods are foreign (Annex 24).", "") < 0
    assert type_fit(q, "The fine is MXN 23,910 to MXN 47,860 (Ley Aduanera art. 185-B).", "") > 0
    rate = analyze("What rate do List 3 goods pay?")
    assert type_fit(rate, "Section 301 List 3 covers goods under 19 U.S.C. § 2411.", "") < 0
    assert type_fit(analyze("¿En qué año empezó la industria maquiladora?"), "El programa nació en 1965.", "") > 0


def test_the_camaras_reform_notes_are_told_apart_from_the_laws_text():
    from assistant.sentences import reform_note

    assert reform_note("Párrafo reformado DOF 16-01-2009")
    assert reform_note("Fracción reformada DOF 31-12-1998, 30-12-2002 Multa de la fracción actualizada DOF "
                       "01-03-2002, 28-04-2003, 04-04-2005")
    assert reform_note("Artículo adicionado DOF 01-05-2019")
    assert reform_note("Reformada DOF 30-12-2002 Multa de la fracción actualizada DOF 28-04-2003, 04-04-2005")
    assert not reform_note("Artículo 74. Son días de descanso obligatorio: el 1o. de enero y el 25 de diciembre.")
    assert not reform_note("Las horas de trabajo extraordinario se pagarán con un ciento por ciento más.")

    from assistant.sentences import editorial

    # the decree's header, the Cámara's publication notes and headings in capitals are not the law's words either
    assert editorial("Al margen un sello con el Escudo Nacional, que dice: Estados Unidos Mexicanos.- Presidencia de "
                     "la República.")
    assert editorial("Nueva Ley publicada en el Diario Oficial de la Federación el 29 de diciembre de 1978")
    assert editorial("Última reforma publicada DOF 21-02-2025") and editorial("Fe de erratas DOF 30-01-1980.")
    assert editorial("LEY DEL IMPUESTO AL VALOR AGREGADO") and editorial("Párrafo reformado DOF 16-01-2009")
    assert not editorial("El presente Decreto entrará en vigor al día siguiente de su publicación en el Diario "
                         "Oficial de la Federación.")
    assert not editorial("Artículo 74. Son días de descanso obligatorio: el 1o. de enero y el 25 de diciembre.")
    # nor the decree's closing: its promulgation formula and the place and date of its signatures
    assert editorial("En cumplimiento de lo dispuesto por la fracción I del Artículo 89 de la Constitución Política de "
                     "los Estados Unidos Mexicanos, y para su debida publicación y observancia, expido el presente Decreto.")
    assert editorial("Ciudad de México, a 13 de febrero de 2025.- Dip. Sergio Gutiérrez Luna, Presidente.")
    assert not editorial("Las empresas de la Ciudad de México, a partir de 2025, deberán registrarse.")
    from assistant.sentences import cut_off

    assert cut_off("the regional value content shall be calculated, at the choice of the producer, on the basis of")
    assert not cut_off("La importación temporal de mercancías de las maquiladoras, y")  # a fracción going on
    assert not cut_off("Raw materials may stay 18 months.")
    from assistant.sentences import ended

    # shown on its own, a fracción going on ends where it is cut, not on its "y"
    assert ended("El reparto tendrá como límite tres meses de salario, y") == "El reparto tendrá como límite tres meses de salario."
    assert ended("Los días de descanso son el 1o. de mayo; y") == "Los días de descanso son el 1o. de mayo."
    assert ended("Oro y plata") == "Oro y plata"

    from assistant.answer.extractive import compose
    from assistant.models import Chunk, Passage

    law = Chunk(id="la-185", doc_id="ley-aduanera", ordinal=0, title="Ley Aduanera", doc_type="law", jurisdiction="MX",
                language="es", path="official/mx/ley-aduanera.pdf", authority="official", page=150,
                text="Artículo 185. Se aplicará multa de 23,910 a 47,860 pesos por no llevar el control de inventarios.\n"
                     "Multa reformada DOF 30-12-2002 Multa actualizada DOF 28-04-2003, 04-04-2005, 10-04-2006 y multa "
                     "de inventarios 09-05-2007.")
    answer, _, abstained = compose("¿De cuánto es la multa por no llevar el control de inventarios?",
                                   [Passage(chunk=law, score=1.0, dense=0.8)], 0.3, lang="es", today_year=2026)
    assert not abstained and "23,910" in answer and "DOF" not in answer


def test_a_follow_up_that_borrows_the_subject_names_what_its_answer_is_about():
    from assistant.answer.condense import follow_up_core

    history = [Turn(role="user", content="Do Mexican heavy trucks pay the Section 232 duty?"),
               Turn(role="assistant", content="Yes, 25% from 1 November 2025.")]
    assert follow_up_core("And for auto parts?", history) == "for auto parts"
    assert follow_up_core("and buses?", history) == "buses"
    assert follow_up_core("And in Tijuana?", history) is None  # replaces a slot of the previous question
    assert follow_up_core("How long can raw materials stay in Mexico under IMMEX?", history) is None  # its own
    assert follow_up_core("and buses?", []) is None
    from assistant.answer.condense import follow_up_focus

    assert follow_up_focus("And for control panels of heading 8537?", history) == ("control", "panel", "head", "8537")
    assert follow_up_focus("And what rate applies to that?", history) == ()  # a question of its own


def test_comparing_the_labor_cost_of_places_in_two_wage_zones_leads_with_each_places_minimum_wage():
    book, today = load_rates(), date(2026, 12, 1)
    fact = table_fact(analyze("Juárez vs Monterrey for a 300 person plant, labor cost wise which is cheaper?"), book,
                      today)
    assert fact is not None and "Juárez, northern border zone (ZLFN): MXN 440.87" in fact.text
    assert "Monterrey, general zone: MXN 315.04" in fact.text
    assert table_fact(analyze("Monterrey vs Saltillo, labor cost wise?"), book, today) is None  # one zone: no contrast
    assert table_fact(analyze("Juárez vs Monterrey: which has better logistics?"), book, today) is None


def test_a_country_named_only_in_passing_is_not_covered():
    from assistant.answer.coverage import missing_entity

    passing = _passage("US tariffs on Chinese goods have pushed part of US sourcing from China towards Mexico, Vietnam "
                       "and other countries.")
    question = analyze("Vietnam export processing zones - what are the rules? thinking vietnam instead of mexico")
    assert missing_entity(question, [passing]) == "Vietnam"
    on_topic = _passage("Vietnam's export processing zones exempt inputs from import duty.")
    assert missing_entity(question, [passing, on_topic]) is None
    assert missing_entity(analyze("Do Vietnam's tariffs push sourcing to Mexico?"), [passing]) is None


def test_a_country_goods_come_from_is_covered_by_what_applies_to_inputs_from_outside_the_region():
    """"Our Mexican plant imports steel coils from Korea. Do we pay Mexican duty on them under IMMEX?" was told "I have
    no source on Korea": the rules for inputs from countries without a trade agreement answer it."""
    from assistant.answer.coverage import missing_entity

    rule = _passage("Since 1 January 2026 Mexico charges tariffs of 5% to 50% on goods from countries without a trade "
                    "agreement with Mexico; under IMMEX, inputs are imported temporarily without duty.")
    asked = analyze("Our Mexican plant imports steel coils from Korea. Do we pay Mexican duty on them under IMMEX?")
    assert missing_entity(asked, [rule]) is None
    assert missing_entity(analyze("Does Korea have a maquila program like IMMEX?"), [rule]) == "Korea"
    pcbs = _passage("Non-originating materials must undergo the tariff shift the product-specific rule requires.")
    for supplier in ("Our supplier in Taiwan sends PCBs to our Mexican plant. Does that break USMCA origin?",
                     "Do Taiwan components in a board assembled in Mexico break USMCA origin?"):
        assert missing_entity(analyze(supplier), [pcbs]) is None


def test_a_sentences_traits_are_read_once_and_hold_what_the_fit_functions_weigh():
    from assistant.answer.fit import traits

    t = traits("From 1 May 2026 the border zone pays MXN 440.87 a day under article 90 (HTS 8471.30).")
    assert t.years == {2026} and t.codes == {"8471.30"} and t.date and t.money_or_pct and t.figure
    assert t.border_zone and not t.general_zone and "article 90" in t.references
    assert not traits("Article 108 applies since 2019.").figure  # an article number and a year are not figures
    assert traits("Overtime is paid at double the rate.").figure
    assert traits("It is the same sentence.") is traits("It is the same sentence.")  # remembered, not re-read


def test_a_follow_up_is_answered_with_what_the_previous_answer_did_not_already_say():
    from assistant.answer.extractive import compose

    passages = [_passage("Raw materials, parts and components may stay in Mexico for up to 18 months under IMMEX. "
                         "Containers and trailer boxes may stay in Mexico for up to 2 years under IMMEX. "
                         "Machinery and equipment may stay for as long as the IMMEX program is in force.")]
    question = "how long can raw materials stay in mexico under IMMEX and the trailer boxes"
    said = "Raw materials, parts and components imported temporarily under IMMEX may stay up to 18 months."
    before, _, _ = compose(question, passages, 0.3, max_sentences=1)
    after, _, _ = compose(question, passages, 0.3, max_sentences=1, said=said)
    assert before.startswith("Raw materials")  # without the earlier turn the raw materials' period answers
    assert after.startswith("Containers") and "18 months" not in after  # after it, what is new comes first


def test_a_question_naming_a_tariff_code_the_best_guide_holds_is_answered_by_the_rule_not_the_example():
    """The embedding model reads "9802.00.80" as noise, so "How does 9802.00.80 work?" is far from every passage;
    the best guide naming the code covers the question. A worked example's sentence ("Without 9802.00.80 the duty
    would be $3.50 per unit") does not lead a question asking how a rule works, though it may lead one asking for a
    figure or a calculation."""
    from assistant.answer.extractive import compose

    rule = _passage("Under HTSUS 9802.00.80, an article assembled abroad from US components pays duty on its full "
                    "value less the cost or value of the US components.").model_copy(update={"dense": 0.31})
    example = rule.model_copy(update={"chunk": rule.chunk.model_copy(update={
        "id": "c2", "section": "Worked example of the 9802.00.80 duty saving",
        "text": "Without 9802.00.80 the duty would be $3.50 per unit (3.5% of $100). Under 9802.00.80 the "
                "dutiable base is $40, so the duty is $1.40 per unit."}), "dense": 0.28})
    answer, _, abstained = compose("How does 9802.00.80 work?", [example, rule], 0.4, today_year=2026)
    assert not abstained and answer.startswith("Under HTSUS 9802.00.80, an article assembled abroad")
    answer, _, _ = compose("How is the 9802.00.80 duty calculated per unit?", [example, rule], 0.4, today_year=2026)
    assert answer.startswith("Without 9802.00.80") or answer.startswith("Under 9802.00.80 the dutiable base")
    _, _, abstained = compose("How does 9802.00.60 work?", [example, rule], 0.4, today_year=2026)
    assert abstained  # a code the guide does not name: its distance decides


def test_a_why_question_is_not_led_by_a_worked_examples_setup():
    """ "Why would qualifying for USMCA increase the Mexican duty …?" wants the rule's reason, not "In this hypothetical
    example, an IMMEX plant imports components with a customs value of US$50,000 …"."""
    from assistant.answer.examples import example_fit

    why = analyze("Why would qualifying our goods for USMCA increase the Mexican duty on our Chinese components?")
    assert example_fit(why, "USMCA Article 2.5 > Worked example of the USMCA Article 2.5 calculation") < 0
    assert example_fit(why, "USMCA Article 2.5 > The lesser of the two formula") == 0
    # asked for an example or a calculation, the worked example may lead
    assert example_fit(analyze("Why does the Article 2.5 example end with a duty of US$5,000? Show the calculation."),
                       "Worked example of the USMCA Article 2.5 calculation") == 0


def test_a_figure_question_is_not_led_by_the_figures_a_worked_example_assumes():
    """ "What basic severance does the law require?" is not answered by the example's case ("A permanent operator in
    Querétaro with five full years of service and a daily salary of MXN 400 is dismissed …") nor the Christmas bonus by
    an example's assumptions ("Legal minimum benefits only: 15-day aguinaldo, 12 vacation days …"); the example's
    result may lead."""
    from assistant.answer.examples import example_fit
    from assistant.text import fold

    severance = analyze("We're letting an operator go without a valid cause. What basic severance does the law require?")
    assert example_fit(severance, "Severance and the seniority premium > Worked example at 2026 wages", 0) < 0
    assert example_fit(severance, "Severance and the seniority premium > Worked example at 2026 wages", 1) == 0
    bonus = analyze("My HR lead says the Christmas bonus is mandatory — what's the legal minimum amount?")
    assert example_fit(bonus, "Labor cost > Assumptions for the labor cost worked example", 3) < 0
    assert example_fit(bonus, "Aguinaldo > How much the aguinaldo is", 0) == 0
    # a sentence saying its figure is assumed, wherever it stands, states no rate on file
    mfn = analyze("What is the MFN duty on circuit breakers?")
    section = "HTSUS 9802.00.80 > Worked example of the 9802.00.80 duty saving"
    assert example_fit(mfn, section, 3, fold("Assume, for illustration only, an MFN duty rate of 3.5%.")) < 0
    assert example_fit(mfn, "Stacking", 2, fold("Take a product with an assumed MFN rate of 2.6% (illustration only).")) < 0
    assert example_fit(mfn, "Layer 1: MFN duty", 1, fold("Many electronics lines are free or under 5%.")) == 0


def test_a_formulas_times_100_is_not_a_figure():
    """"RVC = (NC − VNM) / NC × 100" gives no figure: it does not answer "What RVC do most rules ask for?"."""
    from assistant.answer.fit import traits

    assert not traits("Under the net cost method, RVC = (NC − VNM) / NC × 100.").figure
    assert traits("RVC = (180 − 75) / 180 × 100 = 58.3%").figure
    assert traits("The tax is 100 pesos.").figure


def test_a_count_is_a_number_of_things_not_a_share_nor_a_sum():
    """"How many IMMEX plants …?" is answered by "6,551 IMMEX establishments", not by "17.7% of all IMMEX
    establishments"; an article range ("arts. 181 to 183") is no figure at all."""
    from assistant.answer.fit import traits, type_fit

    assert traits("INEGI counted 6,551 IMMEX establishments in May 2025.").count
    assert traits("IMMEX establishments employed 3.23 million people.").count
    assert traits("There are eight fixed mandatory rest days.").count
    assert not traits("Baja California has 17.7% of all IMMEX establishments (INEGI, 2025).").count
    assert not traits("The fee is $33.58 per entry, or MXN 315.04 a day.").count
    assert not traits("Tax law speaks of maquila operations (LISR arts. 181 to 183).").figure
    q = analyze("How many IMMEX plants are there in Mexico?")
    assert type_fit(q, "Mexico had 6,551 IMMEX establishments.", "") > type_fit(q, "Baja California has 17.7% of them.", "")
    share = analyze("What share of IMMEX plants is in Baja California?")
    assert type_fit(share, "Baja California has 17.7% of them.", "") > type_fit(share, "Mexico had 6,551 of them.", "")


def test_hay_que_is_must_and_hay_alone_is_there_are():
    from assistant.answer.gloss import english_gloss

    assert "must" in english_gloss("¿Cuántos años hay que conservar los pedimentos?")
    assert "must" not in english_gloss("¿Cuántas empresas IMMEX hay en México?")


def test_the_stemmer_does_not_merge_ratings_with_rate():
    """"What ratings does the VAT certification have?" was led by the 16% VAT rate: the stemmer made "ratings" and
    "rate" one word."""
    from assistant.tokens import tokenize

    assert tokenize("certification ratings")[-1] == "rating" and tokenize("the ratings")[-1] == tokenize("rating")[-1]
    assert tokenize("ratings")[0] not in tokenize("the VAT rate and the duty rates")


def test_a_spanish_what_is_question_about_an_acronym_keeps_it_and_gets_its_spelling_out():
    """"¿Qué es el REPSE?" was answered by sentences about specialized services: its gloss dropped the acronym the
    English guide writes, and the opening "¿" hid the "qué es" that asks for the acronym's name."""
    from assistant.answer.acronyms import asked_acronyms
    from assistant.answer.gloss import english_gloss

    assert asked_acronyms(analyze("¿Qué es el REPSE?")) == ("REPSE",)
    assert "REPSE" in english_gloss("¿Qué es el REPSE?").split()
    assert "SAT" not in english_gloss("¿Lo revisa el SAT?").split()


@pytest.mark.parametrize("question, acronyms", [
    ("What is REPSE?", ("REPSE",)),
    ("What is the IMMEX program?", ("IMMEX",)),
    ("What does SCCCyG stand for?", ("SCCCyG",)),
    ("What is the SCCCyG that our consultant keeps mentioning?", ("SCCCyG",)),
    # an acronym that only qualifies what is asked about is not what is asked to be spelled out
    ("¿Qué es la regla de minimis del T-MEC?", ()),
    ("What is the USMCA de minimis rule?", ()),
    ("What is the de minimis rule under the USMCA?", ()),
])
def test_what_is_asks_to_spell_out_the_acronym_it_is_about_not_one_that_qualifies_it(question, acronyms):
    from assistant.answer.acronyms import asked_acronyms

    assert asked_acronyms(analyze(question)) == acronyms


def test_a_law_sentence_naming_its_subject_by_the_paragraph_before_it_never_stands_alone():
    """"En todo caso, el monto del aguinaldo a que se refiere el párrafo anterior, no será inferior a treinta días"
    (a pensioners' rule) led "¿Cuándo se paga el aguinaldo?": out of its article it speaks of an unnamed subject.
    It may follow the paragraph it refers to, never open an answer nor stand without that paragraph."""
    from assistant.answer.extractive import compose
    from assistant.sentences import refers_back

    assert refers_back("el monto del aguinaldo a que se refiere el párrafo anterior, no será inferior a treinta días.")
    assert refers_back("The amount determined under the preceding paragraph is the base.")
    assert not refers_back("El aguinaldo deberá pagarse antes del día veinte de diciembre.")
    def spanish(text: str, chunk_id: str, dense: float):
        passage = _passage(text)
        return passage.model_copy(update={"dense": dense, "chunk": passage.chunk.model_copy(
            update={"language": "es", "id": chunk_id})})

    pension = spanish("El monto de la pensión de los pensionados se fija cada año. En todo caso, el aguinaldo anual a "
                      "que se refiere el párrafo anterior no será inferior a treinta días.", "c1", 0.8)
    law = spanish("Los trabajadores tendrán derecho a un aguinaldo anual que deberá pagarse antes del día veinte de "
                  "diciembre.", "c2", 0.6)
    answer, _, _ = compose("¿Cuándo se paga el aguinaldo anual?", [pension, law], 0.4, lang="es", today_year=2026)
    assert answer.startswith("Los trabajadores tendrán derecho") and "treinta días" not in answer


def test_a_visitors_car_is_the_guides_automobile_and_hecho_en_mexico_is_made_in_mexico():
    """"What tariff does a car made in Mexico pay in the US?" was led by the history of 9802.00.80: "car" shared no
    word with "a 25% Section 232 tariff on imported automobiles"."""
    from assistant.answer.gloss import english_gloss
    from assistant.tokens import tokenize

    assert tokenize("a car, cars and auto parts") == tokenize("an automobile, automobiles and automobile parts")
    gloss = english_gloss("¿Qué arancel paga un auto hecho en México en Estados Unidos?")
    assert "made in mexico" in gloss and "United States" in gloss


def test_year_n_of_service_is_the_vacation_tables_row_n():
    book = load_rates()
    fact = table_fact(analyze("vacation days in year 5"), book, date(2026, 12, 1))
    assert fact is not None and "20 days" in fact.text
    assert "14" in table_fact(analyze("¿Cuántas vacaciones en el año 2?"), book, date(2026, 12, 1)).text
    assert table_fact(analyze("vacation days in 2026"), book, date(2026, 12, 1)) is None  # a calendar year


def test_a_sentence_saying_we_hold_no_figure_answers_a_figure_question_plainly():
    """"How much does a shelter cost?" was led by the shelter client's income-tax rule, the one sentence nearby with
    percentages; the guide's "We hold no verified published benchmark for shelter fees" is the plain answer."""
    from assistant.answer.fit import holds_answer, traits, type_fit

    q = analyze("How much does a shelter cost?")
    honest = "We hold no verified published benchmark for shelter fees, so request quotes."
    assert traits(honest).no_figure and holds_answer(q, honest)
    assert type_fit(q, honest, "") > type_fit(q, "The client reimburses wages and rent at cost.", "")
    assert traits("No reliable published market range for shelter fees was found for this knowledge base.").no_figure
    assert traits("This knowledge base has no reliable, dated turnover percentage to quote.").no_figure
    assert not traits("Shelter fees are quoted per head per month.").no_figure


def test_the_exchange_rate_is_the_asked_months_fix_average_or_the_latest_on_file():
    book = load_rates()
    latest = table_fact(analyze("What is the exchange rate?"), book, date(2026, 12, 5))
    assert latest is not None and "Banco de México FIX" in latest.text and "latest on file" in latest.text
    mid_2024 = table_fact(analyze("What was the peso to dollar exchange rate in 2024?"), book, date(2026, 12, 5))
    assert "18.2174" in mid_2024.text and "latest on file" not in mid_2024.text
    assert "pesos por dólar" in table_fact(analyze("¿Cuál es el tipo de cambio?"), book, date(2026, 12, 5), "es").text


def test_the_life_of_a_program_is_a_span_of_time():
    from assistant.answer.fit import traits

    assert traits("Machinery may stay in Mexico for the life of the program.").duration
    assert traits("La maquinaria puede permanecer por la vigencia del programa.").duration
    assert not traits("The program requires an annual report.").duration


def test_a_guide_leads_over_a_laws_sentence_out_of_its_article_that_fits_as_well():
    """"¿Cuál es la tasa del impuesto sobre la renta para empresas?" was led by a non-resident's 25% withholding, a
    Spanish law's sentence out of its article, over the guide's 30%."""
    from assistant.answer.extractive import compose

    def spanish(text: str, chunk_id: str, authority: str):
        passage = _passage(text)
        return passage.model_copy(update={"chunk": passage.chunk.model_copy(
            update={"language": "es", "id": chunk_id, "authority": authority})})

    law = spanish("La tasa del impuesto sobre la renta de las empresas es de 25%.", "c1", "official")
    guide = spanish("La tasa del impuesto sobre la renta de las empresas es de 30%.", "c2", "curated")
    answer, _, _ = compose("¿Cuál es la tasa del impuesto sobre la renta de las empresas?", [law, guide], 0.4,
                           lang="es", today_year=2026)
    assert answer.startswith("La tasa del impuesto sobre la renta de las empresas es de 30%")


def test_a_monthly_minimum_wage_is_the_daily_wage_times_30_4():
    book = load_rates()
    fact = table_fact(analyze("How much is the minimum wage per month in Tijuana?"), book, date(2026, 12, 1))
    assert "MXN 440.87 a day, MXN 13,402.45 a month (× 30.4)" in fact.text
    daily = table_fact(analyze("What is the minimum wage in Tijuana?"), book, date(2026, 12, 1))
    assert "a month" not in daily.text


@pytest.mark.parametrize("question", [
    "For a first-year guy on the general min wage in 2026, what does the 2% retiro contribution come to per day?",
    "¿De cuánto es la prima dominical mínima para un operador que gana el salario mínimo?",
    "What severance would a minimum wage worker get after three years?",
])
def test_a_question_about_something_paid_on_the_minimum_wage_is_not_answered_by_the_wage(question):
    """The minimum wage is what such a question computes with, not what it asks for: no minimum-wage row leads."""
    fact = table_fact(analyze(question), load_rates(), date(2026, 12, 1))
    assert fact is None or "315.04" not in fact.text



def test_whether_a_law_is_already_in_force_is_answered_by_its_dates_not_by_its_hours():
    from assistant.answer.fit import type_fit

    q = analyze("Is the 40-hour week law already in force?")
    dates = "The maximum work week stays at 48 hours in 2026 and falls by two hours a year until it reaches 40 hours in 2030."
    hours = "Under the 40-hour week reform, employers may not reduce workers' wages or benefits."
    assert type_fit(q, dates, "") > 0 > type_fit(q, hours, "")


def test_a_definition_question_prefers_the_sentence_that_opens_with_its_subject_and_says_what_it_does():
    from assistant.answer.fit import type_fit

    q = analyze("¿Qué es el Anexo 24?")
    assert type_fit(q, "El Anexo 24 de las RGCE fija los datos mínimos del control de inventarios.", "") > 0
    assert type_fit(q, "Si la empresa no lleva el control de inventarios del Anexo 24, la ley presume lo peor.", "") == 0
    english = analyze("What is Annex 24?")
    assert type_fit(english, "Annex 24 (Anexo 24) of Mexico's foreign-trade rules sets the minimum data.", "") > 0
    assert type_fit(english, "Annex 24 balances must match the SCCCyG initial inventory.", "") == 0


def test_whether_something_applies_is_not_answered_by_what_it_is():
    from assistant.answer.fit import type_fit

    q = analyze("Does a USMCA good pay the MPF?")
    definition = "The Merchandise Processing Fee (MPF) is a US customs user fee that pays for CBP's processing."
    rule = "The USMCA removes the Merchandise Processing Fee on originating goods."
    assert type_fit(q, definition, "") < type_fit(q, rule, "") == 0
    # "is it a …?": a definition may answer
    assert type_fit(analyze("Is IMMEX a customs program?"), "IMMEX is a program of the Ministry of Economy.", "") == 0


@pytest.mark.parametrize("question", [
    "What happens if we miss the IMMEX annual report?",
    "¿Qué pasa si no presentamos el reporte anual IMMEX?",
    "What happens to the Section 301 duty?",
])
def test_what_happens_if_asks_for_the_consequence(question):
    from assistant.answer.fit import type_fit

    q = analyze(question)
    assert q.answer_type == "other" and q.asks_consequence
    assert type_fit(q, "If the report is not filed by the May deadline, the program is suspended.", "") > 0
    assert type_fit(q, "The IMMEX annual report is due by the last business day of May.", "") == 0
    assert not analyze("What is the IMMEX annual report?").asks_consequence


def test_a_what_kinds_question_is_a_list_answered_first_by_the_sentence_that_counts_the_kinds():
    """ "What kinds of IMMEX programs are there?" asks for a list: "… defines five modalities" sums it up and leads,
    before a sentence describing one of them."""
    from assistant.answer.fit import type_fit
    from assistant.answer.question import analyze

    for question in ("What kinds of IMMEX programs are there?", "what types of entry exist?", "¿Qué tipos de IMMEX hay?"):
        assert analyze(question).answer_type == "list", question
    q = analyze("What kinds of IMMEX programs are there?")
    assert type_fit(q, "Article 3 of the Decreto IMMEX defines five modalities of program.", "") > type_fit(
        q, "In the IMMEX industrial modality, the holder itself manufactures the goods.", "")


def test_a_sentence_stating_the_sum_the_question_gives_is_favoured():
    """ "If we land a $2 million shipment …, how much HMF?": the sentence about a $2,000,000 shipment agrees more than
    the worked example on $100,000; a sentence with no sum is left alone."""
    from assistant.answer.fit import constraint_fit
    from assistant.answer.question import analyze
    from assistant.text import fold

    q = analyze("If we land a $2 million ocean shipment at Long Beach, how much harbor maintenance fee do we pay?")

    def adjust(sentence: str) -> float:
        return constraint_fit(q, sentence, 2026, fold(sentence))[0]

    same = adjust("A shipment valued at $2,000,000 pays an HMF of $2,500.")
    other = adjust("A container of goods valued at $100,000 pays an HMF of $125.")
    assert same > other == adjust("The HMF is 0.125% of the cargo's value.") == 0.0


def test_a_question_about_a_tariff_line_is_answered_by_a_sentence_about_that_line():
    """ "explain HTS 9802.00.80 in plain terms": the sentence on that line leads; what the tariff schedule is, or a
    sentence on another line, does not."""
    from assistant.answer.fit import constraint_fit, type_fit
    from assistant.answer.question import analyze
    from assistant.text import fold

    q = analyze("explain HTS 9802.00.80 in plain terms")

    def score(sentence: str) -> float:
        return constraint_fit(q, sentence, 2026, fold(sentence))[0] + type_fit(q, sentence, "")

    line = score("Under HTSUS 9802.00.80, an article assembled abroad from US components pays duty on its value less "
                 "the US components.")
    assert line > score("HTSUS is the Harmonized Tariff Schedule of the United States.") == 0.0
    assert score("Under HTSUS 9801.00.10, US goods returned unchanged enter free.") < 0


def test_a_definition_may_open_with_the_subject_without_its_qualifier():
    """ "what's a virtual transfer between IMMEX companies?": "An IMMEX virtual transfer (…) moves …" opens with the
    subject and says what it does; a sentence merely naming transfers between IMMEX companies does not define it."""
    from assistant.answer.fit import type_fit
    from assistant.answer.question import analyze

    q = analyze("what's a virtual transfer between IMMEX companies?")
    assert type_fit(q, "An IMMEX virtual transfer (transferencia virtual) moves temporarily imported goods from one "
                       "IMMEX company to another inside Mexico.", "") > 0
    assert type_fit(q, "The best-known pedimento key for transfers between IMMEX companies is V1.", "") == 0
    assert type_fit(q, "Suppliers often use a virtual transfer to deliver to another plant.", "") == 0
    # a gloss in brackets changes neither the type nor the subject
    q = analyze("what's a virtual transfer (pedimento virtual) between immex companies?")
    assert q.answer_type == "definition"
    assert type_fit(q, "An IMMEX virtual transfer (transferencia virtual) moves temporarily imported goods from one "
                       "IMMEX company to another inside Mexico.", "") > 0


def test_a_city_named_in_the_question_does_not_by_itself_cover_it():
    """ "How many people does Foxconn employ in Ciudad Juárez?": a sentence on Juárez's minimum wage shares only the
    city; set aside, nothing of the question is covered, so the answer abstains. A sentence on what was asked about the
    city still answers."""
    from assistant.answer.extractive import compose

    wage = _passage("Ciudad Juárez lies in the northern border zone, where the 2026 minimum wage is MXN 440.87 per day.")
    answer, _, abstained = compose("How many people does Foxconn employ in Ciudad Juárez right now?", [wage], 0.3,
                                   today_year=2026)
    assert abstained and "440.87" not in answer
    _, _, abstained = compose("What is the minimum wage in Ciudad Juárez?", [wage], 0.3, today_year=2026)
    assert not abstained


def test_a_bound_is_what_a_question_asking_the_longest_or_shortest_span_wants():
    from assistant.answer.bounds import bound_fit

    assert bound_fit("what's the longest period it can cover?", "The blanket period may not exceed 12 months.") > 0
    assert bound_fit("what is the maximum stay?", "Hasta por dos años, en el caso de contenedores.") > 0
    # "the minimum wage" asks for no bound, and a sentence's "valid for 4 years" states none
    assert bound_fit("what is the minimum wage for 30 days?", "up to 30 days") == 0.0
    assert bound_fit("what's the longest period it can cover?", "It is valid for 4 years.") == 0.0


def test_whether_something_still_holds_is_answered_by_the_sentence_dating_its_change():
    """ "Un asesor nos dijo que en un shelter solo se puede estar cuatro años. ¿Sigue siendo así?" is answered by "Hasta
    el 31 de diciembre de 2019 … cuatro años", not by what a shelter is."""
    from assistant.answer.bounds import change_fit
    from assistant.answer.extractive import compose

    still = "un asesor nos dijo que en un shelter solo se puede estar cuatro anos. ¿sigue siendo asi?"
    assert change_fit(still, "Hasta el 31 de diciembre de 2019, el artículo 183 permitía operar cuatro años.") > 0
    assert change_fit("is vat in tijuana still 8%?", "The 8% rate was extended until 31 December 2025.") > 0
    assert change_fit(still, "En una operación shelter, la empresa extranjera aporta la maquinaria.") == 0.0
    assert change_fit("how long can we stay in a shelter?", "Until 2019 the limit was four years.") == 0.0

    shelter = _passage("En una operación shelter, la empresa extranjera aporta materias primas y maquinaria, que siguen "
                       "siendo de su propiedad, y el shelter emplea a los trabajadores. Hasta el 31 de diciembre de "
                       "2019, el artículo 183 de la LISR permitía operar en un shelter sin establecimiento permanente "
                       "durante cuatro años; desde 2020 ese plazo ya no existe.")
    shelter = shelter.model_copy(update={"chunk": shelter.chunk.model_copy(update={"language": "es"})})
    answer, _, abstained = compose("Un asesor nos dijo que en un shelter solo se puede estar cuatro años y luego hay que "
                                   "brincar a entidad propia. ¿Sigue siendo así?", [shelter], 0.3, lang="es",
                                   today_year=2026)
    assert not abstained and "2019" in answer.split(". ")[0]


def test_a_visitors_own_figure_is_weighed_against_the_rules_threshold():
    """ "Our subsidiary had MXN 11 million of revenue. Are we required to …?" is answered by the sentence stating the
    limit in money ("did not exceed MXN 13 million"), "only 40% textile — does NOM-004 apply?" by the one stating a
    share ("50% or more"): a whether-question giving the visitor's figure wants the rule's threshold, not the sentence
    with the most of the question's words."""
    from assistant.answer.bounds import threshold_fit
    from assistant.answer.extractive import compose

    revenue = "our mexican subsidiary had about mxn 11 million of revenue last year. are we required to prepare it?"
    assert threshold_fit("yes_no", revenue, "Companies whose revenue did not exceed MXN 13 million are exempt.") > 0
    assert threshold_fit("yes_no", "only 40% is textile. does nom-004 apply?", "It applies to a textile content of "
                         "50% or more by mass.") > 0
    # a share does not answer a sum, the visitor's own figure is no threshold, and a figure question asks for one
    assert threshold_fit("yes_no", revenue, "It applies to a textile content of 50% or more by mass.") == 0.0
    assert threshold_fit("yes_no", revenue, "A subsidiary with more than MXN 11 million of revenue files it.") == 0.0
    assert threshold_fit("amount", "what is the threshold for mxn 11 million?", "It did not exceed MXN 13 million.") == 0.0
    assert threshold_fit("yes_no", "are we required to prepare it?", "It did not exceed MXN 13 million.") == 0.0

    documentation = _passage("Mexican companies with related-party transactions must keep contemporaneous "
                             "transfer-pricing documentation under LISR article 76, identifying the related parties "
                             "and the method applied. Companies whose prior-year revenue did not exceed MXN 13 million "
                             "are exempt from that documentation duty.")
    answer, _, abstained = compose("Our Mexican subsidiary had about MXN 11 million of revenue last year. Are we "
                                   "required to prepare contemporaneous transfer-pricing documentation?",
                                   [documentation], 0.3, today_year=2026)
    assert not abstained and "13 million" in answer.split(". ")[0]


def test_a_spanish_question_naming_a_city_is_covered_beyond_the_city_by_an_english_sentence_through_its_gloss():
    """ "¿Cuál era la renta industrial promedio en Monterrey …?" answered by an English guide: with the city set aside,
    the English sentence is weighed against the question's English gloss, as its cover was (it was weighed against the
    Spanish words and abstained)."""
    from assistant.answer.extractive import compose

    rent = _passage("In the third quarter of 2025 the average industrial rent in Monterrey was US$0.67 per square "
                    "foot per month.")
    question = "¿Cuál era la renta industrial promedio en Monterrey en el tercer trimestre de 2025?"
    answer, _, abstained = compose(question, [rent], 0.3, lang="es", today_year=2026,
                                   gloss="what was the average industrial rent in Monterrey in the third quarter of 2025")
    assert not abstained and "0.67" in answer
    # the same gloss does not cover a question about something else in the city
    _, _, abstained = compose("¿Cuántas personas emplea Foxconn en Monterrey?", [rent], 0.3, lang="es",
                              today_year=2026, gloss="how many people employs Foxconn in Monterrey")
    assert abstained


def test_a_place_named_in_passing_asks_no_more_cover_of_the_rest_than_the_question_needs_as_a_whole():
    """ "We paused our Juárez line …": with a guide close in meaning, the question's other words need the same relieved
    share of cover as the whole question does (it abstained: the place was set aside against the stricter floor)."""
    from assistant.answer.extractive import compose

    guide = _passage("A company with no operations for a year may lose its IMMEX authorization.")
    _, _, abstained = compose("We paused our Juárez line for retooling and have not imported or exported anything for "
                              "over a year. Is that a cause for the SE to cancel our IMMEX program?", [guide], 0.3,
                              today_year=2026)
    assert not abstained


def test_a_how_to_question_is_led_by_what_must_be_done_not_by_why_it_matters():
    """ "What do we need to set up to use the FAST lane?" was led by "FAST lanes are a major advantage at busy
    crossings such as Laredo"; the sentence saying who must be certified answers."""
    from assistant.answer.fit import type_fit
    from assistant.answer.question import analyze

    q = analyze("what do we need to set up so our trucks can use the FAST lane at Laredo?")
    assert type_fit(q, "A truck can use a FAST lane only when the importer, the carrier and the manufacturer are all "
                       "CTPAT-certified.", "") > 0
    assert type_fit(q, "FAST lanes are a major advantage at busy crossings such as Laredo.", "") == 0
    # "how does it work?" asks for an explanation, not for what must be done
    q = analyze("How does 9802.00.80 work?")
    assert type_fit(q, "The importer must support a 9802.00.80 claim with a declaration from the assembler.", "") == 0


def test_a_sentence_announcing_a_list_is_read_with_its_items_as_one_sentence():
    text = ("El artículo 3 del Decreto IMMEX prevé cinco modalidades de programa IMMEX:\n"
            "- **Industrial**: la empresa realiza ella misma el proceso. Es la modalidad más común.\n"
            "- **Servicios**: la empresa presta servicios a mercancías de exportación.\n"
            "- **Albergue (shelter)**: una empresa mexicana permite que empresas extranjeras operen bajo su amparo.\n"
            "\nOtro párrafo sobre el programa IMMEX y sus requisitos.")
    sentences = passage_sentences(text)
    assert sentences[0] == ("El artículo 3 del Decreto IMMEX prevé cinco modalidades de programa IMMEX: Industrial; "
                            "Servicios; Albergue (shelter).")  # in the lead's place, before the items
    assert "Industrial: la empresa realiza ella misma el proceso." in sentences
    # short items without labels are the items themselves, less the list's punctuation and its last "and"
    assert passage_sentences("LSS article 27 lists payments that do not integrate the SBC:\n\n- work tools and work "
                             "clothing;\n- pantry vouchers up to 40% of the reference value; and\n- contributions to "
                             "a qualifying pension plan.") == [
        "LSS article 27 lists payments that do not integrate the SBC: work tools and work clothing; pantry vouchers up "
        "to 40% of the reference value; contributions to a qualifying pension plan."]
    # a list whose items are long paragraphs stays as it was: the lead ending in a colon is not shown
    long_item = " ".join(["word"] * 30)
    assert passage_sentences(f"The steps are these:\n- First {long_item}.\n- Then {long_item}.") == [
        f"First {long_item}.", f"Then {long_item}."]


def test_the_items_of_a_list_too_long_for_one_sentence_are_each_read_with_the_sentence_announcing_it():
    """ "pantry vouchers (despensas) up to 40% of the reference daily value;" is a fragment no answer can show; in a
    list too long to read as one sentence, each such item is read with its announcement, so "Up to what level do
    grocery vouchers stay out of the SBC?" can be answered by it."""
    saving = " ".join(["a savings fund with equal contributions that the worker cannot withdraw"] * 4)
    text = ("LSS article 27 lists payments that do not integrate the SBC:\n- work tools and work clothing;\n"
            f"- {saving};\n- pantry vouchers (despensas) up to 40% of the reference daily value; and\n"
            "- overtime within the limits of the Ley Federal del Trabajo.\n\nOnly the excess integrates the SBC.")
    sentences = passage_sentences(text)
    assert sentences == [
        "LSS article 27 lists payments that do not integrate the SBC: work tools and work clothing.",
        "LSS article 27 lists payments that do not integrate the SBC: pantry vouchers (despensas) up to 40% of the "
        "reference daily value.",
        "LSS article 27 lists payments that do not integrate the SBC: overtime within the limits of the Ley Federal "
        "del Trabajo.",
        "Only the excess integrates the SBC."]  # (the 44-word item reads as one sentence no better: it is left out)


def test_a_laws_enumerated_items_are_read_with_the_sentence_announcing_them():
    us_code = ("The assessment shall also include each of the following:\n\n(1) Whether Mexico has provided funding "
               "consistent with commitments to contribute the following amounts for the labor reform budget:\n\n"
               "(A) $176,000,000 for 2021.\n\n(B) $325,000,000 for 2022.\n\n(2) The extent to which legal challenges "
               "have succeeded.")
    sentences = passage_sentences(us_code, wrapped=False)
    # "(1)" announces its own list; "(2)" is its sibling, not one of "(A)", "(B)"
    assert sentences[0] == ("(1) Whether Mexico has provided funding consistent with commitments to contribute the "
                            "following amounts for the labor reform budget: (A) $176,000,000 for 2021; (B) $325,000,000 "
                            "for 2022.")
    assert "(2) The extent to which legal challenges have succeeded." in sentences
    assert not any(s.startswith("The assessment") for s in sentences)  # a lead with one item is no list
    law = ("Artículo 74.- Son días de descanso obligatorio:\nI. El 1o. de enero;\nII. El primer lunes de febrero;\n"
           "Fracción reformada DOF 17-01-2006\nIII. El 1o. de mayo;")
    assert passage_sentences(law, wrapped=False)[0] == (
        "Artículo 74.- Son días de descanso obligatorio: I. El 1o. de enero; II. El primer lunes de febrero; III. El 1o. "
        "de mayo.")  # the Cámara's reform note between fracciones is not an item, nor does it end the list
    # items too long to read as one list each open with what announces them: the period is in the fracción's head
    long = ("II. Hasta por seis meses, en los siguientes casos:\na) Las que realicen los residentes en el extranjero, "
            "siempre que sean utilizados directamente por ellos o por personas con las que tengan relación laboral, "
            "excepto tratándose de vehículos.\n"
            "Fracción reformada DOF 30-12-1996\nd) Las de muestras o muestrarios destinados a dar a conocer mercancías, "
            "siempre que cumplan con los requisitos que señale el Servicio de Administración Tributaria mediante "
            "reglas, y")
    assert passage_sentences(long, wrapped=False)[-1] == (
        "Hasta por seis meses, en los siguientes casos: … d) Las de muestras o muestrarios destinados a dar a conocer "
        "mercancías, siempre que cumplan con los requisitos que señale el Servicio de Administración Tributaria "
        "mediante reglas.")


def test_a_list_question_is_led_by_the_sentence_counting_what_it_asks_for_and_the_sentences_naming_them():
    from assistant.answer.extractive import compose
    from assistant.answer.choice import counted_items

    assert counted_items("what are the main areas the criteria cover?", "They are organised in three focus areas.") == 3
    assert counted_items("which us railroad reaches every crossing?", "Three railroad groups carry the freight.") is None
    assert counted_items("what are the main areas?", "It was updated three times in 2019.") is None
    passages = [_passage("CTPAT is the voluntary supply-chain security programme of US Customs and Border Protection, "
                         "and its minimum security criteria apply to every CTPAT member. The criteria were updated in "
                         "2019 and are organised in three focus areas. Corporate security covers risk assessment and "
                         "business partners. Transportation security covers seals and conveyances. People and physical "
                         "security covers access controls and training.")]
    answer, _, abstained = compose("what are the main areas the CTPAT minimum security criteria cover?", passages, 0.3,
                                   today_year=2026, max_sentences=4)
    assert not abstained
    assert answer.startswith("The criteria were updated in 2019 and are organised in three focus areas. [1] Corporate "
                             "security covers")
    assert "People and physical security covers" in answer


def test_a_chatty_question_is_covered_by_the_guide_holding_two_of_its_words_side_by_side():
    """ "can we just run one monthly payroll for everybody, line operators included?" sits below the support floor,
    but the best guide says "a monthly payroll for operators is not allowed": covered. Two common words side by side
    ("the tax rate") or a guide too far from the question are no such sign."""
    from assistant.answer.extractive import compose

    def swap(passage, dense):
        return passage.model_copy(update={"dense": dense})

    text = ("The longest pay period allowed is one week for manual work, such as a production operator's (LFT art. "
            "88). Mexican plants run a weekly payroll for operators; a monthly payroll for operators is not allowed.")
    idf = {"month": 2.15, "payrol": 2.85, "tax": 1.5, "rate": 2.1}
    weight = lambda token: idf.get(token, 1.0)  # noqa: E731
    near = swap(_passage(text), dense=0.38)
    question = "can we just run one monthly payroll for everybody, line operators included?"
    answer, _, abstained = compose(question, [near], 0.45, today_year=2026, weight=weight)
    assert not abstained and "not allowed" in answer
    _, _, abstained = compose(question, [swap(near, dense=0.2)], 0.45, today_year=2026, weight=weight)
    assert abstained
    _, _, abstained = compose("what tax rate applies to our monthly bonus?", [swap(_passage(
        "The tax rate on wages is progressive."), dense=0.38)], 0.45, today_year=2026, weight=weight)
    assert abstained


def test_no_sentence_of_our_guides_points_above_or_below_it():
    """A sentence that says "the severance described above" is dropped as a sentence about the document, and the fact
    it carries ("no advance-notice period for a dismissal") with it: our guides name what they mean instead."""
    import re
    from pathlib import Path

    pointing = re.compile(r"\b(?:shown|described|explained|listed|set out) (?:below|above)\b", re.IGNORECASE)
    corpus = Path(__file__).resolve().parent.parent / "corpus"
    found = [f"{path.relative_to(corpus)}: {m.group()}" for path in sorted(corpus.rglob("*.md"))
             if "official" not in path.parts for m in pointing.finditer(path.read_text(encoding="utf-8"))]
    assert found == []


def test_a_hard_wrapped_paragraph_is_read_as_one_and_a_pointer_to_another_guide_is_dropped_from_its_sentence():
    text = ("A total cost of ownership (TCO) comparison adds up every cost of getting a product from a supplier to the\n"
            "customer and keeping supply reliable, not just the factory price. It counts freight\n"
            "and duties.\n- Freight by sea\n  and by rail.\n\n## A heading\nMany companies later move out of the shelter "
            "into their own entity; see the document on graduating from a shelter.")
    assert passage_sentences(text) == [
        "A total cost of ownership (TCO) comparison adds up every cost of getting a product from a supplier to the "
        "customer and keeping supply reliable, not just the factory price.",
        "It counts freight and duties.", "Freight by sea and by rail.",
        "Many companies later move out of the shelter into their own entity."]
    # an official text's lines stand: its editorial note ends without a stop and opens no sentence of the next line
    law = "Párrafo reformado DOF 30-12-1996, 19-11-2025\nLas mercancías podrán permanecer en el país hasta por dos años."
    assert passage_sentences(law, wrapped=False)[-1] == "Las mercancías podrán permanecer en el país hasta por dos años."


def test_a_question_naming_a_law_is_not_answered_from_a_reading_of_another_law():
    """ "según la Ley Aduanera, …": a guide passage that reads only the LFT is not the answer, however many words it
    shares with the question; one that reads the Ley Aduanera is."""
    from assistant.answer.extractive import compose
    from assistant.models import Chunk, Passage

    def guide(doc_id: str, text: str, dense: float) -> Passage:
        return Passage(chunk=Chunk(id=doc_id, doc_id=doc_id, text=text, ordinal=0, title=doc_id, doc_type="guide",
                                   jurisdiction="MX", language="es", path=f"corpus/{doc_id}.md"), score=1.0, dense=dense)

    labor = guide("prueba", "La autoridad debe resolver en diez días la renovación del registro de un contratista ante "
                            "la STPS (LFT, art. 15).", 0.9)
    customs = guide("certificadas", "El SAT resuelve la renovación de empresas certificadas en 180 días (Ley Aduanera, "
                                    "art. 100-A).", 0.5)
    question = "según la Ley Aduanera, ¿en cuánto tiempo debe resolver la autoridad la renovación del registro?"
    answer, _, abstained = compose(question, [labor, customs], 0.3, lang="es", today_year=2026)
    assert not abstained and answer.startswith("El SAT resuelve la renovación de empresas certificadas")
    answer, _, _ = compose(question.replace("según la Ley Aduanera, ", ""), [labor, customs], 0.3, lang="es",
                           today_year=2026)
    assert answer.startswith("La autoridad debe resolver en diez días")  # without the law named, the closer one leads


def test_a_figure_for_the_asked_zone_and_year_both_named_gets_a_bonus():
    from assistant.answer.fit import ALL_CONSTRAINTS_BONUS, constraint_fit
    from assistant.text import fold

    q = analyze("plant in Nogales: what's the minimum vacation premium for an operator on the border minimum wage in 2026?")
    both = "A year-1 worker on the 2026 northern border minimum wage receives at least MXN 1,322.61."
    # (a sentence naming another levy, "the aguinaldo", is also another constraint: answer/levies.py)
    general = "Statutory benefits such as paid rest days (at least 12 days a year) scale with the daily wage."
    assert constraint_fit(q, both, 2026, fold(both)) == (ALL_CONSTRAINTS_BONUS, True, False)
    assert constraint_fit(q, general, 2026, fold(general))[0] == 0.0


def test_a_sentence_said_word_for_word_inside_one_already_chosen_is_not_shown_again():
    import numpy as np

    from assistant.answer import ranking
    from assistant.answer.candidate import Candidate
    from assistant.answer.choice import choose
    from assistant.index.lexical import tokenize

    def cand(position: int, text: str, score: float) -> Candidate:
        return Candidate(0, position, text, frozenset(tokenize(text)), score, 0.5, True,
                         features=np.zeros(len(ranking.FEATURES)))

    listed = cand(0, "(1) Whether Mexico provided the following amounts for the labor reform budget: (A) $176,000,000 "
                     "for 2021; (B) $325,000,000 for 2022.", 1.0)
    item = cand(2, "(B) $325,000,000 for 2022.", 0.9)
    other = cand(3, "(2) The extent to which legal challenges to Mexico's labor reform have succeeded.", 0.8)
    assert [c.text for c in choose([listed, item, other], 3, 3)] == [listed.text, other.text]


def test_a_sentence_saying_what_something_is_answers_only_a_question_asking_what_it_is():
    from assistant.answer.fit import type_fit

    defining = "CTPAT is a voluntary supply-chain security programme of US Customs and Border Protection."
    plain = "Certified partners are revalidated at least every four years and update their profile each year."
    for asked in ("Do we have to renew CTPAT every year?", "How long does CTPAT certification take?",
                  "What are the CTPAT minimum security criteria?", "¿Cuándo se presenta el reporte anual IMMEX?"):
        assert type_fit(analyze(asked), defining, "") < type_fit(analyze(asked), plain, ""), asked
    assert type_fit(analyze("What is CTPAT?"), defining, "") > type_fit(analyze("What is CTPAT?"), plain, "")


def test_a_sentence_in_the_visitors_language_sharing_only_a_year_with_the_lead_does_not_replace_it():
    import numpy as np

    from assistant.answer import ranking
    from assistant.answer.candidate import F, Candidate
    from assistant.answer.choice import same_fact_in_own_language
    from assistant.index.lexical import tokenize

    def cand(text: str, score: float, covered: float, foreign: bool) -> Candidate:
        features = np.zeros(len(ranking.FEATURES))
        features[F["other_language"]] = float(foreign)
        return Candidate(0, 0, text, frozenset(tokenize(text)), score, covered, True, features=features)

    rail = cand("In 2023 US authorities shut the Eagle Pass and El Paso rail bridges, and thousands of rail cars waited.",
                0.61, 0.55, True)
    law = cand("La cuota del Gobierno Federal será aplicable a partir del 1 de enero de 2023.", 0.49, 0.07, False)
    candidates = [rail, law]
    same_fact_in_own_language(candidates)
    assert candidates[0] is rail
    # the same fact in Spanish (a figure beyond the year) still leads
    english = cand("The probation period lasts at most 30 days, or up to 180 days for managers.", 0.6, 0.5, True)
    spanish = cand("El periodo a prueba dura como máximo 30 días, o hasta 180 días para gerentes.", 0.45, 0.2, False)
    candidates = [english, spanish]
    same_fact_in_own_language(candidates)
    assert candidates[0] is spanish
    # a fact without figures: the Spanish sentence whose gloss says the English one's words, and not both
    from assistant.answer.choice import _translated

    notice_en = cand("Mexican labor law sets no advance-notice period for a dismissal, and no pay in lieu of notice.",
                     0.6, 0.5, True)
    notice_es = cand("La ley laboral mexicana no fija un plazo de preaviso para despedir ni un pago en lugar de preaviso.",
                     0.45, 0.3, False)
    unrelated = cand("La indemnización es de tres meses de salario.", 0.5, 0.3, False)
    candidates = [notice_en, unrelated, notice_es]
    same_fact_in_own_language(candidates)
    assert candidates[0] is notice_es and _translated(notice_es, notice_en) and not _translated(unrelated, notice_en)


def test_a_sentence_in_the_other_language_is_marked_down_only_as_far_as_one_in_the_visitors_language_covers_as_much():
    import numpy as np

    from assistant.answer import ranking
    from assistant.answer.bilingual import other_language_where_own_falls_short
    from assistant.answer.candidate import F, Candidate
    from assistant.index.lexical import tokenize
    from assistant.models import Chunk, Passage

    passages = [Passage(chunk=Chunk(id=f"c{n}", doc_id=f"d{n}", text="x", ordinal=0, title="t", doc_type="guide",
                                    jurisdiction="MX", language=language, path=f"corpus/d{n}.md"), score=1.0)
                for n, language in enumerate(("en", "es", "es"))]

    def cand(rank: int, text: str, covered: float) -> Candidate:
        features = np.zeros(len(ranking.FEATURES))
        features[F["other_language"]] = float(passages[rank].chunk.language != "es")
        return Candidate(rank, 0, text, frozenset(tokenize(text)), 0.0, covered, True, features=features)

    english = cand(0, "The company's legal representative then obtains the e.firma at an SAT office.", 0.24)
    spanish = cand(1, "Solo puede pactarse en relaciones por tiempo indeterminado en la empresa.", 0.08)
    other_language_where_own_falls_short([english, spanish], passages, "es")
    assert english.features[F["other_language"]] == pytest.approx(1 / 3)
    # a Spanish sentence covering as much keeps the full mark-down on the English one
    english.features[F["other_language"]] = 1.0
    as_good = cand(2, "El representante legal de la empresa tramita la e.firma en una oficina del SAT.", 0.3)
    other_language_where_own_falls_short([english, as_good], passages, "es")
    assert english.features[F["other_language"]] == 1.0


def test_a_forecast_for_a_future_year_needs_a_passage_forecasting_that_year_not_only_naming_it():
    from assistant.answer.years_asked import future_year

    named = [_passage("These 2022 rents are a historical floor and should not be used to price a 2026 or 2027 lease.")]
    forecast = analyze("Will industrial rents in Monterrey go up or down during 2027? looking for a forecast")
    assert future_year(forecast, named, today_year=2026) == 2027
    forecasting = [_passage("Brokers expect rents to rise about 5% in 2027 as vacancy stays low.")]
    assert future_year(forecast, forecasting, today_year=2026) is None
    # a question asking no forecast is answered by any passage naming the year, as before
    assert future_year(analyze("Can we price a 2027 lease with the 2022 rents?"), named, today_year=2026) is None


def test_a_word_of_the_thing_asked_for_that_no_document_holds_is_said_to_be_not_covered():
    """ "What terminal handling charges and demurrage does the port of Manzanillo bill …?" was answered with freight
    rates per 40-foot container: no document holds "demurrage", the thing asked for. A word no document holds
    elsewhere in a longer question (the visitor's own context) is no such sign."""
    from assistant.answer.extractive import compose

    passages = [_passage("In June 2024 the spot rate for a 40 ft container from Asia to the US West Coast was about "
                         "US$6,000; Manzanillo is Mexico's busiest container port.")]
    known = lambda token: token not in {"demurrag", "guangdong"}  # noqa: E731
    answer, _, abstained = compose("What terminal handling charges and demurrage does the port of Manzanillo bill for "
                                   "a 40-foot container?", passages, 0.3, today_year=2026, known=known)
    assert abstained and "demurrage" in answer
    _, _, abstained = compose("What spot rate does a 40 ft container from Guangdong to Manzanillo pay?", passages, 0.3,
                              today_year=2026, known=known)
    assert not abstained


def test_a_follow_up_adding_a_case_of_the_previous_subject_is_covered_by_the_previous_question():
    """ "¿Y a alguien que entró apenas en julio también le toca?" after "¿Cuántos días de aguinaldo …?": the words it
    adds are in no sentence (and "alguien", "entró" in no document, though their English gloss is), so the condensed
    question looked uncovered and the answer abstained. The previous question is covered, and the follow-up adds a
    case of its subject: it is answered. One adding words no document holds in either language ("el hotel y los
    vuelos …") still is not."""
    from assistant.answer.extractive import compose

    passage = _passage("El aguinaldo mínimo es de 15 días de salario por año y se paga antes del 20 de diciembre; quien "
                       "no completó el año recibe la parte proporcional.", "es", "es-aguinaldo", "Aguinaldo", 0.6)
    previous = "¿Cuántos días de aguinaldo se pagan como mínimo?"
    known = lambda token: token not in {"alguien", "entro", "apena", "hotel", "vuelo", "flight"}  # noqa: E731
    weight = lambda token: 3.0 if token in {"aguinaldo", "dia", "pagan", "minimo"} else 6.0  # noqa: E731

    def answer(core: str) -> tuple[str, bool]:
        text, _, abstained = compose(f"{core} {core} — {previous}", [passage], 0.3,
                                     lang="es", today_year=2026, known=known, weight=weight, borrowed=(previous, core))
        return text, abstained

    text, abstained = answer("a alguien que entró apenas en julio también le toca")
    assert not abstained and "proporcional" in text
    assert answer("el hotel y los vuelos de los ingenieros que vienen")[1]


def test_a_lead_pointing_back_to_a_sentence_far_from_the_question_gives_way_to_the_best_standing_one():
    """ "Other confidential employees … are capped at … plus 20%" sets itself against the sentence before it ("Directors
    … do not take part in PTU"), which is not what "What's the cap on PTU per worker?" asks: the sentence that stands
    on its own and states the cap leads."""
    from assistant.answer.extractive import compose
    from assistant.sentences import points_back

    assert points_back("Other confidential employees do take part, but their salary is capped.")
    assert not points_back("Otherwise the rule applies.")
    text = ("Directors, administrators and general managers do not take part in PTU (LFT article 127, section I). "
            "Other confidential employees do take part, but their salary for PTU purposes is capped at the salary of "
            "the highest-paid unionized worker plus 20%.\n\n"
            "Each worker's PTU is capped at the greater of three months of the worker's salary or the average PTU "
            "the worker received in the last three years.")
    answer, _, abstained = compose("What's the cap on PTU per worker?",
                                   [_passage(text, doc_id="ptu", title="PTU profit sharing")], 0.2, today_year=2026)
    assert not abstained and "three months" in answer.split("[1]")[0], answer


def test_a_sentence_continuing_the_one_before_counts_the_question_words_named_there():
    """ "It lasts at most three months" is about the initial training relationship the sentence before it names, and
    "The fine for that infringement is …" about the infringement named before it: the question's words in that
    sentence count for it too, so the figure it states leads."""
    from assistant.answer.extractive import compose
    from assistant.sentences import continues

    assert continues("It lasts at most three months.") and continues("The fine for that infringement is MXN 100.")
    assert continues("These records are kept five years.") and not continues("Because of these limits, most freight …")
    assert not continues("The law says that workers must be paid weekly.")  # "that" a conjunction
    assert not continues("Failing to keep the system is an infringement under article 185-A.")
    passages = [
        _passage("Failing to keep the automated inventory control system of Annex 24 is an infringement under Ley "
                 "Aduanera art. 185-A. The fine for that infringement is MXN 23,910 to MXN 47,860 under art. 185-B. "
                 "Customs may also presume that goods found in the plant were imported illegally.",
                 doc_id="annex-24", title="Annex 24 inventory control"),
        _passage("An IMMEX company must export more than US$500,000 a year or at least 10% of its total sales. "
                 "Companies that lose the program pay 16% VAT on their temporary imports.",
                 doc_id="immex", title="IMMEX obligations"),
    ]
    answer, _, abstained = compose("What is the fine range if an IMMEX company fails to keep its Annex 24 automated "
                                   "inventory system?", passages, 0.3, today_year=2026, max_sentences=2)
    assert not abstained and answer.startswith("The fine for that infringement is MXN 23,910 to MXN 47,860")


def test_the_year_in_a_standards_name_is_no_year_asked_about():
    """ "When did NOM-004-SE-2021 come into force?" asks about no year 2021: the sentence dating it 2022/2023 agrees."""
    from assistant.answer.question import analyze

    assert analyze("When did the textile labeling standard NOM-004-SE-2021 come into force?").years == ()
    assert analyze("What is the border minimum wage in 2026?").years == (2026,)
    assert analyze("How did rates change over 2024-2026?").years == (2024, 2026)
    assert analyze("What did a container cost at the mid-2024 peak?").years == (2024,)


def test_a_question_about_a_past_date_gets_the_sentence_dating_it():
    """ "When did NOM-004-SE-2021 come into force?" asks about the past: the sentence giving 2022 and 2023 is not a
    past year's figure standing in for today's, and the year in the standard's name answers no "when"."""
    from assistant.answer.extractive import compose
    from assistant.answer.fit import holds_answer
    from assistant.answer.question import analyze

    asked = analyze("When did the textile labeling standard NOM-004-SE-2021 come into force?")
    assert not holds_answer(asked, "NOM-004-SE-2021 governs labeling of textile products.")
    assert holds_answer(asked, "It entered into force on 15 January 2023.")
    passages = [_passage("NOM-004-SE-2021 governs labeling of textile products, clothing and household textiles. "
                         "It was published in the DOF on 14 January 2022, entered into force on 15 January 2023, and "
                         "replaced NOM-004-SCFI-2006. NOM-004-SE-2021 applies to goods with a textile content of 50% "
                         "or more. The text of NOM-004-SE-2021 applies to goods before they enter the country.",
                         doc_id="nom-labeling", title="Mexican labeling standards")]
    answer, _, abstained = compose(asked.text, passages, 0.3, today_year=2026, max_sentences=2)
    assert not abstained and "15 January 2023" in answer


def test_a_date_in_another_passage_does_not_stand_in_for_the_day_the_leads_passage_gives():
    """ "A reform … published on 1 May 2019" states a date, but not the deadline asked for: the lead's own passage's
    "The four-year period ran to 1 May 2023." still follows the lead."""
    from assistant.answer.extractive import compose

    passages = [_passage("All collective bargaining agreements that existed when the 2019 reform entered into force had "
                         "to be reviewed and legitimated within four years. The four-year period ran to 1 May 2023. "
                         "Contracts not legitimated by the deadline were terminated, but workers kept their benefits.",
                         doc_id="unions", title="Unions and collective bargaining"),
                _passage("A reform of collective bargaining agreements and unions was published on 1 May 2019.",
                         doc_id="labor-reform", title="The 2019 labor reform", dense=0.6)]
    answer, _, abstained = compose("What was the deadline for legitimating the old collective bargaining agreements?",
                                   passages, 0.3, today_year=2026, max_sentences=2)
    assert not abstained and "1 May 2023" in answer


def test_a_canadian_law_or_program_is_not_covered_though_canada_is_named_everywhere():
    """We hold Mexico's laws and the US texts, not Canada's: "Canada's Duties Relief Program" is said to be missing,
    not answered with USMCA Article 2.5, which names Canada."""
    from assistant.answer.extractive import compose

    passages = [_passage("Under USMCA Article 2.5, the duty waived on a non-originating input may not exceed the duty "
                         "paid in the United States or Canada on the exported good. Inputs processed under a duty "
                         "deferral program and re-exported pay the lesser of the two duties.",
                         doc_id="usmca-2-5", title="USMCA Article 2.5 duty deferral")]
    answer, _, abstained = compose("How does Canada's Duties Relief Program work for inputs we'd process in Ontario and "
                                   "re-export?", passages, 0.3, today_year=2026)
    assert abstained and "Canada's Duties Relief Program" in answer
    answer, _, abstained = compose("¿Qué plazo da la Ley de Aduanas de Canadá para corregir una declaración?",
                                   [_passage("La Ley Aduanera permite rectificar el pedimento antes del despacho.",
                                             language="es", doc_id="es-pedimento", title="Pedimento")],
                                   0.3, lang="es", today_year=2026)
    assert abstained and "Ley de Aduanas de Canadá" in answer
    answer, _, abstained = compose("Do inputs from Canada count under the duty deferral program?", passages, 0.3,
                                   today_year=2026)
    assert "I have no source on" not in answer  # Canada named, no Canadian law or program


def test_a_sentence_pointing_back_reads_joined_to_the_one_it_points_to():
    """Short enough, the two are one sentence of the answer, word for word; a sentence pointing back is never shown
    after another sentence than the one it points to ("These records …" after the new-hire rule)."""
    from assistant.answer.extractive import compose
    from assistant.evaluation.metrics import answer_sentences

    passages = [_passage("NOM-004-SE-2021 governs labeling of textile products, clothing and household textiles. "
                         "It was published in the DOF on 14 January 2022, entered into force on 15 January 2023, and "
                         "replaced NOM-004-SCFI-2006.", doc_id="nom-labeling", title="Mexican labeling standards")]
    answer, _, _ = compose("When did the textile labeling standard NOM-004-SE-2021 come into force?", passages, 0.3,
                           today_year=2026)
    first = answer_sentences(answer)[0]
    assert first.startswith("NOM-004-SE-2021 governs labeling") and "; it was published" in first
    assert "15 January 2023" in first
    passages = [_passage("The same article lists the records employers must keep: payroll records showing the days "
                         "worked and the wages paid. These records have to be kept for five years after the year they "
                         "refer to. New hires and salary changes must be reported to the IMSS within five business "
                         "days.", doc_id="imss", title="IMSS obligations")]
    answer, _, _ = compose("How long do we need to keep payroll records for IMSS purposes?", passages, 0.3,
                           today_year=2026)
    assert "These records" not in answer  # joined ("…; these records …") or not shown
    assert "; these records have to be kept for five years" in answer


def test_a_how_many_days_question_prefers_the_span_of_time_in_days():
    from assistant.answer.bounds import UNIT_BONUS, unit_fit
    from assistant.answer.fit import type_fit

    question = "if a new mother can't return when her leave ends, for up to how many days is the extension paid?"
    assert unit_fit(question, "The rest is extended at 50% of salary for at most 60 days (LFT art. 170).") == UNIT_BONUS
    assert unit_fit(question, "For up to six months of nursing, a mother gets two extra half-hour breaks a day.") == 0
    assert unit_fit("¿cuantos dias de aguinaldo?", "El aguinaldo mínimo es de quince días de salario.") == UNIT_BONUS
    assert unit_fit("how long is the leave?", "It lasts 12 weeks.") == 0  # no unit asked
    q = analyze("If a new mother can't return to work when her maternity leave ends, for up to how many days is the "
                "extension paid at half salary?")
    assert type_fit(q, "The rest is extended at 50% of salary for at most 60 days.", "") > type_fit(
        q, "For up to six months of nursing, a mother gets two extra half-hour breaks a day.", "")


def test_a_question_naming_the_border_as_a_place_keeps_sentences_about_the_border():
    from assistant.answer.fit import constraint_fit

    q = analyze("roughly how far is chihuahua city from the us border")
    assert q.answer_type == "amount" and q.zone == "general"
    sentence = "Chihuahua city, the state capital roughly 370 km south of the border, hosts an aerospace cluster."
    adjust, agrees, _ = constraint_fit(q, sentence, 2026, sentence.lower())
    assert adjust == 0 and agrees
    # a wage question placed in the general zone still sets the border zone's figures aside
    wage = analyze("What is the minimum wage in Chihuahua city in 2026?")
    adjust, agrees, _ = constraint_fit(wage, "In the northern border zone it is MXN 440.87 in 2026.", 2026, "")
    assert adjust < 0 and not agrees


def test_an_american_spelling_covers_the_british_one_a_guide_uses():
    """ "molds" is what a visitor types; one guide writes "moulds shipped by a US company … are typical assists": the
    question searches the British spelling too, and a sentence holding it covers the word."""
    from assistant.answer.expansion import expand_query, synonym_groups

    question = "We send our own injection molds to the contract manufacturer in Mexico for free. Does CBP care?"
    assert synonym_groups(question) == ((frozenset({"mold"}), frozenset({"mould"})),)
    assert "mould" in expand_query(question)
    assert "licence" in expand_query("Do we need an import license?")


def test_a_synonyms_expansion_counts_once_with_the_word_it_expands():
    """"OEA" is searched as "authorized economic operator" too; the composer counts the concept once, so the sentence
    that spells the acronym out beside it does not outrank the one that answers."""
    from assistant.answer.expansion import synonym_groups
    from assistant.answer.extractive import compose

    question = "if SAT cancels our OEA certification, how long until we can apply again?"
    assert synonym_groups(question) == ((frozenset({"oea"}), frozenset({"author", "econom", "oper"})),)
    assert synonym_groups("Can we keep our workers on a staffing company's payroll?")[0][1] >= {"subcontract"}
    spelled = _passage("Practitioner summaries report that companies certified as Authorized Economic Operators (OEA) "
                       "kept a 36-month facility for temporary imports.", doc_id="immex-periods", title="IMMEX periods")
    answers = _passage("The SAT must resolve renewal requests within 180 calendar days, and a company whose "
                       "registration was cancelled cannot obtain a new one for 5 years.", doc_id="mexico-oea",
                       title="OEA certification")
    answer, _, abstained = compose(question, [spelled, answers], 0.3, synonyms=synonym_groups(question))
    assert not abstained and answer.startswith("The SAT must resolve renewal requests")
    # the expansion alone still covers the word it stands for
    only = _passage("Authorized Economic Operators renew every year; a cancelled operator waits 5 years.",
                    doc_id="mexico-oea", title="OEA certification")
    answer, _, abstained = compose(question, [only], 0.3, synonyms=synonym_groups(question))
    assert not abstained and "5 years" in answer
    # a word no document holds is known by its synonym on file: "remittances" are dividends paid abroad
    remit = "Is there a tax on remittances to the parent?"
    dividends = _passage("Dividends paid abroad from profits not yet taxed carry corporate tax at 30% on the grossed-up "
                         "amount.", doc_id="dividends", title="Dividends to the parent")
    held = {"tax", "parent", "dividend", "paid", "abroad", "profit", "corpor", "gross", "amount"}
    answer, _, abstained = compose(remit, [dividends], 0.3, synonyms=synonym_groups(remit),
                                   known=lambda token: token in held)
    assert not abstained and "30%" in answer


def test_an_english_official_text_covers_an_english_question_as_a_guide_would():
    """ "on what cadence do the labor committee's progress reports go to Congress?": 19 U.S.C. § 4648 holds it in the
    visitor's language; a guide retrieved beside it that covers nothing of the question must not make it look
    unsupported."""
    from assistant.answer.extractive import compose

    guide = _passage("The USMCA replaced NAFTA on 1 July 2020 and added a mechanism for facility complaints.",
                     doc_id="usmca-overview", title="USMCA overview")
    statute = _passage("Not later than 180 days after the date of enactment and every 180 days thereafter, the "
                       "Interagency Labor Committee shall submit to the appropriate congressional committees a report "
                       "on the progress of Mexico's labor reform.", doc_id="19-usc-chapter-29", title="19 U.S.C. ch. 29")
    statute.chunk.authority = "official"
    statute.chunk.id = "usc:4648"
    question = "On what cadence does the Interagency Labor Committee send Congress its progress reports on labor reform?"
    answer, _, abstained = compose(question, [guide, statute], 0.3, today_year=2026)
    assert not abstained and "every 180 days" in answer
