"""Calculation receipts: made from real calculator runs, re-run against the shipped rate tables, written as JSON,
CSV, DOCX and PDF. No mocks: an "older rate table" is a receipt whose recorded figure was edited."""

from __future__ import annotations

import copy
import csv
import io
import json
from datetime import date, datetime, timezone
from importlib.metadata import version

import pytest

from assistant.interfaces.web.receipts import (
    SCHEMA_VERSION,
    ReceiptError,
    csv_rows,
    make_receipt,
    page_plan,
    read_receipt,
    receipt_csv,
    receipt_files,
    receipt_json,
    rerun_receipt,
    write_docx,
    write_pdf,
    write_receipt,
)
from assistant.registry import REGISTRY, run_tool
from test_tools_registry import SAMPLES

LABOR = SAMPLES["mexico_labor_cost"]
BORDER_MINIMUM = "Minimum wage (northern border free zone)"
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)


def receipt_for(name: str, args: dict | None = None, today: date | None = None) -> dict:
    args = SAMPLES[name] if args is None else args
    return make_receipt(name, args, run_tool(name, args, today=today), now=NOW)


@pytest.fixture(scope="module")
def labor_receipt() -> dict:
    return receipt_for("mexico_labor_cost", today=date(2026, 3, 2))


def rate(receipt: dict, name: str) -> dict:
    return next(r for r in receipt["rates"] if r["name"] == name)


def result_line(receipt: dict, path: str) -> dict:
    return next(i for i in receipt["results"] if i["path"] == path)


# ------------------------------------------------------------------ what a receipt holds
@pytest.mark.parametrize("name", list(REGISTRY))
def test_a_fresh_receipt_of_every_tool_reruns_unchanged(name):
    receipt = receipt_for(name)
    report = rerun_receipt(receipt_json(receipt))  # through its JSON text, as a saved file is read
    assert report.changes == [] and report.changed is False, report.changes
    assert report.tool == name and report.as_of == receipt["as_of"]
    assert report.tables_changed is False
    assert report.receipt["results"] == receipt["results"] and report.receipt["rates"] == receipt["rates"]
    assert json.loads(receipt_json(receipt)) == receipt  # JSON-ready throughout


def test_a_receipt_records_inputs_rates_results_version_and_dates(labor_receipt):
    r = labor_receipt
    assert r["schema_version"] == SCHEMA_VERSION and r["tool"] == "mexico_labor_cost"
    assert r["inputs"] == LABOR  # as given: what a re-run computes from
    assert r["inputs_with_defaults"]["work_risk_class"] == "III" and r["inputs_with_defaults"]["headcount"] == 1
    assert r["as_of"] == "2026-03-02" and r["computed_at"] == "2026-03-02T09:30:00+00:00"
    assert r["software"] == {"name": "nearshore-assistant", "version": version("nearshore-assistant")}
    minimum = rate(r, BORDER_MINIMUM)
    assert minimum["value"] == 440.87 and minimum["unit"] == "MXN per day"
    assert (minimum["effective_from"], minimum["effective_to"]) == ("2026-01-01", "2026-12-31")
    assert minimum["source"]["title"] and minimum["source"]["url"].startswith("https://")
    assert minimum["kind"] == "published"
    assert rate(r, "Ordinary hours per week")["kind"] == "default"
    assert rate(r, "Vacation premium")["applies_to"] == "vacation pay"
    total = result_line(r, "annual_cost_per_worker_mxn")
    assert total["unit"] == "MXN" and total["item"] == "Annual cost per worker" and total["value"] > 200_000
    isn = result_line(r, "Breakdown › State payroll tax (Chihuahua) › rate_pct")
    assert isn["value"] == 4.0 and isn["applies_to"] == "wages + aguinaldo + vacation premium"
    assert any(f.startswith("Breakdown › State payroll tax (Chihuahua): 4.00% of wages") and "MXN (annual)" in f
               for f in r["formulas"])
    assert not any(isinstance(i["value"], dict) for i in r["results"])  # flat line items


# ------------------------------------------------------------------ what changed
def test_an_older_minimum_wage_is_reported_as_exactly_that_rate(labor_receipt):
    older = copy.deepcopy(labor_receipt)
    rate(older, BORDER_MINIMUM)["value"] = 419.88  # the 2025 border minimum, as if computed with last year's table
    report = rerun_receipt(older)
    assert report.changed
    [change] = report.changes
    assert (change.kind, change.item, change.old, change.new) == ("rate", BORDER_MINIMUM, 419.88, 440.87)
    assert change.difference == pytest.approx(20.99) and change.unit == "MXN per day"
    assert report.to_json()["changes"] == [{"kind": "rate", "item": BORDER_MINIMUM, "old": 419.88, "new": 440.87,
                                            "difference": change.difference, "unit": "MXN per day"}]


def test_an_edited_result_figure_is_reported_with_its_difference(labor_receipt):
    older = copy.deepcopy(labor_receipt)
    line = result_line(older, "annual_cost_per_worker_mxn")
    now = line["value"]
    line["value"] = now - 6754.13  # the figure without Chihuahua's payroll tax
    [change] = rerun_receipt(older).changes
    assert (change.kind, change.item, change.new) == ("result", "annual_cost_per_worker_mxn", now)
    assert change.difference == pytest.approx(6754.13)


def test_a_figure_missing_from_the_old_receipt_counts_as_changed(labor_receipt):
    older = copy.deepcopy(labor_receipt)
    older["rates"] = [r for r in older["rates"] if r["name"] != "UMA (daily)"]
    [change] = rerun_receipt(older).changes
    assert change.item == "UMA (daily)" and change.old is None and change.difference is None


# ------------------------------------------------------------------ receipts it refuses
@pytest.mark.parametrize("bad, fragment", [
    (b"%PDF-1.4 not json", "is not JSON"),
    ("[1, 2]", "is not a calculation receipt"),
    (json.dumps({"tool": "usmca_rvc"}), "is not a calculation receipt"),
])
def test_what_is_not_a_receipt_is_refused_in_one_sentence(bad, fragment):
    with pytest.raises(ReceiptError) as caught:
        rerun_receipt(bad, source="upload.json")
    message = str(caught.value)
    assert message.startswith("upload.json ") and fragment in message
    assert message.endswith(".") and message.count(". ") == 0 and ": " in message  # what is wrong: how to fix it


def test_an_unknown_tool_a_newer_schema_and_rejected_inputs_are_refused(labor_receipt):
    unknown = {**labor_receipt, "tool": "freight_quote"}
    with pytest.raises(ReceiptError, match="'freight_quote', which this version does not have: re-run receipts of "):
        rerun_receipt(unknown)
    newer = {**labor_receipt, "schema_version": SCHEMA_VERSION + 1}
    with pytest.raises(ReceiptError, match=f"schema version {SCHEMA_VERSION + 1}, newer than this software reads "
                                           f"\\({SCHEMA_VERSION}\\): upgrade Nearshore Assistant"):
        rerun_receipt(newer)
    rejected = {**labor_receipt, "inputs": {**LABOR, "headcount": 0}}
    with pytest.raises(ReceiptError) as caught:
        rerun_receipt(rejected)
    assert "has inputs that mexico_labor_cost does not accept now (headcount must be" in str(caught.value)
    assert "correct them in the receipt's 'inputs'" in str(caught.value)
    with pytest.raises(ReceiptError, match="as_of that is not a date"):
        read_receipt({**labor_receipt, "as_of": "last Tuesday"})


# ------------------------------------------------------------------ files
def test_the_csv_has_one_row_per_line_item_and_no_python_reprs(labor_receipt):
    rows = list(csv.DictReader(io.StringIO(receipt_csv(labor_receipt))))
    by_section = {s: [r for r in rows if r["section"] == s] for s in {r["section"] for r in rows}}
    assert len(by_section["result"]) == len(labor_receipt["results"])
    assert len(by_section["rate"]) == len(labor_receipt["rates"])
    assert len(by_section["formula"]) == len(labor_receipt["formulas"])
    assert len(rows) == len(csv_rows(labor_receipt))
    minimum = next(r for r in by_section["rate"] if r["item"] == BORDER_MINIMUM)
    assert minimum["value"] == "440.87" and minimum["source_url"].startswith("https://")
    assert minimum["effective_from"] == "2026-01-01"
    text = receipt_csv(receipt_for("tco_compare")) + receipt_csv(labor_receipt)
    assert "{" not in text and "[" not in text and "None" not in text and "True" not in text


def test_csv_cells_are_spreadsheet_safe():
    args = copy.deepcopy(SAMPLES["landed_cost_compare"])
    args["scenarios"][0]["name"] = "=HYPERLINK(\"http://evil\")"
    rows = list(csv.reader(io.StringIO(receipt_csv(receipt_for("landed_cost_compare", args)))))
    cells = [c for r in rows for c in r if "HYPERLINK" in c]
    assert cells and all(c.startswith("'=") or not c.startswith("=") for c in cells)
    assert not any(c.startswith("=") for r in rows for c in r)


def test_the_docx_has_tables_and_live_source_links(tmp_path, labor_receipt):
    from docx import Document

    path = write_docx(labor_receipt, tmp_path / "receipt.docx")
    doc = Document(str(path))
    assert len(doc.tables) == 3  # inputs, rates, results
    xml = doc.element.xml
    assert "<w:hyperlink" in xml
    links = [rel.target_ref for rel in doc.part.rels.values() if rel.reltype.endswith("/hyperlink")]
    assert rate(labor_receipt, BORDER_MINIMUM)["source"]["url"] in links
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Calculation receipt: Mexico labor cost" in text and "Rates as of 2026-03-02" in text
    assert version("nearshore-assistant") in text and "more results in the JSON and CSV receipt" in text
    rates_table = doc.tables[1]
    assert rates_table.rows[1].cells[0].text == BORDER_MINIMUM
    assert "nearshore tool rerun" in doc.sections[0].footer.paragraphs[0].text


def test_the_page_plan_keeps_the_page_to_its_row_limits(labor_receipt):
    from assistant.interfaces.web.receipts.documents import MAX_RATE_ROWS, MAX_RESULT_ROWS

    plan = page_plan(labor_receipt)
    assert len(plan.rates) == MAX_RATE_ROWS and len(plan.results) == MAX_RESULT_ROWS
    assert plan.more["rates"] == len(labor_receipt["rates"]) - MAX_RATE_ROWS
    assert plan.results[0][0] == "State"  # the result's own figures first, its breakdown after


def test_the_pdf_is_one_page_with_links(tmp_path, labor_receipt):
    from pypdf import PdfReader

    reader = PdfReader(str(write_pdf(labor_receipt, tmp_path / "receipt.pdf")))
    assert len(reader.pages) == 1
    uris = [a.get_object()["/A"]["/URI"] for a in reader.pages[0].get("/Annots") or []
            if "/A" in a.get_object() and "/URI" in a.get_object()["/A"]]
    assert rate(labor_receipt, BORDER_MINIMUM)["source"]["url"] in uris
    assert "Calculation receipt" in reader.pages[0].extract_text()


def test_receipt_files_writes_the_four_downloads(tmp_path):
    from assistant.interfaces.web.files import GeneratedFiles

    files = GeneratedFiles(tmp_path / "generated")
    args = SAMPLES["usmca_rvc"]
    paths = receipt_files(files, "usmca_rvc", args, run_tool("usmca_rvc", args), now=NOW)
    assert set(paths) == {"json", "docx", "pdf", "csv"}
    assert all(p.is_file() and p.name.startswith("usmca_rvc-receipt-") for p in paths.values())
    assert [p.suffix for p in paths.values()] == [".json", ".docx", ".pdf", ".csv"]
    assert rerun_receipt(paths["json"].read_text(encoding="utf-8")).changed is False
    assert files.count() == 4


def test_write_receipt_picks_the_format_by_suffix(tmp_path):
    receipt = receipt_for("transit_time")
    assert json.loads(write_receipt(receipt, tmp_path / "r.json").read_text(encoding="utf-8")) == receipt
    assert write_receipt(receipt, tmp_path / "r.PDF").read_bytes().startswith(b"%PDF")
    with pytest.raises(ReceiptError, match="name the file .json, .csv, .docx or .pdf"):
        write_receipt(receipt, tmp_path / "r.txt")
