"""Server-rendered SVG line charts for the pages, with a title and a text description.

Drawing only: the numbers and the meaningful-change verdict come from the progress summary.
Colours come from the stylesheet (classes), so the charts follow light and dark mode and need
no inline style (the Content-Security-Policy forbids it).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from psoas.domain.progress import PainTrend

WIDTH, HEIGHT = 600, 220
SMALL = (300, 110)
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 36, 12, 12, 26
MAX_DOTS = 40


@dataclass(frozen=True)
class Line:
    label: str
    points: tuple[tuple[date, float], ...]
    css: str = "series-a"


def line_chart(
    lines: Sequence[Line],
    *,
    title: str,
    description: str,
    low: float,
    high: float,
    small: bool = False,
    band: tuple[float, float] | None = None,
) -> str:
    """An accessible SVG line chart of dated values between ``low`` and ``high``."""
    width, height = SMALL if small else (WIDTH, HEIGHT)
    days = sorted({d for line in lines for d, _ in line.points})
    uid = "c" + hashlib.sha1(f"{title}|{description}|{width}|{lines}".encode()).hexdigest()[:10]
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
    inner_w = width - PAD_LEFT - PAD_RIGHT
    inner_h = height - PAD_TOP - PAD_BOTTOM

    def x(day: date) -> float:
        return PAD_LEFT + inner_w * ((day - first).days / span if span else 0.5)

    def y(value: float) -> float:
        clamped = min(high, max(low, value))
        return PAD_TOP + inner_h * (1 - (clamped - low) / (high - low or 1))

    if band is not None:
        top, bottom = y(band[1]), y(band[0])
        parts.append(
            f'<rect x="{PAD_LEFT}" y="{top:.1f}" width="{inner_w}" height="{bottom - top:.1f}" class="chart-band"/>'
        )
    for tick in _ticks(low, high):
        parts.append(
            f'<line x1="{PAD_LEFT}" x2="{width - PAD_RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" class="chart-grid"/>'
        )
        parts.append(
            f'<text x="{PAD_LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" class="chart-label">{tick:g}</text>'
        )
    parts.append(
        f'<text x="{PAD_LEFT}" y="{height - 6}" class="chart-label">{first.strftime("%d %b")}</text>'
    )
    if last != first:
        parts.append(
            f'<text x="{width - PAD_RIGHT}" y="{height - 6}" text-anchor="end" class="chart-label">{last.strftime("%d %b")}</text>'
        )
    for line in lines:
        coords = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in line.points)
        if len(line.points) > 1:
            parts.append(f'<polyline points="{coords}" class="chart-line {line.css}" fill="none"/>')
        if len(line.points) > MAX_DOTS:
            continue  # a long series reads better as a line alone
        for d, v in line.points:
            parts.append(
                f'<circle cx="{x(d):.1f}" cy="{y(v):.1f}" r="3.5" class="chart-dot {line.css}"/>'
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
