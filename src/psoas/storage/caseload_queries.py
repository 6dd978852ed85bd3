"""The caseload's reads: a handful of bounded queries for every client of one clinician at once.

Each query is filtered by the clinician in SQL and answers one or two rows per client: the
latest assessment and the newest plan (ranked in SQL), adherence over the last two fortnights
(counted in SQL from ``plan_sessions`` and the logs of those sessions), the last activity and
the first and last pain days (indexed per-client minimum and maximum look-ups). Only the recent
alert window is read as records, and of its logs only those whose pain facts may raise an
alert are decoded. None runs once per client, and none reads a client's whole history.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, or_, select, text

from psoas.domain.clinic.alerts import HIGH_PAIN, PAIN_RISE
from psoas.domain.clinic.caseload_facts import (
    ALERT_WINDOW,
    ClientFacts,
    LatestAssessment,
    adherence_start,
    recent_start,
)
from psoas.domain.planning.plans import SessionKind
from psoas.domain.progress.summary import Adherence
from psoas.domain.records.clinical import ChangedBy
from psoas.domain.records.measurements import MeasurementKind
from psoas.domain.screening.assessment import Triage
from psoas.storage import clinic_tables as ct
from psoas.storage import tables as t
from psoas.storage.caseload_pain import log_pain_days, measured_pain_days, merge, pain_points
from psoas.storage.record_queries import LOGS, MEASUREMENTS
from psoas.storage.repositories import _Repository

PAIN = MeasurementKind.PAIN.value
Counts = dict[tuple[str, bool], tuple[int, int, int]]
NO_JIT = text("SET LOCAL jit = off")  # compiling these plans costs more than running them


class SqlCaseloadStore(_Repository):
    def facts(
        self, clinician_id: str, today: date, only: Collection[str] | None = None
    ) -> list[ClientFacts]:
        """Every client of ``clinician_id`` (or those of them in ``only``) with what the
        attention list needs."""
        p = t.people.c
        mine = p.clinician_id == clinician_id
        if only is not None:
            mine = and_(mine, p.id.in_(list(only)))
        if self.conn.dialect.name == "postgresql":
            self.conn.execute(NO_JIT)
        people = self.conn.execute(select(p.id, p.display_name, p.created_at).where(mine)).all()
        if not people:
            return []
        clients = select(p.id).where(mine).scalar_subquery()
        last, seen, unread = self._per_client(clinician_id, mine, today)
        readings = log_pain_days(self.conn, mine, today)
        merge(readings, measured_pain_days(self.conn, mine))
        assessments = self._latest_assessments(clients)
        plans = self._newest_plans(clients, today)
        counts = self._adherence(clients, today)
        logs = _by_person(self._alerting_logs(clients, today - ALERT_WINDOW))
        pains = _by_person(self._recent_pains(clients, today - ALERT_WINDOW))
        changes = self._client_changes(clients)
        found = []
        for pid, name, created_at in people:
            stopped, retest = plans.get(pid, (False, False))
            found.append(
                ClientFacts(
                    person_id=pid,
                    display_name=name,
                    started=created_at.date(),
                    assessment=assessments.get(pid),
                    has_plan=pid in plans,
                    plan_stopped=stopped,
                    retest_due=retest,
                    recent=Adherence("last 2 weeks", *counts.get((pid, True), (0, 0, 0))),
                    earlier=Adherence("before", *counts.get((pid, False), (0, 0, 0))),
                    last_activity=last.get(pid),
                    pain_days=pain_points(readings.get(pid, {})),
                    seen_at=seen.get(pid),
                    # the whole window even after a "seen" mark: an older session can get news
                    # later, and each alert says when it arrived (issue 24)
                    recent_logs=tuple(logs.get(pid, ())),
                    recent_pains=tuple(pains.get(pid, ())),
                    unread_messages=unread.get(pid, 0),
                    client_plan_changes=tuple(changes.get(pid, ())),
                )
            )
        return found

    def _per_client(
        self, clinician_id: str, mine: Any, today: date
    ) -> tuple[dict[str, date], dict[str, datetime], dict[str, int]]:
        """Last activity (an indexed maximum per client), alerts seen and unread messages."""
        p, lg, am, msg = t.people.c, t.session_logs.c, ct.alert_marks.c, ct.messages.c
        last = (
            select(func.max(lg.session_date))
            .where(lg.person_id == p.id, lg.session_date <= today)
            .scalar_subquery()
        )
        seen = select(am.seen_at).where(am.person_id == p.id).scalar_subquery()
        unread = (
            select(func.count())
            .where(msg.person_id == p.id, msg.author_id != clinician_id, msg.read_at.is_(None))
            .scalar_subquery()
        )
        rows = self.conn.execute(select(p.id, last, seen, unread).where(mine)).all()
        return (
            {r[0]: r[1] for r in rows if r[1] is not None},
            {r[0]: r[2] for r in rows if r[2] is not None},
            {r[0]: int(r[3]) for r in rows if r[3]},
        )

    def _latest_assessments(self, clients: Any) -> dict[str, LatestAssessment]:
        a = t.assessments.c
        order = (a.taken_at.desc(), a.id.desc())
        rank = func.row_number().over(partition_by=a.person_id, order_by=order).label("rank")
        profile = a.data["result"]["profile"].as_string().label("profile")
        columns = (a.person_id, a.triage, profile, a.taken_at, a.clinician_cleared_at)
        inner = select(*columns, rank).where(a.person_id.in_(clients)).subquery()
        query = select(*[inner.c[c.name] for c in columns]).where(inner.c.rank == 1)
        return {
            pid: LatestAssessment(Triage(triage), profile, taken_at, cleared is not None)
            for pid, triage, profile, taken_at, cleared in self.conn.execute(query)
        }

    def _newest_plans(self, clients: Any, today: date) -> dict[str, tuple[bool, bool]]:
        """Whether each client's newest plan is stopped, and has a re-test due (the last 7
        days or today)."""
        c, ps = t.plans.c, t.plan_sessions.c
        order = (c.created_at.desc(), c.id.desc())
        rank = func.row_number().over(partition_by=c.person_id, order_by=order).label("rank")
        inner = select(c.id, c.person_id, c.stopped_reason, rank)
        newest = inner.where(c.person_id.in_(clients)).subquery()
        retest = (
            select(ps.plan_id)
            .where(ps.plan_id == newest.c.id, ps.kind == SessionKind.RETEST.value)
            .where(ps.day >= today - timedelta(days=7), ps.day <= today)
            .exists()
        )
        query = select(newest.c.person_id, newest.c.stopped_reason, retest).where(
            newest.c.rank == 1
        )
        return {pid: (bool(stopped), bool(due)) for pid, stopped, due in self.conn.execute(query)}

    def _adherence(self, clients: Any, today: date) -> Counts:
        """(planned, done, partly done) workout sessions per client, for the last 2 weeks (True)
        and the 2 weeks before (False). A session is due unless a newer plan (by creation) had
        started by its day; it is done when any completed log of that session is dated up to
        today, and partly done when only unfinished ones are."""
        ps, pl, lg = t.plan_sessions.c, t.plans.c, t.session_logs.c
        # the earliest start of any newer plan (by creation): from that day on, it replaces
        newest_first = (pl.created_at.desc(), pl.id.desc())
        cutoff = func.min(pl.start).over(
            partition_by=pl.person_id, order_by=newest_first, rows=(None, -1)
        )
        plans = select(pl.id, cutoff.label("cutoff")).where(pl.person_id.in_(clients)).subquery()
        recent = case((ps.day >= recent_start(today), 1), else_=0).label("recent")
        # Each due session's logs through the (session, person) index, both columns given:
        # 2 = a completed log, 1 = only unfinished ones, 0 = only logs dated after today.
        state = (
            select(
                func.max(
                    case(
                        (lg.session_date > today, 0),  # logs dated after today do not count yet
                        (lg.completed.is_(True), 2),
                        else_=1,
                    )
                )
            )
            .where(lg.session_id == ps.session_id, lg.person_id == ps.person_id)
            .scalar_subquery()
        )
        due = (
            select(ps.person_id, recent, state.label("state"))
            .select_from(t.plan_sessions.join(plans, plans.c.id == ps.plan_id))
            .where(ps.person_id.in_(clients), ps.kind != SessionKind.REST.value)
            .where(ps.day >= adherence_start(today), ps.day <= today)
            .where(or_(plans.c.cutoff.is_(None), ps.day < plans.c.cutoff))
            .subquery()
        )
        query = select(
            due.c.person_id,
            due.c.recent,
            func.count(),
            func.sum(case((due.c.state == 2, 1), else_=0)),
            func.sum(case((due.c.state == 1, 1), else_=0)),
        ).group_by(due.c.person_id, due.c.recent)
        return {
            (pid, bool(is_recent)): (int(planned), int(n_done or 0), int(n_partial or 0))
            for pid, is_recent, planned, n_done, n_partial in self.conn.execute(query)
        }

    def _alerting_logs(self, clients: Any, since: date) -> list[Any]:
        """The recent logs whose pain facts may raise an alert (logs kept before the facts
        existed count as may), decoded; the others cannot alert and stay unread."""
        lg = t.session_logs.c
        may_alert = or_(
            lg.pain_stops.is_(None),
            lg.pain_stops > 0,
            lg.peak_pain >= HIGH_PAIN,
            lg.peak_during - lg.pain_before >= PAIN_RISE,
        )
        query = (
            LOGS.select()
            .where(lg.person_id.in_(clients), lg.session_date >= since, may_alert)
            .order_by(lg.session_date, lg.started_at, lg.id)
        )
        return LOGS.from_rows(self.conn.execute(query).all())

    def _recent_pains(self, clients: Any, since: date) -> list[Any]:
        m = t.measurements.c
        query = (
            MEASUREMENTS.select()
            .where(m.person_id.in_(clients), m.kind == PAIN, m.taken_at >= since)
            .order_by(m.taken_at, m.id)
        )
        return MEASUREMENTS.from_rows(self.conn.execute(query).all())

    def _client_changes(self, clients: Any) -> dict[str, list[datetime]]:
        c = ct.plan_changes.c
        query = (
            select(c.person_id, c.at)
            .where(c.person_id.in_(clients), c.by_role == ChangedBy.CLIENT.value)
            .where(c.seen_at.is_(None))
            .order_by(c.at, c.id)
        )
        found: dict[str, list[datetime]] = defaultdict(list)
        for pid, at in self.conn.execute(query):
            found[pid].append(at)
        return found


def _by_person(records: Iterable[Any]) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = defaultdict(list)
    for record in records:
        found[record.person_id].append(record)
    return found
