"""A state payroll tax asked of a state the rate table does not hold is said not to be on file, unless a guide states
it (:mod:`assistant.answer.state_facts`)."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.answer.question import analyze
from assistant.answer.state_facts import state_not_on_file
from assistant.calculators.rates import load_rates


def chunk(text: str, authority: str = "curated") -> SimpleNamespace:
    return SimpleNamespace(text=text, authority=authority)


GUIDE = chunk("Nuevo León's payroll tax is 3%. Puebla is home to Volkswagen and Audi plants.")


def test_a_state_the_table_lacks_is_named_with_the_states_it_holds():
    gap = state_not_on_file(analyze("Somos proveedor de VW. ¿Cuál es la tasa del impuesto sobre nómina en Puebla en "
                                    "2026?"), load_rates(), [GUIDE])
    assert gap is not None and gap.states == ("Puebla",) and not gap.stating
    assert "Chihuahua" in gap.on_file and "Puebla" not in gap.on_file
    assert "Puebla" in gap.message("es") and "no voy a adivinarla" in gap.message("es")
    assert "no state payroll tax (ISN) rate on file for Puebla" in gap.message("en")


def test_a_guide_sentence_stating_that_states_rate_answers_instead():
    stating = chunk("Puebla charges a state payroll tax of 3% on gross wages.")
    law = chunk("El impuesto sobre nómina de Puebla es de 3%.", authority="official")
    gap = state_not_on_file(analyze("What's the payroll tax rate in Puebla?"), load_rates(), [GUIDE, stating, law])
    assert gap is not None and gap.stating == (stating,)


def test_a_state_on_file_or_no_rate_asked_is_no_gap():
    book = load_rates()
    assert state_not_on_file(analyze("What is the state payroll tax in Querétaro?"), book, [GUIDE]) is None
    assert state_not_on_file(analyze("What is the payroll tax in Puebla and Querétaro?"), book, [GUIDE]) is None
    assert state_not_on_file(analyze("Which car makers have plants in Puebla?"), book, [GUIDE]) is None


def test_a_city_of_the_asked_state_in_the_passages_answers_for_it():
    from assistant.answer.coverage import missing_entity
    from assistant.models import Chunk, Passage

    def passage(text: str) -> Passage:
        chunk = Chunk(id="rents:0", doc_id="industrial-rents", text=text, ordinal=0, title="Industrial rents",
                      doc_type="guide", jurisdiction="MX", language="en", path="corpus/x.md")
        return Passage(chunk=chunk, score=1.0)

    by_state = passage("Rents run about US$0.67 in Tijuana (Baja California), US$0.62 in Ciudad Juárez (Chihuahua), "
                       "US$0.58 in Saltillo (Coahuila), US$0.55 in Querétaro and US$0.66 in Monterrey.")
    assert missing_entity(analyze("How much is industrial rent in Apodaca?"), [by_state]) is None
    without = passage("Rents run about US$0.67 in Tijuana (Baja California), US$0.62 in Ciudad Juárez (Chihuahua), "
                      "US$0.58 in Saltillo (Coahuila) and US$0.55 in Querétaro.")
    assert missing_entity(analyze("How much is industrial rent in Apodaca?"), [without]) == "Nuevo León"
