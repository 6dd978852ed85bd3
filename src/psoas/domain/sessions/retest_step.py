"""The guided self-test step of a re-test day: set-up, left then right, then the result.

A re-test day whose person may do the bench-edge self-test (``PlannedSession.self_test``, see
``domain.retest``) carries this step in its timeline, before the timed exercises: the set-up
lines, each side's instructions, and for each side the thigh position (above, level or below
the bench line) with an optional measured hip angle. The words come from the questionnaire's
self-test guide, the same the assessment uses, so a re-test is measured exactly like the
baseline. ``read_answers`` checks what the person recorded (the same thigh/angle agreement
check as the assessment) and returns one reading per side for the measurements.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from psoas.domain.errors import InvalidInput, InvalidValue
from psoas.domain.records.measurements import Side
from psoas.domain.screening.assessment import ThighPosition
from psoas.domain.screening.questions import Questionnaire
from psoas.domain.screening.self_test import CONVENTION, fits_thigh, side_question_id

ANGLE_LIMIT = 60.0  # degrees either side of level, as the assessment's angle question allows
THIGH_VALUE = {ThighPosition.BELOW: -1, ThighPosition.LEVEL: 0, ThighPosition.ABOVE: 1}


@dataclass(frozen=True, slots=True)
class ThighChoice:
    value: ThighPosition
    label: str


@dataclass(frozen=True, slots=True)
class SelfTestSide:
    side: Side
    steps: tuple[str, ...]  # what to do on this side, in order
    thigh_question: str
    angle_question: str


@dataclass(frozen=True, slots=True)
class SelfTestStep:
    """What the player shows for the self-test, and what it asks per side."""

    title: str
    summary: str
    convention: str  # how the hip angle is measured
    setup: tuple[str, ...]
    sides: tuple[SelfTestSide, ...]  # left, then right
    thigh_choices: tuple[ThighChoice, ...]
    exercise_id: str  # the catalogue pose that illustrates the position
    angle_min: float = -ANGLE_LIMIT
    angle_max: float = ANGLE_LIMIT
    angle_tolerance_deg: float = 5.0
    source: str = ""


@dataclass(frozen=True, slots=True)
class SelfTestReading:
    side: Side
    thigh: ThighPosition
    hip_angle_deg: float | None = None


def self_test_step(questionnaire: Questionnaire) -> SelfTestStep:
    """The step built from the questionnaire's self-test guide and its per-side questions."""
    guide = questionnaire.self_test
    sides = []
    for side in Side:
        thigh = questionnaire.get(side_question_id(side, "thigh"))
        angle = questionnaire.get(side_question_id(side, "hip_angle"))
        sides.append(SelfTestSide(side, guide.side_steps(side), thigh.text, angle.text))
    left_thigh = questionnaire.get(side_question_id(Side.LEFT, "thigh"))
    return SelfTestStep(
        title=guide.title,
        summary=guide.summary,
        convention=guide.convention,
        setup=guide.setup,
        sides=tuple(sides),
        thigh_choices=tuple(
            ThighChoice(ThighPosition(c.value), c.label) for c in left_thigh.choices
        ),
        exercise_id=guide.illustration,
        angle_tolerance_deg=guide.angle_tolerance_deg,
        source=guide.source,
    )


def read_answers(step: SelfTestStep, answers: Mapping[str, Any]) -> tuple[SelfTestReading, ...]:
    """One reading per side from ``left_thigh``, ``left_hip_angle`` (optional), ``right_...``.

    Raises InvalidInput naming each field that is missing, unreadable, out of range, or an
    angle that contradicts its thigh answer.
    """
    problems: list[InvalidValue] = []
    readings: list[SelfTestReading] = []
    for side in (s.side for s in step.sides):
        thigh = _thigh(answers.get(side_question_id(side, "thigh")), side, problems)
        angle = _angle(step, answers.get(side_question_id(side, "hip_angle")), side, problems)
        if thigh is None:
            continue
        if angle is not None and not fits_thigh(thigh, angle, step.angle_tolerance_deg):
            where = "above" if angle > 0 else "below"
            problems.append(
                InvalidValue(
                    side_question_id(side, "hip_angle"),
                    f"{angle:g} degrees puts the {side.value} thigh {where} the bench line, but "
                    f"you chose '{_label(step, thigh)}'. Please check the angle ({CONVENTION}) "
                    "or the thigh answer",
                )
            )
            continue
        readings.append(SelfTestReading(side, thigh, angle))
    if problems:
        raise InvalidInput(problems)
    return tuple(readings)


def _label(step: SelfTestStep, thigh: ThighPosition) -> str:
    return next((c.label for c in step.thigh_choices if c.value is thigh), thigh.value).lower()


def _thigh(raw: Any, side: Side, problems: list[InvalidValue]) -> ThighPosition | None:
    field = side_question_id(side, "thigh")
    if raw is None or raw == "":
        problems.append(InvalidValue(field, f"say where the {side.value} thigh rests"))
        return None
    if raw not in tuple(ThighPosition):
        problems.append(InvalidValue(field, "choose above, level or below"))
        return None
    return ThighPosition(raw)


def _angle(step: SelfTestStep, raw: Any, side: Side, problems: list[InvalidValue]) -> float | None:
    if raw is None or raw == "":
        return None
    field = side_question_id(side, "hip_angle")
    try:
        value = float(raw) if not isinstance(raw, bool) else math.nan
    except (TypeError, ValueError):
        value = math.nan
    if not math.isfinite(value) or not step.angle_min <= value <= step.angle_max:
        problems.append(
            InvalidValue(
                field,
                f"give the angle in degrees from {step.angle_min:g} to {step.angle_max:g}, "
                "or leave it empty",
            )
        )
        return None
    return value
