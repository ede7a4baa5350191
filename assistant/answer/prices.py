"""Whether an answer states the price a question asks for.

"What's the FDA annual establishment registration fee for our plant?" names what it wants priced: the words before
"fee" (FDA, establishment, registration). A money figure or a percentage in a sentence about something else — "a 10%
surcharge applied to most imports" — does not answer it, so when no sentence of the answer both states one and names
the thing, the answer says first that no figure is on file (``extractive``'s no-figure path) instead of passing
another subject's figure off as the price.
"""

from __future__ import annotations

import re
from typing import Iterable, Protocol

from assistant.answer.fit import traits
from assistant.answer.gloss import english_gloss
from assistant.answer.question import asking_sentence
from assistant.index.lexical import tokenize

# "the <up to four words> fee|price|cost|charge" (English questions; "rate" is left out: "the general duty rate" of a
# tariff line is answered by "Free", which is no figure — but a freight rate is a price: "today's spot rate for a
# dry-van truckload …" is not answered by a transit time)
_PRICED = re.compile(r"\b(?:the|a|an|your|our|any|what|which|what's|whats)\s+((?:[a-z0-9][\w'-]*\s+){0,4}?)"
                     r"(?:fees?|prices?|costs?|charges?|(?:spot|freight|shipping|trucking|truckload|drayage) rates?)\b"
                     r"(?P<after>[^?.]{0,60})")
# … or, with nothing before the price word, the words after it: "what monthly fee per worker do shelter companies
# charge?" prices shelter companies' work per worker
_STOP = frozenset(tokenize("per do does did it in for of on at to from by we you they us our your charge charges "
                           "cost costs pay paid the a an is are will would usually typically"))
_GENERIC = frozenset(tokenize("annual yearly monthly total typical average current exact usual standard approximate "
                              "rough estimated official government public new first basic minimum maximum extra today "
                              "today's latest"))


# … or the price asked with the verb: "what do shelter companies in Ciudad Juárez typically charge per worker?" prices
# the shelter companies' work (the words up to a place or the verb)
_PRICED_VERB = re.compile(r"\b(?:what|how much) (?:do|does|did|would|will|could|should|might) "
                          r"(?P<who>(?:[a-z0-9][\w-]*\s+){1,6}?)(?:(?:typically|usually|normally|generally)\s+)?"
                          r"(?:charge|cost|bill)\b")
_PLACE_CUT = re.compile(r"\s(?:in|at|near|around|from|for|on)\s.*$")


# "if our operating costs are MXN 100 million, …": a cost the question gives, to compute with, not one it asks for
_GIVEN = re.compile(r"^\s*(?:(?:are|is|was|were|of|total|come to|run(?: at)?|amount to)\s+)?"
                    r"(?:(?:about|around|roughly|some)\s+)?(?:mxn|usd|us\$|\$|€)?\s*\d")


def priced_words(folded: str) -> frozenset[str]:
    """The tokens naming what an English question asks the price of ("fda establishment registration" for "what's the
    FDA annual establishment registration fee …?"), in the sentence that asks ("… at cost plus a thin markup, so the
    transfer price is low. Which RVC method helps?" asks no price; nor does "if our operating costs are MXN 100
    million, what income tax comes out …?" — it gives the costs); with nothing before the price word, the words
    after it ("what monthly fee per worker do shelter companies charge?"); empty when it names neither."""
    asking = asking_sentence(folded) or folded
    m = next((m for m in _PRICED.finditer(asking) if not _GIVEN.match(m.group("after"))), None)
    if m is None:
        verb = _PRICED_VERB.search(asking)
        who = _PLACE_CUT.sub("", f" {verb['who'].strip()} ") if verb else ""
        return frozenset(tokenize(who)) - _GENERIC - _STOP
    before = frozenset(tokenize(m.group(1))) - _GENERIC - _STOP
    return before or frozenset(t for t in tokenize(m.group("after")) if not t.isdigit()) - _GENERIC - _STOP


# Spanish: "¿cuánto cobra un notario …?", "¿cuánto cuesta la visa de trabajo?" (the thing after the verb), "el costo
# de la inscripción", "la cuota mensual del shelter" (the thing after "de")
_ES_PRICE = r"(?:costos?|precios?|tarifas?|cuotas?|honorarios|comision(?:es)?)"
_ES_ARTICLE = r"(?:(?:el|la|los|las|un|una)\s+)?"
_ES_THING = r"[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?"  # one to three words, up to a preposition or the question's end


def _ends(prepositions: str) -> str:
    return rf"(?=\s(?:{prepositions})\b|\s*[?.,]|$)"


_PRICED_ES = re.compile(
    r"\b(?:cuanto|que) (?:cobran?|cobrarian?|cuestan?|costarian?|valen?)\s+"
    # ("¿Cuánto cobra de honorarios un agente aduanal …?": what it charges as, then who)
    r"(?:(?:de|en|por) (?:honorarios|comision(?:es)?|tarifa)\s+)?"
    # ("¿Cuánto cuesta y cuánto tarda el registro sanitario …?": the thing after the second question's verb)
    r"(?:y (?:cuanto|que|en cuanto tiempo) \w+\s+)?"
    # ("¿Cuánto cuesta al año una licencia de software …?": the period, then the thing)
    r"(?:(?:al|por|cada) (?:ano|mes|dia|semana)\s+|(?:anual|mensual)(?:mente)?\s+)?"
    r"(?:(?:en promedio|normalmente|aproximadamente|por lo general|tipicamente)\s+)?(?:(?:un|una|el|la|los|las|nuestr[oa]s?)\s+)?"
    rf"(?P<verb>{_ES_THING}){_ends('en|por|para|a|al|de|del|si|cada')}|"
    # (the price asked: "¿cuál es el costo de …?", "¿qué cuota …?" — not one the question only names, "¿a partir de
    # qué diferencia … se consideran no permitidos los costos por intereses?")
    r"\b(?:(?:(?:cual(?:es)?|cuanto|de cuanto) (?:es|son|seria|serian|sera|seran)|saber|conocer) (?:el|la|los|las|un|una)"
    rf"|que|cual(?:es)?)\s+(?:[a-z]+\s+)?{_ES_PRICE}"
    r"\s+(?:(?:mensual|anual|aproximad[oa]|tipic[oa]|promedio)\w*\s+)?(?:de|del|por|para|al)\s+"
    rf"{_ES_ARTICLE}(?P<noun>{_ES_THING}){_ends('en|por|para|a|al|si|cada|que')}|"
    # "¿qué cuota mensual cobran los shelters por trabajador?": who charges it
    rf"\b(?:que|cual(?:es)?)\s+{_ES_PRICE}\s+(?:[a-z]+\s+)?(?:cobran?|cobrarian?)\s+"
    rf"{_ES_ARTICLE}(?P<who>{_ES_THING}){_ends('en|por|para|a|al|si|cada|que')}")
_STOP_ES = frozenset(tokenize("de del la el los las un una en por para que se nos le les mexico"))


def priced_words_es(folded: str) -> frozenset[str]:
    """The tokens naming what a Spanish question asks the price of, in Spanish and in their English gloss ("notario",
    "notary" for "¿cuánto cobra un notario por constituir la sociedad?"); empty when it names none."""
    m = _PRICED_ES.search(asking_sentence(folded) or folded)
    if m is None:
        return frozenset()
    words = m.group("verb") or m.group("noun") or m.group("who") or ""
    found = (frozenset(tokenize(words)) | frozenset(tokenize(english_gloss(words)))) - _STOP_ES - _GENERIC - _STOP
    return frozenset(t for t in found if not t.isdigit())


_CURRENCY = re.compile(r"\b(?:MXN|USD|pesos|dollars|d[óo]lares)\b|US\$|\$")
_NUMBER = re.compile(r"\d")


def money(sentence: str) -> bool:
    """Whether a sentence states an amount of money or a percentage: "US$9,000", "0.3464%", and a table row whose
    currency is in its column header ("Monthly shelter fee (USD): 9,000")."""
    return traits(sentence).money_or_pct or bool(_CURRENCY.search(sentence) and _NUMBER.search(sentence))


def states_price(asked: frozenset[str], sentences: Iterable[tuple[frozenset[str], bool]], need: int = 1) -> bool:
    """Whether one of the sentences — each given as (its tokens, whether it states an amount of money or a
    percentage) — states a figure and names what is priced (by ``need`` of its words)."""
    return any(stated and len(asked & tokens) >= need for tokens, stated in sentences)


class _Sentence(Protocol):
    """What :func:`price_unstated` reads of a candidate sentence."""

    text: str
    tokens: frozenset[str]


# A question that asks a price in so many words ("how much", "what fee", "¿cuánto cuesta?"): a time question naming a
# cost ("For the 6.5% cost test, how many days must an expatriate stay …?") asks none
_ASKS_PRICE_EN = re.compile(r"\bhow much\b|\b(?:what|which)(?:'s|\s+is|\s+are|\s+would be|\s+will be)?\s+(?:the\s+)?"
                            r"(?:[\w-]+\s+){0,3}?(?:fees?|prices?|costs?|charges?)\b|\bcosts?\s*\?")


def asks_price(folded: str, lang: str) -> bool:
    """Whether a (folded) question asks a price in so many words, not only names a cost ("the cost base")."""
    return bool(_PRICED_ES.search(folded)) if lang == "es" else bool(_ASKS_PRICE_EN.search(folded))


def price_unstated(folded: str, lang: str, sentences: Iterable[_Sentence]) -> bool:
    """Whether a (folded) question asks the price of something that none of the ``sentences`` (the composer's chosen
    candidates) states: "the FDA establishment registration fee" beside a 10% surcharge, "¿Cuánto cuesta y cuánto
    tarda el registro sanitario …?" beside a shelter's 3 to 6 months."""
    asked = priced_words(folded) if lang == "en" else priced_words_es(folded)
    # (a Spanish thing of two words or more is named by two of its words, in Spanish or in its gloss: "un agente
    # aduanal" is not priced by "8 per thousand of the customs value")
    need = 2 if lang == "es" and len(asked) >= 3 else 1
    return bool(asked) and not states_price(asked, ((frozenset(s.tokens), money(s.text)) for s in sentences), need)
