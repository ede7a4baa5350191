"""A provision of an instrument whose text we do not ship (:mod:`assistant.answer.unshipped`)."""

from __future__ import annotations

import pytest

from assistant.answer.unshipped import asked_provision, unshipped_provision
from assistant.models import Chunk


def guide(text: str, doc_id: str = "immex-application-process") -> Chunk:
    return Chunk(id=f"{doc_id}:0", doc_id=doc_id, text=text, ordinal=0, title=doc_id, doc_type="guide",
                 jurisdiction="MX", language="en", path=f"corpus/{doc_id}.md")


@pytest.mark.parametrize("question, asked", [
    ("¿Qué dice el artículo 32-D del CFF?", ("Código Fiscal de la Federación", "32-D")),
    ("RGCE rule 3.2.3: how much can our engineers bring in their luggage?", ("Reglas Generales de Comercio Exterior", "3.2.3")),
    ("what does regla 2.3.5 de las RGCE say", ("Reglas Generales de Comercio Exterior", "2.3.5")),
    ("Ley de Comercio Exterior artículo 17-A, ¿qué dice?", ("Ley de Comercio Exterior", "17-A")),
    ("the federal tax code article 17-H: when is our e.firma cancelled?", ("Código Fiscal de la Federación", "17-H")),
    ("RGCE 3.3.1?", ("Reglas Generales de Comercio Exterior", "3.3.1")),
])
def test_an_article_or_rule_of_an_instrument_we_do_not_ship_is_recognised(question, asked):
    assert asked_provision(question) == asked


@pytest.mark.parametrize("question", [
    "¿Qué dice el artículo 59 de la Ley Aduanera?",  # shipped: the look-up answers it
    "LFT artículo 1025: ¿qué multa?",
    "What does the CFF require before we apply for IMMEX?",  # the instrument, no provision
    "Do the RGCE for 2026 change anything for us?",  # a year is no rule number
])
def test_shipped_laws_and_instruments_named_without_a_provision_are_not_this_rule(question):
    assert asked_provision(question) is None


def test_a_guide_naming_the_provision_answers_and_none_naming_it_is_said_plainly():
    states = guide("The applicant needs a positive opinión de cumplimiento issued by the SAT under Article 32-D of the "
                   "Código Fiscal de la Federación (CFF, federal tax code).")
    other = guide("The SAT may cancel the certificate under article 17-H of the CFF. Rule 32 applies to plants.", "sat")
    found = unshipped_provision("¿Qué dice el artículo 32-D del CFF?", [states, other])
    assert found.stating == (states,)
    missing = unshipped_provision("RGCE rule 3.2.3: how much can our engineers bring in their luggage?", [states, other])
    assert missing.stating == () and "Reglas Generales de Comercio Exterior, regla 3.2.3" in missing.message("en")
    assert "No tengo fuentes sobre" in missing.message("es")
    # the number alone, or beside another instrument, is not the provision
    assert unshipped_provision("CFF article 32: what does it say?", [states, other]).stating == ()


def test_an_official_standard_is_answered_by_the_guide_naming_it_or_said_not_to_be_on_file():
    labels = guide("Textiles sold in Mexico need a Spanish label under NOM-004-SE-2021 before they are sold.", "nom")
    assert unshipped_provision("when did NOM 004 SE become mandatory?", [labels]).stating == (labels,)
    missing = unshipped_provision("¿Qué nos obliga la NOM-030-STPS en cuanto a servicios preventivos?", [labels])
    assert missing.stating == () and "NOM-030-STPS" in missing.message("es")


def test_an_article_with_a_letter_and_bis_is_read_whole():
    assert asked_provision("¿Qué plazo da el artículo 17-H Bis del CFF para aclarar?") == (
        "Código Fiscal de la Federación", "17-H Bis")
    assert asked_provision("article 5 bis of the CFF") == ("Código Fiscal de la Federación", "5 Bis")


def test_for_a_figure_asked_only_a_sentence_naming_the_provision_with_such_a_figure_answers():
    """ "¿Cuántos días tiene … según el 69-B del CFF?": a guide's bullet listing "CFF arts. 69 or 69-B" among the checks
    on an IMMEX holder names it but states no period — the article is said not to be on file; a sentence that names it
    with its period answers."""
    from assistant.answer.question import analyze

    listed = guide("## Checks\n\n- The SE checks each year that the holder has an active RFC and no listing under CFF "
                   "arts. 69 or 69-B.\n- The Annex 24 system must stay up to date, within 30 days of each change.")
    question = "Según el artículo 69-B del CFF, ¿cuántos días tiene un contribuyente para desvirtuar la presunción?"
    assert unshipped_provision(question, [listed], analyze(question)).stating == ()
    states = guide("A taxpayer listed under CFF art. 69-B has 15 business days to rebut the presumption.", "sat")
    assert unshipped_provision(question, [listed, states], analyze(question)).stating == (states,)
    # what the provision says is answered by a sentence naming it, figure or not
    assert unshipped_provision("¿Qué dice el artículo 69-B del CFF?", [listed], analyze("¿Qué dice?")).stating == (listed,)
