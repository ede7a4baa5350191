"""Run the web app: serve the API and the UI with uvicorn, building the index first when there is none.

Without an index, the server still listens at once: it builds the index in the background and, until it is
ready, answers with a "building the knowledge base… N of M documents" page and a 503 ``/api/health`` with that
progress (:mod:`assistant.interfaces.web.first_build`). The server listens at once (:class:`~assistant.interfaces.web.startup.DeferredApp`): the UI is built, then the
model and index are loaded (the app's lifespan starts the warm-up), in the background while ``/api/health``
already answers. One after the other, not side by side: both are import-bound, and two threads sharing the GIL
took longer than one after the other. With ``workers > 1`` uvicorn starts that many processes from
:func:`app_factory`; each loads its own model and reads the same index.
"""

from __future__ import annotations

import os
from typing import Any, Callable

APP_FACTORY = "assistant.interfaces.web.server:app_factory"


def ensure_index(components, echo: Callable[[str], None] = print) -> None:
    """Build the index from the corpus when none exists yet (an existing index is served as it is)."""
    if components.store.exists():
        return
    echo(f"No index in {components.settings.index_dir}: building it from {components.settings.corpus_dir} …")
    report = components.store.ingest(components.settings.corpus_dir, progress=True)
    for problem in report.problems:
        echo(f"{problem.severity}: {problem}")
    echo(report.summary())


def uvicorn_options(settings, host: str | None = None, port: int | None = None,
                    log_level: str = "info") -> dict[str, Any]:
    """How uvicorn serves the app. Only a proxy listed in ``forwarded_allow_ips`` may set the client address
    (X-Forwarded-For); by default nobody can, so a visitor cannot dodge the rate limit by sending a different
    address with every request."""
    trusted = settings.forwarded_allow_ips.strip()
    # h11, not httptools: httptools rejects an HTTP method it does not know (PROPFIND, FOO) with a text/plain 400
    # before the app sees it; with h11 every request reaches the app, which answers /api/* in JSON (405).
    return {"host": host or settings.host, "port": port or settings.port, "log_level": log_level,
            "proxy_headers": bool(trusted), "forwarded_allow_ips": trusted or None, "http": "h11"}


def uvicorn_config(app, settings, host: str | None = None, port: int | None = None, log_level: str = "info"):
    """A ``uvicorn.Config`` for ``app`` with :func:`uvicorn_options`."""
    import uvicorn

    return uvicorn.Config(app, **uvicorn_options(settings, host, port, log_level))


def share_cores(components) -> None:
    """With ``NEARSHORE_EMBED_THREADS=0`` (auto), give each answer worker its share of the cores for torch, not all of
    them: answer workers that each spin one torch thread per core stall each other (on 2 cores, 5.4 instead of 3.0
    answers/s under load). Only before the model is loaded; an explicit setting is left as it is."""
    embedder = components.embedder
    if components.settings.embed_threads or getattr(embedder, "loaded", True) or not hasattr(embedder, "threads"):
        return
    embedder.threads = max(1, (os.cpu_count() or 1) // components.settings.answer_workers)


def deferred_app(components, build_index: bool = False):
    """The app a server runs: listening at once, warming up and building the real app in the background; with
    ``build_index`` (and no index yet), building the index first while a page says how far it is."""
    from assistant.interfaces.web.api import create_app
    from assistant.interfaces.web.first_build import FirstBuild
    from assistant.interfaces.web.health import HealthProbe
    from assistant.interfaces.web.startup import DeferredApp
    from assistant.interfaces.web.warmup import Warmup

    share_cores(components)
    warmup = Warmup(components, freeze_gc=True)
    probe = HealthProbe(components.store, warmup, llm=bool(components.settings.llm))
    first = (FirstBuild(components.store, components.settings.corpus_dir)
             if build_index and not components.store.exists() else None)
    return DeferredApp(build=lambda: create_app(components, warmup=warmup),
                       health=lambda: probe.response(starting=True), first_build=first)


def app_factory():
    """What each uvicorn worker process runs (``--workers N``): settings from the environment."""
    from assistant.app import build
    from assistant.settings import configure_runtime, get_settings

    configure_runtime()
    return deferred_app(build(get_settings()))


def worker_environment(settings, workers: int, environ=None, cpus: int | None = None) -> dict[str, str]:
    """What worker processes need in their environment, from which they read their settings: what the command
    line changed, and — unless set — each process's share of the cores (answer workers, then torch threads)."""
    environ = os.environ if environ is None else environ
    cpus = cpus or os.cpu_count() or 1
    answer_workers = int(environ.get("NEARSHORE_ANSWER_WORKERS") or max(1, cpus // workers))
    env = {"NEARSHORE_HOST": settings.host, "NEARSHORE_PORT": str(settings.port),
           "NEARSHORE_FORWARDED_ALLOW_IPS": settings.forwarded_allow_ips,
           "NEARSHORE_ANSWER_WORKERS": str(answer_workers)}
    if not settings.embed_threads:
        env["NEARSHORE_EMBED_THREADS"] = str(max(1, cpus // (workers * answer_workers)))
    return env


def serve(components=None, workers: int = 1) -> None:
    """Serve the FastAPI app (UI at /, API at /api, docs at /docs) on settings.host:settings.port, in ``workers``
    processes (each with its own model; all read the one index)."""
    import uvicorn

    if components is None:
        from assistant.app import build

        components = build()
    if workers > 1:  # each worker process would start a build of its own: build it once, before they start
        ensure_index(components)
    settings = components.settings
    print(f"Nearshore Assistant on http://{settings.host}:{settings.port}  (API docs: /docs)"
          + (f", {workers} worker processes" if workers > 1 else ""))
    print(f"Consultant workspace: http://{settings.host}:{settings.port}/consultant/" if settings.consultant_token
          else "Consultant workspace: off (set NEARSHORE_CONSULTANT_TOKEN to turn it on)")
    if workers > 1:
        os.environ.update(worker_environment(settings, workers))
        uvicorn.run(APP_FACTORY, factory=True, workers=workers, **uvicorn_options(settings))
        return
    uvicorn.Server(uvicorn_config(deferred_app(components, build_index=True), settings)).run()
