"""A message after a calculator question: a follow-up that answers or adjusts it, or a new question that clears it.

A follow-up speaks only the calculators' language: figures, places, and words the calculators use (their input
fields' descriptions and labels, the cue vocabulary, a short list of dialogue words — "and", "what about",
"make it", "y con"). "Can you recommend a good hotel in Guadalajara?" or "Industrial parks in Querétaro?" say
something else (hotel, recommend, industrial, parks): they are new questions and go to the knowledge base, and
the pending calculator question is dropped. A question that asks what something is ("What is IMMEX?", "How
much is the minimum wage?") is a new question too.

A bare reply answers the question pending: "minimum" (or "mínimo", "el mínimo") is the minimum wage; a lone
number fills the one numeric input still missing.
"""

from __future__ import annotations

import copy
import re
import typing
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from assistant.calculators.places import find_places
from assistant.intents.cues import LABOR_COST, LABOR_NOUN, LABOR_WAGE
from assistant.intents.quantities import Quantity, is_year
from assistant.intents.specs import submodel
from assistant.registry import REGISTRY
from assistant.text import fold

_DIALOGUE = """
and also too the this that these those them they their its it's our ours we you your me my mine let lets say suppose
assume assuming assumed instead rather actually now then again same other another different case scenario option
options what about how if with without for from into onto per each every only just all both any some more less than
plus minus around roughly approximately approx about same please thanks thank yes yeah yep sure okay fine great ok
make change use using try run rerun redo recalculate calculate compute estimate work out would will could can should
does did don isn are was were been being have has had not but also too much many one two three four five six seven
eight nine ten hundred thousand million millions billion number figure figures amount total totals cost costs costing
higher lower increase decrease raise instead there here how what which who want need give giving given take taking
que para con sin por como cual cuales pero tambien mismo misma mismos ahora entonces mejor mas menos los las del una
uno unos unas este esta estos estas ese esa eso esto hay son sea seria fuera caso escenario opcion otra otro favor
gracias vale bueno listo digamos supongamos suponiendo supon pon ponle usa usar usando cambia cambiar calcula calcular
recalcula haz hazlo puedes podrias quiero necesito tal vez cuanto cuanta cuantos cuantas cuesta costo costaria total
mil millon millones cien ciento cientos dos tres cuatro cinco seis siete ocho nueve diez mismo solo nada todo todos
dame hacer seria serian sale salen queda quedan desde hasta hacia entre sobre durante cada alla aqui
hmm hmmm umm uhm well so alright right cool perfect oh ah yes nope nah
"""
_DOMAIN = """
minimum minimo minima wage wages salary salaries salario salarios sueldo sueldos pesos peso mxn usd dollar dollars dolar
dolares day days daily dia dias diario diarios diaria week weeks weekly semana semanas semanal semanales month months
monthly mes meses mensual mensuales hour hours hourly hora horas year years yearly annual annually ano anos anual
border frontera fronteriza fronterizo zone zona general northern norte state estado city ciudad plant planta class
clase risk riesgo exchange rate rates tipo cambio service servicio antiguedad seniority tenure shift shifts turno
turnos headcount plantilla instead earn earns earning earning gana ganan ganando pay pays paid paying pagar pagando
pago transaction value valor transaccion net neto vnm non originating originario originarios originaria originarias
materials material materiales parts part components componentes threshold umbral method metodo requirement
requisito sells sell sold price precio prices precios imported importado importados chinese china asian inputs insumos
resin units unit unidades unidad pieces piece piezas pieza shipment shipments embarque embarques container containers
contenedor contenedores truck trucks truckload camion camiones freight flete tariff tariffs arancel aranceles duty
duties section seccion usmca tmec qualifying qualifies qualify califica calificar volume volumen destination destino
imports importaciones import importamos temporary temporal temporales temporalmente capital interest interes prosec
certification certificacion certified certificado refund devolucion recover recuperar ocean sea ship vessel
maritimo barco rail railroad train tren ferrocarril air aereo avion plane road carretera intermodal via door puerta
transit transito lead long fast faster quick quickly rapido tarda tardan demora take takes
"""


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """Every word a follow-up may use: dialogue words, the calculators' words, and the words of the input fields'
    descriptions and labels in the registry."""
    words = set(_DIALOGUE.split()) | set(_DOMAIN.split())

    def collect(model: type[BaseModel]) -> None:
        for info in model.model_fields.values():
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            texts = [info.description or "", *(str(v) for k, v in extra.items() if k.startswith("label"))]
            for text in texts:
                words.update(re.findall(r"[a-z]+", fold(text)))
            sub = submodel(info)
            if sub is not None:
                collect(sub)

    for spec in REGISTRY.values():
        collect(spec.input_model)
    return frozenset(words)


_CUE_WORD = re.compile(rf"(?:{LABOR_NOUN}|{LABOR_COST}|{LABOR_WAGE})")
_FACTUAL_START = re.compile(
    r"(?:and |y )?(?:what(?:'s| is| are| was| were| does| do)\b|which\b|who\b|why\b|when\b|where\b|how (?:does|do|is|are|can)\b|"
    r"how much (?:is|are|was|were) (?:the|a|an)\b|is there|are there|do i need|que (?:es|son|significa)\b|"
    r"cual(?:es)? (?:es|son)\b|cuanto (?:es|son|era) (?:el|la|los|las)\b|por que\b|como (?:funciona|se)\b|donde\b|"
    r"explain|define|tell me about|explica|dime que)"
)


def is_factual(text: str) -> bool:
    """A question that asks what something is rather than giving a figure ("What is the minimum wage?")."""
    return bool(_FACTUAL_START.match(fold(text).lstrip(" ¿¡\"'")))


def unknown_words(text: str) -> list[str]:
    """The words of ``text`` (places left out) that no calculator and no follow-up uses."""
    folded = fold(text)
    for match in reversed(find_places(folded)):
        folded = folded[:match.start] + " " + folded[match.end:]
    vocab = vocabulary()
    return [w for w in re.findall(r"[a-z]+", folded) if len(w) >= 3 and w not in vocab and not _CUE_WORD.fullmatch(w)]


def is_new_question(text: str) -> bool:
    """A message that asks something new (a factual question, or words no calculator uses) rather than answering
    or adjusting the calculator question before it."""
    return is_factual(text) or bool(unknown_words(text))


_MINIMUM = re.compile(r"\b(?:minimum|minimo|min)\b")


def _number_type(model: type[BaseModel], path: str) -> type | None:
    """``int`` or ``float`` when the (possibly nested) field ``path`` holds a number, else ``None``."""
    current: type[BaseModel] | None = model
    info = None
    for part in re.sub(r"\[\d+\]", "", path).split("."):
        if current is None or part not in current.model_fields:
            return None
        info = current.model_fields[part]
        current = submodel(info)

    def kinds(annotation: Any) -> set[Any]:
        return {annotation} | {k for a in typing.get_args(annotation) for k in kinds(a)}

    found = kinds(info.annotation) & {int, float} if info is not None and current is None else set()
    return None if not found else float if float in found else int


def _set(args: dict[str, Any], path: str, value: Any) -> None:
    target: Any = args
    parts = re.findall(r"\w+|\[\d+\]", path)
    for part in parts[:-1]:
        target = target[int(part[1:-1])] if part.startswith("[") else target[part]
    target[parts[-1]] = value


_BARE = frozenset(_DIALOGUE.split()) | {"pesos", "mxn", "usd", "dollars", "dollar", "dolares", "dolar", "thousand", "million",
                                        "millones", "mil"}


def pending_answer(tool: str, args: dict[str, Any], missing: list[str], folded: str,
                   quantities: list[Quantity]) -> dict[str, Any]:
    """What a bare reply gives the inputs still pending, applied to a copy of ``args``: "minimum" is the
    minimum wage; a lone plain number ("450", "$130") fills the missing numeric input (or every missing one
    of the same name, such as each option's units per shipment)."""
    out = copy.deepcopy(args)
    if tool == "mexico_labor_cost" and _MINIMUM.search(folded):
        out["daily_wage_mxn"] = "minimum"
    numbers = [q for q in quantities if not q.percent and not is_year(q)]
    model = REGISTRY[tool].input_model
    kinds = {_number_type(model, m) for m in missing}
    if (len(numbers) == 1 and numbers[0].per is None and len({m.rsplit(".", 1)[-1] for m in missing}) == 1
            and None not in kinds and all(w in _BARE for w in re.findall(r"[a-z]{3,}", folded))):
        kind = kinds.pop()
        for path in missing:
            _set(out, path, kind(numbers[0].value))
    return out
