"""Habit selection from screening answers, and habit streaks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from psoas.domain.catalogue.exercises import SourceStrength
from psoas.domain.habits.checklist import (
    Habit,
    HabitCondition,
    HabitTick,
    choose_habits,
    summarise_habits,
)

DESK = Habit(
    "desk",
    "Move",
    "why text here",
    "src",
    SourceStrength.PRIMARY,
    (HabitCondition("sitting_hours", at_least=6),),
)
SLEEP = Habit(
    "sleep",
    "Pillow",
    "why text here",
    "src",
    SourceStrength.UNCONFIRMED,
    (HabitCondition("sleep_position", any_of=("curled",)),),
)
ALL = Habit("posture", "Stand tall", "why text here", "src", SourceStrength.UNCONFIRMED)
HABITS = (DESK, SLEEP, ALL)
TODAY = date(2026, 11, 21)


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({}, ["posture"]),
        ({"sitting_hours": 9}, ["desk", "posture"]),
        ({"sitting_hours": 5.5}, ["posture"]),
        ({"sitting_hours": True}, ["posture"]),  # a yes/no never passes a number test
        ({"sleep_position": "curled"}, ["sleep", "posture"]),
        ({"sleep_position": "on_side", "sitting_hours": 6}, ["desk", "posture"]),
    ],
)
def test_habits_follow_the_answers(answers, expected):
    assert [h.id for h in choose_habits(HABITS, answers)] == expected


def test_list_answers_match_any_value():
    cond = HabitCondition("symptoms", any_of=("chest_breathing",))
    assert cond.holds({"symptoms": ["hip_tightness", "chest_breathing"]})
    assert not cond.holds({"symptoms": ["hip_tightness"]})


def ticks(days_back: list[int], habit_ids: tuple[str, ...]) -> list[HabitTick]:
    return [HabitTick("p", TODAY - timedelta(days=d), h) for d in days_back for h in habit_ids]


def test_streak_counts_complete_days_and_today_only_once_complete():
    chosen = (DESK, ALL)
    history = ticks([1, 2, 3], ("desk", "posture")) + ticks([0], ("desk",))
    summary = summarise_habits(chosen, history, TODAY)
    assert summary.streak_days == 3  # today unfinished does not break it
    assert summary.today.done == ("desk",) and not summary.today.complete
    done_today = summarise_habits(chosen, [*history, HabitTick("p", TODAY, "posture")], TODAY)
    assert done_today.streak_days == 4


def test_a_gap_breaks_the_streak_and_week_share_is_counted():
    chosen = (DESK, ALL)
    history = ticks([0, 1, 3], ("desk", "posture"))
    summary = summarise_habits(chosen, history, TODAY)
    assert summary.streak_days == 2
    assert summary.last_7_days_pct == pytest.approx(100 * 6 / 14, abs=0.1)
    assert summary.per_habit_7_days == {"desk": 3, "posture": 3}


def test_ticks_of_habits_no_longer_chosen_are_ignored():
    summary = summarise_habits((ALL,), ticks([0], ("desk", "posture")), TODAY)
    assert summary.today.done == ("posture",) and summary.streak_days == 1
