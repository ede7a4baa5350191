"""The consultant desk's draft mode: an answer over more passages (k=10), every supporting passage quoted,
and a numbered reference list; exported as Markdown or DOCX.

The draft is plain Markdown text the consultant edits; :func:`markdown_to_docx` converts the edited text,
so what is exported is what the consultant wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant.language import detect_language
from assistant.models import AskResult, Citation, Passage
from assistant.interfaces.web.render import safe_url

DRAFT_K = 10

_HEADINGS = {
    "en": ("Draft answer", "Supporting passages", "References", "Question"),
    "es": ("Borrador de respuesta", "Pasajes de apoyo", "Referencias", "Pregunta"),
}

DRAFT_SENTENCES = 7  # the consultant desk's longer extractive answer


@dataclass
class Draft:
    question: str
    answer: str
    abstained: bool
    references: list[Citation] = field(default_factory=list)  # numbered 1..n; the answer cites the first ones
    cited: int = 0  # how many of the references the answer itself cites
    lang: str = "en"

    def markdown(self) -> str:
        title, passages_h, refs_h, question_h = _HEADINGS[self.lang]
        lines = [f"# {title}", "", f"**{question_h}:** {self.question}", "", self.answer, ""]
        if self.references:
            lines += [f"## {passages_h}", ""]
            for ref in self.references:
                lines.append(f"### [{ref.n}] {reference_title(ref)}")
                lines.append("")
                lines += [f"> {line}" if line.strip() else ">" for line in ref.text.strip().splitlines()]
                lines.append("")
            lines += [f"## {refs_h}", ""]
            lines += [f"{ref.n}. {reference_entry(ref)}" for ref in self.references]
            lines.append("")
        return "\n".join(lines)


def reference_title(c: Citation) -> str:
    where = ", ".join(x for x in (c.section if c.section != c.title else None,
                                  f"p. {c.page}" if c.page else None) if x)
    return f"{c.title} — {where}" if where else c.title


def reference_entry(c: Citation) -> str:
    parts = [reference_title(c), f"({c.doc_id}"]
    parts[-1] += f", as of {c.as_of})" if c.as_of else ")"
    if safe_url(c.url):
        parts.append(c.url.strip())
    return " ".join(parts)


def _same(c: Citation, p: Passage) -> bool:
    return c.doc_id == p.chunk.doc_id and c.section == p.chunk.section and c.text == p.chunk.text


def make_draft(assistant, question: str, k: int = DRAFT_K, filters: dict[str, list[str]] | None = None) -> Draft:
    """Ask with ``k`` passages (twice the chat's default); the answer's citations come first in the reference
    list, then every other retrieved passage, so the consultant sees all the support there is."""
    result: AskResult = assistant.ask(question, [], k=k, filters=filters, max_sentences=DRAFT_SENTENCES)
    lang = detect_language(question)
    answer, cites, abstained = result.answer, list(result.citations), result.abstained
    references = list(cites)
    for passage in result.retrieved:
        if not any(_same(c, passage) for c in references):
            chunk = passage.chunk
            references.append(Citation(n=len(references) + 1, doc_id=chunk.doc_id, title=chunk.title,
                                       section=chunk.section, page=chunk.page, url=chunk.url, as_of=chunk.as_of,
                                       text=chunk.text))
    return Draft(question=question.strip(), answer=answer, abstained=abstained, references=references,
                 cited=len(cites), lang=lang)


# ---------------------------------------------------------------------- DOCX
_INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")
_NUMBERED = re.compile(r"^(\d+)\.\s+(.*)$")


def _add_runs(paragraph, text: str) -> None:
    for part in _INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            paragraph.add_run(part[2:-2]).bold = True
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            paragraph.add_run(part[1:-1]).italic = True
        else:
            paragraph.add_run(part)


def markdown_to_docx(markdown: str, path: Path) -> Path:
    """Write the (edited) draft as a Word document: headings, quoted passages, numbered references."""
    from docx import Document as DocxDocument
    from docx.shared import Pt

    doc = DocxDocument()
    quote: list[str] = []

    def flush_quote() -> None:
        if quote:
            p = doc.add_paragraph(style="Quote")
            _add_runs(p, " ".join(q for q in quote if q))
            quote.clear()

    for raw in markdown.splitlines():
        line = raw.rstrip()
        if line.startswith(">"):
            quote.append(line[1:].strip())
            continue
        flush_quote()
        if not line.strip():
            continue
        heading = re.match(r"^(#{1,4})\s+(.*)$", line)
        numbered = _NUMBERED.match(line)
        if heading:
            doc.add_heading(heading.group(2).strip(), level=min(len(heading.group(1)) - 1, 3) or 0)
        elif numbered:  # keep the draft's own numbers: they are what the [n] markers point at
            p = doc.add_paragraph()
            p.paragraph_format.left_indent = Pt(18)
            p.paragraph_format.first_line_indent = Pt(-18)
            p.add_run(f"{numbered.group(1)}. ")
            _add_runs(p, numbered.group(2))
        elif re.match(r"^[-*]\s+", line):
            p = doc.add_paragraph(style="List Bullet")
            _add_runs(p, re.sub(r"^[-*]\s+", "", line))
        else:
            p = doc.add_paragraph()
            _add_runs(p, line)
    flush_quote()
    for style in ("Normal", "Quote"):
        doc.styles[style].font.size = Pt(11)
    path = Path(path)
    doc.save(str(path))
    return path
