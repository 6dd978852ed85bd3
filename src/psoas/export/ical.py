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
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Alarm, Calendar, Event

from psoas.domain.catalogue.exercises import Exercise
from psoas.domain.errors import InvalidValue
from psoas.domain.habits.breaks import BreakSettings, QuietPeriod
from psoas.domain.planning.durations import planned_session_seconds
from psoas.domain.planning.plans import Plan, PlannedSession, SessionKind
from psoas.domain.records.people import WEEKDAYS
from psoas.export.ical_zone import vtimezone
from psoas.export.wording import KIND_TITLES, dose_text

PRODID = "-//psoas//psoas exercise plan//EN"
UID_DOMAIN = "psoas.invalid"
MAX_BREAKS_A_DAY = 24 * 60 // 20  # the shortest interval is 20 minutes
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


def _finish(cal: Calendar, tz: str, first: date) -> bytes:
    """The calendar's bytes with the zone's VTIMEZONE first (its rule from the year before the
    first event, so every event lies after the observances' start)."""
    cal.subcomponents.insert(0, vtimezone(tz, first.year - 1))
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


@dataclass(frozen=True, slots=True)
class ReplacedPlan:
    """An earlier plan whose events calendars may still hold, and its last SEQUENCE."""

    plan: Plan
    revision: int


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
    replaced: Sequence[ReplacedPlan] = (),
) -> bytes:
    """One VEVENT per non-rest session at the preferred time in ``tz``.

    ``estimate_seconds`` gives a session's duration (default: the shared domain estimate);
    ``revision`` is how many times the plan changed (weekly reviews), used as SEQUENCE;
    ``last_modified`` defaults to the plan's creation time. A stopped plan's events are
    exported as CANCELLED so calendars that already hold them remove them; so are the events
    of ``replaced`` plans from the export day on (same UIDs, a higher SEQUENCE), so making a
    new plan never leaves the old plan's sessions in the calendar beside the new ones.
    """
    zone_info = zone(tz)
    stamp = _utc(dtstamp)
    today = dtstamp.astimezone(zone_info).date()
    estimate = estimate_seconds or (lambda s: planned_session_seconds(s, exercises))
    cal = _new_calendar("psoas plan", tz)
    for old in replaced:
        for session in old.plan.sessions():
            if session.kind != SessionKind.REST and session.date >= today:
                event = _session_event(old.plan, session, exercises, zone_info, estimate)
                _stamp(event, stamp, stamp, old.revision + 1, cancelled=True)
                cal.add_component(event)
    modified = _utc(last_modified or plan.created_at)
    for session in plan.sessions():
        if session.kind == SessionKind.REST:
            continue
        event = _session_event(plan, session, exercises, zone_info, estimate)
        _stamp(event, stamp, modified, revision, cancelled=bool(plan.stopped_reason))
        if not plan.stopped_reason:
            minutes = int((event.end - event.start).total_seconds() // 60)
            event.add_component(_alarm(alarm_minutes, f"{minutes} minutes of psoas exercise soon"))
        cal.add_component(event)
    first = min((s.date for s in plan.sessions()), default=today)
    return _finish(cal, tz, min(first, today))


def _session_event(
    plan: Plan,
    session: PlannedSession,
    exercises: Mapping[str, Exercise],
    zone_info: ZoneInfo,
    estimate: Callable[[PlannedSession], int],
) -> Event:
    """The session's event at the person's preferred time, in their zone (TZID)."""
    start = datetime.combine(session.date, plan.preferences.preferred_time, tzinfo=zone_info)
    minutes = max(1, -(-estimate(session) // 60))
    event = Event()
    event.add("uid", session_uid(plan.id, session.id))
    event.add("summary", f"{session.title or KIND_TITLES[session.kind]} (psoas)")
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=minutes))
    event.add("description", session_description(session, exercises))
    event.add("categories", ["Exercise", session.kind.value])
    event.add("transp", "OPAQUE")
    return event


def _stamp(
    event: Event, stamp: datetime, modified: datetime, sequence: int, *, cancelled: bool
) -> None:
    event.add("dtstamp", stamp)
    event.add("last-modified", modified)
    event.add("sequence", sequence)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")


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


def _export_sequence(stamp: datetime) -> int:
    """Minutes since 2020: grows with every export, so a changed schedule always wins."""
    return int((stamp - datetime(2020, 1, 1, tzinfo=ZoneInfo("UTC"))).total_seconds() // 60)


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
    supported form), starting on the first work day on or after ``start``. UIDs are the
    person (``calendar_id``) and the break's number in the day, so a new interval updates the
    same events (SEQUENCE grows with each export); numbers the new schedule no longer has,
    up to the most a day can hold, are sent as CANCELLED so no old break stays behind.
    """
    _check_breaks(work_days, work_start, work_end, interval_minutes)
    zone_info = zone(tz)
    stamp = _utc(dtstamp)
    first = start
    while WEEKDAYS[first.weekday()] not in work_days:
        first += timedelta(days=1)
    byday = [_BYDAY[d] for d in WEEKDAYS if d in work_days]
    cal = _new_calendar("psoas sitting breaks", tz)
    sequence = _export_sequence(stamp)
    moments = [
        m
        for m in break_times(work_start, work_end, interval_minutes)
        if not any(quiet.contains(m) for quiet in quiet_periods)
    ]
    for slot in range(max(MAX_BREAKS_A_DAY, len(moments))):
        event = Event()
        event.add("uid", f"break.{calendar_id}.{slot + 1}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("sequence", sequence)
        event.add("summary", "Stand up and move for a minute or two")
        if slot >= len(moments):  # a break an earlier, more frequent schedule had
            begin = datetime.combine(first, work_end, tzinfo=zone_info)
            event.add("dtstart", begin)
            event.add("dtend", begin + timedelta(minutes=break_minutes))
            event.add("status", "CANCELLED")
            cal.add_component(event)
            continue
        begin = datetime.combine(first, moments[slot], tzinfo=zone_info)
        event.add("description", "A short break from sitting: stand, walk, or march in place.")
        event.add("dtstart", begin)
        event.add("dtend", begin + timedelta(minutes=break_minutes))
        event.add("rrule", {"freq": "weekly", "byday": byday})
        event.add("transp", "TRANSPARENT")
        event.add("status", "CONFIRMED")
        event.add("categories", ["Break"])
        event.add_component(_alarm(0, "Time for a short movement break"))
        cal.add_component(event)
    return _finish(cal, tz, first)


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
