"""The body points a pose estimator finds in one photo, in image pixels.

x grows to the right and y grows downwards, as in every image file. Visibility is the
estimator's own 0-1 confidence that the point is in view and not hidden.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from psoas.domain.records.measurements import Side


class Joint(StrEnum):
    SHOULDER = "shoulder"
    HIP = "hip"
    KNEE = "knee"
    ANKLE = "ankle"


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    visibility: float = 1.0

    def minus(self, other: Point) -> tuple[float, float]:
        return self.x - other.x, self.y - other.y

    def distance(self, other: Point) -> float:
        dx, dy = self.minus(other)
        return math.hypot(dx, dy)


@dataclass(frozen=True, slots=True)
class BodyPoints:
    """One person's points: ``points[(side, joint)]``; a joint the estimator did not give is
    simply absent. ``width`` and ``height`` are the photo's size in pixels."""

    width: int
    height: int
    points: dict[tuple[Side, Joint], Point]

    def get(self, side: Side, joint: Joint) -> Point | None:
        return self.points.get((side, joint))

    def rotated_quarter_turns(self, turns: int) -> BodyPoints:
        """The same points in the photo turned clockwise by ``turns`` quarter turns."""
        width, height, points = self.width, self.height, dict(self.points)
        for _ in range(turns % 4):
            points = {k: Point(height - p.y, p.x, p.visibility) for k, p in points.items()}
            width, height = height, width
        return BodyPoints(width, height, points)


def other_side(side: Side) -> Side:
    return Side.RIGHT if side is Side.LEFT else Side.LEFT
