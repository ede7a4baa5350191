"""Listen at once: an ASGI app that answers ``/api/health`` while the real app is still being built.

Building the app imports Gradio and builds the UI (seconds); loading the model imports torch and
sentence-transformers (more seconds). :class:`DeferredApp` lets the server listen before either is done: at
startup it builds the real app in a worker thread and runs that app's own lifespan (Gradio's startup events, and
the warm-up, included); meanwhile ``/api/health`` answers ``{"status": "ok", "warming": true, ...}`` and every
other request waits, then goes to the real app. If the build fails, the log says why, health answers 503 and
every request a JSON 503.

Without an index, a ``first_build`` (:class:`~assistant.interfaces.web.first_build.FirstBuild`) comes first: it
builds the index in the background and answers every request (health, API, pages) with how far it is, until it has
finished; only then is the real app built. If the index cannot be built, it keeps answering that it failed.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any, Callable

import anyio

from assistant.interfaces.web.guard import error

log = logging.getLogger("assistant.web")

HEALTH_PATH = "/api/health"
_FAILED = "the server could not start (see its log): try again later"


class DeferredApp:
    """ASGI app: ``build()`` (run in a thread at startup) returns the real app; ``health()`` answers health checks
    until it is ready."""

    def __init__(self, build: Callable[[], Any], health: Callable[[], Any], first_build: Any = None):
        self._build = build
        self._health = health
        self._first_build = first_build  # builds the index first, and answers meanwhile (or None: there is one)
        self.app: Any = None  # the real app, once built and started
        self.failed: BaseException | None = None
        self._ready: anyio.Event | None = None
        self._stop: anyio.Event | None = None

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(scope, receive, send)
            return
        if self.app is None:
            if self._first_build is not None and not self._first_build.built:
                await self._first_build.respond(scope, receive, send)
                return
            if self.failed is None and scope["type"] == "http" and scope.get("path") == HEALTH_PATH:
                await self._health()(scope, receive, send)
                return
            if self._ready is None:
                raise RuntimeError("DeferredApp needs the ASGI lifespan (uvicorn's --lifespan on or auto)")
            await self._ready.wait()
            if self.app is None:
                await self._refuse(scope, receive, send)
                return
        await self.app(scope, receive, send)

    async def _lifespan(self, scope, receive, send) -> None:
        await receive()  # lifespan.startup
        self._ready, self._stop = anyio.Event(), anyio.Event()
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(self._serve_real_app, scope.get("state"))
            await send({"type": "lifespan.startup.complete"})
            await receive()  # lifespan.shutdown
            self._stop.set()
            if self._first_build is not None and not self._first_build.built:
                tasks.cancel_scope.cancel()  # the real app was never started; the build thread is a daemon
        await send({"type": "lifespan.shutdown.complete"})

    async def _serve_real_app(self, state: dict | None) -> None:
        """Build the real app, run its lifespan around the server's life, then shut it down."""
        try:
            if self._first_build is not None:
                self._first_build.start()
                while not self._first_build.finished.is_set():
                    await anyio.sleep(0.25)
                if not self._first_build.built:
                    return  # it says why, to every request
            app = await anyio.to_thread.run_sync(self._build)
            async with contextlib.AsyncExitStack() as stack:
                lifespan = getattr(getattr(app, "router", None), "lifespan_context", None)
                if lifespan is not None:
                    app_state = await stack.enter_async_context(lifespan(app))
                    if app_state and state is not None:
                        state.update(app_state)
                self.app = app
                self._ready.set()
                await self._stop.wait()
        except Exception as exc:  # noqa: BLE001 - logged; until then, health and every request answer 503
            if self.app is not None:
                log.exception("the web app did not shut down cleanly")
            else:
                self.failed = exc
                log.exception("the web app could not be started")
        finally:
            self._ready.set()

    async def _refuse(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            await error(503, _FAILED)(scope, receive, send)
        elif scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1011})
