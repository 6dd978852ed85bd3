"""The reminder runner loop itself, over simulated days, on real SQLite.

The clock behaves like the real one: every sleep wakes a few milliseconds late, a sleep can
overrun by minutes (a busy machine), and a laptop suspended during a sleep wakes the runner
shortly after the resume (``SystemClock.sleep`` checks the wall clock in short steps, because
a plain sleep on Linux does not count suspended time).
The notifier is the only stand-in; it records when each reminder was shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import cycle
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from tests import factories as f
from tests.fakes import FakeClock

from psoas.catalogue import load_catalogue
from psoas.domain.habits.breaks import day_schedule
from psoas.domain.planning.plans import SessionKind
from psoas.services import people
from psoas.services.reminder_settings import configure_reminders
from psoas.services.reminders import (
    Reminder,
    break_status,
    person_zone,
    run_reminders,
)

LATE = timedelta(milliseconds=7)


class RealisticClock(FakeClock):
    """Wakes ``LATE`` after each sleep; ``oversleep`` and ``suspend`` make chosen sleeps longer."""

    def __init__(self, now: datetime) -> None:
        super().__init__(now)
        self.oversleep: dict[datetime, timedelta] = {}  # a sleep spanning the key runs longer
        self.suspend: tuple[datetime, datetime] | None = None

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        start, target = self.now(), self.now() + timedelta(seconds=max(0.0, seconds))
        extra = LATE
        for moment, longer in self.oversleep.items():
            if start < moment <= target:
                extra += longer
        wake = target + extra
        if self.suspend and start < self.suspend[0] <= target:
            # SystemClock.sleep naps in short steps against the wall clock, so after a resume
            # it returns within one step (at most 30 s) or at the target, whichever is later.
            wake = max(wake, self.suspend[1] + timedelta(seconds=20))
        self.set(wake.astimezone(UTC))  # elapsed time, not wall-clock arithmetic


@dataclass
class RecordingDesktop:
    """Notes the moment each notification appears; answers from a repeating script."""

    clock: FakeClock
    answers: list[str | None] = field(default_factory=lambda: [None])
    shown: list[datetime] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._answers = cycle(self.answers)

    def notify(self, title, body, actions=None):
        self.shown.append(self.clock.now())
        return SimpleNamespace(shown=True, how="desktop", note="", action=next(self._answers))


def make_person(tmp_path, zone: str, begin: datetime, **changes):
    clock = RealisticClock(begin.astimezone(UTC))
    ctx = f.sqlite_context(tmp_path, clock=clock, catalogue_=load_catalogue())
    person = people.add_person(ctx, "Desk worker", timezone=zone)
    configure_reminders(ctx, person.id, {"enabled": True, **changes})
    return ctx, clock, person


# Days with a daylight-saving change (both directions) and an ordinary day in UTC.
DST_DAYS = [
    ("UTC", date(2026, 3, 29)),
    ("Europe/Berlin", date(2026, 3, 29)),
    ("Europe/Berlin", date(2026, 10, 25)),
    ("America/New_York", date(2026, 3, 8)),
    ("America/New_York", date(2026, 11, 1)),
]


@pytest.mark.parametrize(("zone", "day"), DST_DAYS)
def test_every_break_of_a_day_across_a_clock_change_fires_at_its_time(tmp_path, zone, day):
    tz = ZoneInfo(zone)
    start = datetime.combine(day, time(0, 0), tzinfo=tz)
    all_week = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    ctx, clock, person = make_person(
        tmp_path, zone, start, days=all_week, start="00:00", end="06:00", interval=20
    )
    asked: list[Reminder] = []
    desktop = RecordingDesktop(clock, answers=[None, "taken", None, "skip"])
    until = datetime.combine(day, time(7, 0), tzinfo=tz)
    run_reminders(ctx, person.id, desktop, ask=lambda r: asked.append(r), until=until)
    settings = people.get_reminders(ctx, person.id)
    planned = day_schedule(day, settings, tz)
    unanswered = sum(1 for i in range(len(planned)) if i % 2 == 0)  # None, taken, None, skip
    assert len(desktop.shown) == len(planned) and len(asked) == unanswered
    for shown, due in zip(desktop.shown, planned, strict=True):
        assert timedelta(0) <= shown - due < timedelta(seconds=1)  # taken breaks drift by ms
    gaps = {round((b - a).total_seconds() / 60) for a, b in zip(desktop.shown, desktop.shown[1:])}
    assert gaps == {20}  # real elapsed minutes, also across the clock change
    status = break_status(ctx, person.id, until)
    assert (status.today.due, status.today.missed) == (len(planned), len(asked))
    assert status.today.taken + status.today.skipped == len(planned) - len(asked)


def test_the_old_off_by_a_few_ms_wait_would_miss_every_break(tmp_path):
    """Each sleep ends 7 ms after the due time; every break must still be shown."""
    tz = ZoneInfo("Europe/Berlin")
    monday = date(2026, 11, 23)
    ctx, clock, person = make_person(
        tmp_path, "Europe/Berlin", datetime.combine(monday, time(8), tzinfo=tz)
    )
    desktop = RecordingDesktop(clock, answers=["taken"])
    run_reminders(ctx, person.id, desktop, until=datetime.combine(monday, time(18), tzinfo=tz))
    assert len(desktop.shown) == 16  # 09:30 ... 17:00 every 30 minutes
    assert desktop.shown[0].astimezone(tz).strftime("%H:%M:%S") == "09:30:00"
    assert break_status(ctx, person.id, clock.now()).today.missed == 0


def test_a_sleep_that_overruns_a_break_shows_it_late_rather_than_never(tmp_path):
    tz = ZoneInfo("America/New_York")
    monday = date(2026, 11, 23)
    ctx, clock, person = make_person(
        tmp_path, "America/New_York", datetime.combine(monday, time(9), tzinfo=tz)
    )
    clock.oversleep[datetime.combine(monday, time(10), tzinfo=tz)] = timedelta(minutes=4)
    asked: list[datetime] = []
    desktop = RecordingDesktop(clock)
    until = datetime.combine(monday, time(11, 15), tzinfo=tz)
    run_reminders(ctx, person.id, desktop, ask=lambda r: asked.append(r.due_at), until=until)
    local = [s.astimezone(tz).strftime("%H:%M") for s in desktop.shown]
    assert local == ["09:30", "10:04", "10:30", "11:00"]
    assert [d.astimezone(tz).strftime("%H:%M") for d in asked] == [
        "09:30",
        "10:00",
        "10:30",
        "11:00",
    ]


def test_after_an_hour_suspended_only_the_latest_missed_break_is_shown(tmp_path):
    tz = ZoneInfo("Europe/Berlin")
    monday = date(2026, 11, 23)
    ctx, clock, person = make_person(
        tmp_path, "Europe/Berlin", datetime.combine(monday, time(9), tzinfo=tz)
    )
    clock.suspend = (
        datetime.combine(monday, time(10, 10), tzinfo=tz),
        datetime.combine(monday, time(11, 10), tzinfo=tz),
    )
    asked: list[datetime] = []
    desktop = RecordingDesktop(clock)
    until = datetime.combine(monday, time(12, 15), tzinfo=tz)
    run_reminders(ctx, person.id, desktop, ask=lambda r: asked.append(r.due_at), until=until)
    hhmm = [d.astimezone(tz).strftime("%H:%M") for d in asked]
    assert hhmm == ["09:30", "10:00", "11:00", "11:30", "12:00"]  # 10:30 passed while suspended
    woke = desktop.shown[2].astimezone(tz)
    assert woke - datetime.combine(monday, time(11, 10), tzinfo=tz) < timedelta(seconds=31)
    status = break_status(ctx, person.id, until)
    assert (status.today.due, status.today.missed) == (6, 6)


def test_the_session_reminder_fires_although_the_wait_ends_late(tmp_path):
    tz = ZoneInfo("America/New_York")
    monday = date(2026, 11, 23)
    ctx, clock, person = make_person(
        tmp_path, "America/New_York", datetime.combine(monday, time(17), tzinfo=tz)
    )
    configure_reminders(
        ctx, person.id, {"enabled": False, "session_reminder": True, "session_at": "07:30"}
    )
    plan = f.plan(person.id, start=monday)
    with ctx.uow() as uow:
        uow.plans.save(plan)
    assert any(s.kind != SessionKind.REST for s in plan.on(monday + timedelta(days=1)))
    desktop = RecordingDesktop(clock)
    tuesday_9 = datetime.combine(monday + timedelta(days=1), time(9), tzinfo=tz)
    assert run_reminders(ctx, person.id, desktop, until=tuesday_9) == 1
    shown = desktop.shown[0]
    assert shown.astimezone(tz).strftime("%a %H:%M") == "Tue 07:30"
    assert shown.astimezone(UTC).strftime("%H:%M") == "12:30"
    assert str(person_zone(ctx, person.id)) == "America/New_York"


def test_a_run_that_starts_after_the_break_does_not_show_old_ones(tmp_path):
    tz = ZoneInfo("UTC")
    monday = date(2026, 11, 23)
    ctx, clock, person = make_person(
        tmp_path, "UTC", datetime.combine(monday, time(9, 31), tzinfo=tz)
    )
    desktop = RecordingDesktop(clock)
    run_reminders(ctx, person.id, desktop, until=datetime.combine(monday, time(10, 5), tzinfo=tz))
    assert [s.strftime("%H:%M") for s in desktop.shown] == ["10:00"]
