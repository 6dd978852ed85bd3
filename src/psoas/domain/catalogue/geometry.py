"""Plane geometry on a drawn figure: body segments, distances, crossings and overlaps.

Pure helpers the illustration tests (and later camera checks) use to ask whether a hand really
holds a shin, a limb passes through a prop or two segments of one limb cross.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from psoas.domain.catalogue.figure import SIDES, Point

Segment = tuple[Point, Point]
Box = tuple[float, float, float, float]  # min x, min y, max x, max y

LIMB_SEGMENTS = {
    "thigh": ("hip", "knee"),
    "shin": ("knee", "ankle"),
    "foot": ("heel", "toes"),
    "upper_arm": ("shoulder", "elbow"),
    "forearm": ("elbow", "hand"),
}


def body_segments(points: Mapping[str, Point]) -> dict[str, Segment]:
    """Every drawn segment by name: ``trunk`` and ``left_thigh``, ``right_forearm`` ..."""
    segments = {"trunk": (points["pelvis"], points["neck"])}
    for side in SIDES:
        for name, (a, b) in LIMB_SEGMENTS.items():
            segments[f"{side}_{name}"] = (points[f"{side}_{a}"], points[f"{side}_{b}"])
    return segments


def point_segment_distance(p: Point, segment: Segment) -> float:
    (ax, ay), (bx, by) = segment
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else ((p[0] - ax) * dx + (p[1] - ay) * dy) / length2
    t = min(max(t, 0.0), 1.0)
    return math.dist(p, (ax + t * dx, ay + t * dy))


def _orientation(a: Point, b: Point, c: Point) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def segments_cross(s: Segment, t: Segment) -> bool:
    """True when the two segments cross at a point inside both (touching ends do not count)."""
    a, b = s
    c, d = t
    d1, d2 = _orientation(c, d, a), _orientation(c, d, b)
    d3, d4 = _orientation(a, b, c), _orientation(a, b, d)
    return d1 * d2 < 0 and d3 * d4 < 0


def point_box_distance(p: Point, box: Box) -> float:
    """0 inside the box, else the distance to its nearest edge."""
    dx = max(box[0] - p[0], 0.0, p[0] - box[2])
    dy = max(box[1] - p[1], 0.0, p[1] - box[3])
    return math.hypot(dx, dy)


def segment_enters_box(segment: Segment, box: Box, inset: float) -> bool:
    """True when the segment passes through ``box`` shrunk by ``inset`` on every side."""
    x0, y0, x1, y1 = box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset
    if x0 >= x1 or y0 >= y1:
        return False
    (ax, ay), (bx, by) = segment
    low, high = 0.0, 1.0
    for start, delta, lo, hi in ((ax, bx - ax, x0, x1), (ay, by - ay, y0, y1)):
        if delta == 0:
            if not lo < start < hi:
                return False
            continue
        t0, t1 = (lo - start) / delta, (hi - start) / delta
        low, high = max(low, min(t0, t1)), min(high, max(t0, t1))
    return low < high
