"""A year the question asks about that no retrieved passage mentions: a later one ("the US tariff on Mexican steel in
2028") or an earlier one whose figure is asked ("what did a maquiladora worker earn per hour in 1975?"). Nothing on
file can answer it, and this year's figures would be a wrong answer. Pure functions over the analyzed question and
the retrieved passages; the composer (:mod:`assistant.answer.extractive`) checks them before it scores a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Collection, Iterable

from assistant.answer.fit import traits
from assistant.answer.question import Question, without_standard_names
from assistant.models import Passage
from assistant.text import fold, split_sentences

FUTURE_EN = ("I have no source on {year} in the knowledge base, so I won't guess a future rate or figure. Ask without "
             "the year to see the latest on file, with the date it applies from.")
FUTURE_ES = ("No tengo fuentes sobre {year} en la base de conocimiento, así que no voy a adivinar una tasa o cifra futura. "
             "Pregunte sin el año para ver la más reciente registrada, con la fecha desde la que aplica.")
PAST_EN = ("I have no source on {year} in the knowledge base, so I won't guess that year's figure. Ask without the year "
           "to see the latest on file, with the date it applies from.")
PAST_ES = ("No tengo fuentes sobre {year} en la base de conocimiento, así que no voy a adivinar la cifra de ese año. "
           "Pregunte sin el año para ver la más reciente registrada, con la fecha desde la que aplica.")


def future_year(question: Question, passages: list[Passage], today_year: int) -> int | None:
    """A year after the current one that the question asks about and no retrieved passage mentions ("the US tariff
    on Mexican steel in 2028"): nothing on file can answer it."""
    later = [year for year in question.years if year > today_year]
    if not later:
        return None
    seen = _text_of(passages)
    if _ASKS_FORECAST.search(question.folded):
        # a forecast asked ("Will rents go up or down during 2027?"): the year must be forecast, not only named
        # ("… should not be used to price a 2026 or 2027 lease")
        forecasts = [s for s in split_sentences(seen) if _FORECASTS.search(s)]
        return next((year for year in later if not any(str(year) in s for s in forecasts)), None)
    return next((year for year in later if str(year) not in seen), None)


def past_year(question: Question, passages: list[Passage], today_year: int,
              on_file: Collection[int] = frozenset()) -> int | None:
    """An earlier year whose figure the question asks ("what did a maquiladora worker in Juárez earn per hour in
    1975?", "minimum wage in Tijuana in 2019?") and no retrieved passage mentions: nothing on file can answer it. A
    year the question starts from ("since 2019") or with the present asked ("we set up in 2018; what is it now?") is
    context, not the year asked. ``on_file``: the years the guides mention anywhere (a year one of them mentions may
    be in a passage retrieval missed: "what was the general minimum wage back in 2023?")."""
    if _PRESENT.search(question.folded) or not (question.wants_figure or _ASKS_VALUE.search(question.folded)):
        return None
    text = without_standard_names(question.folded)
    earlier = [int(m.group(1)) for m in _PAST_YEAR.finditer(text)
               if int(m.group(1)) < today_year and not _STARTS_FROM.search(text[:m.start()])]
    if not earlier:
        return None
    seen = _text_of(p for p in passages if _guide(p.chunk))  # (a law's amendment notes date any year)
    return next((year for year in earlier if str(year) not in seen and year not in on_file), None)


# what each rate table is about, as a guide's sentence would name it
_TABLE_TOPICS = {"minimum_wage": r"\bminimum wages?\b|\bsalarios? minimos?\b", "uma": r"\buma\b|unidad de medida",
                 "cesantia_vejez": r"\bcesantia\b", "mpf": r"\bmpf\b|merchandise processing",
                 "mxn_per_usd": r"exchange rate|tipo de cambio"}


_STATING_LENGTH = 400  # a sentence stating a figure (not a glossary's bullets run together)


@dataclass(frozen=True)
class YearBeforeTable:
    """A year asked before the first row of the rate table that would answer, and the guide chunks that state that
    year's figure (none: nothing on file can answer)."""

    year: int
    stating: tuple = ()

    def message(self, lang: str) -> str:
        return (PAST_ES if lang == "es" else PAST_EN).format(year=self.year)


def year_before_table(question: Question, table: str | None, chunks: Iterable) -> YearBeforeTable | None:
    """The year asked when it comes before the first row of the rate ``table`` that would answer ("the general minimum
    wage back in 2019?": the table starts in 2024), with the guide chunks stating a figure for it in that year (a
    sentence naming the year, the table's subject and a figure: "(2023: MXN 207.44 general, …)"), searched in every
    chunk of the index (``chunks``): retrieval may have missed them. None when no table is before the year asked."""
    topic = _TABLE_TOPICS.get(table or "")
    years = [y for y in question.years if y]
    if topic is None or len(years) != 1 or _PRESENT.search(question.folded):
        return None
    year, pattern = years[0], re.compile(topic)
    stating = tuple(chunk for chunk in chunks if _guide(chunk) and str(year) in chunk.text and any(
        str(year) in sentence and len(sentence) <= _STATING_LENGTH and pattern.search(fold(sentence)) and traits(sentence).figure
        for sentence in split_sentences(chunk.text)))
    return YearBeforeTable(year, stating)


def _text_of(passages: Iterable[Passage]) -> str:
    return " ".join(f"{p.chunk.title} {p.chunk.section or ''} {p.chunk.text}" for p in passages)


def _guide(chunk) -> bool:
    return getattr(chunk, "authority", "curated") != "official"


def years_mentioned(texts: Iterable[str]) -> frozenset[int]:
    """Every year from 1940 to 2049 the texts mention."""
    return frozenset(int(y) for text in texts for y in _PAST_YEAR.findall(text))


_PAST_YEAR = re.compile(r"\b(19[4-9]\d|20[0-4]\d)\b")
_STARTS_FROM = re.compile(r"\b(?:since|after|following|from|until|before|desde|despues de|tras|hasta|antes de)\s+"
                          r"(?:[a-z]+\s+){0,2}$")
_PRESENT = re.compile(r"\b(?:now|today|current\w*|nowadays|this year|these days|hoy|actual\w*|este ano|ahora|"
                      r"hoy en dia|vigente)\b")
_ASKS_VALUE = re.compile(r"\b(?:earn\w*|paid|pay|cost|costs|wages?|salar\w*|ganaba\w*|pagaba\w*|costaba\w*|"
                         r"how many|cuant[oa]s?)\b")


_ASKS_FORECAST = re.compile(r"\b(?:forecasts?|predict\w*|projections?|outlook|go up or down|rise or fall|"
                            r"pronostic\w*|proyeccion\w*|perspectivas?)\b")
_FORECASTS = re.compile(r"\b(?:forecasts?|projected|projections?|expected|expects?|estimated to|outlook|se espera|"
                        r"pronostic\w*|proyect\w*|preve)\b", re.IGNORECASE)


class YearsOnFile:
    """The years an index generation's guides mention (not the laws': their amendment notes date every year), worked
    out once per generation."""

    def __init__(self) -> None:
        self._seen: tuple[str, frozenset[int]] = ("", frozenset())

    def __call__(self, snapshot) -> frozenset[int]:
        if self._seen[0] != snapshot.generation:
            self._seen = (snapshot.generation, years_mentioned(
                c.text for c in snapshot.chunks if _guide(c)))
        return self._seen[1]
