"""A self-test side's thigh answer and measured hip angle must agree (within measurement error)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.unit.screening_personas import QUESTIONNAIRE, RULES, persona, self_test, side

from psoas.domain.errors import InvalidInput
from psoas.domain.records.measurements import Side
from psoas.domain.screening.assessment import ThighPosition
from psoas.domain.screening.engine import assess, screen
from psoas.domain.screening.questions import validate_answers
from psoas.domain.screening.self_test import angle_mismatch, fits_thigh

TODAY = date(2026, 11, 23)
TOLERANCE = QUESTIONNAIRE.self_test.angle_tolerance_deg


def test_the_tolerance_is_data_with_its_source():
    assert TOLERANCE == 5
    assert "clinical-facts.md 1.4" in QUESTIONNAIRE.self_test.angle_tolerance_source


@pytest.mark.parametrize(
    ("thigh", "angle", "refused"),
    [
        ("above", 12, False),
        ("above", 0, False),
        ("above", -5, False),  # within measurement error of level
        ("above", -5.5, True),
        ("above", -60, True),
        ("below", -30, False),
        ("below", 5, False),
        ("below", 5.1, True),
        ("below", 20, True),
        ("level", 0, False),
        ("level", -4.9, False),
        ("level", 5, False),
        ("level", 6, True),
        ("level", -6, True),
    ],
)
def test_thigh_and_angle_pairs(thigh, angle, refused):
    answers = persona(**self_test(side("left", thigh, angle), side("right", "level")))
    problems = validate_answers(answers, QUESTIONNAIRE, TODAY)
    assert [p.field for p in problems] == (["left_hip_angle"] if refused else [])


def test_the_message_is_calm_and_names_both_answers():
    problem = angle_mismatch(Side.RIGHT, "above", -20, TOLERANCE)
    assert problem is not None and problem.field == "right_hip_angle"
    text = problem.problem
    assert "-20 degrees puts the right thigh below the bench line" in text
    assert "right_thigh says 'above'" in text and "-5 degrees or more" in text
    assert "measurement error" in text and "positive = above, negative = below" in text


def test_screening_refuses_a_contradicting_pair_and_names_only_the_angle():
    answers = persona(**self_test(side("left", "above", -20), side("right", "below", 15)))
    with pytest.raises(InvalidInput) as caught:
        assess(answers, QUESTIONNAIRE, RULES, TODAY)
    assert [p.field for p in caught.value.problems] == ["left_hip_angle", "right_hip_angle"]


def test_a_contradicting_pair_is_not_forgiven_by_an_urgent_early_stop():
    answers = {"age": 50, "bladder_bowel": True, "self_test_done": True}
    answers |= side("left", "below", 30)
    with pytest.raises(InvalidInput) as caught:
        screen(answers, QUESTIONNAIRE, RULES, TODAY)
    assert "left_hip_angle" in [p.field for p in caught.value.problems]


def test_without_an_angle_any_thigh_answer_is_fine():
    answers = persona(**self_test(side("left", "above"), side("right", "below")))
    assert validate_answers(answers, QUESTIONNAIRE, TODAY) == []


@settings(max_examples=150, deadline=None)
@given(
    thigh=st.sampled_from(["above", "level", "below"]),
    angle=st.floats(-60, 60, allow_nan=False).map(lambda x: round(x, 1)),
)
def test_refused_exactly_when_the_angle_lies_outside_the_answers_band(thigh, angle):
    low = -60 if thigh == "below" else -TOLERANCE
    high = 60 if thigh == "above" else TOLERANCE
    answers = persona(**self_test(side("left", "level"), side("right", thigh, angle)))
    problems = validate_answers(answers, QUESTIONNAIRE, TODAY)
    assert (problems != []) is not (low <= angle <= high)
    assert all(p.field == "right_hip_angle" for p in problems)


@pytest.mark.parametrize("thigh", ["above", "level", "below"])
def test_exactly_level_fits_every_answer(thigh):
    assert fits_thigh(ThighPosition(thigh), 0.0, TOLERANCE)
