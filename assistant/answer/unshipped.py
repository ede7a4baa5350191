"""A provision of an instrument whose text we do not ship: "¿Qué dice el artículo 32-D del CFF?", "RGCE rule 3.2.3:
how much can our engineers bring in their luggage?", "Ley de Comercio Exterior, artículo 17-A" — or an official
standard by its code ("¿Qué nos obliga la NOM-030-STPS …?").

The look-up (:mod:`assistant.lookup`) knows such an article is not one of the shipped laws' and leaves the question to
retrieval, which then answers with whatever shares its words (the Labor Law's article 32 for the CFF's 32-D). A guide
may still state what that provision says ("… a positive opinion of compliance (CFF art. 32-D) …"): its chunk joins the
passages, searched in every chunk of the index, as retrieval may have missed it. When no guide names the provision,
nothing on file can say what it says, and the answer says so. Pure functions over the question and the chunks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from assistant.answer.coverage import MISSING_EN, MISSING_ES
from assistant.answer.fit import holds_answer
from assistant.answer.question import Question
from assistant.sentences import passage_sentences
from assistant.text import fold

# instruments people cite whose text is not in corpus/official: the name printed, and how questions and guides name it
_INSTRUMENTS = {
    "Código Fiscal de la Federación": r"cff|codigo fiscal(?: de la federacion)?|(?:mexican |federal )(?:tax|fiscal) code",
    "Reglas Generales de Comercio Exterior": r"rgce|reglas generales de comercio exterior|(?:general )?foreign trade rules|"
                                             r"general rules (?:of|on|for) foreign trade",
    "Ley de Comercio Exterior": r"lce|ley de comercio exterior|foreign trade (?:law|act)",
    "Reglamento de la Ley Aduanera": r"rla|reglamento de la ley aduanera|(?:customs law|customs act) regulations?|"
                                     r"regulations? (?:to|of|under) the (?:customs law|customs act|ley aduanera)",
    "Ley del IEPS": r"lieps|ley del (?:impuesto especial sobre produccion y servicios|ieps)",
    "Ley Federal de Derechos": r"lfd|ley federal de derechos|federal (?:duties|fees) law",
}
_NAMES = "|".join(f"(?:{p})" for p in _INSTRUMENTS.values())
_NUM = r"\d{1,4}(?:\.\d{1,3}){0,3}(?:\s?-\s?[a-z](?![a-z]))?(?:\s?-?\s?(?:bis|ter)\b)?"  # 32-D, 17-H Bis, 5 bis
_KIND = r"(?:articulos?|articles?|arts?\.?|reglas?|rules?|numeral)"
# "artículo 32-D del CFF", "rule 3.2.3 of the RGCE", "regla 2.3.5 de las RGCE"
_KIND_FIRST = re.compile(rf"(?<![a-z]){_KIND}\s*(?P<num>{_NUM})(?:\s*,?\s*(?:fraccion|fr\.?|parrafo|section|paragraph)\s*"
                         rf"[\w.]+)?\s*,?\s*(?:(?:de|del|of|in|under|en)\s+)?(?:(?:la|las|el|los|the)\s+)?"
                         rf"(?P<law>{_NAMES})(?![a-z])")
# "CFF art. 32-D", "RGCE rule 3.2.3", "RGCE 3.2.3" (a bare number only in the rules' dotted form)
_NAME_FIRST = re.compile(rf"(?<![a-z])(?P<law>{_NAMES})\s*,?\s*(?:(?:{_KIND})\s*(?P<num>{_NUM})|"
                         rf"(?P<dotted>\d{{1,2}}\.\d{{1,2}}\.\d{{1,3}}))")


@dataclass(frozen=True)
class UnshippedProvision:
    """A provision of an instrument not shipped, and the guide chunks that name it (none: nothing on file says what
    it says)."""

    label: str
    stating: tuple = ()

    def message(self, lang: str) -> str:
        return (MISSING_ES if lang == "es" else MISSING_EN).format(what=self.label)


def _instrument(folded_name: str) -> str:
    return next(name for name, pattern in _INSTRUMENTS.items() if re.fullmatch(pattern, folded_name))


def asked_provision(question: str) -> tuple[str, str] | None:
    """(instrument, number) of the unshipped provision a question names, or None."""
    folded = fold(question)
    match = _KIND_FIRST.search(folded) or _NAME_FIRST.search(folded)
    if match is None:
        return None
    number = re.sub(r"-?(BIS|TER)$", lambda m: f" {m[1].title()}", (match.group("num") or match.group("dotted"))
                    .replace(" ", "").upper())
    return _instrument(match.group("law")), number


def _names(sentence: str, instrument: str, number: str) -> bool:
    folded = fold(sentence)
    return bool(re.search(rf"(?<![\w.]){re.escape(fold(number))}(?![\w]|\.\d|-[a-z](?![a-z])| (?:bis|ter)\b)", folded)
                and re.search(rf"(?<![a-z])(?:{_INSTRUMENTS[instrument]})(?![a-z])", folded))


# an official Mexican standard by its code: "NOM-030-STPS-2009", "NOM 004 SE" (its year left out, as people do)
_STANDARD = re.compile(r"(?<![a-z])nom[- ](?P<number>\d{3})[- ](?P<issuer>[a-z]{2,5})(?:[- ](?P<year>\d{4}))?(?![a-z\d])")


def asked_standard(question: str) -> str | None:
    """The code of the official standard (NOM) a question names, without its year: "NOM-030-STPS"."""
    match = _STANDARD.search(fold(question))
    return f"NOM-{match['number']}-{match['issuer'].upper()}" if match else None


def unshipped_provision(question: str, chunks: Iterable, asked_for: Question | None = None) -> UnshippedProvision | None:
    """The unshipped provision (or official standard) the question names, with the guide chunks whose sentences name
    it (every chunk of the index is searched: ``chunks``), or None when the question names none. For a figure asked
    (``asked_for``: "¿cuántos días tiene … según el artículo 69-B del CFF?"), only a sentence naming the provision that
    states such a figure counts: one listing "CFF arts. 69 and 69-B" among an IMMEX's risks does not answer it."""
    standard = asked_standard(question)
    asked = asked_provision(question) if standard is None else None
    if standard is None and asked is None:  # (most questions: the chunks are not read)
        return None
    guides = [chunk for chunk in chunks if getattr(chunk, "authority", "curated") != "official"]
    if standard is not None:
        return UnshippedProvision(standard, tuple(c for c in guides if fold(standard) in fold(c.text).replace(" ", "-")))
    instrument, number = asked
    label = f"{instrument}, {'regla' if '.' in number else 'art.'} {number}"
    figure = asked_for is not None and asked_for.wants_figure
    stating = tuple(chunk for chunk in guides if fold(number) in fold(chunk.text)
                    and any(_names(sentence, instrument, number) and (not figure or holds_answer(asked_for, sentence))
                            for sentence in passage_sentences(chunk.text)))
    return UnshippedProvision(label, stating)
