"""An English gloss of a Spanish question, so English documents can be searched and weighed for it.

The embedding model reads English only: a Spanish question lands near Spanish passages that share its words and far
from the English guide that holds the answer ("¿a partir de qué valor piden entrada formal en la aduana de Estados
Unidos?" never reaches the guide on US entry types). A word-by-word gloss ("from what value require formal entry
in customs of united states") does: the domain terms come from the bilingual glossary (``data/glossary.yaml``,
longest term first: "importación temporal" → "temporary import"), the other words from a plain Spanish → English
word list (``data/es_en_words.yaml``; ``""`` drops a function word; "fees honorarios" keeps a word the English guides
also write in Spanish beside its English); names, numbers and acronyms stay as written.

The other way, :func:`spanish_gloss` renders an English question in Spanish words, for the Mexican laws: an English
question's vector and words are far from "La duración máxima de la jornada será: … siete la nocturna", its Spanish
gloss ("maximo jornada nocturna laboral ley") is not. Glossary terms first again, then the word list read backwards
(an English word's first Spanish word), then the English → Spanish list of the laws' own words
(``data/en_es_words.yaml``) for the words it lacks; function words (Spanish stop words) drop; numbers and acronyms stay.

Pure and deterministic; both tables are read once.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

import yaml

from assistant.answer.expansion import canon_word, glossary, is_acronym, longest_term, term_key, word_spans
from assistant.text import fold

_PUNCT = ".'’¿?¡!"


@lru_cache(maxsize=2)
def _terms(source: str = "es") -> tuple[dict[tuple[str, ...], str], int]:
    """Glossary term key in the ``source`` language ("es" or "en") → the other language's first term, and the
    longest key."""
    table: dict[tuple[str, ...], str] = {}
    for en, es in glossary():
        own, other = (es, en) if source == "es" else (en, es)
        for term in own:
            table.setdefault(term_key(term), other[0])
    return table, max((len(k) for k in table), default=0)


@lru_cache(maxsize=1)
def _english_words() -> dict[str, str]:
    """The word list backwards: an English word → the first Spanish word glossed as it (stop words of either language
    left out: "how" → "como" and "do" → "hacer" would only add noise)."""
    from bm25s.stopwords import STOPWORDS_EN, STOPWORDS_SPANISH

    stops = {fold(w) for w in STOPWORDS_SPANISH}
    english_stops = {w.lower() for w in STOPWORDS_EN} | {"do", "does", "did", "have", "has", "had", "get", "gets",
                                                         # (the modals and "how long"/"how much" ask; the laws are
                                                         # Mexico's: none of these tells one provision from another)
                                                         "must", "can", "could", "should", "would", "might", "much",
                                                         "many", "long", "take", "takes", "mexican"}
    out: dict[str, str] = {}
    for spanish, english in words().items():
        english = english.lower().removesuffix(f" {spanish}")  # "fees honorarios": the English word is "fees"
        if english and " " not in english and english not in english_stops and spanish not in stops and len(spanish) > 1:
            out.setdefault(english, spanish)
    return out


@lru_cache(maxsize=1)
def law_words() -> dict[str, str]:
    """English word → the Spanish words the Mexican laws use for it, most used first (``data/en_es_words.yaml``:
    "sickness" → "enfermedad", "seller" → "enajenante vendedor")."""
    path = files("assistant").joinpath("data/en_es_words.yaml")
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    return {str(k).lower(): str(v) for k, v in data.items() if v}


@lru_cache(maxsize=1)
def words() -> dict[str, str]:
    """The word list: accent-folded Spanish word → English ("" to drop it)."""
    path = files("assistant").joinpath("data/es_en_words.yaml")
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    return {fold(str(k)): "" if v is None else str(v) for k, v in data.items()}


def english_gloss(question: str) -> str:
    """A rough English rendering of a Spanish ``question``: glossary terms, then words, in the question's order."""
    vocabulary = words()

    def word(folded: str, written: str) -> str:
        english = vocabulary.get(folded)
        if english is None and folded.endswith("s"):  # a plural: "piezas" → "pieza", "especiales" → "especial"
            english = vocabulary.get(folded[:-1])
            if english is None and folded.endswith("es"):
                english = vocabulary.get(folded[:-2])
        if english is None and (verb := _CLITIC.fullmatch(folded)):  # "pagarle", "registrarse": the infinitive's
            english = vocabulary.get(verb.group(1))
        if english is None and (gerund := _GERUND.fullmatch(folded)):  # "amamantando", "cumpliendo": the verb's
            english = next((vocabulary[v] for v in _infinitives(gerund) if v in vocabulary), None)
        if english is None and (tense := _FUTURE.fullmatch(folded)):  # "ahorraríamos", "pagarán": the infinitive's
            english = vocabulary.get(tense.group(1))
        if english is None and folded.endswith("amente") and len(folded) > 9:  # "obligatoriamente": "obligatorio"
            english = vocabulary.get(f"{folded[:-6]}o") or vocabulary.get(folded[:-5])
        return written if english is None else english  # a name, a number, an acronym, or a word the list lacks

    # "¿cuántos años hay que conservar …?": "hay que" is "must"; "¿cuántas empresas IMMEX hay?" asks what there is
    return _gloss(_HAY_QUE.sub(lambda m: "debe" if m.group(1).islower() else "Debe", question), *_terms("es"), word)


_HAY_QUE = re.compile(r"\b([Hh])ay que\b")
# an infinitive with its pronouns attached: "pagarle", "importarlos", "registrarse", "dárselo" (folded)
_CLITIC = re.compile(r"(\w{2,}[aei]r)(?:se|me|te|nos)?(?:le|les|lo|los|la|las)?")
# a gerund (folded): "amamantando" → "amamantar", "cumpliendo" → "cumplir" or "cumpler"
_GERUND = re.compile(r"(\w{2,})(ando|iendo|yendo)")


# a future or conditional form (folded): "ahorrariamos" → "ahorrar", "pagaran" → "pagar"
_FUTURE = re.compile(r"(\w{2,}[aei]r)(?:ia|ias|iamos|ian|e|as|a|emos|an)")


def _infinitives(gerund: re.Match) -> tuple[str, ...]:
    stem, ending = gerund.groups()
    return (f"{stem}ar",) if ending == "ando" else (f"{stem}er", f"{stem}ir")


_MODALS = frozenset({"may"})


def spanish_gloss(question: str) -> str:
    """Spanish words for an English ``question`` (glossary terms, then words; numbers and acronyms as written):
    what the Spanish law texts are searched and weighed with."""
    vocabulary, law = _english_words(), law_words()

    def word(folded: str, written: str) -> str:
        if folded in _MODALS and not written[:1].isupper():
            return ""  # "what it may deduct": the verb, not the month ("in May 2025" is written with a capital)
        spanish = (vocabulary.get(folded) or (vocabulary.get(folded[:-1]) if folded.endswith("s") else None)
                   or (law[folded].split()[0] if folded in law else None))  # (the laws' most used word: all of them
        # dilute the share of the gloss a law's piece must hold, assistant.answer.plain_law)
        if spanish:
            return spanish
        return written if any(ch.isdigit() for ch in folded) or written.isupper() else ""  # 2026, IMSS, IMMEX

    return _gloss(question, *_terms("en"), word)


def spanish_words(word: str) -> str:
    """Every Spanish rendering of one English ``word`` on file: its gloss and the laws' words for it ("seller" →
    "vendedor enajenante vendedor")."""
    return f"{spanish_gloss(word)} {law_words().get(fold(word).lower(), '')}".strip()


def _gloss(question: str, table: dict[tuple[str, ...], str], longest: int, word) -> str:
    """The question's glossary terms (longest first; an acronym only as written) and, between them, ``word(folded,
    written)`` of each other word ("" drops it), in the question's order."""
    folded = fold(question)
    found = word_spans(folded)
    written = [question[m.start():m.end()].strip(_PUNCT) if len(question) == len(folded) else m.group().strip(_PUNCT)
               for m in found]
    canon = [canon_word(m.group()) for m in found]
    out: list[str] = []
    i = 0
    while i < len(found):
        hit, size = longest_term(canon, i, table, longest)
        if hit is None and is_acronym(written[i]):
            hit = table.get((written[i],))
        if hit is not None and size == 1 and len(written[i]) > 3 and written[i].isupper() and written[i] not in hit:
            # "REPSE", "INFONAVIT" stay beside their gloss: the English guides write them too (not a short one: the
            # folded "SAT" would meet the English "sat")
            hit = f"{written[i]} {hit}"
        out.append(hit if hit is not None else word(found[i].group().strip(_PUNCT), written[i]))
        i += size
    return " ".join(w for w in out if w)
