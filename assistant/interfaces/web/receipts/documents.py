"""A receipt as files: JSON text, a tidy CSV (one row per line item), a one-page DOCX (and, in :mod:`.pdf`, PDF).

:func:`page_plan` decides what the one page shows — pure data, tested without Word — and both page formats
draw that plan: a title, the dates and software version, inputs, rates with their sources as links, results,
formula lines and a footer. Long receipts show their first rows and say how many more the JSON and CSV hold.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.interfaces.web.docx_export import add_hyperlink
from assistant.interfaces.web.lines import humanize
from assistant.interfaces.web.render import csv_cell
from assistant.interfaces.web.receipts.model import input_items, value_text
from assistant.text import spreadsheet_safe

CSV_COLUMNS = ["section", "item", "value", "unit", "applies_to", "effective_from", "effective_to", "source",
               "source_url"]
# What fits one Letter / A4 page at 7–8 pt (the PDF is drawn to exactly this; the DOCX keeps cells short).
MAX_INPUT_ROWS, MAX_RATE_ROWS, MAX_RESULT_ROWS, MAX_FORMULAS, MAX_NOTICES = 8, 12, 22, 6, 2
MAX_CELL = 90
# Column widths in inches on a page 7.5 inches wide; a cell is cut to what fits its column on one line.
INPUT_WIDTHS, RATE_WIDTHS, RESULT_WIDTHS = [2.1, 1.65, 2.1, 1.65], [2.45, 1.25, 1.45, 2.35], [5.0, 2.5]
INCH_PER_CHAR = 0.055  # 7–7.5 point text, on average


def fits(width: float) -> int:
    """How many characters a column ``width`` inches wide holds on one line."""
    return int((width - 0.1) / INCH_PER_CHAR)


def receipt_json(receipt: dict[str, Any]) -> str:
    """The receipt as indented JSON text (UTF-8, not ASCII-escaped), ready to save as ``.json``."""
    return json.dumps(receipt, indent=2, ensure_ascii=False) + "\n"


def _cell(value: Any) -> Any:
    """A CSV cell: as the UI's CSV writes one (numbers as they are, yes/no, empty for nothing, a list joined by
    '; '), and a mapping as "Key: value; …" (never a Python repr)."""
    if isinstance(value, dict):
        return "; ".join(f"{humanize(str(k))}: {_cell(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(str(_cell(v)) for v in value)
    return csv_cell(value)

def csv_rows(receipt: dict[str, Any]) -> list[list[Any]]:
    """One row per line item under :data:`CSV_COLUMNS`: the receipt's facts, each input, rate, result, formula,
    notice, note and explaining document."""
    def row(section, item, value, unit="", applies_to=None, start=None, end=None, title="", url=None):
        return [section, item, _cell(value), unit or "", applies_to or "", start or "", end or "", title or "",
                url or ""]

    software = receipt.get("software") or {}
    rows = [row("receipt", "tool", receipt.get("tool")), row("receipt", "rates as of", receipt.get("as_of")),
            row("receipt", "computed at", receipt.get("computed_at")),
            row("receipt", "software version", f"{software.get('name', '')} {software.get('version', '')}".strip()),
            row("receipt", "schema version", receipt.get("schema_version"))]
    rows += [row("input", i["item"], i["value"], i["unit"], i["applies_to"])
             for i in input_items(receipt.get("inputs_with_defaults") or receipt.get("inputs") or {})]
    for r in receipt.get("rates") or []:
        source = r.get("source") or {}
        rows.append(row("rate", r.get("name"), r.get("value"), r.get("unit"), r.get("applies_to"),
                        r.get("effective_from"), r.get("effective_to"), source.get("title"), source.get("url")))
    rows += [row("result", i.get("item"), i.get("value"), i.get("unit"), i.get("applies_to"))
             for i in receipt.get("results") or []]
    rows += [row("formula", "", f) for f in receipt.get("formulas") or []]
    rows += [row("notice", "latest rates on file", n) for n in receipt.get("notices") or []]
    rows += [row("note", "", n) for n in receipt.get("notes") or []]
    rows += [row("explained in", "document", d) for d in receipt.get("doc_ids") or []]
    return rows


def receipt_csv(receipt: dict[str, Any]) -> str:
    """The receipt as one tidy CSV table (:func:`csv_rows`); every cell is spreadsheet-safe."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for r in csv_rows(receipt):
        writer.writerow([spreadsheet_safe(v) for v in r])
    return buf.getvalue()


# ------------------------------------------------------------------ the one page
@dataclass(frozen=True)
class Link:
    """A cell that is a link: ``text`` shown, ``url`` opened (``None``: plain text)."""

    text: str
    url: str | None = None


@dataclass
class PagePlan:
    """What the one page shows, each table's rows already cut to fit; ``more``: rows left out, by table."""

    title: str
    summary: str
    meta: str
    notices: list[str]
    inputs: list[list[str]]
    rates: list[list[Any]]
    results: list[list[str]]
    formulas: list[str]
    footer: str
    more: dict[str, int] = field(default_factory=dict)

    def tables(self) -> list[tuple[str, list[str], list[list[Any]], list[float], str]]:
        """The page's tables in order: (heading, column headers, rows, column widths in inches, key of ``more``)."""
        return [("Inputs", ["Input", "Value", "Input", "Value"], self.inputs, INPUT_WIDTHS, "inputs"),
                ("Rates and assumptions", ["Rate or assumption", "Value", "In force", "Source"], self.rates,
                 RATE_WIDTHS, "rates"),
                ("Results", ["Item", "Value"], self.results, RESULT_WIDTHS, "results")]


def short(text: Any, limit: int = MAX_CELL) -> str:
    """Text cut to ``limit`` characters with '…'."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _in_force(rate: dict[str, Any]) -> str:
    if not rate.get("effective_from"):
        return "—"
    if not rate.get("effective_to"):
        return f"since {rate['effective_from']}"
    return f"{rate['effective_from']} to {rate['effective_to']}"


def page_plan(receipt: dict[str, Any]) -> PagePlan:
    """The one page of a receipt: at most :data:`MAX_INPUT_ROWS` rows of inputs (two per row),
    :data:`MAX_RATE_ROWS` rates, :data:`MAX_RESULT_ROWS` results (the headline figures come first) and
    :data:`MAX_FORMULAS` formula lines; ``more`` counts the rest, which the JSON and CSV hold."""
    software = receipt.get("software") or {}
    iw, rw, sw = ([fits(w) for w in ws] for ws in (INPUT_WIDTHS, RATE_WIDTHS, RESULT_WIDTHS))
    ins = [[short(i["item"], iw[0]), short(value_text(i), iw[1])]
           for i in input_items(receipt.get("inputs_with_defaults") or receipt.get("inputs") or {})]
    pairs = [ins[i] + (ins[i + 1] if i + 1 < len(ins) else ["", ""]) for i in range(0, len(ins), 2)]
    rates = []
    for r in receipt.get("rates") or []:
        source = r.get("source") or {}
        shown = value_text({"value": r.get("value"), "unit": ""}) + (f" {r['unit']}" if r.get("unit") else "")
        title = source.get("title") or ("as given" if r.get("kind") == "input" else "")
        rates.append([short(r.get("name"), rw[0]), short(shown, rw[1]), short(_in_force(r), rw[2]),
                      Link(short(title, rw[3]), source.get("url"))])
    results = [[short(i.get("item"), sw[0]), short(value_text(i), sw[1])] for i in receipt.get("results") or []
               if i.get("value") is not None]  # the page leaves out figures not computed (USD without a rate)
    formulas = [short(f, fits(7.5)) for f in receipt.get("formulas") or []]
    notices = [short(n, 220) for n in receipt.get("notices") or []]
    more = {"inputs": max(0, len(ins) - 2 * MAX_INPUT_ROWS), "rates": max(0, len(rates) - MAX_RATE_ROWS),
            "results": max(0, len(results) - MAX_RESULT_ROWS), "formulas": max(0, len(formulas) - MAX_FORMULAS),
            "notices": max(0, len(notices) - MAX_NOTICES)}
    tool = str(receipt.get("tool") or "")
    return PagePlan(
        title=f"Calculation receipt: {humanize(tool)} ({tool})",
        summary=short(receipt.get("tool_summary") or "", 240),
        meta=(f"Rates as of {receipt.get('as_of') or '—'} · computed {receipt.get('computed_at') or '—'} · "
              f"{software.get('name', 'nearshore-assistant')} {software.get('version', '')}".rstrip()),
        notices=notices[:MAX_NOTICES], inputs=pairs[:MAX_INPUT_ROWS], rates=rates[:MAX_RATE_ROWS],
        results=results[:MAX_RESULT_ROWS], formulas=formulas[:MAX_FORMULAS],
        footer=(f"Receipt schema {receipt.get('schema_version')} · rate tables sha256 "
                f"{str(receipt.get('rate_tables_sha256') or '—')[:12]} · check it again with "
                f"`nearshore tool rerun RECEIPT.json` or POST /api/tools/rerun"),
        more={k: v for k, v in more.items() if v},
    )


def more_text(n: int, what: str) -> str:
    return f"… and {n} more {what} in the JSON and CSV receipt."


# ------------------------------------------------------------------ DOCX
def _table(doc, headers: list[str], rows: list[list[Any]], widths: list[float]) -> None:
    from docx.shared import Inches, Pt

    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    for row_cells, values, bold in [(table.rows[0].cells, headers, True)] + [
            (table.add_row().cells, r, False) for r in rows]:
        for cell, value, width in zip(row_cells, values, widths):
            cell.width = Inches(width)
            para = cell.paragraphs[0]
            para.paragraph_format.space_after = Pt(0)
            if isinstance(value, Link) and value.url:
                add_hyperlink(para, value.url, value.text)
            else:
                run = para.add_run(value.text if isinstance(value, Link) else str(value))
                run.bold = bold


def _heading(doc, text: str) -> None:
    from docx.shared import Pt

    para = doc.add_paragraph()
    para.paragraph_format.space_before = Pt(6)
    para.paragraph_format.space_after = Pt(2)
    run = para.add_run(text)
    run.bold = True
    run.font.size = Pt(10)


def write_docx(receipt: dict[str, Any], path: Path) -> Path:
    """The receipt as a one-page Word document at ``path`` (:func:`page_plan`): tables for inputs, rates (with
    their sources as live hyperlinks) and results, the formula lines and a version and date footer."""
    from docx import Document
    from docx.shared import Inches, Pt

    plan = page_plan(receipt)
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(0.5))
    normal = doc.styles["Normal"]
    normal.font.size = Pt(7.5)
    normal.paragraph_format.space_after = Pt(1)
    normal.paragraph_format.line_spacing = 1.0
    title = doc.add_paragraph()
    run = title.add_run(plan.title)
    run.bold, run.font.size = True, Pt(14)
    if plan.summary:
        doc.add_paragraph().add_run(plan.summary).italic = True
    doc.add_paragraph(plan.meta)
    for notice in plan.notices:
        doc.add_paragraph().add_run(f"⚠ {notice}").bold = True
    for heading, headers, rows, widths, key in plan.tables():
        _heading(doc, heading)
        if rows:
            _table(doc, headers, rows, widths)
        else:
            doc.add_paragraph("None.")
        if plan.more.get(key):
            doc.add_paragraph(more_text(plan.more[key], key))
    if plan.formulas:
        _heading(doc, "Formula lines")
        for line in plan.formulas:
            doc.add_paragraph(line)
        if plan.more.get("formulas"):
            doc.add_paragraph(more_text(plan.more["formulas"], "formula lines"))
    footer = section.footer.paragraphs[0]
    footer.text = plan.footer
    footer.runs[0].font.size = Pt(6.5)
    path = Path(path)
    doc.save(str(path))
    return path
