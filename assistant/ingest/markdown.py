"""Markdown documents: YAML front matter, then sections split at headings (each with its heading path)."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.errors import DocumentError
from assistant.ingest.metadata import content_hash, load_front_matter, validate_meta
from assistant.models import Document, Section

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
# Reference lists repeat the front matter's `sources`; they are not indexed as passages.
_REFERENCE_HEADINGS = {"sources", "references", "fuentes", "referencias", "bibliography"}
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")


def parse_markdown(text: str) -> tuple[dict, str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        raise DocumentError(
            "no YAML front matter", "start the file with a '---' line, the metadata, and a closing '---' line"
        )
    data = load_front_matter(match.group(1), "front matter", first_line=2)
    return data, text[match.end():]



def markdown_sections(body: str) -> list[Section]:
    """Split a Markdown body at headings; each section carries its heading path ("H2 > H3")."""
    sections: list[Section] = []
    path: list[tuple[int, str]] = []
    buffer: list[str] = []
    in_code = False

    def flush() -> None:
        text = "\n".join(buffer).strip()
        skipped = bool(path) and path[-1][1].strip().lower() in _REFERENCE_HEADINGS
        if text and not skipped:
            heading = " > ".join(title for level, title in path if level > 1) or (path[0][1] if path else None)
            sections.append(Section(heading=heading, text=text))
        buffer.clear()

    for line in body.splitlines():
        if line.strip().startswith("```"):
            in_code = not in_code
        match = None if in_code else _HEADING.match(line)
        if match:
            flush()
            level = len(match.group(1))
            path = [(lv, t) for lv, t in path if lv < level] + [(level, match.group(2).strip())]
        else:
            buffer.append(line)
    flush()
    return sections



def load_markdown(path: Path, rel: str) -> tuple[Document, list[str]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DocumentError("file is not UTF-8 text", "save it as UTF-8") from None
    data, body = parse_markdown(text)
    meta = validate_meta(data, "front matter")
    warnings = []
    if Path(rel).stem != meta.id:
        warnings.append(f"file name '{Path(rel).name}' does not match id '{meta.id}'")
    if not meta.sources:
        warnings.append("no `sources` listed")
    sections = markdown_sections(body)
    if not sections:
        raise DocumentError("document has no text after the front matter", "add the document's content")
    return Document(meta=meta, path=rel, content_hash=content_hash(raw), sections=sections), warnings
