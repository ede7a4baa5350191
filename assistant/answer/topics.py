"""What a question or a sentence is about: goods classes with rules of their own, countries, named provisions
("Section 301", "article 108"), wage-zone words, figures (digits that are not dates or provision numbers), and
the words of the conversation that carry no topic. Pure; used by the composer to tell a sentence that answers
from one about something else.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.index.lexical import tokenize

BORDER_WORDS = re.compile(r"\b(?:border|zlfn|frontera|fronteriza)\b", re.IGNORECASE)
# A sentence about the border wage zone, not about crossing the border ("… including truck sourcing and the border
# crossing", "cross the border at Laredo", "cruzar la frontera"): what a sentence must say to be about the other zone.
BORDER_ZONE_WORDS = re.compile(
    r"\b(?:zlfn|fronteriza|(?<!cross the )(?<!across the )(?<!crossing the )(?<!crosses the )(?<!crossed the )border"
    r"(?! (?:crossings?|wait(?:s|ing)?|times?|bridges?|patrol|inspections?|checkpoints?|delays?|agents?|stations?)\b)|"
    r"(?<!cruzar la )(?<!cruce de la )(?<!cruza la )(?<!cruzan la )frontera)\b", re.IGNORECASE)
GENERAL_WORDS = re.compile(r"\b(?:general (?:zone|minimum)|zona general|rest of the country|general minimum wage)\b",
                            re.IGNORECASE)
# Goods classes with rules of their own: a sentence about one of them does not answer a question about another.
# Each class lists its words (English and Spanish); "passenger car" and "vehicles" are the same class.
_GOODS_CLASSES = {
    "steel": r"steel|acero", "aluminum": r"aluminum|aluminium|aluminio", "copper": r"copper|cobre",
    "semiconductors": r"semiconductors?|chips?", "batteries": r"batter(?:y|ies)|baterias?", "magnets": r"magnets?|imanes",
    "solar": r"solar", "vehicles": r"vehicles?|autos?|cars?|automobiles?|passenger vehicles?|light trucks?|automoviles?|vehiculos?",
    "auto parts": r"auto ?parts|autopartes|vehicle parts", "trucks": r"(?:heavy |medium |class \d )?(?<!by )trucks?(?! (?:sourcing|crossings?|bridges?|traffic|trips?|queues?|yards?|terminals?|freight|transit|drivers?|loads?|capacity|rates?|transport|lanes?|waits?|carriers?|routes?|per)\b)|tractors?|camiones", "buses": r"bus(?:es)?|autobus(?:es)?",
    "textiles": r"textiles?|apparel|garments?|clothing|ropa|prendas|t-shirts?|shirts?|camisetas?|playeras?|jeans|leggings", "footwear": r"footwear|shoes|calzado",
    "furniture": r"furniture|muebles", "medical devices": r"medical devices?|dispositivos medicos",
    "syringes": r"syringes?|needles?|jeringas?|agujas?", "cranes": r"cranes?|gruas?", "lumber": r"lumber|timber|madera",
    "pharmaceuticals": r"pharmaceuticals?|farmaceuticos?",
}
_GOODS_NAMES = list(_GOODS_CLASSES)
_GOODS = re.compile("|".join(rf"(?P<g{i}>\b(?:{rx})\b)" for i, rx in enumerate(_GOODS_CLASSES.values())), re.IGNORECASE)


# Every word a goods pattern above can begin with: a text with none of them names no goods class, and is not scanned
# with the pattern (which tries every class at every position: most of the time the composer spends per sentence).
_GOODS_FIRST_WORDS = frozenset(
    "steel acero aluminum aluminium aluminio copper cobre semiconductor semiconductors chip chips battery batteries "
    "bateria baterias magnet magnets imanes solar vehicle vehicles auto autos car cars automobile automobiles "
    "passenger light autoparts autopartes heavy medium class truck trucks tractor tractors camiones textile textiles "
    "apparel garment garments clothing ropa prenda prendas t shirt shirts camiseta camisetas playera playeras jeans leggings footwear shoes calzado furniture muebles medical "
    "dispositivos syringe syringes needle needles jeringa jeringas aguja agujas crane cranes grua gruas lumber timber "
    "madera pharmaceutical pharmaceuticals farmaceutico farmaceuticos automovile automoviles vehiculo vehiculos bus buses "
    "autobus autobuses".split())
_WORDS = re.compile(r"\w+")


@lru_cache(maxsize=8192)
def goods(text: str) -> frozenset[str]:
    """The goods classes a (folded) text names (remembered: the same sentences are checked question after
    question)."""
    if _GOODS_FIRST_WORDS.isdisjoint(_WORDS.findall(text.lower())):
        return frozenset()
    return frozenset({_GOODS_NAMES[int(m.lastgroup[1:])] for m in _GOODS.finditer(text)})


COUNTRIES = {
    "guatemala", "honduras", "el salvador", "nicaragua", "costa rica", "panama", "colombia", "peru", "chile", "brazil",
    "brasil", "argentina", "ecuador", "dominican republic", "republica dominicana", "vietnam", "thailand", "tailandia",
    "malaysia", "malasia", "indonesia", "philippines", "filipinas", "india", "bangladesh", "cambodia", "camboya",
    "taiwan", "japan", "japon", "korea", "corea", "pakistan", "sri lanka", "turkey", "turquia", "poland", "polonia",
    "germany", "alemania", "france", "francia", "italy", "italia", "spain", "espana", "morocco", "marruecos",
    "egypt", "egipto", "ethiopia", "etiopia", "kenya", "south africa", "australia", "new zealand",
}


COUNTRY = re.compile(r"\b(" + "|".join(sorted(map(re.escape, COUNTRIES), key=len, reverse=True)) + r")\b")
# Kinds of government benefit a visitor may ask about ("tax incentives", "subsidies", "a franchise tax"): when no
# guide among the retrieved passages mentions the kind at all, the knowledge base does not cover it.
BENEFIT = re.compile(r"\b(incentiv\w*|subsid(?:y|ies|ios?|ized?)|grants?|franchise|tax holidays?|estimulos?|apoyos? (?:fiscal|estatal|"
                     r"gubernamental)\w*)\b")
GOVERNMENT = re.compile(r"\b(?:government|gobierno|state|estado|estatal|federal|municipal\w*|city|ciudad|county)\b")


# Words of the conversation, not of the topic ("we", "our", "actually", "tenemos"): no knowledge-base sentence is
# written with them, so they must not count against a question's coverage.
_CONVERSATIONAL = (
    "we our ours us i my me you your yours can could would should do does did done have has had like get got need "
    "needs want wants really actually still also just any some what which how who whom when where why much many so "
    "very about everyone anyone everybody someone saying say said once let lets gonna thinking think know tell "
    "please thanks hi hello ok okay including include includes incluye incluyendo nosotros nuestro nuestra nuestros nuestras tenemos podemos queremos necesitamos "
    "usted ustedes quiero queremos puede pueden necesita necesitan cual cuales cuanto cuanta cuantos cuantas "
    "como cuando donde porque hola gracias realmente tambien"
)


@lru_cache(maxsize=1)
def conversational() -> frozenset[str]:
    return frozenset(tokenize(_CONVERSATIONAL))


# A provision the question names ("Section 301", "article 108", "Annex 24", "List 4A", "rule 7.2.1"): a sentence that
# names the same provision is about what was asked.
_REFERENCE = re.compile(r"\b(?:section|sec\.|article|art\.|articulo|annex|anexo|list|lista|chapter|capitulo|heading|"
                        r"partida|rule|regla|general note|nota general)\s+(\d+[a-z0-9.-]*)", re.IGNORECASE)


def references(text: str) -> set[str]:
    """The provisions a (folded) text names, as "section 301", "article 108"."""
    out = set()
    for m in _REFERENCE.finditer(text):
        kind = m.group(0).split()[0].lower().rstrip(".")
        kind = {"sec": "section", "art": "article", "articulo": "article", "anexo": "annex", "lista": "list",
                "capitulo": "chapter", "partida": "heading", "regla": "rule", "nota": "general"}.get(kind, kind)
        out.add(f"{kind} {m.group(1).lower().rstrip('.-')}")
    return out


_DATES = re.compile(r"\b(?:20[0-4]\d|19\d\d)\b|\b\d{1,2} (?:january|february|march|april|may|june|july|august|september|"
                    r"october|november|december|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|"
                    r"noviembre|diciembre)\b"
                    r"|(?:\b(?:sections?|sec\.|art(?:icles?|[ií]culos?|s?\.)|annex|anexo|chapter|cap[ií]tulo|rules?|reglas?|"
                    r"list|lista|heading|partida|fr(?:acci[oó]n|\.)|title|t[ií]tulo)|§)\s?\d+(?:[.\-]\d+)*(?:-?[A-Z]\b)?"
                    r"(?:(?:,? (?:to|through|a|al) |–)\d+(?:[.\-]\d+)*(?:-?[A-Z]\b)?)*"  # "arts. 181 to 183"
                    r"|\b\d+ U\.?S\.?C\.?"
                    r"|(?<![a-z])[×x*]\s?100\b(?!\s?%)",  # a formula's "× 100" (RVC = (TV − VNM) / TV × 100) is no figure
                    re.IGNORECASE)


def without_dates(text: str) -> str:
    """The text without years, dates, section and article numbers and a formula's "× 100": what is left of its
    digits are figures."""
    return _DATES.sub(" ", text)
