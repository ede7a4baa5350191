"""How well one sentence fits a question, apart from the words they share: the answer type the question wants (a
figure, a period, a date, a definition, reasons) and the constraints it sets (year, wage zone, tariff line, goods,
program, levy). Pure functions over the sentence text; the composer (:mod:`assistant.answer.extractive`) adds them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.answer.bounds import bound_fit, unit_fit
from assistant.answer.contracts import contract_fit
from assistant.answer.levies import levy_fit
from assistant.answer.named_figures import named_figures_fit
from assistant.answer.permission import permission_fit
from assistant.answer.month_fit import month_fit
from assistant.answer.place_fit import place_fit, side_fit
from assistant.answer.programs import program_fit
from assistant.answer.schedule_fit import schedule_fit
from assistant.answer.question import (ASKS_PAST, IN_FORCE, TARIFF_CODE, YEAR, Question, without_brackets,
                                       without_standard_names, years_in)
from assistant.answer.topics import BORDER_WORDS, BORDER_ZONE_WORDS, GENERAL_WORDS, goods, references, without_dates
from assistant.text import fold

HAS_NUMBER = re.compile(r"\d")
_MONEY_OR_PCT = re.compile(r"(?:MXN|USD|US\$|\$|pesos|dollars)\s?\d|\d\s?(?:%|percent|por ciento)|\d[\d,.]*\s?(?:MXN|USD)")
_DEFINES = re.compile(r"^[\w ()/,.-]{2,130}? (?:is|are|means|refers to|es|son|significa|se refiere a) "
                      r"(?:a|an|the|un|una|el|la|los|las|something|anything|any|whatever|todo|cualquier)\b",
                      re.IGNORECASE)
_REASON_SECTION = re.compile(r"\bwhy\b|makes sense|when (?:to|a|an|should)|\bvs\.?\b|versus|compar|pros|cons|advantage|"
                             r"trade-?off|benefit|which (?:model|option)|fits?\b|choos|por que|conviene|ventaja|cuando|elegir",
                             re.IGNORECASE)
# A span of time ("within 30 calendar days", "18 months", "30 días naturales"), a date ("by 31 May"): what is asked.
_DURATION = re.compile(r"\b(?:(?:\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|"
                       r"fifteen|thirty|forty|fifty|sixty|eighty|ninety|eighteen|twenty|hundred|un|una|dos|tres|cuatro|cinco|"
                       r"seis|siete|ocho|nueve|diez|once|doce|catorce|quince|dieciocho|veinte|treinta|cuarenta|cincuenta|"
                       r"sesenta|ochenta|noventa)"
                       r"(?:\s?(?:to|-|–|a|o)\s?\d+)?[ -](?:business |calendar |working |h[aá]biles |naturales )?"
                       r"(?:days?|months?|years?|weeks?|hours?|minutes?|d[ií]as?|mes(?:es)?|años?|semanas?|horas?|minutos?)|"
                       r"media hora|half an hour|half-hour)\b", re.IGNORECASE)
# "for the life of the program", "por la vigencia del programa": a span of time with no number in it
_OPEN_ENDED = re.compile(r"\b(?:for )?the (?:life|term|duration|validity) of the (?:\w+ )?(?:program|programme|authori[sz]ation|"
                         r"permit)\b|\b(?:durante|por) (?:toda )?la vigencia del (?:\w+ )?programa\b", re.IGNORECASE)
MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|enero|febrero|marzo|"
          r"abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)")
# a day of a month ("1 May 2023", "May 31", "31 de marzo", "the last business day of May", "by the end of June"), not a
# month alone ("the fiscal year runs from January to December")
_DATE = re.compile(rf"\b\d{{1,2}} (?:de )?{MONTH}\b|\b{MONTH} \d{{1,2}}\b|\b(?:day|end|middle|mid|fin|final) (?:of|de) "
                   rf"(?:the month of |el mes de )?{MONTH}\b|\bby {MONTH}\b|\b(?:day|d[ií]a) \d{{1,2}}\b|"
                   rf"\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b|\b\d{{1,2}}(?:st|nd|rd|th) (?:day|of)\b")

# the end of a span ("stays at 3.75% … through 30 April 2030", "vigente hasta el 31 de diciembre"): it says how long
UNTIL_DATE = re.compile(rf"\b(?:through|until|till|to|ends? on|expires? on|hasta(?: el)?|al|vence el)\s+(?:the\s+)?"
                        rf"(?:\d{{1,2}}\s+(?:de\s+)?{MONTH}|{MONTH}\s+\d{{1,2}})\b", re.IGNORECASE)
_RELATIVE_PERIOD = re.compile(rf"\b(?:within|no later than|dentro de(?: los)?|a m[aá]s tardar)\b[^.;]{{0,24}}?(?:{_DURATION.pattern})|"
                              rf"(?:{_DURATION.pattern})\s+(?:after|before|from|following|of (?:the|its|receiving)|"
                              rf"siguientes|despu[eé]s|antes|contad[oa]s|a partir)", re.IGNORECASE)
# "paid at double the rate", "el doble": a multiple is a figure a "how much" question asks for (not "double taxation")
_MULTIPLE = re.compile(r"\b(?:double|triple|twice|three times|doble)\b(?![ -](?:tax|imposici|tributaci))", re.I)
# "eight fixed mandatory rest days", "three months of salary", "tres meses": a count in words is a figure too
_COUNT_WORD = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|sixty|ninety|"
                         r"dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|doce|quince|veinte|treinta|sesenta|noventa)"
                         r"(?: [a-z-]+){0,3}? (?:days?|months?|years?|weeks?|hours?|times|d[ií]as|meses|a[nñ]os|semanas|"
                         r"horas|veces)\b", re.IGNORECASE)
# "five modalities", "three types of entry", "cuatro modalidades": a sentence that says how many kinds there are
COUNTS_KINDS = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|dos|tres|cuatro|cinco|seis|siete|ocho|"
                           r"nueve|diez|\d) (?:main |basic |principales )?(?:types|kinds|categories|modalities|options|"
                           r"classes|forms|tipos|clases|categorias|categorías|modalidades|opciones|formas)\b",
                           re.IGNORECASE)
# "How many IMMEX plants …?", "¿cuántos trabajadores …?": a count answers, not a share ("17.7% of IMMEX establishments")
# nor a sum of money
_ASKS_COUNT = re.compile(r"\bhow many\b|\bcuant[oa]s\b")
# … of a measure: "1.2 million TEU", "500 toneladas" (a number of them)
_COUNTED = re.compile(r"\d[\d,.]*\s*(?:million |thousand |billion |millones de |mil )?(?:teus?|feus?|containers?|contened"
                      r"ores|tons?|tonnes|toneladas|kwh|mwh)\b", re.IGNORECASE)
_MONEY = re.compile(r"(?:MXN|USD|US\$|\$|€)\s?\d[\d,.]*(?:\s?(?:million|billion|thousand))?|"
                    r"\d[\d,.]*\s?(?:MXN|USD|pesos|dollars|d[oó]lares)\b", re.IGNORECASE)
_COUNT = re.compile(r"(?<![\d.,])\d[\d,.]*(?<![.,])(?!\s?(?:%|percent|per cent|por ciento)|[\d.,])")
# "We hold no reliable, dated electricity price for 2026", "no reliable published market range for shelter fees was
# found", "What replaced the Section 122 surcharge … has not been found in our sources": the honest answer to a figure
# question the knowledge base has no figure for
_NO_FIGURE = re.compile(r"\bwe hold no\b|\b(?:has|have) not been found in (?:our|the) sources\b|"
                        r"\bthis knowledge base (?:has|holds) no\b|"
                        r"\bno (?:reliable|verified)\b[^.;]{0,60}\b(?:was|were) found\b|\bno verified published\b",
                        re.IGNORECASE)
_ASKS_IN_FORCE = re.compile(IN_FORCE)
_ASKS_YEAR = re.compile(r"\b(?:what|which|que) (?:year|ano)\b")  # "in what year …?", "¿en qué año …?"
_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b")
# "What was the deadline …?", "by when …?", "¿cuál es la fecha límite …?": a day of a month answers, a year does not
_ASKS_DAY = re.compile(r"\b(?:deadline|due date|by when|what date|which date|(?:on )?what day|fecha(?: limite)?|para cuando|"
                       r"que dia|vence)\b")


# What a price is per: the cost per kWh is not a rent per m² (a rent per ft² is one, in other units).
_MEASURES = {
    "energy": re.compile(r"\b(?:[km]wh|kilowatt[- ]?hours?|megawatt[- ]?hours?)\b"),
    "area": re.compile(r"m²|\bm2\b|\bft²|\bsq\.? ?(?:ft|m)\b|\bsquare (?:met(?:er|re)s?|f(?:oo|ee)t)\b|"
                       r"\b(?:metros?|pies?) cuadrados?\b"),
    "volume": re.compile(r"\bm³|\bm3\b|\bcubic met(?:er|re)s?\b|\bmetros? cubicos?\b|\bliters?\b|\blitros?\b"),
    "container": re.compile(r"\b(?:teus?|feus?|containers?|contenedor(?:es)?)\b"),
    "weight": re.compile(r"\b(?:kgs?|kilos?|kilograms?|kilogramos?|lbs?|pounds?|tonnes?|tons?|toneladas?)\b"),
}


def measures(folded: str) -> frozenset[str]:
    """The measures (energy, area, volume, container) a folded text prices or counts in."""
    return frozenset(name for name, pattern in _MEASURES.items() if pattern.search(folded))


@dataclass(frozen=True, slots=True)
class Traits:
    """What the fit functions read in one sentence, apart from the question: found once per sentence text and
    remembered (the same passages' sentences are weighed question after question)."""

    years: frozenset[int]
    codes: frozenset[str]  # tariff codes
    has_number: bool
    figure: bool  # a figure once dates, years and article numbers are set aside, or a multiple ("double")
    count: bool  # a number of things: a figure that is neither a share nor a sum of money ("6,551 establishments")
    no_figure: bool  # says the knowledge base holds no figure for its subject ("We hold no reliable … price")
    money_or_pct: bool
    measures: frozenset[str]  # of the folded text
    goods: frozenset[str]  # of the folded text
    border_zone: bool
    general_zone: bool
    duration: bool
    date: bool
    relative_period: bool
    year: bool
    ongoing: bool  # its latest year starts something still running ("50% from 4 June 2025"), not a past period
    defines: bool
    references: frozenset[str]  # of the folded text


# A start still running: "from 4 June 2025", "effective 1 July 2020", "since 2019", "a partir del 1 de enero de 2026"
# — a day and month after "from / effective / as of" ("from 2019 under an arrangement" may have ended), not closed by
# "to / until / hasta …"
_OPEN = r"(?!\s*(?:to|until|through|and|-|–|hasta|al?)\b)"
_STARTS = re.compile(rf"\b(?:(?:from|effective|starting|beginning|as of|a partir del?)\s+(?:the\s+)?\d{{1,2}}\s+(?:de\s+)?{MONTH}"
                     rf"(?:\s+del?)?|(?:since|desde)(?:\s+(?:the\s+)?\d{{1,2}}\s+(?:de\s+)?{MONTH}(?:\s+del?)?)?)\s+"
                     rf"(?P<year>(?:19|20)\d\d)\b{_OPEN}", re.IGNORECASE)


# amounts the authority last updated then, in force since: "MXN 23,910 to MXN 47,860 (amounts as updated in the DOF
# on 30 December 2024)", "(cantidades actualizadas en diciembre de 2024)"
_UPDATED = re.compile(rf"\b(?:updated|actualizad[oa]s?)\s+(?:in|on|en|el)\s+(?:the DOF (?:on|of)\s+|el DOF del?\s+)?"
                      rf"(?:\d{{1,2}}\s+(?:de\s+)?)?(?:{MONTH}\s+(?:de\s+)?)?(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)


def _ongoing(sentence: str) -> bool:
    years = [int(y) for y in _YEAR.findall(sentence)]
    return bool(years) and any(int(m["year"]) == max(years) for pattern in (_STARTS, _UPDATED)
                               for m in pattern.finditer(sentence))


@lru_cache(maxsize=65536)
def traits(sentence: str) -> Traits:
    """The sentence's :class:`Traits`."""
    folded = fold(sentence)
    has_number = bool(HAS_NUMBER.search(sentence))
    return Traits(
        years=frozenset(int(y) for y in years_in(sentence)),
        codes=frozenset(TARIFF_CODE.findall(sentence)),
        has_number=has_number,
        figure=bool(has_number and HAS_NUMBER.search(without_dates(sentence))) or bool(_MULTIPLE.search(sentence))
        or bool(_COUNT_WORD.search(sentence)),
        count=bool(_COUNT.search(_MONEY.sub(" ", without_dates(sentence)))) or bool(_COUNT_WORD.search(sentence)),
        no_figure=bool(_NO_FIGURE.search(sentence)),
        money_or_pct=bool(_MONEY_OR_PCT.search(sentence)),
        measures=measures(folded),
        goods=goods(folded),
        border_zone=bool(BORDER_ZONE_WORDS.search(sentence)),
        general_zone=bool(GENERAL_WORDS.search(sentence)),
        duration=bool(_DURATION.search(sentence)) or bool(_OPEN_ENDED.search(sentence)),
        date=bool(_DATE.search(sentence)),
        relative_period=bool(_RELATIVE_PERIOD.search(sentence)),
        year=bool(_YEAR.search(sentence)),
        ongoing=_ongoing(sentence),
        defines=bool(_DEFINES.search(sentence)),
        references=frozenset(references(folded)),
    )


# a source named in brackets with the year it wrote ("(IDC Online, 2020, citing RGCE rule 1.3.2)"): that year dates
# the source, not the figure
_SOURCE_NOTE = re.compile(r"\([^()]*\b(?:citing|according to|online|survey|report|press release|news)\b[^()]*\)",
                          re.IGNORECASE)


def _dated_outside_sources(sentence: str) -> bool:
    return bool(YEAR.search(_SOURCE_NOTE.sub(" ", sentence)))


ALL_CONSTRAINTS_BONUS = 0.2  # a figure for the asked wage zone and the asked year, both named


def constraint_fit(q: Question, sentence: str, today_year: int, folded: str, where: str = "") -> tuple[float, bool, bool]:
    """A score adjustment, whether the sentence agrees with the question's year and zone, and whether it is about
    other goods than the question's (or another program: ``where``, its passage's title and section, folded)."""
    off = (program_fit(q.folded, folded, where) + schedule_fit(q.folded, where) + levy_fit(q.folded, folded)
           + contract_fit(q.folded, folded, where))
    adjust, agrees = off + (month_fit(q.folded, folded) if q.years else 0.0), not off  # (another program's figure
    # or period, a tariff line for a question on no tariff, is no answer: it never leads)
    t = traits(sentence)
    years = t.years
    if q.years and years and not years & set(q.years):
        adjust, agrees = adjust - 0.6, False
    elif not q.years and q.wants_figure and years and max(years) < today_year and not t.ongoing \
            and not (q.answer_type == "date" and ASKS_PAST.search(q.folded)) \
            and _dated_outside_sources(sentence):
        adjust -= 0.15  # a past year's figure when the question asks about now (not a rate in force since then)
    asked_codes = q.entities
    if asked_codes and t.codes:
        if not any(c.startswith(a) or a.startswith(c) for c in t.codes for a in asked_codes):
            adjust, agrees = adjust - 0.6, False  # about another tariff line
        else:
            adjust += 0.3  # about the line asked ("Under HTSUS 9802.00.80, …" for "explain HTS 9802.00.80")
    asked = measures(q.folded)
    if asked and q.wants_figure and t.has_number:
        if t.measures and not t.measures & asked:
            adjust, agrees = adjust - 0.6, False  # a figure in another measure (rent per m² for a price per kWh)
    named = t.goods
    # (a sentence naming four or more goods classes states a general rule with its exceptions, not one good's rule)
    other_goods = 0 < len(named) < 4 and not named & goods(q.folded)
    if other_goods:
        adjust -= 0.35  # about other goods than the ones asked
    # A sentence about the other wage zone cannot lead; one that also names the other zone's figures beside the
    # asked zone's cannot support either (it would put the wrong figure in the answer).
    # (not when a question placed in the general zone names the border itself: "how far is Chihuahua city from the
    # US border?")
    if q.zone in ("border", "general") and not (q.zone == "general" and BORDER_WORDS.search(q.folded)):
        other, same = (t.general_zone, t.border_zone) if q.zone == "border" else (t.border_zone, t.general_zone)
        if other:
            adjust, agrees = adjust - (0.3 if same else 0.6), False
    if q.wants_figure and agrees and t.has_number and q.zone in ("border", "general") and q.years and years:
        same = t.border_zone if q.zone == "border" else t.general_zone
        if same:  # "A year-1 worker on the 2026 northern border minimum wage receives …": every constraint met
            adjust += ALL_CONSTRAINTS_BONUS
    named, fits = named_figures_fit(q.folded, sentence, folded)
    adjust, agrees = adjust + named, agrees and fits
    # a figure for the asked city or state, not another's; a rule for the asked side of the border
    place = place_fit(q.folded, folded) if q.wants_figure and t.has_number else side_fit(q.folded, folded)
    adjust, agrees = adjust + place, agrees and place >= 0
    return adjust, agrees, other_goods


# A section written to define its subject: "What Annex 24 is and why IMMEX companies need it", "What the aguinaldo is",
# "Qué es el IMMEX".
_DEFINING_SECTION = re.compile(r"^(?:what (?:an? |the )?(?P<en>[^.?]{1,60}?) (?:is|are|means?)\b|"
                               r"que (?:es|son) (?:el |la |los |las |un |una )?(?P<es>[^.?]{1,60}))")
_SMALL = frozenset("a an the of and or for in on to el la los las un una de del y o en para".split())
DEFINING_OPENING = 0.25


def opening_fit(q: Question, section: str, position: int) -> float:
    """A bonus for the first sentence of a section written to define just what a definition question asks about
    ("What Annex 24 is and why …" for "What is Annex 24?"; not "What an IMMEX virtual transfer is" for "What is
    IMMEX?")."""
    if q.answer_type != "definition" or position != 0 or not section:
        return 0.0
    found = _DEFINING_SECTION.search(fold(section.split(" > ")[-1]))
    if found is None:
        return 0.0
    subject = set(re.findall(r"\w+", found["en"] or found["es"] or "")) - _SMALL
    asked = _ASKED_SUBJECT.search(without_brackets(q.folded).strip(" ¿?!."))
    wanted = set(re.findall(r"\w+", next((g for g in asked.groups() if g), ""))) - _SMALL if asked else set()
    return DEFINING_OPENING if subject and subject == wanted else 0.0


# What a definition question asks about: "What is Annex 24?" → "annex 24"; "What does pedimento key A1 mean?" →
# "pedimento key a1" (a section defining the pedimento does not answer that); "¿Qué es el programa IMMEX?"
_ASKED_SUBJECT = re.compile(r"^(?:what(?:'s| is| are) (?:an? |the )?(.+)|what does (.+) mean|"
                            r"que (?:es|son|significa) (?:el |la |los |las |un |una )?(.+))$")


_CONSEQUENCE = re.compile(r"\b(?:fines?|fined|penalt\w+|infringements?|infractions?|illegal\w*|suspended|suspension|"
                          r"multas?|infracci\w+|ilegal\w*|sanci\w+|suspend\w+|suspensi\w+)\b", re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:the|an?|el|la|los|las|un|una) ")
# what a sentence opening with its subject says of it: "Annex 24 (Anexo 24) of the RGCE sets …", "El Anexo 24 de las
# RGCE fija …" — not "Annex 24 balances …" nor "Si la empresa no lleva el Anexo 24 …"
_SAYS_OF_SUBJECT = re.compile(r"\s*(?:\([^)]{0,80}\)\s*)?(?:,[^,]{0,80},\s*)?(?:(?:of|de|del|under)\b[^,;:.]{0,70}?\s)?"
                              r"(?:is|are|sets|establishes|regulates|requires|allows|lets|covers|means|refers|"
                              r"es|son|fija|establece|regula|exige|permite|cubre|significa)\b")


def _opens_with_subject(q: Question, sentence: str) -> bool:
    """Whether a definition question's sentence opens with the subject asked about and says what it is or does:
    "El Anexo 24 … fija …" for "¿Qué es el Anexo 24?"; "An IMMEX virtual transfer (transferencia virtual) moves …"
    for "what's a virtual transfer between IMMEX companies?" (the subject without its qualifier, one word before it)."""
    asked = _ASKED_SUBJECT.search(without_brackets(q.folded).strip(" ¿?!."))
    wanted = _ARTICLE.sub("", next((g for g in asked.groups() if g), "")).strip() if asked else ""
    if len(wanted) < 3:
        return False
    text = _ARTICLE.sub("", fold(sentence))
    if text.startswith(wanted) and not text[len(wanted):len(wanted) + 1].isalnum() \
            and bool(_SAYS_OF_SUBJECT.match(text[len(wanted):])):
        return True
    head = _QUALIFIER.split(wanted)[0].strip()
    if head == wanted or len(head) < 3:
        return False
    opened = re.match(rf"(?:[\w-]+ )?{re.escape(head)}(?![\w-])", text)
    return opened is not None and bool(_SAYS_OF_SUBJECT.match(text[opened.end():])
                                       or _DOES.match(text[opened.end():]))


# "must be certified", "only when", "requires", "debe presentar": a condition to meet or a step to take
_REQUIRES = re.compile(r"\b(?:must|has to|have to|needs? to|is required|are required|requires?|only (?:when|if)|"
                       r"debe(?:n|rá|rán)?|tiene(?:n)? que|requiere(?:n)?|solo (?:si|cuando))\b", re.IGNORECASE)
# what a visitor must do or have: "what do we need to …", "how do we get …", "¿cómo podemos …?", requirements
_ASKS_STEPS = re.compile(r"^(?:what (?:do|does|would) .{0,40}\b(?:need|have) to|que (?:necesit|requier)\w*|"
                         r"what (?:is|are) (?:the )?requirements?|how (?:do|can|should|would) (?:we|i|you|a company)\b|"
                         r"how to\b|como (?:puedo|podemos|hago|hacemos)\b)")
_QUALIFIER = re.compile(r" (?:between|among|of|for|in|under|with|from|entre|de|del|para|en|bajo|con) ")
_DOES = re.compile(r"\s*(?:\([^)]{0,80}\)\s*)?[a-z]{3,}s\b(?! of\b)")  # "… (transferencia virtual) moves …"


# a question asking when, how long, which ones, or whether something applies or exists ("Is there …", not "Is IMMEX a
# customs program?", which what IMMEX is answers): a sentence saying what its subject is does not answer it
_NOT_DEFINITION = ("yes_no", "date", "duration", "list")
_ASKS_WHETHER = re.compile(r"^(?:do|does|did|can|could|must|will|would|should|hay|existe)\b|^(?:is|are) there\b")


def type_fit(q: Question, sentence: str, section: str) -> float:
    """A bonus for a sentence holding what the question's answer type asks for (reasons: in a section written for
    them; whether one may: what a rule allows or forbids), a penalty for a figure question's sentence without one and
    for a definition answering another question."""
    asks_other = q.answer_type in _NOT_DEFINITION and (q.answer_type != "yes_no" or _ASKS_WHETHER.search(q.folded))
    return _type_fit(q, sentence, section) - (0.15 if asks_other and traits(sentence).defines else 0.0) + (
        permission_fit(q.folded, fold(sentence)) if q.answer_type == "yes_no" else 0.0)


def _type_fit(q: Question, sentence: str, section: str) -> float:
    if q.answer_type == "duration":  # (the most or the least of it, when that is asked: "may not exceed 12 months")
        return 0.3 + bound_fit(q.folded, sentence) + unit_fit(q.folded, sentence) if traits(sentence).duration else -0.1
    if q.answer_type == "date":
        t = traits(sentence)
        if _ASKS_DAY.search(q.folded):  # "by when": a day, or a period counted from an event ("within 60 days after
            # the return is due"), not any span of time ("capped at 3 months of salary")
            return 0.3 if t.date or t.relative_period else -0.1
        if _ASKS_IN_FORCE.search(q.folded):  # "already in force?": since when — a date or a year, not "40-hour"
            return 0.3 if t.date or t.year else -0.1
        # "when" is answered by a date or by a period ("within the 30 days before it expires"); "what year" by a year
        year = _ASKS_YEAR.search(q.folded) and t.year
        return 0.3 if year or t.date or t.duration else -0.1
    if q.wants_figure:
        # a figure, not an article, section, annex or list number nor a year; for "how many", a count
        t = traits(sentence)
        if t.no_figure and not t.figure:
            return 0.25  # "we hold no figure for it" answers as plainly as a figure would
        if q.answer_type == "amount" and _ASKS_COUNT.search(q.folded):
            return (0.25 if t.figure else -0.1) + (0.1 if t.count else 0.0)
        return (0.25 if t.figure else -0.1) + (0.1 if t.money_or_pct else 0.0)
    if q.answer_type == "definition":
        if q.entities and not traits(sentence).codes:
            return 0.0  # "explain HTS 9802.00.80": what the tariff schedule is does not explain the line
        return 0.25 if traits(sentence).defines or _opens_with_subject(q, sentence) else 0.0
    if q.answer_type == "how_to" and _ASKS_STEPS.search(q.folded):  # what it takes: what must be done or held
        return 0.2 if _REQUIRES.search(sentence) else 0.0  # (not "How does 9802.00.80 work?", an explanation)
    if q.answer_type == "list":  # "What kinds of IMMEX programs are there?": "… defines five modalities" sums them up
        return 0.2 if COUNTS_KINDS.search(sentence) else 0.0
    if q.asks_consequence:  # what follows: a condition and its outcome, a fine, an infringement, a loss
        return 0.25 if _CONSEQUENCE.search(sentence) else 0.0
    if q.wants_reasons:
        return 0.3 if _REASON_SECTION.search(section) else 0.0
    return 0.0


# "How long …?", "what are the time limits …?", "¿qué plazo …?": a period of time answers
_ASKS_PERIOD = re.compile(r"\b(?:how long|time limits?|deadlines?|plazos?|cuanto tiempo|how many (?:days|months|years|weeks)|"
                          r"cuantos (?:dias|meses|anos))\b")


def asks_period(question: str) -> bool:
    """Whether a question asks for a period of time ("How long can inputs stay?", "¿Qué plazo tiene …?")."""
    return bool(_ASKS_PERIOD.search(fold(question)))


def states_period(text: str) -> bool:
    """Whether a text states a period of time ("18 months", "hasta por dos años", "within 30 days")."""
    return bool(_DURATION.search(text))


def holds_answer(q: Question, sentence: str) -> bool:
    """Whether the sentence states what a figure question asks for in its strict form: a date for "when"/"what
    date"/"deadline" (a period does not say when), a span of time for "how long", a figure for "how much"."""
    if q.answer_type == "date":
        if _ASKS_DAY.search(q.folded):
            return bool(_DATE.search(sentence))
        return bool(_DATE.search(sentence) or _YEAR.search(without_standard_names(sentence))
                    or _DURATION.search(sentence))
    if q.answer_type == "duration":
        return bool(_DURATION.search(sentence))
    if q.wants_figure and traits(sentence).no_figure:
        return True  # "we hold no figure for it": the plain answer, not to be swapped for another subject's figure
    if q.wants_figure:
        asked = measures(q.folded)  # a price per kWh is stated per kWh; "how many TEUs" by a number of them
        if asked and _ASKS_COUNT.search(q.folded):  # (not "US$1,600 per 40 ft container")
            return bool(_COUNTED.search(sentence))
        return bool(HAS_NUMBER.search(without_dates(sentence))) and (not asked or bool(asked & measures(sentence)))
    return True
