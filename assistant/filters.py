"""Metadata filters: one shape, one builder and one matching rule for every place that filters.

A filter maps a key to the values allowed for it, e.g. ``{"jurisdiction": ["MX"], "topics": ["immex", "labor"]}``:
an item passes when, for every key, its value is one of the allowed ones (for ``topics``, when it shares at
least one topic). The vector store translates the same shape into its own query language
(:func:`assistant.index.vectors.where_clause`).
"""

from __future__ import annotations

from typing import Any, Iterable

from assistant.errors import UserInputError

FILTER_KEYS = ("jurisdiction", "topics", "doc_type", "language", "doc_id")

Filters = dict[str, list[str]]


def build_filters(**values: Iterable[str] | None) -> Filters | None:
    """A filter from keyword lists (``jurisdiction=["MX"], topics=None``): empty lists are dropped; None when empty."""
    unknown = set(values) - set(FILTER_KEYS)
    if unknown:
        raise KeyError(f"unknown filter key(s): {', '.join(sorted(unknown))}")
    filters = {key: list(v) for key, v in values.items() if v}
    return filters or None


def matches(item: Any, filters: Filters | None) -> bool:
    """Whether ``item`` (a chunk, a document summary: anything with these attributes) passes ``filters``."""
    if not filters:
        return True
    for key, allowed in filters.items():
        if not allowed:
            continue
        if key == "topics":
            if not set(allowed) & set(getattr(item, "topics", None) or ()):
                return False
        elif getattr(item, key, None) not in allowed:
            return False
    return True


MAX_VALUES_PER_KEY = 50
MAX_VALUE_CHARS = 100


def has_lone_surrogate(text: str) -> bool:
    """True when ``text`` holds a UTF-16 surrogate on its own (valid JSON can carry one; no encoder accepts it)."""
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def validate_filters(filters: object) -> Filters | None:
    """``filters`` checked against the limits every entry point shares, or :class:`UserInputError`.

    Known keys only, at most ``MAX_VALUES_PER_KEY`` values per key (the vector store turns each value into a
    clause; thousands of them crash it), each a short string free of lone surrogates. Duplicates are dropped.
    """
    if filters is None:
        return None
    if not isinstance(filters, dict):
        raise UserInputError('filters must be an object such as {"jurisdiction": ["MX"]}')
    clean: Filters = {}
    for key, values in filters.items():
        if key not in FILTER_KEYS:
            raise UserInputError(f"unknown filter {str(key)[:40]!r}: use one of {', '.join(FILTER_KEYS)}")
        if isinstance(values, str) or not isinstance(values, (list, tuple)):
            raise UserInputError(f"filter {key!r} must be a list of strings, e.g. [\"MX\"]")
        if len(values) > MAX_VALUES_PER_KEY:
            raise UserInputError(f"filter {key!r} has {len(values)} values: at most {MAX_VALUES_PER_KEY} are allowed")
        unique: list[str] = []
        for value in values:
            if not isinstance(value, str) or not value.strip():
                raise UserInputError(f"filter {key!r} values must be non-empty strings")
            if len(value) > MAX_VALUE_CHARS:
                raise UserInputError(f"a {key!r} filter value is longer than {MAX_VALUE_CHARS} characters")
            if has_lone_surrogate(value):
                raise UserInputError(f"a {key!r} filter value contains an invalid character (a lone surrogate)")
            if value not in unique:
                unique.append(value)
        if unique:
            clean[key] = unique
    return clean or None
