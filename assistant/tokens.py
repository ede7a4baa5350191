"""The one tokenizer for lexical matching — BM25 retrieval, the composer's term weights, the tariff-line search:
accent-folded, stop-worded (English and Spanish), stemmed tokens."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from assistant.text import fold

_TOKEN = re.compile(r"(?u)\b\w\w+\b|\b\d\b")
_STEMMER_LANGUAGE = "english"

# Bump by hand whenever tokenizing changes in a way the fingerprint below cannot see (the order of the
# steps, a new rule in ``fold``, ...): every index built before is then rebuilt on the next ingest.
TOKENIZER_VERSION = "3"


# Words the stemmer would merge with another of this domain: "ratings" (the VAT certification's A, AA, AAA) is not
# "rate" (a duty or tax rate). Kept whole, as folded. And the everyday words for what the guides and laws name
# otherwise: a visitor's "car" or "auto parts" is the guides' "automobile" ("automobile parts").
_KEEP_WHOLE = {"rating": "rating", "ratings": "rating",
               "car": "automobil", "cars": "automobil", "auto": "automobil", "autos": "automobil"}


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN, STOPWORDS_SPANISH

    return frozenset(fold(w) for w in (*STOPWORDS_EN, *STOPWORDS_SPANISH))


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer(_STEMMER_LANGUAGE)


@lru_cache(maxsize=1)
def _tokenizer_fingerprint() -> str:
    """Stemmer, token pattern, stop words, the words kept whole and how a sample of accented text folds, hashed."""
    parts = [_STEMMER_LANGUAGE, _TOKEN.pattern, fold("ÁÉÍÓÚÜÑ áéíóúüñ Çç ß"), *sorted(_stopwords()),
             *(f"{word}>{kept}" for word, kept in sorted(_KEEP_WHOLE.items()))]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:10]


def tokenizer_version() -> str:
    """Identifies the BM25 tokenizer in the index manifest: a different one forces a full rebuild."""
    return f"{TOKENIZER_VERSION}-{_tokenizer_fingerprint()}"


def tokenize(text: str) -> list[str]:
    """Accent-folded, stop-worded, stemmed tokens; numbers kept ('0.3464', '108', '2026')."""
    stops = _stopwords()
    raw = [t for t in _TOKEN.findall(fold(text)) if t not in stops]
    stemmed = _stemmer().stemWords(raw)
    return [_KEEP_WHOLE.get(word, stem) for word, stem in zip(raw, stemmed)]
