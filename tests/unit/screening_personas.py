"""Answer sets for screening tests: a calm baseline with no warning signs, plus overrides."""

from __future__ import annotations

from typing import Any

from psoas.catalogue.questions import load_questionnaire
from psoas.catalogue.rules import load_rules

QUESTIONNAIRE = load_questionnaire()
RULES = load_rules()

CALM: dict[str, Any] = {
    "age": 35,
    "bladder_bowel": False,
    "saddle_numbness": False,
    "leg_weakness": False,
    "fever_or_unwell": False,
    "weight_loss": False,
    "cancer_history": False,
    "recent_fall": "none",
    "long_term_steroids": False,
    "night_pain": False,
    "pain_is_new": False,
    "no_improvement_month": False,
    "thigh_nerve_symptoms": False,
    "symptoms": ["none"],
    "opposite_signs": ["none"],
    "hip_replacement": False,
    "pregnant": False,
    "osteoporosis": False,
    "recent_surgery_or_injury": False,
    "knee_pain_kneeling": False,
    "poor_balance": False,
    "wrist_pain": False,
    "sitting_hours": 6,
    "longest_sitting_minutes": 30,
    "runs_or_cycles": False,
    "stress": 3,
    "sleep_position": "on_side",
    "desk_setup": "sit_stand_desk",
    "pain_now": 2,
    "self_test_done": False,
    "goals": ["desk_maintenance"],
    "minutes_per_day": 10,
    "strength_days_per_week": 2,
    "equipment": ["mat"],
    "level": "beginner",
    "preferred_days": ["mon", "wed", "fri"],
    "preferred_time": "18:00",
}

# Which answer raises each warning sign, and whether it is in the urgent group.
RED_FLAGS: dict[str, tuple[Any, bool]] = {
    "bladder_bowel": (True, True),
    "saddle_numbness": (True, True),
    "leg_weakness": (True, True),
    "fever_or_unwell": (True, False),
    "weight_loss": (True, False),
    "cancer_history": (True, False),
    "recent_fall": ("significant", False),
    "long_term_steroids": (True, False),
    "night_pain": (True, False),
    "no_improvement_month": (True, False),
    "thigh_nerve_symptoms": (True, False),
}


def side(
    prefix: str,
    thigh: str,
    angle: float | None = None,
    knee: str = "bent",
    out: bool = False,
    flat: bool = True,
) -> dict[str, Any]:
    values: dict[str, Any] = {
        f"{prefix}_thigh": thigh,
        f"{prefix}_knee": knee,
        f"{prefix}_thigh_out": out,
        f"{prefix}_back_flat": flat,
    }
    if angle is not None:
        values[f"{prefix}_hip_angle"] = angle
    return values


def self_test(left: dict[str, Any], right: dict[str, Any]) -> dict[str, Any]:
    return {"self_test_done": True, **left, **right}


def persona(**overrides: Any) -> dict[str, Any]:
    answers = dict(CALM)
    answers.update(overrides)
    return answers
