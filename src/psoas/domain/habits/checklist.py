"""The daily habit checklist: which habits a person gets, and how their streaks are counted.

Habits are data (``catalogue/data/habits.yaml``); each may carry a condition on the screening
answers, so the desk set-up habit only appears for people who sit a lot, the sleeping habit for
people who sleep curled up, and so on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from psoas.domain.catalogue.exercises import SourceStrength


@dataclass(frozen=True, slots=True)
class HabitCondition:
    """True when the answer to ``question`` is one of ``any_of`` or at least ``at_least``."""

    question: str
    any_of: tuple[Any, ...] = ()
    at_least: float | None = None

    def holds(self, answers: Mapping[str, Any]) -> bool:
        value = answers.get(self.question)
        if value is None:
            return False
        if self.at_least is not None:
            return (
                isinstance(value, int | float)
                and not isinstance(value, bool)
                and value >= self.at_least
            )
        if isinstance(value, list | tuple):
            return any(v in self.any_of for v in value)
        return value in self.any_of


@dataclass(frozen=True, slots=True)
class Habit:
    id: str
    title: str
    why: str
    source: str
    strength: SourceStrength
    when_any: tuple[HabitCondition, ...] = ()  # empty: everyone gets this habit

    def applies(self, answers: Mapping[str, Any]) -> bool:
        return not self.when_any or any(c.holds(answers) for c in self.when_any)


def choose_habits(habits: Iterable[Habit], answers: Mapping[str, Any]) -> tuple[Habit, ...]:
    """The habits for this person's checklist, in catalogue order."""
    return tuple(h for h in habits if h.applies(answers))


@dataclass(frozen=True, slots=True)
class HabitTick:
    person_id: str
    day: date
    habit_id: str


@dataclass(frozen=True, slots=True)
class HabitDay:
    day: date
    done: tuple[str, ...]
    total: int

    @property
    def complete(self) -> bool:
        return self.total > 0 and len(self.done) >= self.total


@dataclass(frozen=True, slots=True)
class HabitSummary:
    today: HabitDay
    streak_days: int  # days in a row, up to today, with every habit ticked
    last_7_days_pct: float  # share of habit ticks done over the last 7 days
    per_habit_7_days: dict[str, int]


def summarise_habits(
    habits: tuple[Habit, ...], ticks: Iterable[HabitTick], today: date
) -> HabitSummary:
    """Today's ticks, the streak of complete days and the last week's completion.

    Today counts toward the streak only once complete; an unfinished today does not break it.
    """
    ids = {h.id for h in habits}
    by_day: dict[date, set[str]] = {}
    for tick in ticks:
        if tick.habit_id in ids:
            by_day.setdefault(tick.day, set()).add(tick.habit_id)

    def day_of(d: date) -> HabitDay:
        return HabitDay(d, tuple(sorted(by_day.get(d, set()))), len(ids))

    streak = 0
    cursor = today if day_of(today).complete else today - timedelta(days=1)
    while ids and day_of(cursor).complete:
        streak += 1
        cursor -= timedelta(days=1)
    week = [today - timedelta(days=i) for i in range(7)]
    done = sum(len(by_day.get(d, set())) for d in week)
    pct = 100.0 * done / (len(ids) * 7) if ids else 0.0
    per_habit = {h.id: sum(1 for d in week if h.id in by_day.get(d, set())) for h in habits}
    return HabitSummary(day_of(today), streak, round(pct, 1), per_habit)
