"""Load the corpus: Markdown with YAML front matter, and PDFs (with an optional ``NAME.pdf.yaml`` sidecar).

Bad input never stops the rest: every problem becomes a :class:`Problem` naming the file and what to do,
the file is skipped, and every other document still loads.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import DocumentError
from assistant.ingest.markdown import load_markdown
from assistant.ingest.pdf_cache import load_pdfs
from assistant.models import Document

log = logging.getLogger(__name__)


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


def load_corpus(corpus_dir: Path, cache_dir: Path | None = None) -> LoadReport:
    """Load every document under ``corpus_dir``; report and skip the ones that cannot be used.

    PDFs are read in parallel and, with a ``cache_dir``, once per file version (:mod:`assistant.ingest.pdf_cache`).
    """
    report = LoadReport()
    if not corpus_dir.is_dir():
        report.problems.append(
            Problem(str(corpus_dir), "corpus folder does not exist", "create it or set NEARSHORE_CORPUS_DIR")
        )
        return report
    seen: dict[str, str] = {}
    files = corpus_files(corpus_dir)
    pdfs = load_pdfs([(p, str(p.relative_to(corpus_dir))) for p in files if p.suffix.lower() == ".pdf"], cache_dir)
    for path in files:
        rel = str(path.relative_to(corpus_dir))
        try:
            if rel in pdfs:
                loaded = pdfs[rel]
                if isinstance(loaded, DocumentError):
                    raise loaded
                doc, warnings = loaded
            else:
                doc, warnings = load_markdown(path, rel)
        except DocumentError as exc:
            report.problems.append(Problem(rel, exc.message, exc.hint))
            continue
        except Exception as exc:  # noqa: BLE001 - one unreadable file never stops the rest
            log.exception("unexpected error while loading %s", rel)
            report.problems.append(Problem(rel, f"could not be loaded ({type(exc).__name__})",
                                           "check that the file is a valid Markdown or PDF document"))
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
