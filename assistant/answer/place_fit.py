"""Whether a sentence's figure is for the Mexican place a question asks about.

"Industrial rent in Aguascalientes in 2022, per m² per month?" is answered by "In the Bajío the February 2022 averages
were US$3.86 (Aguascalientes) …", not by "… from about US$3.80 per m² per month in Reynosa to US$6.20 in Tijuana":
a sentence that names only other Mexican cities or states than the asked one (or the state the asked city is in, or a
city of the asked state) loses, and does not agree with the question. Naming the asked place earns nothing by itself:
"For the year-1 Querétaro worker …, base wages are …" does not answer "how much aguinaldo for a minimum wage guy in
Querétaro?" better than the aguinaldo sentence naming no place. A sentence naming no place is left alone (a national
figure, or a zone's). Pure; the places come from :mod:`assistant.calculators.places`.
"""

from __future__ import annotations

from functools import lru_cache

from assistant.calculators.places import find_places

OTHER_PLACE_PENALTY = 0.3

_Named = tuple[str, str | None, str]  # (name, state, kind)


@lru_cache(maxsize=65536)
def mexican_places(folded: str) -> frozenset[_Named]:
    """The Mexican cities and states a (folded) text names."""
    return frozenset((m.place.name, m.place.state, m.place.kind) for m in find_places(folded)
                     if m.place.country == "MX" and m.place.kind in ("city", "state"))


def _same(asked: _Named, named: _Named) -> bool:
    (asked_name, asked_state, asked_kind), (name, state, kind) = asked, named
    return asked_name == name or (asked_kind == "state" and state == asked_name) or (kind == "state" and asked_state == name)


def place_fit(question_folded: str, sentence_folded: str) -> float:
    """A penalty for a sentence naming only other places than the asked one, else 0."""
    asked = mexican_places(question_folded)
    if not asked:
        return 0.0
    named = mexican_places(sentence_folded)
    if not named:
        return 0.0
    return 0.0 if any(_same(a, n) for a in asked for n in named) else -OTHER_PLACE_PENALTY


@lru_cache(maxsize=65536)
def _us_places(folded: str) -> frozenset[str]:
    return frozenset(m.place.name for m in find_places(folded) if m.place.country == "US" and m.place.kind != "country")


def side_fit(question_folded: str, sentence_folded: str) -> float:
    """A penalty for a sentence naming only Mexican cities or states when the question names only US ones: "Could our
    Mexican trucking company pick up domestic US loads between Texas cities?" is not answered by "… a US carrier
    cannot pick up a load in Monterrey and deliver it in Querétaro" (the rule on the other side of the border)."""
    if mexican_places(question_folded) or not _us_places(question_folded):
        return 0.0
    return -OTHER_PLACE_PENALTY if mexican_places(sentence_folded) and not _us_places(sentence_folded) else 0.0
