"""The one error model. Every error a person must act on derives from :class:`AssistantError`, and its
message is one sentence saying what was wrong and how to fix it. The CLI, the HTTP API and the UI catch
only these; anything else is a bug and surfaces as one.
"""

from __future__ import annotations

from pathlib import Path


class AssistantError(Exception):
    """Base of every error meant for the person using the assistant (not a bug)."""


class UserInputError(AssistantError, ValueError):
    """The request itself is wrong: an empty question, a bad filter, bad calculator input (HTTP 4xx)."""


class ToolInputError(UserInputError):
    """Bad arguments for a calculator, or an unknown one: one sentence naming the field and what it accepts."""

    def __init__(self, message: str, tool: str | None = None):
        super().__init__(message)
        self.tool = tool


class IndexNotReady(AssistantError):
    """The index cannot serve right now (missing, incomplete or being repaired): run or wait for an ingest."""


class IndexNotBuilt(IndexNotReady):
    def __init__(self, index_dir: Path | str):
        super().__init__(f"no index in {index_dir}: build it with `nearshore ingest`")
        self.index_dir = str(index_dir)


class IngestBusy(AssistantError):
    """Another ingest holds the index lock."""


class DocumentError(AssistantError):
    """A corpus document that cannot be used: what is wrong with it, and what to do."""

    def __init__(self, message: str, hint: str):
        super().__init__(f"{message} — {hint}")
        self.message = message
        self.hint = hint


class EmbeddingModelError(AssistantError):
    """The configured embedding model is not on disk (nothing is ever downloaded)."""
