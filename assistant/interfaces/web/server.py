"""Run the web app: make sure there is an index, then serve the API and the UI with uvicorn."""

from __future__ import annotations

from typing import Callable


def ensure_index(components, echo: Callable[[str], None] = print) -> None:
    """Build the index from the corpus when none exists yet (an existing index is served as it is)."""
    if components.store.exists():
        return
    echo(f"No index in {components.settings.index_dir}: building it from {components.settings.corpus_dir} …")
    report = components.store.ingest(components.settings.corpus_dir, progress=True)
    for problem in report.problems:
        echo(f"{problem.severity}: {problem}")
    echo(report.summary())


def uvicorn_config(app, settings, host: str | None = None, port: int | None = None, log_level: str = "info"):
    """How uvicorn serves the app. Only a proxy listed in ``forwarded_allow_ips`` may set the client address
    (X-Forwarded-For); by default nobody can, so a visitor cannot dodge the rate limit by sending a different
    address with every request."""
    import uvicorn

    trusted = settings.forwarded_allow_ips.strip()
    # h11, not httptools: httptools rejects an HTTP method it does not know (PROPFIND, FOO) with a text/plain 400
    # before the app sees it; with h11 every request reaches the app, which answers /api/* in JSON (405).
    return uvicorn.Config(app, host=host or settings.host, port=port or settings.port, log_level=log_level,
                          proxy_headers=bool(trusted), forwarded_allow_ips=trusted or None, http="h11")


def serve(components=None) -> None:
    """Serve the FastAPI app (UI at /, API at /api, docs at /docs) on settings.host:settings.port."""
    import uvicorn

    from assistant.interfaces.web.api import create_app

    if components is None:
        from assistant.app import build

        components = build()
    ensure_index(components)
    settings = components.settings
    app = create_app(components)
    print(f"Nearshore Assistant on http://{settings.host}:{settings.port}  (API docs: /docs)")
    uvicorn.Server(uvicorn_config(app, settings)).run()
