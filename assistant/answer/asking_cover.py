"""Cover of a question with context before it: the sentence that asks must be covered, not the context; and of a
follow-up that borrows the previous question's subject (:func:`follow_up_covered`).

"Le vamos a vender subensambles a otra IMMEX aquí en Ciudad Juárez sin que la mercancía salga del país. ¿Qué clave
de pedimento usa el agente aduanal para esa transferencia virtual?" — the first sentence is the visitor's situation,
and its words (subensambles, Juárez, país) are in no sentence that answers. Weighed with them, the best sentence of
the virtual-transfer guide covers too little of the question and the answer abstains; weighed by the asking sentence
alone, it covers it. A Spanish question is matched against an English guide through its English gloss.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Callable, Iterable

from assistant.answer.candidate import Candidate
from assistant.answer.gloss import english_gloss
from assistant.index.lexical import tokenize

# the share of the asking sentence's weighted words one candidate must hold: more than the whole question's threshold,
# as a short asking sentence ("Does CBP care when we import the parts?") is covered by a word or two
ASKING_COVER = 0.35


def asking_covered(asking: str | None, candidates: Iterable[Candidate], weight: Callable[[str], float],
                   chatter: frozenset[str], needed: float, lang: str,
                   other_language: Callable[[Candidate], bool]) -> bool:
    """Whether a candidate holds ``needed`` (and at least :data:`ASKING_COVER`) of the weighted words of ``asking``
    (the sentence that asks after the context, :func:`assistant.answer.question.asking_text`; None when there is
    none). A candidate in another language than the visitor's counts only for a Spanish question, through the asking
    sentence's English gloss."""
    if not asking:
        return False
    own = Counter(t for t in tokenize(asking) if t not in chatter)
    glossed = Counter(t for t in tokenize(english_gloss(asking)) if t not in chatter) if lang == "es" else Counter()

    def cover(counts: Counter, tokens: frozenset[str]) -> float:
        total = sum(weight(t) * n for t, n in counts.items())
        return sum(weight(t) * n for t, n in counts.items() if t in tokens) / total if total else 0.0

    return any(cover(glossed if other_language(c) else own, c.tokens) >= max(needed, ASKING_COVER) for c in candidates)


def follow_up_covered(borrowed: tuple[str, str] | None, candidates: list[Candidate], weight: Callable[[str], float],
                       chatter: frozenset[str], needed: float, lang: str, foreign: Callable[[Candidate], bool],
                       known: Callable[[str], bool] | None) -> bool:
    """A follow-up that borrows the previous question's subject ("¿Y a alguien que entró en julio también le toca?"
    after the aguinaldo) is covered when the previous question is and every word it adds is one our documents use:
    its own words ("entró", "julio") name a case of the subject, not a new one ("And hotel costs?" adds a word no
    document holds)."""
    if borrowed is None or known is None:
        return False
    previous, core = borrowed

    def used(word: str) -> bool:  # (a Spanish word our English guides would write in English: "entró" → "enter")
        return (all(known(t) for t in tokenize(word) if t not in chatter)
                or (lang == "es" and all(known(t) for t in tokenize(english_gloss(word)))))

    added = [w for w in re.findall(r"[^\W\d_]+", core) if any(t not in chatter for t in tokenize(w))]
    return bool(added) and all(map(used, added)) and asking_covered(previous, candidates, weight, chatter, needed,
                                                                      lang, foreign)
