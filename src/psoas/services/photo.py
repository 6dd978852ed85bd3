"""Measuring the self-test from a photo: find the body, read the angles, draw them, and record
what the person accepts (method "photo"). The photo itself is never stored here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from psoas.domain.errors import InvalidValue
from psoas.domain.pose.angles import PhotoReading, read_self_test
from psoas.domain.records.measurements import Measurement, MeasurementKind, Method, Side
from psoas.domain.screening.assessment import ThighPosition
from psoas.domain.screening.self_test import DEFAULT_ANGLE_TOLERANCE_DEG, fits_thigh
from psoas.pose_ports import PoseEstimator
from psoas.services.context import Context
from psoas.services.manual_entry import Reading, record_measurements

# The self-test's stored values (MeasurementKind.SELF_TEST): -1 below, 0 level, 1 above.
THIGH_VALUES = {ThighPosition.BELOW: -1, ThighPosition.LEVEL: 0, ThighPosition.ABOVE: 1}
MAX_LEVEL_DEG = 45.0
PLACES = {
    ThighPosition.ABOVE: "above",
    ThighPosition.LEVEL: "level with",
    ThighPosition.BELOW: "below",
}


@dataclass(frozen=True, slots=True)
class PhotoMeasurement:
    reading: PhotoReading
    annotated_png: bytes


def measure_photo(
    estimator: PoseEstimator, photo: bytes, side: Side | None = None, level_deg: float = 0.0
) -> PhotoMeasurement:
    """The proposed reading of one side (the hanging leg when ``side`` is None) and the
    annotated copy; ``PhotoRefused`` says why a photo gives none. Nothing is saved."""
    if not -MAX_LEVEL_DEG <= level_deg <= MAX_LEVEL_DEG:
        raise InvalidValue(
            "tilt", f"a camera tilt of {level_deg:g} degrees is too much; hold the camera level"
        )
    reading = read_self_test(estimator.find_body(photo), side, level_deg)
    return PhotoMeasurement(reading, estimator.annotate(photo, reading))


def check_answer(
    thigh: ThighPosition, hip_angle_deg: float, tolerance: float = DEFAULT_ANGLE_TOLERANCE_DEG
) -> None:
    """The accepted (or corrected) angle must fit where the thigh rests, as in the self-test."""
    if fits_thigh(thigh, hip_angle_deg, tolerance):
        return
    raise InvalidValue(
        "hip_angle",
        f"{hip_angle_deg:g} degrees does not fit a thigh {PLACES[thigh]} the bench line "
        f"(within {tolerance:g} degrees of 0 counts as level): change the angle or where the "
        "thigh rests",
    )


def record_photo_reading(
    ctx: Context,
    person_id: str,
    side: Side,
    hip_angle_deg: float,
    thigh: ThighPosition,
    knee_bend_deg: float | None,
    taken_at: datetime | None = None,
) -> list[Measurement]:
    """Record the reading the person accepted or corrected: the thigh position, the hip angle
    and the knee bend of one side, all with method "photo". A thigh position that the angle
    contradicts is refused, as in the self-test questions."""
    check_answer(thigh, hip_angle_deg)
    readings = [
        Reading(MeasurementKind.SELF_TEST, THIGH_VALUES[thigh], side, method=Method.PHOTO),
        Reading(MeasurementKind.HIP_ANGLE, hip_angle_deg, side, method=Method.PHOTO),
    ]
    if knee_bend_deg is not None:
        readings.append(
            Reading(MeasurementKind.KNEE_ANGLE, knee_bend_deg, side, method=Method.PHOTO)
        )
    return record_measurements(ctx, person_id, readings, taken_at)
