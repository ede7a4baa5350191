"""Typos in a visitor's question, corrected against the words of the knowledge base.

"when is it permanantly gone?", "whats the anual report dealine": a misspelt word is in no document, so retrieval
cannot match it, the composer counts it as a word nothing covers and the answer abstains. A British spelling our
US-English documents write otherwise ("harbour", "programme", "licence") takes theirs. A word no document holds is
replaced by the one word of the documents it is one edit away from (two, for a long word), the most frequent when
several are. A real word stays as written though no document holds it — one the embedding model's vocabulary holds
whole ("weather", "hotels", "chance"), one of our Spanish word list ("alguien") or of pyspellchecker's English and
Spanish dictionaries ("rebate", "congested") —, and so does a word that is no typo of anything ("hijackings"), so
questions about what the knowledge base does not cover are still recognised as such. Names written with a capital
inside the question, acronyms, short words and a change of first letter are left alone.

:class:`Speller` is pure over the texts and real words passed in; :func:`real_words` reads the model's vocabulary and
the dictionaries once, and :func:`corrected` builds one speller per index generation from its chunks.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Container, Iterable

import yaml
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from assistant.index.lexical import tokenize
from assistant.text import fold

MIN_LENGTH = 6  # shorter words are left alone: too many real words are one edit apart ("rate", "date", "totes")
LONG_WORD = 9  # a word this long may be two edits away
_WORD = re.compile(r"[^\W\d_]+")
_VOCABULARY_WORD = re.compile(r"[a-z]{4,}")
_SENTENCE_START = re.compile(r"(?:^|[.?!¿¡])\s*$")  # what comes before a word that opens a sentence
_BRITISH = tuple((re.compile(rx), to) for rx, to in (
    (r"our(s?)$", r"or\1"), (r"our(ed|ing|ers?)$", r"or\1"), (r"ise(d|s)?$", r"ize\1"), (r"isation(s?)$", r"ization\1"),
    (r"yse(d|s)?$", r"yze\1"), (r"tre(s?)$", r"ter\1"), (r"mme(s?)$", r"m\1"), (r"ence$", r"ense"), (r"lled$", r"led"),
    (r"lling$", r"ling"),
))


def _us_spellings(word: str) -> list[str]:
    """The US spellings a British one may stand for ("harbour" → "harbor", "programme" → "program")."""
    return [rx.sub(to, word) for rx, to in _BRITISH if rx.search(word)]


def _plural_of(word: str, real: Container[str]) -> bool:
    """ "avocados", "totes": the plural of a real word."""
    return (word.endswith("s") and word[:-1] in real) or (word.endswith("es") and word[:-2] in real)


class Speller:
    """The documents' words and how often each occurs; :meth:`correct` fixes a question's typos."""

    def __init__(self, texts: Iterable[str], real: Container[str] = frozenset()):
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(_VOCABULARY_WORD.findall(fold(text).lower()))
        self.counts = counts
        self.real = real
        self._words = list(counts)

    def suggestion(self, word: str) -> str | None:
        """The documents' word ``word`` (folded, lower case) is a typo of, or None when it is a word of theirs or
        no typo of one."""
        if word in self.counts:
            return None
        us = next((v for v in _us_spellings(word) if v in self.counts), None)
        if us is not None:
            return us  # "harbour", "programme": our documents write US English
        if len(word) < MIN_LENGTH or word in self.real or _plural_of(word, self.real):
            return None
        limit = 2 if len(word) >= LONG_WORD else 1
        found = process.extract(word, self._words, scorer=Levenshtein.distance, score_cutoff=limit, limit=None)
        if not found:
            return None
        found = [(w, distance) for w, distance, _ in found if w[0] == word[0]]  # a typo seldom changes the first letter
        if not found:
            return None
        nearest = min(distance for _, distance in found)
        return max((w for w, distance in found if distance == nearest), key=lambda w: (self.counts[w], w))

    def correct(self, question: str) -> str:
        """``question`` with each misspelt word replaced by the documents' word; the rest as written."""
        out, last = [], 0
        for match in _WORD.finditer(question):
            word = match.group()
            if word[:1].isupper() and not _SENTENCE_START.search(question[:match.start()]):
                continue  # a name ("Foxconn", "Guatemala")
            if word.isupper() and len(word) > 1:
                continue  # an acronym
            fixed = self.suggestion(fold(word).lower())
            if fixed is not None:
                out.append(question[last:match.start()])
                out.append(fixed)
                last = match.end()
        return "".join(out) + question[last:] if out else question


EN_COMMON = 50  # an English dictionary word seen more often than this is a real word ("rebate"); at the floor,
# a rare variant ("merchandize") is taken for a typo of the documents' word


class RealWords:
    """Whether a word is real though no document may hold it: a whole word of the embedding model's vocabulary, a
    word of our Spanish → English list, or a word of pyspellchecker's English (seen more than :data:`EN_COMMON` times
    in its corpus) or Spanish dictionary."""

    def __init__(self, model_dir: Path | None):
        words: set[str] = set()
        vocab = Path(model_dir) / "vocab.txt" if model_dir else None
        if vocab is not None and vocab.exists():
            words.update(w for w in vocab.read_text(encoding="utf-8").split() if w.isalpha() and w.islower())
        table = yaml.safe_load(files("assistant.data").joinpath("es_en_words.yaml").read_text(encoding="utf-8")) or {}
        words.update(fold(str(w)).lower() for w in table)
        self.words = frozenset(words)
        from spellchecker import SpellChecker  # (its dictionaries load in about half a second)

        self.english = SpellChecker(language="en", distance=1).word_frequency
        self.spanish = SpellChecker(language="es", distance=1).word_frequency

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and (word in self.words or word in self.spanish
                                          or (word in self.english and self.english[word] > EN_COMMON))


@lru_cache(maxsize=4)
def real_words(model_dir: Path | None) -> RealWords:
    """The :class:`RealWords` of this model (read once)."""
    return RealWords(model_dir)


_SPELLERS: dict[str, Speller] = {}  # index generation → its speller (the latest few)


def corrected(question: str, snapshot, model_dir: Path | None, lang: str = "en") -> str:
    """An English ``question`` with its typos fixed against ``snapshot``'s chunks; the speller is built (about a
    second) only for a question with a word the index does not know, once per index generation. (Not Spanish: a verb
    form our documents do not use — "quedarnos" — is one edit from one they do, "quedaron".)"""
    if lang != "en":
        return question
    words = [fold(m.group()).lower() for m in _WORD.finditer(question) if len(m.group()) >= MIN_LENGTH]
    if not any(not snapshot.lexical.knows(t) for w in words for t in tokenize(w)):
        return question
    speller = _SPELLERS.get(snapshot.generation)
    if speller is None:
        speller = Speller((c.text for c in snapshot.chunks), real_words(model_dir))
        _SPELLERS.clear()
        _SPELLERS[snapshot.generation] = speller
    return speller.correct(question)


def model_dir(embedder) -> Path | None:
    """The embedding model's folder (its ``vocab.txt`` lists real English words), or None without a model."""
    from assistant.index.embeddings import resolve_model_path

    name = getattr(embedder, "model_name", None)
    return resolve_model_path(name) if name else None
