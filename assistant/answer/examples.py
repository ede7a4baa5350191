"""Worked examples in the guides: their sentences illustrate a rule with assumed figures, they do not state it.

"Why would qualifying for USMCA increase the Mexican duty …?" wants the rule's reason, not "In this hypothetical
example, an IMMEX plant imports components …"; "What basic severance does the law require?" wants the law's three
months, not the example's case ("A permanent operator in Querétaro … with a daily salary of MXN 400 is dismissed …").
Pure.
"""

from __future__ import annotations

import re

from assistant.answer.question import Question
from assistant.text import fold

# A section working one case through with assumed figures ("Worked example of the 9802.00.80 duty saving", "Ejemplo
# práctico"): its sentences ("Without 9802.00.80 the duty would be $3.50 per unit") illustrate, they do not state the rule
# (not "Example 3: programmable controllers of 8537.10.91", a real tariff line's rule)
_EXAMPLE_SECTION = re.compile(r"^(?:worked example|ejemplo)\b")
# asked for an example or for how a sum is worked out ("How is the seniority premium calculated …?")
_ASKS_EXAMPLE = re.compile(r"\b(?:examples?|ejemplos?|illustrat\w*|worked|calculat\w*|comput\w*|calcul\w*)\b")
EXAMPLE_PENALTY = 0.5
PREMISE_PENALTY = 0.35  # … for a figure question, an example's assumed figures (its premise, its assumptions)
_ASSUMPTIONS_SECTION = re.compile(r"^(?:assumptions?|supuestos)\b")
# … and a sentence anywhere that says its figure is assumed ("Assume, for illustration only, an MFN duty rate of 3.5%",
# "an assumed MFN rate of 2.6% (illustration only)", "Supongamos una tasa de 5%"): no answer to what the figure is
_PREMISE = re.compile(r"^(?:assume|suppose|supongamos|suponga|imagine)\b|\b(?:illustration only|for illustration|"
                      r"an assumed|hypothetical|hipotetic[oa]|a modo de ejemplo|solo como ilustracion|ilustrativ[oa])\b")


def example_fit(q: Question, section: str, position: int = -1, folded: str = "") -> float:
    """A penalty for a worked example's sentence when the question asks what a rule is, how or why it works — for a
    figure, only for the figures the example assumes (a worked example may hold the very sum asked); none for a
    yes/no question about the visitor's own case ("Can we count a motor from a US supplier …?" is answered by the
    example's motor) nor when an example or a calculation is asked for. ``folded``: the sentence, folded."""
    heading = fold(section.split(" > ")[-1]).strip()
    if _ASKS_EXAMPLE.search(q.folded):
        return 0.0
    if q.answer_type in ("definition", "how_to", "why"):
        return -EXAMPLE_PENALTY if _EXAMPLE_SECTION.search(heading) else 0.0
    # a figure asked: not the figures an example assumes — its assumptions ("Legal minimum benefits only: 15-day
    # aguinaldo, 12 vacation days …") and the opening sentence setting out its case ("A permanent operator in
    # Querétaro with five full years of service and a daily salary of MXN 400 is dismissed …")
    if q.answer_type in ("amount", "rate", "duration") and (
            _ASSUMPTIONS_SECTION.search(heading) or (position == 0 and _EXAMPLE_SECTION.search(heading))
            or _PREMISE.search(folded)):  # (the sentence, accent-folded and lower-cased)
        return -PREMISE_PENALTY
    return 0.0
