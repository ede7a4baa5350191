"""The visitor's language decides the answer's language: Spanish typed without accents is still Spanish."""

import pytest

from assistant.language import detect_language


@pytest.mark.parametrize("question", [
    "Cuando mandamos producto terminado por barco desde Long Beach hacia Asia, nos cobran tambien la HMF por exportar?",
    "¿Cuántos días de vacaciones tiene un operador con tres años?",
    "cuanto es el salario minimo en Tijuana",
    "salario mínimo en Querétaro",
    "¿Y en Mérida?",
    "Monterrey o Querétaro?",
])
def test_spanish_questions_are_spanish_with_or_without_accents(question):
    assert detect_language(question) == "es"


@pytest.mark.parametrize("question", [
    "How long does a truck take from Long Beach to Monterrey?",
    "What does the Ley Federal del Trabajo say about vacation days?",
    "Is the IMMEX program still worth it in 2026?",
    # an accented place name inside a sentence is a name, not Spanish
    "any hotels near Querétaro airport?",
    "Plants in Ciudad Juárez?",
])
def test_english_questions_are_english_even_naming_a_spanish_law_or_a_place(question):
    assert detect_language(question) == "en"
