"""The sentences a passage can lend to an answer: prose split into sentences, Markdown table rows read as
sentences with their column headers, and nothing that only makes sense inside the document (meta sentences,
sentences ending in a colon, headings, internal ids).
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.text import split_sentences

_MARKUP = re.compile(r"(\*\*|`|^#+\s*|^\s*[-*+]\s+|^\s*\d+[.)]\s+)", re.MULTILINE)
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")

# Sentences about the document rather than the subject ("… are explained in the document on …").
META = re.compile(
    r"\b(?:(?:this|the present|our) (?:document|guide|note|page|section|article|table|faq)\b"
    r"|(?:see|read|check|consult) (?:the|our) (?:document|guide|section|note|faq|table)s?\b"
    r"|(?:is|are|is also|are also) (?:explained|covered|described|discussed|listed|summarised|summarized|detailed) "
    r"(?:in|on) (?:the|our|a|its) (?:document|guide|section|note|faq|separate)"
    r"|in the (?:document|guide|section|note) (?:on|about)\b"
    r"|(?:este|esta|el presente) (?:documento|guia|nota|seccion)\b|(?:ver|vea|consulte) (?:el|la) (?:documento|guia|seccion)\b"
    r"|\b(?:shown|described|explained|listed|set out) (?:below|above)\b|\bthe (?:table|list|section|steps) (?:below|above)\b"
    r"|\b(?:m[aá]s abajo|m[aá]s arriba|a continuaci[oó]n se (?:indican|enumeran|describen))\b"
    r"|facts current as of|datos vigentes al)",
    re.IGNORECASE,
)
# A document id shown as a reference: "(see shelter-services-explained)", "document us-customs-valuation", "see the
# ocean-freight-rates document".
_INTERNAL_ID = re.compile(r"\b(?:see|document|doc|ver|documento):?\s+`?[a-z0-9]+(?:-[a-z0-9]+){2,}\b"
                          r"|\b(?:the|our|el|la)\s+[a-z0-9]+(?:-[a-z0-9]+)+\s+(?:document|guide|documento|gu[ií]a)s?\b")


_ID = r"`?[a-z0-9]+(?:-[a-z0-9]+)+`?"
_IDS = rf"{_ID}(?:(?:,|,? and| y) {_ID})*"
# A cross-reference inside brackets is dropped and the sentence kept: "… 25% (see section-301-china-tariffs)." and
# "(USTR notice, 89 FR 76581; see section-301-china-tariffs)" → "(USTR notice, 89 FR 76581)"; a table row's
# "…; see document: mexico-vat-temporary-imports." loses its last cell.
_SEE = r"(?:see|ver|véase|vea)(?: also| tambien| también)?(?: (?:the )?(?:document|documento|doc)s?:?)? "
_BRACKETED_REFERENCE = re.compile(rf"\s*\({_SEE}{_IDS}\)")
_TRAILING_REFERENCE = re.compile(rf"\s*[;,]\s*{_SEE}{_IDS}(?=\)|\.?$)")


# A pointer to another guide by its subject, in brackets or closing the sentence ("…; see the document on graduating
# from a shelter."): dropped, and the sentence kept — it says something before it points
_SEE_DOC = (r"(?:see|ver|v[ée]ase)(?: also| tambi[ée]n)? (?:the |our |el |la |los |las )?"
            r"(?:documents?|guides?|documentos?|gu[ií]as?) (?:on|about|sobre|de|del)\b")
_BRACKETED_POINTER = re.compile(rf"\s*\({_SEE_DOC}[^()]*\)", re.IGNORECASE)
_TRAILING_POINTER = re.compile(rf"\s*[;,]\s*{_SEE_DOC}[^.;()]*(?=\.?$)", re.IGNORECASE)


def clean(sentence: str) -> str:
    sentence = _MARKUP.sub("", sentence).strip()
    sentence = _TRAILING_REFERENCE.sub("", _BRACKETED_REFERENCE.sub("", sentence))
    sentence = _TRAILING_POINTER.sub("", _BRACKETED_POINTER.sub("", sentence))
    return re.sub(r"\s+", " ", sentence)


def showable(sentence: str) -> bool:
    """Whether a sentence can be shown to a visitor out of its document."""
    s = sentence.strip()
    if len(s.split()) < 4 or s.endswith((":", ";")) or s.startswith("|") or s.startswith("#"):
        return False
    if META.search(s):
        return False
    if _FRAGMENT.match(s) and " — " not in s:  # "overtime within the limits of the LFT.": a list's last item
        return False
    if subsection_heading(s):  # "(3) Special rule for foreign-trade zones"
        return False
    return not _INTERNAL_ID.search(s)


def subsection_heading(sentence: str) -> bool:
    """Whether a line is a law's subsection heading: its paragraph marker, a few words, no full stop."""
    s = sentence.strip()
    return bool(_SUBSECTION_HEADING.match(s)) and len(s.split()) <= 10


# A law's subsection heading on a line of its own: its paragraph marker, a few words, no full stop.
_SUBSECTION_HEADING = re.compile(r"\((?:\d{1,3}|[a-zA-Z]{1,5})\) [A-Z][^.!?;:]*$")


# A sentence that opens with a lower-case word is the tail of a list or of a sentence cut in two, not a sentence (a
# linearized table row, "control of production — shelter: client", reads on its own and is kept).
_FRAGMENT = re.compile(r"[a-z][a-z]+ ")


# The Cámara de Diputados' editorial notes in the official texts ("Párrafo reformado DOF 16-01-2009", "Fracción
# reformada DOF 31-12-1998, 30-12-2002 Multa de la fracción actualizada DOF 01-03-2002, …"): not the law's words.
_REFORM_NOTE = re.compile(
    r"^(?:(?:Primer|Segundo|Tercer|Cuarto|Quinto|[ÚU]ltimo)\s+)?(?:P[áa]rrafo|Art[íi]culo|Fracci[óo]n|Inciso|Apartado|"
    r"Numeral|Cap[íi]tulo|Secci[óo]n|T[íi]tulo|Denominaci[óo]n|Fe de erratas|Reforma|Multa)\b[^.]{0,80}?"
    r"\b(?:reformad|adicionad|derogad|recorrid|actualizad)[oa]s?\b|^(?:reformad|adicionad|derogad)[oa]s?\s+DOF\b",
    re.IGNORECASE)
_DOF_DATE = re.compile(r"\bDOF\b|\b\d{2}-\s?\d{2}-\d{4}\b")


def reform_note(sentence: str) -> bool:
    """Whether a sentence is an editorial note on a provision's reforms rather than the law's text."""
    s = sentence.strip()
    if not _REFORM_NOTE.match(s):
        return False
    return len(_DOF_DATE.sub(" ", s).split()) <= 25 and bool(_DOF_DATE.search(s))


# The Diario Oficial's decree header and a law's own headings in capitals ("LEY DEL IMPUESTO AL VALOR AGREGADO",
# "DISPOSICIONES DE VIGENCIA ANUAL"): the official text's furniture, not an answer.
_DECREE_HEADER = re.compile(r"^Al margen un sello con el Escudo Nacional|^Estados Unidos Mexicanos\.?\s*-\s*Presidencia|"
                            r"^Que el H\. Congreso de la Uni[óo]n se ha servido dirigirme|\ba sus habitantes sabed\b|"
                            # the decree's closing: its promulgation formula and its signatures' place and date
                            # ("En cumplimiento de lo dispuesto por la fracción I del Artículo 89 de la Constitución …",
                            # "Ciudad de México, a 13 de febrero de 2025.- Dip. …")
                            r"^En cumplimiento de lo dispuesto por la fracci[óo]n I del Art[íi]culo 89 de la Constituci[óo]n|"
                            r"^(?:Ciudad de M[ée]xico|M[ée]xico, D\.\s?F\.),? a \d{1,2} de \w+ de \d{4}\.?\s*-",
                            re.IGNORECASE)
# The Cámara's publication notes: "Nueva Ley publicada en el Diario Oficial de la Federación el 29 de diciembre de
# 1978", "Publicado en el DOF el 23 de abril de 2021", "Última reforma publicada DOF 21-02-2025", "Fe de erratas DOF
# 30-01-1980", "Aclaración al párrafo DOF 16-01-1996", "Cantidad de la fracción actualizada DOF 24-12-2021".
_PUBLICATION_NOTE = re.compile(
    r"^(?:(?:Nueva )?Ley |Decreto )?publicad[ao]s? en el (?:Diario Oficial de la Federaci[óo]n|DOF)\b|"
    r"^[ÚU]ltima reforma publicada\b|^Fe de erratas\b|^Aclaraci[óo]n (?:al|a la|a los|a las)\b[^.]{0,60}\bDOF\b|"
    r"^Cantidad(?:es)? [^.]{0,60}\bactualizad[ao]s?\b[^.]{0,20}\bDOF\b", re.IGNORECASE)


@lru_cache(maxsize=1 << 15)  # asked of the same retrieved sentences on every question (~1 ms an answer)
def editorial(sentence: str) -> bool:
    """Whether an official text's sentence is editorial matter rather than the law's words: a note on its reforms,
    the decree's header, or a heading set in capitals."""
    s = sentence.strip()
    if reform_note(s) or _DECREE_HEADER.search(s) or (_PUBLICATION_NOTE.search(s) and len(s.split()) <= 30):
        return True
    words = [w for w in s.split() if any(c.isalpha() for c in w)]  # a heading: three words or more in capitals,
    # no figures ("RVC = 60%." and "HTS 8471.30 MFN" are not headings)
    return len(words) >= 3 and not any(c.isdigit() for c in s) and all(c.isupper() for w in words for c in w
                                                                        if c.isalpha())


# A sentence that stops on a preposition or an article announces what follows it ("… shall be calculated … on the
# basis of", then "(A) the transaction value method …"): out of its provision it reads cut off.
_CUT_OFF = re.compile(r"\b(?:of|the|an|to|by|for|with|on|in|from|de|del|la|el|los|las|al|en|que|con|por|para)$",
                      re.IGNORECASE)


def cut_off(sentence: str) -> bool:
    """Whether a sentence ends on a preposition or an article: the opening of a list, not a sentence."""
    return bool(_CUT_OFF.search(sentence.strip()))


# A law's list item runs into the next one ("… lo que resulte más favorable al trabajador, y"): shown on its own, it
# ends where it is cut.
_RUNS_ON = re.compile(r"\s*[,;]\s*(?:y|e|o|u|and|or)$", re.IGNORECASE)


def runs_on(sentence: str) -> bool:
    """Whether a sentence ends on a conjunction after a comma or semicolon (a fracción going on)."""
    return bool(_RUNS_ON.search(sentence.rstrip()))


def ended(sentence: str) -> str:
    """The sentence ending in a full stop instead of the conjunction that runs into the next list item."""
    stopped, n = _RUNS_ON.subn(".", sentence.rstrip())
    return stopped if n else sentence


# A sentence that opens by pointing back ("Its share …", "These included …", "Those workers …") reads as a reply only
# after the sentence it points to: it may support an answer, never open one.
_POINTS_BACK = re.compile(r"^(?:(?:It|Its|This|These|They|Their|Them|That|Those|Such|He|She|His|Her|"
                          # "Other confidential employees do take part, but …": set against the ones just named
                          r"Other|Otros|Otras|"
                          r"Este|Esta|Estos|Estas|Ese|Esa|Esos|Esas|Dicho|Dicha|Dichos|Dichas|Ello|"
                          # Spanish drops the subject: "Es la modalidad más común." is about the item before it
                          r"(?:Es|Son|Fue|Fueron|Era|Eran) (?:el|la|los|las|lo|un|una|uno)|Se trata de)\b|"
                          # a condition on what was said before: "If it decides there is, …", "If so, …", "Si no, …"
                          r"(?:If|When|Once|Unless|Si|Cuando) (?:(?:it(?! comes)|they|this|that|these|those|lo|esto|eso)"
                          r"(?=[ ,])|(?:so|not|no),))"
                          # "This knowledge base has no … figure": the guide itself, named outright
                          r"(?! (?:knowledge base|guide|document|base de conocimiento|gu[ií]a|documento)\b)")


def points_back(sentence: str) -> bool:
    """Whether the sentence opens with a word standing for something said before it ("Its share is 12.1%")."""
    return bool(_POINTS_BACK.match(sentence.strip()))


# "The fine for that infringement is …", "Esta prima se paga …": a noun named by a demonstrative early in the sentence
# is the one the sentence before it named
_NAMES_BACK = re.compile(r"^(?:\S+\s+){0,5}?(?:for|of|in|under|to|on|by|with) (?:that|those)\s+[a-z]", re.IGNORECASE)


def continues(sentence: str) -> bool:
    """Whether the sentence is about something the sentence before it named: it points back ("It lasts at most three
    months") or names its subject with a demonstrative ("The fine for that infringement is …")."""
    return points_back(sentence) or bool(_NAMES_BACK.match(sentence.strip()))


# A law's sentence that names its subject by the paragraph, article or fracción before it ("el monto del aguinaldo a
# que se refiere el párrafo anterior", "the amount determined under the preceding paragraph"): out of its article it
# says something about an unnamed subject (there, pensioners'), so it never opens an answer.
_REFERS_BACK = re.compile(r"\b(?:(?:p[aá]rrafo|art[ií]culo|fracci[oó]n|inciso|apartado)s? anterior(?:es)?|"
                          r"(?:preceding|previous|foregoing) (?:paragraph|section|subsection|clause|article)s?)\b",
                          re.IGNORECASE)


def refers_back(sentence: str) -> bool:
    """Whether the sentence names its subject by the provision before it ("… a que se refiere el párrafo anterior")."""
    return bool(_REFERS_BACK.search(sentence))


def _cells(line: str) -> list[str]:
    return [clean(c) for c in line.strip().strip("|").split("|")]


_BARE_NUMBER = re.compile(r"\d{1,3}(?:\s*[-–]\s*\d{1,3})?\+?")  # a row's label that is only a number or a range


def linearize_table(lines: list[str]) -> list[str]:
    """Markdown table rows as sentences: "2026 — general zone (MXN/day): 315.04; northern border zone …: 440.87."

    The first row is the header; each later row reads as its first cell, then each other cell with its column
    header. Rows whose cells are all empty are skipped.
    """
    rows = [_cells(line) for line in lines if line.strip().startswith("|") and not _TABLE_RULE.match(line.strip())]
    if len(rows) < 2:
        return []
    header, out = rows[0], []
    for row in rows[1:]:
        if not any(row):
            continue
        lead, rest = row[0], row[1:]
        if header[0] and _BARE_NUMBER.fullmatch(lead):
            lead = f"{header[0][:1].upper()}{header[0][1:]} {lead}"  # "6-10" says nothing: "Year of service 6-10"
        parts = [f"{h}: {v}" for h, v in zip(header[1:], rest) if v and v not in {"-", "—", "–"}]
        if lead and parts:
            out.append(f"{lead} — {'; '.join(parts)}.")
    return out


_BULLET = re.compile(r"^(?:[-*+•]|\d{1,2}[.)])\s+")
# a law's enumerated item: "(A) $176,000,000 for 2021.", "(ii) …", "(3) …" (US Code), "I. El 1o. de enero;", "a) …"
_ENUMERATED = re.compile(r"^(?:\((?P<paren>[A-Za-z]{1,2}|[ivxlcIVXLC]{1,6}|\d{1,2})\)|(?P<dot>[IVXLC]{1,6})\.-?|"
                         r"(?P<close>[a-z])\))\s+")


def item_kind(line: str) -> str | None:
    """What kind of list item a line is ("bullet", or an enumeration's style: "(A)", "(a)", "(1)", "I.", "a)"), or
    None for a line that is no list item. Items of one list share a kind: "(2)" after "(A)", "(B)" is not theirs."""
    if _BULLET.match(line):
        return "bullet"
    m = _ENUMERATED.match(line)
    if m is None:
        return None
    mark = m.group("paren") or m.group("dot") or m.group("close")
    style = "digit" if mark.isdigit() else "upper" if mark.isupper() else "lower"
    return ("paren-" if m.group("paren") else "dot-" if m.group("dot") else "close-") + style


_BOLD_LABEL = re.compile(r"^\*\*(.+?)\*\*")
_LAST_ITEM_JOIN = re.compile(r"[;,]?\s+(?:and|or|y|o|e|u)$")
LIST_ITEM_WORDS = 25  # a list read as one sentence: each item at most this long …
LIST_WORDS = 150  # … and the whole at most this long


def list_sentence(lead: str, items: list[str]) -> str | None:
    """A sentence announcing a list ("… prevé cinco modalidades de programa IMMEX:") read with its items as one
    sentence: "… prevé cinco modalidades de programa IMMEX: Controladora de empresas; Industrial; …." Items that open
    with a bold label give their label; otherwise each item is itself, when all are short. ``None`` for a list that
    does not read as one sentence (fewer than two items, or long ones)."""
    if len(items) < 2:
        return None
    labels = [m.group(1).strip().rstrip(":") for item in items if (m := _BOLD_LABEL.match(item))]
    if len(labels) == len(items):
        names = labels
    else:
        names = [_item_text(item) for item in items]
        if any(len(n.split()) > LIST_ITEM_WORDS for n in names):
            return None
    joined = f"{lead.rstrip()} {'; '.join(n.rstrip(' ;.,') for n in names)}."
    return joined if len(joined.split()) <= LIST_WORDS else None


ITEM_LEAD_WORDS = 30  # a list's item read with its announcing sentence: the announcement at most this long …
ITEM_WORDS = 40  # … and the item at most this long


def item_sentences(lead: str, items: list[str]) -> list[str]:
    """Each item of a list too long to read as one sentence, read with the sentence announcing it: "LSS article 27
    lists payments that do not integrate the SBC …: pantry vouchers (despensas) up to 40% of the reference daily
    value." (alone, "pantry vouchers … up to 40% …;" is a fragment no answer can show; an item that is a sentence of
    its own is shown as it is); none when the announcement is long."""
    if len(lead.split()) > ITEM_LEAD_WORDS:
        return []
    texts = ((item, _item_text(item)) for item in items)
    return [f"{lead.rstrip()} {text}." for item, text in texts
            if text and len(text.split()) <= ITEM_WORDS and not showable(clean(item))]


def led_item(lead: str, item: str) -> str:
    """A law's list item read after the words announcing its list: "II. Hasta por seis meses, en los siguientes casos:
    … d) Las de muestras o muestrarios destinados a dar a conocer mercancías …." (alone, "d) Las de muestras …" says
    nothing of the six months). An item that runs into the next ends with a full stop; the item stays as it is when
    the announcement is long."""
    if len(lead.split()) > ITEM_LEAD_WORDS:
        return item
    text = item.rstrip()
    if text.endswith(";") or runs_on(text):
        text = _item_text(text) + "."
    return f"{lead.rstrip()} … {text}"


def _item_text(item: str) -> str:
    """A list item without its closing punctuation and the "and" / "y" joining it to the next one."""
    return _LAST_ITEM_JOIN.sub("", item.rstrip(" ;.,")).rstrip(" ;.,")


_ENDS = re.compile(r"[.:;?!»\"”)\]]\s*$")  # a line that ends a sentence (or a quotation, a bracket)


def paragraphs(text: str) -> list[str]:
    """The text's lines as Markdown reads them: a line that goes on from the one before it (a paragraph or a list item
    hard-wrapped at a width) is joined to it; a blank line, a heading, a table row or a list marker starts anew."""
    out: list[str] = []
    joinable = False  # whether the last line may go on (prose or a list item, not a heading or a table row)
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            out.append("")
            joinable = False
        elif joinable and not stripped.startswith(("#", "|")) and not _BULLET.match(stripped):
            out[-1] = f"{out[-1]} {stripped}"
            joinable = not _ENDS.search(stripped)
        else:
            out.append(stripped)
            # a line ending a sentence, a heading, a table row or a law's subsection heading ("(3) Special rule for
            # foreign-trade zones") does not go on into the next
            joinable = not (stripped.startswith(("#", "|")) or _ENDS.search(stripped) or subsection_heading(stripped))
    return out


def passage_sentences(text: str, wrapped: bool = True) -> list[str]:
    """Every showable sentence of a passage, tables included, in reading order. A sentence that announces a list
    ("… lists payments that do not integrate the SBC …:") is read with its items (:func:`list_sentence`).
    ``wrapped``: the text is Markdown whose paragraphs may be hard-wrapped (:func:`paragraphs`); an official text's
    lines stand as the legal chunker left them (its editorial notes, "Párrafo reformado DOF …", end without a stop)."""
    out: list[str] = []
    table: list[str] = []
    lead: str | None = None  # the last block, when it ends in a colon
    lead_at = 0  # where its list sentence goes: in its place
    items: list[str] = []
    item_at: list[int] = []  # where each item's first sentence is in ``out``
    kind_of_items: str | None = None

    def close_list() -> None:
        nonlocal lead, items, item_at, kind_of_items
        if lead is not None and (joined := list_sentence(lead, items)) is not None:
            out.insert(lead_at, joined)
        elif lead is not None and wrapped and kind_of_items == "bullet":  # too long as one: each item with its lead
            out[lead_at:lead_at] = item_sentences(lead, items)
        elif lead is not None and not wrapped:  # a law's long items: each opens with what announces them
            for at in item_at:
                if at < len(out):
                    out[at] = led_item(lead, out[at])
        lead, items, item_at, kind_of_items = None, [], [], None

    for block in paragraphs(text) if wrapped else text.split("\n"):
        stripped = block.strip()
        if lead is not None and reform_note(stripped):
            continue  # "Fracción reformada DOF 17-01-2006" between a law's fracciones: not the law's words
        kind = item_kind(stripped)
        # an enumerated item that announces its own list ("(1) … amounts for the budget:") opens a new one
        announces = kind not in (None, "bullet") and stripped.endswith(":")
        if lead is not None and kind is not None and not announces and kind_of_items in (None, kind):
            items.append(_BULLET.sub("", stripped) if kind == "bullet" else stripped)
            item_at.append(len(out))
            kind_of_items = kind
        elif stripped:
            close_list()
        if stripped.startswith("|"):
            table.append(stripped)
            continue
        if table:
            out.extend(linearize_table(table))
            table = []
        if stripped and not stripped.startswith("#"):
            out.extend(split_sentences(stripped))
            if stripped.endswith(":") and kind != "bullet":
                lead, lead_at = split_sentences(stripped)[-1], len(out)
    close_list()
    if table:
        out.extend(linearize_table(table))
    return [s for s in (clean(s) for s in out) if showable(s)]
