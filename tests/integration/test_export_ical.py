"""iCalendar exports: parsed by icalendar and by the independent ``ics`` library, RFC rules checked."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import ics
import pytest
from export_samples import DTSTAMP, exercises, plan
from icalendar import Calendar

from psoas.domain.errors import InvalidInput, InvalidValue
from psoas.domain.habits.breaks import BreakSettings, QuietPeriod
from psoas.domain.planning.durations import planned_session_seconds
from psoas.export.ical import (
    break_times,
    breaks_calendar,
    breaks_to_ics,
    plan_to_ics,
    session_uid,
)

TZ = "Europe/Berlin"


def _export(**kw) -> bytes:
    return plan_to_ics(plan(**kw), exercises(), tz=TZ, dtstamp=DTSTAMP)


def _events(data: bytes):
    """The calendar's events that take place (cancelled ones are tested on their own)."""
    return [e for e in Calendar.from_ical(data).walk("VEVENT") if e["STATUS"] != "CANCELLED"]


def test_one_event_per_non_rest_session_with_required_properties():
    data = _export()
    cal = Calendar.from_ical(data)
    assert str(cal["VERSION"]) == "2.0"
    assert "psoas" in str(cal["PRODID"])
    events = cal.walk("VEVENT")
    planned = [s for s in plan().sessions() if s.kind != "rest"]
    assert len(events) == len(planned) == 12
    for event in events:
        assert event.decoded("DTSTAMP") == DTSTAMP
        assert event.decoded("DTEND") > event.decoded("DTSTART")
        assert event.walk("VALARM"), "every session has a reminder"
    assert {tz["TZID"] for tz in cal.walk("VTIMEZONE")} == {TZ}


def test_times_are_the_preferred_time_in_the_persons_zone_and_last_the_estimate():
    events = {str(e["UID"]): e for e in _events(_export())}
    strength = plan().sessions()[1]
    event = events[session_uid("plan-1", strength.id)]
    start = event.decoded("DTSTART")
    assert start.tzinfo is not None and str(start.tzinfo) == TZ
    assert (start.date(), start.time()) == (strength.date, time(7, 30))
    minutes = -(-planned_session_seconds(strength, exercises()) // 60)
    assert event.decoded("DTEND") - start == timedelta(minutes=minutes)
    custom = plan_to_ics(
        plan(), exercises(), tz=TZ, dtstamp=DTSTAMP, estimate_seconds=lambda s: 900
    )
    first = _events(custom)[0]
    assert first.decoded("DTEND") - first.decoded("DTSTART") == timedelta(minutes=15)
    assert event["DTSTART"].params["TZID"] == TZ


def test_description_lists_every_exercise_with_its_dose():
    event = next(e for e in _events(_export()) if "Strength" in str(e["SUMMARY"]))
    text = str(event["DESCRIPTION"])
    assert "Supine marching: 3 x 10 reps each side" in text
    assert (
        "Half-kneeling hip flexor stretch: 2 x 30 s each side (one extra set on the left)" in text
    )
    assert "Crocodile breathing: 1 x 2 min" in text


def test_uids_are_stable_across_exports_and_the_bytes_are_deterministic():
    first, second = _export(), _export()
    assert first == second
    uids = [str(e["UID"]) for e in _events(first)]
    assert uids == [str(e["UID"]) for e in _events(second)]
    assert len(set(uids)) == len(uids)


def test_a_revised_plan_keeps_uids_and_raises_the_sequence():
    again = plan_to_ics(plan(), exercises(), tz=TZ, dtstamp=DTSTAMP, revision=2)
    before = {str(e["UID"]): int(e["SEQUENCE"]) for e in _events(_export())}
    after = {str(e["UID"]): int(e["SEQUENCE"]) for e in _events(again)}
    assert before.keys() == after.keys()
    assert all(after[uid] > before[uid] for uid in before)


def test_a_stopped_plan_cancels_its_events():
    events = Calendar.from_ical(_export(stopped="a red flag answer")).walk("VEVENT")
    assert events and {str(e["STATUS"]) for e in events} == {"CANCELLED"}


def test_the_independent_ics_parser_reads_the_plan():
    calendar = ics.Calendar(_export().decode("utf-8"))
    events = sorted(calendar.events, key=lambda e: e.begin)
    assert len(events) == 12
    assert events[0].begin.datetime == datetime(2026, 11, 23, 6, 30, tzinfo=UTC)  # 07:30 CET
    assert all(e.end > e.begin for e in events)
    assert events[0].uid == session_uid("plan-1", "w1-2026-11-23")


def test_daylight_saving_is_handled_by_the_zone():
    summer = plan_to_ics(plan(), exercises(), tz="America/New_York", dtstamp=DTSTAMP)
    first = _events(summer)[0].decoded("DTSTART")
    assert first.utcoffset() == timedelta(hours=-5)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"tz": "Mars/Olympus"}, "timezone"),
        ({"dtstamp": datetime(2026, 1, 1)}, "dtstamp"),
    ],
)
def test_bad_arguments_name_the_field(kwargs, field):
    args = {"tz": TZ, "dtstamp": DTSTAMP, **kwargs}
    with pytest.raises(InvalidValue) as info:
        plan_to_ics(plan(), exercises(), **args)
    assert info.value.field == field


def _breaks(**kw) -> bytes:
    args = {
        "work_days": ("mon", "tue", "wed", "thu", "fri"),
        "work_start": time(9, 0),
        "work_end": time(17, 0),
        "interval_minutes": 30,
        "start": date(2026, 11, 21),  # a Saturday: the first break falls on Monday
        "tz": TZ,
        "dtstamp": DTSTAMP,
        "calendar_id": "p-1",
        **kw,
    }
    return breaks_to_ics(**args)


def test_break_reminders_recur_on_work_days_within_working_hours():
    events = _events(_breaks())
    assert len(events) == 15  # 09:30 ... 16:30
    starts = sorted(e.decoded("DTSTART") for e in events)
    assert starts[0].date() == date(2026, 11, 23) and starts[0].time() == time(9, 30)
    assert starts[-1].time() == time(16, 30)
    for event in events:
        assert event.decoded("DTSTAMP") == DTSTAMP
        assert event.decoded("DTEND") > event.decoded("DTSTART")
        rule = event["RRULE"]
        assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"]
    assert _breaks() == _breaks()
    parsed = ics.Calendar(_breaks().decode("utf-8"))
    assert len([e for e in parsed.events if e.status != "CANCELLED"]) == 15


def test_break_times_stop_before_the_end_of_the_day():
    assert break_times(time(9), time(10, 15), 20) == [time(9, 20), time(9, 40), time(10, 0)]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"work_days": ("someday",)}, "work_days"),
        ({"work_days": ()}, "work_days"),
        ({"work_end": time(8, 0)}, "work_end"),
        ({"interval_minutes": 2}, "interval_minutes"),
        ({"tz": "Nowhere"}, "timezone"),
    ],
)
def test_bad_break_settings_name_the_field(kwargs, field):
    with pytest.raises(InvalidValue) as info:
        _breaks(**kwargs)
    assert info.value.field == field


def test_break_settings_leave_out_quiet_periods_and_are_validated():
    lunch = BreakSettings(
        working_days=("mon", "wed"),
        work_start=time(8, 0),
        work_end=time(12, 0),
        interval_minutes=60,
        quiet_periods=(QuietPeriod(time(10, 0), time(11, 0)),),
    )
    data = breaks_calendar(lunch, start=date(2026, 11, 24), tz=TZ, dtstamp=DTSTAMP, calendar_id="p")
    events = _events(data)
    assert sorted(e.decoded("DTSTART").time() for e in events) == [time(9, 0), time(11, 0)]
    assert {e.decoded("DTSTART").date() for e in events} == {date(2026, 11, 25)}  # first Wednesday
    assert events[0]["RRULE"]["BYDAY"] == ["MO", "WE"]
    with pytest.raises(InvalidInput):
        breaks_calendar(
            BreakSettings(interval_minutes=5),
            start=date(2026, 11, 24),
            tz=TZ,
            dtstamp=DTSTAMP,
            calendar_id="p",
        )
