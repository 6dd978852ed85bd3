"""The sitting-break scheduler: working hours, quiet periods, snooze, day boundaries, DST."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from psoas.domain.errors import InvalidInput
from psoas.domain.habits.breaks import (
    BreakEvent,
    BreakOutcome,
    BreakSettings,
    QuietPeriod,
    day_schedule,
    day_status,
    micro_routine,
    next_break,
    session_reminder_at,
    snooze,
)

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
ON = BreakSettings(enabled=True)
MONDAY = date(2026, 11, 23)


def at(day: date, hh: int, mm: int = 0, tz=LONDON) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=tz)


def test_a_working_day_has_a_break_every_interval_within_hours():
    due = day_schedule(MONDAY, ON, LONDON)
    assert due[0] == at(MONDAY, 9, 30)
    assert due[-1] == at(MONDAY, 17, 0)
    assert len(due) == 16
    assert all(b - a == timedelta(minutes=30) for a, b in itertools.pairwise(due))


def test_no_breaks_on_days_off():
    saturday = date(2026, 11, 28)
    assert day_schedule(saturday, ON, LONDON) == ()


def test_quiet_periods_are_skipped():
    lunch = BreakSettings(enabled=True, quiet_periods=(QuietPeriod(time(12, 0), time(13, 0)),))
    due = day_schedule(MONDAY, lunch, LONDON)
    assert at(MONDAY, 12, 0) not in due and at(MONDAY, 12, 30) not in due
    assert at(MONDAY, 13, 0) in due


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(MONDAY, 7, 0), at(MONDAY, 9, 30)),  # before work: the first break after the start
        (at(MONDAY, 9, 31), at(MONDAY, 10, 0)),
        (at(MONDAY, 17, 1), at(MONDAY + timedelta(days=1), 9, 30)),  # after work: next day
        (at(date(2026, 11, 27), 17, 30), at(date(2026, 11, 30), 9, 30)),  # Friday -> Monday
    ],
)
def test_next_break_crosses_day_and_week_boundaries(now, expected):
    assert next_break(now, ON, LONDON) == expected


def test_disabled_reminders_never_fire():
    assert next_break(at(MONDAY, 10), BreakSettings(enabled=False), LONDON) is None


def test_snooze_wins_while_in_the_future():
    now = at(MONDAY, 10, 0)
    until = snooze(now, ON)
    assert until == at(MONDAY, 10, 5)
    assert next_break(now, ON, LONDON, snoozed_until=until) == until
    assert next_break(at(MONDAY, 10, 6), ON, LONDON, snoozed_until=until) == at(MONDAY, 10, 30)


def test_a_break_taken_restarts_the_interval():
    taken = at(MONDAY, 10, 10)
    assert next_break(at(MONDAY, 10, 11), ON, LONDON, last_break_at=taken) == at(MONDAY, 10, 40)


@pytest.mark.parametrize(
    ("day", "tz"),
    [(date(2026, 3, 8), NEW_YORK), (date(2026, 11, 1), NEW_YORK), (date(2026, 3, 29), LONDON)],
)
def test_breaks_stay_a_real_interval_apart_across_daylight_saving(day, tz):
    night_shift = BreakSettings(
        enabled=True,
        working_days=("sun",),
        work_start=time(0, 30),
        work_end=time(4, 0),
    )
    due = day_schedule(day, night_shift, tz)
    gaps = {(b.astimezone(UTC) - a.astimezone(UTC)) for a, b in itertools.pairwise(due)}
    assert gaps == {timedelta(minutes=30)}
    assert due, "the shift must have breaks"


def test_status_replays_the_day_taken_snoozed_skipped_and_missed():
    def event(due, outcome, answered=None):
        return BreakEvent(f"{due:%H%M}{outcome}", "p", due, outcome, answered or due)

    events = (
        event(at(MONDAY, 9, 30), BreakOutcome.TAKEN),
        event(at(MONDAY, 10, 0), BreakOutcome.SNOOZED),
        event(at(MONDAY, 10, 5), BreakOutcome.TAKEN),  # the snoozed break came back and was taken
        event(at(MONDAY, 10, 35), BreakOutcome.SKIPPED),  # an interval after the one taken
    )
    status = day_status(MONDAY, ON, LONDON, events, at(MONDAY, 11, 10))
    # 11:05 passed with no answer: missed
    assert (status.due, status.taken, status.snoozed, status.skipped, status.missed) == (
        4,
        2,
        1,
        1,
        1,
    )


def test_status_without_answers_counts_every_due_break_as_missed():
    status = day_status(MONDAY, ON, LONDON, (), at(MONDAY, 11, 10))
    assert (status.due, status.taken, status.missed) == (4, 0, 4)  # 9:30 10:00 10:30 11:00


def test_session_reminder_is_skipped_on_rest_days_and_when_done():
    s = BreakSettings(session_reminder=True, session_reminder_time=time(18, 30))
    assert session_reminder_at(MONDAY, s, LONDON, has_session=True, session_done=False) == at(
        MONDAY, 18, 30
    )
    assert session_reminder_at(MONDAY, s, LONDON, has_session=False, session_done=False) is None
    assert session_reminder_at(MONDAY, s, LONDON, has_session=True, session_done=True) is None


def test_micro_routine_rotates_through_the_day():
    ids = ("a", "b", "c")
    picks = [micro_routine(ids, slot) for slot in range(3)]
    assert picks == [("a", "b"), ("c", "a"), ("b", "c")]
    assert micro_routine((), 0) == ()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"interval_minutes": 10}, "interval_minutes"),
        ({"interval_minutes": 90}, "interval_minutes"),
        ({"snooze_minutes": 0}, "snooze_minutes"),
        ({"work_start": time(17), "work_end": time(9)}, "work_end"),
        ({"working_days": ("someday",)}, "working_days"),
        ({"quiet_periods": (QuietPeriod(time(13), time(12)),)}, "quiet_periods[0]"),
    ],
)
def test_bad_settings_name_the_field(kwargs, field):
    with pytest.raises(InvalidInput) as err:
        BreakSettings(**kwargs).validate()
    assert [p.field for p in err.value.problems] == [field]


@settings(max_examples=60, deadline=None)
@given(
    minutes=st.integers(0, 60 * 24 * 9),
    interval=st.integers(20, 60),
)
def test_next_break_is_never_in_the_past_and_within_working_hours(minutes, interval):
    s = BreakSettings(enabled=True, interval_minutes=interval)
    now = at(MONDAY, 0) + timedelta(minutes=minutes)
    due = next_break(now, s, LONDON)
    assert due is not None and due >= now
    local = due.astimezone(LONDON)
    assert s.is_working_day(local.date())
    assert s.work_start < local.time() <= s.work_end
