"""The index from provision keys to the chunks that hold them: "ley-aduanera:art:108" → the chunks of article 108
(and of its fracciones), in document order. Built once per index generation from the chunks' ``refs``; a look-up is
a dictionary hit.
"""

from __future__ import annotations

from collections.abc import Iterable

from assistant import legal_refs as refs
from assistant.lookup import Lookup
from assistant.models import Chunk


def _parents(key: str) -> list[str]:
    """The wider provisions a key sits in ("…:art:108" for "…:art:108:fr:iii"; "hts:8544.42" for "hts:8544.42.90")."""
    if key.startswith("hts:"):
        code = key[4:]
        wider = [code[:i] for i in range(len(code) - 1, 3, -1) if code[i] == "."]
        return ["hts:" + c for c in wider]
    parts = key.split(":")
    return [p for p in (":".join(parts[:n]) for n in range(len(parts) - 1, 2, -1)) if refs.key_matches(p, key)]


class RefIndex:
    """Look-up key → ids of the chunks that hold it or a provision inside it, in document order (doc, ordinal).
    Built once from the indexed chunks; a look-up is a dictionary hit."""

    def __init__(self, under: dict[str, tuple[str, ...]]):
        self._under = under

    @classmethod
    def build(cls, chunks: Iterable[Chunk]) -> RefIndex:
        places: dict[str, list[tuple[str, int, str]]] = {}
        for chunk in chunks:
            place = (chunk.doc_id, chunk.ordinal, chunk.id)
            for key in dict.fromkeys(chunk.refs):
                for held in (key, *_parents(key)):
                    places.setdefault(held, []).append(place)
        return cls({key: tuple(dict.fromkeys(cid for *_, cid in sorted(found))) for key, found in places.items()})

    def __len__(self) -> int:
        return len(self._under)

    def resolve(self, lookup: Lookup) -> tuple[str | None, list[str]]:
        """The first of the look-up's keys (most specific first) that some chunk answers, and those chunks' ids."""
        for key in lookup.keys:
            if key in self._under:
                return key, list(self._under[key])
        return None, []

    def find(self, lookup: Lookup) -> list[str]:
        """Ids of the chunks holding the provision or its parts, in document order (an article is answered by its
        fracciones, "hts:8544.42" by "hts:8544.42.90")."""
        return self.resolve(lookup)[1]
