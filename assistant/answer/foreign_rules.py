"""A law or program of Canada that the question names: not covered unless a retrieved passage names it.

The knowledge base holds Mexico's laws and the US texts, and USMCA as it applies between them; it holds no Canadian
statute or program. Canada itself is named in passage after passage (USMCA, CUSMA), so the check for countries no
passage mentions (:func:`assistant.answer.coverage.missing_entity`) never fires for it: "How does Canada's Duties
Relief Program work …?" was answered with USMCA Article 2.5, and "¿Qué plazo da la Ley de Aduanas de Canadá …?" with
a Ley Aduanera article. Pure.
"""

from __future__ import annotations

import re
from typing import Sequence

from assistant.answer.question import Question
from assistant.models import Passage
from assistant.text import fold

_RULE = r"(?:laws?|act|program(?:me)?s?|regime|code|regulations?|leyes|ley|programas?|codigo|regimen|reglamento)"
# "Canada's Duties Relief Program", "the Canadian Customs Act", "la Ley de Aduanas de Canadá", "el programa canadiense
# de devolución de aranceles"
_CANADIAN = re.compile(
    rf"\b(?:canada'?s|canadian)\s+(?P<en>(?:[\w-]+\s+){{0,3}}?{_RULE})\b|"
    rf"\b(?P<es>{_RULE}\s+(?:[\w-]+\s+){{0,4}}?(?:de|del)\s+canada|{_RULE}\s+canadiense)\b")
_NOT_NAME = frozenset("the a an of de del la el los las y and for para".split())


def canadian_rule(question: Question, passages: Sequence[Passage]) -> str | None:
    """The Canadian law or program the question names, as the visitor wrote it, when no retrieved passage names it
    ("Canada's Duties Relief Program"); None when it names none, or a passage names it."""
    found = _CANADIAN.search(question.folded)
    if found is None:
        return None
    span = found.group("en") or found.group("es")
    words = [w for w in re.findall(r"[a-z]+", span) if w not in _NOT_NAME and w != "canada"]
    seen = " ".join(fold(f"{p.chunk.title} {p.chunk.text}") for p in passages)
    if " ".join(words) in seen.replace("-", " "):
        return None
    same = len(question.text) == len(question.folded)  # (then the visitor's own spelling, with accents)
    return question.text[found.start():found.end()] if same else found.group()
