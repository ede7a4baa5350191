"""Whether a sentence says what may or may not be done, for a question asking whether one may: "Can our Mexican
trucking company, which has FMCSA long-haul authority, pick up a load in Dallas and drop it in Chicago?" is answered by
"Even with long-haul authority, a Mexican carrier may move only international cargo in the United States: … (cabotage)
are prohibited", not by "Mexico-domiciled trucking companies need FMCSA registration …". Pure.
"""

from __future__ import annotations

import re

# "Can we …?", "Could a shelter client …?", "May we …?", "¿Se puede …?", "¿Podemos …?", "Is it allowed …?"
_ASKS_MAY = re.compile(r"^¿?(?:can|could|may) (?:we|i|you|our|my|a|an|the|they|it|he|she)\b|"
                       r"^¿?(?:is it|are we|am i) (?:legal|allowed|permitted|possible)\b|"
                       r"^¿?(?:se puede|se pueden|puedo|podemos|puede|pueden|es legal|esta permitido)\b|"
                       # … or a statement of what one must or need not do put to be confirmed: "Since it's a temporary
                       # import under IMMEX, we don't pay any import duty on the machines, right?"
                       r"[,;]\s*¿?(?:right|correct|true|verdad|cierto|correcto)\W*$")
# what a rule allows, forbids or requires: "may only", "cannot", "is prohibited", "must pay", "no puede", "está
# prohibido", "se permite", "debe"
_SAYS_MAY = re.compile(r"\b(?:may(?: not| only)?|cannot|can't|can only|prohibit\w*|forbid\w*|not allowed|allowed|"
                       r"permit(?:s|ted)?|bans?|banned|no (?:puede|pueden|se permite)|puede|pueden|prohib\w*|permit\w*|"
                       r"solo (?:puede|pueden)|must(?: not)?|has to|have to|exempt\w*|debe\w*|exent\w*)\b")
PERMISSION_BONUS = 0.2


def permission_fit(folded_question: str, folded_sentence: str) -> float:
    """A bonus for a sentence saying what may or may not be done, when the (folded) question asks whether one may."""
    return PERMISSION_BONUS if _ASKS_MAY.search(folded_question) and _SAYS_MAY.search(folded_sentence) else 0.0
