"""Understand a question before answering it: what kind of answer it wants and what constrains it.

Pure and deterministic. The answer type ("amount", "rate", "date", "duration", "yes_no", "list",
"definition", "how_to", "why", "comparison", "other") decides which sentences can lead an answer; the
constraints (years, wage zone, places, tariff codes) decide which sentences contradict the question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.calculators.places import find_places
from assistant.text import fold, split_sentences

AnswerType = str

# "Is the 40-hour week law already in force?", "¿Ya está vigente …?": since when something applies
IN_FORCE = (r"\b(?:already|yet|ya)(?: (?:is|esta|estan))? (?:in force|in effect|effective|vigente|en vigor)\b|"
            r"\b(?:in force|in effect|vigente|en vigor) (?:yet|already|ya)\b")

# What "minimum" or "mínimos" qualifies when a list of rules is asked for, not a figure ("the minimum security criteria")
_RULE_NOUNS = (r"(?:criteria|requirements|standards|elements|conditions|obligations|documents|data|"
               r"criterios|requisitos|elementos|condiciones|obligaciones|documentos|datos)\b")

# Order matters: the first pattern that matches the folded question wins.
_TYPES: tuple[tuple[AnswerType, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx)) for name, rx in (
        # "What is a tariff shift?": a term asked to be explained, whatever words it is made of ("tariff", "fee")
        ("definition", r"^(?:what(?:'s| is| are) an? |que (?:es|son) (?:un|una) )(?!.*\b(?:fee|fees|cost|costs|price|rate|per|"
                       r"cuota|costo|precio|tasa|por)\b)[\w -]{1,60}\??$"),
        # "¿Es cierto que también tenemos que cubrir la cuota obrera?": whether something holds, whatever figure word
        # it names (Spanish only: "Is it true that IMMEX lets us bring machines in duty-free?" is better read by the
        # duty it names — measured, typed yes/no it lost the duty sentence)
        ("yes_no", r"^(?:es (?:cierto|verdad)|sera (?:cierto|verdad)) que\b"),
        # "… we don't pay any Mexican import duty on the machines, right?", "… no pagamos IVA, ¿verdad?": a statement
        # put to be confirmed
        ("yes_no", r"[,;]\s*¿?(?:right|correct|true|is that right|is that correct|verdad|cierto|no es asi|correcto)$"),
        # "What is the net cost method?": a named method, rule or program is explained, whatever words name it ("cost"),
        # unless a figure is asked of it ("What is the fee under the shelter model?")
        ("definition", r"^(?!.*\b(?:fee|fees|price|prices|rate|rates|percentage|amount|per|cuota|precio|tasa|monto|por)\b)"
                       r"(?:what(?:'s| is| are) (?:an? |the )?[\w -]{1,40}\b(?:method|rule|program|programme|regime|"
                       r"provision|test|system|model|scheme|modality|procedure)s?|que (?:es|son) (?:el|la|los|las|un|una) "
                       r"(?:metodo|regla|programa|regimen|sistema|modelo|esquema|modalidad|procedimiento)s?\b[\w -]{0,40})\??$"),
        # "How long does it take in a shelter compared with our own IMMEX?", "How long can that run for a line technician
        # compared with a department manager?": a span of time asked, for each side
        ("duration", r"\bhow long (?:does|do|did|would|will|could|can|may|might) (?:it|that|they|this|those|(?:an?|the) "
                     r"[\w-]+) (?:take|last|run|stay|remain)\b|"
                     r"\bcuanto (?:tiempo )?(?:se )?(?:puede |pueden )?(?:tarda|dura|permanec)\w*\b"),
        ("comparison", r"\b(?:compare|comparison|compared|versus|vs\.?|or (?:its|our|their|a|an) own|better than|cheaper than|"
                       r"difference between|differ|frente a|comparad\w*|diferencia entre|mejor que|o (?:su|nuestro|nuestra) propi\w*)\b"),
        # "what employer cesantía rate should we budget for 2027?": a figure asked, not whether to do something
        ("rate", r"(?:^|[,;:] )(?:what|which)\b[^?]{0,80}(?:\b(?:rate|percent\w*|share)\b|%)[^?]{0,30}\bshould (?:we|i)\b"),
        ("amount", r"(?:^|[,;:] )(?:what|which|how much)\b[^?]{0,80}\b(?:amount|figure|wage|salary|fee|cost|budget|"
                   r"charge|contribution|quota|premium|payment|number)s?\b"
                   r"[^?]{0,30}\bshould (?:we|i)\b"),
        ("why", r"^(?:why|por que|porque)\b|\b(?:should (?:we|i|a|an|our|my|the)|does it make sense|make sense|worth it|"
                r"(?:dis)?advantages?|drawbacks?|downsides?|cons|risks of|"
                r"benefits? (?:of|for (?:us|me|our|my|a|an)|to (?:us|me))|benefit from|what (?:are the )?benefits|"
                r"pros and cons|conviene|vale la pena|(?:des)?ventajas?|inconvenientes|beneficios (?:de|para|tiene|dan|ofrece)|"
                r"tiene sentido|deberia(?:mos)?)\b"),
        ("how_to", r"^(?:how (?:do|does|is|are|can|should|to)|como (?:se|puedo|podemos|hago|hacemos|funciona)|what (?:are the )?steps|pasos|"
                   # "what do we need to set up so our trucks can use the FAST lane?": what it takes
                   r"what (?:do|does|would) (?:we|i|you|a company|an? \w+) (?:need|have) to|que (?:necesit|requier)\w*|"
                   r"what (?:is|are) (?:the )?requirements?)\b"),
        ("duration", r"\bhow (?:long|quickly|soon|fast)\b|\bhow (?:far|early|much time) (?:ahead|in advance|before)\b|"
                     r"\bcon cuant[oa] (?:tiempo de )?anticipacion\b|\bcuanto tiempo\b|\bcuanto (?:se )?(?:tarda|dura)\w*\b|\bplazo\b|\b(?:for |within )?how many (?:business |working |calendar )?(?:months|days|"
                     r"years|weeks|hours)\b|\bcuantos (?:meses|dias|anos|semanas)\b|\bque tan (?:rapido|pronto)\b|"
                     # "What's the term of the VAT certification?", "What is the retention period for pedimentos?"
                     r"^what(?:'s| is| are) the (?:\w+ )?(?:term|validity|period)s? (?:of|for)\b|"
                     r"^(?:cual|que) es (?:el|la) (?:plazo|vigencia|periodo)\b|"
                     # "What's the longest period it can cover?", "¿cuál es el plazo máximo …?": a span of time's bound
                     r"\b(?:longest|maximum|max|shortest|minimum) (?:period|term|stay|duration|time|window)\b|"
                     r"\b(?:plazo|periodo|tiempo|estancia|vigencia) (?:maxim|minim)[oa]\b|"
                     r"\b(?:maxim|minim)[oa] (?:plazo|periodo|tiempo)\b|"
                     # "How much maternity leave …?", "how much notice …?": time off or ahead is a span, not a sum
                     # (not "how much vacation premium …": a share of pay); "what's the longest it can run?"
                     r"\bhow much (?:\w+ )?(?:leave|vacations?|time off|notice)\b(?! (?:premium|pay|bonus))|"
                     r"\bcuant[oa] (?:\w+ )?(?:descanso|permiso|licencia|aviso|preaviso)\b|"
                     r"^what(?:'s| is) the (?:longest|shortest)\b(?! (?:\w+ )?(?:route|distance|list))"),
        ("yes_no", r"^(?:if|once|when|since|si|cuando)\b[^,?]{3,120}, ¿?(?:do|does|is|are|can|must|will|would|should|"
                   r"hay|puedo|puede|podemos|debo|debemos|es|son|tenemos que|se (?:paga|pagan|cobra|cobran|aplica|aplican)|"
                   r"pagamos|paga|pagan|aplica|aplican)\b(?! (?:\w+ )?(?:how|cuanto))"),
        ("date", r"^(?:(?:since|from|starting|as of|until|till) when|(?:desde|a partir de|hasta) cuando|when|cuando)\b|\b(?:what|which|in what|en que|que) (?:year|ano)\b|"
                 r"[,;:] ¿?(?:when|cuando) (?:would|will|does|do|is|are|can|did|must|should|se|hay|"
                 r"vence|debe\w*)\b|" + IN_FORCE + r"|\bby when\b|\bwhat date\b|\bdeadline\b|\bdue date\b|\bfecha\b|\bpara cuando\b|"
                 r"\b(?:by |on )?what day\b|\b(?:hasta |para )?(?:que|cual) dia\b"),
        # "… what happens to the Section 301 duty?": a consequence is asked, not a rate ("the duty no longer applies")
        ("other", r"\bwhat happens (?:to|with|if|when)\b|\bque (?:pasa|sucede|ocurre) (?:con|si|cuando)\b"),
        # "Is our broker on the hook if our duties are underpaid?": a yes/no question whose tax word is in its condition
        ("yes_no", r"^(?:is|are|do|does|can|must|will|would|could|has|have)\b(?:(?!\b(?:rate|percent\w*|share|duty|duties|"
                   r"tariffs?|tax\w*)\b)[^?])*? (?:if|when|once|unless)\b"),
        # "Do USMCA goods pay the Section 232 steel tariff?": whether a duty applies, not its rate
        ("yes_no", r"^(?:do|does|did|will|would|must|can|could) (?!.*\b(?:how much|what|which|cuanto)\b)[^?]{0,60}\b"
                   r"(?:pay|owe|get hit with|get charged|incur|attract|face|still pay|avoid|escape|exempt)\b"),
        # "Are USMCA steel parts exempt from the Section 232 tariff?": whether it applies, not its rate
        ("yes_no", r"^(?:is|are|was|were|esta|estan|es|son) (?!.*\b(?:how much|what|which|cuanto)\b)[^?]{0,80}\b"
                   r"(?:exempt|subject to|liable|exent[oa]s?|sujet[oa]s? a)\b"),
        # "¿La maquinaria que importamos temporalmente paga arancel?", "¿Paga IVA la importación temporal?": Spanish
        # asks whether a tax applies by intonation alone
        ("yes_no", r"^¿?(?!.*\b(?:cuant[oa]s?|cual\w*|como|donde|cuando|que (?:tasa|porcentaje|monto|cantidad|arancel|"
                   r"impuesto))\b)(?:(?:el|la|los|las|un|una|nuestr[oa]s?|mis?|esta|este|estos|estas)\b[^?]{0,80}\b)?(?:pagan?|"
                   r"causan?|generan?|aplican?|llevan?|estan? (?:exent|sujet|grava)\w*)\b"),
        # "… ¿eso puede ser causa de cancelación?", "¿Ese rato cuenta como tiempo trabajado?": a pronoun subject, then
        # whether it may, counts, is or must
        ("yes_no", r"^¿?(?!.*\b(?:cuant[oa]s?|cual\w*)\b)(?:eso|esto|ello|esa|ese|esta|este|esos|esas|estos|estas)\b"
                   r"(?: \w+){0,2}? (?:se )?(?:puede|pueden|cuenta|cuentan|afecta|afectan|considera|consideran|tiene|tienen|"
                   r"es|son|aplica|aplican|causa|genera|implica|debe|deben)\b"),
        # "Can we still get the duty back?": whether we may do something, whatever tax it is about
        ("yes_no", r"^(?:can|could|may|must) (?:we|i|you|they)\b(?!.*\b(?:how much|what|which|cuanto)\b)"),
        # "Can an unassembled kit … be classified under the heading for the finished machine in the US tariff?": whether
        # something may be done to it, in the passive — not a rate because a tariff is named
        ("yes_no", r"^(?:can|could|may|must|should|will|would) (?!.*\b(?:how much|what|which|cuanto)\b)[^?]{0,100}\b"
                   r"(?:be|get) (?:classified|treated|counted|considered|declared|imported|exported|used|included|entered)\b"),
        # ("what's the typical annual operator turnover % in Juárez?": a "%" after no figure asks one)
        ("rate", r"\b(?:rate|ratio|percent(?:age)?|share|tasa|porcentaje|duty|duties|tariffs?|arancel\w*|tax|impuesto)\b|"
                 r"(?<![\d.,])\s?%"),
        ("amount", r"\bhow (?:much|many|high|low|far)\b|\bcuant[oa]s?\b|\b(?:minimum wage|salario minimo|sueldo minimo|uma|fee|fees|"
                   r"cost|costs|price|amount|threshold|cap|caps|capped|ceiling|cuota|monto|costo|precio|tope|umbral|"
                   # "what was average industrial rent in Querétaro in Feb 2022?": a figure
                   r"average|averages|median|promedio|rent|rents|renta|rentas|"
                   # "¿Qué distancia hay de Monterrey a Laredo?": how far, in Spanish
                   r"(?:que|cual es la|a que) distancia|"
                   # a minimum figure, not "the minimum security criteria" or "los requisitos mínimos" (a list of rules)
                   r"(?:maximum|minimum|max|min|minimo|maximo)(?! (?:[a-z]+ )?" + _RULE_NOUNS + r")|"
                   r"(?:the|a|what|which|la|una|que) (?:[a-z]+ )?(?:fine|multa)(?! print)|fines|multas|"
                   # "What basic severance does the law require?": a payment owed is an amount
                   r"(?:what|which|que|cual) (?:\w+ )?(?:severance|indemnity|compensation|payout|indemnizacion|liquidacion)|"
                   r"(?:a partir|hasta|por debajo|por encima) de (?:que|cual) (?:valor|monto|cantidad|importe|nivel|limite)|"
                   # "Up to what level do vouchers stay out of the SBC?", "below what value …?": a limit's figure
                   r"(?:up to|below|above|under|over|beyond) (?:\w+ )?what (?:\w+ )?(?:level|limit|amount|value|sum|point)|"
                   # "What does a shelter charge per worker?": a price asked with the verb
                   r"(?:what|how much) (?:do|does|did|would|will|should|could) [^?]{0,50}\bcharge|"
                   r"(?:que|cuanto) (?:cobra|cobran|cobraria|cobrarian)\w*)\b"),
        ("yes_no", r"^(?:is|are|do|does|can|must|will|has|have|hay|puedo|puede|debo|es|son|existe)\b"),
        ("list", r"\b(?:which|what are the|list|cuales son|que (?:documentos|requisitos|tipos|clases))\b|"
                 r"\bwhat (?:kinds?|types?|sorts?) of\b|"
                 # "¿Qué modalidades existen?", "what programs are there?": the things there are, named in the plural
                 r"\b(?:que|cuales) [a-z]+(?:s|es)(?: del? [a-z]+)? (?:existen|hay)\b|\bwhat [a-z]+s (?:are there|exist)\b"),
        ("definition", r"^(?:what(?:'s| is| are) (?:an? |the )?[\w -]{1,40}\??$|que (?:es|son|significa)|define|explain|"
                       r"tell me about|explica|what does .* mean)"),
    )
)

YEAR = re.compile(r"\b(20[0-4]\d)\b")
# a Mexican standard's name ends in its year: "NOM-004-SE-2021" is no constraint that the answer be about 2021
_STANDARD_NAME = re.compile(r"\bnom-\d{3}-[a-z0-9/]+-(?:19|20)\d\d\b", re.IGNORECASE)


def without_standard_names(text: str) -> str:
    """The text without the standards' names it holds ("NOM-004-SE-2021 governs …" → " governs …")."""
    return _STANDARD_NAME.sub(" ", text)


def years_in(text: str) -> list[str]:
    """The years a text names, not counting the year in a standard's name ("NOM-004-SE-2021")."""
    return YEAR.findall(without_standard_names(text))


# "When did … come into force?", "What was the deadline …?", "¿cuándo entró en vigor …?": asked about the past
ASKS_PAST = re.compile(r"\b(?:did|was|were|had)\b|\b(?:cuando|que dia|en que fecha) (?:entro|fue|se publico|termino|"
                       r"vencio|empezo|inicio)\b")
_FY = re.compile(r"\bfy ?'?([2-4]\d)\b")  # "FY25", "FY 26": a US fiscal year
_BORDER = re.compile(r"\b(?:border|frontera|fronteriza|zlfn|northern border|frontera norte)\b")
_GENERAL = re.compile(r"\b(?:general[- ]zone|zona general|rest of the country|resto del pais|interior)\b")
# "outside the border zone", "fuera de la frontera norte", "non-border": the general zone, not the border one.
_NOT_BORDER = re.compile(r"\b(?:outside|beyond|away from|not (?:in|on|at|near)|fuera de|lejos de|no (?:en|esta en)|non)"
                         r"[ -](?:(?:the|la|el|of the) )?(?:northern |mexican )?(?:border|frontera)\b")

# a year dating what the question starts from: "after the July 2026 review", "desde la reforma de 2019"
_EVENT_YEAR = re.compile(r"\b(?:after|since|following|despues de|desde|tras)\s+(?:the |la |el |las |los )?"
                         r"(?:[a-z]+ ){0,2}?(?:de |of )?(20[0-4]\d)\b")
# "the April 2026 Section 232 proclamation", "la reforma de 2019": a year dating the instrument named after it
_INSTRUMENT_YEAR = re.compile(r"\b(20[0-4]\d)\s+(?:[\w-]+\s+){0,3}?(?:proclamation|decree|reform|review|amendment|executive "
                              r"order|rule|law)s?\b|\b(?:proclama|decreto|reforma|revision|ley)\w* (?:de |del )?(?:[a-z]+ )?"
                              r"(?:de |del )?(20[0-4]\d)\b")
_UNTIL = re.compile(r"\b(?:until when|till when|through when|hasta cuando|expires?|runs? out|vence\w*)\b")
TARIFF_CODE = re.compile(r"\b\d{4}\.\d{2}(?:\.\d{2,4})?\b")
# "What fine can customs impose …", "Which electricity tariff do …", "¿Qué porcentaje …": the thing asked for.
_FOCUS = re.compile(r"^(?:what|which|que|cual(?:es)?)((?: [a-z][a-z-]+){1,2})")
_NOT_FOCUS = frozenset("""can could do does did is are was were will would should must may might has have had we i you they
it our my your their its the a an of for in on to if and or about with when how this that these those
puede pueden debe deben hay se es son tiene tienen de del para por en con que si nuestra nuestro mi""".split())


@dataclass(frozen=True)
class Question:
    """What a question asks for, and what any answer to it must agree with."""

    text: str
    folded: str
    answer_type: AnswerType
    years: tuple[int, ...] = ()
    zone: str | None = None  # "border" | "general", from a place or an explicit mention
    places: tuple[str, ...] = ()
    entities: tuple[str, ...] = field(default=())  # tariff codes ("8471.30") an answer must be about
    focus: tuple[str, ...] = ()  # the words naming what is asked for ("fine" in "What fine can customs impose?")

    @property
    def wants_figure(self) -> bool:
        return self.answer_type in ("amount", "rate", "date", "duration")

    @property
    def wants_reasons(self) -> bool:
        return self.answer_type in ("why", "comparison")

    @property
    def asks_consequence(self) -> bool:
        """"What happens if we exceed the 18 months?", "¿Qué pasa si no exportamos a tiempo?": what follows."""
        return self.answer_type == "other" and bool(_CONSEQUENCE.search(self.folded))


_CONSEQUENCE = re.compile(r"\bwhat happens (?:to|with|if|when)\b|\bwhat (?:are )?the consequences?\b|"
                          r"\bque (?:pasa|sucede|ocurre) (?:con|si|cuando)\b|\b(?:cuales son )?las consecuencias\b")


def answer_type(folded: str) -> AnswerType:
    """The answer type of a folded question; a question after a sentence of context ("My customs broker keeps
    mentioning a pedimento. What is it?") is typed by its asking sentence when the whole says nothing."""
    found = _type_of(folded)
    asking = asking_sentence(folded)
    if asking is not None and (found == "other" or _type_of(asking) == "yes_no"):
        # (a yes/no asking sentence after context: "… some lines don't qualify. Does the whole entry pay the MPF?")
        return _type_of(asking)
    if found == "comparison":
        # a comparison named only in the context: "For the China vs Mexico TCO model, what carrying cost percentage
        # do people default to?" asks for a figure
        clause = _ASKING_CLAUSE.search(asking or folded)
        if clause is not None and _type_of(clause.group(1)) not in ("comparison", "other"):
            return _type_of(clause.group(1))
    return found


# the question asked after a clause of context: "For the China vs Mexico model, what … ?" (not "…, which is
# cheaper?": which of the two compared)
_ASKING_CLAUSE = re.compile(r"^[^?]*?, ¿?((?:what|how|when|where|who|que|cuanto|como|cuando|donde|quien)\b"
                            r"[^,]*)$")


_BRACKETS = re.compile(r"\s*\([^()]*\)")


def without_brackets(text: str) -> str:
    """The text without what it says in brackets: a gloss ("what's a virtual transfer (pedimento virtual) …?") says
    nothing of the question's type or subject."""
    return _BRACKETS.sub("", text)


def _type_of(folded: str) -> AnswerType:
    text = without_brackets(folded).strip(" ¿¡?!.\"'")
    for name, pattern in _TYPES:
        if pattern.search(text):
            return name
    return "other"


# a sentence boundary: a full stop, "!" or "?" after a word of two letters or more (not "U.S.C." or "EE. UU."), then
# the next sentence
_BOUNDARY = re.compile(r"(?<=[a-z0-9)]{2}[.!?])\s+(?=[¿¡]?[a-z])")


# an asking sentence whose subject is its context ("Does that break USMCA origin?", "How long can it stay?", "¿Eso
# aplica?"): its meaning is the context's
_POINTS_BACK = re.compile(r"^¿?(?:(?:what|how|when|where|why|which|que|como|cuando)(?: \w+)? )?(?:does|do|did|is|are|was|"
                          r"were|can|could|will|would|should|must) (?:that|it|this|these|those|they)\b|^¿?(?:eso|esto|ello)\b")


def asking_text(q: Question) -> str | None:
    """The sentence that asks, in the visitor's words, when context comes before it and it means something on its own
    (not "Does that break USMCA origin?"): what a sentence's meaning is also weighed by
    (:mod:`assistant.answer.meaning`)."""
    asking = asking_sentence(q.folded)
    if asking is None or _POINTS_BACK.search(asking):
        return None
    start = q.folded.rfind(asking)  # (the asking sentence need not be the last: "… budget? Our deck says 3%.")
    return q.text[start:start + len(asking)] if len(q.text) == len(q.folded) and start >= 0 else asking


def asking_part(text: str) -> str:
    """The sentences of ``text`` that ask, when others before them only tell the visitor's situation: "We ship small
    DTC orders to US consumers. When does de minimis end?" asks nothing about DTC."""
    parts = split_sentences(text)
    asking = [p for p in parts if "?" in p]
    return " ".join(asking) if asking and len(asking) < len(parts) else text


def asking_sentence(folded: str) -> str | None:
    """The last sentence that asks ("… a pedimento. what is it?" → "what is it?"), when context comes before it."""
    parts = [p for p in _BOUNDARY.split(folded.strip()) if p.strip()]
    asking = [p for p in parts if "?" in p]
    return asking[-1] if len(parts) > 1 and asking and asking[-1] != parts[0] else None


def focus_words(folded: str) -> tuple[str, ...]:
    """The one or two words right after "what"/"which"/"qué"/"cuál" that name what is asked for (none for "what is
    …?", whose subject is the whole question)."""
    found = _FOCUS.search(folded.strip(" ¿¡?!.\"'"))
    if found is None:
        return ()
    words = []
    for word in found.group(1).split():
        if word in _NOT_FOCUS:
            break
        words.append(word)
    return tuple(words)


def analyze(question: str) -> Question:
    """The answer type and constraints of ``question`` (English or Spanish)."""
    folded = fold(question)
    matches = find_places(folded)
    zones = {m.place.zone for m in matches if m.place.zone}
    zone = None  # a named place decides the zone; words like "border" only when no place is named
    if len(zones) == 1:
        zone = next(iter(zones))
    elif not zones and _NOT_BORDER.search(folded):
        zone = "general"
    elif not zones and _BORDER.search(folded):
        zone = "border"
    elif not zones and _GENERAL.search(folded):
        zone = "general"
    kind = answer_type(folded)
    years = {int(y) for y in years_in(folded)} | {2000 + int(y) for y in _FY.findall(folded)}
    if kind == "date" or _UNTIL.search(folded):  # "after the July 2026 review, when does USMCA run out?", "Annex III
        # of the April 2026 proclamation: what rate, and until when?": that year dates an event, the answer is another
        years -= {int(y) for y in _EVENT_YEAR.findall(folded)} | {int(a or b) for a, b in _INSTRUMENT_YEAR.findall(folded)}
    return Question(
        text=question,
        folded=folded,
        answer_type=kind,
        years=tuple(sorted(years)),
        zone=zone,
        places=tuple(dict.fromkeys(m.place.name for m in matches)),
        entities=tuple(dict.fromkeys(TARIFF_CODE.findall(question))),
        focus=focus_words(folded),
    )
