"""PDF ingestion with pypdf: text per page, page numbers kept; metadata from a sidecar or the PDF itself."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from assistant.errors import DocumentError
from assistant.ingest.metadata import (
    MAX_FRONT_MATTER_BYTES,
    MAX_TITLE_CHARS,
    file_fingerprint,
    load_front_matter,
    sidecar_path,
    validate_meta,
)
from assistant.ingest.pdfclean import clean_pages
from assistant.language import detect_language
from assistant.models import Document, Section
from assistant.text import slugify

logging.getLogger("pypdf").setLevel(logging.ERROR)

def _pdf_id(path: Path) -> str:
    slug = slugify(path.stem, 100)
    return slug if len(slug) >= 2 else f"pdf-{slug}"


def _pdf_date(info: object, attribute: str) -> str | None:
    """The PDF's own creation or modification date, or None (also when the date in the file is malformed)."""
    try:
        value = getattr(info, attribute, None)
    except Exception:  # noqa: BLE001 - pypdf parses the date lazily and raises several kinds on bad input
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return None


def load_pdf(path: Path, rel: str) -> tuple[Document, list[str]]:
    """Read a PDF into one section per page. Encrypted, corrupt, image-only and hostile PDFs (a decompression
    bomb, too many objects: anything pypdf refuses, :class:`pypdf.errors.PyPdfError`) raise DocumentError."""
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PyPdfError

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
        raw = [page.extract_text() or "" for page in reader.pages]
        # running headers / footers out, broken words joined; page numbers stay those of the PDF
        pages = [Section(heading=None, text=text, page=number)
                 for number, text in enumerate(clean_pages(raw), start=1) if text.strip()]
        info = reader.metadata or {}
        pdf_title = str(info.get("/Title") or "").strip()[:MAX_TITLE_CHARS]
    except DocumentError:
        raise
    except LimitReachedError:
        raise DocumentError(
            "PDF refused: a compressed part of it expands past pypdf's safety limit (a decompression bomb?)",
            "if the file is genuine, print it to a new PDF (or `qpdf --recompress-flate`) and put that in the corpus",
        ) from None
    except (PyPdfError, RecursionError, ValueError, KeyError, TypeError, OSError, AttributeError) as exc:
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
        if sidecar.stat().st_size > MAX_FRONT_MATTER_BYTES:
            raise DocumentError(f"sidecar {sidecar.name} is larger than {MAX_FRONT_MATTER_BYTES // 1024} KB",
                                "keep it to the metadata fields; it describes the PDF, it does not hold its text")
        try:
            text = sidecar.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise DocumentError(f"sidecar {sidecar.name} is not UTF-8 text", "save it as UTF-8") from None
        data = load_front_matter(text, f"sidecar {sidecar.name}")
        meta = validate_meta(data, f"sidecar {sidecar.name}")
    else:
        title = pdf_title or path.stem.replace("_", " ").replace("-", " ")
        as_of = (_pdf_date(info, "modification_date") or _pdf_date(info, "creation_date")
                 or dt.date.fromtimestamp(path.stat().st_mtime).isoformat())
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
