"""Provision look-ups: the provisions of the official texts a question (or a guide's ``sources``) names, as the keys
of :mod:`assistant.legal_refs` (the index from those keys to chunks is :mod:`assistant.ref_index`). Pure and fast (it
runs on every question).

Recognised in English and Spanish, case- and accent-insensitively: articles of the Mexican laws named beside them
("art. 108, fr. III, LA", "fracción III del artículo 108 de la Ley Aduanera", "LIVA article 28-A", "LA 108" with the
abbreviation in capitals, "section 182 of the income tax law") or by the only law the question names; 19 U.S.C.
chapter 29 ("19 USC 4531(c)", "section 4531(c) of title 19"; a bare "§ 4531(d)" counts inside §§ 4501-4699 only);
General Note 11 ("GN 11(k)"); the GRIs ("GRI 3(b)", "regla 1 de las RGI"); tariff lines ("HTS 8544.42", "partida
8703", "8544.42.90"). Texts not on file ("Section 301", "USMCA Article 4.2", "Decreto IMMEX art. 25", "19 U.S.C.
1862", transitory articles) give nothing, except tariff lines: doc id ``hts`` lets the caller say "not on file".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from assistant import legal_refs as refs
from assistant.legal_refs import Law, law_by_id, laws
from assistant.models import DocMeta
from assistant.text import fold


@dataclass(frozen=True)
class Lookup:
    """One provision asked for: its text's id, its keys (most specific first) and how to print it."""

    doc_id: str
    keys: tuple[str, ...]
    label: str  # "Ley Aduanera, art. 108, fr. III", "19 U.S.C. 4531(c)", "HTSUS 8544.42"


_LATIN = r"(?:bis|ter|quater|quinquies)"
_MONTH = (r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|january|"
          r"february|march|april|june|july|august|september|october|november|december)")
_MON = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec|ene|abr|ago|dic)"  # "1 May 2019", "27 Dec 2022"
_NUM = (rf"\d{{1,4}}(?!\d|[.,]\d)(?:o\.?(?![a-z])|°|ª)?(?:\s?[-–]\s?(?:{_LATIN}|[ivxlc]{{1,7}}|[a-z])(?![a-z]))?"
        rf"(?:[\s-]{_LATIN}(?![a-z]))?(?!\s+(?:de\s+)?{_MONTH}(?![a-z])|\s+{_MON}\.?\s+\d)")
_ROMAN = r"[ivxlc]{1,7}(?![a-z])"
_SEP = r"\s*(?:[,;]\s*(?:(?:and|y|or|o)\s+)?|(?<![a-z])(?:and|y|or|o|&)\s+)\s*"
_RANGE = r"\s*(?:[-–—]|(?<![a-z])(?:to|a|al|through|thru)(?![a-z]))\s*"
_FR_WORD = r"(?<![a-z])(?:fracc?\.|fr\.|fr(?![a-z])|fraccion(?:es)?|fractions?|sections?|secs?\.)"
_FRAC = rf"\s?,?\s*{_FR_WORD}\s*(?P<romans>{_ROMAN}(?:(?:{_SEP}|{_RANGE}){_ROMAN})*)"
_PAREN = r"\s?\([^()]{0,120}\)"
_ITEM = re.sub(r"\(\?P<\w+>", "(?:", rf"{_NUM}(?:{_FRAC})?")
_LIST = rf"{_ITEM}(?:(?:{_PAREN}(?=(?:{_SEP}|{_RANGE})\d))?(?:{_SEP}|{_RANGE}){_ITEM})*"
_UNITS = (r"(?!\s*(?:%|percent|por ciento|days?|dias?|weeks?|semanas?|hours?|horas?|years?|anos?|months?|meses|pesos|"
          r"mxn|usd|workers?|trabajadores|employees?|empleados))")

_ART = re.compile(rf"(?<![a-z])(?P<word>articulos?|articles?|arts?\.?|sections?|secs?\.?)\s*(?:no\.\s*)?(?P<list>{_LIST})")
_FRAC_FIRST = re.compile(rf"{_FR_WORD}\s*(?P<romans>{_ROMAN}(?:{_SEP}{_ROMAN})*)\s*,?\s*(?:(?:del|de\s+la|de|of\s+the|of|in|en\s+el|en)\s+)?"
                         rf"(?:articulo|article|art\.?)\s*(?P<list>{_NUM})")
_ABBR_NUM = re.compile(rf"\s+(?P<list>{_LIST}){_UNITS}")  # after "LA", "LISR": "108", not "12 days"
_NAME_NUM_END = re.compile(r"\s*(?:[:;?)]|,|$)")
# "el 89 bis de la Ley Aduanera", "el 28-A de la LIVA", "al 76 de la LFT": an article named by its number alone
_NUM_OF_LAW = re.compile(rf"(?<![a-z])(?:el|del|al)\s+(?P<list>{_NUM}){_UNITS}\s+(?:de\s+la|del|de)\s*$")
_ITEM_G = re.compile(rf"(?P<num>{_NUM})(?:{_FRAC})?")
_RANGE_GAP = re.compile(rf"(?:{_PAREN})?{_RANGE}")
_CONNECT = re.compile(r"(\s*[,(]?\s*)((?:(?:of|de|del|in|en|under|from|per|segun)\s+)?)((?:(?:the|la|el|los|las|mexican|mexico.?s)\s+)*)")
_INSTRUMENT = (r"(?:ley|law|act|code|codigo|decree|decreto|reglamento|regulations?|constitution|constitucion|agreement|"
               r"acuerdo|treaty|tratado|usmca|t-?mec|nafta|tlcan|cusma|gatt|rgce|cff|immex|prosec|cfr|convenio|convention)")
_FOREIGN_AFTER = re.compile(rf"\s*[,(]?\s*(?:transitori|(?:of|de|del|in|en|under|from|per|segun)\s+(?P<words>(?:[\w'’-]+\s+){{0,5}}?)"
                            rf"(?P<inst>{_INSTRUMENT})(?![a-z])(?P<next>\s+(?:de|del|on|of|para|federal|general|\w+\s+act)\b)?)")
_FOREIGN_BEFORE = re.compile(rf"(?:(?<![a-z]){_INSTRUMENT}|transitori[oa]s?|transitory|transitional)\s*[,:]?\s*$")
# "Reglamento de la Ley Aduanera art. 174", "Customs Law Regulations article 9": the regulation's article, not the law's
_REGULATION_BEFORE = re.compile(r"(?:reglamento\s+(?:de|del)\s+(?:(?:la|el)\s+)?(?:[\w'’-]+\s+){1,6}|"
                                r"(?<![a-z])regulations?\s+)[,:]?\s*$")
_GENERIC = {"", "the", "la", "el", "this", "esta", "este", "said", "dicha", "dicho", "that", "the said", "the same", "la misma"}
# "US customs law", "Reglamento de la Ley Aduanera": not the Mexican law itself
_NOT_THE_LAW = re.compile(r"(?:(?<![a-z])u\.?s\.?|(?<![a-z])us|american|united states|(?:reglamento|regulations?|reglas?|rules?)"
                          r"\s+(?:(?:de|del|of|to|under|for)\s+)?(?:(?:la|el|the)\s+)?)\s*$")

_USC_SUB = r"(?:\s?\((?:[a-z]{1,5}|\d{1,2})\))*"
_USC_ITEM = rf"\d{{1,5}}[a-z]?(?!\d){_USC_SUB}"
_USC_LIST = rf"{_USC_ITEM}(?:(?:{_SEP}|{_RANGE}){_USC_ITEM})*"
_TITLE19 = (r"(?:(?<![\w.])19\s*u\.?\s?s\.?\s?c\.?(?:\s?a\.?)?|(?<![\w.])19\s+u\.?s\.?\s+code|(?:title|t[ií]tulo)\s+19(?!\d)"
            r"(?:\s*,?\s*(?:of\s+the\s+|del\s+)?(?:u\.?s\.?\s?c\.?|united\s+states\s+code|c[oó]digo\s+de\s+(?:los\s+)?"
            r"(?:ee\.?\s?uu\.?|estados\s+unidos)))?)")
_SECTION = r"(?:§§?|(?<![a-z])(?:secci[oó]n(?:es)?|sec(?:tion)?s?\.?))"  # ("sección 4531 del título 19")
_USC_A = re.compile(rf"{_TITLE19}\s*,?\s*{_SECTION}?\s*(?P<list>{_USC_LIST})")
_USC_B = re.compile(rf"{_SECTION}\s*(?P<list>{_USC_LIST})"
                    rf"(?P<tail>\s*,?\s*(?:of|in|de|del)\s+(?:the\s+)?{_TITLE19})?")
_USC_ON_FILE = range(4501, 4700)  # 19 U.S.C. chapter 29 (§§ 4501-4649), the only part of the US Code on file
_USC_ITEM_G = re.compile(r"(\d{1,5}[a-z]?)(?P<subs>(?:\s?\((?:[a-z]{1,5}|\d{1,2})\))*)")

_PAR = r"\(\s?[a-z]{1,2}\s?\)(?:\s?\((?:[ivx]+|\d{1,2})\)(?:\s?[-–]\s?\((?:[ivx]+|\d{1,2})\))?)*"
_PAR_LIST = rf"{_PAR}(?:(?:{_SEP}|{_RANGE}){_PAR})*"
_PAR_G = re.compile(r"\(\s?([a-z]{1,2})\s?\)(?P<subs>(?:\s?\((?:[ivx]+|\d{1,2})\)(?:\s?[-–]\s?\((?:[ivx]+|\d{1,2})\))?)*)")
_GN = r"(?:(?:htsus\s+|hts\s+)?general\s+note|(?<![a-z])gn|nota\s+general)\s*11(?!\d)"
_PAR_WORD = r"(?<![a-z])(?:sub(?:section|division|paragraph)s?|paragraphs?|incisos?|parrafos?)"
_GN_A = re.compile(rf"{_GN}\s*,?\s*(?:{_PAR_WORD}\s*)?(?P<list>{_PAR_LIST})?")
_GN_B = re.compile(rf"{_PAR_WORD}\s*(?P<list>{_PAR_LIST})\s*,?\s*(?:of|de|in|en)\s+(?:the\s+|la\s+)?{_GN}")
_SUB_CTX = re.compile(rf"(?:{_PAR_WORD}|^)\s*(?P<list>\([^;]*)")

_GRI = (r"(?:(?<![a-z])gris?|(?<![a-z])rgis?|general\s+rules?\s+(?:of|for\s+the)\s+interpretation|"
        r"reglas?\s+general(?:es)?\s+(?:de|para\s+la)\s+interpretacion|"
        # "regla general 5", "general rule 3(b)": a rule number straight after (the RGCE's rules read "3.3.1")
        r"(?:reglas?\s+general(?:es)?|general\s+rules?)(?=\s*[1-6](?!\.?\d)))")
_RULE_ITEM = r"[1-6](?!\.?\d)(?:\s?\(\s?[a-z]\s?\))?"
_RULE_LIST = rf"{_RULE_ITEM}(?:(?:{_SEP}|{_RANGE}){_RULE_ITEM})*"
_GRI_A = re.compile(rf"{_GRI}\s*,?\s*(?:(?:rule|regla)s?\s*)?(?P<list>{_RULE_LIST})")
_GRI_B = re.compile(rf"(?<![a-z])(?:rule|regla)s?\s*(?P<list>{_RULE_LIST})"
                    rf"(?P<tail>\s*,?\s*(?:of|de|in|en|under)\s+(?:the\s+|las\s+|la\s+)?{_GRI})?")
_RULE_G = re.compile(r"(?P<n>[1-6])(?:\s?\(\s?(?P<sub>[a-z])\s?\))?")

_CODE = r"\d{4}(?:\.\d{2}(?:\.\d{2}(?:\.?\d{2})?)?)?(?!\d|\.\d)|\d{6}(?:\d{2}(?:\d{2})?)?(?!\d|\.\d)"
_HTS_WORD = (r"(?<![a-z])(?:htsus|hts|hs|harmonized\s+tariff\s+schedule|subheadings?|headings?|subpartidas?|partidas?|"
             r"fraccion(?:es)?\s+arancelarias?|fraccion(?:es)?(?=\s+\d{4}\.\d{2})|codigo\s+arancelario|tariff\s+(?:items?|lines?|codes?|numbers?|headings?|"
             r"subheadings?|classification))")
_HTS_A = re.compile(rf"{_HTS_WORD}(?:\s+(?:code|number|no\.?|subheading|heading))?\s*#?\s*"
                    rf"(?P<list>(?:{_CODE})(?:(?:{_SEP}|{_RANGE})(?:{_CODE}))*)")
_HTS_B = re.compile(r"(?<![\d.])(?P<list>\d{4}\.\d{2}\.\d{2}(?:\.?\d{2})?)(?!\d|\.\d)")
# A bare six-digit code ("8507.60") is a tariff line only in a question about tariffs, never after a currency.
_HTS_C = re.compile(r"(?<![\d.,$])(?<!us\$ )(?<!mxn )(?P<list>\d{4}\.\d{2})(?!\d|\.\d|,\d|%)")
_TARIFF_CONTEXT = re.compile(r"(?<![a-z])(?:hts|htsus|heading|subheading|tariffs?|dut(?:y|ies)|arancel\w*|partida|"
                             r"column (?:1|2|one|two)|columna (?:1|2)|col\. ?2|(?:general|special|mfn) rate|"
                             r"chapter 99|capitulo 99|section 301|seccion 301|301|232|usmca|t-?mec|9903)(?![a-z])")
_CODE_G = re.compile(_CODE)


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    law: Law
    abbr: bool  # an abbreviation ("LA", "LIVA") written in capitals


@lru_cache(maxsize=1)
def _names() -> tuple[re.Pattern, tuple[tuple[str, Law], ...]]:
    entries = tuple(sorted({(name, law) for law in laws() for name in law.names}, key=lambda e: (-len(e[0]), e[0])))
    alternatives = "|".join(f"(?P<n{i}>" + re.escape(fold(name)).replace("\\ ", r"\s+") + ")"
                            for i, (name, _) in enumerate(entries))
    return re.compile(rf"(?<![\w.§])(?:{alternatives})(?!\w)"), entries


def _mentions(original: str, text: str) -> list[_Mention]:
    pattern, entries = _names()
    out = []
    for m in pattern.finditer(text):
        name, law = entries[int(m.lastgroup[1:])]
        written = original[m.start():m.end()]
        abbr = bool(re.fullmatch(r"[A-Z][A-Za-z]{1,5}", name)) and sum(c.isupper() for c in name) >= 2
        if abbr and len(name) <= 2 and written != name:  # "LA", never the article "la"
            continue
        if law.structure == "articles" and (_NOT_THE_LAW.search(text, max(0, m.start() - 30), m.start())
                                            or re.match(r"\s+(?:regulations?|reglamento)\b", text[m.end():])):
            continue
        out.append(_Mention(m.start(), m.end(), law, abbr and written.isupper()))
    return out


def _folded(text: str) -> str:
    """Lower case without accents, one character for one (positions stay those of the original)."""
    if text.isascii():
        return text.lower()
    out = []
    for c in text:
        f = fold(c)
        out.append(f if len(f) == 1 else (c.lower() if len(c.lower()) == 1 else " "))
    return "".join(out)


def _show(article: str) -> str:
    """An article in key form as printed: "28-a" → "28-A", "15-bis" → "15 Bis"."""
    head, *rest = article.split("-")
    return head + "".join(f" {p.capitalize()}" if len(p) > 1 else f"-{p.upper()}" for p in rest)


def _fraction(fraction: str) -> str:
    """A fracción in key form as printed: "iii" → "III", "xxvii-bis" → "XXVII Bis"."""
    roman, *latin = fraction.split("-")
    return " ".join([roman.upper(), *(p.capitalize() for p in latin)])


def _article(law: Law, article: str, fraction: str | None = None) -> Lookup:
    base, label = refs.article_key(law.doc_id, article), f"{law.names[0]}, art. {_show(article)}"
    if fraction:
        return Lookup(law.doc_id, (refs.article_key(law.doc_id, article, fraction), base), f"{label}, fr. {_fraction(fraction)}")
    return Lookup(law.doc_id, (base,), label)


def _items(pattern: re.Pattern, text: str, number, make) -> list[re.Match | str]:
    """The matches of ``pattern`` in a list ("59, 104-112 y 120", "(b), (f)-(j)"), a range opened: every value of a
    range of at most 10 (``make(i)`` for the ones between its ends, given by ``number``), else its two ends."""
    out: list[re.Match | str] = []
    previous = None
    for m in pattern.finditer(text):
        if previous is not None and _RANGE_GAP.fullmatch(text[previous.end():m.start()]):
            low, high = number(previous.group(1)), number(m.group(1))
            if low is not None and high is not None and 0 < high - low < 10:
                out.extend(make(i) for i in range(low + 1, high))
                out.extend([] if make(high) == m.group(1) else [make(high)])
        out.append(m)
        previous = m
    return out


def _lead_int(value: str) -> int | None:
    m = re.match(r"\d+", value)
    return int(m.group()) if m else None


def _articles(law: Law, text: str) -> list[Lookup]:
    out = []
    for item in _items(_ITEM_G, re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), text), _lead_int, str):
        raw, romans = (item, []) if isinstance(item, str) else (item.group("num"), re.findall(r"[ivxlc]+", item.group("romans") or ""))
        # "108-III", "59-I": a fracción; "132-XXVII Bis": fracción XXVII Bis of article 132
        compact = re.fullmatch(rf"(.*?)\s?[-–]\s?([ivxlc]{{2,7}}|[ivx])(?:[\s-]({_LATIN}))?", raw)
        if compact:
            fraction = compact.group(2) + (f"-{compact.group(3)}" if compact.group(3) else "")
            raw, romans = compact.group(1), [fraction, *romans]
        article = refs.normalize_article(raw)
        if article is not None and 0 < _lead_int(article) <= 1100:
            out.extend([_article(law, article, f) for f in dict.fromkeys(romans)] or [_article(law, article)])
    return out


def _usc(law: Law, text: str) -> list[Lookup]:
    out = []
    for item in _items(_USC_ITEM_G, text, _lead_int, str):
        sec, subs = (item, []) if isinstance(item, str) else (item.group(1), re.findall(r"\(([a-z0-9]+)\)", item.group("subs")))
        if sec.isdigit() and int(sec) in _USC_ON_FILE:
            out.append(_section(law, sec, subs))
    return out


def _section(law: Law, sec: str, subs: list[str]) -> Lookup:
    keys = tuple(refs.section_key(law.doc_id, sec, ":".join(subs[:n]) or None) for n in range(len(subs), -1, -1))
    return Lookup(law.doc_id, keys, f"{law.names[0]} {sec}" + "".join(f"({s})" for s in subs))


def _subdivisions(text: str) -> list[tuple[str, list[str]]]:
    """"(b), (f)-(j), (l)(iv)" as [("b", []), ("f", []), ("g", []), …, ("l", ["iv"])]; a range of
    subdivisions ("(n)(vi)-(vii)") stands for its paragraph."""
    out = []
    for item in _items(_PAR_G, text, lambda letter: ord(letter) if len(letter) == 1 else None, chr):
        if isinstance(item, str):
            out.append((item, []))
        else:
            subs = re.findall(r"\((\w+)\)", item.group("subs"))
            out.append((item.group(1), subs if "-" not in item.group("subs") and "–" not in item.group("subs") else []))
    return out


def _paragraphs(law: Law, text: str) -> list[Lookup]:
    out = []
    for letter, subs in _subdivisions(text):
        keys = tuple(refs.paragraph_key(law.doc_id, letter) + "".join(f":{s}" for s in subs[:n]) for n in range(len(subs), -1, -1))
        out.append(Lookup(law.doc_id, keys, f"{law.names[0]}({letter})" + "".join(f"({s})" for s in subs)))
    return out


def _rules(law: Law, text: str) -> list[Lookup]:
    out = []
    for item in _items(_RULE_G, text, _lead_int, str):  # "GRI 1 to 6" opens
        n, sub = (item, None) if isinstance(item, str) else (item.group("n"), item.group("sub"))
        keys = (f"{refs.rule_key(law.doc_id, n)}:{sub}", refs.rule_key(law.doc_id, f"{n}({sub})")) if sub else ()
        out.append(Lookup(law.doc_id, keys + (refs.rule_key(law.doc_id, n),), f"{law.short} {n}" + (f"({sub})" if sub else "")))
    return out


def _hts(text: str) -> list[Lookup]:
    out = []
    for code in [m.group() for m in _CODE_G.finditer(text)]:
        key = refs.hts_key(code)
        if key is None:
            continue
        parts = key[4:].split(".")
        doc = f"htsus-chapter-{parts[0][:2]}"
        out.append(Lookup(doc if law_by_id(doc) else "hts",
                          tuple("hts:" + ".".join(parts[:n]) for n in range(len(parts), 0, -1)), f"HTSUS {key[4:]}"))
    return out


def _law_for(text: str, start: int, end: int, mentions: list[_Mention], structure: str, context: Law | None,
             fallback: bool) -> Law | None:
    connect = _CONNECT.match(text, end)
    at = {connect.end(1), connect.end(2), connect.end(3)}  # "art. 108 LA", "… of the Customs Law", "… de la LFT"
    at |= {connect.start(3) + w.end() for w in re.finditer(r"\S+\s+", connect.group(3))}  # "… of the Mexican Customs Law"
    for m in mentions:
        if m.start in at and m.law.structure == structure:
            return m.law
    for m in mentions:
        if m.end <= start and m.law.structure == structure and re.fullmatch(r"\s*[,:]?\s*", text[m.end:start]):
            return m.law
    if _REGULATION_BEFORE.search(text, max(0, start - 60), start):
        return None
    foreign = _FOREIGN_AFTER.match(text, end)
    if foreign and not (foreign.group("inst") in {"ley", "law", "act"} and not foreign.group("next")
                        and foreign.group("words").strip() in _GENERIC):
        return None  # "article 59 of the IMMEX decree", "artículo 11 transitorio"
    if _FOREIGN_BEFORE.search(text, max(0, start - 40), start):
        return None  # "USMCA Article 4", "Decreto IMMEX, artículo 24"
    if context is not None and context.structure == structure:
        return context
    named = {m.law for m in mentions if m.law.structure == structure}
    return named.pop() if fallback and len(named) == 1 else None


def _candidates(original: str, text: str, context: Law | None, section: str | None) -> list[tuple[int, int, list[Lookup]]]:
    mentions = _mentions(original, text)
    found: list[tuple[int, int, list[Lookup]]] = []
    usc = law_by_id("19-usc-chapter-29")
    for pattern in (_USC_A, _USC_B):
        for m in pattern.finditer(text):
            explicit = pattern is _USC_A or bool(m.group("tail"))
            got = _usc(usc, m.group("list")) if usc else []
            if got or explicit or m.group().startswith("§"):
                found.append((m.start(), m.end(), got))
    for pattern in (_ART, _FRAC_FIRST):
        for m in pattern.finditer(text):
            word = m.groupdict().get("word") or "article"
            law = _law_for(text, m.start(), m.end(), mentions, "articles", context, not word.startswith("sec"))
            body = m.group("list") if pattern is _ART else f"{m.group('list')} fr. {m.group('romans')}"
            found.append((m.start(), m.end(), _articles(law, body) if law else []))
    for mention in mentions:  # "LA 108", "LISR 182": an abbreviation in capitals and a number
        m = _ABBR_NUM.match(text, mention.end)
        if mention.law.structure == "articles" and m and (mention.abbr or _NAME_NUM_END.match(text, m.end())):
            # (a law's name and a number, "Ley Aduanera 167-D: …", when the number ends the phrase: not a year)
            found.append((mention.start, m.end(), _articles(mention.law, m.group("list"))))
        before = mention.law.structure == "articles" and _NUM_OF_LAW.search(text, max(0, mention.start - 40),
                                                                            mention.start)
        if before:
            found.append((before.start(), mention.end, _articles(mention.law, before.group("list"))))
    gn, gri = law_by_id("htsus-general-note-11"), law_by_id("htsus-general-rules-of-interpretation")
    for pattern in (_GN_A, _GN_B):
        for m in pattern.finditer(text):
            found.append((m.start(), m.end(), _paragraphs(gn, m.group("list")) if gn and m.group("list") else []))
    for m in _GRI_A.finditer(text):
        found.append((m.start(), m.end(), _rules(gri, m.group("list")) if gri else []))
    for m in _GRI_B.finditer(text):
        law = gri if m.group("tail") else _law_for(text, m.start(), m.end(), mentions, "rules", context, True)
        if law is None and "(" in m.group("list") and not mentions:
            law = gri  # "Regla 3(a): …", "rule 3(b)": a rule with a lettered part is the GRIs' form (RGCE: "3.3.1")
        found.append((m.start(), m.end(), _rules(law, m.group("list")) if law else []))
    for pattern in (_HTS_A, _HTS_B):
        found.extend((m.start(), m.end(), _hts(m.group("list"))) for m in pattern.finditer(text))
    if _TARIFF_CONTEXT.search(text):
        found.extend((m.start(), m.end(), _hts(m.group("list"))) for m in _HTS_C.finditer(text))
    if context is not None and context.structure in {"usc", "general-note"}:  # "Subsection (d)", "(k)"
        for part in re.finditer(r"[^;]+", text):
            m = _SUB_CTX.search(part.group().strip())
            if m and (context.structure == "general-note" or section):
                got = (_paragraphs(context, m.group("list")) if context.structure == "general-note" else
                       [_section(context, section, [letter, *subs]) for letter, subs in _subdivisions(m.group("list"))])
                found.append((part.start() + m.start(), part.start() + m.end(), got))
    return found


@lru_cache(maxsize=512)
def _parse(text: str, context_id: str | None = None, section: str | None = None) -> tuple[Lookup, ...]:
    folded = _folded(text)
    chosen, last_end = [], -1
    for start, end, got in sorted(_candidates(text, folded, law_by_id(context_id) if context_id else None, section),
                                  key=lambda c: (c[0], -(c[1] - c[0]), not c[2])):
        if start >= last_end:
            chosen.extend(got)
            last_end = end
    return tuple({(lk.doc_id, lk.keys): lk for lk in chosen}.values())


def parse_lookups(question: str, context: str | None = None) -> list[Lookup]:
    """The provisions a question names, in the order it names them (empty for questions that name none); a bare
    "article 161" is read as an article of ``context`` (a law's doc id) when the text names no law itself."""
    return list(_parse(unicodedata.normalize("NFC", question[:2000]), context))


@lru_cache(maxsize=8192)
def cited_laws(text: str) -> frozenset[str]:
    """The doc ids of the laws a text cites by provision ("… within five business days (LSS article 15-I)")."""
    return frozenset(lk.doc_id for lk in parse_lookups(text))


def named_law(text: str) -> str | None:
    """The doc id of the one law ``text`` names ("según la Ley Aduanera …"); None when it names none or several."""
    text = unicodedata.normalize("NFC", text[:2000])
    named = {m.law.doc_id for m in _mentions(text, _folded(text))}
    return named.pop() if len(named) == 1 else None


def source_lookups(meta: DocMeta) -> list[Lookup]:
    """The provisions a document's front-matter ``sources`` name (title "Ley Aduanera" + citation "Articles 59 and
    108"; "19 U.S.C. 4531 - Rules of origin" + "Subsection (d)"; "HTSUS General Note 11" + "(k)")."""
    out: list[Lookup] = []
    for source in meta.sources:
        named = {m.law.doc_id for m in _mentions(source.title, _folded(source.title))}
        from_title = _parse(source.title)
        sections = {lk.keys[-1].rsplit(":", 1)[1] for lk in from_title if ":sec:" in lk.keys[-1]}
        context = named.pop() if len(named) == 1 else None
        from_citation = _parse(source.citation, context, sections.pop() if len(sections) == 1 else None) \
            if source.citation else ()
        out.extend(from_citation or from_title)
    return list({(lk.doc_id, lk.keys): lk for lk in out}.values())
