"""How much a passage is trusted, from where its document sits in the corpus (decided once, at ingest).

``official`` — the texts themselves (laws, regulations, agreements as published): anything under
``corpus/official/``, or a document whose ``doc_type`` is ``official`` or ``law``.
``uploaded`` — documents an admin added through the upload tab (they land in ``corpus/uploads/``).
``curated`` — everything else: the guides the project ships and reviews.

Retrieval breaks near-ties by this order (official > curated > uploaded); see ``assistant.answer.retrieval``.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from assistant.models import Authority

OFFICIAL_DIR = "official"
UPLOADS_DIR = "uploads"
OFFICIAL_DOC_TYPES = frozenset({"official", "law"})
AUTHORITY_ORDER: tuple[Authority, ...] = ("official", "curated", "uploaded")  # most trusted first


def authority_of(path: str, doc_type: str) -> Authority:
    """The authority of a document at corpus-relative ``path`` (either slash) with ``doc_type``."""
    top = PurePosixPath(path.replace("\\", "/")).parts[:1]
    if top == (UPLOADS_DIR,):
        return "uploaded"  # an upload never claims more, whatever its front matter says
    if top == (OFFICIAL_DIR,) or doc_type in OFFICIAL_DOC_TYPES:
        return "official"
    return "curated"
