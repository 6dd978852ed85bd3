"""A simple, fast table for the PDFs: rows wrapped word by word, header repeated on new pages.

fpdf2's own table wraps text character by character (measuring the growing line each time),
which made a six-week plan handout take seconds; measuring each word once keeps it linear.
"""

from __future__ import annotations

from collections.abc import Sequence

from psoas.export.pdf_base import ACCENT, GRID_LINE, INK, SOFT, Document

PADDING = 1.4


def _row(pdf: Document, cells: Sequence[str], widths, aligns, line_h: float, fill) -> None:
    wrapped = [pdf.wrap(c, w - 2 * PADDING) for c, w in zip(cells, widths, strict=True)]
    height = max(len(lines) for lines in wrapped) * line_h + 2 * PADDING
    top, x = pdf.get_y(), pdf.l_margin
    if fill is not None:
        pdf.set_fill_color(*fill)
        pdf.rect(x, top, sum(widths), height, style="F")
    for lines, width, align in zip(wrapped, widths, aligns, strict=True):
        middle = top + (height - len(lines) * line_h) / 2
        for i, line in enumerate(lines):
            pdf.set_xy(x + PADDING, middle + i * line_h)
            pdf.cell(width - 2 * PADDING, line_h, line, align=align)
        x += width
    pdf.set_draw_color(*GRID_LINE)
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, top + height, pdf.l_margin + sum(widths), top + height)
    pdf.set_xy(pdf.l_margin, top + height)


def _height(pdf: Document, cells: Sequence[str], widths, line_h: float) -> float:
    counts = [len(pdf.wrap(c, w - 2 * PADDING)) for c, w in zip(cells, widths, strict=True)]
    return max(counts) * line_h + 2 * PADDING


def table(
    pdf: Document,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    aligns: Sequence[str] | None = None,
    size: float = 9,
) -> None:
    """Draw a header row (white on the accent colour) and banded rows; a row never splits."""
    aligns = aligns or ["L"] * len(widths)
    line_h = size * 0.46

    def draw_header() -> None:
        pdf.font(size, "B")
        pdf.set_text_color(255, 255, 255)
        _row(pdf, header, widths, aligns, line_h, ACCENT)
        pdf.set_text_color(*INK)
        pdf.font(size)

    draw_header()
    for index, cells in enumerate(rows):
        if pdf.get_y() + _height(pdf, cells, widths, line_h) > pdf.page_break_trigger:
            pdf.add_page()
            draw_header()
        _row(pdf, cells, widths, aligns, line_h, SOFT if index % 2 == 0 else None)
    pdf.ln(2)
