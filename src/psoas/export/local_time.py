"""Instants written in the person's own time zone, with its offset (issue 16).

Stored instants are UTC; a file a person reads (CSV, FHIR) shows them as their wall-clock time
with the offset that held then, e.g. ``2026-12-03T07:30:00-05:00`` in New York. The instant is
the same, so any reader that honours offsets gets the stored value back. Dates meant as local
dates (a session's day) are not instants and are written as they are.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo


@lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name or "UTC")


def local(moment: datetime, zone: str) -> datetime:
    """``moment`` in ``zone``; a naive value is taken as UTC (how psoas stores instants)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(_zone(zone))


def local_iso(moment: datetime, zone: str) -> str:
    """ISO 8601 with the zone's offset at that instant."""
    return local(moment, zone).isoformat()


def local_date(moment: datetime, zone: str) -> date:
    """The person's calendar day at that instant."""
    return local(moment, zone).date()
