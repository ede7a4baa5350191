"""Turn a follow-up question and the chat history into a standalone retrieval query."""

from __future__ import annotations

import re

from assistant.answer.fit import MONTH
from assistant.answer.topics import conversational
from assistant.index.lexical import tokenize
from assistant.models import Turn
from assistant.text import fold

_FOLLOW_UP = re.compile(  # (after an acknowledgment: "ok and in early February 2026?", "Gracias. ¿Y en Tijuana?")
    r"^\s*(?:(?:ok(?:ay)?|thanks?(?: you)?|great|got it|perfect|vale|gracias|bueno|perfecto|entendido)[\s,.!]+(?:so\s+)?)?"
    r"[¿¡]?\s*(and|also|what about|how about|what if|same for|and what about|and for|and in|"
    r"y|y qué hay de|y en|y para|y si|qué tal|what of|then)\b[\s,]*",
    re.IGNORECASE,
)
_REFERENCE = re.compile(r"\b(it|its|that|this|those|these|they|them|there|same|ese|esa|eso|esos|esas|ahí|allí)\b", re.I)


def is_follow_up(question: str) -> bool:
    """Elliptical or referring questions ("And machinery?", "What about in Juárez?", "Is it exempt?"), also after a
    sentence of news ("We also hold a PROSEC registration. Does that change the deadline?")."""
    content = tokenize(question)
    return (bool(_FOLLOW_UP.match(question)) or len(content) <= 2
            or (len(content) <= 5 and bool(_REFERENCE.search(question)))
            or _refers(_SENTENCE_END.split(question.strip())[-1]))


_SENTENCE_END = re.compile(r"(?<=[.!])\s+(?=[¿¡]?[A-ZÁÉÍÓÚÑa-z])")


def _refers(asking: str) -> bool:
    """An asking sentence that needs what came before: a few words, one pointing back ("Does that change the
    deadline?", "¿Eso cambia el plazo?")."""
    return "?" in asking and len(tokenize(asking)) <= 3 and bool(_REFERENCE.search(asking))


_YEAR = re.compile(r"\b20[0-4]\d\b")
# a month of a year, maybe early or late in it: "early February 2026", "June 2024", "mediados de junio de 2025"
_MONTH_YEAR = re.compile(rf"\b(?:(?:early|mid|late|mid-|principios de|mediados de|finales de)\s*)?{MONTH}"
                         rf"(?:\s+de)?\s+20[0-4]\d\b", re.IGNORECASE)
# … or a part of a year: "mid-2025", "early 2026", "a finales de 2025"
_PART_OF_YEAR = re.compile(r"\b(?:early|mid|late|mid-|principios de|mediados de|finales de)[\s-]*20[0-4]\d\b", re.IGNORECASE)
_CODE = re.compile(r"\b\d{4}\.\d{2}(?:\.\d{2,4})?\b")  # a tariff line
_MODE = re.compile(r"\b(?:by |por )?(?:truck|trucks|road|rail|train|ocean|sea|air|air freight|camion|camión|tren|ferrocarril|"
                   r"mar[ií]timo|barco|a[eé]reo|avi[oó]n)\b", re.IGNORECASE)


_YEAR_BEFORE = re.compile(r"\b(?:the |a )?(?:year before|previous year|prior year|year earlier|preceding year)\b|"
                          r"\b(?:el )?ano (?:anterior|previo|antes)\b")
_YEAR_AFTER = re.compile(r"\b(?:the |a )?(?:year after|next year|following year|year later)\b|\b(?:el )?ano (?:siguiente|despues)\b")


def _relative_year(follow_up: str, previous: str) -> str | None:
    """ "And the year before?" after a question about 2026 asks about 2025 (None when no year is relative or the
    previous question names none)."""
    folded = fold(follow_up)
    step = -1 if _YEAR_BEFORE.search(folded) else 1 if _YEAR_AFTER.search(folded) else 0
    years = _YEAR.findall(previous)
    if not step or not years:
        return None
    return str(int(years[-1]) + step)


SLOT_FOLLOW_UP_WORDS = 5  # content words besides a place, year, tariff line or mode that an elliptical follow-up may have


def _beyond_slots(follow_up: str) -> list[str]:
    """The follow-up's words other than the slots it may name ("¿Y para la gente de nuestra planta en Tijuana?" →
    gente, planta)."""
    from assistant.calculators.places import find_places

    folded = fold(follow_up)
    for match in reversed(find_places(folded)):
        folded = folded[:match.start] + " " + folded[match.end:]
    folded = _MODE.sub(" ", _CODE.sub(" ", _YEAR.sub(" ", folded)))
    chatter = conversational()
    return [t for t in tokenize(_FOLLOW_UP.sub("", folded)) if not t.isdigit() and t not in chatter]


def replace_slots(follow_up: str, previous: str) -> str | None:
    """The previous question with the slot the follow-up names replaced ("And in Tijuana?", "¿Y en 2025?",
    "And by truck?"): a place, a year or a transport mode. None when the follow-up names none of these."""
    from assistant.calculators.places import (
        find_places,  # the places table is read on first use
    )

    if len(_beyond_slots(follow_up)) > SLOT_FOLLOW_UP_WORDS:
        return None  # "and the harbor maintenance fee? some of it would go by ship to Long Beach": a question of its own
    result, changed = previous, False
    new_places = find_places(fold(follow_up))
    if new_places:
        first = new_places[0]
        name = follow_up[first.start:first.end]
        old = [(m.start, m.end) for m in find_places(fold(result)) if m.place.country == first.place.country]
        for start, end in reversed(old):
            result = result[:start] + name + result[end:]
        if not old:
            result = f"{result.rstrip(' ?¿!.')} in {name}?"
        changed = True
    year = _YEAR.search(follow_up)
    asked = year.group(0) if year else _relative_year(follow_up, previous)
    month, old_month = _MONTH_YEAR.search(follow_up), _MONTH_YEAR.search(result)
    part = _PART_OF_YEAR.search(follow_up)
    if month and old_month:  # "… back in June 2024?", then "and in early February 2026?": the month goes too
        result = result[:old_month.start()] + month.group(0) + result[old_month.end():]
        changed = True
    elif part and old_month:  # "… in June 2024?", then "And by mid-2025?": a part of a year, not its June
        result = result[:old_month.start()] + part.group(0) + result[old_month.end():]
        changed = True
    elif asked:
        result = _YEAR.sub(asked, result) if _YEAR.search(result) else f"{result.rstrip(' ?¿!.')} in {asked}?"
        changed = True
    code = _CODE.search(follow_up)
    if code and _CODE.search(result):
        result = _CODE.sub(code.group(0), result, count=1)
        changed = True
    mode = _MODE.search(follow_up)
    if mode and _MODE.search(result):
        word = re.sub(r"^(?:by|por) ", "", mode.group(0), flags=re.IGNORECASE)
        old = _MODE.search(result).group(0).split()[-1].lower()  # every mention of it ("the truck manifest … a truck")
        result = _MODE.sub(lambda m: m.group(0)[: len(m.group(0)) - len(m.group(0).split()[-1])] + word
                           if m.group(0).split()[-1].lower() == old else m.group(0), result)
        changed = True
    return result if changed else None


def _previous(history: list[Turn] | None, depth: int = 3) -> str | None:
    """The previous user question, itself made standalone when it was a follow-up that replaced a slot ("… in
    Monterrey in 2026?", "And in Reynosa?", then "¿Y en 2025?" asks about Reynosa's 2025 figure), or the question
    whose subject it borrowed ("How long can raw materials stay?", "And machinery?", then "And containers?")."""
    turns = list(history or [])
    at = next((i for i in range(len(turns) - 1, -1, -1) if turns[i].role == "user"), None)
    if at is None:
        return None
    question = turns[at].content
    if depth <= 0 or not is_follow_up(question):
        return question
    earlier = _previous(turns[:at], depth - 1)
    if not earlier:
        return question
    replaced = replace_slots(question, earlier)
    if replaced is not None:
        return replaced
    # it borrowed the earlier question's subject ("How long can raw materials stay?", "And machinery?"): the next
    # follow-up ("¿Y los contenedores?") borrows the same frame, with the subject it names instead
    return earlier


def standalone_query(question: str, history: list[Turn] | None) -> str:
    """Without a language model: a follow-up replaces a slot of the previous user question (a place, a year, a
    mode), or else borrows that question's subject."""
    if not history or not is_follow_up(question):
        return question
    previous = _previous(history)
    if not previous:
        return question
    replaced = replace_slots(question, previous)
    if replaced is not None:
        return replaced
    core = follow_up_core(question, history) or question
    # a year the follow-up names replaces the one the borrowed question named ("… what does the rate reach in 2030 once
    # the phase-in is finished?" after "… in 2026?")
    new_years, old_years = set(_YEAR.findall(core)), set(_YEAR.findall(previous))
    if len(new_years) == 1 and len(old_years) == 1 and new_years != old_years:
        previous = _YEAR.sub(next(iter(new_years)), previous)
    # The new focus is stated twice so it outweighs the borrowed context.
    return f"{core} {core} — {previous}"


_ASKS = re.compile(r"(?:what|which|how|when|why|who|where|que|cual|cuales|como|cuando|cuanto|cuanta|cuantos|por que|"
                   r"donde|quien)\b")


def follow_up_focus(question: str, history: list[Turn] | None) -> tuple[str, ...]:
    """The words a follow-up that borrows the previous subject and asks nothing of its own is about ("And for auto
    parts?" → auto, parts): a sentence holding them answers it, not one about the previous subject. Empty for any
    other question ("And what rate applies to it?" asks its own question)."""
    core = follow_up_core(question, history)
    return () if not core or _ASKS.match(fold(core)) else tuple(tokenize(core))


def follow_up_core(question: str, history: list[Turn] | None) -> str | None:
    """What a follow-up that borrows the previous question's subject asks about ("And for auto parts?" → "for auto
    parts"); None for a full question or one that replaces a slot ("And in Tijuana?")."""
    previous = _previous(history)
    if not previous or not is_follow_up(question) or replace_slots(question, previous) is not None:
        return None
    return _FOLLOW_UP.sub("", question).strip(" ?¿!.") or None


def borrowed_subject(question: str, history: list[Turn] | None) -> tuple[str, str] | None:
    """(the previous question, what the follow-up adds) when a follow-up borrows the previous question's subject
    ("¿Cuántos días de aguinaldo …?", then "¿Y a alguien que entró en julio también le toca?"); None otherwise."""
    core = follow_up_core(question, history)
    previous = _previous(history) if core else None
    return (previous, core) if previous and core else None
