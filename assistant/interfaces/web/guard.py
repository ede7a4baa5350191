"""The HTTP API's guard: one ASGI middleware for the rate limit, body caps and the errors of ``/api/*``.

Whatever goes wrong under ``/api/*`` — bad input, an index being rebuilt, a storage or vector-store failure,
a bug — the client gets JSON, ``{"error": "<one sentence>"}``, from :func:`error_for`, never a text/plain 500;
the details (paths, tracebacks) go to the server log only.
"""

from __future__ import annotations

import logging
import sqlite3

from fastapi.responses import JSONResponse

from assistant.errors import AssistantError, IndexNotReady, IngestBusy, UserInputError
from assistant.interfaces.web.limits import (
    MAX_BODY_BYTES,
    MAX_HISTORY_TURNS,
    MAX_UI_BODY_BYTES,
    RateLimiter,
    UploadQuota,
)

log = logging.getLogger("assistant.web")

RETRY_AFTER_BUSY = 60  # seconds a client is asked to wait when the index is being built or is busy
_UNAVAILABLE = "the knowledge base is temporarily unavailable: try again in a minute"


def error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _vector_store_error(exc: BaseException) -> bool:
    """Chroma's errors, recognised by module so that this module never imports chromadb."""
    return any(t.__module__.split(".")[0] in {"chromadb", "chromadb_rust_bindings"} for t in type(exc).__mro__)


def error_for(exc: BaseException) -> JSONResponse:
    """The one mapping from an exception to the API's JSON answer: 4xx for the client's mistakes, 503 for what
    waiting fixes (an index being built, a busy or failing store), 500 for bugs. Only ``public`` text is shown."""
    if isinstance(exc, UserInputError):
        return error(422, str(exc))
    if isinstance(exc, (IndexNotReady, IngestBusy)):
        log.warning("%s", exc)  # the full message, with the index folder, for the operator
        return error(503, exc.public_message(), {"Retry-After": str(RETRY_AFTER_BUSY)})
    if isinstance(exc, AssistantError):
        log.error("%s", exc)
        return error(503, exc.public_message())
    if isinstance(exc, sqlite3.Error):
        log.error("storage error: %r", exc, exc_info=exc)
        return error(503, "that could not be saved right now (the feedback store is unavailable): try again later",
                     {"Retry-After": str(RETRY_AFTER_BUSY)})
    if _vector_store_error(exc) or isinstance(exc, OSError):
        log.error("vector store or file error: %r", exc, exc_info=exc)
        return error(503, _UNAVAILABLE, {"Retry-After": str(RETRY_AFTER_BUSY)})
    log.error("unexpected error under /api: %r", exc, exc_info=exc)
    return error(500, "the server could not complete this request (an unexpected error; it has been logged): "
                      "try again, and report it if it persists")


KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


TOO_BIG = b"<too big>"  # what read_body returns for a body past its limit (compare with ``is``)


async def read_body(receive, limit: int) -> bytes | None:
    """An ASGI request's whole body; ``None`` when the client disconnected first, :data:`TOO_BIG` as soon as it
    passes ``limit`` bytes (the rest is not read)."""
    body = bytearray()
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        body += message.get("body", b"")
        if len(body) > limit:
            return TOO_BIG
        if not message.get("more_body"):
            return bytes(body)


class ApiGuard:
    """ASGI middleware: one per-client rate limit (429 + Retry-After) for every route that does work, request-body
    caps (413), and JSON for every error under ``/api/*`` (:func:`error_for`).

    Work is any request to ``/api/*`` and any POST under ``ui_prefixes`` (Gradio's queue joins, calls, runs and
    uploads, the workspace's sign-in): a visitor chatting in the UI and a website calling the API draw on the same
    allowance. Uploads (a POST to a Gradio ``.../gradio_api/upload``) are taken only under ``upload_prefix`` (the
    consultant workspace), within the :class:`UploadQuota`; anywhere else they are refused (403). The client is
    the address uvicorn resolved (``scope["client"]``): the peer, or the forwarded address when the peer is a
    proxy listed in ``--forwarded-allow-ips``.
    """

    def __init__(self, app, limiter: RateLimiter, max_body: int = MAX_BODY_BYTES, prefix: str = "/api/",
                 ui_prefixes: tuple[str, ...] = ("/gradio_api/",), max_ui_body: int = MAX_UI_BODY_BYTES,
                 upload_quota: UploadQuota | None = None, upload_prefix: str | None = None):
        self.app = app
        self.limiter = limiter
        self.max_body = max_body
        self.prefix = prefix
        self.ui_prefixes = tuple(ui_prefixes)
        self.max_ui_body = max_ui_body
        self.upload_quota = upload_quota
        self.upload_prefix = upload_prefix

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "") if scope["type"] == "http" else ""
        api = path.startswith(self.prefix)
        ui_work = path.startswith(self.ui_prefixes) and scope.get("method") == "POST"
        if not (api or ui_work):
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        if scope["method"] != "OPTIONS":
            wait = self.limiter.check(client)
            if wait:
                per_minute = int(self.limiter.capacity)
                await error(429, f"too many requests: the limit is {per_minute} per minute per client; "
                                 f"retry after {wait} s", {"Retry-After": str(wait)})(scope, receive, send)
                return
        if ui_work:
            await self._ui(scope, receive, send, path, client)
            return
        if scope["method"] not in KNOWN_METHODS:  # PROPFIND, TRACE, made-up verbs: the router would hand them to the UI
            await error(405, f"{scope['method']} is not an HTTP method the API answers: use GET or POST",
                        {"Allow": "GET, POST"})(scope, receive, send)
            return
        too_big = error(413, f"the request body is larger than {self.max_body // 1024} KB: send a shorter "
                             f"question and at most {MAX_HISTORY_TURNS} history messages")
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body:
            await too_big(scope, receive, send)
            return
        body = await read_body(receive, self.max_body)
        if body is None:  # the client left
            return
        if body is TOO_BIG:
            await too_big(scope, receive, send)
            return
        replayed = False
        started = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [(b"x-content-type-options", b"nosniff"),
                                                                 (b"cache-control", b"no-store")]
            await send(message)

        try:
            await self.app(scope, replay, send_with_headers)
        except Exception as exc:  # noqa: BLE001 - the one place an /api error becomes JSON
            if started:  # too late for another answer; the server logs it
                raise
            await error_for(exc)(scope, replay, send_with_headers)

    async def _ui(self, scope, receive, send, path: str, client: str) -> None:
        """Gradio's own calls. Uploads: only under ``upload_prefix``; there per file Gradio's ``max_file_size``,
        per client the :attr:`upload_quota` (bytes before, files after: the files past the quota are deleted again
        and the client gets a 429). Other calls: a declared length of at most ``max_ui_body``."""
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if "/gradio_api/upload" not in path:
            if length is not None and length.isdigit() and int(length) > self.max_ui_body:
                await error(413, f"the request body is larger than {self.max_ui_body // (1024 * 1024)} MB")(
                    scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        if self.upload_quota is None or self.upload_prefix is None or not path.startswith(self.upload_prefix):
            await error(403, "this site accepts no uploads")(scope, receive, send)
            return
        refused = self.upload_quota.check_upload(client, length)
        if refused is not None:
            await error(*refused)(scope, receive, send)
            return
        captured: list[dict] = []

        async def capture(message):
            captured.append(message)

        await self.app(scope, receive, capture)  # returns after Gradio's background move into its cache
        start = next((m for m in captured if m["type"] == "http.response.start"), None)
        body = b"".join(m.get("body", b"") for m in captured if m["type"] == "http.response.body")
        paths = _uploaded_paths(body) if start is not None and start["status"] == 200 else []
        over = self.upload_quota.charge_files(client, len(paths))
        if over:
            _delete_uploads(paths[len(paths) - over:])
            max_files = self.upload_quota.max_files
            await error(429, f"too many uploads: at most {max_files} files per hour per client")(
                scope, receive, send)
            return
        for message in captured:
            await send(message)


def _uploaded_paths(body: bytes) -> list[str]:
    import json

    try:
        value = json.loads(body)
    except ValueError:
        return []
    return [p for p in value if isinstance(p, str)] if isinstance(value, list) else []


def _delete_uploads(paths: list[str]) -> None:
    """Delete files Gradio just stored for an upload, and only inside Gradio's upload folder."""
    from pathlib import Path

    from gradio.utils import get_upload_folder, is_in_or_equal

    root = get_upload_folder()
    for path in paths:
        if is_in_or_equal(path, root) and Path(path).is_file():
            Path(path).unlink(missing_ok=True)
            try:
                Path(path).parent.rmdir()  # Gradio keeps each upload in a folder of its own
            except OSError:
                pass
