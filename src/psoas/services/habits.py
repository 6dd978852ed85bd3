"""The daily habit checklist: chosen from the latest screening answers, ticked day by day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from psoas.domain.errors import InvalidValue
from psoas.domain.habits.checklist import (
    Habit,
    HabitSummary,
    HabitTick,
    choose_habits,
    summarise_habits,
)
from psoas.services.context import Context
from psoas.services.reading import reading

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
    with reading(ctx) as page:  # one transaction for the habits and their ticks
        habits = person_habits(page, person_id)
        with page.uow() as uow:
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


@dataclass(frozen=True, slots=True)
class HabitProgressItem:
    id: str
    title: str
    done_today: bool
    days_last_7: int


@dataclass(frozen=True, slots=True)
class HabitProgress:
    """The habit part of progress, kept apart from the progress domain's summary."""

    total: int
    done_today: int
    streak_days: int
    last_7_days_pct: float
    habits: tuple[HabitProgressItem, ...]
    sentence: str


def habit_progress(ctx: Context, person_id: str, today: date) -> HabitProgress:
    """Today's ticks, the streak and the last week, per habit and in one sentence."""
    found = checklist(ctx, person_id, today)
    summary = found.summary
    items = tuple(
        HabitProgressItem(
            h.id, h.title, h.id in summary.today.done, summary.per_habit_7_days.get(h.id, 0)
        )
        for h in found.habits
    )
    if not items:
        sentence = "No daily habits on your checklist."
    else:
        days = "day" if summary.streak_days == 1 else "days"
        sentence = (
            f"{len(summary.today.done)} of {len(items)} habits ticked today; "
            f"every habit done {summary.streak_days} {days} in a row; "
            f"{summary.last_7_days_pct:g} % of habit ticks over the last 7 days."
        )
    return HabitProgress(
        total=len(items),
        done_today=len(summary.today.done),
        streak_days=summary.streak_days,
        last_7_days_pct=summary.last_7_days_pct,
        habits=items,
        sentence=sentence,
    )
