"""Answer checking: one clear problem per question id; conditions decide what is asked."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.unit.screening_personas import QUESTIONNAIRE, persona, self_test, side

from psoas.domain.screening.questions import coerce_answer, normalise_answers, validate_answers

TODAY = date(2026, 11, 23)


def problems(answers, today=None):
    return {p.field: p.problem for p in validate_answers(answers, QUESTIONNAIRE, today)}


def test_a_calm_persona_is_valid():
    assert problems(persona()) == {}


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"agee": 30}, "agee", "did you mean 'age'"),
        ({"age": "thirty"}, "age", "expected a whole number"),
        ({"age": 30.5}, "age", "whole number"),
        ({"age": 140}, "age", "out of range"),
        ({"pain_now": -1}, "pain_now", "from 0 to 10"),
        ({"pain_now": True}, "pain_now", "expected"),
        ({"bladder_bowel": "maybe"}, "bladder_bowel", "yes or no"),
        ({"recent_fall": "huge"}, "recent_fall", "Allowed: none, minor, significant"),
        ({"symptoms": ["none", "knee_pain"]}, "symptoms", "cannot be combined"),
        ({"symptoms": ["knee_pian"]}, "symptoms", "Did you mean 'knee_pain'"),
        ({"symptoms": 3}, "symptoms", "expected a list"),
        ({"sitting_hours": "lots"}, "sitting_hours", "expected a number"),
        ({"preferred_time": "25:00"}, "preferred_time", "HH:MM"),
        ({"preferred_time": 1080}, "preferred_time", "quotes"),
        ({"minutes_per_day": 45}, "minutes_per_day", "from 5 to 30"),
        ({"preferred_days": ["someday"]}, "preferred_days", "not allowed"),
        ({"psfs_1_activity": "x" * 81, "psfs_1_score": 3}, "psfs_1_activity", "too long"),
    ],
)
def test_bad_answers_name_the_question(overrides, field, words):
    found = problems(persona(**overrides))
    assert list(found) == [field]
    assert words in found[field]


def test_missing_required_answers_are_each_named():
    answers = persona()
    del answers["age"], answers["goals"]
    assert set(problems(answers)) == {"age", "goals"}
    assert "required answer is missing" in problems(answers)["age"]


def test_one_problem_per_question_even_when_several_things_are_wrong():
    answers = persona(age="x", pain_now=99, stress="high", made_up=1)
    del answers["level"]
    found = validate_answers(answers, QUESTIONNAIRE)
    fields = [p.field for p in found]
    assert (
        sorted(fields) == sorted(set(fields)) == ["age", "level", "made_up", "pain_now", "stress"]
    )


def test_conditional_questions_are_required_only_when_asked():
    assert problems(persona(pregnant=False)) == {}
    assert set(problems(persona(pregnant=True))) == {
        "pregnancy_trimester",
        "pregnancy_warning_signs",
        "pregnancy_complications",
    }
    assert set(problems(persona(hip_replacement=True))) == {
        "hip_replacement_approach",
        "hip_replacement_date",
    }


def test_self_test_answers_are_needed_only_after_saying_yes():
    assert problems(persona(self_test_done=False)) == {}
    missing = problems(persona(self_test_done=True))
    assert "left_thigh" in missing and "right_back_flat" in missing
    assert "left_hip_angle" not in missing  # optional: measured angle
    assert problems(persona(**self_test(side("left", "above"), side("right", "level")))) == {}


def test_answers_to_questions_not_asked_are_dropped():
    clean, found = normalise_answers(persona(pregnancy_trimester="third"), QUESTIONNAIRE)
    assert found == [] and "pregnancy_trimester" not in clean


def test_a_dependent_question_is_not_blamed_when_its_gate_is_wrong():
    assert set(problems(persona(pregnant="perhaps"))) == {"pregnant"}


def test_future_dates_are_rejected_when_today_is_known():
    answers = persona(
        hip_replacement=True,
        hip_replacement_approach="posterior",
        hip_replacement_date="2027-01-01",
    )
    assert problems(answers) == {}
    assert "in the future" in problems(answers, TODAY)["hip_replacement_date"]
    assert (
        "YYYY-MM-DD"
        in problems(
            persona(
                hip_replacement=True,
                hip_replacement_approach="posterior",
                hip_replacement_date="last spring",
            )
        )["hip_replacement_date"]
    )


@pytest.mark.parametrize(
    ("question_id", "typed", "stored"),
    [
        ("bladder_bowel", "Y", True),
        ("bladder_bowel", "no", False),
        ("age", " 42 ", 42),
        ("sitting_hours", "9.5", 9.5),
        ("symptoms", "knee_pain, hip_tightness", ["hip_tightness", "knee_pain"]),
        ("recent_fall", "Minor", "minor"),
        ("preferred_time", "7:05", "07:05"),
        ("hip_replacement_date", date(2025, 3, 1), "2025-03-01"),
        ("equipment", "resistance band, mat", ["mat", "resistance_band"]),
    ],
)
def test_typed_and_native_answers_become_canonical(question_id, typed, stored):
    assert coerce_answer(QUESTIONNAIRE.get(question_id), typed) == stored


JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-1000, 1000),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.lists(st.text(max_size=8), max_size=3),
)


@settings(max_examples=80, deadline=None)
@given(
    answers=st.dictionaries(st.sampled_from([*QUESTIONNAIRE.ids, "unknown_a", "unknown_b"]), JUNK)
)
def test_any_junk_gives_at_most_one_problem_per_question_and_never_crashes(answers):
    found = validate_answers(answers, QUESTIONNAIRE, TODAY)
    fields = [p.field for p in found]
    assert len(fields) == len(set(fields))
    assert all(p.problem for p in found)
