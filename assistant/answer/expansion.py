"""Query expansion: domain abbreviations and Spanish/English twins (data in ``data/synonyms.yaml``)."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

import yaml


@lru_cache(maxsize=1)
def _table() -> list[tuple[re.Pattern, str]]:
    data = yaml.safe_load(files("assistant").joinpath("data/synonyms.yaml").read_text(encoding="utf-8")) or {}
    return [(re.compile(rf"(?<![\w-]){re.escape(str(k))}(?![\w-])", re.IGNORECASE), str(v)) for k, v in data.items()]


def expand_query(query: str) -> str:
    """Append the expansions of any known term in ``query`` (each once)."""
    extra: list[str] = []
    for pattern, expansion in _table():
        if pattern.search(query) and expansion.lower() not in query.lower() and expansion not in extra:
            extra.append(expansion)
    return f"{query} ({'; '.join(extra)})" if extra else query
