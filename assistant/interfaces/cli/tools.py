"""``nearshore tool``: list the calculators (and the ``tariff_line`` lookup) and run one from the shell.

    nearshore tool list
    nearshore tool usmca_rvc --transaction-value 200 --vnm 70
    nearshore tool mexico_labor_cost --json --daily-wage-mxn minimum --zone border --state Chihuahua
    nearshore tool landed_cost_compare --annual-units 100000 --scenarios '[{...}, {...}]'
    nearshore tool tariff_line --code 8544.42
    nearshore tool tariff_line --query "lithium-ion batteries"
    nearshore tool usmca_rvc --transaction-value 200 --vnm 70 --receipt rvc.json   (also .pdf, .docx, .csv)
    nearshore tool rerun rvc.json

Every ``--field value`` maps to the input field ``field`` (dashes become underscores). Values are read as
JSON when they parse (numbers, true/false, lists, objects) and as text otherwise; a ``--flag`` alone is true.
``--as-of YYYY-MM-DD`` is the date whose rates apply (every calculator has it); without it, today's. When a
rate table has no row for that date because its newest row has ended, the latest row is used and the result's
``notices`` say so — printed first, before the figures.

``--receipt PATH`` also writes the calculation's receipt (:mod:`assistant.interfaces.web.receipts`) in the format
the file's suffix names. ``nearshore tool rerun RECEIPT.json`` computes a JSON receipt again with the rate tables
on file and lists every figure that changed: exit 0 when none did, 1 when some did, 2 for a receipt it cannot
re-run (with one sentence saying why).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

import typer

from assistant.errors import AssistantError, UserInputError
from assistant.registry import REGISTRY, run_tool
from assistant.calculators.formatting import CLI, assumption_line, compact_value, notice_lines
from assistant.validation import accepted

tool_app = typer.Typer(help="List and run the cost calculators.", no_args_is_help=True)


class OptionError(UserInputError):
    """The command line could not be read as ``--field value`` pairs."""


def parse_field_options(tokens: list[str]) -> dict[str, Any]:
    """``['--vnm', '70', '--net-cost=180', '--usmca-qualifying']`` → ``{'vnm': 70, 'net_cost': 180, ...}``."""
    args: dict[str, Any] = {}
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if not token.startswith("--") or token == "--":
            raise OptionError(f"unexpected argument '{token}': give inputs as --field value")
        name, eq, value = token[2:].partition("=")
        if not eq:
            if i + 1 < len(tokens) and not tokens[i + 1].startswith("--"):
                value, i = tokens[i + 1], i + 1
            else:
                value = "true"
        field = name.replace("-", "_")
        if field in args:
            raise OptionError(f"--{name} is given twice")
        args[field] = _read_value(value)
        i += 1
    return args


def _read_value(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text


def _table(rows: list[dict[str, Any]]) -> list[str]:
    columns = [k for k, v in rows[0].items() if not isinstance(v, (list, dict))]
    cells = [[compact_value(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    out = ["  " + "  ".join(c.ljust(w) for c, w in zip(columns, widths))]
    out += ["  " + "  ".join(v.ljust(w) for v, w in zip(r, widths)) for r in cells]
    return out


def format_result(result: dict[str, Any]) -> str:
    """A calculator result as readable text: headline fields, tables, assumptions with sources, documents."""
    meta = ("assumptions", "doc_ids", "notes", "notices")
    scalars = [(k, v) for k, v in result.items() if not isinstance(v, (list, dict))]
    width = max((len(k) for k, _ in scalars), default=0)
    lines = notice_lines(result, prefix="NOTICE: ")
    lines += [""] if lines else []
    lines += [f"{k.ljust(width)}  {compact_value(v)}" for k, v in scalars]
    for key, value in result.items():
        if key in meta:
            continue
        if isinstance(value, dict) and value:
            w = max(len(k) for k in value)
            lines += ["", f"{key}:"] + [f"  {k.ljust(w)}  {compact_value(v)}" for k, v in value.items()]
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines += ["", f"{key}:"] + _table(value)
    if result.get("assumptions"):
        lines += ["", "assumptions:"]
        lines += [assumption_line(a, style=CLI) for a in result["assumptions"]]
    for key in ("notes", "doc_ids"):
        if result.get(key):
            lines += ["", f"{key}:"] + [f"  - {item}" for item in result[key]]
    return "\n".join(lines)


def _fail(message: str) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(2)


@tool_app.command("list")
def list_tools() -> None:
    """List the calculators with their one-line description."""
    width = max(len(n) for n in REGISTRY)
    for spec in REGISTRY.values():
        typer.echo(f"{spec.name.ljust(width)}  {spec.summary}")


def _help_text(name: str) -> str:
    spec = REGISTRY[name]
    fields = [
        f"--{field.replace('_', '-')}: {info.description or ''} Accepts {accepted(field, info)}"
        + ("" if info.is_required() else f" (default {info.get_default(call_default_factory=True)!r})") + "."
        for field, info in spec.input_model.model_fields.items()
    ]
    return "\n\n".join([spec.summary, "Inputs (--field value; JSON for lists and objects):", *fields])


def _register(name: str) -> None:
    @tool_app.command(
        name,
        help=_help_text(name),
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    )
    def run(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
            receipt: Optional[Path] = typer.Option(
                None, "--receipt", metavar="PATH", dir_okay=False,
                help="Also write the calculation's receipt to PATH: .json (re-runnable with `nearshore tool "
                     "rerun`), .pdf or .docx (one page), .csv (one row per line item).")) -> None:
        today = ctx.obj.get("today") if isinstance(ctx.obj, dict) else None  # a fixed clock, for tests
        if receipt is not None and receipt.suffix.lower() not in (".json", ".pdf", ".docx", ".csv"):
            _fail(f"cannot write a receipt as '{receipt.name}': name the file .json, .pdf, .docx or .csv.")
        try:
            args = parse_field_options(list(ctx.args))
            result = run_tool(name, args, today=today)
        except (OptionError, AssistantError) as exc:  # bad input, or data on file that cannot be read
            _fail(str(exc))
        text = REGISTRY[name].text or format_result
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False) if as_json else text(result))
        if receipt is not None:
            _write_receipt(name, args, result, receipt)


def _write_receipt(name: str, args: dict[str, Any], result: dict[str, Any], path: Path) -> None:
    from assistant.interfaces.web.receipts import make_receipt

    _save(make_receipt(name, args, result), path)


def _change_rows(changes) -> list[dict[str, Any]]:
    return [{"figure": f"{c.kind}: {c.item}", "old": c.old, "new": c.new,
             "difference": c.difference if c.difference is not None else "-", "unit": c.unit or ""}
            for c in changes]


@tool_app.command("rerun")
def rerun(receipt: Path = typer.Argument(..., metavar="RECEIPT.json", help="A receipt written as JSON."),
          as_json: bool = typer.Option(False, "--json", help='Print {"changed", "changes", "receipt"} as JSON.'),
          out: Optional[Path] = typer.Option(None, "--out", metavar="PATH", dir_okay=False,
                                             help="Write the new receipt to PATH (.json, .pdf, .docx or .csv)."),
          ) -> None:
    """Compute a receipt again with the rate tables on file and list every figure that changed.

    Exit 0: nothing changed; 1: some figures changed (listed with old value, new value and difference);
    2: the receipt cannot be re-run (not JSON, an unknown tool, a newer receipt schema, inputs the tool rejects).
    """
    from assistant.interfaces.web.receipts import rerun_receipt

    try:
        text = receipt.read_bytes()
    except OSError as exc:
        _fail(f"cannot read {receipt} ({exc.strerror or exc}): give the path of a receipt .json file.")
    try:
        report = rerun_receipt(text, source=str(receipt))
    except AssistantError as exc:
        _fail(str(exc))
    if out is not None:
        _save(report.receipt, out)
    if as_json:
        typer.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    elif not report.changed:
        typer.echo(f"Unchanged: every figure of this {report.tool} receipt (rates as of {report.as_of}) is the same "
                   "with the rate tables on file.")
    else:
        n = len(report.changes)
        typer.echo(f"Changed: {n} figure{'s' if n != 1 else ''} of this {report.tool} receipt (rates as of "
                   f"{report.as_of}) differ{'s' if n == 1 else ''} with the rate tables on file:")
        typer.echo("\n".join(_table(_change_rows(report.changes))))
    raise typer.Exit(1 if report.changed else 0)


def _save(receipt: dict[str, Any], path: Path) -> None:
    from assistant.interfaces.web.receipts import write_receipt

    try:
        write_receipt(receipt, path)
    except AssistantError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot write the receipt to {path} ({exc.strerror or exc}): choose a folder that exists and "
              "that you can write to.")
    typer.echo(f"Receipt written to {path}", err=True)


for _name in REGISTRY:
    _register(_name)


if __name__ == "__main__":
    tool_app()
