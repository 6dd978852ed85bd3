"""Server-rendered SVG line charts for the pages, with a title and a text description.

Drawing only: the numbers and the meaningful-change verdict come from the progress summary.
Colours come from the stylesheet (classes), so the charts follow light and dark mode and need
no inline style (the Content-Security-Policy forbids it).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from html import escape

from psoas.domain.progress.summary import PainTrend

WIDTH, HEIGHT = 480, 240
SMALL = (300, 110)
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 36, 14, 12, 30
DATE_LABELS = 4  # dates written under the axis, first and last included
MAX_DOTS = 40


@dataclass(frozen=True)
class Line:
    label: str
    points: tuple[tuple[date, float], ...]
    css: str = "series-a"


# A chart is a pure function of everything it is given, so each drawing is kept by all of it
# (the lines with every point, the words, the bounds): a page asked again for the same records
# gets the same chart without drawing it, and a changed record makes another key. Nothing a
# person wrote can come back older than it is, whichever process draws.
KEPT_CHARTS = 64


def line_chart(
    lines: Sequence[Line],
    *,
    title: str,
    description: str,
    low: float,
    high: float,
    small: bool = False,
    band: tuple[float, float] | None = None,
    tick_text: dict[float, str] | None = None,
) -> str:
    """An accessible SVG line chart of dated values between ``low`` and ``high``."""
    ticks = tuple((tick_text or {}).items())
    return _line_chart(tuple(lines), title, description, low, high, small, band, ticks)


@lru_cache(maxsize=KEPT_CHARTS)
def _line_chart(
    lines: tuple[Line, ...],
    title: str,
    description: str,
    low: float,
    high: float,
    small: bool,
    band: tuple[float, float] | None,
    ticks: tuple[tuple[float, str], ...],
) -> str:
    tick_text = dict(ticks)
    width, height = SMALL if small else (WIDTH, HEIGHT)
    pad_left = PAD_LEFT + (26 if tick_text else 0)  # room for words such as "above"
    days = sorted({d for line in lines for d, _ in line.points})
    uid = (
        "c" + hashlib.sha1(f"{title}|{description}|{width}|{list(lines)}".encode()).hexdigest()[:10]
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{uid}-t {uid}-d" class="chart-svg{" chart-small" if small else ""}">',
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(description)}</desc>',
    ]
    if not days:
        parts.append(
            f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" class="chart-label">No data yet</text></svg>'
        )
        return "".join(parts)
    first, last = days[0], days[-1]
    span = max(1, (last - first).days)
    inner_w = width - pad_left - PAD_RIGHT
    inner_h = height - PAD_TOP - PAD_BOTTOM

    def x(day: date) -> float:
        return x_of((day - first).days, span, pad_left, inner_w, last != first)

    def y(value: float) -> float:
        clamped = min(high, max(low, value))
        return PAD_TOP + inner_h * (1 - (clamped - low) / (high - low or 1))

    if band is not None:
        top, bottom = y(band[1]), y(band[0])
        parts.append(
            f'<rect x="{pad_left}" y="{top:.1f}" width="{inner_w}" height="{bottom - top:.1f}" class="chart-band"/>'
        )
    for tick in _ticks(low, high):
        parts.append(
            f'<line x1="{pad_left}" x2="{width - PAD_RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" class="chart-grid"/>'
        )
        parts.append(
            f'<text x="{pad_left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" class="chart-label">'
            f"{escape((tick_text or {}).get(tick, f'{tick:g}'))}</text>"
        )
    parts += _date_axis(first, (last - first).days, x, height, 1 if small else DATE_LABELS)
    # Each day's x and each value's y are worked out and written once per chart, not once per
    # point: a year of pain readings is hundreds of points over far fewer distinct values.
    first_day = first.toordinal()
    x_text = {
        d: f"{x_of(d.toordinal() - first_day, span, pad_left, inner_w, last != first):.1f}"
        for d in days
    }
    y_text: dict[float, str] = {}
    for line in lines:
        for _, v in line.points:
            if v not in y_text:
                y_text[v] = f"{y(v):.1f}"
    for line in lines:
        points = [(x_text[d], y_text[v]) for d, v in line.points]
        if len(points) > 1:
            coords = " ".join([f"{px},{py}" for px, py in points])
            parts.append(f'<polyline points="{coords}" class="chart-line {line.css}" fill="none"/>')
        if len(points) > MAX_DOTS:
            continue  # a long series reads better as a line alone
        for px, py in points:
            parts.append(f'<circle cx="{px}" cy="{py}" r="3.5" class="chart-dot {line.css}"/>')
    parts.append("</svg>")
    return "".join(parts)


def x_of(days_in: int, span: int, pad_left: int, inner_w: int, spread: bool) -> float:
    """The x of a day ``days_in`` days after the first one (the middle when all share a day)."""
    return pad_left + inner_w * (days_in / span if spread else 0.5)


def _date_axis(first: date, span: int, x, height: int, count: int) -> list[str]:  # type: ignore[no-untyped-def]
    """Dates spread along the bottom: the first, the last and evenly spaced ones between."""
    steps = max(1, min(count, span))
    days = sorted({first + timedelta(days=round(span * i / steps)) for i in range(steps + 1)})
    if span == 0:
        days = [first]
    labels = []
    for i, day in enumerate(days):
        anchor = (
            "middle"
            if span == 0
            else "start"
            if i == 0
            else "end"
            if i == len(days) - 1
            else "middle"
        )
        labels.append(
            f'<text x="{x(day):.1f}" y="{height - 8}" text-anchor="{anchor}" class="chart-label">{day.strftime("%d %b")}</text>'
        )
    return labels


def bar_chart(weeks: Sequence[tuple[date, int, int]], *, title: str, description: str) -> str:
    """Planned and done sessions per week: a pale bar for planned, a solid one for done."""
    return _bar_chart(tuple(weeks), title, description)


@lru_cache(maxsize=KEPT_CHARTS)
def _bar_chart(weeks: tuple[tuple[date, int, int], ...], title: str, description: str) -> str:
    width, height = WIDTH, HEIGHT
    uid = "b" + hashlib.sha1(f"{title}|{description}|{list(weeks)}".encode()).hexdigest()[:10]
    top = max([1] + [planned for _, planned, _ in weeks] + [done for _, _, done in weeks])
    inner_w, inner_h = width - PAD_LEFT - PAD_RIGHT, height - PAD_TOP - PAD_BOTTOM
    slot = inner_w / max(1, len(weeks))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{uid}-t {uid}-d" class="chart-svg">',
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(description)}</desc>',
    ]
    for tick in sorted({0, round(top / 2), top}):
        ty = PAD_TOP + inner_h * (1 - tick / top)
        parts.append(
            f'<line x1="{PAD_LEFT}" x2="{width - PAD_RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}" class="chart-grid"/>'
        )
        parts.append(
            f'<text x="{PAD_LEFT - 6}" y="{ty + 4:.1f}" text-anchor="end" class="chart-label">{tick}</text>'
        )
    every = max(1, round(len(weeks) / DATE_LABELS))
    for i, (monday, planned, done) in enumerate(weeks):
        left = PAD_LEFT + i * slot + slot * 0.15
        bar_w = slot * 0.7
        for value, css in ((planned, "bar-planned"), (done, "bar-done")):
            bar_h = inner_h * value / top
            parts.append(
                f'<rect x="{left:.1f}" y="{PAD_TOP + inner_h - bar_h:.1f}" width="{bar_w:.1f}" height="{bar_h:.1f}" rx="3" class="{css}"/>'
            )
        if i % every == 0 or i == len(weeks) - 1:
            parts.append(
                f'<text x="{left + bar_w / 2:.1f}" y="{height - 8}" text-anchor="middle" class="chart-label">{monday.strftime("%d %b")}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _ticks(low: float, high: float) -> list[float]:
    step = (high - low) / 2
    return [low, low + step, high]


def pain_chart(trend: PainTrend, *, small: bool = False) -> str:
    """Pain (0-10) over time, with the trend's own sentence as the description."""
    points = tuple((p.day, p.value) for p in trend.points)
    return line_chart(
        [Line("Pain", points, "series-pain")],
        title="Pain over time (0 none, 10 worst)",
        description=trend.sentence,
        low=0,
        high=10,
        small=small,
    )
