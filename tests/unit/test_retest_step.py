"""The guided self-test step: built from the questionnaire's guide, kept only on the days that
ask for it, and its answers checked per side like the assessment's."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from tests import factories
from tests.unit.screening_personas import QUESTIONNAIRE

from psoas.domain.errors import InvalidInput
from psoas.domain.planning.plans import PlannedSession, SessionKind
from psoas.domain.records.measurements import Side
from psoas.domain.screening.assessment import ThighPosition
from psoas.domain.sessions.retest_step import SelfTestReading, read_answers, self_test_step
from psoas.domain.sessions.timeline import build_timeline

STEP = self_test_step(QUESTIONNAIRE)


def test_the_step_is_set_up_then_left_then_right_with_each_sides_own_words():
    assert STEP.setup == QUESTIONNAIRE.self_test.setup
    assert [s.side for s in STEP.sides] == [Side.LEFT, Side.RIGHT]
    left, right = STEP.sides
    assert "hug your right knee" in left.steps[0] and "hug your left knee" in right.steps[0]
    assert "left thigh" in left.thigh_question and "right hip angle" in right.angle_question
    assert [c.value for c in STEP.thigh_choices] == list(ThighPosition)


@pytest.mark.parametrize("asks", [True, False])
def test_the_timeline_keeps_the_step_only_on_a_day_that_asks_for_it(asks):
    cat = factories.catalogue()
    session = PlannedSession("w3-x", date(2026, 12, 7), SessionKind.RETEST, (), 0, self_test=asks)
    timeline = build_timeline(session, cat, STEP)
    assert (timeline.self_test is STEP) is asks
    assert build_timeline(replace(session, self_test=True), cat).self_test is None


def test_answers_become_one_reading_per_side():
    readings = read_answers(
        STEP, {"left_thigh": "above", "left_hip_angle": "7.5", "right_thigh": "level"}
    )
    assert readings == (
        SelfTestReading(Side.LEFT, ThighPosition.ABOVE, 7.5),
        SelfTestReading(Side.RIGHT, ThighPosition.LEVEL, None),
    )


@pytest.mark.parametrize(
    ("answers", "fields", "words"),
    [
        ({}, {"left_thigh", "right_thigh"}, "say where the left thigh rests"),
        ({"left_thigh": "up", "right_thigh": "level"}, {"left_thigh"}, "above, level or below"),
        (
            {"left_thigh": "above", "left_hip_angle": "90", "right_thigh": "level"},
            {"left_hip_angle"},
            "from -60 to 60",
        ),
        (
            {"left_thigh": "above", "left_hip_angle": "nan", "right_thigh": "below"},
            {"left_hip_angle"},
            "from -60 to 60",
        ),
        (
            {"left_thigh": "above", "right_thigh": "above", "right_hip_angle": -15},
            {"right_hip_angle"},
            "-15 degrees puts the right thigh below the bench line, but you chose 'above",
        ),
    ],
)
def test_bad_answers_name_each_field_in_plain_words(answers, fields, words):
    with pytest.raises(InvalidInput) as raised:
        read_answers(STEP, answers)
    assert {p.field for p in raised.value.problems} == fields
    assert words in str(raised.value)
