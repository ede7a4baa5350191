"""The arguments a question gives each calculator: one ``extract_*(folded, quantities, places)`` per tool.

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

import re
from typing import Any

from assistant.calculators.places import ASIAN_COUNTRIES, PlaceMatch
from assistant.calculators.rates import latest_exchange_rate
from assistant.intents.cues import (
    FREIGHT,
    LABOR_NOUN,
    LABOR_WAGE,
    UMA_COUNT,
    mx_city,
    price_origin_pairs,
)
from assistant.intents.quantities import Quantity, is_year, nearest_label, parse_number


# ------------------------------------------------------------------------------------------------- labor
def _exchange_rate_match(folded: str) -> re.Match[str] | None:
    """Where the question states an exchange rate ("18.5 pesos per dollar", "tipo de cambio de 17.2")."""
    return (re.search(r"(\d+(?:[.,]\d+)?)\s*(?:pesos|mxn)\s*(?:per|a|por|/|=|to the|al|each)\s*(?:us\s*)?(?:dollar|dolar|usd|\$)", folded)
            or re.search(r"(?:exchange rate|tipo de cambio|fx rate|fx)\s*(?:of|de|at|a|is|es|:|=)?\s*(?:de\s*)?(\d+(?:[.,]\d+)?)", folded))


def exchange_rate(folded: str) -> float | None:
    """The exchange rate (MXN per USD) the question states, if any."""
    fx = _exchange_rate_match(folded)
    return parse_number(fx.group(1), "en") if fx else None


def extract_labor(folded: str, quantities: list[Quantity], places: list[PlaceMatch]) -> dict[str, Any]:
    args: dict[str, Any] = {}
    m = (re.search(rf"(\d[\d,.]*)\s*(?:k\s)?(?:[a-z-]+\s){{0,3}}?(?:{LABOR_NOUN})\b", folded)
         or re.search(r"(?:headcount of|plantilla de) (\d[\d,]*)", folded))
    if m:
        args["headcount"] = int(parse_number(m.group(1), "en"))
    elif re.search(rf"\b(?:a|one|an|un|una|per|por|each|cada)\s+(?:[a-z-]+\s){{0,2}}?(?:{LABOR_NOUN})\b", folded):
        args["headcount"] = 1
    fx = _exchange_rate_match(folded)
    if fx:
        args["mxn_per_usd"] = parse_number(fx.group(1), "en")
    if re.search(r"minimum[- ]wage|salario minimo|the minimum\b|el minimo\b|sueldo minimo", folded):
        args["daily_wage_mxn"] = "minimum"
    else:  # an exchange rate ("18.5 pesos per dollar") is not a wage
        wage = wage_from(folded, [q for q in quantities if not (fx and q.start <= fx.start(1) < q.end)])
        if wage is not None:
            args["daily_wage_mxn"] = wage
    city = mx_city(places)
    if city is not None:
        args["state"], args["zone"] = city.state, city.zone
    else:
        state = next((p.place for p in places if p.place.kind == "state" and p.place.country == "MX"), None)
        if state is not None:
            args["state"] = state.name
    if re.search(r"border|frontera|zlfn", folded) and "zone" not in args:
        args["zone"] = "border"
    year = next((int(q.value) for q in quantities if is_year(q)), None)
    if year is not None:
        args["year"] = year
    service = (re.search(r"(\d+)\s*(?:years?|anos?)\s*(?:(?:of|de)\s*)?(?:service|seniority|antiguedad|tenure)", folded)
               or re.search(r"(?:antiguedad|seniority|tenure)\s*(?:of|de)\s*(\d+)", folded))
    if service:
        args["years_of_service"] = int(service.group(1))
    risk = re.search(r"(?:class|clase)\s*(v|iv|iii|ii|i|[1-5])\b", folded)
    if risk:
        args["work_risk_class"] = {"1": "I", "2": "II", "3": "III", "4": "IV", "5": "V"}.get(risk.group(1), risk.group(1).upper())
    hours = re.search(r"(\d+(?:[.,]\d+)?)[- ]?(?:hours?|hrs?|h|horas?)\s*(?:a |per |each |por |la |a la |work ?)?(?:week|semana|semanales)", folded)
    if hours:
        args["weekly_hours"] = parse_number(hours.group(1), "en")
    return args


def wage_from(folded: str, quantities: list[Quantity]) -> float | None:
    """The daily wage in MXN a question gives, converted from a month, week or hour."""
    for q in quantities:
        if q.percent or is_year(q) or q.currency == "usd" or re.match(UMA_COUNT, folded[q.end:]):
            continue
        before = folded[max(0, q.start - 40):q.start]
        if not (q.currency == "mxn" or re.search(LABOR_WAGE + r"\W+(?:\w+\W+){0,3}$", before)
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


# --------------------------------------------------------------------------------------------------- RVC
_RVC_ROLES = {
    "transaction_value": re.compile(r"transaction value|valor de transaccion|sells? for|sold for|sell (?:a |the |each |one )?(?:unit|it|them|units|piece|part) for|selling price|sale price|"
                                    r"\bprice\b|precio|se vende|vende(?:mos)? (?:en|a|por)|\bfob\b|invoice value|valor factura|"
                                    # "sells a pump to a US distributor for US$150 ex-works"
                                    r"\bsells? (?:[a-z$-]+ ){1,6}?for\b|\bvende(?:mos|n)? (?:\w+ ){1,6}?(?:en|por)\b|\bex[- ]?works\b|\bexw\b"),
    "net_cost": re.compile(r"net cost|costo neto"),
    "vnm": re.compile(r"non[- ]?originating|no originari\w*|\bvnm\b|imported|importad\w*|chinese|from china|de china|asian|"
                      r"from asia|de asia|foreign|extranjer\w*|non[- ](?:north american|usmca|regional)|no regional\w*"),
}


def extract_rvc(folded: str, quantities: list[Quantity], places: list[PlaceMatch]) -> dict[str, Any]:
    args: dict[str, Any] = {}
    for q in quantities:
        if is_year(q):
            continue
        if q.percent:
            if "threshold_pct" not in args and re.search(
                r"threshold|requirement|required|requires|need|umbral|requisito|minimo|at least|al menos|rule|regla|meet|cumplir|alcanzar",
                folded[max(0, q.start - 45):q.end + 45],
            ):
                args["threshold_pct"] = q.value
            continue
        role = nearest_label(folded, q, _RVC_ROLES)
        if role and role not in args:
            args[role] = q.value
    if re.search(r"net[- ]cost method|metodo de costo neto|por costo neto|using net cost|usando costo neto", folded) or (
        "net_cost" in args and "transaction_value" not in args
    ):
        args["method"] = "net_cost"
    return args


_BOTH_METHODS = re.compile(r"\b(?:both|each|either|ambos|cada|los dos)\b(?:\W+\w+){0,2}\W+(?:methods?|metodos?)\b|"
                           r"transaction[- ]value (?:method )?(?:and|or|vs\.?|versus) (?:the |under the )?net[- ]cost|"
                           r"net[- ]cost (?:method )?(?:and|or|vs\.?|versus) (?:the |under the )?transaction[- ]value|"
                           r"valor de transaccion (?:y|o) (?:por |con |el (?:metodo de )?)?costo neto|"
                           r"costo neto (?:y|o) (?:por |con |el (?:metodo de )?)?valor de transaccion")


def rvc_methods(folded: str, quantities: list[Quantity], places: list[PlaceMatch]) -> list[dict[str, Any]]:
    """The RVC calls a question asks for: one by each method when it gives both the transaction value and the net
    cost and asks for both ("… under the transaction value method and under the net cost method?"), else one."""
    args = extract_rvc(folded, quantities, places)
    if "transaction_value" in args and "net_cost" in args and _BOTH_METHODS.search(folded):
        return [{**args, "method": "transaction_value"}, {**args, "method": "net_cost"}]
    return [args]


# ------------------------------------------------------------------------------------- landed cost and TCO
def extract_scenarios(folded: str, quantities: list[Quantity], places: list[PlaceMatch]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Scenarios (name, origin, mode, unit price, per-shipment figures, duty layers) and shared figures."""
    pairs = price_origin_pairs(folded, quantities, places)
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
        if is_year(q):
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
            is_freight = q.currency == "usd" or FREIGHT.search(before[-30:])
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


def extract_landed(folded: str, quantities: list[Quantity], places: list[PlaceMatch]) -> dict[str, Any]:
    scenarios, shared = extract_scenarios(folded, quantities, places)
    return {"scenarios": scenarios, **shared}


_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
                 "nueve": 9, "diez": 10}


def extract_tco(folded: str, quantities: list[Quantity], places: list[PlaceMatch]) -> dict[str, Any]:
    scenarios, shared = extract_scenarios(folded, quantities, places)
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
        args["mx_wage_growth_pct"] = parse_number(growth.group(1), "en")
    return args


def _country(places: list[PlaceMatch], sc: dict[str, Any]) -> str | None:
    return next((p.place.country for p in places if p.place.name == sc.get("origin")), None)


# --------------------------------------------------------------------------------------------------- VAT
_VAT_ROLES = {
    "annual_temporary_imports_usd": re.compile(r"import\w*|temporar\w*|inputs|insumos|materials|materiales|materia prima|components|componentes"),
    "non_originating_inputs_usd": re.compile(r"non[- ]?originating|no originari\w*|from asia|asian|chinese|de asia|chin[ao]s?"),
    "us_duty_on_finished_goods_usd": re.compile(r"(?:us|u\.s\.|american|estadounidense|de ee\.? ?uu\.?|de eua|de estados unidos)\s*(?:duty|duties|tariffs?|arancel\w*)|"
                                                # ("2,000 dólares de arancel al entrar a EE.UU.", "duty on entering the US")
                                                r"(?:duty|duties|arancel\w*)\s*(?:paid\s*)?(?:(?:al|on|upon)\s+(?:entrar|ingresar|llegar|entering|entry)\s+)?"
                                                r"(?:in|en|a|into|to)?\s*(?:the\s*)?(?:us|u\.s\.|ee\.? ?uu\.?|eua|estados unidos)\b|"
                                                # "paga 2,000 dólares de arancel en EU" (Mexican usage: EU, Estados Unidos)
                                                r"(?:arancel\w*|impuestos?)\s+(?:\w+\s+)?(?:en|a|de)\s+(?:los\s+)?eu\b|"
                                                # "el producto terminado paga en Estados Unidos 4,500 dólares de arancel"
                                                r"\b(?:pag\w*|pays?|paid|owes?)\s+(?:\w+\s+){0,2}?(?:in|en)\s+(?:the\s+)?(?:us|u\.s\.|united states|ee\.? ?uu\.?|eua|estados unidos)\b"),
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
    clause = re.split(r"[\d,;.?]", folded[q.end:q.end + 70], maxsplit=1)[0]
    if re.search(r"\b(?:a|per|al|por|each|every|cada)\s(?:month|mes)\b|monthly|mensual", clause):
        return "month"
    if re.search(r"\b(?:a|per|al|por|each|every|cada)\s(?:year|ano)\b|annual|anual|yearly", clause):
        return "year"
    return None


def extract_vat(folded: str, quantities: list[Quantity], places: list[PlaceMatch]) -> dict[str, Any]:
    """The VAT calculator's inputs. Amounts in pesos are converted to US dollars at the exchange rate the question
    gives, else at the latest on file (which the spec's defaults then state)."""
    args: dict[str, Any] = {}
    fx = exchange_rate(folded)
    if fx is not None:
        args["mxn_per_usd"] = fx
    for q in quantities:
        if is_year(q):
            continue
        if q.percent:
            role = nearest_label(folded, q, _VAT_PCT)
            if role and role not in args:
                args[role] = q.value
            continue
        after = folded[q.end:q.end + 30]
        if re.match(r"\s*(?:months?|meses)\b", after):
            args.setdefault("months_to_recover", q.value)
            continue
        role = nearest_label(folded, q, _VAT_ROLES)
        if role is None and "annual_temporary_imports_usd" not in args and q.currency in ("usd", "mxn"):
            role = "annual_temporary_imports_usd"
        if role and role not in args:
            value = q.value * 12 if _period_after(folded, q) == "month" else q.value
            args[role] = value / (fx or latest_exchange_rate().value) if q.currency == "mxn" else value
    if "prosec_rate_pct" not in args and re.search(r"prosec\W+(?:\w+\W+){0,3}(?:zero|cero|free|exento|libre)", folded):
        args["prosec_rate_pct"] = 0.0
    return args
