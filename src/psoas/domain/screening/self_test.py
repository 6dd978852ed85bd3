"""The two readings of one side of the bench-edge self-test must tell the same story.

Per side the person says where the hanging thigh rests (above, level with or below the bench
line) and may add a measured hip angle (0 = level, positive = above, negative = below: the
convention the questions state on screen). A thigh "above" the bench with an angle well under
the horizontal (or "below" with one well over it) cannot both be true, and the rules read the
category, so such a pair is refused with a message naming the angle field, instead of being
screened silently.

Readings within the tolerance of level fit any answer: a home reading is not exact. The
tolerance comes with the questionnaire's self-test guide (``questions.yaml``), where its source
is named; ``DEFAULT_ANGLE_TOLERANCE_DEG`` is used when a questionnaire file gives none.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from psoas.domain.errors import InvalidValue
from psoas.domain.records.measurements import Side
from psoas.domain.screening.assessment import ThighPosition

# clinical-facts.md 1.4, take-away [derived]: goniometer readings of the modified Thomas test
# are uncertain by about 5-7 degrees without a standardised pelvis; 5 is the low end, the same
# figure the self_test_asymmetry rule uses.
DEFAULT_ANGLE_TOLERANCE_DEG = 5.0
CONVENTION = "0 = level, positive = above, negative = below"


def side_question_id(side: Side, field: str) -> str:
    """The id of a self-test question: ``left_thigh``, ``right_hip_angle`` ..."""
    return f"{side.value}_{field}"


def fits_thigh(thigh: ThighPosition, angle: float, tolerance: float) -> bool:
    """Whether a measured hip angle agrees with the thigh's place, give or take ``tolerance``."""
    if thigh == ThighPosition.ABOVE:
        return angle >= -tolerance
    if thigh == ThighPosition.BELOW:
        return angle <= tolerance
    return abs(angle) <= tolerance


def angle_mismatch(
    side: Side, thigh: Any, angle: Any, tolerance: float = DEFAULT_ANGLE_TOLERANCE_DEG
) -> InvalidValue | None:
    """The problem with this side's canonical thigh and angle answers, or None if they agree.

    Missing or unreadable values are not this check's business (other checks name them).
    """
    if thigh not in tuple(ThighPosition) or not isinstance(angle, int | float):
        return None
    position = ThighPosition(thigh)
    if isinstance(angle, bool) or fits_thigh(position, float(angle), tolerance):
        return None
    where = "above" if angle > 0 else "below"
    return InvalidValue(
        side_question_id(side, "hip_angle"),
        f"{_deg(angle)} degrees puts the {side.value} thigh {where} the bench line, but "
        f"{side_question_id(side, 'thigh')} says '{position.value}', which fits "
        f"{_fitting_angles(position, tolerance)} ({_deg(tolerance)} degrees either side of level "
        f"allows for measurement error). Please check the angle ({CONVENTION}) or the thigh answer",
    )


def angle_mismatches(
    answers: Mapping[str, Any], tolerance: float = DEFAULT_ANGLE_TOLERANCE_DEG
) -> list[InvalidValue]:
    """One problem per side whose thigh answer and measured angle disagree (left first)."""
    found = (
        angle_mismatch(
            side,
            answers.get(side_question_id(side, "thigh")),
            answers.get(side_question_id(side, "hip_angle")),
            tolerance,
        )
        for side in Side
    )
    return [problem for problem in found if problem is not None]


def _fitting_angles(thigh: ThighPosition, tolerance: float) -> str:
    if thigh == ThighPosition.ABOVE:
        return f"{_deg(-tolerance)} degrees or more"
    if thigh == ThighPosition.BELOW:
        return f"{_deg(tolerance)} degrees or less"
    return f"{_deg(-tolerance)} to {_deg(tolerance)} degrees"


def _deg(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
