"""What the knowledge base does not cover, said instead of an answer built from passages that do not hold it.

Weak retrieval support (and what covers a question the embedding model finds far: an acronym a guide spells out, a
short question's words all in the best guide); a country, tariff line or government benefit the question names that no
retrieved passage mentions; an acronym or a short question's word that no document holds; a Mexican state a
state-by-state list leaves out. (A year no passage mentions: :mod:`assistant.answer.years_asked`.)
Pure functions over the analyzed question and the retrieved passages; the composer
(:mod:`assistant.answer.extractive`) checks them before it scores a sentence.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from assistant.answer.acronyms import asked_acronyms, spells_out
from assistant.answer.question import Question, asking_part
from assistant.answer.topics import BENEFIT, COUNTRY, GOVERNMENT
from assistant.answer.unseen_law import unseen_law
from assistant.calculators.places import MEXICAN_STATES, find_places
from assistant.models import Chunk, Passage
from assistant.text import fold, fold_passage, split_sentences
from assistant.tokens import tokenize

ABSTAIN_EN = (
    "I don't have a source for that in the knowledge base, so I won't guess. "
    "Try rephrasing the question, or ask one of our consultants to look into it."
)
ABSTAIN_ES = (
    "No tengo una fuente para eso en la base de conocimiento, así que no voy a adivinar. "
    "Intente reformular la pregunta o pida a uno de nuestros consultores que lo revise."
)
MISSING_EN = ("I have no source on {what} in the knowledge base, so I won't guess. I can explain how this works in "
              "Mexico — IMMEX, shelters, USMCA rules of origin, US and Mexican tariffs and labor costs.")
MISSING_ES = ("No tengo fuentes sobre {what} en la base de conocimiento, así que no voy a adivinar. Puedo explicar cómo "
              "funciona en México: IMMEX, shelters, reglas de origen del T-MEC, aranceles y costos laborales.")
NO_FIGURE_EN = "I have no figure for that in the knowledge base, so I won't guess one; here is what our sources say."
NO_FIGURE_ES = ("No tengo una cifra para eso en la base de conocimiento, así que no voy a inventarla; esto es lo que "
                "dicen nuestras fuentes.")
def abstention(lang: str) -> str:
    return ABSTAIN_ES if lang == "es" else ABSTAIN_EN


def supported(passages: list[Passage], min_support: float) -> bool:
    """Retrieval support: the best passage must be close enough to the question in embedding space — the best of
    the guides when there are any: the embedding model reads Spanish legal prose loosely, so a law's passage near
    any Spanish question ("¿la mejor receta de paella?") is no sign the knowledge base covers it."""
    pool = [p for p in passages if getattr(p.chunk, "authority", "curated") != "official"] or passages
    best = max((p.dense for p in pool if p.dense is not None), default=None)
    return best is not None and best >= min_support


def _best_guide(passages: list[Passage]) -> Passage | None:
    """The best-ranked passage that is one of our guides, not an official text."""
    return next((p for p in passages if getattr(p.chunk, "authority", "curated") != "official"), None)


# Words that frame what is asked about rather than name it ("What are the disadvantages of a shelter?", "pros and
# cons of the Bajío"): a guide need not use them to cover the question.
_FRAME_WORDS = frozenset(tokenize(
    "advantages disadvantages pros cons drawbacks downsides upsides benefits risks difference differences "
    "meaning requirements steps example examples ventajas desventajas riesgos diferencia diferencias requisitos "
    "pasos ejemplo ejemplos inconvenientes problem problems issue issues concern concerns challenge challenges "
    "problema problemas"))


SHORT_QUESTION_WORDS = 3  # a question of at most this many content words …
SHORT_QUESTION_FLOOR = 0.25  # … whose best guide holds them all is covered if that guide is at least this close


def holds_asked_code(question: Question, passages: list[Passage]) -> bool:
    """Whether the best-ranked guide names the tariff code the question asks about ("How does 9802.00.80 work?"):
    the embedding model reads a code as noise, so similarity alone would abstain on a guide written about it."""
    if not question.entities:
        return False
    guide = _best_guide(passages)
    return guide is not None and any(code in guide.chunk.text for code in question.entities)


def holds_every_word(content: frozenset[str], passages: list[Passage],
                     context: Callable[[Chunk], frozenset[str]]) -> bool:
    """Whether the best-ranked guide holds every content word of a short question ("What is substantial
    transformation?", "Are assists dutiable?"): the embedding model finds a question of two or three words far from
    any passage, so its similarity alone would abstain on what a guide explains. ``context``: a chunk's tokens (title,
    section and text), as the sentence table stores them."""
    content = content - _FRAME_WORDS or content  # "Is water a problem?": the guide must hold "water"
    if not 0 < len(content) <= SHORT_QUESTION_WORDS:
        return False
    guide = _best_guide(passages)
    return guide is not None and (guide.dense or 0.0) >= SHORT_QUESTION_FLOOR and content <= context(guide.chunk)


RARE_WORD_IDF = 4.5  # a word this rare among the guides (in a handful of chunks) names what a question is about …
RARE_WORD_FLOOR = 0.3  # … and the best guide holding it covers the question if it is at least this close


def holds_rare_word(content: frozenset[str], passages: list[Passage], context: Callable[[Chunk], frozenset[str]],
                    weight: Callable[[str], float], known: Callable[[str], bool] | None) -> bool:
    """Whether the best-ranked guide holds the question's rarest word, a term only a handful of guide chunks use
    ("Is there a tax on dividends paid to the US parent?": "dividends"), when every word of the question is in the
    index: the embedding model scores a long question's framing as much as its subject, so a guide written about
    the subject can fall just short of the support floor. A word no document holds ("Bitcoin") is no such sign."""
    if known is None or not content or not all(known(t) for t in content):
        return False
    rarest = max(sorted(content), key=weight)
    guide = _best_guide(passages)
    return (weight(rarest) >= RARE_WORD_IDF and guide is not None and (guide.dense or 0.0) >= RARE_WORD_FLOOR
            and rarest in context(guide.chunk))


PHRASE_FLOOR = 0.3  # the best guide holding two of the question's words side by side covers it if at least this close
PHRASE_IDF = 4.8  # … when the two words' IDFs among the guides add up to this (not "the minimum wage")


def holds_phrase(question_tokens: Sequence[str], chatter: frozenset[str], passages: list[Passage],
                 weight: Callable[[str], float]) -> bool:
    """Whether the best-ranked guide holds two content words of the question side by side, as the question has them
    ("can we run one monthly payroll for everybody?": "a monthly payroll for operators is not allowed"), together
    rare among the guides: a long, chatty question falls short of the support floor though a guide answers it."""
    guide = _best_guide(passages)
    if guide is None or (guide.dense or 0.0) < PHRASE_FLOOR:
        return False
    pairs = {(a, b) for a, b in zip(question_tokens, question_tokens[1:])
             if a not in chatter and b not in chatter and a != b and weight(a) + weight(b) >= PHRASE_IDF}
    if not pairs:
        return False
    held = tokenize(guide.chunk.text)
    return any(pair in pairs for pair in zip(held, held[1:]))


# Acronyms of the conversation, not of the subject ("our CEO asks …", "ASAP"): a question may name them and still be
# about something the knowledge base covers.
_CHAT_ACRONYMS = frozenset("CEO CFO COO CTO CIO VP HR IT FYI ASAP ETA EOD TBD OK FAQ PDF AI USA US UK EU QA PR ERP CRM "
                           "SKU SKUS KPI KPIS ROI MOQ OEM OEMS BOM".split())
# a word in capitals for emphasis ("made in Mexico and NOT qualifying", "URGENT"), not an acronym
_EMPHASIS = frozenset("NOT NO YES ONE TWO ALL ANY ONLY NEVER ALWAYS REALLY EXACTLY URGENT IMPORTANT PLEASE HELP NEW OLD "
                      "BEFORE AFTER STILL BOTH EACH EVERY TOTAL ACTUAL NOW TODAY MUST WITHOUT WITH AND OR BUT NI SIN CON "
                      "TODO TODOS SOLO NUNCA YA".split())
_CAPITALS = re.compile(r"(?<![\w-])[A-Z]{3,}(?:-[A-Z]{2,})?(?![\w-])")  # "SEMARNAT", "T-MEC"; not "FY25"
_SHOUTED = re.compile(r"\b[A-Z]{2,}\W+[A-Z]{2,}\b")  # "SYSTEM OVERRIDE: …": words in capitals, not an acronym


def unknown_acronym(question: Question, known: Callable[[str], bool] | None) -> str | None:
    """An acronym the question names that no document in the index holds: the one a "what is …?" question asks about
    ("What's the ISF filing?"), or one written in capitals anywhere ("What SEMARNAT permit do we need?"). The
    knowledge base has nothing on it, whatever the passages near the question say."""
    if known is None:
        return None
    shouted = " ".join(m.group() for m in _SHOUTED.finditer(question.text))
    written = [m.group() for m in _CAPITALS.finditer(asking_part(question.text))
               if m.group() not in _CHAT_ACRONYMS | _EMPHASIS and m.group() not in shouted]
    found = next((a for a in (*asked_acronyms(question), *written)
                  if tokenize(a) and not any(known(t) for t in tokenize(a))), None)  # (not a stop word alone)
    return found or next((m.group() for m in _STANDARD.finditer(question.text)
                          if not _YEAR_LIKE.fullmatch(m["number"]) and not known(m["number"])), None)


# a standard named by its body and number ("ISO 14001", "IATF 16949"): the body may be known ("ISO 13485" is in a
# guide), the standard is not when no document holds its number
_STANDARD = re.compile(r"(?<![\w-])(?!(?:USD|MXN|US|EUR|RMB|CNY|CAD|FY|Q)\b)(?:[A-Z]{2,6})[ -](?P<number>\d{3,6})(?![\w.,-]\d|[\w-])")
_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")


def unknown_word(question: str, content: frozenset[str], known: Callable[[str], bool] | None) -> str | None:
    """A word of a short question that no document in the index holds ("What is the weather in Monterrey?"), or of
    the thing a longer one asks for ("What terminal handling charges and demurrage does the port bill?"), as the
    visitor wrote it: the knowledge base says nothing about it, whatever it says about the rest."""
    if known is None or not content:
        return None
    if len(content) > SHORT_QUESTION_WORDS:
        asked = _ASKED.search(question)
        content = frozenset(tokenize(asked.group(1))) & content if asked else frozenset()
    unknown = [t for t in content if not known(t) and t not in _FRAME_WORDS]
    return next((w for w in re.findall(r"[^\W\d_][\w-]*", question) if unknown[0] in tokenize(w)),
                unknown[0]) if unknown else None


# the thing a question asks for, between "what"/"which" and its verb: "What terminal handling charges … does"
_ASKED = re.compile(r"^(?:what|which)\s+((?:[\w-]+\s+){1,5}?)(?:does|do|did|is|are|was|were|will|would|can|could|"
                    r"should|must|has|have)\b", re.IGNORECASE)

# A name written with a capital inside the question ("how much does Foxconn pay …", "Does Guatemala have …"), not
# where a sentence starts
_NAME = re.compile(r"(?<![.?!:;]\s)(?<![¿¡\"'“‘(])\b([A-ZÁÉÍÓÚÑ][a-záéíóúñü]{3,})\b")
# … only a name the question asks something of: "how much does Foxconn pay", "Does Guatemala have", "which Python …"
# a day or month is written with a capital and is no name ("so they can have Saturday afternoons off")
_CALENDAR = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?$|(?:january|february|march|april|may|june|july|august|"
                       r"september|october|november|december)$", re.IGNORECASE)
_ASKED_OF = re.compile(r"\b(?:does|do|did|is|are|was|were|will|would|can|could|has|have|which|what|whose)\s+$",
                       re.IGNORECASE)
# … or a place it is asked about that our places table does not know: "a manufacturer in Ontario, Canada"
_AT = re.compile(r"\b(?:in|at|near|en|cerca de)\s+$", re.IGNORECASE)


def _place_at(text: str, start: int) -> bool:
    """Whether a place of our places table starts at ``start`` ("Nuevo León", "San Luis Potosí": names of two words)."""
    return any(m.start == 0 for m in find_places(fold(text[start:start + 60])))


def unknown_name(question: str, known: Callable[[str], bool] | None) -> str | None:
    """A name the question is about that no document in the index holds ("how much does Foxconn pay its line
    operators in Juárez?"): whatever the passages say of the rest, the knowledge base says nothing of it."""
    if known is None:
        return None
    # (a place of the visitor's context is no subject: "our team in Charlotte. …", "We make appliances in Guangdong: …")
    asks_from = max(question.rfind(mark, 0, question.rfind("?") if "?" in question else len(question)) for mark in ".:;")
    for m in _NAME.finditer(question):
        before = question[:m.start()]
        if m.start() == 0 or _CALENDAR.match(m.group(1)) or not (_ASKED_OF.search(before) or (
                _AT.search(before) and m.start() > asks_from and not _place_at(question, m.start()))):
            continue
        tokens = tokenize(m.group(1))
        if tokens and not any(known(t) for t in tokens):
            return m.group(1)
    return None


def spelled_out(question: Question, passages: list[Passage]) -> bool:
    """Whether a guide among the passages spells out the acronym a "what is …?" question asks about ("What is
    REPSE?" and "Registro de Prestadoras de Servicios Especializados u Obras Especializadas (REPSE)"): the knowledge
    base defines the term even when the embedding model, which does not know the acronym, finds the passage far."""
    wanted = asked_acronyms(question)
    if not wanted:
        return False
    return any(spells_out(acronym, sentence) for p in passages if getattr(p.chunk, "authority", "curated") != "official"
               for sentence in split_sentences(p.chunk.text) for acronym in wanted)


def missing_entity(question: Question, passages: list[Passage]) -> str | None:
    """A country or tariff line the question names that no retrieved passage mentions, or a government's or a
    place's benefits (incentives, subsidies) when no retrieved guide mentions that kind of benefit."""
    if not passages:
        return None
    asked = list(BENEFIT.finditer(question.folded))
    if asked and (question.places or COUNTRY.search(question.folded) or GOVERNMENT.search(question.folded)):
        guides = " ".join(fold_passage(p.chunk.text) for p in passages
                          if getattr(p.chunk, "authority", "curated") != "official")
        for found in asked:  # a government's incentives: none of our guides covers them
            if found.group()[:6] not in guides:
                same = len(question.text) == len(question.folded)  # (then the visitor's own spelling, with accents)
                return question.text[found.start():found.end()] if same else found.group()
    seen = " ".join(fold_passage(f"{p.chunk.title} {p.chunk.section or ''} {p.chunk.text}") for p in passages)
    state = _unlisted_state(question, seen)
    if state is not None:
        return state
    # (a law our official texts only cite — the LISR's "artículos 85 y 123 de la Ley General de Sociedades Mercantiles"
    # — is not one we hold: the guides, and the laws' own titles, say what is covered)
    law = unseen_law(question, " ".join(fold_passage(f"{p.chunk.title} {p.chunk.section or ''}" + (
        f" {p.chunk.text}" if getattr(p.chunk, "authority", "curated") != "official" else "")) for p in passages))
    if law is not None:
        return law
    named = [c for c in COUNTRY.findall(question.folded)
             if c not in _COMMON_NOUNS or re.search(rf"\b{c.title()}\b", question.text)]  # "a turkey" is no country
    codes = list(question.entities)
    for thing in named + codes:
        if thing in named and _covered_as_elsewhere(question.folded, thing, seen):
            continue
        if fold(thing) not in seen or (thing in named and not _on_topic(question, thing, passages)):
            return thing.title() if thing in named else f"HTS {thing}"
    return None


_COMMON_NOUNS = frozenset({"turkey", "chad", "jordan", "guinea"})


_HOME = frozenset("mexico mexican mexicano mexicana us usa united states estados unidos canada china chinese".split())


def _on_topic(question: Question, country: str, passages: list[Passage]) -> bool:
    """Whether a retrieved sentence naming ``country`` shares a word of the question besides the countries: "sourcing
    moved from China to Mexico, Vietnam and others" names Vietnam but says nothing on "Vietnam's export processing
    zones"."""
    words = set(tokenize(question.folded)) - _HOME - set(tokenize(" ".join(COUNTRY.findall(question.folded))))
    if not words:
        return True
    for passage in passages:
        text = fold_passage(passage.chunk.text)
        if country not in text:
            continue
        for sentence in split_sentences(text):
            if country in sentence and words & set(tokenize(sentence)):
                return True
    return False


# "… we export to Germany", "exportamos a Alemania": a destination outside North America …
_DESTINATION = (r"\b(?:export\w*|ship\w*|sell\w*|sold|send\w*|vend\w*|envia\w*|envi[oa]\w*|mand\w*)\b"
                r"[^.?!]{{0,40}}?\b(?:to|in|into|a|en|hacia) (?:the )?{country}\b")
# … that a passage covers as a class: exports outside the USMCA region, to third countries
_ELSEWHERE = re.compile(r"\b(?:outside (?:the )?(?:usmca|north america)|non-usmca|third countr(?:y|ies)|"
                        r"fuera (?:del t-?mec|de (?:la region|norteamerica))|terceros paises)\b")


# "… imports steel coils from Korea", "piezas hechas en Japón": an origin outside North America …
_ORIGIN = (r"\b(?:from|made in|imported from|sourced from|origin(?:ating)? in|de|desde|hech[oa]s? en|fabricad[oa]s? en|"
           r"importad[oa]s? de|(?:supplier|vendor|proveedor)e?s? (?:in|en))\s+(?:the\s+)?{country}\b|"
           r"\b{country}[- ](?:made|origin|suppliers?|vendors?|parts|components|inputs|materials)\b")
# … that a passage covers as a class: inputs from countries without a trade agreement, non-originating materials
_ORIGIN_CLASS = re.compile(r"\b(?:countries without a (?:free )?trade agreement|non-?originating|third countr(?:y|ies)|"
                           r"non-usmca|paises sin (?:un )?tratado|no originari\w*|terceros paises)\b")


# "… our partners are from Taiwan", "socios de Corea", "a Japanese-owned parent": where the owners are from …
_OWNERS = (r"\b(?:partners?|socios?|shareholders?|accionistas?|owners?|duenos?|investors?|inversionistas?|parent(?: company)?|"
           r"(?:casa )?matriz|capital)\b\W+(?:\w+\W+){{0,3}}?(?:from|de|in|en|based in|con sede en)\s+(?:the\s+)?{country}\b")
# … that a passage covers as a class: foreign shareholders, foreign investment, a foreign parent
_OWNERS_CLASS = re.compile(r"\bforeign (?:shareholders?|investors?|investment|owners?|owned|parents?|partners?|capital)\b|"
                           r"\b(?:socios?|accionistas?|inversionistas?|inversion|capital) extranjer[oa]s?\b")


def _covered_as_elsewhere(folded_question: str, country: str, seen: str) -> bool:
    """Whether the question names ``country`` as where goods are exported to and a passage says what applies to
    exports outside the USMCA region ("Article 2.5 does not apply to products exported outside the USMCA"), as
    where goods come from and a passage says what applies to inputs from outside it ("countries without a trade
    agreement with Mexico", "non-originating materials"), or as where the owners are from and a passage says what
    applies to foreign shareholders."""
    country = re.escape(country)
    return (bool(re.search(_DESTINATION.format(country=country), folded_question)) and bool(_ELSEWHERE.search(seen))
            or bool(re.search(_ORIGIN.format(country=country), folded_question)) and bool(_ORIGIN_CLASS.search(seen))
            or bool(re.search(_OWNERS.format(country=country), folded_question)) and bool(_OWNERS_CLASS.search(seen)))


UNLISTED_STATE_MIN = 3  # other states a passage must name for it to count as a state-by-state list


def _unlisted_state(question: Question, seen: str) -> str | None:
    """A Mexican state the question is about (by name or through one of its cities) that the retrieved passages do
    not mention although they go state by state (name at least three other states): "payroll tax in Yucatán?"
    against a table of the states we have rates for. Wage-zone questions are left alone: the zone answers them."""
    if "zone" in seen or "zona" in seen:
        return None
    for match in find_places(question.folded):
        place = match.place
        if place.country != "MX" or place.state is None:
            continue
        if fold(place.name) in seen or fold(place.state) in seen:
            continue
        others = sum(1 for other in MEXICAN_STATES if other != place.state and fold(other) in seen)
        # (a city of the same state answers for it: "industrial rent in Apodaca?" by Monterrey's)
        if others >= UNLISTED_STATE_MIN and not any(m.place.state == place.state for m in find_places(seen)):
            return place.state
    return None
