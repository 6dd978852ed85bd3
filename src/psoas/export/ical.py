"""The plan and sitting-break reminders as iCalendar files (RFC 5545).

Rules kept on purpose (peers get them wrong):
- VERSION is the spec version "2.0" (section 3.7.4), never the app version;
- every VEVENT has a DTSTAMP (section 3.6.1), passed in so the bytes are deterministic;
- UIDs are derived from the plan id and the session id, so re-exporting the same plan gives the
  same UIDs and a calendar re-importing the file updates events instead of duplicating them;
  SEQUENCE carries the plan's revision so the update wins;
- DTEND is always later than DTSTART (section 3.8.2.2), and times carry the person's TZID with
  a matching VTIMEZONE.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Alarm, Calendar, Event

from psoas.domain.breaks import BreakSettings, QuietPeriod
from psoas.domain.durations import planned_session_seconds
from psoas.domain.errors import InvalidValue
from psoas.domain.exercises import Exercise
from psoas.domain.people import WEEKDAYS
from psoas.domain.plans import Plan, PlannedSession, SessionKind
from psoas.export.wording import KIND_TITLES, dose_text

PRODID = "-//psoas//psoas exercise plan//EN"
UID_DOMAIN = "psoas.invalid"
_BYDAY = dict(zip(WEEKDAYS, ("MO", "TU", "WE", "TH", "FR", "SA", "SU"), strict=True))


def zone(tz: str) -> ZoneInfo:
    """The IANA time zone named ``tz``; InvalidValue naming the field when it is unknown."""
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidValue(
            "timezone", f"unknown time zone {tz!r}; use an IANA name such as Europe/Berlin"
        ) from None


def session_uid(plan_id: str, session_id: str) -> str:
    """The stable UID of one planned session's event."""
    return f"{plan_id}.{session_id}@{UID_DOMAIN}"


def _new_calendar(name: str, tz: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", tz)
    return cal


def _finish(cal: Calendar) -> bytes:
    cal.add_missing_timezones()
    return cal.to_ical()


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise InvalidValue("dtstamp", "must be timezone-aware")
    return moment.astimezone(ZoneInfo("UTC"))


def session_description(session: PlannedSession, exercises: Mapping[str, Exercise]) -> str:
    """Plain text: one line per exercise with its dose, then a short safety reminder."""
    lines = []
    for p in session.prescriptions:
        exercise = exercises.get(p.exercise_id)
        name = exercise.name if exercise else p.exercise_id
        lines.append(f"- {name}: {dose_text(p)}")
    lines.append("")
    lines.append("Stop and rest if pain rises above 5 out of 10 or anything feels wrong.")
    return "\n".join(lines)


def _alarm(minutes_before: int, text: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", timedelta(minutes=-minutes_before))
    return alarm


def plan_to_ics(
    plan: Plan,
    exercises: Mapping[str, Exercise],
    *,
    tz: str,
    dtstamp: datetime,
    estimate_seconds: Callable[[PlannedSession], int] | None = None,
    revision: int = 0,
    last_modified: datetime | None = None,
    alarm_minutes: int = 10,
) -> bytes:
    """One VEVENT per non-rest session at the preferred time in ``tz``.

    ``estimate_seconds`` gives a session's duration (default: the shared domain estimate);
    ``revision`` is how many times the plan changed (weekly reviews), used as SEQUENCE;
    ``last_modified`` defaults to the plan's creation time. A stopped plan's events are
    exported as CANCELLED so calendars that already hold them remove them.
    """
    zone_info = zone(tz)
    stamp = _utc(dtstamp)
    modified = _utc(last_modified or plan.created_at)
    estimate = estimate_seconds or planned_session_seconds
    cal = _new_calendar("psoas plan", tz)
    for session in plan.sessions():
        if session.kind == SessionKind.REST:
            continue
        start = datetime.combine(session.date, plan.preferences.preferred_time, tzinfo=zone_info)
        minutes = max(1, -(-estimate(session) // 60))
        event = Event()
        event.add("uid", session_uid(plan.id, session.id))
        event.add("dtstamp", stamp)
        event.add("last-modified", modified)
        event.add("sequence", revision)
        event.add("summary", f"{session.title or KIND_TITLES[session.kind]} (psoas)")
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=minutes))
        event.add("description", session_description(session, exercises))
        event.add("categories", ["Exercise", session.kind.value])
        event.add("transp", "OPAQUE")
        event.add("status", "CANCELLED" if plan.stopped_reason else "CONFIRMED")
        if not plan.stopped_reason:
            event.add_component(_alarm(alarm_minutes, f"{minutes} minutes of psoas exercise soon"))
        cal.add_component(event)
    return _finish(cal)


def _check_breaks(work_days: Sequence[str], start: time, end: time, interval: int) -> None:
    unknown = [d for d in work_days if d not in WEEKDAYS]
    if unknown or not work_days:
        raise InvalidValue("work_days", f"choose one or more of {', '.join(WEEKDAYS)}")
    if end <= start:
        raise InvalidValue("work_end", "must be later than work_start")
    if not 5 <= interval <= 120:
        raise InvalidValue("interval_minutes", "must be between 5 and 120")


def break_times(work_start: time, work_end: time, interval_minutes: int) -> list[time]:
    """The reminder times of one working day: every interval after the start, before the end."""
    day = date(2000, 1, 3)
    moment = datetime.combine(day, work_start) + timedelta(minutes=interval_minutes)
    finish = datetime.combine(day, work_end)
    times = []
    while moment < finish:
        times.append(moment.time())
        moment += timedelta(minutes=interval_minutes)
    return times


def breaks_to_ics(
    *,
    work_days: Sequence[str],
    work_start: time,
    work_end: time,
    interval_minutes: int,
    start: date,
    tz: str,
    dtstamp: datetime,
    calendar_id: str,
    break_minutes: int = 2,
    quiet_periods: Sequence[QuietPeriod] = (),
) -> bytes:
    """Sitting-break reminders: one weekly-recurring event per reminder time of the work day.

    Each reminder time is its own event with ``RRULE:FREQ=WEEKLY;BYDAY=...`` (the widely
    supported form), starting on the first work day on or after ``start``. ``calendar_id``
    (for example the person id) keeps UIDs stable across exports.
    """
    _check_breaks(work_days, work_start, work_end, interval_minutes)
    zone_info = zone(tz)
    stamp = _utc(dtstamp)
    first = start
    while WEEKDAYS[first.weekday()] not in work_days:
        first += timedelta(days=1)
    byday = [_BYDAY[d] for d in WEEKDAYS if d in work_days]
    cal = _new_calendar("psoas sitting breaks", tz)
    for moment in break_times(work_start, work_end, interval_minutes):
        if any(quiet.contains(moment) for quiet in quiet_periods):
            continue
        begin = datetime.combine(first, moment, tzinfo=zone_info)
        event = Event()
        event.add("uid", f"break.{calendar_id}.{moment:%H%M}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("sequence", 0)
        event.add("summary", "Stand up and move for a minute or two")
        event.add("description", "A short break from sitting: stand, walk, or march in place.")
        event.add("dtstart", begin)
        event.add("dtend", begin + timedelta(minutes=break_minutes))
        event.add("rrule", {"freq": "weekly", "byday": byday})
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["Break"])
        event.add_component(_alarm(0, "Time for a short movement break"))
        cal.add_component(event)
    return _finish(cal)


def breaks_calendar(
    settings: BreakSettings, *, start: date, tz: str, dtstamp: datetime, calendar_id: str
) -> bytes:
    """The sitting-break calendar for a person's break settings (validated first)."""
    settings.validate()
    return breaks_to_ics(
        work_days=settings.working_days,
        work_start=settings.work_start,
        work_end=settings.work_end,
        interval_minutes=settings.interval_minutes,
        start=start,
        tz=tz,
        dtstamp=dtstamp,
        calendar_id=calendar_id,
        quiet_periods=settings.quiet_periods,
    )
