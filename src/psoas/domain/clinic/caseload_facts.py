"""What the caseload needs to know about one client, read in a few bounded queries for the
whole caseload instead of each client's whole history.

The facts are exactly what the attention list uses: the latest assessment, the newest plan's
state, adherence over the last two fortnights (counted in SQL from each plan's sessions by day
and the logs of those sessions), the last activity, the first and last day with a pain reading
(the pain trend compares those two days), and the alert inputs since the clinician last
looked. ``log_pain_facts`` and ``plan_schedule`` are what the stores keep next to each log and
plan so those counts need no documents decoded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from math import fsum

from psoas.domain.clinic.alerts import PAIN_IN_NOTES
from psoas.domain.clinic.caseload import WINDOW
from psoas.domain.planning.plans import Plan
from psoas.domain.progress.summary import Adherence, PainPoint
from psoas.domain.records.measurements import Measurement
from psoas.domain.records.session_logs import LogEvent, SessionLog
from psoas.domain.screening.assessment import Triage

ALERT_WINDOW = timedelta(days=14)  # alerts older than this have had their time on the caseload


@dataclass(frozen=True, slots=True)
class LatestAssessment:
    """The parts of a client's latest assessment the attention list shows."""

    triage: Triage
    profile: str
    taken_at: datetime
    cleared: bool  # a clinician's clearance lifts a referral

    @property
    def allows_plan(self) -> bool:
        return self.triage.allows_plan or self.cleared


@dataclass(frozen=True, slots=True)
class ClientFacts:
    person_id: str
    display_name: str
    started: date  # the day the client joined
    assessment: LatestAssessment | None
    has_plan: bool
    plan_stopped: bool  # the newest plan is stopped
    retest_due: bool  # the newest plan has a re-test in the last 7 days or today
    recent: Adherence  # the last 2 weeks
    earlier: Adherence  # the 2 weeks before
    last_activity: date | None
    pain_days: tuple[PainPoint, ...]  # the first and the last day with pain readings
    seen_at: datetime | None  # when the clinician last marked the alerts seen
    recent_logs: tuple[SessionLog, ...]  # the alert window's logs that may alert
    recent_pains: tuple[Measurement, ...]  # the alert window's pain readings
    unread_messages: int
    client_plan_changes: tuple[datetime, ...]  # the client's changes not yet seen


def adherence_start(today: date) -> date:
    """The first day of the two fortnights the attention list compares."""
    return today - 2 * WINDOW + timedelta(days=1)


def recent_start(today: date) -> date:
    """The first day of "the last 2 weeks"."""
    return today - WINDOW + timedelta(days=1)


def pain_day(readings: list[float], day: date) -> PainPoint:
    """A day's pain as the pain points compute it (the mean, to one decimal)."""
    return PainPoint(day, round(fsum(readings) / len(readings), 1))


def log_pain_facts(log: SessionLog) -> tuple[int | None, int | None, int]:
    """What the clinic's alerts look at in a log, kept next to it: the highest pain anywhere
    (before, during, after, the morning after, any set, or written "n/10" in the notes), the
    highest during or after the session (sets count as during), and how many exercises
    "This hurts" stopped."""
    during = [v for v in (log.pain_during, log.pain_after) if v is not None]
    during += [s.pain for s in log.sets if s.pain is not None]
    others = [v for v in (log.pain_before, log.next_morning_pain) if v is not None]
    others += [int(m) for m in PAIN_IN_NOTES.findall(log.notes)]
    stops = sum(1 for e in log.events if e.kind is LogEvent.STOPPED_FOR_PAIN)
    return max(during + others, default=None), max(during, default=None), stops


def plan_schedule(plan: Plan) -> list[tuple[str, date, str]]:
    """(session id, day, kind) of every planned session, kept next to the plan."""
    return [(s.id, s.date, s.kind.value) for s in plan.sessions()]
