"""Recording the guided self-test of a re-test day as measurements.

The player shows the step (``Timeline.self_test``); what the person recorded comes here by
field (``left_thigh``, ``left_hip_angle``, ``right_thigh``, ``right_hip_angle``), is checked
as the assessment checks it, and is stored in one transaction: per side the thigh position
(above 1, level 0, below -1) and, when measured, the hip angle, both with the self-test method,
so Progress compares them with the baseline from the assessment.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from psoas.domain.errors import NotFound
from psoas.domain.records.measurements import Measurement, MeasurementKind, Method
from psoas.domain.sessions.retest_step import THIGH_VALUE, SelfTestReading, read_answers
from psoas.services.context import Context
from psoas.services.manual_entry import Reading, record_measurements
from psoas.services.sessions import GuidedSession

NO_SELF_TEST = "This session has no self-test to record."


def record_self_test(
    ctx: Context, guided: GuidedSession, answers: Mapping[str, Any]
) -> tuple[Measurement, ...]:
    """Check the answers (InvalidInput names each bad field) and save both sides at once."""
    step = guided.timeline.self_test
    if step is None:
        why = guided.session.reason if guided.session.kind.value == "retest" else ""
        raise NotFound(" ".join(filter(None, (NO_SELF_TEST, why))))
    readings = read_answers(step, answers)
    label = f"re-test on {guided.session.date.isoformat()} (bench-edge hang test)"
    values = [r for reading in readings for r in _readings(reading, label)]
    return record_measurements(ctx, guided.person_id, values)


def _readings(reading: SelfTestReading, label: str) -> list[Reading]:
    found = [
        Reading(
            MeasurementKind.SELF_TEST,
            THIGH_VALUE[reading.thigh],
            side=reading.side,
            label=label,
            method=Method.SELF_TEST,
        )
    ]
    if reading.hip_angle_deg is not None:
        found.append(
            Reading(
                MeasurementKind.HIP_ANGLE,
                reading.hip_angle_deg,
                side=reading.side,
                label=label,
                method=Method.SELF_TEST,
            )
        )
    return found


def describe(measurements: tuple[Measurement, ...]) -> tuple[str, ...]:
    """One plain sentence per side: 'Left thigh: above the bench line, hip angle +6°.'"""
    words = {-1: "below the bench line", 0: "level with the bench line", 1: "above the bench line"}
    parts = []
    for m in measurements:
        if m.kind is MeasurementKind.SELF_TEST and m.side is not None:
            angle = next(
                (
                    a.value
                    for a in measurements
                    if a.kind is MeasurementKind.HIP_ANGLE and a.side == m.side
                ),
                None,
            )
            extra = "" if angle is None else f", hip angle {angle:+g}°"
            parts.append(f"{m.side.value.capitalize()} thigh: {words[int(m.value)]}{extra}.")
    return tuple(parts)
