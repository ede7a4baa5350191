"""Document metadata: front matter validation and content fingerprints (shared by Markdown and PDF)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import ValidationError

from assistant.errors import DocumentError
from assistant.models import DocMeta
from assistant.validation import explain_validation_error

__all__ = ["DocumentError", "content_hash", "file_fingerprint", "sidecar_path", "validate_meta"]


def content_hash(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
        digest.update(b"\x00")
    return digest.hexdigest()




def sidecar_path(path: Path) -> Path:
    """The optional metadata sidecar of a PDF: ``NAME.pdf.yaml`` beside it."""
    return path.with_name(path.name + ".yaml")


def file_fingerprint(path: Path) -> str:
    """What identifies a corpus file's content: its bytes, plus its sidecar's for a PDF that has one.

    The index compares these to decide what changed; a loaded document carries the same value.
    """
    parts = [path.read_bytes()]
    sidecar = sidecar_path(path)
    if path.suffix.lower() == ".pdf" and sidecar.exists():
        parts.append(sidecar.read_bytes())
    return content_hash(*parts)


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
        issues = explain_validation_error(exc)
        raise DocumentError(
            f"invalid {where} ({issues})",
            "required: id, title, doc_type (guide|regulation|agreement|faq|data), "
            "jurisdiction (MX|US|USMCA|other), as_of (YYYY-MM-DD); optional: topics, language (en|es), sources",
        ) from None
