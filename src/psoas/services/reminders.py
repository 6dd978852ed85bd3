"""Sitting-break and session reminders: the next reminder, outcomes and the loop.

Changing the reminder settings is ``psoas.services.reminder_settings``.

The scheduling decisions are the pure functions of ``psoas.domain.habits.breaks``; this module loads
what they need (settings, the person's time zone, today's outcomes, today's session) and saves
what happened. ``run_reminders`` is the loop behind ``psoas breaks``: all waiting goes through
the clock port, so tests run a whole working day with a fake clock in milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from psoas.domain.habits.break_routine import break_session
from psoas.domain.habits.breaks import (
    BreakDay,
    BreakEvent,
    BreakOutcome,
    BreakSettings,
    day_schedule,
    day_status,
    next_break,
    session_reminder_at,
)
from psoas.domain.planning.plans import PlannedSession, SessionKind
from psoas.service_ports import Notifier
from psoas.services.context import Context
from psoas.services.ids import new_id
from psoas.services.people import get_reminders

ACTIONS = {"taken": "Done", "snooze": "Snooze", "skip": "Skip"}
OUTCOME_OF_ACTION = {
    "taken": BreakOutcome.TAKEN,
    "snooze": BreakOutcome.SNOOZED,
    "skip": BreakOutcome.SKIPPED,
}
MAX_WAIT_SECONDS = 300.0  # wake every few minutes so changed settings take effect
CATCH_UP = timedelta(hours=1)  # a reminder overdue by longer than this is not shown late
_TICK = timedelta(microseconds=1)


def person_zone(ctx: Context, person_id: str) -> tzinfo:
    with ctx.uow() as uow:
        name = uow.people.get(person_id).timezone
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


@dataclass(frozen=True, slots=True)
class Reminder:
    kind: str  # "break" or "session"
    due_at: datetime
    title: str
    body: str
    routine: PlannedSession | None = None  # the micro-routine of a break
    slot: int | None = None  # which break of its day (picks the micro-routine)


def _events_today(ctx: Context, person_id: str, day: date, zone: tzinfo) -> tuple[BreakEvent, ...]:
    start = datetime.combine(day, time.min, tzinfo=zone) - timedelta(hours=1)
    with ctx.uow() as uow:
        events = uow.breaks.list(person_id, since=start)
    return tuple(e for e in events if e.due_at.astimezone(zone).date() == day)


def _snoozed_until(events: tuple[BreakEvent, ...], settings: BreakSettings) -> datetime | None:
    """The end of a snooze whose reminder has not been answered since."""
    if not events:
        return None
    last = max(events, key=lambda e: e.recorded_at)
    if last.outcome != BreakOutcome.SNOOZED:
        return None
    return last.recorded_at + timedelta(minutes=settings.snooze_minutes)


def break_routine(ctx: Context, person_id: str, slot: int, day: date) -> PlannedSession | None:
    """The micro-routine for break number ``slot``, respecting the person's cautions."""
    with ctx.uow() as uow:
        assessment = uow.assessments.latest(person_id)
    cautions = assessment.result.cautions if assessment else frozenset()
    return break_session(ctx.catalogue, cautions, slot, day)


def _routine_text(ctx: Context, routine: PlannedSession | None) -> str:
    if routine is None:
        return "Stand up, walk a few steps and breathe out slowly."
    lines = []
    for p in routine.prescriptions:
        name = (
            ctx.catalogue.get(p.exercise_id).name
            if p.exercise_id in ctx.catalogue
            else p.exercise_id
        )
        lines.append(f"- {name}: {p.dose.describe()}")
    return "\n".join(lines)


def next_reminder(
    ctx: Context,
    person_id: str,
    now: datetime,
    *,
    after: datetime | None = None,
    tomorrow: bool = False,
) -> Reminder | None:
    """The next break or session reminder due after ``now`` (and after ``after``), if any.

    The session reminder is today's; with ``tomorrow`` (the runner) also the next day's.
    """
    settings = get_reminders(ctx, person_id)
    zone = person_zone(ctx, person_id)
    day = now.astimezone(zone).date()
    events = _events_today(ctx, person_id, day, zone)
    answered = [e for e in events if e.outcome != BreakOutcome.SNOOZED]
    last = max((e.recorded_at for e in answered), default=None)
    now = now.astimezone(UTC)
    floor = max(now, after + timedelta(microseconds=1)) if after else now
    due = next_break(
        floor, settings, zone, last_break_at=last, snoozed_until=_snoozed_until(events, settings)
    )
    candidates = []
    if due is not None:
        slot = sum(1 for d in day_schedule(due.astimezone(zone).date(), settings, zone) if d < due)
        routine = break_routine(ctx, person_id, slot, due.astimezone(zone).date())
        body = "Time to stand up and move for a minute or two.\n" + _routine_text(ctx, routine)
        candidates.append(Reminder("break", due, "Sitting break", body, routine, slot))
    for session_day in (day, day + timedelta(days=1))[: 2 if tomorrow else 1]:
        session_due = _session_reminder(ctx, person_id, settings, zone, session_day)
        if session_due is not None and session_due >= floor:
            candidates.append(session_due_reminder(session_due))
            break
    return min(candidates, key=lambda r: r.due_at, default=None)


def session_due_reminder(due: datetime) -> Reminder:
    return Reminder(
        "session",
        due,
        "Today's psoas session",
        "Your session for today is ready: run `psoas session`.",
    )


def _session_reminder(
    ctx: Context, person_id: str, settings: BreakSettings, zone: tzinfo, day: date
) -> datetime | None:
    with ctx.uow() as uow:
        plan = uow.plans.latest(person_id)
        logs = uow.logs.list(person_id, since=day, until=day)
    if plan is None or plan.stopped_reason:
        return None
    todays = [s for s in plan.on(day) if s.kind != SessionKind.REST]
    done_ids = {log.session_id for log in logs if log.completed}
    has = bool(todays)
    done = has and all(s.id in done_ids for s in todays)
    return session_reminder_at(day, settings, zone, has_session=has, session_done=done)


def record_break(
    ctx: Context,
    person_id: str,
    due_at: datetime,
    outcome: BreakOutcome,
    routine: tuple[str, ...] = (),
) -> BreakEvent:
    event = BreakEvent(new_id(), person_id, due_at, outcome, ctx.clock.now(), routine)
    with ctx.uow() as uow:
        uow.breaks.add(event)
    return event


@dataclass(frozen=True, slots=True)
class BreakStatus:
    settings: BreakSettings
    today: BreakDay
    next_due: Reminder | None


def break_status(ctx: Context, person_id: str, now: datetime | None = None) -> BreakStatus:
    now = now or ctx.clock.now()
    settings = get_reminders(ctx, person_id)
    zone = person_zone(ctx, person_id)
    day = now.astimezone(zone).date()
    events = _events_today(ctx, person_id, day, zone)
    return BreakStatus(
        settings, day_status(day, settings, zone, events, now), next_reminder(ctx, person_id, now)
    )


def _due_or_next(ctx: Context, person_id: str, floor: datetime, now: datetime) -> Reminder | None:
    """The reminder to show now (the latest overdue break, or an overdue session reminder),
    else the next one to wait for.

    Reminders are looked up from ``floor`` (just after the last one shown), not from ``now``:
    after sleeping until a due time the clock is always a little later, and the reminder that
    was waited for must still fire. When several breaks fell due while the machine was asleep
    or suspended, only the latest is shown; the earlier ones stay unrecorded and count as missed.
    """
    reminder = next_reminder(ctx, person_id, floor, tomorrow=True)
    while reminder is not None and reminder.kind == "break" and reminder.due_at <= now:
        later = next_reminder(
            ctx, person_id, reminder.due_at.astimezone(UTC) + _TICK, tomorrow=True
        )
        if later is None or later.kind != "break" or later.due_at > now:
            break
        reminder = later
    return reminder


def _record_answer(ctx: Context, person_id: str, reminder: Reminder, answer: str | None) -> None:
    if reminder.kind != "break" or answer not in OUTCOME_OF_ACTION:
        return
    ids = tuple(p.exercise_id for p in reminder.routine.prescriptions) if reminder.routine else ()
    record_break(ctx, person_id, reminder.due_at, OUTCOME_OF_ACTION[answer], ids)


def run_reminders(
    ctx: Context,
    person_id: str,
    notifier: Notifier,
    *,
    ask: Callable[[Reminder], str | None] | None = None,
    until: datetime | None = None,
    on_wait: Callable[[Reminder], None] | None = None,
) -> int:
    """Wait for each reminder, show it, record the answer; returns how many were shown.

    The answer comes from the desktop notification's button, else from ``ask`` (the terminal).
    An unanswered break is left unrecorded, so the status counts it as missed. The clock's sleep
    must end on the wall clock (``SystemClock.sleep`` does, also across a suspend).
    """
    shown = 0
    floor = ctx.clock.now().astimezone(UTC)
    while True:
        now = ctx.clock.now().astimezone(UTC)  # instants: local times subtract by wall clock
        if until is not None and now >= until:
            return shown
        floor = max(floor, now - CATCH_UP)
        reminder = _due_or_next(ctx, person_id, floor, now)
        if reminder is None:
            settings = get_reminders(ctx, person_id)
            if not (settings.enabled or settings.session_reminder):
                return shown
            idle = MAX_WAIT_SECONDS if until is None else (until - now).total_seconds()
            ctx.clock.sleep(max(0.0, min(idle, MAX_WAIT_SECONDS)))  # e.g. a rest day: wait
            continue
        wait = (reminder.due_at - now).total_seconds()
        if wait > 0:
            if on_wait is not None:
                on_wait(reminder)
            limit = wait if until is None else min(wait, (until - now).total_seconds())
            ctx.clock.sleep(max(0.0, min(limit, MAX_WAIT_SECONDS)))
            continue
        actions = ACTIONS if reminder.kind == "break" else None
        delivery = notifier.notify(reminder.title, reminder.body, actions)
        shown += 1
        floor = reminder.due_at.astimezone(UTC) + _TICK
        answer = delivery.action or (ask(reminder) if ask and reminder.kind == "break" else None)
        _record_answer(ctx, person_id, reminder, answer)
