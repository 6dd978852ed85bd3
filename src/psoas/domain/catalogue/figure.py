"""Forward kinematics of the side-view stick figure that illustrates a key pose.

A ``Pose`` holds joint angles (conventions in docs/catalogue-format.md). This module turns them
into 2D joint coordinates, rests the figure on its support (floor, bench, step or chair), measures
angles back from coordinates (the illustration tests use it) and blends two poses for animation.
Units: standing height = 1. ``x`` grows toward the direction the figure faces, ``y`` grows up and
the floor is ``y = 0``. A segment's heading ``phi`` is measured from straight up, positive toward
the facing direction (clockwise in these axes), so heading 90 points ahead and 180 points down.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from psoas.domain.catalogue.exercises import LimbAngles, Pose

Point = tuple[float, float]
SIDES = ("left", "right")

# Segment lengths as fractions of standing height, rounded from the usual anthropometric tables
# (Drillis and Contini; Winter, Biomechanics of Human Movement).
TRUNK = 0.29  # hip joint to the shoulder line
NECK = 0.055  # shoulder line to the base of the head
HEAD_RADIUS = 0.06
THIGH = 0.245
SHIN = 0.246
ANKLE_HEIGHT = 0.039  # ankle joint to the sole
HEEL_BACK = 0.035  # heel behind the point of the sole under the ankle
FOOT_FRONT = 0.115  # toes ahead of that point
UPPER_ARM = 0.186
FOREARM = 0.19  # elbow to the middle of the hand
UPPER_BACK_AT = 0.85  # where on the trunk line the upper back touches a support

# Half thickness of the parts that can rest on a support: the contact point is the bottom of
# that part (its joint point minus this radius), so a lying trunk has the depth of a real body.
PART_RADIUS = {
    "head": HEAD_RADIUS,
    "upper_back": 0.06,
    "pelvis": 0.06,
    "hand": 0.015,
    "elbow": 0.02,
    "knee": 0.025,
    "heel": 0.0,
    "toes": 0.0,
}

# Height of the top of each support, and the shortest length drawn for it.
SUPPORT_TOP = {"floor": 0.0, "bench": 0.40, "step": 0.12, "chair": 0.225}
SUPPORT_MIN_WIDTH = {"bench": 0.6, "step": 0.3, "chair": 0.28}
SUPPORT_PAD = 0.04

ANGLE_KEYS = (
    "trunk",
    "neck",
    *(
        f"{side}.{joint}"
        for side in SIDES
        for joint in ("hip", "knee", "ankle", "shoulder", "elbow")
    ),
)


@dataclass(frozen=True, slots=True)
class Surface:
    """The top of the support: ``kind`` at height ``top`` between ``left`` and ``right``."""

    kind: str
    top: float
    left: float = -math.inf
    right: float = math.inf

    @property
    def raised(self) -> bool:
        return self.kind != "floor"


@dataclass(frozen=True, slots=True)
class Figure:
    """A pose drawn: joint coordinates resting on their support."""

    pose: Pose
    points: Mapping[str, Point]
    surface: Surface

    def contact_points(self) -> dict[str, list[Point]]:
        """The bottom point(s) of every declared contact part (a foot gives heel and toes)."""
        return {name: surface_points(self.points, name) for name in self.pose.contact}

    def bounds(self) -> tuple[float, float, float, float]:
        """(min x, min y, max x, max y) of the body, head circle included."""
        xs = [p[0] for p in self.points.values()]
        ys = [p[1] for p in self.points.values()]
        hx, hy = self.points["head"]
        return (
            min(*xs, hx - HEAD_RADIUS),
            min(*ys, hy - HEAD_RADIUS),
            max(*xs, hx + HEAD_RADIUS),
            max(*ys, hy + HEAD_RADIUS),
        )


def heading(phi: float) -> Point:
    rad = math.radians(phi)
    return (math.sin(rad), math.cos(rad))


def _step(start: Point, phi: float, length: float) -> Point:
    dx, dy = heading(phi)
    return (start[0] + dx * length, start[1] + dy * length)


def heading_of(start: Point, end: Point) -> float:
    """The heading of the segment from ``start`` to ``end``."""
    return math.degrees(math.atan2(end[0] - start[0], end[1] - start[1]))


def wrap(angle: float) -> float:
    """The same angle in (-180, 180]."""
    folded = math.fmod(angle, 360.0)
    if folded <= -180.0:
        folded += 360.0
    elif folded > 180.0:
        folded -= 360.0
    return folded


def skeleton(pose: Pose) -> dict[str, Point]:
    """Joint coordinates of ``pose`` with the pelvis (hip joints) at the origin."""
    pelvis = (0.0, 0.0)
    neck = _step(pelvis, pose.trunk, TRUNK)
    points = {
        "pelvis": pelvis,
        "upper_back": _step(pelvis, pose.trunk, TRUNK * UPPER_BACK_AT),
        "neck": neck,
        "head": _step(neck, pose.trunk + pose.neck, NECK + HEAD_RADIUS),
    }
    for side in SIDES:
        limb: LimbAngles = getattr(pose, side)
        points.update(_leg(side, limb, pose.trunk, pelvis))
        points.update(_arm(side, limb, pose.trunk, neck))
    return points


def _leg(side: str, limb: LimbAngles, trunk: float, pelvis: Point) -> dict[str, Point]:
    thigh = trunk + 180.0 - limb.hip
    knee = _step(pelvis, thigh, THIGH)
    shin = thigh + limb.knee
    ankle = _step(knee, shin, SHIN)
    foot = shin - 90.0 - limb.ankle
    sole = _step(ankle, foot + 90.0, ANKLE_HEIGHT)  # the foot turns as one piece about the ankle
    return {
        f"{side}_hip": pelvis,
        f"{side}_knee": knee,
        f"{side}_ankle": ankle,
        f"{side}_heel": _step(sole, foot, -HEEL_BACK),
        f"{side}_toes": _step(sole, foot, FOOT_FRONT),
    }


def _arm(side: str, limb: LimbAngles, trunk: float, neck: Point) -> dict[str, Point]:
    upper = trunk + 180.0 - limb.shoulder
    elbow = _step(neck, upper, UPPER_ARM)
    return {
        f"{side}_shoulder": neck,
        f"{side}_elbow": elbow,
        f"{side}_hand": _step(elbow, upper - limb.elbow, FOREARM),
    }


def surface_points(points: Mapping[str, Point], contact: str) -> list[Point]:
    """Where the part named ``contact`` touches a support below it."""
    side, _, part = contact.partition("_")
    if side in SIDES and part == "foot":
        return [points[f"{side}_heel"], points[f"{side}_toes"]]
    key = part if side in SIDES else contact
    x, y = points[contact]
    return [(x, y - PART_RADIUS[key])]


def place(pose: Pose, contact: Iterable[str] | None = None) -> Figure:
    """Rest ``pose`` on its support.

    The lowest point of the ``contact`` parts (default: the pose's own) rests on the support top
    and their mean x is put at x = 0, so frames of one exercise share an anchor. With no contact
    at all, the lowest body point rests on the support. The drawn extent of a raised support
    runs under the pose's own contact points.
    """
    raw = skeleton(pose)
    names = tuple(pose.contact if contact is None else contact)
    anchors = [p for name in names for p in surface_points(raw, name)]
    if not anchors:
        hx, hy = raw["head"]
        anchors = [min([*raw.values(), (hx, hy - HEAD_RADIUS)], key=lambda p: p[1])]
    top = SUPPORT_TOP.get(pose.support, 0.0)
    dx = -sum(p[0] for p in anchors) / len(anchors)
    dy = top - min(p[1] for p in anchors)
    points = {name: (x + dx, y + dy) for name, (x, y) in raw.items()}
    return Figure(pose, points, _surface(pose, points, top))


def clear_of_floor(fig: Figure) -> Figure:
    """``fig`` lifted just enough that no part sinks below the floor.

    Blended in-between poses can swing a straight leg through the floor; key poses are
    checked by the catalogue tests instead.
    """
    lowest = fig.bounds()[1]
    if lowest >= 0.0:
        return fig
    points = {name: (x, y - lowest) for name, (x, y) in fig.points.items()}
    return Figure(fig.pose, points, fig.surface)


def _surface(pose: Pose, points: Mapping[str, Point], top: float) -> Surface:
    if pose.support not in SUPPORT_MIN_WIDTH:
        return Surface("floor", 0.0)
    xs = [p[0] for name in pose.contact for p in surface_points(points, name)]
    if not xs:
        xs = [points["pelvis"][0]]
    left, right = min(xs) - SUPPORT_PAD, max(xs) + SUPPORT_PAD
    width = SUPPORT_MIN_WIDTH[pose.support]
    if right - left < width:
        body_x = sum(p[0] for p in points.values()) / len(points)
        if body_x > (left + right) / 2:  # grow away from the body, leaving its edge free
            left = right - width
        else:
            right = left + width
    return Surface(pose.support, top, left, right)


def pose_angles(pose: Pose) -> dict[str, float]:
    """The declared angles of ``pose`` under the keys of ``ANGLE_KEYS``."""
    angles = {"trunk": pose.trunk, "neck": pose.neck}
    for side in SIDES:
        limb: LimbAngles = getattr(pose, side)
        for joint in ("hip", "knee", "ankle", "shoulder", "elbow"):
            angles[f"{side}.{joint}"] = getattr(limb, joint)
    return angles


def measure_angles(points: Mapping[str, Point]) -> dict[str, float]:
    """Measure the pose angles back from drawn coordinates (inverse of ``skeleton``)."""
    trunk = heading_of(points["pelvis"], points["neck"])
    angles = {
        "trunk": wrap(trunk),
        "neck": wrap(heading_of(points["neck"], points["head"]) - trunk),
    }
    for side in SIDES:
        thigh = heading_of(points[f"{side}_hip"], points[f"{side}_knee"])
        shin = heading_of(points[f"{side}_knee"], points[f"{side}_ankle"])
        foot = heading_of(points[f"{side}_heel"], points[f"{side}_toes"])
        upper = heading_of(points[f"{side}_shoulder"], points[f"{side}_elbow"])
        fore = heading_of(points[f"{side}_elbow"], points[f"{side}_hand"])
        angles[f"{side}.hip"] = wrap(trunk + 180.0 - thigh)
        angles[f"{side}.knee"] = wrap(shin - thigh)
        angles[f"{side}.ankle"] = wrap(shin - 90.0 - foot)
        angles[f"{side}.shoulder"] = wrap(trunk + 180.0 - upper)
        angles[f"{side}.elbow"] = wrap(upper - fore)
    return angles


def angle_errors(pose: Pose, points: Mapping[str, Point]) -> dict[str, float]:
    """Absolute difference, in degrees, between declared and measured angles."""
    measured = measure_angles(points)
    return {key: abs(wrap(measured[key] - value)) for key, value in pose_angles(pose).items()}


def interpolate(start: Pose, end: Pose, t: float) -> Pose:
    """The pose a fraction ``t`` (0..1) of the way from ``start`` to ``end``.

    Angles blend linearly, so each limb swings along an arc. Contact keeps only the parts
    resting in both poses; name, support and props switch at the half-way point.
    """

    def mix(a: float, b: float) -> float:
        return a + (b - a) * t

    def limb(a: LimbAngles, b: LimbAngles) -> LimbAngles:
        return LimbAngles(
            hip=mix(a.hip, b.hip),
            knee=mix(a.knee, b.knee),
            ankle=mix(a.ankle, b.ankle),
            shoulder=mix(a.shoulder, b.shoulder),
            elbow=mix(a.elbow, b.elbow),
        )

    nearer = start if t < 0.5 else end
    return Pose(
        name=nearer.name,
        trunk=mix(start.trunk, end.trunk),
        neck=mix(start.neck, end.neck),
        left=limb(start.left, end.left),
        right=limb(start.right, end.right),
        contact=tuple(c for c in start.contact if c in end.contact),
        support=nearer.support,
        props=nearer.props,
        holds=nearer.holds,
    )
