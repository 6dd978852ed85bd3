"""Simple drawings of the props an exercise uses (mat, bench, ball ...), placed by the figure.

Everything here works in figure units (standing height = 1, y up, floor at 0); ``svg_point``
turns them into SVG user units. Each prop returns its SVG markup and the box it covers, so the
view box can include it.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from psoas.domain.catalogue.figure import PART_RADIUS, SUPPORT_MIN_WIDTH, SUPPORT_TOP, Figure, Point
from psoas.export.figure_held_props import chair_beside, knee_block, wall_beside, worn_ankle_weight
from psoas.export.figure_svg import SCALE, Box, Drawn, num, svg_point
from psoas.export.figure_svg import circle as _circle
from psoas.export.figure_svg import line as _line
from psoas.export.figure_svg import rect as _rect

__all__ = [
    "PROP_DRAWERS",
    "SCALE",
    "Box",
    "draw_props",
    "num",
    "prop_boxes",
    "solid_boxes",
    "svg_point",
]

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


def _sofa_parts(fig: Figure) -> tuple[Box, Box]:
    """(seat, back) of the sofa behind the figure: its front against the rearmost shin or
    body part, the seat meeting the back foot when that foot is raised onto it."""
    feet = ("toes", "heel")
    lo = min(p[0] for name, p in fig.points.items() if not name.endswith(feet)) - 0.018
    side = min(("left", "right"), key=lambda s: fig.points[f"{s}_ankle"][0])
    foot = min(fig.points[f"{side}_{part}"][1] for part in ("ankle", *feet))
    seat = min(max(foot - 0.02, 0.2), 0.32) if foot > 0.15 else 0.26
    return (lo - 0.5, 0.0, lo, seat), (lo - 0.5, seat, lo - 0.38, seat + 0.24)


def sofa(fig: Figure) -> Drawn:
    """A sofa behind the figure (see ``_sofa_parts``)."""
    seat, back = _sofa_parts(fig)
    parts = [_rect(*seat, PROP_FILL["sofa"], "#8f6f5e"), _rect(*back, PROP_FILL["sofa"], "#8f6f5e")]
    return "".join(parts), (seat[0], 0.0, seat[2], back[3])


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
    "knee_block": knee_block,
    "ankle_weight": worn_ankle_weight,
    "wall_beside": wall_beside,
    "chair_beside": chair_beside,
}
BEHIND = (
    "wall_beside",
    "chair_beside",
    "wall",
    "sofa",
    "mat",
    "bench",
    "step",
    "chair",
    "block",
    "cushion",
    "knee_block",
)


def _prop_names(fig: Figure) -> list[str]:
    names = list(dict.fromkeys(fig.pose.props))
    if fig.surface.raised and fig.surface.kind not in names:
        names.append(fig.surface.kind)
    return names


def prop_boxes(fig: Figure) -> dict[str, Box]:
    """The box each prop of the pose covers, by prop name (for the illustration tests)."""
    return {name: PROP_DRAWERS[name](fig)[1] for name in _prop_names(fig)}


def solid_boxes(fig: Figure) -> dict[str, list[Box]]:
    """The solid blocks of each prop (a sofa is a seat and a back, not the space above the
    seat), so the tests can check that no limb passes through one."""
    boxes = {name: [box] for name, box in prop_boxes(fig).items()}
    if "sofa" in boxes:
        boxes["sofa"] = list(_sofa_parts(fig))
    return boxes


def draw_props(fig: Figure) -> tuple[list[str], list[str], list[Box]]:
    """(markup behind the figure, markup in front of it, boxes) for the pose's props.

    A raised support is drawn even when ``props`` forgets to list it.
    """
    names = _prop_names(fig)
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
