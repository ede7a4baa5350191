"""Transit questions: the lane and mode a question names (:func:`extract_transit`), and the two lanes or modes a
comparison names (:func:`transit_legs`).

"How long does a truck take from Monterrey to Chicago compared with ocean from Shanghai?" is two lookups:
Monterrey → Chicago by truck and Shanghai → Chicago by ocean. The question is split at its comparison word
("compared with", "vs", "than", "or", "frente a", "o"...) when each side names an origin or a mode; a side that
names no destination (or no origin) takes the other side's.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.calculators.places import PlaceMatch, lookup_place
from assistant.intents.quantities import Quantity

_MODES = (("air", r"by air|air freight|\bair\b|aereo|por avion|via aerea"),
          ("ocean_rail", r"ocean\W+(?:and|\+|plus|y|/)\W*rail|intermodal|maritimo y (?:tren|ferrocarril)"),
          ("ocean_truck", r"ocean\W+(?:and|\+|plus|y|/)\W*truck|maritimo y camion"),
          ("ocean", r"ocean|\bsea\b|vessel|maritim\w*|barco"),
          ("rail", r"\brail\b|train|ferrocarril|\btren\b"),
          ("truck", r"truck|camion|carretera|road"),
          # "a ship" / "by ship" is the mode; "we ship 40 trucks a week" is the verb, and the trucks are the mode
          ("ocean", r"\b(?:a|the|by|per|each|container) ship\b"))
_COMPARE = re.compile(r"\b(?:compared (?:with|to)|comparad[oa] con|en comparacion con|versus|vs\b\.?|against|frente a|contra|"
                      r"than|que|or|o)\b")


def extract_transit(folded: str, quantities: list[Quantity], places: list[PlaceMatch]) -> dict[str, Any]:
    args: dict[str, Any] = {}
    origin = _origin(folded, [p for p in places if p.place.country != "US" and p.place.kind == "city"])
    dest = _destination(folded, [p for p in places if p.place.country == "US" and p.place.kind == "city"])
    if origin:
        args["origin"] = origin
    if dest:
        args["destination"] = dest
    for mode, rx in _MODES:
        if re.search(rx, folded):
            args["mode"] = mode
            break
    return args


# "… to Dallas", "hasta Chicago": where the goods go; "from the Laredo crossing": a place on the way
_TO = re.compile(r"\b(?:to|into|hasta|a|al|para|rumbo a)\s+(?:the\s+|el\s+|la\s+)?$")
_FROM = re.compile(r"\b(?:from|de|del|desde|via|through|por)\s+(?:the\s+|el\s+|la\s+)?$")


_LEAVES = re.compile(r"\b(?:from|desde|de|del)\s+(?:the\s+|el\s+|la\s+)?$")  # (not "via": a place on the way)


def _before(folded: str, p: PlaceMatch) -> str:
    return folded[max(0, p.start - 16):p.start]


def _origin(folded: str, cities: list[PlaceMatch]) -> str | None:
    """The city the goods leave from: the one named after "from" / "desde", else the first named ("a plant in
    Saltillo to serve Detroit … from Ho Chi Minh City to Detroit?" asks about Ho Chi Minh City)."""
    chosen = next((p for p in cities if _LEAVES.search(_before(folded, p))), None) or next(iter(cities), None)
    return chosen.place.name if chosen is not None else None


def _destination(folded: str, us_cities: list[PlaceMatch]) -> str | None:
    """The US city the goods go to: the one named after "to" / "hasta", else the first not named after "from" /
    "via", else the first named."""
    def before(p: PlaceMatch) -> str:
        return _before(folded, p)

    chosen = (next((p for p in us_cities if _TO.search(before(p))), None)
              or next((p for p in us_cities if not _FROM.search(before(p))), None)
              or next(iter(us_cities), None))
    return chosen.place.name if chosen is not None else None


# "Compare trucking from Monterrey to Dallas with ocean from Shanghai …": after "compare", "with" / "and" split too
_COMPARE_WITH = re.compile(r"\b(?:with|and|con|y)\b")


def transit_legs(folded: str, quantities: list[Quantity], places: list[PlaceMatch]) -> list[dict[str, Any]]:
    """The lanes a transit question asks about: two when it compares two lanes or modes, else one."""
    splits = list(_COMPARE.finditer(folded))
    if re.match(r"\W*compar", folded):
        splits += list(_COMPARE_WITH.finditer(folded))
    for m in splits:
        left = extract_transit(folded[:m.start()], [], [p for p in places if p.end <= m.start()])
        right = extract_transit(folded[m.end():], [], [p for p in places if p.start >= m.end()])
        if not all("origin" in side or "mode" in side for side in (left, right)):
            continue
        for key in ("origin", "destination"):
            if key not in left and key in right:
                left[key] = right[key]
            if key not in right and key in left:
                right[key] = left[key]
        if left != right and all("origin" in side for side in (left, right)):
            return [left, right]
    return [extract_transit(folded, quantities, places)]


def follow_lane(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """A follow-up's lane over the previous one: what it names replaces the old; a new origin in another country
    drops the old mode, which was the old origin's ("by truck from Monterrey", then "what about a container from
    Shanghai?": every mode from Shanghai, not a truck route that does not exist)."""
    merged = {**old, **new}
    if "mode" not in new and "origin" in new and "origin" in old:
        before, after = lookup_place(old["origin"]), lookup_place(new["origin"])
        if before is not None and after is not None and before.country != after.country:
            merged.pop("mode", None)
    return merged
