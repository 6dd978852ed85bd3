"""Who needs a clinician's attention first: a pure ranking of a clinician's clients.

Reasons, most urgent first: a red flag or a stopped plan; pain rising by a meaningful amount
(the pain trend's own rule); adherence falling (last 2 weeks at least 25 points below the
2 weeks before, or under 50 %); a re-test due; no activity for a number of days the clinic
chooses (7 unless its settings say otherwise).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import chain
from statistics import median
from typing import Protocol, TypeVar

from psoas.domain.clinic.alerts import Alert, alert_score
from psoas.domain.clinic.settings import DEFAULT_QUIET_DAYS
from psoas.domain.planning.plans import Plan, PlannedSession, SessionKind
from psoas.domain.progress.summary import Adherence, PainTrend, adherence
from psoas.domain.records.session_logs import SessionLog
from psoas.domain.screening.assessment import Triage

NO_ACTIVITY_DAYS = DEFAULT_QUIET_DAYS
ADHERENCE_DROP_POINTS = 25
LOW_ADHERENCE_PERCENT = 50
WINDOW = timedelta(days=14)

WEIGHTS = {
    "red flag": 100,
    "plan stopped": 90,
    "pain rising": 60,
    "adherence falling": 40,
    "re-test due": 20,
    "no activity": 30,
    "no assessment yet": 10,
}


@dataclass(frozen=True, slots=True)
class ClientStatus:
    person_id: str
    display_name: str
    triage: Triage | None
    profile: str | None
    adherence: Adherence  # the last 2 weeks
    pain: PainTrend | None
    last_activity: date | None
    reasons: tuple[str, ...]  # why this client needs attention, most urgent first
    alerts: tuple[Alert, ...] = ()  # not yet marked seen by the clinician, most urgent first

    @property
    def score(self) -> int:
        return sum(WEIGHTS.get(r, 0) for r in self.reasons) + alert_score(self.alerts)


class _HasRank(Protocol):
    @property
    def score(self) -> int: ...
    @property
    def display_name(self) -> str: ...
    @property
    def person_id(self) -> str: ...


Ranked = TypeVar("Ranked", bound=_HasRank)


def two_week_adherence(
    planned: Sequence[PlannedSession], logs: Sequence[SessionLog], today: date
) -> tuple[Adherence, Adherence]:
    """Adherence over the last 14 days and over the 14 days before them."""
    recent = adherence(planned, logs, today - WINDOW + timedelta(days=1), today, "last 2 weeks")
    before_end = today - WINDOW
    earlier = adherence(
        planned, logs, before_end - WINDOW + timedelta(days=1), before_end, "before"
    )
    return recent, earlier


def attention_reasons(
    *,
    today: date,
    triage: Triage | None,
    has_assessment: bool,
    plan: Plan | None,
    pain: PainTrend | None,
    recent: Adherence,
    earlier: Adherence,
    last_activity: date | None,
    started: date,
    quiet_days: int = NO_ACTIVITY_DAYS,
    plan_stopped: bool = False,
    retest_due: bool = False,
) -> tuple[str, ...]:
    """Every reason that applies, most urgent first.

    ``triage`` is the latest assessment's triage only while it still blocks a plan (a cleared
    referral no longer counts as a red flag); ``started`` is when the client joined;
    ``quiet_days`` without a session count as "no activity". Without the ``plan`` itself,
    ``plan_stopped`` and ``retest_due`` say the same of the newest plan (counted in SQL).
    """
    if plan is not None:
        plan_stopped, retest_due = bool(plan.stopped_reason), _retest_due(plan, today)
    reasons = []
    if triage in (Triage.URGENT_REFERRAL, Triage.SEE_CLINICIAN):
        reasons.append("red flag")
    if plan_stopped:
        reasons.append("plan stopped")
    if pain is not None and pain.direction == "worse":
        reasons.append("pain rising")
    if _adherence_falling(recent, earlier):
        reasons.append("adherence falling")
    if retest_due:
        reasons.append("re-test due")
    quiet_since = last_activity or started
    if today - quiet_since >= timedelta(days=quiet_days):
        reasons.append("no activity")
    if not has_assessment:
        reasons.append("no assessment yet")
    return tuple(sorted(reasons, key=lambda r: -WEIGHTS[r]))


def _adherence_falling(recent: Adherence, earlier: Adherence) -> bool:
    if recent.percent is None:
        return False
    if recent.percent < LOW_ADHERENCE_PERCENT:
        return True
    return earlier.percent is not None and earlier.percent - recent.percent >= ADHERENCE_DROP_POINTS


def _retest_due(plan: Plan, today: date) -> bool:
    """A re-test session planned in the last 7 days or today."""
    return any(
        s.kind is SessionKind.RETEST and today - timedelta(days=7) <= s.date <= today
        for s in plan.sessions()
    )


def sort_name(display_name: str) -> str:
    """The name the list orders clients by (compared code point by code point)."""
    return display_name.lower()


def by_attention(statuses: Sequence[Ranked]) -> list[Ranked]:
    """Most urgent first; ties by name, then id (statuses and their digests alike)."""
    return sorted(statuses, key=lambda s: (-s.score, sort_name(s.display_name), s.person_id))


ADHERENCE_BANDS = ("80 % or more", "50 to 79 %", "under 50 %", "nothing planned")
PAIN_DIRECTIONS = ("better", "no meaningful change", "worse", "not enough data")


@dataclass(frozen=True, slots=True)
class Caseload:
    """A clinician's outcomes at a glance, counted from the same statuses as the client list."""

    clients: int
    needing_attention: int
    urgent: int  # a red flag or a stopped plan
    median_adherence: int | None  # last 2 weeks, over clients with sessions planned
    adherence: tuple[tuple[str, int], ...]  # (band, clients) in ADHERENCE_BANDS order
    pain: tuple[tuple[str, int], ...]  # (direction, clients) in PAIN_DIRECTIONS order


def _band(percent: int | None) -> str:
    if percent is None:
        return ADHERENCE_BANDS[3]
    if percent >= 80:
        return ADHERENCE_BANDS[0]
    return ADHERENCE_BANDS[1] if percent >= LOW_ADHERENCE_PERCENT else ADHERENCE_BANDS[2]


@dataclass(frozen=True, slots=True)
class StatusDigest:
    """What the ordering and the caseload's counts need of one client's status, small enough
    to read for every client when only one page of whole statuses is shown."""

    person_id: str
    display_name: str
    score: int
    needs_attention: bool
    urgent: bool  # a red flag or a stopped plan
    adherence_percent: int | None  # last 2 weeks
    pain_direction: str  # one of PAIN_DIRECTIONS


def digest(status: ClientStatus) -> StatusDigest:
    return StatusDigest(
        person_id=status.person_id,
        display_name=status.display_name,
        score=status.score,
        needs_attention=bool(status.reasons or status.alerts),
        urgent=bool({"red flag", "plan stopped"} & set(status.reasons)),
        adherence_percent=status.adherence.percent,
        pain_direction=status.pain.direction if status.pain else PAIN_DIRECTIONS[3],
    )


def caseload(statuses: Sequence[ClientStatus]) -> Caseload:
    return caseload_of([digest(s) for s in statuses])


# what the caseload's counts need of a client: (adherence percent, pain direction, needs
# attention, urgent), and how many clients share it
CountKey = tuple[int | None, str, bool, bool]


def count_key(d: StatusDigest) -> CountKey:
    return (d.adherence_percent, d.pain_direction, d.needs_attention, d.urgent)


def caseload_of(digests: Sequence[StatusDigest]) -> Caseload:
    return caseload_counted(Counter(count_key(d) for d in digests).items())


def caseload_counted(groups: Iterable[tuple[CountKey, int]]) -> Caseload:
    """The caseload from clients counted by what the counts need of them (as a database
    groups them), equal to ``caseload_of`` over the same clients."""
    groups = [(key, n) for key, n in groups if n > 0]
    percents = list(chain.from_iterable([key[0]] * n for key, n in groups if key[0] is not None))
    bands, pains = Counter[str](), Counter[str]()
    for (percent, pain, _, _), n in groups:
        bands[_band(percent)] += n
        pains[pain] += n
    return Caseload(
        clients=sum(n for _, n in groups),
        needing_attention=sum(n for key, n in groups if key[2]),
        urgent=sum(n for key, n in groups if key[3]),
        median_adherence=round(median(percents)) if percents else None,
        adherence=tuple((band, bands[band]) for band in ADHERENCE_BANDS),
        pain=tuple((direction, pains[direction]) for direction in PAIN_DIRECTIONS),
    )
