"""The deterministic router: which calculator a question asks for, the figures it extracts, what it still needs,
and the answer text it renders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.evaluation.qa import QA_SET_DATE

from assistant.calculators.formatting import plain_number
from assistant.calculators.rates import latest_exchange_rate
from assistant.intents import RouteDecision, render_answer, render_answers, route
from assistant.registry import run_tool

# (question, tool, arguments that must be extracted, language)
PHRASINGS = [
    # labor cost
    ("How much would 200 minimum-wage workers in Juárez cost per year?", "mexico_labor_cost",
     {"headcount": 200, "daily_wage_mxn": "minimum", "state": "Chihuahua", "zone": "border"}, "en"),
    ("What does a worker earning 350 pesos a day cost in Monterrey?", "mexico_labor_cost",
     {"headcount": 1, "daily_wage_mxn": 350.0, "state": "Nuevo León", "zone": "general"}, "en"),
    ("How much does a minimum-wage worker in Tijuana cost the employer?", "mexico_labor_cost",
     {"daily_wage_mxn": "minimum", "state": "Baja California", "zone": "border"}, "en"),
    ("Calculate the cost of 75 employees in Querétaro earning 420 pesos per day with 18.5 pesos per dollar", "mexico_labor_cost",
     {"headcount": 75, "daily_wage_mxn": 420.0, "state": "Querétaro", "zone": "general", "mxn_per_usd": 18.5}, "en"),
    ("Estimate the fully burdened cost of 120 operators in Saltillo paid 12,000 pesos a month", "mexico_labor_cost",
     {"headcount": 120, "daily_wage_mxn": round(12_000 / 30.4, 2), "state": "Coahuila"}, "en"),
    ("What's the fully loaded cost of 10 technicians in Chihuahua paid MXN 9,000 a week?", "mexico_labor_cost",
     {"headcount": 10, "daily_wage_mxn": round(9_000 / 7, 2), "state": "Chihuahua", "zone": "general"}, "en"),
    ("Estimate payroll cost for 40 operators in Nuevo Laredo at 500 pesos daily, risk class 4", "mexico_labor_cost",
     {"headcount": 40, "daily_wage_mxn": 500.0, "state": "Tamaulipas", "zone": "border", "work_risk_class": "IV"}, "en"),
    ("¿Cuánto me cuesta un trabajador con salario de 350 pesos en Monterrey?", "mexico_labor_cost",
     {"headcount": 1, "daily_wage_mxn": 350.0, "state": "Nuevo León"}, "es"),
    ("¿Cuánto cuestan 50 operarios con salario mínimo en Tijuana en 2025?", "mexico_labor_cost",
     {"headcount": 50, "daily_wage_mxn": "minimum", "state": "Baja California", "zone": "border", "year": 2025}, "es"),
    ("¿Cuánto costaría una plantilla de 150 trabajadores en Ciudad Juárez con salario de 480 pesos diarios?", "mexico_labor_cost",
     {"headcount": 150, "daily_wage_mxn": 480.0, "state": "Chihuahua", "zone": "border"}, "es"),
    ("Costo patronal de 20 empleados con 3 años de antigüedad en Monterrey, salario 600 pesos, tipo de cambio 19", "mexico_labor_cost",
     {"headcount": 20, "daily_wage_mxn": 600.0, "years_of_service": 3, "mxn_per_usd": 19.0}, "es"),
    # RVC
    ("Does my part qualify for USMCA with a $200 transaction value and 70 dollars of non-originating parts?", "usmca_rvc",
     {"transaction_value": 200.0, "vnm": 70.0}, "en"),
    ("Calculate the RVC: transaction value $200, non-originating materials $70", "usmca_rvc",
     {"transaction_value": 200.0, "vnm": 70.0}, "en"),
    ("What is the RVC using net cost if the net cost is $180 and VNM is $100?", "usmca_rvc",
     {"method": "net_cost", "net_cost": 180.0, "vnm": 100.0}, "en"),
    ("A part sells for $200 and uses $70 of Chinese components. Does it meet a 75% RVC requirement?", "usmca_rvc",
     {"transaction_value": 200.0, "vnm": 70.0, "threshold_pct": 75.0}, "en"),
    ("Our part has a net cost of $150 and $80 of imported resin. What is the RVC?", "usmca_rvc",
     {"method": "net_cost", "net_cost": 150.0, "vnm": 80.0}, "en"),
    ("¿Mi producto califica para el T-MEC si su valor de transacción es de 200 dólares y los materiales no originarios suman 70?",
     "usmca_rvc", {"transaction_value": 200.0, "vnm": 70.0}, "es"),
    ("Calcula el VCR por costo neto: costo neto 800 dólares, materiales no originarios 350 dólares", "usmca_rvc",
     {"method": "net_cost", "net_cost": 800.0, "vnm": 350.0}, "es"),
    # landed cost
    ("Is Mexico cheaper than China for this part after tariffs? $4.20 per unit from Shenzhen vs $5.10 from Monterrey, "
     "100,000 units a year, 20,000 units per container and 10,000 per truck, 25% Section 301", "landed_cost_compare",
     {"annual_units": 100_000}, "en"),
    ("Compare landed cost: $12.50 per unit from Ho Chi Minh City vs $13.40 per unit from Reynosa, 50,000 units a year, "
     "10,000 per container, 2,000 per truck", "landed_cost_compare", {"annual_units": 50_000}, "en"),
    ("¿Qué sale más barato puesto en Dallas: 8 dólares por pieza desde Shanghai o 9 dólares desde Saltillo? "
     "30,000 piezas al año, 6,000 por contenedor y 3,000 por camión", "landed_cost_compare", {"annual_units": 30_000}, "es"),
    # transit
    ("How long from Shanghai to Chicago by ocean?", "transit_time",
     {"origin": "Shanghai", "destination": "Chicago", "mode": "ocean"}, "en"),
    ("What's the lead time by truck from Tijuana to Chicago?", "transit_time",
     {"origin": "Tijuana", "destination": "Chicago", "mode": "truck"}, "en"),
    ("How long does rail take from Querétaro to Detroit?", "transit_time",
     {"origin": "Querétaro", "destination": "Detroit", "mode": "rail"}, "en"),
    ("¿Cuántos días tarda un camión de Monterrey a Dallas?", "transit_time",
     {"origin": "Monterrey", "destination": "Dallas", "mode": "truck"}, "es"),
    ("¿Cuál es el tiempo de tránsito de Shanghái a Atlanta?", "transit_time", {"origin": "Shanghai", "destination": "Atlanta"}, "es"),
    # VAT
    ("How much cash would VAT tie up if we temporarily import $2 million a month without certification?", "immex_vat_cashflow",
     {"annual_temporary_imports_usd": 24_000_000.0}, "en"),
    ("If we import $500,000 of components a month temporarily and the VAT refund takes 4 months, how much cash is tied up "
     "at a 12% cost of capital?", "immex_vat_cashflow",
     {"annual_temporary_imports_usd": 6_000_000.0, "months_to_recover": 4.0, "cost_of_capital_pct": 12.0}, "en"),
    ("Article 2.5 exposure: $3 million of non-originating inputs a year at a 10% Mexican duty, PROSEC 0%, US duty paid $50,000 "
     "— how much VAT and duty do we owe on $20M of temporary imports?", "immex_vat_cashflow",
     {"non_originating_inputs_usd": 3_000_000.0, "mexican_duty_rate_pct": 10.0, "prosec_rate_pct": 0.0,
      "us_duty_on_finished_goods_usd": 50_000.0, "annual_temporary_imports_usd": 20_000_000.0}, "en"),
    ("¿Cuánto IVA se inmoviliza si importamos temporalmente 24 millones de dólares al año sin certificación, con costo de "
     "capital de 12%?", "immex_vat_cashflow", {"annual_temporary_imports_usd": 24_000_000.0, "cost_of_capital_pct": 12.0}, "es"),
    # TCO
    ("Five-year TCO: $6.00 per unit from Shenzhen vs $6.50 from Juárez, 200,000 units a year, 25,000 per container and "
     "5,000 per truck", "tco_compare", {"annual_units": 200_000, "years": 5}, "en"),
    ("Costo total de propiedad a 5 años: 3 dólares por pieza desde Shenzhen contra 3.40 dólares desde Monterrey, "
     "500,000 piezas al año, 50,000 por contenedor, 10,000 por camión", "tco_compare", {"annual_units": 500_000, "years": 5}, "es"),
    # a wage given and what the employer pays on it asked
    ("How much is the IMSS contribution for a worker earning 400 pesos a day in Querétaro?", "mexico_labor_cost",
     {"headcount": 1, "daily_wage_mxn": 400.0, "state": "Querétaro"}, "en"),
    ("¿Cuánto pago de cuotas del IMSS por un trabajador que gana 350 pesos diarios en Saltillo?", "mexico_labor_cost",
     {"daily_wage_mxn": 350.0, "state": "Coahuila"}, "es"),
    ("¿Cuánto cuesta un operador en Monterrey?", "mexico_labor_cost", {"headcount": 1, "state": "Nuevo León"}, "es"),
    # "ship" the verb names no mode; "a ship" does
    ("We ship about 40 trucks a week from Saltillo to Detroit. How long is the transit?", "transit_time",
     {"origin": "Saltillo", "destination": "Detroit", "mode": "truck"}, "en"),
    ("How long does a ship take from Shanghai to Los Angeles?", "transit_time",
     {"origin": "Shanghai", "destination": "Los Angeles", "mode": "ocean"}, "en"),
    # the lane asked leaves from the city named after "from", not from a city named earlier for context
    ("We're weighing a supplier in Vietnam against a plant in Saltillo to serve Detroit. How many days door to door "
     "from Ho Chi Minh City to Detroit?", "transit_time", {"origin": "Ho Chi Minh City", "destination": "Detroit"}, "en"),
    # the period a few words after the amount ("… de insumos en importación temporal al mes")
    ("si no tenemos certificacion de iva y metemos 10 millones de dolares de insumos en importacion temporal al mes, cuanto "
     "iva hay que soltar en efectivo?", "immex_vat_cashflow", {"annual_temporary_imports_usd": 120_000_000.0}, "es"),
]


@pytest.mark.parametrize("question, tool, expected, lang", PHRASINGS, ids=[p[0][:50] for p in PHRASINGS])
def test_calculator_questions_route_with_their_figures(question, tool, expected, lang):
    decision = route(question)
    assert decision is not None, question
    assert decision.tool == tool
    assert decision.lang == lang
    for key, value in expected.items():
        assert decision.args.get(key) == value, (key, decision.args)


def test_at_least_25_phrasings_in_both_languages():
    assert len(PHRASINGS) >= 25
    assert sum(1 for p in PHRASINGS if p[3] == "es") >= 8


def test_sourcing_scenarios_pair_each_price_with_its_origin_and_their_shipment_sizes():
    d = route(PHRASINGS[18][0])
    shenzhen, monterrey = d.args["scenarios"]
    assert (shenzhen["origin"], shenzhen["unit_price_usd"], shenzhen["mode"], shenzhen["units_per_shipment"]) == ("Shenzhen", 4.2, "ocean", 20_000)
    assert (monterrey["origin"], monterrey["unit_price_usd"], monterrey["mode"], monterrey["units_per_shipment"]) == ("Monterrey", 5.1, "truck", 10_000)
    assert shenzhen["duty_layers"] == [{"name": "Section 301", "rate_pct": 25.0, "usmca_exempt": False}]
    assert "duty_layers" not in monterrey  # a Section 301 tariff goes to Chinese origins only
    assert not d.missing


def test_usmca_qualifying_and_destination_are_read_for_the_mexican_scenario():
    d = route("Landed cost of a $4.20 part from Shenzhen vs a $5.10 part from Monterrey into Chicago, 100k units per year, "
              "20,000 units per container, 10,000 units per truck, 25% Section 301 tariff, USMCA-qualifying")
    shenzhen, monterrey = d.args["scenarios"]
    assert monterrey["usmca_qualifying"] is True and "usmca_qualifying" not in shenzhen
    assert shenzhen["destination"] == monterrey["destination"] == "Chicago"
    assert d.args["annual_units"] == 100_000


def test_tco_sides_are_offshore_asia_and_nearshore_mexico():
    d = route(PHRASINGS[30][0])
    assert d.args["offshore"]["origin"] == "Shenzhen" and d.args["nearshore"]["origin"] == "Juárez"


@pytest.mark.parametrize(
    "question",
    [
        "What is IMMEX?",
        "What is the minimum wage in 2026?",
        "¿Cuál es el salario mínimo en 2026?",
        "How much is the minimum wage in the border zone?",
        "What's the minimum wage in Tijuana?",
        "What is the RVC threshold for passenger vehicles?",
        "How long can raw materials stay in Mexico under IMMEX?",
        "Do IMMEX companies pay VAT on temporary imports?",
        "How is the integrated salary calculated?",
        "What are the Section 301 tariff rates?",
        "¿Qué es la certificación IVA/IEPS?",
        "Which states have the highest payroll tax?",
        "How much do production workers earn in Monterrey?",
        "How much is the IMSS contribution rate for work risk?",
        "¿cuánto pagamos de INFONAVIT al día por un trabajador con salario mínimo general en 2026?",  # a year, no wage
        "What's the lead time for industrial space in Monterrey?",  # a lane's end named, nothing shipped
        "How long does it take to get an IMMEX program approved in Querétaro?",
        # the country, no state, wage or headcount: the national prevailing figures answer
        "How much does an entry-level operator cost per hour in Mexico?",
        "¿Cuánto cuesta un operario en México por hora?",
        # one statutory item, no wage amount or headcount: the rate tables answer, not a payroll total
        "Budgeting a Tijuana plant: how much a day goes to INFONAVIT for a worker on the border minimum wage?",
        "¿Cuánto nos cuesta al día por trabajador la cuota fija de enfermedades y maternidad?",
        # a year is no wage given; a person's nationality is no end of a shipping lane
        "we're budgeting a plant in tijuana - whats the legal minimum daily wage there for 2026?",
        "what work visa do my chinese engineers need to work at our tijuana plant for 6 months, and how long does it take?",
        # a count of UMA is a band of the contribution tables, not a wage; severance and "why" are explanations
        "for our welders earning over 4 UMA, what employer cesantía rate do we budget for 2027?",
        "We're budgeting social security for a Monterrey plant in 2028. For staff whose integrated wage falls between "
        "3.01 and 3.50 UMA, what employer cesantía y vejez rate applies that year?",
        "How much would the severance cost be if we cut 25 operators at our Monterrey plant?",
        "why does a 300-worker plant in Juárez cost more than one in Querétaro?",
        # a headcount for context, then a question asking what one worker costs
        "we'll need maybe 6 welders for the fixture shop. what's a fully loaded hourly cost for a welder in Mexico?",
        # what staff cost besides their pay, and how long goods may stay somewhere, are no payroll or transit time
        "Hay vuelos directos de Queretaro a Detroit? cuanto cuesta el boleto para mandar a nuestros ingenieros?",
        "We ship a demo cell from our Monterrey plant to a show in Chicago. How long can it stay out of Mexico?",
        # how far ahead a filing is due is a deadline, not a transit time
        "For our rail moves out of Monterrey: how long before the train reaches the border does the manifest have to be "
        "at CBP?",
        # one statutory item of the payroll, with a headcount for context, is a rate in the tables
        "Budgeting a 120-person line in Saltillo. What flat IMSS sickness/maternity charge per worker per day should I "
        "load for 2026?",
        # what is owed on leaving is no payroll cost: the seniority premium, a worker being let go ("liquidar")
        "Vamos a liquidar a un operador de planta en Querétaro. ¿Cuántos días por año se pagan de prima de antigüedad y "
        "cuál es el tope de salario diario para calcularla en 2026?",
        "What seniority premium would it cost us to let two operators in Saltillo go?",
        # what the plant buys for its headcount is no payroll cost
        "¿Cuánto cuesta al año una licencia de software de Anexo 24 para una maquila de unos 300 empleados en Juárez?",
        # waiting at a crossing is no lane's transit time, nor is how long a procedure takes
        "Our trucks leave Monterrey and cross at Laredo. How long do they usually wait at the bridge at rush hour?",
        "We're sending 3 engineers from Shanghai to our Saltillo plant. How long does the work visa take?",
        "¿Cuánto tarda la inscripción al padrón de importadores? La planta está en Monterrey y enviamos a Dallas.",
        # … nor how long an authority takes to grant or refund something
        "¿Cuánto tarda CONAGUA en otorgar una concesión de aguas subterráneas para uso industrial en Querétaro?",
        "How long does the SAT take to refund VAT to a plant in Monterrey that ships to Dallas?",
        # a table's name is no amount: a threshold asked by the table's row is a fact
        "fabricamos una autoparte esencial de la tabla A.1; si calculamos con valor de transacción, ¿qué VCR nos piden?",
        "Our part is listed in Table A.2 of the auto appendix. What RVC does it need under the net cost method?",
        # a container's size is no unit price: a freight rate asked "for our TCO model" is a fact
        "For our TCO model: what was the ocean spot rate from Shanghai to Los Angeles for a 40ft container in March 2026?",
        "For our China-vs-Mexico landed cost model: what was the Shanghai to Los Angeles spot rate for a 40-foot "
        "container in mid-January 2026?",
        # how long goods may sit somewhere is a legal period; registering a trademark is a procedure, not a lane
        "Our Ohio parent wants an IMMEX line in Ciudad Juárez using our Chinese motors, and we order in six-month "
        "batches — how long can those temporarily imported components sit in the Mexican plant?",
        "Fabricamos cafeteras en Ningbo y exportamos desde Querétaro. ¿Cuánto cuesta y cuánto tarda registrar nuestra "
        "marca ante el IMPI?",
        # a rate-table value asked in so many words, with a headcount for context
        "Comparamos Tijuana con Guadalajara para unos 300 operadores y nos preocupa el presupuesto. ¿Cuál es el salario "
        "mínimo diario de 2026 en la zona fronteriza donde está Tijuana?",
        # a statutory item's rate asked, with a headcount for context, is a rate in the tables
        "We're a 200-person electronics assembler. If we open in Ciudad Juárez, what state payroll tax rate should go "
        "into the 2026 budget?",
        # how a workforce behaves is a market figure, not a payroll
        "¿Cuál es la tasa de rotación mensual de operadores en las maquiladoras de Ciudad Juárez? Necesito el "
        "porcentaje para el modelo de costos.",
    ],
)
def test_factual_questions_do_not_route(question):
    assert route(question) is None


@pytest.mark.parametrize(
    "question, tool, missing",
    [
        ("How much would 200 workers cost me?", "mexico_labor_cost", ["state"]),
        ("How much would a worker earning 400 pesos a day cost?", "mexico_labor_cost", ["state"]),
        ("Does my part qualify for USMCA? The transaction value is $200.", "usmca_rvc", ["vnm"]),
        ("$4.20 per unit from Shenzhen vs $5.10 from Monterrey — which has the lower landed cost?", "landed_cost_compare",
         ["scenarios[0].units_per_shipment", "scenarios[1].units_per_shipment", "annual_units"]),
        ("How long does it take to ship to Chicago?", "transit_time", ["origin"]),
        ("¿Cuánto me cuesta contratar 30 trabajadores?", "mexico_labor_cost", ["state"]),
    ],
)
def test_missing_inputs_are_named_exactly(question, tool, missing):
    decision = route(question)
    assert decision.tool == tool and decision.missing == missing


@pytest.mark.parametrize(
    "question",
    [
        "How much would INFONAVIT cost us for 120 workers in Tijuana?",  # a headcount: a computation
        "What is the all-in cost, aguinaldo included, of an operator in Querétaro?",  # the total, not one item
    ],
)
def test_a_payroll_item_with_a_headcount_or_the_total_still_routes(question):
    assert route(question).tool == "mexico_labor_cost"


def test_a_labor_question_without_a_wage_uses_the_zone_minimum_wage_and_says_so():
    d = route("What would 200 workers in Juárez really cost me?")
    assert not d.missing and d.assumed == ["daily_wage_mxn", "mxn_per_usd"]
    assert d.args == {"headcount": 200, "state": "Chihuahua", "zone": "border", "daily_wage_mxn": "minimum",
                      "mxn_per_usd": 18.4338}  # the latest exchange rate on file, shown as assumed
    text = render_answer(d, run_tool(d.tool, d.args))
    assert "Assumed: the northern border zone minimum wage (MXN 440.87 a day)" in text


def conversation(turns):
    history, decision = [], None
    for text in turns:
        decision = route(text, history)
        history += [{"role": "user", "content": text}, {"role": "assistant", "content": "..."}]
    return decision


def test_a_follow_up_supplies_the_missing_wage():
    d = conversation(["What would 200 workers in Juárez really cost me?", "500 pesos a day"])
    assert d.tool == "mexico_labor_cost" and not d.missing
    assert {k: v for k, v in d.args.items() if k != "mxn_per_usd"} == {
        "headcount": 200, "state": "Chihuahua", "zone": "border", "daily_wage_mxn": 500.0}


def test_a_follow_up_can_change_the_city():
    d = conversation(["What would 200 workers in Juárez cost at 500 pesos a day?", "And in Monterrey?"])
    assert (d.args["state"], d.args["zone"], d.args["daily_wage_mxn"]) == ("Nuevo León", "general", 500.0)


def test_a_follow_up_from_another_country_drops_the_mode_only_the_old_origin_had():
    d = conversation(["How many days by truck from Monterrey to Chicago?", "And a container from Shanghai?"])
    assert d.tool == "transit_time" and d.args == {"origin": "Shanghai", "destination": "Chicago"}
    d = conversation(["How many days by truck from Monterrey to Chicago?", "And from Saltillo?"])
    assert d.args == {"origin": "Saltillo", "destination": "Chicago", "mode": "truck"}


def test_a_follow_up_completes_a_landed_cost_comparison():
    d = conversation(["$4.20 per unit from Shenzhen vs $5.10 from Monterrey — which has the lower landed cost?",
                      "100,000 units a year, 5,000 units per shipment"])
    assert not d.missing and d.args["annual_units"] == 100_000
    assert [sc["units_per_shipment"] for sc in d.args["scenarios"]] == [5_000, 5_000]


def test_a_follow_up_that_routes_alone_merges_with_the_earlier_question():
    d = conversation(["Does my part qualify for USMCA? The transaction value is $200.", "non-originating materials are $130"])
    assert d.args == {"transaction_value": 200.0, "vnm": 130.0} and not d.missing


def test_a_factual_follow_up_is_not_a_calculation():
    assert conversation(["What would 200 workers in Juárez really cost me?", "What is the minimum wage in 2026?"]) is None
    assert conversation(["What would 200 workers in Juárez really cost me?", "What is IMMEX?"]) is None


# ---------------------------------------------------------------------------------------------- answers
def answer(question):
    d = route(question)
    return d, render_answer(d, None if d.missing else run_tool(d.tool, d.args))


def test_rvc_answer_shows_the_figure_the_verdict_the_arithmetic_and_the_source():
    _, text = answer(PHRASINGS[11][0])
    assert "RVC (transaction-value method): 65% against a 60% threshold, so it qualifies" in text
    assert "(200 − 70) / 200 × 100" in text
    assert "Assumptions and sources:" in text and "https://hts.usitc.gov/" in text


def test_spanish_questions_get_spanish_answers():
    _, text = answer(PHRASINGS[16][0])
    assert text.startswith("VCR (método de valor de transacción): 65% frente a un umbral de 60%: califica")
    assert "Supuestos y fuentes:" in text


def test_labor_answer_gives_totals_per_worker_and_hour_and_sources():
    _, text = answer("How much would 200 minimum-wage workers in Juárez cost per year?")
    result = run_tool("mexico_labor_cost", {"headcount": 200, "daily_wage_mxn": "minimum", "state": "Chihuahua", "zone": "border"})
    assert f"MXN {result['annual_cost_total_mxn']:,.2f} a year" in text
    assert f"MXN {result['cost_per_productive_hour_mxn']:,.2f} per productive hour" in text
    assert "IMSS worker share paid by the employer" in text
    assert "idconline.mx" in text


def test_landed_answer_gives_each_scenario_the_difference_and_break_even():
    _, text = answer(PHRASINGS[18][0])
    assert "- Shenzhen: $" in text and "- Monterrey: $" in text
    assert "Break-even unit price for Monterrey" in text
    assert "MPF rate: 0.3464 percent" in text


def test_transit_and_vat_and_tco_answers():
    assert "Shanghai → Chicago by ocean + rail: 20–35 days door to door" in answer(PHRASINGS[21][0])[1]
    fx = latest_exchange_rate().value
    assert f"ties up about US$960,000.00 / MXN {960_000 * fx:,.2f}" in answer(PHRASINGS[26][0])[1]
    assert "5-year total cost of ownership: offshore $" in answer(PHRASINGS[30][0])[1]


def test_a_vat_amount_in_pesos_is_converted_at_the_latest_exchange_rate_and_shown_in_both_currencies():
    fx = latest_exchange_rate()
    decision, text = answer("how much VAT cash would we tie up on 2 million pesos a month of temporary imports "
                            "if we don't get the IVA certification?")
    assert decision.args["annual_temporary_imports_usd"] == pytest.approx(24_000_000 / fx.value)
    assert "US$24,000,000.00" not in text
    assert "ties up about US$" in text and "/ MXN 960,000.00 (3 months of VAT" in text
    assert f"MXN {plain_number(fx.value)} per US dollar, the Banco de México FIX average of" in text


def test_an_amount_in_millones_de_pesos_is_in_pesos():
    fx = latest_exchange_rate()
    decision, text = answer("Si no tenemos la certificación de IVA e importamos temporalmente 10 millones de pesos de "
                            "insumos al mes, ¿cuánto IVA se nos queda atorado?")
    assert decision.args["annual_temporary_imports_usd"] == pytest.approx(120_000_000 / fx.value)
    assert "US$120,000,000.00" not in text and "MXN 120,000,000.00" in text


def test_a_vat_question_that_states_the_exchange_rate_uses_it():
    decision, text = answer("VAT cash tied up on 1,800,000 pesos of temporary imports a year at 18 pesos per dollar?")
    assert decision.args["mxn_per_usd"] == 18
    assert decision.args["annual_temporary_imports_usd"] == pytest.approx(100_000)
    assert "US$100,000.00 / MXN 1,800,000.00 of temporary imports" in text and "FIX average" not in text


def test_missing_inputs_become_a_plain_question_in_the_question_language():
    d = route("How much would 200 workers cost me?")
    assert render_answer(d, None) == ("To run the labor-cost calculator I still need the Mexican state or city of the plant. "
                                      "Could you tell me?")
    es = route("¿Cuánto me cuesta contratar 30 trabajadores?")
    assert render_answer(es, None) == ("Para usar la calculadora de costo laboral me falta el estado o la ciudad de la planta en "
                                       "México. ¿Me lo puede indicar?")


def test_route_decision_is_a_pydantic_model():
    d = RouteDecision(tool="usmca_rvc", args={"vnm": 1}, missing=["transaction_value"], lang="es")
    assert d.model_dump() == {"tool": "usmca_rvc", "args": {"vnm": 1}, "missing": ["transaction_value"], "lang": "es",
                              "assumed": [], "also": []}


QA_ITEMS = [json.loads(line) for line in (Path(__file__).parent / "qa" / "calculator.jsonl").read_text(encoding="utf-8").splitlines()]
QA_PARAMS = [pytest.param(i, id=i["id"]) for i in QA_ITEMS]


@pytest.mark.parametrize("item", QA_PARAMS)
def test_the_calculator_qa_set_is_answered_by_the_router_and_calculators(item):
    decision = route(item["question"], item.get("history"))
    assert decision is not None and decision.tool == item["expected_tool"]
    assert decision.lang == item["lang"]
    # the QA set's figures hold for its date (QA_SET_DATE), not for whatever day the suite runs on
    result = None if decision.missing else run_tool(decision.tool, decision.args, today=QA_SET_DATE)
    for name, want in item.get("expected_values", {}).items():
        assert result[name] == pytest.approx(want, rel=1e-6), name
    text = render_answer(decision, result).lower()
    assert all(fact.lower() in text for fact in item.get("must_include", []))
    assert bool(decision.missing) == ("expected_values" not in item)


def test_one_shipment_size_applies_to_every_scenario_and_two_go_to_their_own():
    shared = route("Shenzhen at $4.20 vs Monterrey at $5.10, 100,000 units a year, 5,000 units per shipment. Which is cheaper landed?")
    assert [sc["units_per_shipment"] for sc in shared.args["scenarios"]] == [5_000, 5_000]
    own = route("Shenzhen at $4.20 with 20,000 units per shipment vs Monterrey at $5.10 with 4,000 units per shipment, "
                "100,000 units a year: landed cost?")
    assert [sc["units_per_shipment"] for sc in own.args["scenarios"]] == [20_000, 4_000]


def test_a_good_sold_ex_works_to_a_distributor_has_that_price_as_its_transaction_value():
    d = route("Our Monterrey plant sells a pump to a US distributor for US$150 ex-works, with US$54 of non-originating "
              "materials. What's its USMCA RVC?")
    assert d.tool == "usmca_rvc" and d.args["transaction_value"] == 150 and d.args["vnm"] == 54


def test_an_rvc_question_asking_for_both_methods_gets_both():
    decision = route("Our Monterrey plant sells a pump to a US distributor for US$150 ex-works. Non-originating "
                     "materials are US$54 and net cost is US$130. What's the USMCA RVC under the transaction "
                     "value method and under the net cost method?")
    assert [decision.args["method"], *(leg.args["method"] for leg in decision.also)] == ["transaction_value", "net_cost"]
    text = render_answers([(d, run_tool(d.tool, d.args), None) for d in (decision, *decision.also)])
    assert "RVC (transaction-value method): 64% against a 60% threshold" in text
    assert "RVC (net-cost method): 58.46% against a 50% threshold" in text
    one = route("The pump sells for US$150, net cost US$130, non-originating materials US$54. RVC by the net cost method?")
    assert one.args["method"] == "net_cost" and not one.also


def test_an_article_2_5_question_reads_the_us_duty_where_the_goods_pay_it_and_answers_the_duty_first():
    decision, text = answer("Importamos bajo IMMEX componentes chinos con valor en aduana de 80,000 dólares; el arancel "
                            "mexicano sería 15%. El producto terminado paga en Estados Unidos 4,500 dólares de arancel. "
                            "Con la regla del artículo 2.5 del T-MEC, ¿cuánto arancel mexicano terminamos pagando?")
    assert decision.args["us_duty_on_finished_goods_usd"] == 4500
    assert decision.args["annual_temporary_imports_usd"] == 80_000 and "annual_temporary_imports_usd" in decision.assumed
    assert text.startswith("Artículo 2.5 del T-MEC: arancel mexicano de $12,000.00 sobre los insumos no originarios, "
                           "dispensa de $4,500.00, a pagar $7,500.00.")
    assert "importaciones temporales de US$80,000 al año, los insumos no originarios indicados" in text


def test_the_us_duty_is_read_where_mexicans_write_eu_for_the_united_states():
    decision, text = answer("importamos componentes chinos por 50 mil dólares con arancel mexicano de 10%; si el producto "
                            "terminado paga 2,000 dólares de arancel en EU, ¿cuánto pagamos en México por el artículo 2.5?")
    assert decision.args["us_duty_on_finished_goods_usd"] == 2000
    assert decision.args["annual_temporary_imports_usd"] == 50_000
    assert text.startswith("Artículo 2.5 del T-MEC: arancel mexicano de $5,000.00 sobre los insumos no originarios, "
                           "dispensa de $2,000.00, a pagar $3,000.00.")
    # … and where the duty is paid on entering the United States ("al entrar a EE.UU.", "on entering the US")
    decision, text = answer("Traemos componentes chinos con IMMEX por 50,000 dólares, con arancel mexicano de 10%. El "
                            "producto terminado paga 2,000 dólares de arancel al entrar a EE.UU. ¿Cuánto nos toca pagar "
                            "en México por el artículo 2.5?")
    assert decision.args["us_duty_on_finished_goods_usd"] == 2000
    assert text.startswith("Artículo 2.5 del T-MEC: arancel mexicano de $5,000.00 sobre los insumos no originarios, "
                           "dispensa de $2,000.00, a pagar $3,000.00.")
    english = route("Chinese parts worth $50,000 under IMMEX, 10% Mexican duty; the finished goods pay $2,000 of duty on "
                    "entering the US. What do we owe in Mexico under article 2.5?")
    assert english.args["us_duty_on_finished_goods_usd"] == 2000
