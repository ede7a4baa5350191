"""Load the corpus: Markdown with YAML front matter, and PDFs (with an optional ``NAME.pdf.yaml`` sidecar).

Bad input never stops the rest: every problem becomes a :class:`Problem` naming the file and what to do,
the file is skipped, and every other document still loads.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from .models import DocMeta, Document, Section

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
# Reference lists repeat the front matter's `sources`; they are not indexed as passages.
_REFERENCE_HEADINGS = {"sources", "references", "fuentes", "referencias", "bibliography"}
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")


@dataclass
class Problem:
    path: str
    message: str
    hint: str
    severity: str = "error"  # "error" skips the file; "warning" keeps it

    def __str__(self) -> str:
        return f"{self.path}: {self.message} — {self.hint}"


@dataclass
class LoadReport:
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def corpus_files(corpus_dir: Path) -> list[Path]:
    """Markdown and PDF files under ``corpus_dir``, in a stable order (README files excluded)."""
    files = [
        p
        for p in corpus_dir.rglob("*")
        if p.is_file()
        and p.suffix.lower() in {".md", ".markdown", ".pdf"}
        and p.name.lower() not in {"readme.md", "contributing.md"}
        and not any(part.startswith(".") for part in p.relative_to(corpus_dir).parts)
    ]
    return sorted(files)


def load_corpus(corpus_dir: Path) -> LoadReport:
    """Load every document under ``corpus_dir``; report and skip the ones that cannot be used."""
    report = LoadReport()
    if not corpus_dir.is_dir():
        report.problems.append(
            Problem(str(corpus_dir), "corpus folder does not exist", "create it or set NEARSHORE_CORPUS_DIR")
        )
        return report
    seen: dict[str, str] = {}
    for path in corpus_files(corpus_dir):
        rel = str(path.relative_to(corpus_dir))
        try:
            if path.suffix.lower() == ".pdf":
                from .pdfs import load_pdf

                doc, warnings = load_pdf(path, rel)
            else:
                doc, warnings = load_markdown(path, rel)
        except DocumentError as exc:
            report.problems.append(Problem(rel, exc.message, exc.hint))
            continue
        report.problems.extend(Problem(rel, w, "check the file", "warning") for w in warnings)
        if doc.meta.id in seen:
            report.problems.append(
                Problem(rel, f"duplicate id '{doc.meta.id}' (already used by {seen[doc.meta.id]})",
                        "give each document a unique `id` in its front matter")
            )
            continue
        seen[doc.meta.id] = rel
        report.documents.append(doc)
    return report


class DocumentError(Exception):
    def __init__(self, message: str, hint: str):
        super().__init__(f"{message} — {hint}")
        self.message = message
        self.hint = hint


def content_hash(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
        digest.update(b"\x00")
    return digest.hexdigest()


def validate_meta(data: object, where: str) -> DocMeta:
    """Validate front matter (or a sidecar) and turn pydantic's errors into one readable sentence."""
    if not isinstance(data, dict):
        raise DocumentError(f"{where} is not a YAML mapping", "write `key: value` lines between the --- markers")
    data = dict(data)
    if "as_of" in data and not isinstance(data["as_of"], str):
        data["as_of"] = str(data["as_of"])
    try:
        return DocMeta.model_validate(data)
    except ValidationError as exc:
        issues = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'front matter'}: {err['msg']}" for err in exc.errors()
        )
        raise DocumentError(
            f"invalid {where} ({issues})",
            "required: id, title, doc_type (guide|regulation|agreement|faq|data), "
            "jurisdiction (MX|US|USMCA|other), as_of (YYYY-MM-DD); optional: topics, language (en|es), sources",
        ) from None


def parse_markdown(text: str) -> tuple[dict, str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        raise DocumentError(
            "no YAML front matter", "start the file with a '---' line, the metadata, and a closing '---' line"
        )
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        raise DocumentError(f"front matter is not valid YAML{where}", "fix the YAML syntax (quote values with colons)") from None
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
