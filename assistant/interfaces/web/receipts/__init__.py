"""Calculation receipts: one calculator run as JSON (inputs, every rate with its dates and source, formula lines,
results, software version and dates), re-runnable to show what changed since, and as a one-page DOCX / PDF and a
tidy CSV.

- :func:`make_receipt` (:mod:`.model`) builds one from ``run_tool``'s arguments and result; pure.
- :func:`rerun_receipt` (:mod:`.rerun`) computes it again with the rate tables on file and returns a
  :class:`RerunReport` of every changed figure; a bad receipt raises :class:`ReceiptError` (one sentence).
- :func:`receipt_json`, :func:`receipt_csv`, :func:`write_docx` (:mod:`.documents`) and :func:`write_pdf`
  (:mod:`.pdf`) write it; :func:`receipt_files` (:mod:`.downloads`) writes all four for the web UI.

Used by ``nearshore tool rerun`` / ``nearshore tool NAME --receipt PATH`` and ``POST /api/tools/rerun`` /
``POST /api/tools/{name}?receipt=true``. They sit in the web package because their line items are the web
table's (:mod:`assistant.interfaces.web.lines`).
"""

from assistant.interfaces.web.receipts.documents import csv_rows, page_plan, receipt_csv, receipt_json, write_docx
from assistant.interfaces.web.receipts.downloads import receipt_files, write_receipt
from assistant.interfaces.web.receipts.model import SCHEMA_VERSION, ReceiptError, make_receipt, read_receipt
from assistant.interfaces.web.receipts.pdf import write_pdf
from assistant.interfaces.web.receipts.rerun import Change, RerunReport, rerun_receipt

__all__ = ["SCHEMA_VERSION", "Change", "ReceiptError", "RerunReport", "csv_rows", "make_receipt", "page_plan",
           "read_receipt", "receipt_csv", "receipt_files", "receipt_json", "rerun_receipt", "write_docx",
           "write_pdf", "write_receipt"]
