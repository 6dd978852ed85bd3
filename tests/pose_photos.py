"""The hand-marked photos in tests/fixtures/pose (see its README) and helpers to use them."""

from __future__ import annotations

import importlib.util
import io
import json
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from psoas.domain.pose.landmarks import BodyPoints, Joint, Point
from psoas.domain.records.measurements import Side

FIXTURES = Path(__file__).parent / "fixtures" / "pose"
HAS_CAMERA = importlib.util.find_spec("mediapipe") is not None
# Quarter turns clockwise: 1 and 3 lay the walking person down, as on a bench.
LYING_TURNS = (1, 3)


@dataclass(frozen=True)
class MarkedLeg:
    photo: str
    leg: str  # "front" or "rear"
    points: BodyPoints  # hip, knee and ankle as marked, under Side.LEFT
    thighs_overlap: bool


def marked_legs() -> list[MarkedLeg]:
    data = json.loads((FIXTURES / "marks.json").read_text(encoding="utf-8"))
    legs = []
    for name, frame in data["frames"].items():
        width, height = Image.open(FIXTURES / name).size
        for leg in ("front", "rear"):
            joints = {
                (Side.LEFT, Joint(j)): Point(float(x), float(y)) for j, (x, y) in frame[leg].items()
            }
            legs.append(
                MarkedLeg(name, leg, BodyPoints(width, height, joints), frame["thighs_overlap"])
            )
    return legs


def photo_bytes(name: str, turns: int = 0, fmt: str = "JPEG") -> bytes:
    """A fixture photo turned clockwise by ``turns`` quarter turns, encoded again."""
    image = Image.open(FIXTURES / name)
    if turns:
        image = image.rotate(-90 * turns, expand=True)
    out = io.BytesIO()
    image.save(out, format=fmt, quality=92) if fmt == "JPEG" else image.save(out, format=fmt)
    return out.getvalue()


def matching_side(found: BodyPoints, marked_knee: Point) -> Side:
    """The side the model gave to the marked leg: the one whose knee lies nearest the marked
    knee (the model may swap left and right in side view, pose.md section 1.6)."""
    return min(Side, key=lambda s: found.get(s, Joint.KNEE).distance(marked_knee))  # type: ignore[union-attr]
