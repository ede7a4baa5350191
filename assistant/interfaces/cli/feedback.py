"""``nearshore feedback``: export the ratings and consultant requests the web UI collected."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

feedback_app = typer.Typer(help="Answer feedback and consultant requests collected by the web UI.", no_args_is_help=True)


@feedback_app.command("export")
def feedback_export(out: Optional[Path] = typer.Option(None, "--out", help="CSV file to write (default: standard output)."),
                    requests: bool = typer.Option(False, "--requests", help="Export consultant requests instead of ratings."),
                    ) -> None:
    """Write the thumbs up/down ratings (question, answer, citations, rating, comment) as CSV."""
    from assistant.settings import get_settings
    from assistant.storage.feedback import FeedbackStore

    store = FeedbackStore(get_settings().feedback_db)
    kind = "requests" if requests else "feedback"
    if out is None:
        store.export_csv(sys.stdout, kind)
        return
    with open(out, "w", newline="", encoding="utf-8") as fh:
        count = store.export_csv(fh, kind)
    typer.echo(f"{count} {kind} rows written to {out}", err=True)
