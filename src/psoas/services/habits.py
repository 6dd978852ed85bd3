"""The daily habit checklist: chosen from the latest screening answers, ticked day by day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from psoas.domain.errors import InvalidValue
from psoas.domain.habits import Habit, HabitSummary, HabitTick, choose_habits, summarise_habits
from psoas.services.context import Context

HISTORY_DAYS = 60


@dataclass(frozen=True, slots=True)
class HabitChecklist:
    habits: tuple[Habit, ...]
    summary: HabitSummary


def person_habits(ctx: Context, person_id: str) -> tuple[Habit, ...]:
    """The habits that apply to this person (everyone's habits when not yet assessed)."""
    with ctx.uow() as uow:
        uow.people.get(person_id)
        assessment = uow.assessments.latest(person_id)
    answers = assessment.answers if assessment else {}
    return choose_habits(ctx.habits, answers)


def checklist(ctx: Context, person_id: str, today: date) -> HabitChecklist:
    habits = person_habits(ctx, person_id)
    with ctx.uow() as uow:
        ticks = uow.habits.list(person_id, since=today - timedelta(days=HISTORY_DAYS))
    return HabitChecklist(habits, summarise_habits(habits, ticks, today))


def set_habit(
    ctx: Context, person_id: str, habit_id: str, day: date, *, done: bool = True
) -> HabitChecklist:
    """Tick (or untick) one habit on ``day``; only the person's own habits, never future days."""
    habits = person_habits(ctx, person_id)
    if habit_id not in {h.id for h in habits}:
        known = ", ".join(h.id for h in habits)
        raise InvalidValue("habit", f"'{habit_id}' is not on your checklist; choose from {known}")
    today = ctx.clock.today()
    if day > today:
        raise InvalidValue("day", "cannot tick a habit for a day that has not come yet")
    if day < today - timedelta(days=HISTORY_DAYS):
        raise InvalidValue("day", f"only the last {HISTORY_DAYS} days can be changed")
    with ctx.uow() as uow:
        if done:
            uow.habits.tick(HabitTick(person_id, day, habit_id))
        else:
            uow.habits.untick(person_id, day, habit_id)
    return checklist(ctx, person_id, today)
