"""The one error model. Every error a person must act on derives from :class:`AssistantError`, and its
message is one sentence saying what was wrong and how to fix it. The CLI, the HTTP API and the UI catch
only these; anything else is a bug and surfaces as one.
"""

from __future__ import annotations

from pathlib import Path


class AssistantError(Exception):
    """Base of every error meant for the person using the assistant (not a bug).

    ``public``, when set, is what a website visitor is shown instead of the message, which may name server
    details (the index folder) that only the operator needs; the CLI and the server log keep the full message.
    """

    public: str | None = None

    def public_message(self) -> str:
        return self.public or str(self)


class UserInputError(AssistantError, ValueError):
    """The request itself is wrong: an empty question, a bad filter, bad calculator input (HTTP 4xx)."""


class ToolInputError(UserInputError):
    """Bad arguments for a calculator, or an unknown one: one sentence naming the field and what it accepts."""

    def __init__(self, message: str, tool: str | None = None):
        super().__init__(message)
        self.tool = tool


class IndexNotReady(AssistantError):
    """The index cannot serve right now (missing, incomplete or being repaired): run or wait for an ingest."""

    public = "the knowledge base is not ready right now (it is being built or repaired): try again in a few minutes"


class IndexNotBuilt(IndexNotReady):
    public = "the knowledge base is not indexed yet: the site's administrator has to build it (`nearshore ingest`)"

    def __init__(self, index_dir: Path | str):
        super().__init__(f"no index in {index_dir}: build it with `nearshore ingest`")
        self.index_dir = str(index_dir)


class IngestBusy(AssistantError):
    """Another ingest holds the index lock."""

    public = "the knowledge base is being updated right now: try again in a minute"


class DocumentError(AssistantError):
    """A corpus document that cannot be used: what is wrong with it, and what to do."""

    def __init__(self, message: str, hint: str):
        super().__init__(f"{message} — {hint}")
        self.message = message
        self.hint = hint


class EmbeddingModelError(AssistantError):
    """The configured embedding model is not on disk (nothing is ever downloaded)."""

    public = "the assistant is not set up completely on this server: please tell the site's administrator"
