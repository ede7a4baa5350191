"""Markdown (the consultant's edited draft) to a Word document, with python-docx (imported when used).

What a draft holds, and what becomes of it: ``#`` headings (the first is the document's title), paragraphs with
``**bold**`` and ``*italic*``, bullet lists (indented ones nest) and numbered lists (their own numbers kept: the
``[n]`` markers point at them), ``>`` quotes (whose lines may hold tables or lists too), pipe tables (a real Word
table, header row bold) and links — ``[text](https://…)``, ``<https://…>`` and bare ``https://…`` — as live
hyperlinks. Only http(s) targets become links; anything else stays text.
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant.interfaces.web.render import safe_url

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_NUMBERED = re.compile(r"^(\s*)(\d+)[.)]\s+(.*)$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_INLINE = re.compile(
    r"\[(?P<label>[^\]\n]+)\]\((?P<target>https?://[^)\s]+)\)"  # [text](url)
    r"|<(?P<auto>https?://[^>\s]+)>"  # <url>
    r"|(?P<bare>https?://[^\s<>\"'|]+[^\s<>\"'|.,;:!?)\]])"  # a bare URL, without trailing punctuation
    r"|\*\*(?P<bold>[^*\n]+?)\*\*"
    r"|(?<![\w*])\*(?P<italic>[^*\s][^*\n]*?)\*(?![\w*])"
)


def markdown_to_docx(markdown: str, path: Path, title: str | None = None) -> Path:
    """Write the (edited) draft as a Word document; its title (document properties) is ``title`` or the first
    ``#`` heading."""
    from docx import Document as DocxDocument
    from docx.shared import Pt

    doc = DocxDocument()
    lines = markdown.splitlines()
    first = next((m.group(2) for m in map(_HEADING.match, lines) if m and len(m.group(1)) == 1), None)
    doc.core_properties.title = (title or first or "")[:255]
    _Writer(doc).blocks(lines, quoted=False)
    for style in ("Normal", "Quote"):
        doc.styles[style].font.size = Pt(11)
    path = Path(path)
    doc.save(str(path))
    return path


class _Writer:
    def __init__(self, doc):
        self.doc = doc

    def blocks(self, lines: list[str], quoted: bool) -> None:
        i = 0
        while i < len(lines):
            line = lines[i].rstrip()
            if line.lstrip().startswith(">"):
                j = i
                while j < len(lines) and lines[j].lstrip().startswith(">"):
                    j += 1
                inner = [re.sub(r"^\s*>\s?", "", x) for x in lines[i:j]]
                self.blocks(inner, quoted=True)
                i = j
            elif not line.strip():
                i += 1
            elif _is_table(lines, i):
                j = i + 2
                while j < len(lines) and "|" in lines[j] and lines[j].strip():
                    j += 1
                self.table([_cells(lines[i])] + [_cells(x) for x in lines[i + 2 : j]])
                i = j
            else:
                i = self.line(lines, i, quoted)

    def line(self, lines: list[str], i: int, quoted: bool) -> int:
        line = lines[i].rstrip()
        heading, numbered, bullet = _HEADING.match(line), _NUMBERED.match(line), _BULLET.match(line)
        if heading and not quoted:
            level = len(heading.group(1)) - 1
            self.runs(self.doc.add_heading("", level=min(level, 3)), heading.group(2))
        elif numbered:  # keep the draft's own numbers: they are what the [n] markers point at
            from docx.shared import Pt

            p = self.doc.add_paragraph(style="Quote" if quoted else None)
            indent = 18 * (1 + len(numbered.group(1).expandtabs(4)) // 3)
            p.paragraph_format.left_indent = Pt(indent)
            p.paragraph_format.first_line_indent = Pt(-18)
            p.add_run(f"{numbered.group(2)}. ")
            self.runs(p, numbered.group(3))
        elif bullet:
            depth = min(len(bullet.group(1).expandtabs(4)) // 2, 2)
            self.runs(self.doc.add_paragraph(style="List Bullet" + (f" {depth + 1}" if depth else "")),
                      bullet.group(2))
        elif quoted:  # a quoted paragraph: its lines run on until a blank line or another block
            parts = [line.strip()]
            while (i + 1 < len(lines) and lines[i + 1].strip() and not _is_table(lines, i + 1)
                   and not (_HEADING.match(lines[i + 1]) or _NUMBERED.match(lines[i + 1])
                            or _BULLET.match(lines[i + 1]))):
                i += 1
                parts.append(lines[i].strip())
            self.runs(self.doc.add_paragraph(style="Quote"), " ".join(parts))
        else:
            self.runs(self.doc.add_paragraph(), line.strip())
        return i + 1

    def table(self, rows: list[list[str]]) -> None:
        width = max(len(r) for r in rows)
        table = self.doc.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c in range(width):
                paragraph = table.cell(r, c).paragraphs[0]
                self.runs(paragraph, row[c] if c < len(row) else "", bold=r == 0)
        self.doc.add_paragraph()  # Word joins tables that touch; a blank line keeps them apart

    def runs(self, paragraph, text: str, bold: bool = False) -> None:
        """Add ``text`` to ``paragraph``: bold, italic and links become runs and hyperlinks."""
        at = 0
        for m in _INLINE.finditer(text):
            if m.start() > at:
                _run(paragraph, text[at : m.start()], bold)
            url = m.group("target") or m.group("auto") or m.group("bare")
            if url and safe_url(url):
                add_hyperlink(paragraph, url, m.group("label") or url, bold)
            elif m.group("bold"):
                _run(paragraph, m.group("bold"), True)
            elif m.group("italic"):
                _run(paragraph, m.group("italic"), bold).italic = True
            else:
                _run(paragraph, m.group(0), bold)
            at = m.end()
        if at < len(text):
            _run(paragraph, text[at:], bold)


def _run(paragraph, text: str, bold: bool):
    run = paragraph.add_run(text)
    if bold:
        run.bold = True
    return run


def add_hyperlink(paragraph, url: str, text: str, bold: bool = False):
    """A live link: a ``w:hyperlink`` whose relationship points at ``url`` (blue, underlined)."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "0563C1")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    if bold:
        props.append(OxmlElement("w:b"))
    props.extend([color, underline])  # the schema's order: b, color, u
    run.append(props)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    paragraph._p.append(link)
    return link


def _is_table(lines: list[str], i: int) -> bool:
    return (i + 1 < len(lines) and "|" in lines[i] and _TABLE_RULE.match(lines[i + 1]) is not None
            and "|" in lines[i + 1])


def _cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)]
