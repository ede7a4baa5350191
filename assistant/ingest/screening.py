"""Screening of uploaded documents before they may be indexed — pure: a parsed Document in, findings out.

Three rules, each finding naming the rule, the reason in one sentence and the text that tripped it:

``instructions``  text aimed at an AI rather than a reader: "ignore previous instructions", "system notice",
                  "you are now", "disregard your sources", "as an AI", "do not tell the user", and the Spanish
                  forms ("ignora las instrucciones", "aviso del sistema", "ahora eres", "no le digas al usuario").
``credentials``   a request for credentials, payment or personal data: a sentence asking the reader to send /
                  email / share an RFC, CURP, password, bank details, CLABE, account or card number with "us" or
                  an address, or to wire / transfer / deposit money to an account; a published CLABE or account.
``contact``       an email address or link whose domain none of the document's declared ``sources`` URLs
                  carry, and any phone number (a source URL cannot vouch for one).

Plain mentions stay clean: "the importer needs an RFC", "transfer the goods to another IMMEX company" and a link
to a source the front matter declares are what the shipped guides say (``tests/test_screening.py`` runs the
screener over ``corpus/`` and expects no findings). Matching ignores case, accents, zero-width characters and
line breaks, so "Ign\u200bore previous\\ninstructions" is caught too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal
from urllib.parse import urlsplit

from assistant.models import Document

Rule = Literal["instructions", "credentials", "contact"]
_EXCERPT = 100
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"))


@dataclass(frozen=True)
class Finding:
    rule: Rule
    reason: str
    excerpt: str

    def __str__(self) -> str:
        return f"{self.reason}: “{self.excerpt}”"

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


def _rx(*alternatives: str) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of ``alternatives``."""
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _words(*words: str) -> str:
    return "(?:" + "|".join(words) + ")"


_IGNORE = r"\b(?:ignore|disregard|forget|override|bypass)\s+"
_EARLIER = _words("previous", "prior", "above", "earlier", "preceding", "former", "original", "other", "system",
                  "safety")
_NOT_A_ROLE = _words("able", "required", "ready", "registered", "eligible", "allowed", "obliged", "subject",
                     "responsible", "liable", "entitled", "exempt", "covered", r"free\s+to", r"in\s+a\s+position")
_AUDIENCE = _words("user", "reader", "visitor", "customer")
_BOT = _words("assistant", "chatbot", "ai", "llm", r"language\s+model")

# ------------------------------------------------------------------ (a) text aimed at an AI
_INSTRUCTIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (_rx(_IGNORE + rf"(?:all\s+|any\s+|the\s+|your\s+|these\s+|my\s+)?(?:of\s+)?(?:{_EARLIER}\s+)*"
         r"(?:instructions?|prompts?|directives)\b",
         _IGNORE + r"(?:all\s+(?:of\s+)?)?(?:the\s+|your\s+)?(?:(?:previous|prior|above|earlier|preceding|system|safety"
         r"|your|cited|official)\s+)+(?:rules|guidelines|directions|context|sources|documents|data)\b",
         r"\b(?:ignore|disregard|forget)\s+(?:all\s+(?:of\s+)?)?your\s+"
         r"(?:rules|guidelines|sources|context|documents|data)\b"),
     "tells an AI to ignore its instructions or sources"),
    (_rx(r"\bsystem\s+(?:notice|prompt|message|instructions?|override|command)\b"),
     "poses as a system message to an AI"),
    (_rx(rf"\byou\s+are\s+now\b(?!\s+{_NOT_A_ROLE})", r"\bfrom\s+now\s+on,?\s+you\b", r"\bnew\s+instructions\s*:"),
     "tries to give an AI a new role or new instructions"),
    (_rx(r"\bas\s+an?\s+(?:ai|a\.i\.|artificial\s+intelligence|(?:large\s+)?language\s+model|llm|chatbot"
         r"|ai\s+assistant)\b"),
     "addresses or speaks as an AI"),
    (_rx(r"\b(?:do\s+not|don'?t|never)\s+(?:tell|inform|warn|show|reveal\s+to|mention\s+(?:this\s+)?to)\s+"
         rf"the\s+{_AUDIENCE}s?\b"),
     "tells an AI to hide something from the user"),
    (_rx(rf"\b(?:the\s+)?{_BOT}s?\s+(?:must|should|shall|will)\s+"
         r"(?:always|never|only|now|answer|say|respond|reply|repeat|recommend)\b"),
     "tells an AI how to answer"),
    (_rx(r"<\|(?:im_start|im_end|system|endoftext)\|>", r"\[/?INST\]", r"<</?SYS>>"),
     "contains chat-model control tokens"),
    # Spanish (matched without accents)
    (_rx(r"\b(?:ignora|ignore|ignoren|ignorar|olvida|olvide|olviden|omite|omita|desatiende|descarta)\s+"
         r"(?:todas\s+)?(?:las\s+|tus\s+|sus\s+|estas\s+)?(?:instrucciones|indicaciones|reglas|fuentes|ordenes)\b"),
     "tells an AI to ignore its instructions or sources"),
    (_rx(r"\b(?:aviso|mensaje|instrucciones?|prompt|comando|nota)\s+(?:del|de)\s+sistema\b"),
     "poses as a system message to an AI"),
    (_rx(r"\bahora\s+eres\b", r"\bnuevas\s+instrucciones\s*:"), "tries to give an AI a new role or new instructions"),
    (_rx(r"\bcomo\s+(?:una?\s+)?(?:ia|inteligencia\s+artificial|modelo\s+de\s+lenguaje|asistente\s+de\s+ia)\b"),
     "addresses or speaks as an AI"),
    (_rx(r"\bno\s+(?:le\s+|les\s+)?(?:digas|diga|informes|informe|menciones|mencione|muestres|reveles)\s+"
         r"(?:esto\s+|nada\s+)?(?:al|a\s+los)\s+(?:usuario|lector|cliente|visitante)s?\b"),
     "tells an AI to hide something from the user"),
)

# ------------------------------------------------------------------ (b) credentials, payment, personal data
_SENSITIVE = _rx(r"\b" + _words(
    "rfc", "curp", "nss", "passwords?", "passcodes?", "pins?", "nip", "contrasenas?", r"claves?\s+de\s+acceso",
    "credentials?", "log-?ins?", r"bank\s+(?:details|information|info|account|statements?)", r"banking\s+details",
    r"account\s+(?:numbers?|details)", "clabe", "iban", r"swift\s+codes?", r"routing\s+numbers?",
    r"(?:credit|debit)\s+cards?", r"card\s+numbers?", "cvv", r"social\s+security", "ssn", "passport", r"e\.?firma",
    r"firma\s+electronica", "ciec", r"private\s+keys?", r"datos\s+bancarios", r"cuentas?\s+bancarias?",
    r"numeros?\s+de\s+(?:cuenta|tarjeta)", r"tarjetas?\s+de\s+credito", "pasaporte", r"datos\s+personales") + r"\b")
_SEND_TO_US = ("envianos", "envienos", "enviarnos", "mandanos", "mandenos", "proporcionanos", "escribenos",
               "compartenos", "facilitanos")  # Spanish verbs that carry their recipient ("send us")
_SEND = _rx(r"\b" + _words(
    "send", "sending", "e-?mail", "mail", "forward", r"text\s+(?:us|me)", "whatsapp", "submit", "share", "provide",
    "give", "reply", "upload", "enter", "confirm", "verify", "fax", "envia", "envie", "enviar", "manda", "mande",
    "mandar", "comparte", "comparta", "compartir", "proporciona", "proporcione", "proporcionar", "escribe",
    "escriba", "remite", "remita", "facilita", "facilite", *_SEND_TO_US) + r"\b")
_RECIPIENT = _rx(r"\b" + _words(
    "us", "me", "our", "we", "reply", "respond", "responde", r"this\s+(?:address|number|email|link)",
    r"the\s+following", "below", "nos", "nuestr[oa]s?", r"al\s+correo", r"a\s+este", "whatsapp", *_SEND_TO_US)
    + r"\b", "@", "https?://", r"www\.")
_MONEY = _rx(
    r"\b(?:wire|transfer|deposit|pay|payment|send|remit|transfiere|transfiera|deposita|deposite|paga|pague|envia)\b"
    r"[^.;\n]{0,60}?\b(?:funds|money|fees?|amount|payment|deposit|usd|mxn|pesos|dollars|dinero|pago|monto|anticipo)\b"
    r"[^.;\n]{0,60}?\b(?:to|into|a|en)\s+(?:our|the\s+following|this|us|nuestra|la\s+siguiente|esta|la\s+cuenta"
    r"|account|clabe|iban)\b",
    r"\b(?:wire|transfer|deposit)\s+(?:it\s+|them\s+)?(?:to|into)\s+(?:our|this|the\s+following)\s+(?:bank\s+)?"
    r"account\b")
_PUBLISHED_ACCOUNT = _rx(r"\b(?:clabe|iban|account\s+(?:number|no\.?|#)|numero\s+de\s+cuenta|cuenta)\s*[:#]?\s*"
                         r"[A-Z]{0,4}\d[\d\s-]{9,}\d")

# ------------------------------------------------------------------ (c) contact addresses and links
_EMAIL = _rx(r"[\w.+%-]+@((?:[a-z0-9-]+\.)+[a-z]{2,})\b")
_URL = _rx(r"\b(?:https?://|ftp://|www\.)([^\s/?#<>()\[\]\"'`,;]+)")
_PHONE = _rx(r"(?<![\w.+-])(\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,4}){1,4}(?![\w-]|[.,]\d)")
_HTS_CODE = re.compile(r"\d{4}\.\d{2}(?:\.\d{2}){0,2}")  # a tariff line, not a phone number
_PHONE_CUE = _rx(r"\b(?:call|phone|tel|telephone|mobile|cell|whatsapp|text\s+us|fax|hotline|contact|llam\w*"
                 r"|telefono|celular|movil|marca|comunicate)\b[^.\n]{0,25}$")
_TWO_LEVEL_SUFFIXES = {"gob", "gov", "com", "org", "edu", "net", "co", "ac", "mil", "nom"}


def registrable(host: str) -> str:
    """``www.diputados.gob.mx`` -> ``diputados.gob.mx``; ``uscode.house.gov`` -> ``house.gov`` (a heuristic that
    knows the two-level suffixes our sources use, not the whole public-suffix list)."""
    labels = [x for x in host.lower().split(":", 1)[0].rstrip(".").split(".") if x]
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _TWO_LEVEL_SUFFIXES:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def declared_domains(doc: Document) -> set[str]:
    """Registrable domains of the document's declared sources (http(s) URLs only)."""
    domains = set()
    for source in doc.meta.sources:
        parts = urlsplit((source.url or "").strip())
        if parts.scheme in {"http", "https"} and parts.hostname:
            domains.add(registrable(parts.hostname))
    return domains


def normalize(text: str) -> str:
    """NFKC, no invisible characters, one space for any run of whitespace, accents stripped letter by letter
    (same length, so a match's span can be shown)."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).translate(_INVISIBLE))
    return "".join(_strip_accent(c) for c in text)


def _strip_accent(c: str) -> str:
    base = "".join(x for x in unicodedata.normalize("NFD", c) if not unicodedata.combining(x))
    return base[:1] or c


def _excerpt(text: str, start: int, end: int) -> str:
    lo = max(0, start - 30)
    snippet = text[lo : max(end, start + 1) + 30].strip()
    snippet = snippet if len(snippet) <= _EXCERPT else snippet[: _EXCERPT - 1] + "…"
    return ("…" if lo > 0 else "") + snippet


def _sentences(text: str) -> Iterable[tuple[int, int]]:
    start = 0
    for match in re.finditer(r"(?<=[.!?;])\s+|\s*\|\s*", text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _instructions(text: str) -> list[Finding]:
    found = []
    for pattern, reason in _INSTRUCTIONS:
        match = pattern.search(text)
        if match:
            found.append(Finding("instructions", f"Instruction-like text: {reason}", _excerpt(text, *match.span())))
    return found


def _credentials(text: str) -> list[Finding]:
    found = []
    for start, end in _sentences(text):
        sentence = text[start:end]
        wanted = _SENSITIVE.search(sentence)
        if wanted and _SEND.search(sentence) and _RECIPIENT.search(sentence):
            found.append(Finding("credentials", f"Asks the reader to send {wanted.group(0)}",
                                 _excerpt(text, start + wanted.start(), start + wanted.end())))
    for pattern, reason in ((_MONEY, "Asks for a payment to an account"),
                            (_PUBLISHED_ACCOUNT, "Publishes a bank account to pay into")):
        match = pattern.search(text)
        if match:
            found.append(Finding("credentials", reason, _excerpt(text, *match.span())))
    return found


def _contacts(text: str, allowed: set[str]) -> list[Finding]:
    found = []
    for match in _EMAIL.finditer(text):
        if registrable(match.group(1)) not in allowed:
            found.append(Finding("contact", f"Email address at {registrable(match.group(1))}, which no declared "
                                            "source carries", _excerpt(text, *match.span())))
    for match in _URL.finditer(text):
        host = match.group(1).split("@")[-1]
        if "." in host and registrable(host) not in allowed:
            found.append(Finding("contact", f"Link to {registrable(host)}, which no declared source carries",
                                 _excerpt(text, *match.span())))
    for match in _PHONE.finditer(text):
        if _HTS_CODE.fullmatch(match.group(0).strip()):  # "subheading 8518.30.10" beside "telephone handsets"
            continue
        digits = re.sub(r"\D", "", match.group(0))
        cued = _PHONE_CUE.search(text[max(0, match.start() - 40) : match.start()])
        if (match.group(1) and len(digits) >= 10) or (cued and 7 <= len(digits) <= 15):
            found.append(Finding("contact", "Phone number (no declared source can vouch for one)",
                                 _excerpt(text, *match.span())))
    return found


def screen_text(text: str, allowed_domains: set[str] | frozenset[str] = frozenset()) -> list[Finding]:
    """Findings for one piece of text; ``allowed_domains`` are registrable domains links and emails may use."""
    text = normalize(text)
    return _instructions(text) + _credentials(text) + _contacts(text, set(allowed_domains))


def screen_document(doc: Document) -> list[Finding]:
    """Everything that should hold ``doc`` for an admin's review instead of indexing it (empty: clean).

    Looks at what would be indexed or shown — the title, every heading and section, and the declared
    sources' titles and citations — and lists each distinct finding once.
    """
    allowed = declared_domains(doc)
    parts = [doc.meta.title]
    parts += [f"{s.heading or ''}\n{s.text}" for s in doc.sections]
    parts += [f"{s.title}. {s.citation or ''}" for s in doc.meta.sources]
    findings: list[Finding] = []
    for part in parts:
        for finding in screen_text(part, allowed):
            if finding not in findings:
                findings.append(finding)
    return findings
