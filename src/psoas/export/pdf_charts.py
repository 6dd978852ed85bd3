"""Small vector charts drawn with fpdf2 primitives (lines, rectangles, text): no bitmaps.

A chart is a frame with a y axis and dated x positions; series are lines with dots, bars are
done-versus-planned pairs. Used by the progress report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from psoas.export.pdf_base import ACCENT, INK, MUTED, Document

LEFT_COLOUR = (31, 94, 140)
RIGHT_COLOUR = (214, 110, 30)
GRID = (222, 226, 230)
TARGET = (46, 139, 87)


@dataclass(frozen=True)
class Series:
    label: str
    points: tuple[tuple[date, float], ...]
    colour: tuple[int, int, int] = ACCENT


@dataclass(frozen=True)
class Frame:
    x: float
    y: float
    w: float
    h: float
    low: float
    high: float
    first: date
    last: date

    def px(self, day: date) -> float:
        span = max(1, (self.last - self.first).days)
        return self.x + self.w * (day - self.first).days / span

    def py(self, value: float) -> float:
        span = self.high - self.low or 1.0
        return self.y + self.h - self.h * (value - self.low) / span


def _axes(pdf: Document, f: Frame, ticks: Sequence[float], unit: str) -> None:
    _ticks(pdf, f, ticks, unit)
    pdf.set_draw_color(*MUTED)
    pdf.line(f.x, f.y + f.h, f.x + f.w, f.y + f.h)
    pdf.font(8)
    pdf.set_text_color(*MUTED)
    for day in (f.first, f.last):
        pdf.set_xy(f.px(day) - 12, f.y + f.h + 1)
        pdf.cell(24, 4, f"{day.day} {day:%b}", align="C")
    pdf.set_text_color(*INK)


def _legend(
    pdf: Document, x: float, y: float, items: Sequence[tuple[str, tuple[int, int, int]]]
) -> None:
    pdf.font(8)
    for label, colour in items:
        pdf.set_fill_color(*colour)
        pdf.rect(x, y + 1.2, 3, 3, style="F")
        pdf.set_xy(x + 4, y)
        width = pdf.get_string_width(pdf.clean(label)) + 8
        pdf.cell(width, 5.5, pdf.clean(label))
        x += width + 4


def line_chart(
    pdf: Document,
    series: Sequence[Series],
    *,
    height: float,
    low: float,
    high: float,
    ticks: Sequence[float],
    unit: str = "",
    guide: tuple[str, float] | None = None,
) -> None:
    """Dated lines with dots; ``guide`` draws a labelled dashed line (for example a target)."""
    days = [d for s in series for d, _ in s.points]
    if not days:
        return
    top = pdf.get_y()
    frame = Frame(
        pdf.l_margin + 12, top + 7, pdf.content_width - 14, height, low, high, min(days), max(days)
    )
    _legend(pdf, frame.x, top, [(s.label, s.colour) for s in series])
    _axes(pdf, frame, ticks, unit)
    if guide is not None:
        label, value = guide
        pdf.set_draw_color(*TARGET)
        pdf.set_line_width(0.3)
        with pdf.local_context():
            pdf.set_dash_pattern(dash=1.5, gap=1.2)
            pdf.line(frame.x, frame.py(value), frame.x + frame.w, frame.py(value))
        pdf.font(8)
        pdf.set_text_color(*TARGET)
        pdf.set_xy(frame.x + frame.w - 70, frame.py(value) - 4.5)
        pdf.cell(70, 4, pdf.clean(label), align="R")
        pdf.set_text_color(*INK)
    for s in series:
        pdf.set_draw_color(*s.colour)
        pdf.set_fill_color(*s.colour)
        pdf.set_line_width(0.5)
        coords = [(frame.px(d), frame.py(v)) for d, v in s.points]
        if len(coords) > 1:
            pdf.polyline(coords, style="D")
        for x, y in coords:
            pdf.circle(x=x, y=y, radius=0.9, style="F")
    pdf.set_draw_color(*INK)
    pdf.set_y(frame.y + frame.h + 7)


def bar_chart(pdf: Document, bars: Sequence[tuple[str, int, int]], *, height: float = 32) -> None:
    """Pairs of planned (light) and done (dark) bars, one pair per label."""
    if not bars:
        return
    top = pdf.get_y()
    high = max(max(p, d) for _, p, d in bars) or 1
    f = Frame(
        pdf.l_margin + 12, top + 7, pdf.content_width - 14, height, 0, high, date.min, date.min
    )
    _legend(pdf, f.x, top, [("planned", (190, 208, 224)), ("done", ACCENT)])
    ticks = sorted({0, high // 2, high}) if high > 1 else [0, 1]
    _ticks(pdf, f, ticks)
    slot = f.w / len(bars)
    width = min(7.0, slot / 3)
    pdf.font(8)
    for i, (label, planned, done) in enumerate(bars):
        x = f.x + slot * i + slot / 2 - width
        for value, colour, offset in ((planned, (190, 208, 224), 0), (done, ACCENT, width)):
            pdf.set_fill_color(*colour)
            if value:
                pdf.rect(x + offset, f.py(value), width, f.y + f.h - f.py(value), style="F")
        pdf.set_text_color(*MUTED)
        pdf.set_xy(f.x + slot * i, f.y + f.h + 1)
        pdf.cell(slot, 4, pdf.clean(label), align="C")
    pdf.set_text_color(*INK)
    pdf.set_y(f.y + f.h + 7)


def _ticks(pdf: Document, f: Frame, ticks: Sequence[float], unit: str = "") -> None:
    pdf.set_line_width(0.15)
    pdf.font(8)
    pdf.set_text_color(*MUTED)
    for tick in ticks:
        y = f.py(tick)
        pdf.set_draw_color(*GRID)
        pdf.line(f.x, y, f.x + f.w, y)
        pdf.set_xy(f.x - 11, y - 2)
        pdf.cell(10, 4, f"{tick:g}{unit}", align="R")
    pdf.set_text_color(*INK)
