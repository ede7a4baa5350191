"""Places the calculators and the router know: Mexican states, cities with their state and wage zone,
Asian origins and US destinations. Matching ignores case and accents ("Juarez" = "Ciudad Juárez").

Wage zone: "border" is the Northern Border Free Zone (ZLFN) — the municipalities along the US border such as
Tijuana, Mexicali, Ciudad Juárez, Reynosa, Matamoros, Nuevo Laredo, Nogales, Acuña and Piedras Negras;
Monterrey, Saltillo, Querétaro and the rest of the country are "general". Every municipality of Baja
California is in the zone, so the state alone tells it; in Sonora, Chihuahua, Coahuila, Nuevo León and
Tamaulipas only the municipalities along the border are, so there the municipality decides (:func:`state_zone`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.text import fold


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # "city" | "state" | "country"
    country: str  # ISO 3166 alpha-2
    state: str | None = None  # Mexican state, for Mexican cities and states
    zone: str | None = None  # "general" | "border", for Mexican cities


MEXICAN_STATES: dict[str, tuple[str, ...]] = {
    "Aguascalientes": (), "Baja California": ("bc", "baja california norte"), "Baja California Sur": ("bcs",),
    "Campeche": (), "Chiapas": (), "Chihuahua": (), "Ciudad de México": ("cdmx", "mexico city", "distrito federal"),
    "Coahuila": ("coahuila de zaragoza",), "Colima": (), "Durango": (), "Guanajuato": (), "Guerrero": (),
    "Hidalgo": (), "Jalisco": (), "Estado de México": ("edomex", "state of mexico"), "Michoacán": (),
    "Morelos": (), "Nayarit": (), "Nuevo León": ("nl",), "Oaxaca": (), "Puebla": (), "Querétaro": (),
    "Quintana Roo": (), "San Luis Potosí": ("slp",), "Sinaloa": (), "Sonora": (), "Tabasco": (),
    "Tamaulipas": (), "Tlaxcala": (), "Veracruz": (), "Yucatán": (), "Zacatecas": (),
}

# Mexican cities: (state, zone, aliases)
_MX_CITIES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "Tijuana": ("Baja California", "border", ("tj",)),
    "Mexicali": ("Baja California", "border", ()),
    "Tecate": ("Baja California", "border", ()),
    "Ensenada": ("Baja California", "border", ()),
    "Rosarito": ("Baja California", "border", ("playas de rosarito",)),
    "Juárez": ("Chihuahua", "border", ("ciudad juarez", "cd. juarez", "cd juarez", "cd.juarez")),
    "Chihuahua": ("Chihuahua", "general", ("chihuahua city", "ciudad de chihuahua")),
    "Nogales": ("Sonora", "border", ()),
    "San Luis Río Colorado": ("Sonora", "border", ()),
    "Agua Prieta": ("Sonora", "border", ()),
    "Hermosillo": ("Sonora", "general", ()),
    "Acuña": ("Coahuila", "border", ("ciudad acuna", "cd. acuna")),
    "Piedras Negras": ("Coahuila", "border", ()),
    "Saltillo": ("Coahuila", "general", ()),
    "Ramos Arizpe": ("Coahuila", "general", ()),
    "Torreón": ("Coahuila", "general", ()),
    "Monclova": ("Coahuila", "general", ()),
    "Monterrey": ("Nuevo León", "general", ("mty",)),
    "Apodaca": ("Nuevo León", "general", ()),
    "Santa Catarina": ("Nuevo León", "general", ()),
    "Escobedo": ("Nuevo León", "general", ()),
    "Reynosa": ("Tamaulipas", "border", ()),
    "Matamoros": ("Tamaulipas", "border", ()),
    "Nuevo Laredo": ("Tamaulipas", "border", ()),
    "Río Bravo": ("Tamaulipas", "border", ()),
    "Querétaro": ("Querétaro", "general", ("queretaro city", "santiago de queretaro")),
    "Guadalajara": ("Jalisco", "general", ("gdl",)),
    "León": ("Guanajuato", "general", ()),
    "Celaya": ("Guanajuato", "general", ()),
    "Silao": ("Guanajuato", "general", ()),
    "Irapuato": ("Guanajuato", "general", ()),
    "San Luis Potosí": ("San Luis Potosí", "general", ()),
    "Aguascalientes": ("Aguascalientes", "general", ()),
    "Puebla": ("Puebla", "general", ()),
    "Toluca": ("Estado de México", "general", ()),
}

_FOREIGN_CITIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "Shanghai": ("CN", ()), "Shenzhen": ("CN", ()), "Guangzhou": ("CN", ()), "Dongguan": ("CN", ()),
    "Ningbo": ("CN", ()), "Suzhou": ("CN", ()), "Xiamen": ("CN", ()), "Qingdao": ("CN", ()),
    "Tianjin": ("CN", ()), "Ho Chi Minh City": ("VN", ("hcmc", "ho chi minh", "saigon")),
    "Hanoi": ("VN", ()), "Los Angeles": ("US", ("l.a.", "long beach", "los angeles/long beach")),
    "Dallas": ("US", ("dfw", "dallas-fort worth", "fort worth")), "Chicago": ("US", ()),
    "Detroit": ("US", ()), "Atlanta": ("US", ()), "Houston": ("US", ()), "Phoenix": ("US", ()),
    "San Antonio": ("US", ()), "Laredo": ("US", ()), "El Paso": ("US", ()), "Memphis": ("US", ()),
    "New York": ("US", ("nyc",)), "Columbus": ("US", ()), "Nashville": ("US", ()),
}

_COUNTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "China": ("CN", ("prc", "chinese")), "Vietnam": ("VN", ("viet nam", "vietnamese")),
    "Mexico": ("MX", ("méxico", "mexican", "mexicano")), "Taiwan": ("TW", ()), "India": ("IN", ()),
    "Thailand": ("TH", ()), "Malaysia": ("MY", ()), "South Korea": ("KR", ("korea",)), "Japan": ("JP", ()),
    "Canada": ("CA", ("canadá",)), "United States": ("US", ("usa", "u.s.", "estados unidos")),
}

# The Northern Border Free Zone (ZLFN, decree DOF 31-12-2018 and its extensions) by state: every municipality of
# Baja California is in it; the other border states have only their border municipalities in it.
BORDER_WHOLE_STATES = frozenset({"Baja California"})
BORDER_PART_STATES = frozenset({"Sonora", "Chihuahua", "Coahuila", "Nuevo León", "Tamaulipas"})


def state_zone(state: str) -> str | None:
    """The minimum-wage zone a state alone implies: "border" for a state wholly in the northern border zone,
    "general" for a state with no municipality in it, ``None`` when it depends on the municipality."""
    if state in BORDER_WHOLE_STATES:
        return "border"
    return None if state in BORDER_PART_STATES else "general"


ASIAN_COUNTRIES = frozenset({"CN", "VN", "TW", "IN", "TH", "MY", "KR", "JP"})


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, Place]:
    index: dict[str, Place] = {}

    def add(aliases: tuple[str, ...], place: Place) -> None:
        for alias in aliases:
            index.setdefault(fold(alias), place)

    for name, (state, zone, aliases) in _MX_CITIES.items():
        add((name, *aliases), Place(name, "city", "MX", state, zone))
    for name, (country, aliases) in _FOREIGN_CITIES.items():
        add((name, *aliases), Place(name, "city", country))
    for name, aliases in MEXICAN_STATES.items():
        add((name, *aliases), Place(name, "state", "MX", name))
    for name, (country, aliases) in _COUNTRIES.items():
        add((name, *aliases), Place(name, "country", country))
    return index


def lookup_place(name: str) -> Place | None:
    """The place an exact name or alias designates ("Cd. Juarez" → Juárez), or ``None``."""
    return _alias_index().get(fold(name).strip())


def canonical_state(name: str) -> str | None:
    """The canonical name of a Mexican state ("nuevo leon", "NL" → "Nuevo León"), or ``None``."""
    key = fold(name).strip()
    for state, aliases in MEXICAN_STATES.items():
        if key in {fold(state), *aliases}:
            return state
    place = _alias_index().get(key)
    return place.state if place is not None and place.kind == "state" else None


@dataclass(frozen=True)
class PlaceMatch:
    place: Place
    start: int
    end: int


@lru_cache(maxsize=1)
def _alias_pattern() -> re.Pattern[str]:
    aliases = sorted(_alias_index(), key=len, reverse=True)  # longest first: "nuevo leon" before "leon"
    short = {"nl", "bc", "bcs", "slp", "tj", "mty", "gdl", "prc", "usa", "dfw"}
    body = "|".join(re.escape(a) for a in aliases if a not in short)
    # a person a place is named after is no place: "Benito Juárez" (the March holiday), "Miguel Hidalgo", "José María
    # Morelos", "Vicente Guerrero"
    person = "".join(f"(?<!{given} )" for given in ("benito", "miguel", "maria", "vicente", "venustiano"))
    return re.compile(rf"(?<![\w.]){person}(?:{body})(?!\w)")


def find_places(text: str) -> list[PlaceMatch]:
    """Every known place named in ``text``, in order (positions refer to ``fold(text)``, same length)."""
    folded = fold(text)
    index = _alias_index()
    return [PlaceMatch(index[m.group(0)], m.start(), m.end()) for m in _alias_pattern().finditer(folded)]
