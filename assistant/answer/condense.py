"""Turn a follow-up question and the chat history into a standalone retrieval query."""

from __future__ import annotations

import re

from assistant.index.lexical import tokenize
from assistant.models import Turn

_FOLLOW_UP = re.compile(
    r"^\s*[¿¡]?\s*(and|also|what about|how about|what if|same for|and what about|and for|and in|"
    r"y|y qué hay de|y en|y para|y si|qué tal|what of|then)\b[\s,]*",
    re.IGNORECASE,
)
_REFERENCE = re.compile(r"\b(it|its|that|this|those|these|they|them|there|same|ese|esa|eso|esos|esas|ahí|allí)\b", re.I)


def is_follow_up(question: str) -> bool:
    """Elliptical or referring questions ("And machinery?", "What about in Juárez?", "Is it exempt?")."""
    content = tokenize(question)
    return bool(_FOLLOW_UP.match(question)) or len(content) <= 2 or (len(content) <= 5 and bool(_REFERENCE.search(question)))


def standalone_query(question: str, history: list[Turn] | None) -> str:
    """Without a language model: a follow-up borrows the subject of the previous user question."""
    if not history or not is_follow_up(question):
        return question
    previous = next((t.content for t in reversed(history) if t.role == "user"), None)
    if not previous:
        return question
    core = _FOLLOW_UP.sub("", question).strip(" ?¿!.") or question
    # The new focus is stated twice so it outweighs the borrowed context.
    return f"{core} {core} — {previous}"
