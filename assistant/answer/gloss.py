"""An English gloss of a Spanish question, so English documents can be searched and weighed for it.

The embedding model reads English only: a Spanish question lands near Spanish passages that share its words and far
from the English guide that holds the answer ("¿a partir de qué valor piden entrada formal en la aduana de Estados
Unidos?" never reaches the guide on US entry types). A word-by-word gloss ("from what value require formal entry
in customs of united states") does: the domain terms come from the bilingual glossary (``data/glossary.yaml``,
longest term first: "importación temporal" → "temporary import"), the other words from a plain Spanish → English
word list (``data/es_en_words.yaml``; ``""`` drops a function word); names, numbers and acronyms stay as written.

Pure and deterministic; both tables are read once.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

import yaml

from assistant.answer.expansion import canon_word, glossary, is_acronym, longest_term, term_key, word_spans
from assistant.text import fold

_PUNCT = ".'’¿?¡!"


@lru_cache(maxsize=1)
def _terms() -> tuple[dict[tuple[str, ...], str], int]:
    """Spanish glossary term key → its first English term, and the longest key."""
    table: dict[tuple[str, ...], str] = {}
    for en, es in glossary():
        for term in es:
            table.setdefault(term_key(term), en[0])
    return table, max((len(k) for k in table), default=0)


@lru_cache(maxsize=1)
def words() -> dict[str, str]:
    """The word list: accent-folded Spanish word → English ("" to drop it)."""
    path = files("assistant").joinpath("data/es_en_words.yaml")
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    return {fold(str(k)): "" if v is None else str(v) for k, v in data.items()}


def english_gloss(question: str) -> str:
    """A rough English rendering of a Spanish ``question``: glossary terms, then words, in the question's order."""
    table, longest = _terms()
    vocabulary = words()
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
        if hit is not None:
            out.append(hit)
        else:
            word = found[i].group().strip(_PUNCT)
            english = vocabulary.get(word)
            if english is None and word.endswith("s"):
                english = vocabulary.get(word[:-1])
            if english is None:
                out.append(written[i])  # a name, a number, an acronym, or a word the list lacks
            elif english:
                out.append(english)
        i += size
    return " ".join(w for w in out if w)
