"""Dated measurements with their method: self-test, hip angle, pain, PSFS, sitting hours."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class MeasurementKind(StrEnum):
    SELF_TEST = "self_test"  # value: -1 below, 0 level, 1 above the bench line; side required
    HIP_ANGLE = "hip_angle"  # degrees, 0 = thigh level, positive = above; side required
    KNEE_ANGLE = "knee_angle"  # degrees of knee flexion in the self-test; side required
    PAIN = "pain"  # NRS 0-10
    PSFS = "psfs"  # 0-10 for one named activity (label)
    SITTING_HOURS = "sitting_hours"  # hours per day


# One unit per kind wherever a value is recorded (log form, assessment, clinic), UCUM-style.
UNITS = {
    MeasurementKind.SELF_TEST: "category",
    MeasurementKind.HIP_ANGLE: "deg",
    MeasurementKind.KNEE_ANGLE: "deg",
    MeasurementKind.PAIN: "{score}",
    MeasurementKind.PSFS: "{score}",
    MeasurementKind.SITTING_HOURS: "h/d",
}


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


class Method(StrEnum):
    SELF_REPORT = "self_report"
    SELF_TEST = "self_test"
    GONIOMETER = "goniometer"
    INCLINOMETER = "inclinometer"
    PHOTO = "photo"
    POSE_ESTIMATION = "pose_estimation"
    CLINICIAN = "clinician"


@dataclass(frozen=True, slots=True)
class Measurement:
    id: str
    person_id: str
    kind: MeasurementKind
    value: float
    unit: str
    method: Method
    taken_at: datetime
    side: Side | None = None
    label: str = ""  # PSFS activity name, or a note on the context
    recorded_at: datetime | None = None  # when it was saved, if not at ``taken_at``
