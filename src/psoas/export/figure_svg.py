"""SVG primitives for the figure drawings, in figure units (standing height = 1, y up)."""

from __future__ import annotations

from psoas.domain.catalogue.figure import Point

SCALE = 200.0  # SVG user units per standing height
Box = tuple[float, float, float, float]  # min x, min y, max x, max y in figure units
Drawn = tuple[str, Box]


def num(value: float) -> str:
    """A coordinate with one decimal, never '-0.0', so output is stable."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def svg_point(p: Point) -> tuple[str, str]:
    return num(p[0] * SCALE), num(-p[1] * SCALE)


def rect(x0: float, y0: float, x1: float, y1: float, fill: str, stroke: str = "none") -> str:
    """A rectangle between two corners given in figure units."""
    left, top = svg_point((min(x0, x1), max(y0, y1)))
    width, height = num(abs(x1 - x0) * SCALE), num(abs(y1 - y0) * SCALE)
    return (
        f'<rect x="{left}" y="{top}" width="{width}" height="{height}" rx="2" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>'
    )


def circle(centre: Point, radius: float, fill: str) -> str:
    cx, cy = svg_point(centre)
    return (
        f'<circle cx="{cx}" cy="{cy}" r="{num(radius * SCALE)}" fill="{fill}" '
        'stroke="#00000033" stroke-width="1.5"/>'
    )


def line(a: Point, b: Point, colour: str, width: float) -> str:
    (x1, y1), (x2, y2) = svg_point(a), svg_point(b)
    return (
        f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{colour}" '
        f'stroke-width="{num(width)}" stroke-linecap="round"/>'
    )
