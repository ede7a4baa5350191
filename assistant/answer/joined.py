"""A sentence that points back, joined to the sentence it points to: one sentence of the answer, read as one.

"It was published in the DOF on 14 January 2022, entered into force on 15 January 2023 …" says when NOM-004-SE-2021
came into force, but only after "NOM-004-SE-2021 governs labeling of textile products …"; shown apart, the answer
opens with the definition and the date comes second, or the date comes without what "it" is. Joined at a semicolon —
"NOM-004-SE-2021 governs labeling of textile products …; it was published … on 15 January 2023 …" — the guide's two
sentences are one, word for word, and the first sentence of the answer holds the fact. A pair too long to read as
one sentence stays two. Pure.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.answer.candidate import Candidate
from assistant.sentences import points_back

MAX_ANTECEDENT_WORDS = 40  # the sentence pointed to, at most this long …
MAX_JOINED_WORDS = 80  # … and the two together


def antecedent_of(candidates: list[Candidate], cand: Candidate) -> Candidate | None:
    """The sentence right before ``cand`` in its passage, among ``candidates``, when it agrees with the question."""
    return next((c for c in candidates if c.passage_rank == cand.passage_rank and c.position == cand.position - 1
                 and c.agrees), None)


def joinable(antecedent: Candidate, follower: Candidate) -> bool:
    """Whether the two read as one sentence: the follower points back, the antecedent ends a plain sentence, and
    neither is long."""
    words = len(antecedent.text.split())
    return (points_back(follower.text) and antecedent.text.rstrip().endswith(".") and words <= MAX_ANTECEDENT_WORDS
            and words + len(follower.text.split()) <= MAX_JOINED_WORDS and not antecedent.text.rstrip().endswith("..."))


def joined(antecedent: Candidate, follower: Candidate) -> Candidate:
    """The antecedent and the sentence pointing back to it as one candidate ("…; it was published …"), scored as the
    better of the two, holding both's words."""
    head = antecedent.text.rstrip()[:-1].rstrip()
    tail = follower.text.strip()
    return replace(antecedent, text=f"{head}; {tail[:1].lower()}{tail[1:]}", tokens=antecedent.tokens | follower.tokens,
                   score=max(antecedent.score, follower.score), covered=max(antecedent.covered, follower.covered))
