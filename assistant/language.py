"""Tell English from Spanish questions, so abstentions and prompts answer in the user's language."""

from __future__ import annotations

import re

_ES = re.compile(
    r"[¿¡ñáéíóú]|\b(qué|que|cuál|cuánto|cuántos|cuanto|cómo|como|dónde|cuándo|por qué|es|son|el|la|los|las|"
    r"del|de|para|con|una|un|mi|nuestra|nuestro|hay|puedo|debo|tengo|salario|empresa|plazo|costo|aranceles|"
    # the same words as visitors type them, without accents, and Spanish function words that are no English words
    r"cuando|donde|cual|cuales|quien|tambien|desde|hacia|hasta|nos|nuestros|nuestras|por|pero|sin|mas|esta|este|"
    r"estos|estas|tiene|tienen|se|lo|le|les|al|su|sus|en|y|o)\b",
    re.IGNORECASE,
)
_EN = re.compile(r"\b(the|what|which|how|is|are|do|does|can|should|of|for|with|my|our|we|i|much|long|cost|in|to|and|by|"
                 r"on|at|from|per|an|rate|rates|wage|wages|fee|fees|duty|year|years|worker|workers|employer|plant|tax|"
                 r"and|still|get|pay|need|top|highest|when|who|where|why|there|this|that|if|or|any|near|some|have|has|it|"
                 r"be|will|would|could|you|your|us|than|about)\b", re.I)


# an accented capitalised word inside a sentence is a name ("Querétaro", "Juárez", "Nuevo León"), no sign of Spanish:
# "any hotels near Querétaro airport?"
_ACCENTED_NAME = re.compile(r"(?<=[\w,;:)] )[A-ZÁÉÍÓÚÑ][\wáéíóúñü]*[áéíóúñ][\wáéíóúñü]*")


def detect_language(text: str) -> str:
    text = _ACCENTED_NAME.sub("Name", text)
    return "es" if len(_ES.findall(text)) > len(_EN.findall(text)) else "en"
