"""Sitting-break and session reminders: pure scheduling over wall-clock working hours.

Breaking up sitting is promoted for its own, mainly cardiometabolic, benefits: short light
activity every 20-30 minutes (Dunstan et al. 2012) and limiting sedentary time (CSEP 2020). psoas
does not claim that sitting causes a tight psoas (clinical-facts.md section 6).

Times are computed in the person's time zone (a ``tzinfo`` passed in), and intervals are measured
in real elapsed time, so a daylight-saving change never makes a break come an hour early or late.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from psoas.domain.errors import InvalidInput, InvalidValue
from psoas.domain.records.people import WEEKDAYS

BREAK_SOURCES = (
    "Dunstan DW et al. Diabetes Care 2012;35:976-83 (2-min light walking every 20 min)",
    "Canadian 24-Hour Movement Guidelines for Adults, CSEP 2020 (break up long sitting)",
)
MIN_INTERVAL, MAX_INTERVAL, DEFAULT_INTERVAL = 20, 60, 30


@dataclass(frozen=True, slots=True)
class QuietPeriod:
    start: time
    end: time

    def contains(self, moment: time) -> bool:
        return self.start <= moment < self.end


@dataclass(frozen=True, slots=True)
class BreakSettings:
    """When and how often to remind a person to stand up and move."""

    enabled: bool = False
    working_days: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri")
    work_start: time = time(9, 0)
    work_end: time = time(17, 0)
    interval_minutes: int = DEFAULT_INTERVAL
    snooze_minutes: int = 5
    quiet_periods: tuple[QuietPeriod, ...] = ()
    session_reminder: bool = False
    session_reminder_time: time = time(18, 0)

    def validate(self) -> None:
        problems = []
        if not MIN_INTERVAL <= self.interval_minutes <= MAX_INTERVAL:
            problems.append(
                InvalidValue(
                    "interval_minutes", f"must be between {MIN_INTERVAL} and {MAX_INTERVAL}"
                )
            )
        if not 1 <= self.snooze_minutes <= 30:
            problems.append(InvalidValue("snooze_minutes", "must be between 1 and 30"))
        if self.work_end <= self.work_start:
            problems.append(InvalidValue("work_end", "must be later than work_start"))
        unknown = [d for d in self.working_days if d not in WEEKDAYS]
        if unknown:
            problems.append(InvalidValue("working_days", f"unknown day(s) {unknown}"))
        for i, quiet in enumerate(self.quiet_periods):
            if quiet.end <= quiet.start:
                problems.append(InvalidValue(f"quiet_periods[{i}]", "end must be after start"))
        if problems:
            raise InvalidInput(problems)

    def is_working_day(self, day: date) -> bool:
        return WEEKDAYS[day.weekday()] in self.working_days


class BreakOutcome(StrEnum):
    TAKEN = "taken"
    SNOOZED = "snoozed"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class BreakEvent:
    id: str
    person_id: str
    due_at: datetime
    outcome: BreakOutcome
    recorded_at: datetime
    routine: tuple[str, ...] = field(default=())  # exercise ids offered


def local_moment(day: date, at: time, tz: tzinfo) -> datetime:
    """The aware moment of a wall-clock time; a time skipped by a DST jump moves past the gap."""
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC).astimezone(tz)


def _add(moment: datetime, minutes: int, tz: tzinfo) -> datetime:
    """Add real elapsed minutes (through UTC), then show in the local zone."""
    return (moment.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(tz)


def day_schedule(day: date, settings: BreakSettings, tz: tzinfo) -> tuple[datetime, ...]:
    """Every break due on ``day``: one per interval after work starts, none in quiet periods."""
    if not settings.is_working_day(day):
        return ()
    return _every_interval(local_moment(day, settings.work_start, tz), day, settings, tz)


def _every_interval(
    origin: datetime, day: date, settings: BreakSettings, tz: tzinfo
) -> tuple[datetime, ...]:
    """Moments one interval apart after ``origin`` until work ends, skipping quiet periods."""
    end = local_moment(day, settings.work_end, tz).astimezone(UTC)
    due: list[datetime] = []
    moment = _add(origin, settings.interval_minutes, tz)
    while moment <= end:
        wall = moment.timetz().replace(tzinfo=None)
        if not any(q.contains(wall) for q in settings.quiet_periods):
            due.append(moment)
        moment = _add(moment, settings.interval_minutes, tz)
    return tuple(due)


def next_break(
    now: datetime,
    settings: BreakSettings,
    tz: tzinfo,
    *,
    last_break_at: datetime | None = None,
    snoozed_until: datetime | None = None,
    horizon_days: int = 14,
) -> datetime | None:
    """The next moment a break reminder is due at or after ``now``, or None when none is set up.

    A snooze wins while it lies in the future. After a break is taken the next one comes a full
    interval later, then follows on from there; days off and quiet periods are skipped.
    """
    if not settings.enabled:
        return None
    now = now.astimezone(UTC)  # compare instants: two times in one zone compare by wall clock
    if snoozed_until is not None and snoozed_until >= now:
        return snoozed_until
    local_now = now.astimezone(tz)
    for offset in range(horizon_days + 1):
        day = local_now.date() + timedelta(days=offset)
        for due in _after_last(day_schedule(day, settings, tz), last_break_at, settings, tz):
            if due >= now:
                return due
    return None


def _after_last(
    schedule: tuple[datetime, ...], last: datetime | None, settings: BreakSettings, tz: tzinfo
) -> tuple[datetime, ...]:
    """Shift the day's schedule so it restarts a full interval after the last break taken."""
    if last is None or not schedule:
        return schedule
    last = last.astimezone(UTC)
    if last < schedule[0] - timedelta(minutes=settings.interval_minutes):
        return schedule
    # whole minutes: a break answered a moment after its due time keeps the day's rhythm
    restart = last.replace(second=0, microsecond=0)
    return _every_interval(restart, schedule[0].astimezone(tz).date(), settings, tz)


def snooze(now: datetime, settings: BreakSettings) -> datetime:
    return now + timedelta(minutes=settings.snooze_minutes)


@dataclass(frozen=True, slots=True)
class BreakDay:
    due: int
    taken: int
    snoozed: int
    skipped: int
    missed: int


def day_status(
    day: date, settings: BreakSettings, tz: tzinfo, events: tuple[BreakEvent, ...], now: datetime
) -> BreakDay:
    """Breaks due so far today, and how many were taken, snoozed, skipped or missed.

    The day is replayed the way the reminders ran: a break taken or skipped restarts the
    interval from that moment, a snooze brings the same break back after the snooze length,
    and a break with no answer counts as missed and the next one follows an interval later.
    """
    by_due: dict[datetime, list[BreakEvent]] = {}
    for event in sorted(events, key=lambda e: e.recorded_at):
        if event.due_at.astimezone(tz).date() == day:
            by_due.setdefault(event.due_at.astimezone(UTC), []).append(event)
    counts = {outcome: 0 for outcome in BreakOutcome}
    for answers in by_due.values():
        for event in answers:
            counts[event.outcome] += 1
    due = missed = 0
    active = replace(settings, enabled=True)
    cursor = local_moment(day, time.min, tz)
    last: datetime | None = None
    while True:
        moment = next_break(cursor, active, tz, last_break_at=last, horizon_days=0)
        if moment is None or moment > now.astimezone(UTC):
            break
        due += 1
        answer = _follow_snoozes(moment, by_due, settings)
        if answer is None:
            missed += 1
            cursor = moment.astimezone(UTC) + timedelta(seconds=1)
        else:
            last = answer
            cursor = answer
    return BreakDay(
        due,
        counts[BreakOutcome.TAKEN],
        counts[BreakOutcome.SNOOZED],
        counts[BreakOutcome.SKIPPED],
        missed,
    )


def _follow_snoozes(
    moment: datetime,
    by_due: dict[datetime, list[BreakEvent]],
    settings: BreakSettings,
) -> datetime | None:
    """When the break due at ``moment`` was answered (taken or skipped), through any snoozes.

    Keys are UTC: a local time in the repeated hour of a clock change hashes like its twin.
    """
    moment = moment.astimezone(UTC)
    while by_due.get(moment):
        for event in by_due[moment]:
            if event.outcome != BreakOutcome.SNOOZED:
                return event.recorded_at
        moment = by_due[moment][-1].recorded_at.astimezone(UTC) + timedelta(
            minutes=settings.snooze_minutes
        )
    return None


def session_reminder_at(
    day: date, settings: BreakSettings, tz: tzinfo, *, has_session: bool, session_done: bool
) -> datetime | None:
    """When to remind about today's session; None on rest days or once it is done."""
    if not settings.session_reminder or not has_session or session_done:
        return None
    return local_moment(day, settings.session_reminder_time, tz)


def micro_routine(candidates: tuple[str, ...], slot: int, size: int = 2) -> tuple[str, ...]:
    """Pick ``size`` exercise ids for break number ``slot``, rotating through the day."""
    if not candidates:
        return ()
    ordered = tuple(sorted(candidates))
    return tuple(ordered[(slot * size + i) % len(ordered)] for i in range(min(size, len(ordered))))
