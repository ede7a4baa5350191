"""Answer feedback (thumbs up/down with an optional comment) and consultant requests, kept in SQLite."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any, Iterable, TextIO

from assistant.text import spreadsheet_safe

RATINGS = ("up", "down")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL DEFAULT '[]',
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    comment TEXT,
    channel TEXT NOT NULL DEFAULT 'ui'
);
CREATE TABLE IF NOT EXISTS consultant_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    question TEXT NOT NULL,
    details TEXT
);
"""

FEEDBACK_COLUMNS = ["id", "created_at", "question", "answer", "citations", "rating", "comment", "channel"]
REQUEST_COLUMNS = ["id", "created_at", "name", "email", "question", "details"]


def _cell(value: Any) -> Any:
    """Neutralize spreadsheet formulas in user-written text (CSV injection)."""
    return spreadsheet_safe(value)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class FeedbackStore:
    """A small SQLite store; the file and its folder are created on first write."""

    def __init__(self, path: Path | str):
        self.path = Path(path)

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=10)
        conn.row_factory = sqlite3.Row
        conn.executescript(_SCHEMA)
        return conn

    # ------------------------------------------------------------------ feedback
    def add(self, question: str, answer: str, citations: Iterable[dict[str, Any]] | None, rating: str,
            comment: str | None = None, channel: str = "ui") -> int:
        """Store one rating; returns its id."""
        if rating not in RATINGS:
            raise ValueError(f"rating must be 'up' or 'down' (got {rating!r})")
        cites = json.dumps(list(citations or []), ensure_ascii=False)
        with closing(self._connect()) as conn, conn:
            cur = conn.execute(
                "INSERT INTO feedback (created_at, question, answer, citations, rating, comment, channel)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (_now(), question, answer, cites, rating, (comment or "").strip() or None, channel),
            )
            return int(cur.lastrowid)

    def set_rating(self, feedback_id: int, rating: str) -> None:
        if rating not in RATINGS:
            raise ValueError(f"rating must be 'up' or 'down' (got {rating!r})")
        with closing(self._connect()) as conn, conn:
            cur = conn.execute("UPDATE feedback SET rating = ? WHERE id = ?", (rating, feedback_id))
            if cur.rowcount == 0:
                raise KeyError(f"no feedback with id {feedback_id}")

    def set_comment(self, feedback_id: int, comment: str) -> None:
        with closing(self._connect()) as conn, conn:
            cur = conn.execute("UPDATE feedback SET comment = ? WHERE id = ?", (comment.strip() or None, feedback_id))
            if cur.rowcount == 0:
                raise KeyError(f"no feedback with id {feedback_id}")

    def rows(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        with closing(self._connect()) as conn:
            return [dict(r) for r in conn.execute("SELECT * FROM feedback ORDER BY id")]

    def recent(self, limit: int = 200) -> list[dict[str, Any]]:
        """The latest ``limit`` ratings, newest first."""
        return self._latest("feedback", limit)

    def _latest(self, table: str, limit: int) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        with closing(self._connect()) as conn:
            query = {"feedback": "SELECT * FROM feedback ORDER BY id DESC LIMIT ?",
                     "consultant_requests": "SELECT * FROM consultant_requests ORDER BY id DESC LIMIT ?"}[table]
            return [dict(r) for r in conn.execute(query, (max(0, int(limit)),))]

    # ------------------------------------------------------------------ consultant requests
    def add_request(self, name: str, email: str, question: str, details: str | None = None) -> int:
        with closing(self._connect()) as conn, conn:
            cur = conn.execute(
                "INSERT INTO consultant_requests (created_at, name, email, question, details) VALUES (?, ?, ?, ?, ?)",
                (_now(), name.strip(), email.strip(), question, (details or "").strip() or None),
            )
            return int(cur.lastrowid)

    def requests(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        with closing(self._connect()) as conn:
            return [dict(r) for r in conn.execute("SELECT * FROM consultant_requests ORDER BY id")]

    def recent_requests(self, limit: int = 200) -> list[dict[str, Any]]:
        """The latest ``limit`` consultant requests (leads), newest first."""
        return self._latest("consultant_requests", limit)

    # ------------------------------------------------------------------ export
    def export_csv(self, out: TextIO, kind: str = "feedback") -> int:
        """Write every row as CSV (``kind`` is 'feedback' or 'requests'); returns the number of rows."""
        if kind == "feedback":
            rows, columns = self.rows(), FEEDBACK_COLUMNS
        elif kind == "requests":
            rows, columns = self.requests(), REQUEST_COLUMNS
        else:
            raise ValueError(f"kind must be 'feedback' or 'requests' (got {kind!r})")
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})
        return len(rows)
