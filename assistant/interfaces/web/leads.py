"""What the workspace's "Feedback & leads" tab shows, from the feedback store's rows: pure functions, no Gradio.

Cells are plain text (the table renders them as text, never as Markdown or HTML); long answers are shortened.
"""

from __future__ import annotations

from typing import Any

FEEDBACK_HEADERS = ["When (UTC)", "Rating", "Question", "Answer", "Comment", "Channel"]
LEAD_HEADERS = ["When (UTC)", "Name", "Email", "Question", "Details"]
ANSWER_CHARS = 240
RATING_LABELS = {"up": "👍 up", "down": "👎 down"}


def _when(value: Any) -> str:
    return str(value or "").replace("T", " ").removesuffix("+00:00")


def _short(text: Any, limit: int = ANSWER_CHARS) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def feedback_rows(rows: list[dict[str, Any]]) -> list[list[str]]:
    """Ratings as table rows, in the order given (the store gives the newest first)."""
    return [[_when(r.get("created_at")), RATING_LABELS.get(r.get("rating"), str(r.get("rating"))),
             _short(r.get("question")), _short(r.get("answer")), str(r.get("comment") or ""),
             str(r.get("channel") or "")] for r in rows]


def lead_rows(rows: list[dict[str, Any]]) -> list[list[str]]:
    """Consultant requests (leads) as table rows, in the order given."""
    return [[_when(r.get("created_at")), str(r.get("name") or ""), str(r.get("email") or ""),
             _short(r.get("question")), str(r.get("details") or "")] for r in rows]


def summary(ratings: list[dict[str, Any]], leads: list[dict[str, Any]], limit: int) -> str:
    """One line over what is shown: ratings up and down, how many carry a comment, how many leads."""
    up = sum(r.get("rating") == "up" for r in ratings)
    commented = sum(bool(r.get("comment")) for r in ratings)
    shown = f"the latest {limit}" if limit in (len(ratings), len(leads)) else "all"
    return (f"{len(ratings)} rating(s) ({up} 👍, {len(ratings) - up} 👎), {commented} with a comment; "
            f"{len(leads)} consultant request(s). Showing {shown}, newest first.")
