"""The announcement each inciso of a law's list is read with: "b) Materias primas, partes y componentes …" states no
period on its own; its fracción's opening does ("I. Hasta por dieciocho meses, en los siguientes casos:"). Pure.
"""

from __future__ import annotations

import re
from typing import Sequence

# an inciso opening a piece ("a) …", "(b) …"), not a fracción ("III. …"), which announces its own list
_INCISO = re.compile(r"^(?:[a-z]\)|\([a-z]\))\s")


def announcements(pieces: Sequence[str]) -> dict[int, int]:
    """For each inciso among ``pieces`` (a provision's pieces, in order), the index of the piece announcing its list:
    the nearest piece before it ending in a colon, with only incisos between them."""
    found: dict[int, int] = {}
    head: int | None = None
    for i, piece in enumerate(pieces):
        if _INCISO.match(piece):
            if head is not None:
                found[i] = head
            continue
        head = i if piece.rstrip().endswith(":") else None
    return found


def read_with_announcement(pieces: Sequence[str]) -> list[str]:
    """Each piece as it is read: an inciso after its list's announcement, any other piece as it stands."""
    heads = announcements(pieces)
    return [f"{pieces[heads[i]]} {piece}" if i in heads else piece for i, piece in enumerate(pieces)]
