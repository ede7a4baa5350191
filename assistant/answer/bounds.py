"""A bound asked and a bound stated: "What's the longest period it can cover?" is answered by "The blanket period …
may not exceed 12 months", not by another span of time the same subject has ("valid for 4 years"). Pure."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.intents.quantities import Quantity, find_quantities
from assistant.text import fold

_NOT_TIME = r"(?! (?:daily |diario )?(?:wages?|salar\w*|sueldos?|benefits?|prestaciones))"
# a question asking for the most or the least of a span of time: "longest", "maximum", "at most", "¿plazo máximo?"
# (not "the minimum wage", "salario mínimo")
_ASKS_BOUND = re.compile(rf"\b(?:longest|shortest|maximum|minimum|max|at most|at least|maxim[oa]|minim[oa]|como maximo)\b"
                         + _NOT_TIME)
# a sentence stating one: "may not exceed 12 months", "up to 18 months", "at least 30 days", "hasta por dos años"
_STATES_BOUND = re.compile(r"\b(?:(?:may|must|can|shall|will|does) not exceed|not (?:to )?exceed|no (?:more|longer|less) than|"
                           r"at (?:most|least)|up to|(?:a |the )?(?:maximum|minimum|longest|shortest) (?:of|period|term)|"
                           r"hasta por|como (?:maximo|minimo)|(?:plazo|periodo) (?:maximo|minimo)|no (?:podra|debera|puede) "
                           r"exceder|no (?:mayor|menor)(?:es)? de|cuando menos|por lo menos)\b")
BOUND_BONUS = 0.15


def bound_fit(folded_question: str, sentence: str) -> float:
    """:data:`BOUND_BONUS` for a sentence stating a bound when the question asks for one, else 0."""
    return BOUND_BONUS if _ASKS_BOUND.search(folded_question) and _STATES_BOUND.search(fold(sentence)) else 0.0


# A visitor's own figure weighed against a rule's threshold: "Our subsidiary had MXN 11 million of revenue. Are we
# required to prepare transfer-pricing documentation?" is answered by "Companies whose prior-year revenue did not
# exceed MXN 13 million are exempt", and "only about 40% textile — does NOM-004 apply?" by "… a textile content of
# 50% or more": a sum or a share stated beside a word setting a limit, in the kind the visitor gave (not the
# visitor's own figure again, which a worked example or the visitor's echo holds).
_LIMIT = re.compile(r"\b(?:exceed\w*|or (?:more|less|above|below|higher|lower)|at (?:least|most)|(?:more|less|fewer|greater|"
                    r"lower|higher) than|below|above|up to|minimum of|maximum of|thresholds?|ceiling|cap(?:ped)? at|"
                    r"not over|no more than|exced\w*|o mas|o menos|(?:mas|menos|mayor(?:es)?|menor(?:es)?) (?:de|a|que)|"
                    r"al menos|por lo menos|cuando menos|hasta|superior(?:es)? a|inferior(?:es)? a|umbral|tope|limite)\b")
_LIMIT_REACH = 40  # characters between the limiting words and the figure they limit
THRESHOLD_BONUS = 0.2
_ASKS_WHETHER = ("yes_no", "other")


def _kind(quantity: Quantity) -> str | None:
    return "share" if quantity.percent else "sum" if quantity.currency else None


def threshold_fit(answer_type: str, folded_question: str, sentence: str) -> float:
    """:data:`THRESHOLD_BONUS` for a sentence stating a limit of the kind of figure a whether-question gives of the
    visitor's own case (a sum of money, a share), at another value than the visitor's; else 0."""
    if answer_type not in _ASKS_WHETHER:
        return 0.0
    given = _given(folded_question)
    if not given:
        return 0.0
    kinds = {kind for kind, _ in given}
    return THRESHOLD_BONUS if any(kind in kinds and (kind, value) not in given for kind, value in _limits(sentence)) else 0.0


@lru_cache(maxsize=1024)
def _given(folded_question: str) -> frozenset[tuple[str, float]]:
    return frozenset((kind, q.value) for q in find_quantities(folded_question, "en") if (kind := _kind(q)))


@lru_cache(maxsize=65536)
def _limits(sentence: str) -> frozenset[tuple[str, float]]:
    """The sums and shares a sentence states beside a word setting a limit ("did not exceed MXN 13 million")."""
    folded = fold(sentence)
    return frozenset((kind, found.value) for found in find_quantities(folded, "en") if (kind := _kind(found))
                     and _LIMIT.search(folded, max(0, found.start - _LIMIT_REACH), found.end + _LIMIT_REACH))


# "¿Sigue siendo así?", "Is VAT in Tijuana still 8%?", "Can we still …?", "is it still in force?": whether something
# still holds is answered by the sentence saying when it changed or until when it runs ("until 31 December 2019 …",
# "since 1 January 2020 …", "no longer", "ya no") — not by one describing the thing
_ASKS_STILL = re.compile(r"\b(?:still|anymore|any longer|sigue|siguen|seguimos|todavia|aun)\b")
_STATES_CHANGE = re.compile(r"\b(?:until|till|since|through|expired?|ended|ends|no longer|hasta (?:el|que)|desde (?:el|que)|"
                            r"a partir del?|ya no|vencio|termino|dejo de)\b[^.;]{0,40}?\b(?:19|20)\d\d\b|"
                            r"\b(?:no longer|ya no|dejo de|dejaron de)\b")
CHANGE_BONUS = 0.15


def change_fit(folded_question: str, sentence: str) -> float:
    """:data:`CHANGE_BONUS` for a sentence dating a change when the question asks whether something still holds."""
    return CHANGE_BONUS if _ASKS_STILL.search(folded_question) and _STATES_CHANGE.search(fold(sentence)) else 0.0


# "for up to how many days …?" is answered by "… at most 60 days", not by "for up to six months of nursing": the
# span of time in the unit asked
_UNITS = {"day": r"days?|dias?", "week": r"weeks?|semanas?", "month": r"months?|meses|mes", "year": r"years?|anos?"}
_ASKS_UNIT = re.compile(r"\b(?:how many|cuant[oa]s)\s+(?:(?:calendar|business|working|natural(?:es)?|habiles)\s+)?"
                        r"(days?|weeks?|months?|years?|dias|semanas|meses|anos)\b")
_NUMBER = (r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
           r"forty-five|sixty|ninety|uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|doce|quince|veinte|"
           r"treinta|sesenta|noventa)")
UNIT_BONUS = 0.05


def unit_fit(folded_question: str, sentence: str) -> float:
    """:data:`UNIT_BONUS` for a sentence stating a span of time in the unit a "how many days/weeks/months/years"
    question asks for, else 0."""
    asked = _ASKS_UNIT.search(folded_question)
    if asked is None:
        return 0.0
    unit = next(name for name, words in _UNITS.items() if re.fullmatch(words, asked.group(1)))
    stated = re.search(rf"\b{_NUMBER}[\s-]+(?:(?:calendar|business|working|natural(?:es)?|habiles)[\s-]+)?"
                       rf"(?:{_UNITS[unit]})\b", fold(sentence).lower())
    return UNIT_BONUS if stated else 0.0
