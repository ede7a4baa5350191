"""A receipt as a one-page PDF, drawn with matplotlib's PDF backend from :func:`.documents.page_plan`.

Every row is one line of 7-point text cut to its column's width, so the page cannot overflow; the sources of the
rates are live links (matplotlib writes a link annotation for a text with a ``url``). matplotlib is imported only
when a PDF is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.interfaces.web.receipts.documents import Link, more_text, page_plan, short

PAGE_W, PAGE_H, MARGIN = 8.5, 11.0, 0.5  # inches (US Letter)
FONT = 7.0
LINE = 0.14  # inches per line of 7-point text
CHAR = 0.056  # inches per character of 7-point DejaVu Sans, on average (cuts text to a column's width)
LINK_COLOR = "#0563C1"


class _Page:
    """A cursor down one page: every call draws one or more lines and moves ``y`` down."""

    def __init__(self, fig):
        self.fig = fig
        self.y = PAGE_H - MARGIN

    def text(self, x: float, text: str, *, size: float = FONT, bold: bool = False, italic: bool = False,
             url: str | None = None, width: float | None = None) -> None:
        limit = int((width or PAGE_W - MARGIN - x) / (CHAR * size / FONT))
        self.fig.text(x / PAGE_W, self.y / PAGE_H, short(text, limit), fontsize=size, va="top", ha="left",
                      fontweight="bold" if bold else "normal", fontstyle="italic" if italic else "normal",
                      color=LINK_COLOR if url else "black", url=url)

    def line(self, text: str, *, size: float = FONT, bold: bool = False, italic: bool = False, gap: float = 0) -> None:
        self.text(MARGIN, text, size=size, bold=bold, italic=italic)
        self.y -= LINE * size / FONT + gap

    def rule(self) -> None:
        from matplotlib.lines import Line2D

        y = (self.y + 0.02) / PAGE_H
        self.fig.add_artist(Line2D([MARGIN / PAGE_W, (PAGE_W - MARGIN) / PAGE_W], [y, y], linewidth=0.4,
                                   color="#999999"))

    def table(self, headers: list[str], rows: list[list[Any]], widths: list[float]) -> None:
        for values, bold in [(headers, True)] + [(r, False) for r in rows]:
            x = MARGIN
            for value, width in zip(values, widths):
                link = value if isinstance(value, Link) else None
                self.text(x, link.text if link else str(value), bold=bold, url=link.url if link else None,
                          width=width - 0.08)
                x += width
            self.y -= LINE
            if bold:
                self.rule()


def write_pdf(receipt: dict[str, Any], path: Path) -> Path:
    """The receipt as a one-page PDF at ``path``: the same content as the DOCX (:func:`.documents.write_docx`)."""
    from matplotlib.backends.backend_pdf import FigureCanvasPdf
    from matplotlib.figure import Figure

    plan = page_plan(receipt)
    fig = Figure(figsize=(PAGE_W, PAGE_H))
    FigureCanvasPdf(fig)
    page = _Page(fig)
    page.line(plan.title, size=13, bold=True, gap=0.06)
    if plan.summary:
        page.line(plan.summary, italic=True)
    page.line(plan.meta, gap=0.04)
    for notice in plan.notices:
        page.line(f"! {notice}", bold=True)
    for heading, headers, rows, widths, key in plan.tables():
        page.y -= 0.08
        page.line(heading, size=9, bold=True, gap=0.02)
        if rows:
            page.table(headers, rows, widths)
        else:
            page.line("None.")
        if plan.more.get(key):
            page.line(more_text(plan.more[key], key), italic=True)
    if plan.formulas:
        page.y -= 0.08
        page.line("Formula lines", size=9, bold=True, gap=0.02)
        for formula in plan.formulas:
            page.line(formula)
        if plan.more.get("formulas"):
            page.line(more_text(plan.more["formulas"], "formula lines"), italic=True)
    page.y = MARGIN
    page.line(plan.footer, size=6)
    path = Path(path)
    fig.savefig(str(path), format="pdf")
    return path
