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
from assistant.answer.question import Question, asking_text
from assistant.calculators.places import find_places
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


def covered_beyond_places(q: Question, guides: list[Candidate], q_counts: Counter, weight: Callable[[str], float],
                          min_coverage: float, other_language: Callable[[Candidate], bool],
                          gloss_counts: Counter | None, chatter: frozenset[str]) -> bool:
    """Whether a guide's sentence covers the question once the places it names are set aside: "any hotels near
    Querétaro airport?" is not covered by a sentence on Querétaro's airport, nor "How many people does Foxconn employ
    in Ciudad Juárez?" by Juárez's minimum wage. A sentence in the other language than the question's is weighed
    against the question's gloss (``gloss_counts``), as its cover was: "¿renta industrial promedio en Monterrey …?"
    by "Monterrey's average industrial rent …". With context around the sentence that asks, that sentence alone may
    cover it ("We're a 200-person assembler in Dongguan. If we open in Ciudad Juárez, what state payroll tax rate
    should go into the 2026 budget? Our consultant's older deck says 3%…": the deck and Dongguan are no subject)."""
    spans = [m for m in find_places(q.text) if m.place.kind != "country"]  # a country frames the question
    if not spans or not guides:
        return True
    place_tokens = set(tokenize(" ".join(q.folded[m.start:m.end] for m in spans)))

    def share(c: Candidate, counts: Counter) -> float:
        rest = {t: n for t, n in counts.items() if t not in place_tokens}
        total = sum(weight(t) * n for t, n in rest.items())
        if not rest or total <= 0:
            return 1.0
        return sum(weight(t) * n for t, n in rest.items() if t in c.tokens) / total

    def whole(c: Candidate) -> Counter:
        return gloss_counts if gloss_counts and other_language(c) else q_counts

    if max(share(c, whole(c)) for c in guides) >= min_coverage:
        return True
    asking = asking_text(q)
    if not asking:
        return False
    own = Counter(t for t in tokenize(asking) if t not in chatter)
    glossed = Counter(t for t in tokenize(english_gloss(asking)) if t not in chatter) if gloss_counts else own
    return max(share(c, glossed if other_language(c) else own) for c in guides) >= max(min_coverage, ASKING_COVER)
