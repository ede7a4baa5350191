"""Writing a fuzz case's body as raw JSON text (literals ``json.dumps`` cannot produce: ``1e309``, ``NaN``, lone
surrogates) and judging the server's answer to one case. Pure.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

# What a leaked file looks like in a response body (the admin token the harness sets is added by the caller).
LEAK_MARKERS = ("root:x:0:0", "NEARSHORE_INDEX_DIR=", "HF_HUB_OFFLINE=", "GRADIO_TEMP_DIR=")


# ------------------------------------------------------------------ raw JSON text
class _Lit:
    """A JSON literal written verbatim (``1e309``, ``NaN``), which ``json.dumps`` cannot produce from a float."""

    def __init__(self, text: str):
        self.text = text


def raw_json(value) -> bytes:
    """JSON text of ``value`` with :class:`_Lit` spliced in verbatim; lone surrogates become ``\\udXXX`` escapes."""
    lits: list[str] = []

    def swap(v):
        if isinstance(v, _Lit):
            lits.append(v.text)
            return f"\x00LIT{len(lits) - 1}\x00"
        if isinstance(v, dict):
            return {k: swap(x) for k, x in v.items()}
        if isinstance(v, list):
            return [swap(x) for x in v]
        return v

    text = json.dumps(swap(value), ensure_ascii=True)  # ensure_ascii writes a lone surrogate as its \\u escape
    for i, lit in enumerate(lits):
        text = text.replace(f'"\\u0000LIT{i}\\u0000"', lit)
    return text.encode("ascii")


# ------------------------------------------------------------------ judging one answer
def judge(case: Any, status: int | None, content_type: str, body: bytes,
          extra_leak_markers: Iterable[str] = ()) -> str | None:
    """None when the server answered ``case`` (a :class:`FuzzCase`) correctly; else one sentence saying what was wrong."""
    if status is None:
        return "no response (connection failed or the server died)"
    if status >= 500:
        return f"{status} server error"
    markers = [m for m in (*LEAK_MARKERS, *extra_leak_markers) if m]
    text = body.decode("utf-8", "replace")
    leaked = [m for m in markers if m in text]
    if leaked:
        return f"the body holds {leaked[0]!r}: a server file or the environment leaked"
    if case.path.startswith("/api/") and not 300 <= status < 400:
        if not content_type.startswith("application/json"):
            return f"{status} with content-type {content_type or 'none'}, not JSON"
        try:
            value = json.loads(body)
        except ValueError:
            return f"{status} with a body that is not JSON"
        if status >= 400 and not (isinstance(value, dict) and isinstance(value.get("error"), str)):
            return f"{status} without an {{\"error\": ...}} body"
    expect = case.expect
    if expect == "ok" and status not in (200, 201):
        return f"{status}, expected 200/201 for a valid request"
    if expect == "4xx" and not 400 <= status < 500:
        return f"{status}, expected a 4xx"
    if expect == "ok_or_4xx" and not (status in (200, 201) or 400 <= status < 500):
        return f"{status}, expected 200/201 or a 4xx"
    if expect in ("404", "405") and status != int(expect):
        return f"{status}, expected {expect}"
    return None
