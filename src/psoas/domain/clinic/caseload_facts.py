"""What the caseload needs to know about one client, read in a few bounded queries for the
whole caseload instead of each client's whole history.

The facts are exactly what the attention list uses: the latest assessment, the plans whose
sessions can fall in the four weeks of adherence, which sessions were logged in (and a little
before) that window, the last activity, the first and last day with a pain reading (the pain
trend compares those two days), and the alert inputs since the clinician last looked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from math import fsum

from psoas.domain.clinic.caseload import WINDOW
from psoas.domain.planning.plans import Plan
from psoas.domain.progress.summary import PainPoint
from psoas.domain.records.measurements import Measurement
from psoas.domain.records.people import Person
from psoas.domain.records.session_logs import SessionLog
from psoas.domain.screening.assessment import Assessment

ALERT_WINDOW = timedelta(days=14)  # alerts older than this have had their time on the caseload
EARLY_LOGS = timedelta(days=28)  # a session done up to four weeks ahead of its day still counts


@dataclass(frozen=True, slots=True)
class LogMark:
    """The part of a session log adherence looks at."""

    session_id: str | None
    completed: bool


@dataclass(frozen=True, slots=True)
class ClientFacts:
    person: Person
    assessment: Assessment | None  # the latest
    plans: tuple[Plan, ...]  # oldest first: the newest and every plan still in effect then
    marks: tuple[LogMark, ...]  # logs dated from ``logs_since(today)`` up to today
    last_activity: date | None
    pain_days: tuple[PainPoint, ...]  # the first and the last day with pain readings
    seen_at: datetime | None  # when the clinician last marked the alerts seen
    recent_logs: tuple[SessionLog, ...]  # since ``alerts_since``, oldest first
    recent_pains: tuple[Measurement, ...]  # pain readings since ``alerts_since``
    unread_messages: int
    client_plan_changes: tuple[datetime, ...]  # the client's changes not yet seen

    @property
    def plan(self) -> Plan | None:
        return self.plans[-1] if self.plans else None


def adherence_start(today: date) -> date:
    """The first day of the two fortnights the attention list compares."""
    return today - 2 * WINDOW + timedelta(days=1)


def logs_since(today: date) -> date:
    return adherence_start(today) - EARLY_LOGS


def alerts_since(today: date, seen_at: datetime | None) -> date:
    """Alerts look back two weeks, or only to the day the clinician last marked them seen."""
    since = today - ALERT_WINDOW
    if seen_at is not None and seen_at.date() > since:
        return seen_at.date()
    return since


def plans_in_effect(starts: list[date], window_start: date) -> int:
    """The index of the oldest plan (of plans oldest first, by their start days) whose sessions
    can still be due from ``window_start``: a newer plan replaces the older ones from its start,
    so everything before the last plan started by then is replaced in the window."""
    started = [i for i, start in enumerate(starts) if start <= window_start]
    return started[-1] if started else 0


def pain_day(readings: list[float], day: date) -> PainPoint:
    """A day's pain as the pain points compute it (the mean, to one decimal)."""
    return PainPoint(day, round(fsum(readings) / len(readings), 1))
