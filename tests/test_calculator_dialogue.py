"""The calculator dialogue as a visitor meets it: replies to a pending question are accepted, stated defaults are
used (and said) instead of asking, a new question clears a pending one, no field name or validator text is ever
shown, a comparison of two lanes runs two calculations, and an answer is a short headline in the visitor's
language with a pointer to the full breakdown. Real router, real calculators, and the real Assistant over the
fixture corpus."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from assistant.evaluation.qa import QA_SET_DATE

from assistant.errors import ToolInputError
from assistant.intents import explain_refusal, render_answer, render_answers, route
from assistant.intents.translations import known_name, known_note
from assistant.models import Turn
from assistant.registry import run_tool

sys.path.insert(0, str(Path(__file__).parent))
from test_tools_registry import SAMPLES

FIELD_NAME = re.compile(r"\[\w+\]|\b[a-z]+_[a-z0-9_]+\b")  # "[daily_wage_mxn]", "mxn_per_usd"
VALIDATOR = re.compile(r"Invalid input|must be (?:a number|one of)|is required|not an accepted field|; got ")


def conversation(turns: list[str]):
    history: list[dict] = []
    decision = None
    for text in turns:
        decision = route(text, history)
        history += [{"role": "user", "content": text}, {"role": "assistant", "content": "..."}]
    return decision


def history_of(*turns: str) -> list[Turn]:
    return [Turn(role=role, content=text) for t in turns for role, text in (("user", t), ("assistant", "..."))]


def answer_text(decision) -> str:
    outcomes = []
    for d in decision.calls:
        try:
            outcomes.append((d, run_tool(d.tool, d.args, today=QA_SET_DATE), None))
        except ToolInputError as exc:
            outcomes.append((d, None, explain_refusal(d, str(exc))))
    return render_answers(outcomes)


def visible(text: str) -> str:
    """The answer without its source addresses (a URL may contain anything)."""
    return re.sub(r"https?://\S+", "", text)


# ------------------------------------------------------------------------------ 1. replies to a pending question
@pytest.mark.parametrize("reply", ["minimum", "mínimo", "el mínimo", "salario mínimo", "minimum wage", "Minimum."])
def test_a_minimum_wage_reply_is_accepted(reply):
    d = conversation(["How much would 80 people in Reynosa cost us a year at 500 pesos a day?", reply])
    assert d is not None and d.tool == "mexico_labor_cost" and not d.missing
    assert d.args["daily_wage_mxn"] == "minimum" and "daily_wage_mxn" not in d.assumed
    assert (d.args["headcount"], d.args["state"], d.args["zone"]) == (80, "Tamaulipas", "border")


def test_the_reply_is_answered_by_the_assistant_in_the_conversation_language(fixture_assistant):
    result = fixture_assistant.ask("el mínimo", history_of("¿Cuánto nos costarían 25 trabajadores en Nogales?"))
    assert [c.name for c in result.tool_calls] == ["mexico_labor_cost"]
    assert result.tool_calls[0].result["annual_cost_total_mxn"] == pytest.approx(5_541_270.79)
    assert result.answer.startswith("Costo estimado de 25 trabajadores en Sonora")
    assert "Sources:" not in result.answer and "Desglose completo: pestaña Calculadoras." in result.answer


def test_a_bare_figure_answers_the_one_input_pending():
    d = conversation(["Does my part qualify for USMCA? The transaction value is $200.", "$70"])
    assert d.args == {"transaction_value": 200.0, "vnm": 70.0} and not d.missing
    d = conversation(["$4.20 per unit from Shenzhen vs $5.10 from Monterrey — which has the lower landed cost?",
                      "100,000 units a year", "5,000"])
    assert not d.missing and [sc["units_per_shipment"] for sc in d.args["scenarios"]] == [5_000, 5_000]


def test_a_reply_with_no_language_keeps_the_conversation_language():
    d = conversation(["¿Cuánto costarían 50 trabajadores?", "Tijuana"])
    assert d.lang == "es" and (d.args["state"], d.args["zone"]) == ("Baja California", "border") and not d.missing


# ------------------------------------------------------------------------------------- 2. stated defaults
def test_no_wage_means_the_zone_minimum_wage_and_the_answer_says_what_was_assumed():
    d = route("How much would 40 workers in Tijuana cost?")
    assert not d.missing and d.assumed == ["daily_wage_mxn", "mxn_per_usd"]
    text = answer_text(d)
    assumed = next(line for line in text.splitlines() if line.startswith("Assumed: "))
    assert "the northern border zone minimum wage (MXN 440.87 a day)" in assumed
    assert "work-risk class III (2.5984%, the IMSS class average" in assumed
    assert "ordinary hours per week: 48 hours" in assumed
    es = answer_text(route("¿Cuánto costarían 40 trabajadores en Tijuana?"))
    assert "Se supuso: el salario mínimo de la zona libre de la frontera norte (MXN 440.87 diarios)" in es
    assert "riesgo de trabajo clase III" in es


def test_what_has_no_default_is_still_asked_and_a_city_or_border_fills_what_it_implies():
    assert route("How much would 50 workers cost?").missing == ["state"]
    border = conversation(["How much would 50 workers cost?", "border"])
    assert border.missing == ["state"] and border.args["zone"] == "border"
    city = conversation(["How much would 50 workers cost?", "border", "Juárez"])
    assert not city.missing and (city.args["state"], city.args["zone"]) == ("Chihuahua", "border")
    state_only = route("How much would 50 workers in Nuevo León cost?")
    assert "the general minimum-wage zone (not the northern border)" in answer_text(state_only)


def test_a_given_exchange_rate_gives_usd_and_mxn_and_is_listed_as_an_assumption():
    text = answer_text(route("Calculate the cost of 75 employees in Querétaro earning 420 pesos per day with 18.5 pesos per dollar"))
    head = text.splitlines()[0]
    assert "about $843,622.39 USD a year (MXN 15,607,014.13 a year" in head and "at 18.5 MXN per USD" in head
    assert "- Exchange rate: 18.5 MXN per USD (as given)" in text
    # no rate given: the latest on file, said so and listed with its source
    without = answer_text(route("How much would 40 workers in Tijuana cost?"))
    assert "at 18.4338 MXN per USD" in without.splitlines()[0]
    assert "MXN 18.4338 per US dollar, the Banco de México FIX average of 2025-11, the latest on file" in without
    assert "- Exchange rate (latest on file): 18.4338 MXN per USD, 2025-11-01" in without
    assert "tell me an exchange rate" not in without and "(as given)" not in without


# --------------------------------------------------------------------- 3. a new question clears a pending one
PENDING = "How much would 50 workers cost?"


@pytest.mark.parametrize("question", [
    "Can you recommend a good hotel in Guadalajara?", "What is IMMEX?", "Which industrial parks are in Monterrey?",
    "Industrial parks in Querétaro?", "Show me industrial parks in Saltillo", "What is the minimum wage in Tijuana?",
    "How much is the minimum wage?", "what RVC threshold applies to auto parts?", "¿Qué es IMMEX?",
])
def test_a_new_question_after_a_pending_one_goes_to_the_knowledge_base(question):
    assert conversation([PENDING, question]) is None
    assert conversation(["What would 200 workers in Juárez cost at 500 pesos a day?", question]) is None


def test_the_assistant_does_not_keep_asking_after_a_new_question(fixture_assistant):
    result = fixture_assistant.ask("Can you recommend a good hotel in Guadalajara?", history_of(PENDING))
    assert result.tool_calls == [] and "still need" not in result.answer
    parks = fixture_assistant.ask("Industrial parks in Monterrey?", history_of("How much would 50 workers in Juárez cost?"))
    assert parks.tool_calls == [] and "MXN" not in parks.answer


def test_a_cleared_question_is_not_revived_by_a_later_reply():
    assert conversation([PENDING, "What is IMMEX?", "Tijuana"]) is None


@pytest.mark.parametrize("question", [
    "what is the minimum wage in Tijuana?", "what RVC threshold applies to auto parts?",
    "What's the fully loaded hourly cost of an entry-level production operator in Mexico?",
    "What are the Section 301 tariff rates on Chinese parts?",
])
def test_factual_questions_do_not_route(question):
    assert route(question) is None


# ------------------------------------------------------- 4. no field names or validator text, plain words
@pytest.mark.parametrize("question", [
    PENDING, "¿Cuánto costarían 50 trabajadores?", "Does my part qualify for USMCA? The transaction value is $200.",
    "$4.20 per unit from Shenzhen vs $5.10 from Monterrey — which has the lower landed cost?",
    "¿Qué sale más barato: 8 dólares por pieza desde Shanghai o 9 dólares desde Saltillo?",
    "How long does it take to ship to Chicago?",
])
def test_missing_inputs_are_asked_for_in_plain_words(question):
    d = route(question)
    text = render_answer(d, None)
    assert d.missing and not FIELD_NAME.search(text), text
    assert ("I still need" in text) == (d.lang == "en") and ("me falta" in text) == (d.lang == "es")


@pytest.mark.parametrize("question, expected", [
    ("What does a worker earning 100 pesos a day cost in Monterrey?",
     ("A daily wage of MXN 100.00 is below the general zone minimum wage (MXN 315.04 a day on "
      f"{QA_SET_DATE.isoformat()}). Give a wage of at least that, or say “minimum”.")),
    ("¿Cuánto cuesta un trabajador con salario de 100 pesos en Monterrey?",
     "Un salario diario de MXN 100.00 está por debajo del salario mínimo de la zona general"),
    ("Calculate the cost of 75 employees in Querétaro earning 420 pesos per day with 100 pesos per dollar",
     "The exchange rate (pesos per US dollar) must be between 5 and 50; the question gives 100."),
    ("How long from Guadalajara to Chicago?", "I have no transit times from Guadalajara. Origins on file: Shanghai"),
    ("How long by air from Monterrey to Chicago?",
     "There is no air route from Monterrey to Chicago on file; modes on file: truck, rail."),
    ("How much would 50 workers in Yucatán earning 400 pesos a day cost?", "I have no state payroll-tax rate on file for Yucatán."),
    ("How much would 50 workers in Tijuana cost in 2023?", "I have no rates for 2023-07-01"),
    # A later year is computed with the latest rates on file, flagged (issue 13), not refused.
    ("How much would 50 workers in Tijuana cost in 2031?", "⚠ Minimum wage: the 2026 minimum wages (in force 2026-01-01"),
    ("¿Cuánto costarían 50 trabajadores en Tijuana en 2031?", "⚠ Salario mínimo: las cifras vigentes del 2026-01-01 al 2026-12-31"),
    ("Does my part qualify for USMCA with a $100 transaction value and 170 dollars of non-originating parts?",
     "The non-originating materials (170.00) cannot be worth more than the transaction value of the good (100.00)"),
])
def test_a_refused_calculation_says_what_to_change_in_plain_words(question, expected):
    text = answer_text(route(question))
    assert expected in text
    assert not FIELD_NAME.search(text) and not VALIDATOR.search(text), text


def test_the_assistant_shows_the_plain_refusal_and_keeps_the_developer_message_in_the_tool_call(fixture_assistant):
    result = fixture_assistant.ask("What does a worker earning 100 pesos a day cost in Monterrey?")
    assert result.answer.startswith("I couldn't run the labor-cost calculator with those figures. A daily wage of MXN 100.00")
    assert not FIELD_NAME.search(result.answer) and not VALIDATOR.search(result.answer)
    call = result.tool_calls[0]
    assert call.result["status"] == "invalid_input" and "daily_wage_mxn" in call.result["error"]


# ------------------------------------------------------------------------- 5. two lanes, two calculations
COMPARISON = "How long does a truck take from Monterrey to Chicago compared with ocean from Shanghai?"


def test_a_comparison_of_two_lanes_routes_to_two_calls():
    d = route(COMPARISON)
    assert [c.args for c in d.calls] == [{"origin": "Monterrey", "destination": "Chicago", "mode": "truck"},
                                         {"origin": "Shanghai", "destination": "Chicago", "mode": "ocean"}]
    modes = route("How long from Shanghai to Chicago by ocean vs by air?")
    assert [c.args["mode"] for c in modes.calls] == ["ocean", "air"]
    assert route("How long from Shanghai to Chicago by ocean?").also == []
    # no "how long": "compare" with two lanes and how each ships, and no price
    compared = route("Compare trucking from Monterrey to Dallas with ocean from Shanghai to Los Angeles")
    assert [(c.args["origin"], c.args["destination"], c.args["mode"]) for c in compared.calls] == [
        ("Monterrey", "Dallas", "truck"), ("Shanghai", "Los Angeles", "ocean")]
    assert route("Compare the IMMEX and the shelter models for a plant in Monterrey") is None


def test_the_destination_is_where_the_goods_go_not_a_crossing_on_the_way():
    """ "… from the Laredo crossing …, and how many days … from Monterrey to Dallas?": Laredo is on the way; the lane
    runs to Dallas (the table has no transit times to Laredo, and the visitor read a refusal)."""
    d = route("How far is Monterrey from the Laredo crossing by road, and how many days door to door should we plan "
              "for a truckload from Monterrey to Dallas?")
    assert [c.args for c in d.calls] == [{"origin": "Monterrey", "destination": "Dallas", "mode": "truck"}]
    assert route("¿Cuántos días tarda un camión de Monterrey hasta Chicago?").calls[0].args["destination"] == "Chicago"


def test_the_assistant_runs_and_records_each_call_and_states_both(fixture_assistant):
    result = fixture_assistant.ask(COMPARISON)
    assert [(c.name, c.args["origin"], c.result["mode"]) for c in result.tool_calls] == [
        ("transit_time", "Monterrey", "truck"), ("transit_time", "Shanghai", "ocean_rail")]
    head = result.answer.splitlines()[0]
    assert "Monterrey → Chicago by truck: 4–6 days" in head and "Shanghai → Chicago by ocean + rail: 20–35 days" in head
    assert "The fastest is Monterrey → Chicago by truck." in result.answer


def test_a_spanish_comparison_and_a_follow_up_that_moves_both_lanes():
    es = answer_text(route("¿Cuánto tarda un camión de Monterrey a Chicago frente a barco desde Shanghái?"))
    assert "Monterrey → Chicago por camión: 4–6 días; Shanghai → Chicago por marítimo + ferrocarril: 20–35 días" in es
    d = conversation([COMPARISON, "What about Dallas?"])
    assert [c.args["destination"] for c in d.calls] == ["Dallas", "Dallas"]


# ------------------------------------------------------ 6. a short headline, a pointer, one language throughout
def test_a_chat_result_is_a_headline_key_figures_and_a_pointer_to_the_calculators_tab():
    lines = answer_text(route("How much would 200 minimum-wage workers in Juárez cost per year?")).splitlines()
    assert lines[0] == ("Estimated fully burdened cost of 200 workers in Chihuahua (northern border zone): about "
                        "$2,429,562.54 USD a year (MXN 44,786,069.97 a year, MXN 3,732,172.50 a month, at 18.4338 MXN "
                        "per USD).")
    assert lines[1].startswith("Per worker: MXN 223,930.35 a year")
    assert "Full breakdown: Calculators tab." in lines[:4]
    es = answer_text(route("¿Cuánto cuestan 50 operarios con salario mínimo en Tijuana en 2025?")).splitlines()
    assert es[0].startswith("Costo estimado de 50 trabajadores en Baja California") and "Desglose completo: pestaña Calculadoras." in es[:4]


ENGLISH = re.compile(r"\b(?:the|and|of|per|percent|wage|workers?|days|until|changed|input|calculator|default|Notes|Assumptions|"
                     r"Sources|UNVERIFIED|Planning|estimate|employer|Give|Transit|rate|price|freight|duty|Tariff|General|"
                     r"Section|by|minimum|given|unverified|derived|official)\b")
SPANISH_QUESTIONS = [
    "¿Cuánto costarían 5 ingenieros en Guadalajara con salario de 6,000 pesos diarios?",  # the 25-UMA cap note
    "Costo patronal de 20 empleados con 3 años de antigüedad en Monterrey, salario 600 pesos, tipo de cambio 19",
    "¿Cuánto cuestan 50 operarios con salario mínimo en Tijuana en 2025?",
    "Calcula el VCR por costo neto: costo neto 800 dólares, materiales no originarios 350 dólares",
    ("¿Qué sale más barato puesto en Dallas: 8 dólares por pieza desde Shanghai o 9 dólares desde Saltillo? 30,000 piezas al "
    "año, 6,000 por contenedor y 3,000 por camión, arancel de 25% sección 301"),
    "¿Cuánto IVA se inmoviliza si importamos temporalmente 24 millones de dólares al año sin certificación?",
    ("Costo total de propiedad a 5 años: 3 dólares por pieza desde Shenzhen contra 3.40 dólares desde Monterrey, 500,000 "
    "piezas al año, 50,000 por contenedor, 10,000 por camión"),
    "¿Cuántos días tarda un camión de Monterrey a Dallas?",
]


@pytest.mark.parametrize("question", SPANISH_QUESTIONS)
def test_a_spanish_answer_is_entirely_spanish(question):
    d = route(question)
    assert d.lang == "es" and not d.missing
    text = visible(answer_text(d))
    assert not ENGLISH.search(text), [line for line in text.splitlines() if ENGLISH.search(line)]
    assert not FIELD_NAME.search(text)


def _calculator_outputs() -> list[dict]:
    extra = [
        ("mexico_labor_cost", {"daily_wage_mxn": 6000, "state": "Jalisco", "annual_taxable_profit_mxn": 1e9, "headcount": 2}),
        ("mexico_labor_cost", {"daily_wage_mxn": 400, "state": "Coahuila", "year": 2024, "work_risk_rate_pct": 2, "mxn_per_usd": 18}),
        ("usmca_rvc", {"method": "net_cost", "net_cost": 100, "vnm": 30}),
        ("landed_cost_compare", {"annual_units": 1000, "scenarios": [
            {"name": "a", "origin": "Shanghai", "mode": "air", "unit_price_usd": 3, "units_per_shipment": 500},
            {"name": "b", "origin": "Monterrey", "mode": "rail", "unit_price_usd": 4, "units_per_shipment": 500, "destination": "Dallas"}]}),
        ("transit_time", {"origin": "Ho Chi Minh City", "destination": "Atlanta"}),
    ]
    # tariff_line is a look-up, not a calculator: its chat answer is assistant.answer.tariffs (see test_official_texts)
    samples = [(tool, args) for tool, args in SAMPLES.items() if tool != "tariff_line"]
    return [run_tool(tool, args, today=QA_SET_DATE) for tool, args in [*samples, *extra]]


def test_every_note_and_assumption_the_calculators_emit_has_its_spanish_wording():
    for result in _calculator_outputs():
        for note in result["notes"]:
            assert known_note(note), note
        for a in result["assumptions"]:
            assert known_name(a["name"]), a["name"]


@pytest.mark.parametrize("question", [COMPARISON, "How much would 200 minimum-wage workers in Juárez cost per year?",
                                      ("Five-year TCO: $6.00 per unit from Shenzhen vs $6.50 from Juárez, 200,000 units a year, "
                                      "25,000 per container and 5,000 per truck")])
def test_no_answer_shows_a_field_name(question):
    assert not FIELD_NAME.search(visible(answer_text(route(question))))
