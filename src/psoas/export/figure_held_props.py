"""Props that sit beside the figure or on it: a wall or chair at its side, a block between the
knees, a weight strapped to an ankle.

The figure is drawn side-on, so a wall or chair the person stands side-on to lies in the plane
behind the body: it is drawn pale and behind the figure, and a swinging or lifted leg passes in
front of it instead of into it. Works in figure units like ``figure_props``.
"""

from __future__ import annotations

import math

from psoas.domain.catalogue.figure import Figure, Point
from psoas.export.figure_svg import Drawn, line, rect, svg_point

BESIDE_OPACITY = "0.55"
BLOCK_FILL, BLOCK_EDGE = "#9f86c0", "#76609a"
WEIGHT_FILL, WEIGHT_EDGE = "#4a4a4a", "#222222"
CHAIR_SEAT = 0.225
CHAIR_DEPTH = 0.26


def held_hand(fig: Figure, target: str) -> Point:
    """The hand the pose says holds ``target``, else the far (left) hand."""
    side = next((hand for hand, what in fig.pose.holds if what == target), "left_hand")
    return fig.points[side]


def _beside(markup: str) -> str:
    return f'<g opacity="{BESIDE_OPACITY}">{markup}</g>'


def wall_beside(fig: Figure) -> Drawn:
    """The wall the person stands side-on to: a panel behind the whole figure."""
    xs = [p[0] for p in fig.points.values()]
    top = max(p[1] for p in fig.points.values()) + 0.08
    box = (min(xs) - 0.12, 0.0, max(xs) + 0.12, top)
    return _beside(rect(*box, "#d5d5d5", "#aaaaaa")), box


def chair_beside(fig: Figure) -> Drawn:
    """A chair at the person's side, its back top under the holding hand, seat behind them."""
    hx, hy = held_hand(fig, "chair_beside")
    back_top = hy - 0.015
    seat_back, seat_front = hx, hx - CHAIR_DEPTH
    parts = [
        rect(seat_front, CHAIR_SEAT - 0.035, seat_back, CHAIR_SEAT, "#b99d78", "#8a7152"),
        line((seat_back, 0.0), (seat_back, back_top), "#8a7152", 6),
        line((seat_front + 0.02, CHAIR_SEAT - 0.035), (seat_front + 0.02, 0.0), "#8a7152", 5),
    ]
    box = (seat_front, 0.0, seat_back + 0.015, back_top)
    return _beside("".join(parts)), box


def _oriented_box(centre: Point, along: Point, length: float, width: float) -> list[Point]:
    ux, uy = along
    vx, vy = -uy, ux
    hl, hw = length / 2, width / 2
    return [
        (centre[0] + sx * ux * hl + sy * vx * hw, centre[1] + sx * uy * hl + sy * vy * hw)
        for sx, sy in ((1, 1), (1, -1), (-1, -1), (-1, 1))
    ]


def _polygon(corners: list[Point], fill: str, edge: str) -> Drawn:
    points = " ".join(",".join(svg_point(c)) for c in corners)
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    markup = (
        f'<polygon points="{points}" fill="{fill}" stroke="{edge}" stroke-width="1.5" '
        'stroke-linejoin="round"/>'
    )
    return markup, (min(xs), min(ys), max(xs), max(ys))


def _unit(a: Point, b: Point) -> Point:
    length = math.dist(a, b) or 1.0
    return ((b[0] - a[0]) / length, (b[1] - a[1]) / length)


def knee_block(fig: Figure) -> Drawn:
    """A yoga block held between the knees, just on the thigh side of the knee joints."""
    hip = fig.points["right_hip"]
    knees = [fig.points[f"{side}_knee"] for side in ("left", "right")]
    knee = (sum(k[0] for k in knees) / 2, sum(k[1] for k in knees) / 2)
    along = _unit(hip, knee)
    centre = (knee[0] - along[0] * 0.06, knee[1] - along[1] * 0.06)
    return _polygon(_oriented_box(centre, along, 0.09, 0.08), BLOCK_FILL, BLOCK_EDGE)


def worn_ankle_weight(fig: Figure) -> Drawn:
    """A cuff weight strapped round the near (right) ankle, just above the joint."""
    knee, ankle = fig.points["right_knee"], fig.points["right_ankle"]
    along = _unit(knee, ankle)
    centre = (ankle[0] - along[0] * 0.03, ankle[1] - along[1] * 0.03)
    markup, box = _polygon(_oriented_box(centre, along, 0.05, 0.055), WEIGHT_FILL, WEIGHT_EDGE)
    return markup, box
