"""The consultant desk's draft mode: an answer over more passages (k=10), every supporting passage quoted,
and a reference list with one entry per document (its sections listed under it); exported as Markdown or DOCX.

The answer's ``[n]`` markers and the quoted passages' headings use the document's number in that list, so the
edited Markdown and the Word file agree. Internal document ids never reach the client: a passage's cross-reference
("see shelter-services-explained") names the document's title instead. The draft is plain Markdown text the
consultant edits; :func:`markdown_to_docx` converts the edited text, so what is exported is what the consultant
wrote.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from assistant.language import detect_language
from assistant.models import AskResult, Citation, Passage
from assistant.interfaces.web.docx_export import markdown_to_docx
from assistant.interfaces.web.render import safe_url

__all__ = ["DRAFT_K", "Draft", "DocumentReference", "document_titles", "draft_title", "make_draft",
           "markdown_to_docx", "name_documents"]

DRAFT_K = 10
DRAFT_SENTENCES = 7  # the consultant desk's longer extractive answer
TITLE_CHARS = 90  # a title longer than this is cut at a word and ends with "…"

_WORDS = {
    "en": {"passages": "Supporting passages", "references": "References", "question": "Question",
           "as_of": "as of", "untitled": "Draft answer"},
    "es": {"passages": "Pasajes de apoyo", "references": "Referencias", "question": "Pregunta",
           "as_of": "datos al", "untitled": "Borrador de respuesta"},
}
_MARKER = re.compile(r"\[(\d{1,3})\]")
_REPEATED_MARKER = re.compile(r"(\[\d{1,3}\])(?:\s*\1)+")


@dataclass(frozen=True)
class DocumentReference:
    """One document in the reference list: its number (what the ``[n]`` markers say) and the sections quoted."""

    n: int
    title: str
    as_of: str | None = None
    url: str | None = None
    sections: tuple[tuple[str, str | None], ...] = ()  # (section label, its own link when it differs from url)


@dataclass
class Draft:
    question: str
    answer: str
    abstained: bool
    passages: list[Citation] = field(default_factory=list)  # every supporting passage; ``n``: its document's number
    documents: list[DocumentReference] = field(default_factory=list)  # numbered 1..n; the answer cites the first
    cited: int = 0  # how many of the documents the answer itself cites
    lang: str = "en"
    title: str = ""

    def markdown(self) -> str:
        words = _WORDS[self.lang]
        lines = [f"# {self.title or words['untitled']}", "", f"**{words['question']}:** {self.question}", "",
                 self.answer, ""]
        if self.passages:
            lines += [f"## {words['passages']}", ""]
            for p in self.passages:
                lines.append(f"### [{p.n}] {passage_heading(p)}")
                lines.append("")
                lines += [f"> {line}" if line.strip() else ">" for line in p.text.strip().splitlines()]
                lines.append("")
        if self.documents:
            lines += [f"## {words['references']}", ""]
            for doc in self.documents:
                lines.append(f"{doc.n}. {reference_entry(doc, words['as_of'])}")
                lines += [f"   - {label}" + (f" — {url}" if url else "") for label, url in doc.sections]
            lines.append("")
        return "\n".join(lines)


def section_label(c: Citation) -> str:
    """Where in its document a passage is: its section (unless that is just the title) and page."""
    return ", ".join(x for x in (c.section if c.section and c.section != c.title else None,
                                 f"p. {c.page}" if c.page else None) if x)


def passage_heading(c: Citation) -> str:
    where = section_label(c)
    return f"{c.title} — {where}" if where else c.title


def reference_entry(doc: DocumentReference, as_of_word: str = "as of") -> str:
    parts = [doc.title]
    if doc.as_of:
        parts.append(f"({as_of_word} {doc.as_of})")
    if doc.url:
        parts.append(f"— {doc.url}")
    return " ".join(parts)


# ------------------------------------------------------------------ titles and cross-references
def draft_title(question: str, lang: str = "en", limit: int = TITLE_CHARS) -> str:
    """A title from the client's question, in its own words: the sentence that asks (the first ending in "?" or
    "?"), else the first sentence; cut at a word boundary with "…" when longer than ``limit``."""
    text = " ".join(question.split())
    if not text:
        return _WORDS.get(lang, _WORDS["en"])["untitled"]
    sentences = re.findall(r"[^.?!]*[.?!]+|[^.?!]+$", text)
    asking = [s.strip() for s in sentences if s.strip().endswith("?")]
    title = (asking or [s.strip() for s in sentences if s.strip()] or [text])[0].rstrip(".").strip()
    if len(title) > limit:
        cut = title[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:–— ")
        title = cut + "…"
    return title[0].upper() + title[1:] if title[0].isalpha() else title


def document_titles(store) -> dict[str, str]:
    """Every served document's title by id (from the served manifest; empty without an index)."""
    manifest = store.current_manifest()
    return {} if manifest is None else {doc_id: entry.title for doc_id, entry in manifest.documents.items()}


def name_documents(text: str, titles: Mapping[str, str]) -> str:
    """Replace document ids in ``text`` by the documents' titles: Markdown links to a document
    (``[text](doc-id)``, ``[text](doc-id.md)``) keep their text; a hyphenated id is replaced wherever it stands as a
    word; a one-word id only in a cross-reference ("see glossary")."""
    if not titles or not text:
        return text
    ids = sorted(titles, key=len, reverse=True)
    alternatives = "|".join(re.escape(i) for i in ids)
    text = re.sub(rf"\[([^\]\n]+)\]\((?:[\w./-]*/)?(?:{alternatives})(?:\.md)?\)", r"\1", text)
    hyphenated = [i for i in ids if re.search(r"[-_.\d]", i)]
    if hyphenated:
        pattern = rf"(?<![\w/.#=-])({'|'.join(re.escape(i) for i in hyphenated)})(?![\w/-]|\.\w)"
        text = re.sub(pattern, lambda m: titles[m.group(1)], text)
    single = [i for i in ids if i not in hyphenated]
    if single:
        pattern = rf"(?<=\b[Ss]ee )({'|'.join(re.escape(i) for i in single)})(?![\w-])"
        text = re.sub(pattern, lambda m: titles[m.group(1)], text)
    return text


# ------------------------------------------------------------------ building the draft
def _same(c: Citation, p: Passage) -> bool:
    return c.doc_id == p.chunk.doc_id and c.section == p.chunk.section and c.text == p.chunk.text


def _numbered_by_document(passages: list[Citation], titles: Mapping[str, str]
                          ) -> tuple[list[Citation], list[DocumentReference], dict[int, int]]:
    """Number the documents in the order their passages come; return the passages renumbered (and with document
    ids named), the documents and each passage number's document number."""
    order: dict[str, int] = {}
    seen: dict[str, list[Citation]] = {}
    by_passage: dict[int, int] = {}
    renumbered: list[Citation] = []
    for p in passages:
        number = order.setdefault(p.doc_id, len(order) + 1)
        by_passage[p.n] = number
        seen.setdefault(p.doc_id, []).append(p)
        renumbered.append(p.model_copy(update={"n": number, "text": name_documents(p.text, titles)}))
    documents = []
    for doc_id, number in order.items():
        group = seen[doc_id]
        url = next((u.strip() for u in (p.url for p in group) if safe_url(u)), None)
        sections: dict[str, str | None] = {}
        for p in group:
            label = section_label(p)
            if label:
                sections.setdefault(label, p.url.strip() if safe_url(p.url) and p.url.strip() != url else None)
        documents.append(DocumentReference(
            n=number, title=group[0].title, as_of=max((p.as_of for p in group if p.as_of), default=None),
            url=url, sections=tuple(sections.items())))
    return renumbered, documents, by_passage


def renumber_markers(text: str, numbers: Mapping[int, int]) -> str:
    """``[n]`` (a passage) becomes ``[m]`` (its document); a marker repeated side by side is kept once."""
    text = _MARKER.sub(lambda m: f"[{numbers.get(int(m.group(1)), int(m.group(1)))}]", text)
    return _REPEATED_MARKER.sub(r"\1", text)


def make_draft(assistant, question: str, k: int = DRAFT_K, filters: dict[str, list[str]] | None = None,
               titles: Mapping[str, str] | None = None) -> Draft:
    """Ask with ``k`` passages (twice the chat's default); the answer's citations come first, then every other
    retrieved passage, so the consultant sees all the support there is. ``titles`` (document id → title, see
    :func:`document_titles`) names the documents passages refer to; the retrieved passages' titles are always
    known."""
    result: AskResult = assistant.ask(question, [], k=k, filters=filters, max_sentences=DRAFT_SENTENCES)
    lang = detect_language(question)
    lang = lang if lang in _WORDS else "en"
    cites = list(result.citations)
    passages = list(cites)
    for passage in result.retrieved:
        if not any(_same(c, passage) for c in passages):
            chunk = passage.chunk
            passages.append(Citation(n=len(passages) + 1, doc_id=chunk.doc_id, title=chunk.title,
                                     section=chunk.section, page=chunk.page, url=chunk.url, as_of=chunk.as_of,
                                     text=chunk.text))
    known = dict(titles or {})
    known.update((p.doc_id, p.title) for p in passages)
    renumbered, documents, numbers = _numbered_by_document(passages, known)
    answer = renumber_markers(name_documents(result.answer, known), numbers)
    cited = len({numbers[c.n] for c in cites})
    return Draft(question=question.strip(), answer=answer, abstained=result.abstained, passages=renumbered,
                 documents=documents, cited=cited, lang=lang, title=draft_title(question, lang))
