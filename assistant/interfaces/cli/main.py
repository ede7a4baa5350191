"""``nearshore`` command line: a thin adapter over the package."""

from __future__ import annotations

import json
from datetime import date
import sys
from pathlib import Path
from typing import Optional

import typer

from assistant.errors import AssistantError, UserInputError
from assistant.filters import FILTER_KEYS, validate_filters
from assistant.interfaces.cli.feedback import feedback_app
from assistant.interfaces.cli.tools import tool_app
from assistant.settings import configure_runtime

app = typer.Typer(help="Nearshore Assistant: cited answers about moving manufacturing to Mexico.", no_args_is_help=True)
corpus_app = typer.Typer(help="Work with the knowledge base files.", no_args_is_help=True)
app.add_typer(corpus_app, name="corpus")

app.add_typer(tool_app, name="tool", help="List and run the cost calculators.")
app.add_typer(feedback_app, name="feedback")


@app.callback()
def _runtime() -> None:
    """Offline and private defaults before any command loads a model, Chroma or Gradio."""
    configure_runtime()


def _fail(message: str) -> None:
    typer.secho(f"Error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(2)


def _parse_filters(values: list[str]) -> dict[str, list[str]] | None:
    allowed = {*FILTER_KEYS, "topic"}
    filters: dict[str, list[str]] = {}
    for item in values:
        if "=" not in item:
            _fail(f"--filter expects key=value (got '{item}'), e.g. --filter jurisdiction=MX")
        key, value = (s.strip() for s in item.split("=", 1))
        if key not in allowed:
            _fail(f"unknown filter '{key}': use one of {', '.join(sorted(allowed - {'topic'}))}")
        key = "topics" if key == "topic" else key
        filters.setdefault(key, []).extend(v.strip() for v in value.split(",") if v.strip())
    try:
        return validate_filters(filters)
    except UserInputError as exc:
        _fail(f"--filter: {exc}")


def _load_history(path: Optional[Path]) -> list[dict]:
    if path is None:
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        _fail(f"history file {path} does not exist")
    except json.JSONDecodeError as exc:
        _fail(f"history file {path} is not valid JSON ({exc.msg} at line {exc.lineno})")
    if not isinstance(data, list) or not all(
        isinstance(t, dict) and t.get("role") in {"user", "assistant"} and isinstance(t.get("content"), str) for t in data
    ):
        _fail(f"history file {path} must be a JSON list of {{\"role\": \"user\"|\"assistant\", \"content\": str}}")
    return data


def _components():
    from assistant.app import build

    return build()


def _require_index(components) -> None:
    if not components.store.exists():
        _fail(f"no index in {components.settings.index_dir}: run `nearshore ingest` first")


def _answering(components):
    """Ready to answer: the model loads in the background (torch's import is most of a cold start) while the
    index snapshot is read; the first question waits for whichever finishes last."""
    import threading

    _require_index(components)
    loader = threading.Thread(target=_quietly(components.embedder.load), name="model-load", daemon=True)
    loader.start()
    try:
        components.store.snapshot()
    except AssistantError as exc:
        _fail(str(exc))
    return components


def _quietly(load):
    def run():
        try:
            load()
        except Exception:  # noqa: BLE001 - the first encode loads again and reports the error to the user
            pass
    return run


@app.command()
def ingest(rebuild: bool = typer.Option(False, "--rebuild", help="Re-embed everything."),
           quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bars.")) -> None:
    """Build or refresh the index from the corpus (incremental: only new and changed documents are embedded)."""
    c = _components()
    try:
        report = c.store.ingest(c.settings.corpus_dir, rebuild=rebuild, progress=not quiet)
    except AssistantError as exc:
        _fail(str(exc))
    for item in report.repaired:
        typer.echo(f"repaired: removed {item} left by an interrupted ingest", err=True)
    for problem in report.problems:
        color = typer.colors.RED if problem.severity == "error" else typer.colors.YELLOW
        typer.secho(f"{problem.severity}: {problem}", fg=color, err=True)
    typer.echo(report.summary())


@app.command()
def ask(question: str = typer.Argument(..., help="The question."),
        as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
        history: Optional[Path] = typer.Option(None, "--history", help="JSON list of earlier turns."),
        k: Optional[int] = typer.Option(None, "--k", min=1, max=50, help="Passages to retrieve."),
        filter_: list[str] = typer.Option([], "--filter", help="key=value (jurisdiction, topics, doc_type, language)."),
        ) -> None:
    """Answer one question with numbered citations."""
    turns = _load_history(history)
    filters = _parse_filters(filter_)
    c = _components()
    _answering(c)
    try:
        result = c.assistant.ask(question, turns, k=k, filters=filters)
    except AssistantError as exc:
        _fail(str(exc))
    if as_json:
        typer.echo(result.model_dump_json())
        return
    typer.echo(format_answer(result))


def format_answer(result) -> str:
    lines = [result.answer]
    if result.citations:
        lines.append("")
        for cite in result.citations:
            url = f" {cite.url}" if cite.url else ""
            if cite.cite:  # an official text: the citation a lawyer writes carries page and reform date
                lines.append(f"[{cite.n}] {cite.cite}{url}")
                continue
            where = ", ".join(x for x in (cite.section, f"p. {cite.page}" if cite.page else None) if x)
            extra = f" — {where}" if where else ""
            lines.append(f"[{cite.n}] {cite.title}{extra} (as of {cite.as_of}){url}")
    return "\n".join(lines)


@app.command()
def chat() -> None:
    """Multi-turn chat in the terminal (empty line or Ctrl-D to quit)."""
    c = _components()
    _answering(c)
    history: list[dict] = []
    typer.echo("Nearshore Assistant — ask about IMMEX, USMCA, tariffs, labor costs. Empty line to quit.")
    while True:
        try:
            question = input("\nyou> ").strip()
        except (EOFError, KeyboardInterrupt):
            break
        if not question:
            break
        try:
            result = c.assistant.ask(question, history)
        except AssistantError as exc:
            typer.secho(str(exc), fg=typer.colors.RED)
            continue
        typer.echo("\n" + format_answer(result))
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": result.answer}]


@corpus_app.command("check")
def corpus_check(path: Optional[Path] = typer.Argument(None, help="Corpus folder (default: NEARSHORE_CORPUS_DIR).")) -> None:
    """Lint the corpus: front matter, duplicate ids, unreadable PDFs. Exits 1 on errors."""
    from assistant.ingest.chunking import chunk_document
    from assistant.ingest.discover import load_corpus
    from assistant.settings import get_settings

    folder = path or get_settings().corpus_dir
    report = load_corpus(folder)
    chunks = sum(len(chunk_document(d)) for d in report.documents)
    words = sum(len(s.text.split()) for d in report.documents for s in d.sections)
    for problem in report.problems:
        color = typer.colors.RED if problem.severity == "error" else typer.colors.YELLOW
        typer.secho(f"{problem.severity}: {problem}", fg=color)
    typer.echo(f"{len(report.documents)} documents, {words} words, {chunks} chunks; "
               f"{len(report.errors)} errors, {len(report.problems) - len(report.errors)} warnings")
    if report.errors:
        raise typer.Exit(1)


@corpus_app.command("freshness")
def corpus_freshness(
    path: Optional[Path] = typer.Argument(None, help="Corpus folder (default: NEARSHORE_CORPUS_DIR)."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="The date to judge on, YYYY-MM-DD (default: today)."),
    window: int = typer.Option(60, "--window", min=0, max=3650, help="Flag rate tables ending within this many days."),
    show_all: bool = typer.Option(False, "--all", help="List every document, not only the 20 oldest."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """How current the knowledge is: documents by as_of age, rate tables ended or ending soon, dated statements
    ("until 10 November 2026") whose date has passed. Run it monthly; it always exits 0."""
    from datetime import date

    from assistant.calculators.rates import load_rates
    from assistant.evaluation.freshness import format_report, freshness_report
    from assistant.settings import get_settings

    try:
        day = date.fromisoformat(as_of) if as_of else date.today()
    except ValueError:
        _fail(f"--as-of must be a date YYYY-MM-DD; got {as_of!r}")
    report = freshness_report(path or get_settings().corpus_dir, load_rates(), day, window)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False, default=str))
    else:
        typer.echo(format_report(report, None if show_all else 20))


@app.command("eval")
def eval_(qa: list[Path] = typer.Option(..., "--qa", help="QA .jsonl files or folders of them (repeat --qa or list several)."),
          out: Path = typer.Option(Path("eval-output"), "--out", help="Folder for results.jsonl, metrics.json, report.md/html."),
          k: int = typer.Option(5, "--k", min=1, max=50, help="Passages retrieved per question."),
          baseline: bool = typer.Option(False, "--baseline", help="Also evaluate the plain LangChain baseline, side by side."),
          calibrate: bool = typer.Option(False, "--calibrate", help="Sweep the abstention threshold instead and print the table."),
          today: Optional[str] = typer.Option(None, "--today", help="Answer as of this date, YYYY-MM-DD (default: the QA "
                                              "set's date, QA_SET_DATE in assistant/evaluation/qa.py)."),
          ) -> None:
    """Run the QA set through the assistant and write a report (see README: Evaluation)."""
    from assistant.evaluation.qa import QA_SET_DATE, load_qa

    try:
        as_of = date.fromisoformat(today) if today else QA_SET_DATE
    except ValueError:
        _fail(f"--today {today!r} is not a date: give it as YYYY-MM-DD, e.g. 2026-12-01")
    qa_set = load_qa(qa)
    for problem in qa_set.problems:
        typer.secho(f"warning: {problem}", fg=typer.colors.YELLOW, err=True)
    if not qa_set.items:
        _fail("no valid QA items in " + ", ".join(map(str, qa)))
    c = _components()
    _require_index(c)
    if calibrate:
        from assistant.evaluation.calibrate import choose, default_grid, render_table, sweep

        points = sweep(c.assistant, qa_set.items, default_grid(), k)
        best = choose(points)
        typer.echo(render_table(points, best))
        typer.echo(f"\nchosen min_support = {best.min_support:.2f} (set NEARSHORE_MIN_SUPPORT or the default in settings.py)")
        return
    from assistant.evaluation.report import headline_rows
    from assistant.evaluation.runner import evaluate

    def progress(name: str, n: int, total: int) -> None:
        if n == total or n % 50 == 0:
            typer.echo(f"{name}: {n}/{total}", err=True)

    if baseline:
        from assistant.evaluation.baseline import temporary_baseline

        with temporary_baseline(c.embedder, c.settings.corpus_dir, k) as base:
            run = evaluate(c.assistant, qa_set.items, out, k, base, qa_set.problems, progress, today=as_of)
    else:
        run = evaluate(c.assistant, qa_set.items, out, k, None, qa_set.problems, progress, today=as_of)
    for label, ours, base_value, delta in headline_rows(run.metrics):
        typer.echo(f"{label:<44} {ours:>10} {base_value:>10} {delta}")
    typer.echo(f"report: {run.files['report.html']}")


@app.command()
def serve(host: Optional[str] = typer.Option(None, "--host", help="Address to listen on (default: NEARSHORE_HOST)."),
          port: Optional[int] = typer.Option(None, "--port", min=1, max=65535, help="Port (default: NEARSHORE_PORT)."),
          forwarded_allow_ips: Optional[str] = typer.Option(
              None, "--forwarded-allow-ips",
              help="Comma-separated proxy IPs whose X-Forwarded-For is trusted (default: NEARSHORE_FORWARDED_ALLOW_IPS; "
                   "empty trusts none)."),
          workers: int = typer.Option(
              1, "--workers", min=1, max=64,
              help="Server processes sharing the port; each loads its own model (memory ≈ N × one process) and "
                   "reads the same index."),
          ) -> None:
    """Serve the web UI at / and the HTTP API at /api (docs at /docs). Without an index it listens at once and builds
    one, showing its progress until it is ready (with --workers, it builds it before starting them)."""
    from assistant.interfaces.web.server import serve as run_server

    c = _components()
    update = {k: v for k, v in (("host", host), ("port", port), ("forwarded_allow_ips", forwarded_allow_ips))
              if v is not None}
    if update:
        c.settings = c.settings.model_copy(update=update)
    run_server(c, workers=workers)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
