"""A chat answer from the ``tariff_line`` tool: the line's rates first, in the visitor's language, then what
changed since the schedule's edition; :func:`tariff_code`, whether a question naming a line asks about its rates; and
:func:`product_code`, the one line whose own description is the product a question names in words when it asks the
general (MFN) duty ("the normal column 1 duty on lithium-ion batteries" → 8507.60.00). Pure: the tool's result (a
dict) in, text out; the tool runner is passed in."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Sequence

from assistant.index.lexical import tokenize
from assistant.lookup import Lookup

MAX_LINES = 6  # rated lines listed for a heading or subheading with several
_PLUS = re.compile(r"\+\s*(\d+(?:\.\d+)?%)")

_WORDS = {
    "en": {"general": "general duty", "col2": "column 2 rate", "usmca": "free under USMCA ({code}) for originating goods",
           "no_usmca": "no USMCA rate listed", "matched": "By its description, “{words}” is",
           "check": "Which line applies depends on the product's exact classification.", "has": "has {n} lines in the schedule on file", "adds": "{heading} adds {rate}",
           "china": " for goods of China",
           "edition": "Rates of the {name}; later US tariff actions change what is paid (see the sources below)."},
    "es": {"general": "arancel general", "col2": "columna 2", "usmca": "libre con el T-MEC ({code}) para mercancías originarias",
           "no_usmca": "sin tasa T-MEC en la lista", "matched": "Por su descripción, “{words}” corresponde a",
           "check": "La fracción que aplica depende de la clasificación exacta del producto.", "has": "tiene {n} líneas en el arancel que tengo",
           "adds": "{heading} suma {rate}", "china": " a mercancías de China",
           "edition": "Tasas del arancel de EE. UU. (HTSUS) en la edición que tengo, al {as_of}; las medidas "
                      "arancelarias posteriores cambian lo que se paga (ver las fuentes abajo)."},
}


def _short(description: str) -> str:
    """The line's own words: its last segment, with the parent's when it is only "Other"."""
    parts = [p.strip() for p in description.split(":") if p.strip()]
    out = parts[-1:] if parts else [description]
    while len(out) < len(parts) and out[0].lower() == "other":
        out.insert(0, parts[-len(out) - 1])
    return ": ".join(out)


def _extra(entry: dict, w: dict) -> str | None:
    m = _PLUS.search(entry.get("rate") or "")
    if not m:
        return None
    who = w["china"] if "china" in (entry.get("description") or "").lower() else ""
    return w["adds"].format(heading=entry["heading"], rate=m.group(1)) + who


def _line_text(line: dict, w: dict) -> str:
    parts = [f"{w['general']} {line.get('general') or '—'}"]
    if line.get("usmca"):
        code = "S+" if "S+" in (line.get("special") or "") else "S"
        parts.append(w["usmca"].format(code=code))
    if line.get("other"):
        parts.append(f"{w['col2']} {line['other']}")
    extras = [x for x in (_extra(e, w) for e in line.get("chapter_99") or []) if x]
    return "; ".join(parts + extras)


def tariff_answer(result: dict, lang: str, matched: str | None = None) -> tuple[str, bool]:
    """``(answer, abstained)`` for a ``tariff_line`` result: a line not on file is said plainly (abstained). ``matched``:
    the product words the line was found by (:func:`product_code`), said first with the caveat that classification
    decides."""
    w = _WORDS["es" if lang == "es" else "en"]
    if not result.get("found"):
        return str(result.get("message") or ""), True
    rated = [ln for ln in result.get("lines") or [] if not ln.get("rate_from")]
    if not rated:
        return str(result.get("message") or ""), True
    out: list[str] = []
    if len(rated) == 1:
        line = rated[0]
        # one line is named by its whole path from the heading ("Electric motors …: Motors of an output not exceeding
        # 37.5 W: Of under 18.65 W: Other"): its own words alone ("Of under 18.65 W: Other") do not say what it is
        said = f"HTS {line['htsno']} ({line['description']}): {_line_text(line, w)}."
        out.append(f"{w['matched'].format(words=matched)} {said} {w['check']}" if matched else said)
    else:
        code = result.get("code") or ""
        heading = result.get("heading") or {}
        name = f" ({_short(heading['description'])})" if heading.get("description") else ""
        head = f"HTS {code}{name} " if code else ""
        out.append(head + w["has"].format(n=len(rated)) + ":")
        out.extend(f"- {ln['htsno']} ({_short(ln['description'])}): {_line_text(ln, w)}" for ln in rated[:MAX_LINES])
    edition = result.get("edition") or {}
    tail = w["edition"].format(name=edition["name"], as_of=edition.get("as_of", "")) if edition.get("name") else ""
    body = "\n".join(out)
    return (f"{body}\n\n{tail}" if len(rated) > 1 else f"{body} {tail}").strip(), False


# A question about a tariff line's rates (duty, tariff, rate, free, USMCA, 301…) — not about its rule of origin.
_RATE_CUES = re.compile(r"\b(?:dut(?:y|ies|iable)|tariffs?|rates?|arancel(?:es)?|tasas?|free|libre|exent[oa]|pay|pagan?|"
                        r"usmca|t-?mec|section\s+(?:301|232)|301|232|cost|cuesta|impuestos?|chapter\s+99|cap[íi]tulo\s+99|9903)\b", re.IGNORECASE)
_ORIGIN_CUES = re.compile(r"\b(?:rvc|regional value|contenido regional|origin|origen|originat\w*|tariff shift|"
                          r"cambio de clasificaci\w+|rule of|regla de)\b", re.IGNORECASE)


def tariff_code(lookups: Sequence[Lookup], question: str) -> str | None:
    """The HTS code to run the ``tariff_line`` tool on, when the question names one and asks about its rates."""
    if not _RATE_CUES.search(question) or _ORIGIN_CUES.search(question):
        return None
    for lookup in lookups:
        key = next((k for k in lookup.keys if k.startswith("hts:")), None)
        if key:
            return key.removeprefix("hts:")
    return None


# The general (column 1, MFN) duty asked in so many words — not "the tariff on Chinese EVs", which our guides answer
# with every layer (Section 301, 232, IEEPA)
_GENERAL_RATE = re.compile(r"\b(?:column 1|general (?:\([^)]{0,40}\) )?(?:us |u\.s\. )?(?:duty|rate|tariff)|mfn|"
                           r"normal trade relations|ntr|most[- ]favou?red[- ]nation|"
                           r"normal (?:us |u\.s\. )?(?:duty|tariff|rate)|arancel general|tasa general)\b", re.IGNORECASE)
# … and the product: "… duty (rate) on/for X?", "what … duty do X pay …", "¿qué arancel general pagan los X …?"
_PRODUCT = (re.compile(r"\b(?:duty|rate|tariff)\s+(?:on|for)\s+(?:imported\s+|imports of\s+)?(?P<p>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?)"
                       r"\s*(?:[?,.(]|$|\s+(?:from|imported|made|when|into|entering|under|in|if|that)\b)", re.IGNORECASE),
            re.compile(r"\b(?:do|does|would|will)\s+(?:imported\s+)?(?P<p>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?)\s+pay\b", re.IGNORECASE),
            re.compile(r"\bpagan?\s+(?:los|las|el|la|unos|unas)\s+(?P<p>[a-zñáéíóú][\w-]*(?:\s+[a-zñáéíóú][\w-]*){0,3}?)"
                       r"\s*(?:[?,.(]|$|\s+(?:de|importad\w+|al|en|si|que)\b)", re.IGNORECASE))


def product_words(question: str) -> str | None:
    """The product a question names in words when it asks its general (MFN) US duty and names no HTS number."""
    if not _GENERAL_RATE.search(question) or _ORIGIN_CUES.search(question):
        return None
    found = next((m.group("p") for pattern in _PRODUCT if (m := pattern.search(question))), None)
    return found if found and tokenize(found) else None


def product_code(words: str, run_tool: Callable[[str, dict], dict]) -> str | None:
    """The one rated line on file whose own description is ``words`` ("Lithium-ion batteries" for "lithium-ion
    batteries"; not "… : Of automatic circuit breakers", a part of one, nor "Automatic circuit breakers: Other", one
    of several kinds), by the ``tariff_line`` tool's product-word search; None when there is none or more than one."""
    wanted = set(tokenize(words))
    kinds = {frozenset(wanted), frozenset(wanted - _vehicle_words()) or frozenset(wanted)}  # "car bumpers": "Bumpers"
    result = run_tool("tariff_line", {"query": words, "limit": 25})
    own = {ln["htsno"] for ln in result.get("lines") or [] if not ln.get("rate_from")
           and frozenset(tokenize(_short(ln.get("description") or ""))) in kinds}
    return own.pop() if len(own) == 1 else None


# the words saying a part is a vehicle's, which chapter 87's own descriptions leave to their heading ("Parts and
# accessories of the motor vehicles …"): "car bumpers" are the line "Bumpers"
@lru_cache(maxsize=1)
def _vehicle_words() -> frozenset[str]:  # (tokenized on first use, not at import)
    return frozenset(tokenize("car cars auto automobile automotive vehicle vehicles motor truck"))
