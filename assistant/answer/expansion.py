"""Query expansion: domain abbreviations and twins (``data/synonyms.yaml``), and the other language's words for the
trade, customs, tax and labor terms of a question (``data/glossary.yaml``): "temporary import" also searches for
"importación temporal", "aguinaldo" for "Christmas bonus". Pure and fast: the glossary becomes one dictionary from
a term's normalised words to what it adds, and a question is looked up word run by word run, longest run first.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib.resources import files

import yaml

from assistant.text import fold

_FUNCTION_WORDS = frozenset(["a", "al", "and", "by", "con", "de", "del", "e", "el", "en", "for", "in", "la", "las", "los", "of", "on", "para", "por", "the", "to", "y"])
_TOKEN = re.compile(r"[^\s\-–—/,;:!?¿¡()\"“”]+")


@lru_cache(maxsize=1)
def _table() -> list[tuple[re.Pattern, str]]:
    data = yaml.safe_load(files("assistant").joinpath("data/synonyms.yaml").read_text(encoding="utf-8")) or {}
    return [(re.compile(rf"(?<![\w-]){re.escape(str(k))}(?![\w-])", re.IGNORECASE), str(v)) for k, v in data.items()]


@lru_cache(maxsize=1)
def glossary() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """The glossary entries as (English terms, Spanish terms)."""
    text = files("assistant").joinpath("data/glossary.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []
    return tuple((tuple(str(t) for t in entry["en"]), tuple(str(t) for t in entry["es"])) for entry in data)


def is_acronym(term: str) -> bool:
    """Short capitals ("PTU", "SAT", "VAT") match only as written: "sat" and "nom" are ordinary words."""
    return term.isupper() and term.isalpha() and len(term) <= 3


def word_spans(text: str) -> list[re.Match]:
    return list(_TOKEN.finditer(text))


def canon_word(word: str) -> str:
    """A folded word without its plural ending, so "importaciones temporales" meets "importación temporal" and
    "penalties" meets "penalty"."""
    word = word.strip(".'’")
    if len(word) <= 3 or word in _FUNCTION_WORDS:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    word = word[:-2] if word.endswith("es") and len(word) > 4 else word.removesuffix("s")
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def term_key(term: str) -> tuple[str, ...]:
    """How a glossary term is looked up: its normalised words (acronyms as written)."""
    return (term,) if is_acronym(term) else tuple(canon_word(m.group()) for m in word_spans(fold(term)))


@lru_cache(maxsize=1)
def _lookup() -> tuple[dict[tuple[str, ...], tuple[str, ...]], int]:
    """Term key → the other language's terms, and the longest key."""
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for en, es in glossary():
        for terms, other in ((en, es), (es, en)):
            for term in terms:
                table.setdefault(term_key(term), other)
    return table, max((len(k) for k in table), default=0)


def longest_term(canon: list[str], i: int, table: dict, longest: int,
                 glued: list[bool] | None = None) -> tuple[object | None, int]:
    """The table's entry for the longest run of normalised words starting at ``i`` (a run never ends on a word
    ``glued`` by a hyphen to the next) and the run's length; ``(None, 1)`` when no run is in the table."""
    for n in range(min(longest, len(canon) - i), 0, -1):
        if (glued is None or not glued[i + n]) and (hit := table.get(tuple(canon[i:i + n]))):
            return hit, n
    return None, 1


def bilingual_terms(query: str) -> list[str]:
    """The other language's terms for every glossary term in ``query``, longest term first where terms overlap
    (each once, none already in the query)."""
    table, longest = _lookup()
    query = unicodedata.normalize("NFC", query)
    folded = "".join(f if len(f := fold(c)) == 1 else c.lower()[:1] for c in query)  # one for one: same positions
    words = word_spans(folded)
    canon = [canon_word(m.group()) for m in words]
    glued = [i > 0 and folded[words[i - 1].end():m.start()] == "-" for i, m in enumerate(words)] + [False]
    joined, written = f" {' '.join(canon)} ", {query[m.start():m.end()].strip(".'’") for m in words}
    out: list[str] = []
    seen: set[tuple[str, ...]] = set()
    i = 0
    while i < len(words):
        hit, size = longest_term(canon, i, table, longest, glued) if not glued[i] else (None, 1)
        word = query[words[i].start():words[i].end()].strip(".'’")
        if hit is None and is_acronym(word) and not glued[i] and not glued[i + 1]:  # "PTU" as written, not "ptu"
            hit = table.get((word,))
        keys = [term_key(term) for term in hit or ()]
        asked = any(term in written if is_acronym(term) else f" {' '.join(key)} " in joined
                    for term, key in zip(hit or (), keys))
        for term, key in zip(hit or (), keys):  # the other language already asked for: nothing to add
            if not asked and key not in seen:
                out.append(term)
            seen.add(key)
        i += size
    return out


def _synonyms(query: str) -> list[str]:
    extra: list[str] = []
    for pattern, expansion in _table():
        if pattern.search(query) and expansion.lower() not in query.lower() and expansion not in extra:
            extra.append(expansion)
    return extra


def synonym_groups(query: str) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """For each synonym of ``query`` (data/synonyms.yaml): the question's words it is found by and the words of its
    expansion, as BM25 tokens ("OEA" → {"oea"}, {"author", "econom", "oper"}; "staffing company" → {"staf", "compani"},
    {"outsourc", "subcontract", "reps"}). The composer counts each such concept once: added to the question, the
    expansion made a sentence spelling out an acronym beside it ("Authorized Economic Operators (OEA)") look twice as
    covered as the one that answers."""
    from assistant.index.lexical import tokenize

    groups = []
    for pattern, expansion in _table():
        for m in pattern.finditer(query):
            own = frozenset(tokenize(m.group()))
            extra = frozenset(tokenize(expansion)) - own
            if own and extra and (own, extra) not in groups:
                groups.append((own, extra))
    return tuple(groups)


def expand_query(query: str, bilingual: bool = False) -> str:
    """Append the expansions of any known term in ``query`` (each once): the synonyms, and with ``bilingual`` the
    glossary's terms in the other language too — for the lexical side only (:func:`lexical_query`): added to what
    is embedded or to what the composer matches, the other language's words shift the meaning of the question."""
    extra = _synonyms(query)
    if bilingual:
        known = {term_key(e) for e in extra}  # "impuesto sobre nómina" from the synonyms: not again as "… nóminas"
        extra += [term for term in bilingual_terms(query) if term_key(term) not in known]
    return f"{query} ({'; '.join(extra)})" if extra else query


def lexical_query(query: str) -> str:
    """What BM25 searches: the question with its synonyms and its glossary terms in both languages, so an English
    question reaches a Spanish article ("temporary import" → "importación temporal") and the other way round."""
    return expand_query(query, bilingual=True)
