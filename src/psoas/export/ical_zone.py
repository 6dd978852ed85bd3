"""A VTIMEZONE built from the zone's rules (RFC 5545 section 3.6.5), not a list of dates.

icalendar's ``add_missing_timezones`` writes every transition from 1970 to 2037 as RDATEs, and
some readers (vobject) then place events after the current year on the wrong side of a
switch. Here the zone's current yearly rule is found from its transitions in the export year
and written as two observances with ``RRULE:FREQ=YEARLY;BYMONTH=..;BYDAY=..``, which every
reader understands; a zone without daylight saving gets one STANDARD observance.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _transitions(zone: ZoneInfo, year: int) -> list[datetime]:
    """The UTC instants in ``year`` where the zone's offset changes (to the minute)."""
    found = []
    moment = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    step = timedelta(days=1)
    while moment < end:
        after = moment + step
        if moment.astimezone(zone).utcoffset() != after.astimezone(zone).utcoffset():
            low, high = moment, after
            while high - low > timedelta(minutes=1):
                middle = low + (high - low) / 2
                same = low.astimezone(zone).utcoffset() == middle.astimezone(zone).utcoffset()
                low, high = (middle, high) if same else (low, middle)
            found.append(high.replace(second=0, microsecond=0))
        moment = after
    return found


def _byday(local: datetime) -> str:
    """The rule's day: 2SU for the second Sunday, -1SU for the last one of the month."""
    last = local.day + 7 > monthrange(local.year, local.month)[1]
    week = -1 if last else (local.day - 1) // 7 + 1
    return f"{week}{_DAYS[local.weekday()]}"


def _observance(zone: ZoneInfo, instant: datetime) -> TimezoneStandard | TimezoneDaylight:
    before = (instant - timedelta(minutes=1)).astimezone(zone)
    after = instant.astimezone(zone)
    daylight = bool(after.dst())
    part = TimezoneDaylight() if daylight else TimezoneStandard()
    local_start = (instant + before.utcoffset()).replace(tzinfo=None)  # wall time before it
    part.add("dtstart", local_start)
    part.add("tzoffsetfrom", before.utcoffset())
    part.add("tzoffsetto", after.utcoffset())
    part.add("tzname", after.tzname())
    part.add(
        "rrule",
        {"freq": "yearly", "bymonth": local_start.month, "byday": _byday(local_start)},
    )
    return part


def vtimezone(name: str, year: int) -> Timezone:
    """The VTIMEZONE for the IANA zone ``name`` under the rule in force in ``year``."""
    zone = ZoneInfo(name)
    tz = Timezone()
    tz.add("tzid", name)
    changes = _transitions(zone, year)
    if len(changes) == 2:
        for instant in changes:
            tz.add_component(_observance(zone, instant))
        return tz
    mid = datetime(year, 7, 1, tzinfo=UTC).astimezone(zone)
    standard = TimezoneStandard()
    standard.add("dtstart", datetime(1970, 1, 1))
    standard.add("tzoffsetfrom", mid.utcoffset())
    standard.add("tzoffsetto", mid.utcoffset())
    standard.add("tzname", mid.tzname())
    tz.add_component(standard)
    return tz
