"""Simple drawings of the props an exercise uses (mat, bench, ball ...), placed by the figure.

Everything here works in figure units (standing height = 1, y up, floor at 0); ``svg_point``
turns them into SVG user units. Each prop returns its SVG markup and the box it covers, so the
view box can include it.
"""

from __future__ import annotations

from collections.abc import Callable

from psoas.domain.figure import PART_RADIUS, Figure, Point

SCALE = 200.0  # SVG user units per standing height
WOOD = "#b99d78"
WOOD_EDGE = "#8a7152"
PROP_FILL = {
    "mat": "#7fb894",
    "wall": "#d5d5d5",
    "ball": "#e08a3c",
    "roller": "#6f9fd0",
    "band": "#d0443e",
    "cushion": "#c8a6dc",
    "block": "#9f86c0",
    "sofa": "#c7a38f",
}
Box = tuple[float, float, float, float]  # min x, min y, max x, max y in figure units
Drawn = tuple[str, Box]


def num(value: float) -> str:
    """A coordinate with one decimal, never '-0.0', so output is stable."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def svg_point(p: Point) -> tuple[str, str]:
    return num(p[0] * SCALE), num(-p[1] * SCALE)


def _rect(x0: float, y0: float, x1: float, y1: float, fill: str, stroke: str = "none") -> str:
    """A rectangle between two corners given in figure units."""
    left, top = svg_point((min(x0, x1), max(y0, y1)))
    width, height = num(abs(x1 - x0) * SCALE), num(abs(y1 - y0) * SCALE)
    return (
        f'<rect x="{left}" y="{top}" width="{width}" height="{height}" rx="2" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>'
    )


def _circle(centre: Point, radius: float, fill: str) -> str:
    cx, cy = svg_point(centre)
    return (
        f'<circle cx="{cx}" cy="{cy}" r="{num(radius * SCALE)}" fill="{fill}" '
        'stroke="#00000033" stroke-width="1.5"/>'
    )


def _line(a: Point, b: Point, colour: str, width: float) -> str:
    (x1, y1), (x2, y2) = svg_point(a), svg_point(b)
    return (
        f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{colour}" '
        f'stroke-width="{num(width)}" stroke-linecap="round"/>'
    )


def _body_x(fig: Figure) -> tuple[float, float]:
    xs = [p[0] for p in fig.points.values()]
    return min(xs), max(xs)


def mat(fig: Figure) -> Drawn:
    lo, hi = _body_x(fig)
    box = (lo - 0.08, -0.004, hi + 0.08, 0.016)
    return _rect(*box, PROP_FILL["mat"]), box


def raised_support(fig: Figure) -> Drawn:
    """The bench, step or chair the pose rests on (drawn from its surface)."""
    s = fig.surface
    if not s.raised:
        return "", (0.0, 0.0, 0.0, 0.0)
    if s.kind == "step":
        box = (s.left, 0.0, s.right, s.top)
        return _rect(*box, WOOD, WOOD_EDGE), box
    parts = [_rect(s.left, s.top - 0.04, s.right, s.top, WOOD, WOOD_EDGE)]
    for x in (s.left + 0.03, s.right - 0.03):
        parts.append(_line((x, s.top - 0.04), (x, 0.0), WOOD_EDGE, 5))
    box = (s.left, 0.0, s.right, s.top)
    if s.kind == "chair":
        lo, hi = _body_x(fig)
        back_x = s.left if (lo + hi) / 2 > (s.left + s.right) / 2 else s.right
        parts.append(_line((back_x, s.top), (back_x, s.top + 0.3), WOOD_EDGE, 6))
        box = (s.left, 0.0, s.right, s.top + 0.3)
    return "".join(parts), box


def wall(fig: Figure) -> Drawn:
    """A wall behind the rearmost point, or in front of a hand reaching forward."""
    lo, hi = _body_x(fig)
    front = max(fig.points, key=lambda n: fig.points[n][0])
    rear = min(fig.points, key=lambda n: fig.points[n][0])
    in_front = front.endswith("hand") and not rear.endswith(("toes", "heel", "ankle"))
    x0, x1 = (hi + 0.01, hi + 0.06) if in_front else (lo - 0.06, lo - 0.01)
    top = max(p[1] for p in fig.points.values()) + 0.1
    box = (x0, 0.0, x1, top)
    return _rect(*box, PROP_FILL["wall"], "#aaaaaa"), box


def sofa(fig: Figure) -> Drawn:
    """A sofa behind the figure, its front against the rearmost shin or body part."""
    feet = ("toes", "heel")
    lo = min(p[0] for name, p in fig.points.items() if not name.endswith(feet)) - 0.03
    seat, back = 0.26, 0.5
    parts = [
        _rect(lo - 0.5, 0.0, lo, seat, PROP_FILL["sofa"], "#8f6f5e"),
        _rect(lo - 0.5, seat, lo - 0.38, back, PROP_FILL["sofa"], "#8f6f5e"),
    ]
    return "".join(parts), (lo - 0.5, 0.0, lo, back)


def _under_body(fig: Figure) -> Point:
    """The lowest part of the trunk or thighs that is not itself resting on the floor."""
    candidates = {"pelvis": fig.points["pelvis"], "upper_back": fig.points["upper_back"]}
    for side in ("left", "right"):
        hip, knee = fig.points[f"{side}_hip"], fig.points[f"{side}_knee"]
        candidates[f"{side}_thigh"] = ((hip[0] + knee[0]) / 2, (hip[1] + knee[1]) / 2)
    free = {n: p for n, p in candidates.items() if n not in fig.pose.contact} or candidates
    return min(free.values(), key=lambda p: p[1])


def ball(fig: Figure, radius: float = 0.035, kind: str = "ball") -> Drawn:
    x = _under_body(fig)[0]
    box = (x - radius, 0.0, x + radius, 2 * radius)
    return _circle((x, radius), radius, PROP_FILL[kind]), box


def roller(fig: Figure) -> Drawn:
    return ball(fig, 0.045, "roller")


def band(fig: Figure) -> Drawn:
    """A band looped round both ankles, or from the near ankle to an anchor behind."""
    a, b = fig.points["right_ankle"], fig.points["left_ankle"]
    if abs(a[0] - b[0]) + abs(a[1] - b[1]) > 0.08:
        box = (min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))
        return _line(a, b, PROP_FILL["band"], 3), box
    anchor = (_body_x(fig)[0] - 0.15, max(a[1], 0.05))
    post = _rect(anchor[0] - 0.02, 0.0, anchor[0], anchor[1] + 0.05, WOOD, WOOD_EDGE)
    box = (anchor[0] - 0.02, 0.0, a[0], anchor[1] + 0.05)
    return post + _line(anchor, a, PROP_FILL["band"], 3), box


def _pads(fig: Figure, parts: tuple[str, ...], fallback: str) -> list[Point]:
    spots = [fig.points[c] for c in fig.pose.contact if c.endswith(parts)]
    return spots or [fig.points[fallback]]


def cushion(fig: Figure) -> Drawn:
    """A pad under the kneeling knee(s), or under the pelvis when nothing kneels."""
    spots = _pads(fig, ("knee",), "pelvis")
    lo, hi = min(p[0] for p in spots) - 0.07, max(p[0] for p in spots) + 0.07
    box = (lo, 0.0, hi, 0.022)
    return _rect(*box, PROP_FILL["cushion"]), box


def block(fig: Figure) -> Drawn:
    """A yoga block under the hands, or under the pelvis when the hands are free."""
    spots = _pads(fig, ("hand",), "pelvis")
    parts, boxes = [], []
    for x, y in spots:
        base = y - PART_RADIUS["pelvis"] if spots == [fig.points["pelvis"]] else y
        top = max(min(base, 0.1), 0.03)
        parts.append(_rect(x - 0.05, 0.0, x + 0.05, top, PROP_FILL["block"], "#76609a"))
        boxes.append((x - 0.05, 0.0, x + 0.05, top))
    box = (
        min(b[0] for b in boxes),
        0.0,
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    return "".join(parts), box


PROP_DRAWERS: dict[str, Callable[[Figure], Drawn]] = {
    "mat": mat,
    "bench": raised_support,
    "step": raised_support,
    "chair": raised_support,
    "wall": wall,
    "sofa": sofa,
    "ball": ball,
    "roller": roller,
    "band": band,
    "cushion": cushion,
    "block": block,
}
BEHIND = ("wall", "sofa", "mat", "bench", "step", "chair", "block", "cushion")


def draw_props(fig: Figure) -> tuple[list[str], list[str], list[Box]]:
    """(markup behind the figure, markup in front of it, boxes) for the pose's props.

    A raised support is drawn even when ``props`` forgets to list it.
    """
    names = list(dict.fromkeys(fig.pose.props))
    if fig.surface.raised and fig.surface.kind not in names:
        names.append(fig.surface.kind)
    behind, front, boxes = [], [], []
    seen_support = False
    for name in names:
        drawer = PROP_DRAWERS[name]
        if drawer is raised_support:
            if seen_support or not fig.surface.raised:
                continue
            seen_support = True
        markup, box = drawer(fig)
        (behind if name in BEHIND else front).append(markup)
        boxes.append(box)
    return behind, front, boxes
