"""Self-test angles from body points: the hanging thigh against the bench line, the knee bend,
and the tilt of the trunk, with an uncertainty and the thigh position they imply.

Conventions (the self-test's own, ``psoas.domain.screening.self_test``): the hip angle is 0
when the thigh is level with the bench, positive when the knee is above the bench line,
negative below. The knee angle is the bend of the knee (0 = straight). ``level_deg`` says how
a level line (the bench edge) runs in the photo, in degrees counter-clockwise from the photo's
horizontal: it corrects for a camera held at a tilt. Angles are read in the photo's plane,
which is why the photo must be side-on (pose.md section 7).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from psoas.domain.pose.landmarks import BodyPoints, Joint, Point, other_side
from psoas.domain.pose.refusals import PhotoRefused, Refusal
from psoas.domain.records.measurements import Side
from psoas.domain.screening.assessment import ThighPosition
from psoas.domain.screening.self_test import DEFAULT_ANGLE_TOLERANCE_DEG, fits_thigh

# pose.md section 3 and 7: with a lateral view, 2D pose gives sagittal hip and knee angles
# within about 4-6 degrees of motion capture at best; 5 is the middle of that range.
BASE_UNCERTAINTY_DEG = 5.0
# psoas's own assumption [unconfirmed]: a point may sit this share of the photo's longer side
# off the joint; a thigh that is short in the picture turns that into more degrees.
POINT_SLACK_SHARE = 0.01
# The estimator's visibility below which a point counts as not seen (MediaPipe's own default
# for drawing a point, pose.md section 6 counts "visible" the same way).
MIN_VISIBILITY = 0.5
# psoas's own photo-quality gate [unconfirmed; checked on the fixture frames]: side-on, the two
# shoulders (and the two hips) lie almost on top of each other; facing the camera, they lie
# about a trunk length apart.
SIDE_ON_MAX_SPREAD = 0.6
# The self-test question and rule self_test_knee_straightens: the hanging knee "stays bent to
# about 80 degrees or more" (Kendall, secondary).
KNEE_BENT_MIN_DEG = 80.0
LEG_JOINTS = (Joint.HIP, Joint.KNEE, Joint.ANKLE)


@dataclass(frozen=True, slots=True)
class PhotoReading:
    side: Side
    hip_angle_deg: float
    knee_bend_deg: float
    uncertainty_deg: float
    thigh: ThighPosition
    possible: tuple[ThighPosition, ...]  # every position the range angle +/- uncertainty reaches
    knee_stays_bent: bool
    trunk_tilt_deg: float | None  # shoulder-hip line against level; None when not seen
    level_deg: float
    points: BodyPoints

    @property
    def settled(self) -> bool:
        """Whether the whole range points to one thigh position."""
        return len(self.possible) == 1


def signed(value: float) -> str:
    """Whole degrees with their sign, as the self-test writes them: +13, -4, and 0."""
    whole = round(value)
    return f"{whole:+d}" if whole else "0"


def classify(angle: float, tolerance: float = DEFAULT_ANGLE_TOLERANCE_DEG) -> ThighPosition:
    """The thigh position an angle implies, with the self-test's own tolerance around level."""
    if fits_thigh(ThighPosition.LEVEL, angle, tolerance):
        return ThighPosition.LEVEL
    return ThighPosition.ABOVE if angle > 0 else ThighPosition.BELOW


def positions_in_range(
    angle: float, uncertainty: float, tolerance: float = DEFAULT_ANGLE_TOLERANCE_DEG
) -> tuple[ThighPosition, ...]:
    ends = {classify(angle - uncertainty, tolerance), classify(angle + uncertainty, tolerance)}
    if ThighPosition.ABOVE in ends and ThighPosition.BELOW in ends:
        ends.add(ThighPosition.LEVEL)
    return tuple(
        p for p in (ThighPosition.BELOW, ThighPosition.LEVEL, ThighPosition.ABOVE) if p in ends
    )


def level_from_line(a: tuple[float, float], b: tuple[float, float]) -> float:
    """``level_deg`` from two pixel points on the bench edge (either order)."""
    angle = math.degrees(math.atan2(-(b[1] - a[1]), b[0] - a[0]))
    while angle > 90:
        angle -= 180
    while angle <= -90:
        angle += 180
    return angle


def _level_frame(vector: tuple[float, float], level_deg: float) -> tuple[float, float]:
    """A pixel vector as (along the level line, up from it)."""
    dx, dy = vector[0], -vector[1]  # y up
    t = math.radians(level_deg)
    return dx * math.cos(t) + dy * math.sin(t), -dx * math.sin(t) + dy * math.cos(t)


def _angle_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    dot = a[0] * b[0] + a[1] * b[1]
    norm = math.hypot(*a) * math.hypot(*b)
    if norm == 0:
        return 0.0
    return math.degrees(math.acos(max(-1.0, min(1.0, dot / norm))))


def knee_bend(hip: Point, knee: Point, ankle: Point) -> float:
    """Degrees of knee bend: 180 minus the angle hip-knee-ankle (0 = straight)."""
    return 180.0 - _angle_between(hip.minus(knee), ankle.minus(knee))


def _midpoint(a: Point | None, b: Point | None) -> Point | None:
    seen = [p for p in (a, b) if p is not None and p.visibility >= MIN_VISIBILITY]
    if not seen:
        return None
    return Point(sum(p.x for p in seen) / len(seen), sum(p.y for p in seen) / len(seen))


def _check_side_on(points: BodyPoints) -> None:
    shoulders = [points.get(s, Joint.SHOULDER) for s in Side]
    hips = [points.get(s, Joint.HIP) for s in Side]
    top, bottom = _midpoint(*shoulders), _midpoint(*hips)
    if top is None or bottom is None or None in shoulders or None in hips:
        return  # cannot judge without both pairs; the leg checks still apply
    trunk = top.distance(bottom)
    spread = max(shoulders[0].distance(shoulders[1]), hips[0].distance(hips[1]))  # type: ignore[union-attr]
    if trunk == 0 or spread / trunk > SIDE_ON_MAX_SPREAD:
        raise PhotoRefused(Refusal.NOT_SIDE_ON)


def _leg(points: BodyPoints, side: Side) -> tuple[Point, Point, Point]:
    found = [points.get(side, j) for j in LEG_JOINTS]
    hidden = [
        j.value for j, p in zip(LEG_JOINTS, found) if p is None or p.visibility < MIN_VISIBILITY
    ]
    if hidden:
        joints = hidden[0] if len(hidden) == 1 else f"{', '.join(hidden[:-1])} and {hidden[-1]}"
        raise PhotoRefused(Refusal.POINTS_HIDDEN, side=side.value, joints=joints)
    return found[0], found[1], found[2]  # type: ignore[return-value]


def _hanging(points: BodyPoints, side: Side) -> bool:
    """The tested leg hangs: its thigh points away from the trunk (hip not bent past a right
    angle), as it does over the bench edge, while the hugged leg's thigh points to the chest."""
    hip, knee = points.get(side, Joint.HIP), points.get(side, Joint.KNEE)
    top = _midpoint(*(points.get(s, Joint.SHOULDER) for s in Side))
    if hip is None or knee is None or top is None:
        return True  # nothing to judge it by
    return _angle_between(top.minus(hip), knee.minus(hip)) > 90.0


def hanging_side(points: BodyPoints) -> Side:
    """The leg that looks hanging (the one whose thigh points furthest from the trunk)."""
    top = _midpoint(*(points.get(s, Joint.SHOULDER) for s in Side))

    def opening(side: Side) -> float:
        hip, knee = points.get(side, Joint.HIP), points.get(side, Joint.KNEE)
        if hip is None or knee is None or top is None:
            return -1.0
        seen = min(hip.visibility, knee.visibility) >= MIN_VISIBILITY
        return _angle_between(top.minus(hip), knee.minus(hip)) + (0 if seen else -360)

    return max(Side, key=opening)


def _uncertainty(points: BodyPoints, thigh_px: float) -> float:
    slack = POINT_SLACK_SHARE * max(points.width, points.height)
    extra = math.degrees(math.atan2(slack, thigh_px)) if thigh_px > 0 else 90.0
    return round(math.hypot(BASE_UNCERTAINTY_DEG, extra), 1)


def _trunk_tilt(points: BodyPoints, side: Side, hip: Point, level_deg: float) -> float | None:
    shoulder = points.get(side, Joint.SHOULDER) or points.get(other_side(side), Joint.SHOULDER)
    if shoulder is None or shoulder.visibility < MIN_VISIBILITY:
        return None
    along, up = _level_frame(shoulder.minus(hip), level_deg)
    return round(math.degrees(math.atan2(up, abs(along))), 1)


def read_self_test(
    points: BodyPoints | None, side: Side | None = None, level_deg: float = 0.0
) -> PhotoReading:
    """The self-test reading of one side (the hanging leg when ``side`` is None), or
    ``PhotoRefused`` saying why this photo cannot give one."""
    if points is None:
        raise PhotoRefused(Refusal.NO_PERSON)
    _check_side_on(points)
    side = side or hanging_side(points)
    hip, knee, ankle = _leg(points, side)
    if not _hanging(points, side):
        raise PhotoRefused(Refusal.LEG_NOT_HANGING, side=side.value)
    along, up = _level_frame(knee.minus(hip), level_deg)
    angle = round(math.degrees(math.atan2(up, abs(along))), 1)
    uncertainty = _uncertainty(points, hip.distance(knee))
    bend = round(knee_bend(hip, knee, ankle), 1)
    return PhotoReading(
        side=side,
        hip_angle_deg=angle,
        knee_bend_deg=bend,
        uncertainty_deg=uncertainty,
        thigh=classify(angle),
        possible=positions_in_range(angle, uncertainty),
        knee_stays_bent=bend >= KNEE_BENT_MIN_DEG,
        trunk_tilt_deg=_trunk_tilt(points, side, hip, level_deg),
        level_deg=level_deg,
        points=points,
    )
