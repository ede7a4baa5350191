"""The figures and places a question names: numbers with their currency, percent sign and period, and which
label a number sits nearest.

Reading conventions (documented, deterministic): "1.500" is fifteen hundred in Spanish and 1.5 in English;
"1,500" is fifteen hundred in both; "2 million", "500k", "3 mil" and "1.2 bn" scale the number; "m" does
only with a currency ("$5 m", "1.5M USD"). A four-digit 20xx with no currency or percent is a year; numbers after
"section", "article", "class", "chapter", "HTS"... are references, not quantities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.calculators.places import PlaceMatch, find_places
from assistant.models import Language as Lang
from assistant.text import fold


@dataclass(frozen=True)
class Quantity:
    value: float
    start: int
    end: int
    currency: str | None  # "usd" | "mxn" | None
    percent: bool
    per: str | None  # unit | day | week | month | year | hour | container | shipment | truck
    raw: str = ""


_NUM = re.compile(
    r"(?P<pre>us\$|usd\s?|mxn\s?|\$)?(?P<num>\d+(?:[.,]\d+)*)"
    r"(?P<mult>\s?(?:k|mm|m|millones|millon|million|millions|mil|thousand|bn|billion)\b)?"
    r"(?P<pct>\s?(?:%|percent|por ?ciento))?"
    # ("10 millones de pesos", "2 million of US dollars": a multiplier's "de"/"of" before the currency)
    r"(?P<post>\s?(?:(?:de|of) )?(?:usd|us dollars|dollars|dolares|dolar|dlls|dls|mxn|pesos|mn)\b)?"
)
_MULT = {"k": 1e3, "mil": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "millon": 1e6, "millones": 1e6,
         "million": 1e6, "millions": 1e6, "bn": 1e9, "billion": 1e9}
_PER = [
    ("unit", r"(?:per|a|each|/|por|la|the)\s?(?:unit|piece|part|pieza|unidad|pza|pc)\b|each\b|c/u|cada una?"),
    ("month", r"(?:a|per|/|al|por|each)\s?(?:month|mes)\b|monthly|mensual(?:es)?"),
    ("year", r"(?:a|per|/|al|por|each)\s?(?:year|ano|yr)\b|annual(?:ly)?|anual(?:es|mente)?|yearly"),
    ("week", r"(?:a|per|/|por|a la|each)\s?(?:week|semana)\b|weekly|semanal(?:es)?"),
    ("day", r"(?:a|per|/|al|por|each)\s?(?:day|dia)\b|daily|diario?s?"),
    ("hour", r"(?:an|a|per|/|por|la)\s?(?:hour|hora|hr)\b|hourly"),
    ("container", r"(?:per|a|/|por|each|in each|in a|por cada)\s?(?:container|contenedor|box|feu|teu)\b"),
    ("truck", r"(?:per|a|/|por|each|in each|in a|por cada)\s?(?:truck|trailer|truckload|camion|caja)\b"),
    ("shipment", r"(?:per|a|/|por|each|in each|in a|por cada)\s?(?:shipment|load|embarque|envio|entry|pedido)\b"),
]
_PER_RE = [(name, re.compile(r"\s*(?:(?:units?|pieces?|pcs|parts?|piezas?|unidades?|dollars?|dolares|pesos|usd|mxn)\s*)?(?:" + rx + ")"))
           for name, rx in _PER]
_NOT_A_QUANTITY = re.compile(r"(?:section|seccion|sec\.|article|articulo|art\.|class|clase|chapter|capitulo|heading|hts|"
                             r"fraccion|fy|list|lista|general note|nota general|\bgn|u\.?s\.?c\.?|§|rule|regla|gri|"
                             r"partida|subheading|subpartida|note|nota|table|tabla|annex|anexo|appendix|apendice)\s*$"
                             # a letter before it names a table or list item: "la tabla A.1", "Annex 4-B", "item b-2"
                             r"|(?<![\w.])[a-z][.-]$")


def parse_number(text: str, lang: Lang) -> float:
    """A written number as a float: "1,500.50" and "1.500,50" → 1500.5; "1.500" → 1500 in Spanish, 1.5 in English."""
    s = text.rstrip(".,")
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif "," in s:
        parts = s.split(",")
        s = s.replace(",", "") if all(len(p) == 3 for p in parts[1:]) else s.replace(",", ".")
    elif "." in s:
        parts = s.split(".")
        if (len(parts) > 2 and all(len(p) == 3 for p in parts[1:])) or (lang == "es" and len(parts[1]) == 3):
            s = s.replace(".", "")
    return float(s)


def find_quantities(folded: str, lang: Lang) -> list[Quantity]:
    """Numbers with their currency, percent sign and period ("per unit", "a month"...) in folded text."""
    out = []
    for m in _NUM.finditer(folded):
        start = m.start()
        before = folded[max(0, start - 14):start]
        if _NOT_A_QUANTITY.search(before) or re.search(r"\d[.-]$", before):
            continue
        if re.match(r"\d{4}\.\d{2}", folded[m.start("num"):]):  # an HTS code
            continue
        try:
            value = parse_number(m.group("num"), lang)
        except ValueError:
            continue
        mult = (m.group("mult") or "").strip()
        if mult == "m" and not (m.group("pre") or m.group("post") or "").strip():  # "5 m" is too ambiguous without a currency
            mult = ""
        value *= _MULT.get(mult, 1.0)
        pre, post = (m.group("pre") or "").strip(), (m.group("post") or "").strip()
        if post.startswith(("de ", "of ")):  # "10 millones de pesos"; not "15 de pesos" without its multiplier
            post = post[3:] if mult else ""
        currency = None
        if pre in ("us$", "usd", "$") or post in ("usd", "us dollars", "dollars", "dolares", "dolar", "dlls", "dls"):
            currency = "usd"
        if pre == "mxn" or post in ("mxn", "pesos", "mn"):
            currency = "mxn"
        end = m.end()
        per = None
        for name, rx in _PER_RE:
            pm = rx.match(folded, end)
            if pm:
                per = name
                break
        out.append(Quantity(value, start, end, currency, bool(m.group("pct")), per, m.group(0).strip()))
    return out


def is_year(q: Quantity) -> bool:
    """A bare 20xx: a calendar year, not an amount."""
    return q.currency is None and not q.percent and re.fullmatch(r"20\d\d", q.raw) is not None


def parse(question: str, lang: Lang) -> tuple[str, list[Quantity], list[PlaceMatch]]:
    """The question folded (lower case, no accents), the quantities and the places it names."""
    folded = fold(question)
    return folded, find_quantities(folded, lang), find_places(folded)


# ------------------------------------------------------------------------------------------------ labels
_CONJ = re.compile(r"\b(?:and|y|but|pero|while|mientras|vs|versus|or|o)\b|[,;]")


def gap_cost(text: str, a: int, b: int) -> float:
    """Distance between two spans of ``text`` (a < b), with a penalty for a conjunction in between."""
    gap = text[a:b]
    return len(gap) + (25 if _CONJ.search(gap) else 0)


def nearest_label(folded: str, q: Quantity, cues: dict[str, re.Pattern[str]], window: int = 50) -> str | None:
    """The label whose cue is nearest the quantity (within ``window`` characters), a cue after it counting
    half a character further than one before it."""
    best: tuple[float, str] | None = None
    for label, rx in cues.items():
        for m in rx.finditer(folded):
            if m.end() <= q.start:
                if q.start - m.end() > window:
                    continue
                cost = gap_cost(folded, m.end(), q.start)
            elif m.start() >= q.end:
                if m.start() - q.end > window:
                    continue
                cost = gap_cost(folded, q.end, m.start()) + 0.5
            else:
                continue
            if best is None or cost < best[0]:
                best = (cost, label)
    return best[1] if best else None
