"""Simple drawings of the props an exercise uses (mat, bench, ball ...), placed by the figure.

Everything here works in figure units (standing height = 1, y up, floor at 0); ``svg_point``
turns them into SVG user units. Each prop returns its SVG markup and the box it covers, so the
view box can include it.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from psoas.domain.figure import PART_RADIUS, SUPPORT_MIN_WIDTH, SUPPORT_TOP, Figure, Point

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


def _furniture(
    kind: str, left: float, right: float, top: float, back: float | None, back_top: float = 0.0
) -> Drawn:
    """A step (box), or a bench/chair top on two legs; a chair back stands at x = ``back``."""
    if kind == "step":
        box = (left, 0.0, right, top)
        return _rect(*box, WOOD, WOOD_EDGE), box
    parts = [_rect(left, top - 0.04, right, top, WOOD, WOOD_EDGE)]
    for x in (left + 0.03, right - 0.03):
        parts.append(_line((x, top - 0.04), (x, 0.0), WOOD_EDGE, 5))
    box = (left, 0.0, right, top)
    if kind == "chair" and back is not None:
        back_top = max(back_top, top + 0.3)
        parts.append(_line((back, top), (back, back_top), WOOD_EDGE, 6))
        box = (left, 0.0, right, back_top)
    return "".join(parts), box


def raised_support(fig: Figure) -> Drawn:
    """The bench, step or chair the pose rests on, or one just in front when it rests on the
    floor (a chair then turns its back to the figure, to hold on to)."""
    s = fig.surface
    lo, hi = _body_x(fig)
    if s.raised:
        back = s.left if (lo + hi) / 2 > (s.left + s.right) / 2 else s.right
        return _furniture(s.kind, s.left, s.right, s.top, back)
    kind = next(k for k in fig.pose.props if k in SUPPORT_TOP and k != "floor")
    hand = max((fig.points[f"{side}_hand"] for side in ("left", "right")), key=lambda p: p[0])
    reaching = kind == "chair" and hand[0] >= hi - 0.02
    left = hand[0] + 0.01 if reaching else hi + 0.03
    back_top = min(hand[1] - 0.015, 0.62) if reaching else 0.0
    width = SUPPORT_MIN_WIDTH[kind]
    return _furniture(kind, left, left + width, SUPPORT_TOP[kind], left, back_top)


def wall(fig: Figure) -> Drawn:
    """A wall at the hand reaching furthest forward (held for balance), else just behind."""
    lo = _body_x(fig)[0]
    hand = max((fig.points[f"{side}_hand"] for side in ("left", "right")), key=lambda p: p[0])
    if hand[0] > fig.points["neck"][0] + 0.15:
        x0, x1 = hand[0] + 0.015, hand[0] + 0.065
    else:
        x0, x1 = lo - 0.06, lo - 0.01
    top = max(p[1] for p in fig.points.values()) + 0.1
    box = (x0, 0.0, x1, top)
    return _rect(*box, PROP_FILL["wall"], "#aaaaaa"), box


def sofa(fig: Figure) -> Drawn:
    """A sofa behind the figure, its front against the rearmost shin or body part; the seat
    meets the back foot when that foot is raised onto it."""
    feet = ("toes", "heel")
    lo = min(p[0] for name, p in fig.points.items() if not name.endswith(feet)) - 0.018
    side = min(("left", "right"), key=lambda s: fig.points[f"{s}_ankle"][0])
    foot = min(fig.points[f"{side}_{part}"][1] for part in ("ankle", *feet))
    seat = min(max(foot - 0.02, 0.2), 0.32) if foot > 0.15 else 0.26
    back = seat + 0.24
    parts = [
        _rect(lo - 0.5, 0.0, lo, seat, PROP_FILL["sofa"], "#8f6f5e"),
        _rect(lo - 0.5, seat, lo - 0.38, back, PROP_FILL["sofa"], "#8f6f5e"),
    ]
    return "".join(parts), (lo - 0.5, 0.0, lo, back)


def _under_body(fig: Figure) -> tuple[Point, float]:
    """The lowest of belly (just above the hips), upper back and thighs that is not itself
    resting on the floor, with the half thickness of that part."""
    pelvis, neck = fig.points["pelvis"], fig.points["neck"]
    belly = (pelvis[0] + (neck[0] - pelvis[0]) * 0.2, pelvis[1] + (neck[1] - pelvis[1]) * 0.2)
    candidates = {"pelvis": (belly, 0.06), "upper_back": (fig.points["upper_back"], 0.06)}
    for side in ("left", "right"):
        hip, knee = fig.points[f"{side}_hip"], fig.points[f"{side}_knee"]
        middle = ((hip[0] + knee[0]) / 2, (hip[1] + knee[1]) / 2)
        candidates[f"{side}_thigh"] = (middle, 0.035)
    free = {n: c for n, c in candidates.items() if n not in fig.pose.contact} or candidates
    return min(free.values(), key=lambda c: c[0][1] - c[1])


def ball(fig: Figure, kind: str = "ball") -> Drawn:
    """A ball (or roller) filling the gap under the body part it presses into."""
    (x, y), half = _under_body(fig)
    radius = min(max((y - half) / 2, 0.025), 0.06)
    box = (x - radius, 0.0, x + radius, 2 * radius)
    return _circle((x, radius), radius, PROP_FILL[kind]), box


def roller(fig: Figure) -> Drawn:
    return ball(fig, "roller")


def band(fig: Figure) -> Drawn:
    """A band between the ankles when they are apart, else a loop round the thighs."""
    a, b = fig.points["right_ankle"], fig.points["left_ankle"]
    if math.dist(a, b) > 0.08:
        box = (min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))
        return _line(a, b, PROP_FILL["band"], 3), box
    hip, knee = fig.points["right_hip"], fig.points["right_knee"]
    centre = (hip[0] + (knee[0] - hip[0]) * 0.8, hip[1] + (knee[1] - hip[1]) * 0.8)
    cx, cy = svg_point(centre)
    loop = (
        f'<circle cx="{cx}" cy="{cy}" r="{num(0.028 * SCALE)}" fill="none" '
        f'stroke="{PROP_FILL["band"]}" stroke-width="3"/>'
    )
    box = (centre[0] - 0.03, centre[1] - 0.03, centre[0] + 0.03, centre[1] + 0.03)
    return loop, box


def cushion(fig: Figure) -> Drawn:
    """A pad under the kneeling knee(s), or under the pelvis when nothing kneels."""
    spots = [fig.points[c] for c in fig.pose.contact if c.endswith("knee")]
    spots = spots or [fig.points["pelvis"]]
    lo, hi = min(p[0] for p in spots) - 0.07, max(p[0] for p in spots) + 0.07
    box = (lo, 0.0, hi, 0.022)
    return _rect(*box, PROP_FILL["cushion"]), box


def block(fig: Figure) -> Drawn:
    """A yoga block under the hands when they are low, else under the pelvis."""
    hands = [fig.points[f"{side}_hand"] for side in ("right", "left")]
    low = [p for p in hands if p[1] - PART_RADIUS["hand"] < 0.3]
    if low:
        x, y = min(low, key=lambda p: p[1])
        base = y - PART_RADIUS["hand"]
    else:
        x, y = fig.points["pelvis"]
        base = y - PART_RADIUS["pelvis"]
    top = max(min(base, 0.16), 0.03)
    box = (x - 0.05, 0.0, x + 0.05, top)
    return _rect(*box, PROP_FILL["block"], "#76609a"), box


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
            if seen_support:
                continue
            seen_support = True
        markup, box = drawer(fig)
        (behind if name in BEHIND else front).append(markup)
        boxes.append(box)
    return behind, front, boxes
