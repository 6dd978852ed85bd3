"""The packaged habit checklist loads and its conditions point at real questions and values."""

from __future__ import annotations

from psoas.catalogue.habits import load_habits
from psoas.catalogue.questions import load_questionnaire
from psoas.domain.screening.questions import AnswerType


def test_habits_load_with_sources():
    habits = load_habits()
    assert len(habits) >= 6
    assert all(h.source and h.strength for h in habits)


def test_conditions_name_existing_questions_and_allowed_values():
    questionnaire = load_questionnaire()
    for habit in load_habits():
        for cond in habit.when_any:
            question = questionnaire.get(cond.question)
            if cond.at_least is not None:
                assert question.type in (AnswerType.INTEGER, AnswerType.NUMBER), habit.id
            elif question.type == AnswerType.YES_NO:
                assert set(cond.any_of) <= {True, False}, habit.id
            else:
                assert set(cond.any_of) <= set(question.values), (habit.id, cond.any_of)


def test_desk_worker_gets_desk_habits_and_runner_gets_training_habit():
    habits = load_habits()
    desk = {h.id for h in habits if h.applies({"sitting_hours": 10, "desk_setup": "sitting_desk"})}
    runner = {h.id for h in habits if h.applies({"sitting_hours": 2, "runs_or_cycles": True})}
    assert {"move-every-half-hour", "rotate-sitting-and-standing", "supported-seat"} <= desk
    assert "build-training-gradually" in runner and "supported-seat" not in runner
