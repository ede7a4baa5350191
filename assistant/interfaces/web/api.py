"""The HTTP API for a company website, with the public Gradio page at ``/`` and the consultant workspace at
``/consultant/`` (:mod:`.faces`, behind :mod:`.workspace_gate`).

``create_app(components)`` is a thin adapter: every answer comes from ``components.assistant``, every figure
from ``assistant.registry.run_tool``. What this module adds is the web's own concerns: input limits, CORS, and
errors as one readable sentence (``{"error": "..."}``) — also for unknown ``/api/*`` paths (404) and wrong methods
(405). The rate limit, body caps and the mapping of every other error are :mod:`.guard`'s.

Endpoints are ``async``: answers, calculator runs and feedback writes run in one bounded pool (:mod:`.workers`),
so ``/api/health`` (:mod:`.health`) and the event loop never wait behind them. The app's lifespan starts the
warm-up (:mod:`.warmup`): the model and the index load in the background and the first question waits for them.
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Body, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.routing import APIRoute
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant import __version__
from assistant.errors import UserInputError
from assistant.filters import FILTER_KEYS, MAX_VALUES_PER_KEY, has_lone_surrogate, validate_filters
from assistant.settings import configure_runtime
from assistant.validation import describe_error
from assistant.models import AskResult, Citation
from assistant.interfaces.web.faces import mount_faces
from assistant.interfaces.web.guard import KNOWN_METHODS, ApiGuard, error
from assistant.interfaces.web.health import HealthProbe
from assistant.interfaces.web.limits import (
    MAX_BODY_BYTES,
    MAX_COMMENT_CHARS,
    MAX_HISTORY_TURNS,
    MAX_QUESTION_CHARS,
    MAX_TURN_CHARS,
    UPLOAD_MB_PER_HOUR_FACTOR,
    RateLimiter,
    UploadQuota,
)
from assistant.interfaces.web.warmup import Warmup
from assistant.interfaces.web.workspace_gate import WORKSPACE_PATH, WorkspaceGate
from assistant.interfaces.web.workers import AnswerPool

FilterKey = Literal[FILTER_KEYS]
log = logging.getLogger("assistant.web")


def _no_lone_surrogates(value: str) -> str:
    if has_lone_surrogate(value):
        raise ValueError("contains an invalid character (a lone UTF-16 surrogate)")
    return value


# Every string the API accepts: JSON may carry a lone surrogate, which nothing downstream can encode.
Text = Annotated[str, AfterValidator(_no_lone_surrogates)]


class HistoryTurn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "assistant"]
    content: Text = Field(max_length=MAX_TURN_CHARS)


class AskRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [
            {"question": "How long can raw materials stay in Mexico under IMMEX?", "history": []},
            {"question": "And for machinery?", "history": [
                {"role": "user", "content": "How long can raw materials stay in Mexico under IMMEX?"},
                {"role": "assistant", "content": "Up to 18 months [1]."}]},
        ]},
    )

    question: Text = Field(min_length=1, max_length=MAX_QUESTION_CHARS,
                          description=f"The visitor's question, at most {MAX_QUESTION_CHARS} characters.")
    history: list[HistoryTurn] = Field(default_factory=list, max_length=MAX_HISTORY_TURNS,
                                       description=f"Earlier messages, oldest first; at most {MAX_HISTORY_TURNS}.")
    k: int | None = Field(default=None, ge=1, le=20, description="Passages to retrieve (default: the server's).")
    filters: dict[FilterKey, list[str]] | None = Field(
        default=None, description='Restrict retrieval, e.g. {"jurisdiction": ["MX"], "topics": ["immex"]}; '
                                  f'at most {MAX_VALUES_PER_KEY} values per key.')

    @field_validator("filters")
    @classmethod
    def _filter_limits(cls, value):
        return validate_filters(value)

    @field_validator("question")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the question is empty: ask something, e.g. 'What is IMMEX?'")
        return value


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: Text = Field(min_length=1, max_length=MAX_QUESTION_CHARS)
    answer: Text = Field(min_length=1, max_length=MAX_TURN_CHARS)
    citations: list[Citation] = Field(default_factory=list, max_length=50)
    rating: Literal["up", "down"]
    comment: Text | None = Field(default=None, max_length=MAX_COMMENT_CHARS)

    @field_validator("citations")
    @classmethod
    def _citation_text(cls, value: list[Citation]) -> list[Citation]:
        for cite in value:
            for text in cite.model_dump(include={"doc_id", "title", "section", "url", "as_of", "text"}).values():
                if isinstance(text, str):
                    _no_lone_surrogates(text)
        return value


class FeedbackCreated(BaseModel):
    id: int


class ErrorBody(BaseModel):
    error: str


def create_app(components=None, warmup: Warmup | None = None) -> FastAPI:
    """The FastAPI app: ``/api/*`` for websites, OpenAPI docs at ``/docs``, the public page at ``/``, the consultant
    workspace at ``/consultant/`` (404 unless ``NEARSHORE_CONSULTANT_TOKEN`` is set).

    ``warmup``: one already started (the server starts it before building the app); else the app's lifespan
    starts its own."""
    from fastapi.middleware.cors import CORSMiddleware

    configure_runtime()  # Gradio reads its analytics switch when it is first imported
    if components is None:
        from assistant.app import build

        components = build()
    settings = components.settings
    warmup = warmup or Warmup(components)
    pool = AnswerPool(settings.answer_workers)
    probe = HealthProbe(components.store, warmup, llm=bool(settings.llm))

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        warmup.start()
        try:
            yield
        finally:
            pool.close()

    app = FastAPI(
        title="Nearshore Assistant API",
        version=__version__,
        description=(
            "Cited answers about moving manufacturing from Asia to Mexico, and deterministic cost calculators. "
            f"Limits: question ≤ {MAX_QUESTION_CHARS} characters, history ≤ {MAX_HISTORY_TURNS} messages, "
            f"body ≤ {MAX_BODY_BYTES // 1024} KB, {settings.rate_limit_per_minute} requests per minute per client. "
            'Errors are `{"error": "<one sentence>"}`.'
        ),
        docs_url="/docs",
        redoc_url=None,
        lifespan=lifespan,
        # Private by default: no OpenTelemetry spans, metrics, logs or exporters.
        telemetry={"tracing": False, "metrics": False, "logs": False, "operation_spans": False,
                   "auto_configure": False},
    )
    app.state.components = components
    app.state.feedback = _feedback_store(settings)
    app.state.warmup = warmup
    app.state.answer_pool = pool

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        errors = exc.errors()
        return JSONResponse(
            {"error": "; ".join(describe_error(e) for e in errors[:5]),
             "details": [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in errors]},
            status_code=422,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        return error(exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    errors_doc = {
        413: {"model": ErrorBody, "description": "Request body too large"},
        422: {"model": ErrorBody, "description": "Invalid input (the message says which field and why)"},
        429: {"model": ErrorBody, "description": "Rate limited; see the Retry-After header"},
    }

    @app.get("/api/health", tags=["service"])
    async def health() -> JSONResponse:
        """Liveness and index state: 200 when the index is built and can answer, else 503. ``warming`` is true
        while the model is still loading (questions wait for it). Never waits behind answers."""
        return probe.response()

    def answer(question: str, history: list[dict], k: int | None, filters: dict | None) -> AskResult:
        warmup.wait()  # the first questions wait for the warm-up instead of loading the model a second way
        return components.assistant.ask(question, history, k=k, filters=filters)

    @app.post("/api/ask", response_model=AskResult, tags=["answers"],
              responses={**errors_doc, 503: {"model": ErrorBody, "description": "No index yet"}})
    async def ask(req: AskRequest):
        """Answer one question (with earlier turns for follow-ups); the same JSON object as `nearshore ask --json`."""
        # IndexNotReady (503), UserInputError (422) and storage errors become JSON in guard.error_for
        return await pool.run(answer, req.question, [t.model_dump() for t in req.history], req.k, req.filters)

    @app.get("/api/tools", tags=["calculators"])
    def list_tools() -> list[dict[str, Any]]:
        """The calculators, each with its description and the JSON schema of its input."""
        from assistant.registry import REGISTRY

        return [{"name": name, "description": spec.description, "input_schema": spec.input_model.model_json_schema()}
                for name, spec in REGISTRY.items()]

    def calculate(name: str, args: dict[str, Any], receipt: bool = False):
        from assistant.registry import REGISTRY, run_tool

        if name not in REGISTRY:
            return error(404, f"unknown calculator {name!r}: use one of {', '.join(sorted(REGISTRY))}")
        try:
            result = run_tool(name, args)
        except UserInputError as exc:
            return error(422, str(exc))
        if receipt:
            from assistant.interfaces.web.receipts import make_receipt

            result["receipt"] = make_receipt(name, args, result)
        return result

    def rerun(body: bytes):
        from assistant.interfaces.web.receipts import ReceiptError, rerun_receipt

        try:
            return rerun_receipt(body).to_json()
        except ReceiptError as exc:
            return error(400, str(exc))

    # Declared before /api/tools/{name}, which would otherwise take "rerun" for a calculator's name.
    @app.post("/api/tools/rerun", tags=["calculators"],
              responses={**errors_doc, 400: {"model": ErrorBody, "description": "Not a receipt this version can re-run"}},
              openapi_extra={"requestBody": {"required": True, "description": "A receipt, as written by "
                             "`POST /api/tools/{name}?receipt=true` or `nearshore tool NAME --receipt r.json`.",
                             "content": {"application/json": {"schema": {"type": "object"}}}}})
    async def rerun_calculation(request: Request):
        """Compute a calculation receipt again with the rate tables on file: `{"changed", "changes": [{"kind",
        "item", "old", "new", "difference", "unit"}], "receipt": <the new receipt>, ...}`. A body that is not
        JSON, not a receipt, of a newer schema, for an unknown tool or with inputs the tool rejects: 400."""
        return await pool.run(rerun, await request.body())

    @app.post("/api/tools/{name}", tags=["calculators"], responses={**errors_doc, 404: {"model": ErrorBody}})
    async def run_calculator(name: str, args: dict[str, Any] = Body(default_factory=dict, examples=[{"vnm": 70, "transaction_value": 200}]),
                             receipt: bool = Query(False, description="Add the calculation's `receipt` (inputs, "
                                                   "rates with dates and sources, results, version) to the answer.")):
        """Run one calculator on a JSON object of its inputs; returns its result with assumptions and sources
        (and, with `?receipt=true`, its `receipt`, which `POST /api/tools/rerun` re-checks later)."""
        return await pool.run(calculate, name, args, receipt)

    def save_feedback(req: FeedbackRequest) -> FeedbackCreated:
        new_id = app.state.feedback.add(req.question, req.answer, [c.model_dump(mode="json") for c in req.citations],
                                        req.rating, req.comment, channel="api")
        return FeedbackCreated(id=new_id)

    @app.post("/api/feedback", status_code=201, response_model=FeedbackCreated, tags=["feedback"],
              responses=errors_doc)
    async def feedback(req: FeedbackRequest):
        """Store a thumbs up/down (and optional comment) on an answer."""
        return await pool.run(save_feedback, req)

    @app.get("/gradio.js", include_in_schema=False)
    def gradio_web_component():
        """Gradio's web-component loader, served from this app so an embedding page needs no third-party CDN."""
        import gradio

        return FileResponse(Path(gradio.__file__).parent / "templates" / "frontend" / "gradio.js",
                            media_type="text/javascript")

    api_routes = [r for r in app.routes if isinstance(r, APIRoute) and r.path.startswith("/api/")]

    @app.api_route("/api/{rest:path}", methods=sorted(KNOWN_METHODS),
                   include_in_schema=False)
    async def no_such_api_route(request: Request):
        """Unknown /api/* paths and wrong methods answer in the API's format (not the mounted UI's 404)."""
        path = request.url.path
        allowed = sorted({m for r in api_routes if r.path_regex.match(path) for m in r.methods or ()})
        if allowed:
            return error(405, f"{request.method} is not allowed on {path}: use {' or '.join(allowed)}",
                         {"Allow": ", ".join(allowed)})
        return error(404, f"no API endpoint {path}: see /docs for the endpoints")

    # Uploads exist only in the workspace's Admin tab: it needs both tokens.
    quota = UploadQuota(enabled=bool(settings.consultant_token and settings.admin_token),
                        max_bytes=UPLOAD_MB_PER_HOUR_FACTOR * settings.max_upload_mb * 1024 * 1024)
    if settings.admin_token and not settings.consultant_token:
        log.warning("NEARSHORE_ADMIN_TOKEN is set, but the Admin tab lives in the consultant workspace, which is off: "
                    "set NEARSHORE_CONSULTANT_TOKEN too to manage documents from the web")
    app.add_middleware(WorkspaceGate, token=settings.consultant_token)
    app.add_middleware(ApiGuard, limiter=RateLimiter(settings.rate_limit_per_minute), upload_quota=quota,
                       ui_prefixes=("/gradio_api/", f"{WORKSPACE_PATH}/"),
                       upload_prefix=f"{WORKSPACE_PATH}/gradio_api/")
    # Added last = outermost, so 413/429 answers carry CORS headers too. It also covers the mounted UI (Gradio
    # defers to a parent's CORSMiddleware), which is what lets a listed website embed the web component.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origin_list,
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["*"],
        allow_credentials=True,
        expose_headers=["Retry-After"],
        max_age=600,
    )
    mount_faces(app, components, app.state.feedback)
    return app


def _feedback_store(settings):
    from assistant.storage.feedback import FeedbackStore

    return FeedbackStore(settings.feedback_db)
