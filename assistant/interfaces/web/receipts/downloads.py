"""The receipt downloads the web UI offers beside a calculator result, and a receipt written to a path."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from assistant.interfaces.web.files import GeneratedFiles
from assistant.interfaces.web.receipts.documents import receipt_csv, receipt_json, write_docx
from assistant.interfaces.web.receipts.model import ReceiptError, make_receipt
from assistant.interfaces.web.receipts.pdf import write_pdf


def receipt_files(files: GeneratedFiles, name: str, inputs: dict[str, Any], result: dict[str, Any], *,
                  now: dt.datetime | None = None,
                  kinds: tuple[str, ...] = ("json", "docx", "pdf", "csv")) -> dict[str, Path]:
    """Write the receipt of one calculator run as four downloads and return their paths by format.

    How to call it, in the Calculators tab, right after ``result = run_tool(name, args)`` succeeded::

        from assistant.interfaces.web.receipts import receipt_files

        paths = receipt_files(files, name, args, result)
        # paths == {"json": Path, "docx": Path, "pdf": Path, "csv": Path}
        # e.g. gr.File(value=[str(p) for p in paths.values()]) or one gr.File / gr.DownloadButton per format

    ``files``: the UI's :class:`~assistant.interfaces.web.files.GeneratedFiles` (each file gets its own folder in
    Gradio's cache and is pruned like the other downloads); ``name``: the calculator's registry name; ``inputs``:
    the arguments exactly as passed to ``run_tool`` (``parse_form``'s output — *not* the validated dump with
    defaults filled in, so that a re-run computes the same way; the receipt adds the defaults itself);
    ``result``: what ``run_tool`` returned; ``now``: the computed-at time (default: now, UTC); ``kinds``: which
    formats to write (the Calculators tab offers its own CSV, so it asks for JSON, PDF and DOCX).
    The files are named ``{name}-receipt-YYYYmmdd-HHMMSS.{json,docx,pdf,csv}``. Writing all four takes about
    half a second (the PDF is drawn by matplotlib); it raises ``ToolInputError`` only for inputs ``run_tool``
    would have refused.
    """
    receipt = make_receipt(name, inputs, result, now=now)
    stem = f"{name}-receipt-{(now or dt.datetime.now()).strftime('%Y%m%d-%H%M%S')}"
    writers = {
        "json": lambda: files.write_text(f"{stem}.json", receipt_json(receipt)),
        "docx": lambda: write_docx(receipt, files.new_path(f"{stem}.docx")),
        "pdf": lambda: write_pdf(receipt, files.new_path(f"{stem}.pdf")),
        "csv": lambda: files.write_text(f"{stem}.csv", receipt_csv(receipt)),
    }
    return {kind: writers[kind]() for kind in kinds}


WRITERS = {".json": "json", ".csv": "csv", ".docx": "docx", ".pdf": "pdf"}


def write_receipt(receipt: dict[str, Any], path: Path) -> Path:
    """Write ``receipt`` to ``path`` in the format its suffix names (``.json``, ``.csv``, ``.docx``, ``.pdf``).

    Raises:
        ReceiptError: another suffix.
    """
    path = Path(path)
    kind = WRITERS.get(path.suffix.lower())
    if kind is None:
        raise ReceiptError(f"cannot write a receipt as '{path.name}': name the file .json, .csv, .docx or .pdf.")
    if kind in ("json", "csv"):
        path.write_text(receipt_json(receipt) if kind == "json" else receipt_csv(receipt), encoding="utf-8")
        return path
    return write_docx(receipt, path) if kind == "docx" else write_pdf(receipt, path)
