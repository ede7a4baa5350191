"""PDF ingestion with pypdf: text per page, page numbers kept; metadata from a sidecar or the PDF itself."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import yaml

from assistant.errors import DocumentError
from assistant.ingest.metadata import file_fingerprint, sidecar_path, validate_meta
from assistant.models import Document, Section
from assistant.language import detect_language
from assistant.text import slugify

logging.getLogger("pypdf").setLevel(logging.ERROR)

def _pdf_id(path: Path) -> str:
    slug = slugify(path.stem, 100)
    return slug if len(slug) >= 2 else f"pdf-{slug}"


def _pdf_date(value: object) -> str | None:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return None


def load_pdf(path: Path, rel: str) -> tuple[Document, list[str]]:
    """Read a PDF into one section per page. Encrypted, corrupt and image-only PDFs raise DocumentError."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:  # noqa: BLE001 - pypdf raises several kinds for unsupported crypto
                ok = 0
            if not ok:
                raise DocumentError(
                    "PDF is encrypted with a password",
                    "save an unencrypted copy (e.g. `qpdf --decrypt in.pdf out.pdf`) and put that in the corpus",
                )
        pages = []
        for number, page in enumerate(reader.pages, start=1):
            text = (page.extract_text() or "").strip()
            if text:
                pages.append(Section(heading=None, text=text, page=number))
        info = reader.metadata or {}
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, AttributeError) as exc:
        raise DocumentError(
            f"PDF could not be read ({type(exc).__name__}: {str(exc)[:120]})",
            "the file is damaged or not a PDF; export it again from its source",
        ) from None
    if not pages:
        raise DocumentError(
            "PDF has no extractable text (scanned images only?)",
            "run OCR on it first (e.g. `ocrmypdf in.pdf out.pdf`) and put the result in the corpus",
        )

    sidecar = sidecar_path(path)
    warnings: list[str] = []
    if sidecar.exists():
        try:
            data = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
        except yaml.YAMLError:
            raise DocumentError(f"sidecar {sidecar.name} is not valid YAML", "fix its YAML syntax") from None
        meta = validate_meta(data, f"sidecar {sidecar.name}")
    else:
        title = str(info.get("/Title") or "").strip() or path.stem.replace("_", " ").replace("-", " ")
        as_of = _pdf_date(getattr(info, "modification_date", None)) or _pdf_date(
            getattr(info, "creation_date", None)
        ) or dt.date.fromtimestamp(path.stat().st_mtime).isoformat()
        meta = validate_meta(
            {
                "id": _pdf_id(path),
                "title": title,
                "doc_type": "regulation",
                "jurisdiction": "other",
                "topics": [],
                "language": detect_language(" ".join(p.text for p in pages[:5])[:20000]),
                "as_of": as_of,
                "sources": [{"title": title, "citation": path.name, "url": None}],
            },
            "PDF metadata",
        )
        warnings.append(f"no sidecar {sidecar.name}: metadata taken from the PDF and its file name")
    return Document(meta=meta, path=rel, content_hash=file_fingerprint(path), sections=pages), warnings
