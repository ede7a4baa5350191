"""The first index build, while the server already listens.

With no index yet, ``nearshore serve`` starts listening at once and builds the index from the corpus in a
background thread (:class:`FirstBuild`). Until it is ready, :meth:`FirstBuild.respond` answers every request:
``/api/health`` 503 ``{"status": "building", "documents_done": N, "documents_total": M, ...}``, other API paths a
JSON 503 with ``Retry-After``, and pages a small self-refreshing HTML page ("Building the knowledge base… N of M
documents"; no script, no external assets). The numbers come from the ingest itself: the documents whose chunks
all have their vectors (:mod:`assistant.index.build`, stage ``documents``), and the step under way. If the build
fails, the log says why and the page and health say so in one sentence.
"""

from __future__ import annotations

import html
import json
import logging
import threading
from collections.abc import Callable

from assistant import __version__
from assistant.errors import AssistantError

log = logging.getLogger("assistant.web")

RETRY_AFTER_S = 5
_STEPS = {"reading": "reading the documents", "copy": "copying passages", "embed": "embedding passages",
          "sentences": "embedding sentences", "finishing": "finishing the index"}


class FirstBuild:
    """Builds the first index once (:meth:`start`, in a daemon thread) and says how far it is (never blocks)."""

    def __init__(self, store, corpus_dir, echo: Callable[[str], None] = print):
        self._store = store
        self._corpus_dir = corpus_dir
        self._echo = echo
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.finished = threading.Event()  # set when the build has ended, built or failed
        self.error: str | None = None  # one sentence, when it failed
        self.documents_done = 0
        self.documents_total = 0
        self.step = "reading"
        self.step_done = 0
        self.step_total = 0

    # ------------------------------------------------------------------ the build
    def start(self) -> "FirstBuild":
        with self._lock:
            if self._thread is None:
                from assistant.ingest.discover import corpus_files

                try:  # until the ingest has read them: the files it will read
                    self.documents_total = len(corpus_files(self._corpus_dir))
                except OSError:
                    self.documents_total = 0
                self._thread = threading.Thread(target=self._run, name="nearshore-first-build", daemon=True)
                self._thread.start()
        return self

    @property
    def built(self) -> bool:
        return self.finished.is_set() and self.error is None

    def _run(self) -> None:
        self._echo(f"No index in {self._store.index_dir}: building it from {self._corpus_dir} "
                   f"({self.documents_total} files); the server answers meanwhile …")
        try:
            report = self._store.ingest(self._corpus_dir, progress=True, on_progress=self._progress())
            for problem in report.problems:
                self._echo(f"{problem.severity}: {problem}")
            self._echo(report.summary())
            if not self._store.exists():
                raise AssistantError(f"no document in {self._corpus_dir} could be indexed")
        except AssistantError as exc:  # the log has the whole message; a visitor gets its public sentence
            self.error = exc.public_message()
            log.error("the knowledge base could not be built: %s", exc)
        except Exception as exc:  # noqa: BLE001 - logged in full; the page says it in one sentence
            self.error = f"an unexpected error ({type(exc).__name__}); the server log has the details"
            log.exception("the knowledge base could not be built")
        finally:
            self.finished.set()

    def _progress(self):
        def report(stage: str, done: int, total: int) -> None:
            if stage == "documents":
                self.documents_done, self.documents_total = done, total
                if self.step == "reading":  # read and chunked: the vectors come next
                    self.step = "embed"
                elif done == total:
                    self.step, self.step_done, self.step_total = "finishing", 0, 0
                return
            self.step, self.step_done, self.step_total = stage, done, total

        report.per_document = True  # see assistant.index.build.ProgressCallback
        return report

    # ------------------------------------------------------------------ what visitors get meanwhile
    def state(self) -> dict:
        """What ``/api/health`` says while there is no index yet."""
        if self.error is not None:
            return {"status": "error", "version": __version__,
                    "message": f"the knowledge base could not be built: {self.error}"}
        return {"status": "building", "version": __version__, "documents_done": self.documents_done,
                "documents_total": self.documents_total, "step": _STEPS.get(self.step, self.step),
                "step_done": self.step_done, "step_total": self.step_total,
                "message": f"building the knowledge base: {self.documents_done} of {self.documents_total} documents"}

    async def respond(self, scope, receive, send) -> None:
        """The ASGI answer to any request while the first index is built (or after it failed)."""
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1013})  # try again later
            return
        if scope["type"] != "http":
            return
        path = scope.get("path", "")
        state = self.state()
        if path == "/api/health":
            await _send(send, 503, "application/json", json.dumps(state).encode())
        elif path.startswith("/api/") or path in {"/openapi.json", "/config", "/info"}:
            error = state["message"] + (": see the server log" if self.error else ": try again shortly")
            await _send(send, 503, "application/json", json.dumps({"error": error}).encode())
        else:
            await _send(send, 503, "text/html; charset=utf-8", self.page().encode("utf-8"))

    def page(self) -> str:
        """The waiting page: plain HTML that reloads itself every few seconds until the app is there."""
        if self.error is not None:
            heading = "The knowledge base could not be built"
            lines = [html.escape(self.error[:1].upper() + self.error[1:]) + ".",
                     "The server log has the details; fix the problem and start the server again."]
            refresh = ""
        else:
            heading = "Building the knowledge base…"
            lines = [f"<strong>{self.documents_done:,} of {self.documents_total:,} documents</strong>"]
            if self.step_total:
                lines.append(html.escape(f"{_STEPS.get(self.step, self.step).capitalize()}: "
                                         f"{self.step_done:,} of {self.step_total:,}."))
            elif self.step in _STEPS:
                lines.append(html.escape(_STEPS[self.step].capitalize() + "…"))
            lines.append("This happens once, when the assistant starts for the first time. "
                         "This page reloads by itself.")
            lines.append('<span lang="es">Preparando la base de conocimiento; esta página se actualiza sola.</span>')
            refresh = f'<meta http-equiv="refresh" content="{RETRY_AFTER_S}">'
        body = "".join(f"<p>{line}</p>" for line in lines)
        return ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
                '<meta name="viewport" content="width=device-width, initial-scale=1">'
                f"{refresh}<title>Nearshore Assistant — {html.escape(heading)}</title>"
                "<style>body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:36rem;"
                "margin:4rem auto;padding:0 1rem;color:#1f2933;line-height:1.5}h1{font-size:1.4rem}</style>"
                f'</head><body><main role="status" aria-live="polite"><h1>{html.escape(heading)}</h1>{body}'
                "</main></body></html>")


async def _send(send, status: int, content_type: str, body: bytes) -> None:
    headers = [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode()),
               (b"cache-control", b"no-store"), (b"retry-after", str(RETRY_AFTER_S).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
