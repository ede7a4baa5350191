"""Which calculator a question asks for: the wording cues of each intent and :func:`detect_tool`.

A question must ask to *compute* something and give something to compute with: "How long from Shanghai to
Chicago?" names a lane of the transit table; "$4.20 from Shenzhen vs $5.10 from Monterrey" pairs prices with
origins. Payroll vocabulary alone is not a labor-cost question, nor is "How long do drivers wait at Laredo?"
a transit one: those go to the knowledge base.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.calculators.places import Place, PlaceMatch
from assistant.calculators.transit import transit_places
from assistant.intents.quantities import Quantity, gap_cost, is_year

# how long something may stay somewhere is a legal period, not a transit time: "How long can it stay out of Mexico as
# a temporary export?", "¿cuánto tiempo pueden permanecer en México …?"
STAY = (r"\bhow long (?:can|may|could|do|are|is|will)\b[^?]{0,60}\b(?:stay|remain|be kept|be out|keep|leave|sit|be stored|"
        r"be held)\b|"
        r"\bcuanto tiempo (?:puede|pueden|podemos|se puede|se pueden)\b[^?]{0,60}\b(?:quedar|permanec|estar|mantener)\w*|"
        # … and how far ahead something is due is a deadline: "how long before the train reaches the border does the
        # manifest have to be at CBP?", "¿con cuánto tiempo de anticipación …?"
        r"\bhow (?:long|far|many (?:hours|days|minutes)) (?:before|ahead|in advance)\b|\bcuanto tiempo antes\b|"
        r"\b(?:cuanto tiempo|cuantas horas|cuantos dias) de anticipacion\b")
# … nor is waiting at a crossing ("How long are truck waits at Laredo on a peak day?"), nor how long a procedure
# takes ("¿cuánto tarda el trámite de la visa en el INM?", "how long does the padrón registration take?")
NOT_A_LANE = (r"\bwaits?\b|\bwaiting\b|\bdelays?\b|\bespera\w*|\btramite\w*|\bvisas?\b|\bpermits?\b|\bpermisos?\b|"
              r"\bregistration\b|\bregistr(?:ar\w*|o|amos)\b|\binscripcion\b|\bpadron\b|\bapprov\w*|\baprobacion\b|\bapplication\b|\bsolicitud\b|"
              r"\bcertification\b|\bcertificacion\b|"
              # … nor how long an authority takes to grant, answer or refund ("¿Cuánto tarda CONAGUA en otorgar una
              # concesión … en Querétaro?", "how long does SAT take to refund VAT in Monterrey?")
              r"\bconcesi\w*|\botorg\w*|\blicen[cs]\w*|\bauthoriz\w*|\bautoriza\w*|\bgrant\w*|\brespond\w*|"
              r"\brespuesta\b|\bresoluci\w*|\brefund\w*|\bdevol\w*|\brenew\w*|\brenova\w*|\baudit\w*|\binspecci\w*|"
              r"\bincorporat\w*|\bconstitu\w*")
TRANSIT_CUE = (r"how long|how many days|transit time|lead time|door[- ]to[- ]door|days? (?:does it|would it|will it) take|"
               r"cuanto (?:tarda|tiempo|demora|se tarda)|cuantos dias|tiempo de (?:transito|entrega|traslado)|dias de transito|"
               r"how fast|que tan rapido")
# Goods moving: with one end of a lane named, a transit question says how or what it ships ("How long does it take to
# ship to Chicago?"); "What's the lead time for industrial space in Monterrey?" is not about a lane.
MOVES = (r"\b(?:ship\w*|truck\w*|rail|train|ocean|sea|air|freight|container\w*|deliver\w*|transit|door|cargo|load|"
         r"camion\w*|tren|ferrocarril|barco|maritim\w*|aere\w*|envi[oa]\w*|flete|carga|contenedor\w*|tarda\w*|traslado)\b")
COMPARE_CUE = r"\bcompar\w*|\bversus\b|\bvs\b|\bfrente a\b"
TCO_NAME = r"\btco\b|total cost of ownership|costo total de (?:propiedad|posesion)"
TCO_CUE = (TCO_NAME + r"|(?:five|5|three|3|ten|10|seven|7)[- ](?:year|yr)\b|over (?:five|5|three|3|ten|10|\d+) years|"
           r"(?:a|en|durante) (?:cinco|5|tres|3|diez|10) anos")
RVC_CUE = (r"\brvc\b|regional value content|(?:valor de )?contenido regional|\bvcr\b|non[- ]?originating|no originari|"
           r"(?:usmca|t-?mec)\W+(?:\w+\W+){0,6}(?:qualif|califica|cumple|originating|originari)|"
           r"(?:qualif\w*|califica\w*|cumple\w*)\W+(?:\w+\W+){0,5}(?:usmca|t-?mec)")
VAT_CUE = (r"\bvat\b|\biva\b|value[- ]added tax|impuesto al valor agregado|(?:article|articulo|art\.?) ?2\.5|"
           r"duty deferral|drawback")
VAT_ASK = r"cash|tied|tie up|ties up|financ|flujo|inmoviliz|cost|costo|cuesta|how much|cuanto|calcul|estimat|exposure|exposicion|owe|pagar"
LANDED_CUE = (r"landed|costo puesto|costo (?:en|de) destino|costo de importacion|puesto en|cheaper|more expensive|"
              r"mas barat|mas car|compar|versus|\bvs\.?\b|frente a|contra|after tariffs|con aranceles|break[- ]even")
LABOR_NOUN = (r"workers?|employees?|operators?|operarios?|trabajador(?:es|as)?|empleados?|obreros?|headcount|plantilla|"
              r"personal|staff|people|personas|operador(?:es|as?)?|hires?|technicians?|tecnicos?|assemblers?|ensambladores?|"
              r"engineers?|ingenieros?|supervisors?|supervisores?|welders?|soldadores?|machinists?")
# Words that ask for a cost figure. Payroll vocabulary alone ("payroll", "cuotas") is not enough: "What
# integration factor should payroll use?" is a factual question for the knowledge base.
LABOR_COST = (r"\bcosts?\b|costo|costos|cuesta|cuestan|costaria|costarian|costar|burden|fully[- ](?:loaded|burdened)|"
              r"carga social|calculate|compute|estimate|calcula|estima|budget|presupuesto|\bsalen\b|saldrian?\b")
LABOR_WAGE = r"(?:salario|sueldo|wage|salary|paid|paying|earning|earns|gana|ganan|pagando|pagar)"
# "earning 400 pesos", "salario de 350" — not a year ("the minimum daily wage there for 2026")
# nor a count of UMA ("earning well over 4 UMA" is a band of the contribution tables, not a wage)
# (a band's two ends count UMA both: "between 3.01 and 3.50 UMA", "de 1.01 a 2 UMA")
UMA_COUNT = r"[\d.,]*(?:\s*(?:and|to|-|–|y|a|hasta)\s*[\d.,]+)?\s*(?:umas?|veces (?:la )?uma|times the uma)\b"
WAGE_GIVEN = LABOR_WAGE + r"\W+(?:\w+\W+){0,3}\$?(?!(?:19|20)\d\d\b)\d(?!" + UMA_COUNT + ")"
# what an employer pays on a wage, besides the wage: "the IMSS contribution", "cuotas del IMSS", "INFONAVIT"
LABOR_SHARE = r"\b(?:contributions?|imss|infonavit|cuotas?|aportacion(?:es)?|social security|seguro social|payroll tax)\b"
# One statutory item of the payroll, not its total: "How much per day goes to INFONAVIT …?", "¿Cuánto cuesta la cuota
# fija de enfermedades y maternidad?" — with no wage or headcount given, the rate tables in the knowledge base answer.
LABOR_PART = (r"\binfonavit\b|cuota fija|enfermedades y maternidad|sickness|maternity|fixed (?:quota|fee)|flat (?:\w+ )?"
              r"(?:charge|quota|fee)|cesantia|retirement|riesgo de trabajo|work[- ]risk|guarderias?|daycare|"
              r"\bsar\b|aguinaldo|prima vacacional|vacation premium|\bptu\b|profit[- ]sharing|payroll tax|"
              r"impuesto (?:estatal )?sobre (?:la )?nomina|\bisn\b")
PER_WORKER = rf"\b(?:per|each|a|por|cada) (?:{LABOR_NOUN}|head|persona)\b"
# What the labor-cost calculator does not compute: severance is the knowledge base's ("… cutting ~40 operators. why
# does that cost more severance …?"), nor the seniority premium owed on leaving ("Vamos a liquidar a un operador …
# ¿cuántos días por año se pagan de prima de antigüedad …?")
SEVERANCE = (r"severance|indemnizacion|liquidacion|liquidar\w*|finiquito|despid\w*|layoffs?|lay(?:ing)? off|"
             r"cutting (?:jobs|\w+ operators)|prima de antiguedad|seniority premium")
# … nor what staff cost besides their pay: travel, lodging, housing, visas ("cuánto cuesta el boleto para mandar a
# nuestros ingenieros cada mes?")
NOT_PAYROLL = (r"\b(?:flights?|airfare|plane tickets?|tickets?|hotels?|lodging|housing|apartments?|visas?|relocation|"
               r"vuelos?|boletos?|hospedaje|hoteles|vivienda|departamentos?|visas?|reubicacion|"
               # … nor is what a plant buys for the headcount: "una licencia de software de Anexo 24 para una maquila
               # de unos 300 empleados", "a lease for 200 workers", "uniforms for 80 operators"
               r"licen[cs]e?s?|licencias?|software|subscriptions?|suscripcion\w*|leases?|arrendamiento|rent|renta|"
               r"uniforms?|uniformes?|consultants?|consultor\w*|"
               # … nor how a workforce behaves: "¿Cuál es la tasa de rotación mensual de operadores en Juárez … para el
               # modelo de costos?" asks a market figure, not a payroll
               r"turnover|attrition|rotacion|absenteeism|ausentismo|absentismo)\b")
# A rate-table value asked in so many words, not what a payroll comes to: "… para unos 300 operadores … ¿Cuál es el
# salario mínimo diario de 2026 en la zona fronteriza donde está Tijuana?"
TABLE_VALUE_ASKED = (r"\b(?:what(?:'s| is| was| will be)|cual (?:es|era|sera)|de cuanto es)\b[^?]{0,30}?\b"
                     r"(?:(?:daily |legal )?minimum (?:daily )?wage|salario minimo|uma)\b")
# A statutory item's rate asked, not what it comes to: "We're a 200-person assembler … what state payroll tax rate
# should go into the 2026 budget?"
RATE_ASKED = r"\b(?:what|which|cual|que)\b(?:\W+\w+){0,5}?\W+(?:rate|percentage|tasa|porcentaje)\b"
# An explanation asked for, not a figure: "why does …?", "¿por qué …?" — unless it also asks to calculate
WHY = r"\bwhy\b|\bpor que\b"
EXPLICIT_COMPUTE = r"calculat|comput|estimat|calcul|estima|run the|work out"
ALL_IN = r"\btotal\b|all[- ]in|fully|burden|carga social|loaded|overall|todo incluido"
COMPUTE = r"how much|cuanto|calculat|comput|estimat|calcul|estima|what (?:would|will|does|is the)|figure|work out"
DEMONYMS = frozenset({"chinese", "vietnamese", "mexican", "mexicano"})  # the place aliases that name people's origin
FREIGHT = re.compile(r"freight|shipping|flete|envio|transport|ocean rate|trucking|acarreo")


@lru_cache(maxsize=1)
def lane_ends() -> frozenset[str]:
    """The places at either end of a lane in the transit table (read on the first transit-like question)."""
    return transit_places()


def mx_city(matches: list[PlaceMatch]) -> Place | None:
    """The first Mexican city named."""
    return next((m.place for m in matches if m.place.country == "MX" and m.place.kind == "city"), None)


def price_origin_pairs(folded: str, quantities: list[Quantity], places: list[PlaceMatch]) -> list[tuple[PlaceMatch, Quantity]]:
    """Each sourcing origin named with a unit price ("$4.20 per unit from Shenzhen", "Monterrey at $5.10")."""
    origins = [p for p in places if p.place.country != "US"]
    prices = [q for q in quantities
              if not q.percent and not is_year(q) and q.currency != "mxn" and q.per in (None, "unit")
              and not FREIGHT.search(folded[max(0, q.start - 25):q.start])
              and not (q.currency is None and re.match(r"\s*(?:units?|pieces?|pcs|parts?|piezas?|unidades?)\b", folded[q.end:]))
              and not re.match(r"[\s-]*(?:(?:ft|foot|feet|pies)\b|')", folded[q.end:])  # a "40ft box", a "40-foot container"
              and not re.match(r"\s*(?:years?|anos?|months?|meses|days?|dias?|weeks?|semanas?|hours?|horas?|workers?|"
                               r"trabajador\w*|empleados?)\b", folded[q.end:])]
    candidates = []
    for place in origins:
        for q in prices:
            if q.end <= place.start:
                cost = gap_cost(folded, q.end, place.start)
            elif q.start >= place.end:
                cost = gap_cost(folded, place.end, q.start)
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


def is_headcount(folded: str, quantity: Quantity) -> bool:
    """Whether a number counts people: "a 120-person line", "300 operators", "unos 50 trabajadores"."""
    return bool(re.match(rf"[\s-]*(?:\w+[\s-]+)?(?:{LABOR_NOUN}|persons?|heads?)\b", folded[quantity.end:]))


def detect_tool(folded: str, quantities: list[Quantity], places: list[PlaceMatch]) -> str | None:
    """The calculator a folded question asks for, or ``None`` when it asks for no computation."""
    if re.search(WHY, folded) and not re.search(EXPLICIT_COMPUTE, folded):
        return None
    money_like = [q for q in quantities if not q.percent and not is_year(q) and not re.match(UMA_COUNT, folded[q.end:])]
    # A transit question names an end of a lane in the transit table (a follow-up may borrow the other from
    # the history). "How long do drivers wait at Laredo?" names none and belongs to the knowledge base.
    ends = {p.place.name for p in places if p.place.name in lane_ends()}
    # a place a person is from is no end of a lane: "my Chinese engineers … how long does it take?"
    named = {p.place.name for p in places if folded[p.start:p.end] not in DEMONYMS}
    if (re.search(TRANSIT_CUE, folded) and ends and (len(named) >= 2 or re.search(MOVES, folded))
            and not re.search(VAT_CUE, folded) and not re.search(STAY, folded) and not re.search(NOT_A_LANE, folded)):
        return "transit_time"
    # "Compare trucking from Monterrey to Dallas with ocean from Shanghai to Los Angeles": two lanes and how they
    # ship, no price to compare — the lanes' transit times are what can be computed
    if (re.search(COMPARE_CUE, folded) and len(ends) >= 3 and re.search(MOVES, folded) and not money_like
            and not re.search(VAT_CUE, folded)):
        return "transit_time"
    pairs = price_origin_pairs(folded, quantities, places)
    if re.search(TCO_CUE, folded) and (pairs or (re.search(TCO_NAME, folded) and re.search(COMPUTE + "|" + LANDED_CUE, folded))):
        return "tco_compare"
    if len(pairs) >= 2 or (pairs and re.search(r"landed|costo puesto|costo de importacion", folded)):
        return "landed_cost_compare"
    if re.search(VAT_CUE, folded) and money_like and re.search(VAT_ASK, folded):
        return "immex_vat_cashflow"
    if re.search(RVC_CUE, folded) and money_like:
        return "usmca_rvc"
    if re.search(r"landed cost|costo puesto", folded) and re.search(COMPUTE, folded):
        return "landed_cost_compare"
    wage_given = re.search(WAGE_GIVEN, folded)
    labor_subject = re.search(rf"\b(?:{LABOR_NOUN})\b", folded) or wage_given
    if labor_subject and re.search(LABOR_COST, folded):
        # "How much does an entry-level operator cost per hour in Mexico?": the country, no state, no wage and no
        # headcount — the prevailing national figures in the knowledge base answer, not a state's payroll
        national = any(p.place.kind == "country" for p in places) and not any(p.place.kind != "country" for p in places)
        if national and not wage_given and not money_like:
            return None
        # (a headcount given for context is no wage: "Budgeting a 120-person line … what flat IMSS sickness charge per
        # worker per day …?"; "How much would INFONAVIT cost us for 120 workers?" asks for the headcount's total)
        if re.search(LABOR_PART, folded) and not re.search(ALL_IN, folded) and not wage_given \
                and (not money_like or (all(is_headcount(folded, q) for q in money_like)
                                        and re.search(PER_WORKER, folded))):
            return None
        if re.search(SEVERANCE, folded) or (re.search(NOT_PAYROLL, folded) and not wage_given):
            return None
        if (re.search(LABOR_PART, folded) and re.search(RATE_ASKED, folded) or re.search(TABLE_VALUE_ASKED, folded)) \
                and not wage_given and not re.search(ALL_IN, folded):
            return None
        return "mexico_labor_cost"
    # a wage given and an amount asked of what it costs the employer: "How much is the IMSS contribution for a worker
    # earning 400 pesos a day?"
    if money_like and wage_given and re.search(LABOR_SHARE, folded) \
            and re.search(r"how much|cuanto|what (?:is|are|would|will)|que (?:cuota|aportacion)", folded):
        return "mexico_labor_cost"
    return None
