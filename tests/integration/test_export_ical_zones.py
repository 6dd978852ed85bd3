"""Calendar times in the person's zone: TZID with a VTIMEZONE made of yearly rules, read the
same by three independent parsers (icalendar, ics, vobject), also after next year's clock
change; a new plan cancels the old plan's future events; break UIDs survive a new interval."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import ics
import pytest
import vobject
from export_samples import DTSTAMP, exercises, plan
from icalendar import Calendar

from psoas.domain.habits.breaks import BreakSettings
from psoas.domain.planning.plans import Plan, SessionKind
from psoas.export.ical import ReplacedPlan, breaks_calendar, plan_to_ics, session_uid


def moved(p: Plan, start: date, plan_id: str = "plan-1") -> Plan:
    """The sample plan moved to start on ``start`` (a Monday), with its own id."""
    shift = start - p.start
    weeks = tuple(
        replace(w, sessions=tuple(replace(s, date=s.date + shift) for s in w.sessions))
        for w in p.weeks
    )
    return replace(p, id=plan_id, start=start, weeks=weeks)


# Two weeks that straddle each zone's spring switch of 2027 (the year after the export).
CASES = [
    ("Europe/Berlin", date(2027, 3, 22)),  # clocks go forward on Sunday 28 March 2027
    ("America/New_York", date(2027, 3, 8)),  # and on Sunday 14 March 2027
    ("UTC", date(2027, 3, 22)),
]


def _expected(p: Plan, zone: str) -> dict[str, datetime]:
    tz = ZoneInfo(zone)
    return {
        session_uid(p.id, s.id): datetime.combine(s.date, time(7, 30), tzinfo=tz).astimezone(UTC)
        for s in p.sessions()
        if s.kind != SessionKind.REST
    }


@pytest.mark.parametrize(("zone", "start"), CASES)
def test_sessions_are_at_7_30_local_for_three_parsers_across_the_clock_change(zone, start):
    p = moved(plan(), start)
    data = plan_to_ics(p, exercises(), tz=zone, dtstamp=DTSTAMP)
    text = data.decode("utf-8")
    lines = text.splitlines()
    first = min(s.date for s in p.sessions())
    wanted = f"DTSTART:{first:%Y%m%d}T073000Z" if zone == "UTC" else f"DTSTART;TZID={zone}:"
    assert (wanted + ("" if zone == "UTC" else f"{first:%Y%m%d}T073000")) in lines
    assert "RDATE" not in text and text.count("BEGIN:VTIMEZONE") == 1
    if zone != "UTC":
        assert sum(line.startswith("RRULE:FREQ=YEARLY") for line in lines) == 2
    expected = _expected(p, zone)
    by_icalendar = {
        str(e["UID"]): e.decoded("DTSTART").astimezone(UTC)
        for e in Calendar.from_ical(data).walk("VEVENT")
    }
    by_ics = {e.uid: e.begin.datetime.astimezone(UTC) for e in ics.Calendar(text).events}
    by_vobject = {
        e.uid.value: e.dtstart.value.astimezone(UTC)
        for e in vobject.readOne(io.StringIO(text)).vevent_list
    }
    assert by_icalendar == by_ics == by_vobject == expected


def test_a_new_york_person_gets_new_york_times():
    data = plan_to_ics(plan(), exercises(), tz="America/New_York", dtstamp=DTSTAMP).decode()
    assert "DTSTART;TZID=America/New_York:20261123T073000" in data.splitlines()
    assert "TZID:America/New_York" in data and "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3" in data


def test_a_new_plan_cancels_the_old_plans_future_events():
    old = plan()
    new = moved(plan(), date(2026, 11, 30), plan_id="plan-2")
    made_on = datetime(2026, 11, 26, 20, 0, tzinfo=UTC)  # Thursday of the old plan's week 1
    data = plan_to_ics(
        new, exercises(), tz="Europe/Berlin", dtstamp=made_on, replaced=[ReplacedPlan(old, 2)]
    )
    events = Calendar.from_ical(data).walk("VEVENT")
    olds = [e for e in events if str(e["UID"]).startswith("plan-1.")]
    future = [s for s in old.sessions() if s.kind != SessionKind.REST and s.date >= made_on.date()]
    assert {str(e["UID"]) for e in olds} == {session_uid(old.id, s.id) for s in future}
    assert all(str(e["STATUS"]) == "CANCELLED" and e["SEQUENCE"] == 3 for e in olds)
    news = [e for e in events if str(e["UID"]).startswith("plan-2.")]
    assert news and all(str(e["STATUS"]) == "CONFIRMED" for e in news)
    parsed = ics.Calendar(data.decode())
    assert {e.status for e in parsed.events if e.uid.startswith("plan-1.")} == {"CANCELLED"}


def test_break_uids_survive_a_new_interval_and_dropped_breaks_are_cancelled():
    every_30 = BreakSettings(enabled=True, interval_minutes=30)
    every_45 = replace(every_30, interval_minutes=45)
    first = breaks_calendar(
        every_30, start=date(2026, 11, 23), tz="Europe/Berlin", dtstamp=DTSTAMP, calendar_id="p"
    )
    later = DTSTAMP + timedelta(days=3)
    second = breaks_calendar(
        every_45, start=date(2026, 11, 26), tz="Europe/Berlin", dtstamp=later, calendar_id="p"
    )

    def live(data: bytes) -> dict[str, int]:
        return {
            str(e["UID"]): int(e["SEQUENCE"])
            for e in Calendar.from_ical(data).walk("VEVENT")
            if str(e["STATUS"]) == "CONFIRMED"
        }

    before, after = live(first), live(second)
    assert len(before) == 15 and len(after) == 10  # 09:30..16:30, then 09:45..16:30
    assert set(after) < set(before)  # the same events, moved: no duplicates
    assert all(after[uid] > before[uid] for uid in after)
    cancelled = {
        str(e["UID"])
        for e in Calendar.from_ical(second).walk("VEVENT")
        if str(e["STATUS"]) == "CANCELLED"
    }
    assert set(before) - set(after) <= cancelled
    assert "DTSTART;TZID=Europe/Berlin:20261126T094500" in second.decode().splitlines()


def test_exporting_after_a_new_plan_cancels_the_stored_old_plan_from_today(tmp_path):
    """Through storage: the export service finds the earlier plan and its revision."""
    from tests import factories as f
    from tests.fakes import FakeClock

    from psoas.export import files
    from psoas.services import exports, people

    clock = FakeClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    ctx = f.sqlite_context(tmp_path, clock=clock)
    person = people.add_person(ctx, "Sam", timezone="America/New_York")
    old = f.plan(person.id, start=date(2026, 11, 23), weeks=2, id="plan-old")
    new = f.plan(person.id, start=date(2026, 11, 25), weeks=1, id="plan-new")
    with ctx.uow() as uow:
        uow.plans.save(old)
    with ctx.uow() as uow:
        uow.plans.save(replace(new, created_at=clock.now()))
    d = exports.plan_export(ctx, person.id)
    assert d.plan.id == "plan-new" and [p.id for p, _ in d.replaced] == ["plan-old"]
    made = files.plan_ics(
        d.person, d.plan, d.exercises, dtstamp=clock.now(), replaced=d.replaced
    ).content.decode()
    events = Calendar.from_ical(made).walk("VEVENT")
    cancelled = sorted(str(e["UID"]) for e in events if str(e["STATUS"]) == "CANCELLED")
    kept = [s for s in old.sessions() if s.date >= date(2026, 11, 25)]
    assert cancelled == sorted(session_uid(old.id, s.id) for s in kept)
    assert f"DTSTART;TZID=America/New_York:20261125T{old.preferences.preferred_time:%H%M%S}" in (
        made.splitlines()
    )
