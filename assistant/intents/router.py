"""Deterministic router for calculator questions when no chat model is configured.

:func:`route` recognises a question that asks to *compute* something — a labor cost, an RVC, a landed-cost or
TCO comparison, the VAT cash tied up, a transit time — in plain English or Spanish, extracts the figures and
places it names, and returns the tool and its arguments, or the exact input fields still missing. Factual
questions ("What is IMMEX?", "What is the minimum wage in 2026?") return ``None``: the corpus answers them.
:func:`render_answer` turns a calculator result (or the missing inputs) into the answer text.

Reading conventions (documented, deterministic):
- A wage in pesos with no period is a daily wage, unless it is 3,000 or more (then monthly, / 30.4);
  "a month" divides by 30.4, "a week" by 7, "an hour" multiplies by 8.
- A city gives the state and the minimum-wage zone (Juárez → Chihuahua, border; Monterrey → Nuevo León, general).
- In a sourcing comparison, each price is paired with the nearest origin; a tariff percent goes to the scenario
  whose place it is nearest, "301" tariffs to Chinese origins, and an unplaced tariff to the non-Mexican ones.
  Mode defaults to ocean from Asia and truck from Mexico.
- Imports with no period in a VAT question are yearly amounts.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, Field

from assistant.calculators.places import ASIAN_COUNTRIES, Place, PlaceMatch, find_places
from assistant.language import detect_language
from assistant.text import fold

Lang = Literal["en", "es"]


class RouteDecision(BaseModel):
    """Which calculator to run, with what arguments, and which required inputs are still missing."""

    tool: str
    args: dict[str, Any] = Field(default_factory=dict)
    missing: list[str] = Field(default_factory=list, description="Exact input field names still needed.")
    lang: Lang = "en"


# ----------------------------------------------------------------------------------------------- numbers
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
    r"(?P<post>\s?(?:usd|us dollars|dollars|dolares|dolar|dlls|dls|mxn|pesos|mn)\b)?"
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
                             r"fraccion|fy|list|lista)\s*$")


def _parse_number(text: str, lang: Lang) -> float:
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
            value = _parse_number(m.group("num"), lang)
        except ValueError:
            continue
        mult = (m.group("mult") or "").strip()
        if mult == "m" and not (m.group("pre") or "").strip():  # "5 m" is too ambiguous without a currency
            mult = ""
        value *= _MULT.get(mult, 1.0)
        pre, post = (m.group("pre") or "").strip(), (m.group("post") or "").strip()
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


def _is_year(q: Quantity) -> bool:
    return q.currency is None and not q.percent and re.fullmatch(r"20\d\d", q.raw) is not None


# ------------------------------------------------------------------------------------------------ labels
_CONJ = re.compile(r"\b(?:and|y|but|pero|while|mientras|vs|versus|or|o)\b|[,;]")


def _gap_cost(text: str, a: int, b: int) -> float:
    """Distance between two spans of ``text`` (a < b), with a penalty for a conjunction in between."""
    gap = text[a:b]
    return len(gap) + (25 if _CONJ.search(gap) else 0)


def _nearest_label(folded: str, q: Quantity, cues: dict[str, re.Pattern[str]], window: int = 50) -> str | None:
    best: tuple[float, str] | None = None
    for label, rx in cues.items():
        for m in rx.finditer(folded):
            if m.end() <= q.start:
                if q.start - m.end() > window:
                    continue
                cost = _gap_cost(folded, m.end(), q.start)
            elif m.start() >= q.end:
                if m.start() - q.end > window:
                    continue
                cost = _gap_cost(folded, q.end, m.start()) + 0.5
            else:
                continue
            if best is None or cost < best[0]:
                best = (cost, label)
    return best[1] if best else None


# ------------------------------------------------------------------------------------------------ intents
_TRANSIT_CUE = (r"how long|how many days|transit time|lead time|door[- ]to[- ]door|days? (?:does it|would it|will it) take|"
                r"cuanto (?:tarda|tiempo|demora|se tarda)|cuantos dias|tiempo de (?:transito|entrega|traslado)|dias de transito|"
                r"how fast|que tan rapido")
_TCO_NAME = r"\btco\b|total cost of ownership|costo total de (?:propiedad|posesion)"
_TCO_CUE = (_TCO_NAME + r"|(?:five|5|three|3|ten|10|seven|7)[- ](?:year|yr)\b|over (?:five|5|three|3|ten|10|\d+) years|"
            r"(?:a|en|durante) (?:cinco|5|tres|3|diez|10) anos")
_RVC_CUE = (r"\brvc\b|regional value content|(?:valor de )?contenido regional|\bvcr\b|non[- ]?originating|no originari|"
            r"(?:usmca|t-?mec)\W+(?:\w+\W+){0,6}(?:qualif|califica|cumple|originating|originari)|"
            r"(?:qualif\w*|califica\w*|cumple\w*)\W+(?:\w+\W+){0,5}(?:usmca|t-?mec)")
_VAT_CUE = (r"\bvat\b|\biva\b|value[- ]added tax|impuesto al valor agregado|(?:article|articulo|art\.?) ?2\.5|"
            r"duty deferral|drawback")
_VAT_ASK = r"cash|tied|tie up|ties up|financ|flujo|inmoviliz|cost|costo|cuesta|how much|cuanto|calcul|estimat|exposure|exposicion|owe|pagar"
_LANDED_CUE = (r"landed|costo puesto|costo (?:en|de) destino|costo de importacion|puesto en|cheaper|more expensive|"
               r"mas barat|mas car|compar|versus|\bvs\.?\b|frente a|contra|after tariffs|con aranceles|break[- ]even")
_LABOR_NOUN = (r"workers?|employees?|operators?|operarios?|trabajador(?:es|as)?|empleados?|obreros?|headcount|plantilla|"
               r"personal|staff|people|personas|operadores|hires?|technicians?|tecnicos?|assemblers?|ensambladores?|"
               r"engineers?|ingenieros?|supervisors?|supervisores?|welders?|soldadores?|machinists?")
# Words that ask for a cost figure. Payroll vocabulary alone ("payroll", "cuotas") is not enough: "What
# integration factor should payroll use?" is a factual question for the knowledge base.
_LABOR_COST = (r"\bcosts?\b|costo|costos|cuesta|cuestan|costaria|costarian|costar|burden|fully[- ](?:loaded|burdened)|"
               r"carga social|calculate|compute|estimate|calcula|estima|budget|presupuesto")
_LABOR_WAGE = r"(?:salario|sueldo|wage|salary|paid|paying|earning|earns|gana|ganan|pagando|pagar)"
_COMPUTE = r"how much|cuanto|calculat|comput|estimat|calcul|estima|what (?:would|will|does|is the)|figure|work out"


_TRANSIT_ENDS = {"Shanghai", "Shenzhen", "Ho Chi Minh City", "Tijuana", "Juárez", "Ciudad Juárez", "Monterrey", "Saltillo",
                 "Querétaro", "Reynosa", "Los Angeles", "Dallas", "Chicago", "Detroit", "Atlanta"}


def _mx_city(matches: list[PlaceMatch]) -> Place | None:
    return next((m.place for m in matches if m.place.country == "MX" and m.place.kind == "city"), None)


def _detect_tool(folded: str, quantities: list[Quantity], places: list[PlaceMatch]) -> str | None:
    money_like = [q for q in quantities if not q.percent and not _is_year(q)]
    us_dest = [p for p in places if p.place.country == "US" and p.place.kind == "city"]
    origins = [p for p in places if p.place.country != "US"]
    # A transit question names an end of a lane in the transit table (a follow-up may borrow the other from
    # the history). "How long do drivers wait at Laredo?" names none and belongs to the knowledge base.
    lane_ends = [p for p in places if p.place.name in _TRANSIT_ENDS]
    if re.search(_TRANSIT_CUE, folded) and lane_ends and not re.search(_VAT_CUE, folded):
        return "transit_time"
    pairs = _price_origin_pairs(folded, quantities, places)
    if re.search(_TCO_CUE, folded) and (pairs or (re.search(_TCO_NAME, folded) and re.search(_COMPUTE + "|" + _LANDED_CUE, folded))):
        return "tco_compare"
    if len(pairs) >= 2 or (pairs and re.search(r"landed|costo puesto|costo de importacion", folded)):
        return "landed_cost_compare"
    if re.search(_VAT_CUE, folded) and money_like and re.search(_VAT_ASK, folded):
        return "immex_vat_cashflow"
    if re.search(_RVC_CUE, folded) and money_like:
        return "usmca_rvc"
    if re.search(r"landed cost|costo puesto", folded) and re.search(_COMPUTE, folded):
        return "landed_cost_compare"
    labor_subject = (re.search(rf"\b(?:{_LABOR_NOUN})\b", folded)
                     or re.search(_LABOR_WAGE + r"\W+(?:\w+\W+){0,3}\$?\d", folded))
    if labor_subject and re.search(_LABOR_COST, folded):
        return "mexico_labor_cost"
    return None


# ---------------------------------------------------------------------------------------------- extractors
def _extract_labor(folded: str, quantities: list[Quantity], places: list[PlaceMatch]) -> dict[str, Any]:
    args: dict[str, Any] = {}
    m = (re.search(rf"(\d[\d,.]*)\s*(?:k\s)?(?:[a-z-]+\s){{0,3}}?(?:{_LABOR_NOUN})\b", folded)
         or re.search(r"(?:headcount of|plantilla de) (\d[\d,]*)", folded))
    if m:
        args["headcount"] = int(_parse_number(m.group(1), "en"))
    elif re.search(rf"\b(?:a|one|an|un|una|per|por|each|cada)\s+(?:[a-z-]+\s){{0,2}}?(?:{_LABOR_NOUN})\b", folded):
        args["headcount"] = 1
    if re.search(r"minimum[- ]wage|salario minimo|the minimum\b|el minimo\b|sueldo minimo", folded):
        args["daily_wage_mxn"] = "minimum"
    else:
        wage = _wage_from(folded, quantities)
        if wage is not None:
            args["daily_wage_mxn"] = wage
    city = _mx_city(places)
    if city is not None:
        args["state"], args["zone"] = city.state, city.zone
    else:
        state = next((p.place for p in places if p.place.kind == "state" and p.place.country == "MX"), None)
        if state is not None:
            args["state"] = state.name
    if re.search(r"border|frontera|zlfn", folded) and "zone" not in args:
        args["zone"] = "border"
    year = next((int(q.value) for q in quantities if _is_year(q)), None)
    if year is not None:
        args["year"] = year
    fx = (re.search(r"(\d+(?:[.,]\d+)?)\s*(?:pesos|mxn)\s*(?:per|a|por|/|=|to the|al|each)\s*(?:us\s*)?(?:dollar|dolar|usd|\$)", folded)
          or re.search(r"(?:exchange rate|tipo de cambio|fx rate|fx)\s*(?:of|de|at|a|is|es|:|=)?\s*(?:de\s*)?(\d+(?:[.,]\d+)?)", folded))
    if fx:
        args["mxn_per_usd"] = _parse_number(fx.group(1), "en")
    service = (re.search(r"(\d+)\s*(?:years?|anos?)\s*(?:(?:of|de)\s*)?(?:service|seniority|antiguedad|tenure)", folded)
               or re.search(r"(?:antiguedad|seniority|tenure)\s*(?:of|de)\s*(\d+)", folded))
    if service:
        args["years_of_service"] = int(service.group(1))
    risk = re.search(r"(?:class|clase)\s*(v|iv|iii|ii|i|[1-5])\b", folded)
    if risk:
        args["work_risk_class"] = {"1": "I", "2": "II", "3": "III", "4": "IV", "5": "V"}.get(risk.group(1), risk.group(1).upper())
    hours = re.search(r"(\d+(?:[.,]\d+)?)[- ]?(?:hours?|hrs?|h|horas?)\s*(?:a |per |each |por |la |a la |work ?)?(?:week|semana|semanales)", folded)
    if hours:
        args["weekly_hours"] = _parse_number(hours.group(1), "en")
    return args


def _wage_from(folded: str, quantities: list[Quantity]) -> float | None:
    for q in quantities:
        if q.percent or _is_year(q) or q.currency == "usd":
            continue
        before = folded[max(0, q.start - 40):q.start]
        if not (q.currency == "mxn" or re.search(_LABOR_WAGE + r"\W+(?:\w+\W+){0,3}$", before)
                or q.per in ("day", "week", "month")):
            continue
        if q.per == "month" or (q.per is None and q.value >= 3000):
            return round(q.value / 30.4, 2)
        if q.per == "week":
            return round(q.value / 7, 2)
        if q.per == "hour":
            return round(q.value * 8, 2)
        return q.value
    return None


_RVC_ROLES = {
    "transaction_value": re.compile(r"transaction value|valor de transaccion|sells? for|sold for|sell (?:a |the |each |one )?(?:unit|it|them|units|piece|part) for|selling price|sale price|"
                                    r"\bprice\b|precio|se vende|vende(?:mos)? (?:en|a|por)|\bfob\b|invoice value|valor factura"),
    "net_cost": re.compile(r"net cost|costo neto"),
    "vnm": re.compile(r"non[- ]?originating|no originari\w*|\bvnm\b|imported|importad\w*|chinese|from china|de china|asian|"
                      r"from asia|de asia|foreign|extranjer\w*|non[- ](?:north american|usmca|regional)|no regional\w*"),
}


def _extract_rvc(folded: str, quantities: list[Quantity]) -> dict[str, Any]:
    args: dict[str, Any] = {}
    for q in quantities:
        if _is_year(q):
            continue
        if q.percent:
            if "threshold_pct" not in args and re.search(
                r"threshold|requirement|required|requires|need|umbral|requisito|minimo|at least|al menos|rule|regla|meet|cumplir|alcanzar",
                folded[max(0, q.start - 45):q.end + 45],
            ):
                args["threshold_pct"] = q.value
            continue
        role = _nearest_label(folded, q, _RVC_ROLES)
        if role and role not in args:
            args[role] = q.value
    if re.search(r"net[- ]cost method|metodo de costo neto|por costo neto|using net cost|usando costo neto", folded) or (
        "net_cost" in args and "transaction_value" not in args
    ):
        args["method"] = "net_cost"
    return args


_FREIGHT = re.compile(r"freight|shipping|flete|envio|transport|ocean rate|trucking|acarreo")


def _price_origin_pairs(folded: str, quantities: list[Quantity], places: list[PlaceMatch]) -> list[tuple[PlaceMatch, Quantity]]:
    """Each sourcing origin named with a unit price ("$4.20 per unit from Shenzhen", "Monterrey at $5.10")."""
    origins = [p for p in places if p.place.country != "US"]
    prices = [q for q in quantities
              if not q.percent and not _is_year(q) and q.currency != "mxn" and q.per in (None, "unit")
              and not _FREIGHT.search(folded[max(0, q.start - 25):q.start])
              and not (q.currency is None and re.match(r"\s*(?:units?|pieces?|pcs|parts?|piezas?|unidades?)\b", folded[q.end:]))
              and not re.match(r"\s*(?:years?|anos?|months?|meses|days?|dias?|weeks?|semanas?|hours?|horas?|workers?|"
                               r"trabajador\w*|empleados?)\b", folded[q.end:])]
    candidates = []
    for place in origins:
        for q in prices:
            if q.end <= place.start:
                cost = _gap_cost(folded, q.end, place.start)
            elif q.start >= place.end:
                cost = _gap_cost(folded, place.end, q.start)
            else:
                continue
            cost += 15 if place.place.kind != "city" else 0  # "Shenzhen" beats "China" for the same price
            if cost <= 45:
                candidates.append((cost, place.start, q.start, place, q))
    pairs: list[tuple[PlaceMatch, Quantity]] = []
    used_prices: set[int] = set()
    used_places: set[str] = set()
    for _, _, _, place, q in sorted(candidates, key=lambda c: c[:3]):
        if q.start in used_prices or place.place.name in used_places:
            continue
        used_prices.add(q.start)
        used_places.add(place.place.name)
        pairs.append((place, q))
    return sorted(pairs, key=lambda pq: min(pq[0].start, pq[1].start))


def _extract_scenarios(folded: str, quantities: list[Quantity], places: list[PlaceMatch]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Scenarios (name, origin, mode, unit price, per-shipment figures, duty layers) and shared figures."""
    pairs = _price_origin_pairs(folded, quantities, places)
    shared: dict[str, Any] = {}
    dest = next((p.place.name for p in places if p.place.country == "US" and p.place.kind == "city"), None)
    scenarios: list[dict[str, Any]] = []
    anchors = [min(pm.start, q.start) for pm, q in pairs] + [len(folded)]
    for i, (pm, q) in enumerate(pairs):
        segment = folded[anchors[i]:anchors[i + 1]]
        place = pm.place
        mode = "ocean" if place.country in ASIAN_COUNTRIES else "truck"
        if re.search(r"by air|air freight|\bair\b|aereo|por avion", segment):
            mode = "air"
        elif re.search(r"by rail|\brail\b|ferrocarril|\btren\b", segment):
            mode = "rail"
        sc: dict[str, Any] = {"name": place.name, "origin": place.name, "mode": mode, "unit_price_usd": q.value}
        if dest:
            sc["destination"] = dest
        scenarios.append(sc)

    def country_of(sc: dict[str, Any]) -> str:
        return next(p.place.country for p, _ in pairs if p.place.name == sc["origin"])

    def scenario_at(pos: int) -> dict[str, Any] | None:
        for i, sc in enumerate(scenarios):
            if anchors[i] <= pos < anchors[i + 1]:
                return sc
        return None

    for q in quantities:
        if _is_year(q):
            continue
        after = folded[q.end:q.end + 30]
        before = folded[max(0, q.start - 40):q.start]
        if q.percent:
            context = folded[max(0, q.start - 40):q.end + 40]
            if not re.search(r"tariff|duty|duties|arancel|301|232|surcharge|sobretasa|impuesto|mfn|igi", context):
                continue
            name = ("Section 301" if "301" in context else "Section 232" if "232" in context else
                    "General duty" if re.search(r"mfn|general|normal|base", context) else "Tariff")
            exempt = name == "General duty"
            nearest = min(((abs(p.start - q.start), p.place) for p in places if p.place.country != "US"), default=None,
                          key=lambda t: t[0])
            if name == "Section 301":
                targets = [sc for sc in scenarios if country_of(sc) == "CN"]
            elif nearest is not None and nearest[0] <= 50:
                targets = [sc for sc in scenarios if country_of(sc) == nearest[1].country]
            elif exempt:
                targets = scenarios
            else:
                targets = [sc for sc in scenarios if country_of(sc) != "MX"]
            for sc in targets:
                layers = sc.setdefault("duty_layers", [])
                if not any(layer["name"] == name for layer in layers):
                    layers.append({"name": name, "rate_pct": q.value, "usmca_exempt": exempt})
            continue
        unit_noun = re.match(r"\s*(?:k\s)?(?:units?|pieces?|pcs|parts?|piezas?|unidades?)\b", after)
        if q.per == "year" or (unit_noun and re.search(r"(?:a|per|al|por)\s(?:year|ano)|annual|anual", after)) or \
                re.search(r"annual volume|volumen anual|volume of|volumen de|annually|al ano$", before[-25:]):
            if "annual_units" not in shared and (unit_noun or q.currency is None):
                shared["annual_units"] = int(q.value)
            continue
        if q.per in ("container", "truck", "shipment"):
            kinds = {"container": ("ocean",), "truck": ("truck",), "shipment": ("ocean", "truck", "rail", "air")}[q.per]
            is_freight = q.currency == "usd" or _FREIGHT.search(before[-30:])
            field = "freight_per_shipment_usd" if is_freight else "units_per_shipment"
            several = sum(1 for other in quantities if other.per == "shipment") > 1
            owner = scenario_at(q.start) if q.per == "shipment" and several else None
            targets = [owner] if owner is not None else [sc for sc in scenarios if sc["mode"] in kinds]
            for sc in targets:
                sc.setdefault(field, q.value if is_freight else int(q.value))
            continue
    if re.search(r"(?:usmca|t-?mec)\W+(?:\w+\W+){0,4}(?:qualif|complian|originat|califica|cumple|originari)|"
               r"(?:qualif\w*|complian\w*|originat\w*|califica\w*|cumple\w*)\W+(?:\w+\W+){0,4}(?:usmca|t-?mec)", folded):
        for sc in scenarios:
            if country_of(sc) == "MX":
                sc["usmca_qualifying"] = True
    return scenarios, shared


def _scenario_missing(prefix: str, sc: dict[str, Any]) -> list[str]:
    return [f"{prefix}.{f}" for f in ("unit_price_usd", "units_per_shipment") if f not in sc]


def _extract_landed(folded: str, quantities: list[Quantity], places: list[PlaceMatch]) -> dict[str, Any]:
    scenarios, shared = _extract_scenarios(folded, quantities, places)
    return {"scenarios": scenarios, **shared}


_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
                 "nueve": 9, "diez": 10}


def _extract_tco(folded: str, quantities: list[Quantity], places: list[PlaceMatch]) -> dict[str, Any]:
    scenarios, shared = _extract_scenarios(folded, quantities, places)
    args: dict[str, Any] = dict(shared)
    near = next((sc for sc in scenarios if _country(places, sc) == "MX"), None)
    off = next((sc for sc in scenarios if sc is not near), None)
    if off is not None:
        args["offshore"] = off
    if near is not None:
        args["nearshore"] = near
    years = re.search(r"(\d+|" + "|".join(_WORD_NUMBERS) + r")[- ](?:years?|yr|anos)", folded)
    if years:
        token = years.group(1)
        args["years"] = int(token) if token.isdigit() else _WORD_NUMBERS[token]
    growth = re.search(r"(?:wages?|salari\w*|labor|mano de obra)\W+(?:\w+\W+){0,5}?(\d+(?:[.,]\d+)?)\s?(?:%|percent|por ciento)", folded)
    if growth:
        args["mx_wage_growth_pct"] = _parse_number(growth.group(1), "en")
    return args


def _country(places: list[PlaceMatch], sc: dict[str, Any]) -> str | None:
    return next((p.place.country for p in places if p.place.name == sc.get("origin")), None)


_VAT_ROLES = {
    "annual_temporary_imports_usd": re.compile(r"import\w*|temporar\w*|inputs|insumos|materials|materiales|materia prima|components|componentes"),
    "non_originating_inputs_usd": re.compile(r"non[- ]?originating|no originari\w*|from asia|asian|chinese|de asia|chin[ao]s?"),
    "us_duty_on_finished_goods_usd": re.compile(r"(?:us|u\.s\.|american|estadounidense|de ee\.? ?uu\.?|de eua|de estados unidos)\s*(?:duty|duties|tariffs?|arancel\w*)|"
                                                r"(?:duty|duties|arancel\w*)\s*(?:paid\s*)?(?:in|en|a)\s*(?:the\s*)?(?:us|u\.s\.|ee\.? ?uu\.?|eua|estados unidos)"),
}
_VAT_PCT = {
    "prosec_rate_pct": re.compile(r"prosec"),
    "cost_of_capital_pct": re.compile(r"cost of capital|capital cost|wacc|interest|financing|financiamiento|costo de capital|"
                                      r"costo del dinero|tasa de interes|interes"),
    "mexican_duty_rate_pct": re.compile(r"duty|duties|arancel\w*|\bigi\b|tariff"),
}


def _period_after(folded: str, q: Quantity) -> str | None:
    """The period of an amount, also when a few words stand between ("$500,000 of components a month")."""
    if q.per is not None:
        return q.per
    clause = re.split(r"[\d,;.]", folded[q.end:q.end + 40], maxsplit=1)[0]
    if re.search(r"\b(?:a|per|al|por|each|every|cada)\s(?:month|mes)\b|monthly|mensual", clause):
        return "month"
    if re.search(r"\b(?:a|per|al|por|each|every|cada)\s(?:year|ano)\b|annual|anual|yearly", clause):
        return "year"
    return None


def _extract_vat(folded: str, quantities: list[Quantity]) -> dict[str, Any]:
    args: dict[str, Any] = {}
    for q in quantities:
        if _is_year(q):
            continue
        if q.percent:
            role = _nearest_label(folded, q, _VAT_PCT)
            if role and role not in args:
                args[role] = q.value
            continue
        after = folded[q.end:q.end + 30]
        if re.match(r"\s*(?:months?|meses)\b", after):
            args.setdefault("months_to_recover", q.value)
            continue
        role = _nearest_label(folded, q, _VAT_ROLES)
        if role is None and "annual_temporary_imports_usd" not in args and q.currency == "usd":
            role = "annual_temporary_imports_usd"
        if role and role not in args:
            args[role] = q.value * 12 if _period_after(folded, q) == "month" else q.value
    if "prosec_rate_pct" not in args and re.search(r"prosec\W+(?:\w+\W+){0,3}(?:zero|cero|free|exento|libre)", folded):
        args["prosec_rate_pct"] = 0.0
    return args


def _extract_transit(folded: str, places: list[PlaceMatch]) -> dict[str, Any]:
    args: dict[str, Any] = {}
    origin = next((p.place.name for p in places if p.place.country != "US" and p.place.kind == "city"), None)
    dest = next((p.place.name for p in places if p.place.country == "US" and p.place.kind == "city"), None)
    if origin:
        args["origin"] = origin
    if dest:
        args["destination"] = dest
    for mode, rx in (("air", r"by air|air freight|\bair\b|aereo|por avion|via aerea"),
                     ("ocean_rail", r"ocean\W+(?:and|\+|plus|y|/)\W*rail|intermodal|maritimo y (?:tren|ferrocarril)"),
                     ("ocean_truck", r"ocean\W+(?:and|\+|plus|y|/)\W*truck|maritimo y camion"),
                     ("ocean", r"ocean|\bsea\b|ship\b|vessel|maritim\w*|barco"),
                     ("rail", r"\brail\b|train|ferrocarril|\btren\b"),
                     ("truck", r"truck|camion|carretera|road")):
        if re.search(rx, folded):
            args["mode"] = mode
            break
    return args


def _extract(tool: str, folded: str, quantities: list[Quantity], places: list[PlaceMatch]) -> dict[str, Any]:
    """The arguments for ``tool`` that the text gives."""
    if tool == "mexico_labor_cost":
        return _extract_labor(folded, quantities, places)
    if tool == "usmca_rvc":
        return _extract_rvc(folded, quantities)
    if tool == "landed_cost_compare":
        return _extract_landed(folded, quantities, places)
    if tool == "tco_compare":
        return _extract_tco(folded, quantities, places)
    if tool == "immex_vat_cashflow":
        return _extract_vat(folded, quantities)
    return _extract_transit(folded, places)


def _parse(question: str, lang: Lang) -> tuple[str, list[Quantity], list[PlaceMatch]]:
    folded = fold(question)
    return folded, find_quantities(folded, lang), find_places(folded)


def _lang(text: str) -> Lang:
    """English or Spanish, ignoring place names ("Juárez" and "Querétaro" say nothing about the language)."""
    if len(fold(text)) == len(text):
        for match in reversed(find_places(text)):
            text = text[:match.start] + text[match.end:]
    return "es" if detect_language(text) == "es" else "en"


def _route_one(question: str) -> RouteDecision | None:
    lang = _lang(question)
    folded, quantities, places = _parse(question, lang)
    tool = _detect_tool(folded, quantities, places)
    if tool is None:
        return None
    args = _extract(tool, folded, quantities, places)
    return RouteDecision(tool=tool, args=args, missing=_missing(tool, args), lang=lang)


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if key == "scenarios" and isinstance(value, list):
            if len(value) >= 2 or not merged.get("scenarios"):
                merged[key] = value
            else:  # a follow-up that names one scenario's figures: merge by name
                olds = {sc["name"]: sc for sc in merged["scenarios"]}
                for sc in value:
                    olds[sc["name"]] = {**olds.get(sc["name"], {}), **sc}
                merged[key] = list(olds.values())
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def _fill_from_followup(tool: str, args: dict[str, Any], text: str, lang: Lang) -> dict[str, Any]:
    """Apply the figures a follow-up message gives for the previous calculator's inputs."""
    args = copy.deepcopy(args)
    folded, quantities, places = _parse(text, lang)
    new = _extract(tool, folded, quantities, places)
    if tool in ("landed_cost_compare", "tco_compare"):
        # a bare "5,000 units per shipment" or "100,000 a year" answers every scenario still missing it
        _, shared = _extract_scenarios(folded, quantities, places)
        new.update(shared)
        per_shipment = next((q for q in quantities if q.per in ("shipment", "container", "truck") and q.currency is None), None)
        if per_shipment is not None:
            keys = ["scenarios"] if tool == "landed_cost_compare" else ["offshore", "nearshore"]
            for key in keys:
                items = args.get(key)
                for sc in (items if isinstance(items, list) else [items] if isinstance(items, dict) else []):
                    sc.setdefault("units_per_shipment", int(per_shipment.value))
        bare = [q for q in quantities if not q.percent and not _is_year(q) and q.per is None and q.currency is None]
        if "annual_units" not in args and "annual_units" not in new and bare and re.search(r"year|ano|annual|anual|volume|volumen", folded):
            new["annual_units"] = int(bare[0].value)
        new = {k: v for k, v in new.items() if v not in ([], None)}
    return _merge(args, new)


def _missing(tool: str, args: dict[str, Any]) -> list[str]:
    """The exact names of the required inputs ``args`` still lacks."""
    if tool == "mexico_labor_cost":
        return [f for f in ("daily_wage_mxn", "state") if f not in args]
    if tool == "usmca_rvc":
        value_field = "net_cost" if args.get("method") == "net_cost" else "transaction_value"
        return [f for f in (value_field, "vnm") if f not in args]
    if tool == "landed_cost_compare":
        scenarios = args.get("scenarios") or []
        missing = ["scenarios"] if len(scenarios) < 2 else []
        for i, sc in enumerate(scenarios):
            missing += _scenario_missing(f"scenarios[{i}]", sc)
        return missing + ([] if "annual_units" in args else ["annual_units"])
    if tool == "tco_compare":
        missing = [s for s in ("offshore", "nearshore") if s not in args]
        for side in ("offshore", "nearshore"):
            if side in args:
                missing += _scenario_missing(side, args[side])
        return missing + ([] if "annual_units" in args else ["annual_units"])
    if tool == "immex_vat_cashflow":
        return [] if "annual_temporary_imports_usd" in args else ["annual_temporary_imports_usd"]
    return [f for f in ("origin", "destination") if f not in args]


_FACTUAL_START = re.compile(
    r"(?:and |y )?(?:what(?:'s| is| are| was| were| does| do)\b|which\b|who\b|why\b|when\b|how (?:does|do|is|are|can)\b|"
    r"is there|are there|do i need|que (?:es|son|significa)\b|cual(?:es)? (?:es|son)\b|por que\b|como (?:funciona|se)\b|"
    r"explain|define|tell me about|explica|dime que)"
)


def _is_factual(text: str) -> bool:
    """A question that asks what something is rather than giving a figure ("What is the minimum wage?")."""
    return bool(_FACTUAL_START.match(fold(text).lstrip(" ¿¡\"'")))


def _recent(history: list[dict] | None, lang: Lang) -> RouteDecision | None:
    """The calculator question among the last three user turns, completed by the turns after it."""
    users = [t.get("content", "") for t in (history or []) if t.get("role") == "user" and t.get("content")]
    for back in range(1, min(3, len(users)) + 1):
        earlier = _route_one(users[-back])
        if earlier is None:
            continue
        args = earlier.args
        for text in users[len(users) - back + 1:]:
            if not _is_factual(text):
                args = _fill_from_followup(earlier.tool, args, text, lang)
        return RouteDecision(tool=earlier.tool, args=args, missing=_missing(earlier.tool, args), lang=lang)
    return None


def route(question: str, history: list[dict] | None = None) -> RouteDecision | None:
    """The calculator a question asks for, with the arguments it gives and the inputs still missing.

    Args:
        question: the user's message, in English or Spanish.
        history: earlier turns as ``{"role": "user"|"assistant", "content": str}``. A follow-up that gives
            figures a recent calculator question used or lacked ("350 pesos a day", "And in Tijuana?") completes
            or updates that question; a follow-up that gives none is not a calculator question.

    Returns:
        A :class:`RouteDecision`, or ``None`` when the question does not ask to compute anything.
    """
    lang = _lang(question)
    decision = _route_one(question)
    if decision is not None and not decision.missing:
        return decision
    earlier = _recent(history, lang)
    if decision is not None:
        if earlier is not None and earlier.tool == decision.tool:
            args = _merge(earlier.args, decision.args)
            return RouteDecision(tool=decision.tool, args=args, missing=_missing(decision.tool, args), lang=lang)
        return decision
    if earlier is None or _is_factual(question):
        return None
    args = _fill_from_followup(earlier.tool, earlier.args, question, lang)
    if args == earlier.args:
        return None  # the follow-up gives nothing the calculator uses
    return RouteDecision(tool=earlier.tool, args=args, missing=_missing(earlier.tool, args), lang=lang)


# ---------------------------------------------------------------------------------------------- answers
_FIELD_LABELS = {
    "daily_wage_mxn": ("the daily wage in MXN, or \"minimum\"", "el salario diario en MXN, o \"mínimo\""),
    "state": ("the Mexican state or city of the plant", "el estado o la ciudad de la planta en México"),
    "transaction_value": ("the transaction value of the good", "el valor de transacción del bien"),
    "net_cost": ("the net cost of the good", "el costo neto del bien"),
    "vnm": ("the value of the non-originating materials", "el valor de los materiales no originarios"),
    "annual_units": ("the number of units a year", "el número de unidades al año"),
    "scenarios": ("at least two sourcing options, each with a unit price and an origin",
                  "al menos dos opciones de suministro, cada una con precio unitario y origen"),
    "unit_price_usd": ("the unit price in USD", "el precio unitario en USD"),
    "units_per_shipment": ("the units per shipment", "las unidades por embarque"),
    "offshore": ("the offshore option (unit price and origin)", "la opción en Asia (precio unitario y origen)"),
    "nearshore": ("the Mexican option (unit price and origin)", "la opción en México (precio unitario y origen)"),
    "annual_temporary_imports_usd": ("the value of temporary imports a year, in USD",
                                     "el valor de las importaciones temporales al año, en USD"),
    "origin": ("the origin city", "la ciudad de origen"),
    "destination": ("the US destination city", "la ciudad de destino en EE. UU."),
}
_TOOL_LABELS = {
    "mexico_labor_cost": ("labor-cost calculator", "calculadora de costo laboral"),
    "usmca_rvc": ("USMCA regional value content calculator", "calculadora de valor de contenido regional (T-MEC)"),
    "landed_cost_compare": ("landed-cost comparison", "comparación de costo puesto en destino"),
    "immex_vat_cashflow": ("IMMEX VAT cash-flow calculator", "calculadora de flujo de IVA IMMEX"),
    "tco_compare": ("total-cost-of-ownership comparison", "comparación de costo total de propiedad"),
    "transit_time": ("transit-time table", "tabla de tiempos de tránsito"),
}


def _label(field: str, lang: Lang) -> str:
    idx = 0 if lang == "en" else 1
    head, _, tail = field.rpartition(".")
    base = tail if tail in _FIELD_LABELS else field
    text = _FIELD_LABELS.get(base, (base, base))[idx]
    if head:
        which = head.replace("scenarios[", "").rstrip("]")
        if which.isdigit():
            which = f"option {int(which) + 1}" if lang == "en" else f"opción {int(which) + 1}"
        else:
            which = {"offshore": ("offshore option", "opción en Asia"), "nearshore": ("Mexican option", "opción en México")}[which][idx]
        text += f" ({which})"
    return f"{text} [{field}]"


def _m(x: float | None, cur: str = "$") -> str:
    if x is None:
        return "-"
    return f"-{cur}{abs(x):,.2f}" if x < 0 else f"{cur}{x:,.2f}"


def _p(x: float) -> str:
    return f"{x:,.2f}".rstrip("0").rstrip(".") + "%"


def _n(x: float) -> str:
    return f"{x:,.4f}".rstrip("0").rstrip(".")


def _ask_for_missing(decision: RouteDecision) -> str:
    idx = 0 if decision.lang == "en" else 1
    tool = _TOOL_LABELS.get(decision.tool, (decision.tool, decision.tool))[idx]
    items = [_label(f, decision.lang) for f in decision.missing]
    listing = "; ".join(items)
    if decision.lang == "es":
        return f"Para usar la {tool} me falta: {listing}. ¿Me puede indicar {'ese dato' if len(items) == 1 else 'esos datos'}?"
    return f"To run the {tool} I still need: {listing}. Could you give {'it' if len(items) == 1 else 'them'}?"


def _assumption_lines(result: dict[str, Any], lang: Lang, limit: int = 40) -> list[str]:
    head = "Assumptions and sources:" if lang == "en" else "Supuestos y fuentes:"
    lines = [head]
    for a in result.get("assumptions", [])[:limit]:
        value = a["value"]
        shown = "–".join(_n(v) for v in value) if isinstance(value, list) else (_n(value) if isinstance(value, (int, float)) else value)
        dates = ""
        if a.get("effective_from"):
            until = a.get("effective_to") or ("until changed" if lang == "en" else "hasta nuevo aviso")
            dates = f", {a['effective_from']} – {until}"
        lines.append(f"- {a['name']}: {shown} {a['unit']}{dates} ({a['source']})")
    return lines


_LABOR_GROUPS = (("Base wage", "wage"), ("Aguinaldo", "benefits"), ("Vacation", "benefits"), ("IMSS worker", "worker"),
                 ("IMSS:", "imss"), ("INFONAVIT", "infonavit"), ("State payroll", "payroll"), ("Profit", "ptu"), ("", "other"))
_LABOR_GROUP_NAMES = {
    "wage": ("base wage (365 paid days)", "salario base (365 días pagados)"),
    "benefits": ("aguinaldo and vacation premium", "aguinaldo y prima vacacional"),
    "imss": ("IMSS employer contributions", "cuotas patronales IMSS"),
    "worker": ("IMSS worker share paid by the employer", "cuota obrera IMSS pagada por el patrón"),
    "infonavit": ("INFONAVIT (5%)", "INFONAVIT (5%)"),
    "payroll": ("state payroll tax", "impuesto sobre nómina estatal"),
    "ptu": ("profit sharing (PTU)", "reparto de utilidades (PTU)"),
    "other": ("other", "otros"),
}


def _labor_text(r: dict[str, Any], lang: Lang) -> list[str]:
    zone = {"general": ("general zone", "zona general"), "border": ("northern border zone", "zona libre de la frontera norte")}[r["zone"]]
    z = zone[0 if lang == "en" else 1]
    n = r["headcount"]
    usd_total = f" (about {_m(r['annual_cost_total_usd'])} USD)" if r.get("annual_cost_total_usd") is not None else ""
    groups: dict[str, float] = {}
    for line in r["breakdown"]:
        key = next(k for prefix, k in _LABOR_GROUPS if line["item"].startswith(prefix))
        groups[key] = groups.get(key, 0.0) + line["annual_mxn"]
    idx = 0 if lang == "en" else 1
    if lang == "es":
        lines = [
            f"Costo total estimado para {n} trabajador{'es' if n != 1 else ''} en {r['state']} ({z}), tasas vigentes al "
            f"{r['as_of']}: MXN {r['annual_cost_total_mxn']:,.2f} al año (MXN {r['monthly_cost_total_mxn']:,.2f} al mes){usd_total.replace('about', 'unos')}.",
            f"Por trabajador: MXN {r['annual_cost_per_worker_mxn']:,.2f} al año; MXN {r['cost_per_paid_hour_mxn']:,.2f} por hora pagada y "
            f"MXN {r['cost_per_productive_hour_mxn']:,.2f} por hora productiva; carga de {_p(r['burden_pct'])} sobre el salario base "
            f"(salario diario MXN {r['daily_wage_mxn']:,.2f}, SBC MXN {r['sbc_daily_mxn']:,.2f}).",
            "Desglose anual por trabajador:",
        ]
    else:
        lines = [
            f"Estimated fully burdened cost for {n} worker{'s' if n != 1 else ''} in {r['state']} ({z}), rates in force on "
            f"{r['as_of']}: MXN {r['annual_cost_total_mxn']:,.2f} a year (MXN {r['monthly_cost_total_mxn']:,.2f} a month){usd_total}.",
            f"Per worker: MXN {r['annual_cost_per_worker_mxn']:,.2f} a year; MXN {r['cost_per_paid_hour_mxn']:,.2f} per paid hour and "
            f"MXN {r['cost_per_productive_hour_mxn']:,.2f} per productive hour; burden {_p(r['burden_pct'])} over the base wage "
            f"(daily wage MXN {r['daily_wage_mxn']:,.2f}, SBC MXN {r['sbc_daily_mxn']:,.2f}).",
            "Annual breakdown per worker:",
        ]
    for key, amount in groups.items():
        lines.append(f"- {_LABOR_GROUP_NAMES[key][idx]}: MXN {amount:,.2f}")
    return lines


def _rvc_text(r: dict[str, Any], lang: Lang) -> list[str]:
    method = {"transaction_value": ("transaction-value method", "método de valor de transacción"),
              "net_cost": ("net-cost method", "método de costo neto")}[r["method"]][0 if lang == "en" else 1]
    if lang == "es":
        verdict = "califica" if r["qualifies"] else "no califica"
        return [f"VCR ({method}): {_p(r['rvc_pct'])} frente a un umbral de {_p(r['threshold_pct'])}: {verdict} "
                f"(margen de {r['margin_pts']:+.2f} puntos).",
                f"Cálculo: ({_n(r['value'])} − {_n(r['vnm'])}) / {_n(r['value'])} × 100. El VMN máximo que aún califica es "
                f"{_n(r['max_vnm_to_qualify'])}."]
    verdict = "it qualifies" if r["qualifies"] else "it does not qualify"
    return [f"RVC ({method}): {_p(r['rvc_pct'])} against a {_p(r['threshold_pct'])} threshold, so {verdict} "
            f"(margin {r['margin_pts']:+.2f} points).",
            f"Arithmetic: ({_n(r['value'])} − {_n(r['vnm'])}) / {_n(r['value'])} × 100. The largest VNM that still qualifies is "
            f"{_n(r['max_vnm_to_qualify'])}."]


def _scenario_line(s: dict[str, Any], lang: Lang) -> str:
    parts = [("price", "precio", s["unit_price_usd"]),
             ("freight", "flete", s["international_freight_usd"] + s["insurance_usd"] + s["inland_freight_usd"]),
             ("brokerage", "agente aduanal", s["brokerage_usd"]), ("duties", "aranceles", s["duties_usd"]),
             ("MPF", "MPF", s["mpf_usd"]), ("HMF", "HMF", s["hmf_usd"]),
             ("inventory carrying", "costo de inventario", s["inventory_carrying_usd"])]
    shown = ", ".join(f"{en if lang == 'en' else es} {_m(v)}" for en, es, v in parts if v or en == "price")
    if lang == "es":
        return f"- {s['name']}: {_m(s['landed_cost_per_unit_usd'])} por unidad puesto en destino ({_m(s['annual_landed_cost_usd'])} al año) = {shown}"
    return f"- {s['name']}: {_m(s['landed_cost_per_unit_usd'])} per unit landed ({_m(s['annual_landed_cost_usd'])} a year) = {shown}"


def _landed_text(r: dict[str, Any], lang: Lang) -> list[str]:
    lines = [_scenario_line(s, lang) for s in r["scenarios"]]
    for c in r["comparisons"]:
        d = c["difference_per_unit_usd"]
        be = c["break_even_unit_price_usd"]
        if lang == "es":
            rel = "más barato" if d < 0 else "más caro"
            text = (f"{c['scenario']} resulta {_m(abs(d))} por unidad {rel} que {c['baseline']} "
                    f"({_m(abs(c['difference_annual_usd']))} al año).")
            text += f" Precio unitario de equilibrio para {c['scenario']}: {_m(be)}." if be is not None else ""
        else:
            rel = "cheaper" if d < 0 else "more expensive"
            text = (f"{c['scenario']} is {_m(abs(d))} per unit {rel} than {c['baseline']} "
                    f"({_m(abs(c['difference_annual_usd']))} a year).")
            text += f" Break-even unit price for {c['scenario']}: {_m(be)}." if be is not None else ""
        lines.append(text)
    head = (f"Landed cost for {r['annual_units']:,} units a year (fees in force on {r['as_of']}):" if lang == "en" else
            f"Costo puesto en destino para {r['annual_units']:,} unidades al año (cuotas vigentes al {r['as_of']}):")
    return [head, *lines]


def _vat_text(r: dict[str, Any], args: dict[str, Any], lang: Lang) -> list[str]:
    imports = args.get("annual_temporary_imports_usd")
    months = args.get("months_to_recover", 3)
    if lang == "es":
        lines = [f"Sin certificación IVA/IEPS, el IVA de {_p(r['vat_rate_pct'])} sobre {_m(imports)} de importaciones temporales al año "
                 f"inmoviliza unos {_m(r['cash_tied_up_uncertified_usd'])} ({_n(months)} meses de IVA a {_m(r['monthly_vat_usd'])} al mes), "
                 f"con un costo financiero de {_m(r['annual_financing_cost_uncertified_usd'])} al año. Con la certificación "
                 "(crédito fiscal del 100%) no se inmoviliza efectivo."]
        if r["art_2_5_duty_general_usd"] or r.get("art_2_5_duty_prosec_usd") is not None:
            lines.append(f"Artículo 2.5 del T-MEC: arancel mexicano de {_m(r['art_2_5_duty_general_usd'])} sobre los insumos no originarios, "
                         f"dispensa de {_m(r['art_2_5_waiver_general_usd'])}, a pagar {_m(r['art_2_5_payable_usd'])}.")
        return lines
    lines = [f"Without VAT/IEPS certification, {_p(r['vat_rate_pct'])} VAT on {_m(imports)} of temporary imports a year ties up about "
             f"{_m(r['cash_tied_up_uncertified_usd'])} ({_n(months)} months of VAT at {_m(r['monthly_vat_usd'])} a month), costing "
             f"{_m(r['annual_financing_cost_uncertified_usd'])} a year. With certification (100% credit) no cash is tied up."]
    if r["art_2_5_duty_general_usd"] or r.get("art_2_5_duty_prosec_usd") is not None:
        lines.append(f"USMCA article 2.5: Mexican duty of {_m(r['art_2_5_duty_general_usd'])} on the non-originating inputs, waiver "
                     f"{_m(r['art_2_5_waiver_general_usd'])}, payable {_m(r['art_2_5_payable_usd'])}.")
    return lines


def _tco_text(r: dict[str, Any], lang: Lang) -> list[str]:
    off, near = r["offshore_total_usd"], r["nearshore_total_usd"]
    if lang == "es":
        who = "México ahorra" if r["savings_usd"] >= 0 else "México cuesta"
        lines = [f"Costo total de propiedad a {r['years']} años: Asia {_m(off)} frente a México {_m(near)}; {who} "
                 f"{_m(abs(r['savings_usd']))} ({_p(abs(r['savings_pct']))}).", "Por categoría (Asia / México):"]
    else:
        who = "nearshore saves" if r["savings_usd"] >= 0 else "nearshore costs"
        lines = [f"{r['years']}-year total cost of ownership: offshore {_m(off)} vs nearshore {_m(near)}; {who} "
                 f"{_m(abs(r['savings_usd']))} ({_p(abs(r['savings_pct']))}).", "By category (offshore / nearshore):"]
    for cat, value in r["offshore_by_category_usd"].items():
        other = r["nearshore_by_category_usd"][cat]
        if value or other:
            lines.append(f"- {cat.replace('_', ' ')}: {_m(value)} / {_m(other)}")
    return lines


def _transit_text(r: dict[str, Any], lang: Lang) -> list[str]:
    names = {"ocean_rail": ("ocean + rail", "marítimo + ferrocarril"), "ocean_truck": ("ocean + truck", "marítimo + camión"),
             "truck": ("truck", "camión"), "rail": ("rail", "ferrocarril"), "air": ("air", "aéreo")}
    idx = 0 if lang == "en" else 1
    others = ", ".join(f"{names[o['mode']][idx]} {_n(o['min_days'])}–{_n(o['max_days'])}" for o in r["options"] if o["mode"] != r["mode"])
    if lang == "es":
        line = (f"{r['origin']} → {r['destination']} por {names[r['mode']][idx]}: {_n(r['min_days'])}–{_n(r['max_days'])} días "
                "puerta a puerta (estimación de planeación, no una cotización).")
        return [line] + ([f"Otros modos: {others}."] if others else [])
    line = (f"{r['origin']} → {r['destination']} by {names[r['mode']][idx]}: {_n(r['min_days'])}–{_n(r['max_days'])} days door to door "
            "(a planning estimate, not a quote).")
    return [line] + ([f"Other modes: {others}."] if others else [])


def render_answer(decision: RouteDecision, result: dict | None) -> str:
    """The answer text: the result's headline figures, a short breakdown and its assumptions with sources —
    or, when inputs are missing (or there is no result), a question asking for exactly those, in the question's
    language."""
    if decision.missing or result is None:
        return _ask_for_missing(decision)
    lang = decision.lang
    body = {
        "mexico_labor_cost": lambda: _labor_text(result, lang),
        "usmca_rvc": lambda: _rvc_text(result, lang),
        "landed_cost_compare": lambda: _landed_text(result, lang),
        "immex_vat_cashflow": lambda: _vat_text(result, decision.args, lang),
        "tco_compare": lambda: _tco_text(result, lang),
        "transit_time": lambda: _transit_text(result, lang),
    }[decision.tool]()
    notes = result.get("notes") or []
    if notes:
        body += ["", ("Notes:" if lang == "en" else "Notas:"), *[f"- {n}" for n in notes]]
    return "\n".join([*body, "", *_assumption_lines(result, lang)])
