"""The caseload's reads: a handful of bounded queries for every client of one clinician at once.

Each query is filtered by the clinician in SQL and reads either one row per client (through
indexed per-client minimum and maximum look-ups) or only the recent window the attention list
looks at; none reads a client's whole history, and none runs once per client.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal_column, or_, select

from psoas.domain.clinic.caseload_facts import (
    ALERT_WINDOW,
    ClientFacts,
    LogMark,
    adherence_start,
    alerts_since,
    logs_since,
    pain_day,
    plans_in_effect,
)
from psoas.domain.planning.plans import Plan
from psoas.domain.progress.summary import PainPoint
from psoas.domain.records.clinical import ChangedBy
from psoas.domain.records.measurements import Measurement, MeasurementKind
from psoas.domain.records.session_logs import SessionLog
from psoas.domain.screening.assessment import Assessment
from psoas.storage import clinic_tables as ct
from psoas.storage import tables as t
from psoas.storage.record_queries import ASSESSMENTS, LOGS, MEASUREMENTS, PEOPLE, PLANS
from psoas.storage.repositories import _Repository

PAIN = MeasurementKind.PAIN.value
Readings = dict[str, dict[date, list[float]]]


class SqlCaseloadStore(_Repository):
    def facts(self, clinician_id: str, today: date) -> list[ClientFacts]:
        """Every client of ``clinician_id`` with what the attention list needs (by join date)."""
        p = t.people.c
        people = self._rows(
            PEOPLE, PEOPLE.select().where(p.clinician_id == clinician_id).order_by(p.created_at)
        )
        if not people:
            return []
        clients = select(p.id).where(p.clinician_id == clinician_id).scalar_subquery()
        last, seen, unread = self._per_client(clinician_id, today)
        readings = self._log_pain_days(clinician_id, today)
        _merge(readings, self._measured_pain_days(clients))
        assessments = _by_person(self._latest_assessments(clients))
        plans = _by_person(self._plans(clients, adherence_start(today)))
        marks = self._marks(clients, logs_since(today), today)
        recent = _by_person(self._recent_logs(clients, today - ALERT_WINDOW))
        pains = _by_person(self._recent_pains(clients, today - ALERT_WINDOW))
        changes = self._client_changes(clients)
        found = []
        for person in people:
            pid = person.id
            since = alerts_since(today, seen.get(pid))
            start = datetime.combine(since, time.min, tzinfo=UTC)
            found.append(
                ClientFacts(
                    person=person,
                    assessment=(assessments.get(pid) or [None])[-1],
                    plans=tuple(plans.get(pid, ())),
                    marks=tuple(marks.get(pid, ())),
                    last_activity=last.get(pid),
                    pain_days=_pain_points(readings.get(pid, {})),
                    seen_at=seen.get(pid),
                    recent_logs=tuple(g for g in recent.get(pid, ()) if g.session_date >= since),
                    recent_pains=tuple(m for m in pains.get(pid, ()) if m.taken_at >= start),
                    unread_messages=unread.get(pid, 0),
                    client_plan_changes=tuple(changes.get(pid, ())),
                )
            )
        return found

    def _rows(self, mapping: Any, query: Any) -> list[Any]:
        return mapping.from_rows(self.conn.execute(query).all())

    def _per_client(
        self, clinician_id: str, today: date
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
        rows = self.conn.execute(
            select(p.id, last, seen, unread).where(p.clinician_id == clinician_id)
        ).all()
        return (
            {r[0]: r[1] for r in rows if r[1] is not None},
            {r[0]: r[2] for r in rows if r[2] is not None},
            {r[0]: int(r[3]) for r in rows if r[3]},
        )

    def _log_pain_days(self, clinician_id: str, today: date) -> Readings:
        """The pain noted before a session on each client's first and last such day."""
        p, lg = t.people.c, t.session_logs.c

        def bound(agg: Any) -> Any:
            return (
                select(agg(lg.session_date))
                .where(lg.person_id == p.id, lg.session_date <= today, lg.pain_before.is_not(None))
                .scalar_subquery()
            )

        days = (
            select(p.id.label("pid"), bound(func.min).label("lo"), bound(func.max).label("hi"))
            .where(p.clinician_id == clinician_id)
            .subquery()
        )
        query = (
            select(lg.person_id, lg.session_date, lg.pain_before)
            .join(days, days.c.pid == lg.person_id)
            .where(lg.pain_before.is_not(None))
            .where(or_(lg.session_date == days.c.lo, lg.session_date == days.c.hi))
        )
        found: Readings = defaultdict(dict)
        for pid, day, pain in self.conn.execute(query):
            found[pid].setdefault(day, []).append(float(pain))
        return found

    def _measured_pain_days(self, clients: Any) -> Readings:
        """Pain measurements on each client's first and last day with one (UTC days)."""
        m = t.measurements.c
        bounds = (
            select(m.person_id, func.min(m.taken_at).label("lo"), func.max(m.taken_at).label("hi"))
            .where(m.kind == PAIN, m.person_id.in_(clients))
            .group_by(m.person_id)
            .subquery()
        )
        dialect = self.conn.dialect.name
        query = (
            select(m.person_id, m.taken_at, m.value, bounds.c.lo, bounds.c.hi)
            .join(bounds, bounds.c.person_id == m.person_id)
            .where(m.kind == PAIN)
            .where(
                or_(
                    m.taken_at < _next_midnight(bounds.c.lo, dialect),
                    m.taken_at >= _midnight(bounds.c.hi, dialect),
                )
            )
        )
        found: Readings = defaultdict(dict)
        for pid, at, value, lo, hi in self.conn.execute(query):
            if at.date() in (_utc(lo).date(), _utc(hi).date()):
                found[pid].setdefault(at.date(), []).append(value)
        return found

    def _latest_assessments(self, clients: Any) -> list[Assessment]:
        a = t.assessments.c
        order = (a.taken_at.desc(), a.id.desc())
        rank = func.row_number().over(partition_by=a.person_id, order_by=order).label("rank")
        inner = ASSESSMENTS.select().add_columns(rank).where(a.person_id.in_(clients)).subquery()
        names = [c.name for c in ASSESSMENTS.select().selected_columns]
        query = select(*[inner.c[n] for n in names]).where(inner.c.rank == 1)
        return self._rows(ASSESSMENTS, query)

    def _plans(self, clients: Any, window_start: date) -> list[Plan]:
        """Each client's newest plan and the older ones whose sessions can still be due in
        the window (oldest first)."""
        c = t.plans.c
        order = (c.created_at, c.id)
        heads = self.conn.execute(
            select(c.id, c.person_id, c.start).where(c.person_id.in_(clients)).order_by(*order)
        ).all()
        starts: dict[str, list[tuple[str, date]]] = defaultdict(list)
        for plan_id, pid, start in heads:
            starts[pid].append((plan_id, start))
        wanted = []
        for plans in starts.values():
            first = plans_in_effect([start for _, start in plans], window_start)
            wanted += [plan_id for plan_id, _ in plans[first:]]
        if not wanted:
            return []
        return self._rows(PLANS, PLANS.select().where(c.id.in_(wanted)).order_by(*order))

    def _marks(self, clients: Any, since: date, today: date) -> dict[str, list[LogMark]]:
        lg = t.session_logs.c
        query = select(lg.person_id, lg.session_id, lg.completed).where(
            lg.person_id.in_(clients), lg.session_date >= since, lg.session_date <= today
        )
        found: dict[str, list[LogMark]] = defaultdict(list)
        for pid, session_id, completed in self.conn.execute(query):
            found[pid].append(LogMark(session_id, bool(completed)))
        return found

    def _recent_logs(self, clients: Any, since: date) -> list[SessionLog]:
        lg = t.session_logs.c
        query = (
            LOGS.select()
            .where(lg.person_id.in_(clients), lg.session_date >= since)
            .order_by(lg.session_date, lg.started_at, lg.id)
        )
        return self._rows(LOGS, query)

    def _recent_pains(self, clients: Any, since: date) -> list[Measurement]:
        m = t.measurements.c
        query = (
            MEASUREMENTS.select()
            .where(m.person_id.in_(clients), m.kind == PAIN, m.taken_at >= since)
            .order_by(m.taken_at, m.id)
        )
        return self._rows(MEASUREMENTS, query)

    def _client_changes(self, clients: Any) -> dict[str, list[datetime]]:
        c = ct.plan_changes.c
        query: Select[Any] = (
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


def _merge(into: Readings, more: Readings) -> None:
    for pid, days in more.items():
        for day, values in days.items():
            into[pid].setdefault(day, []).extend(values)


def _pain_points(days: dict[date, list[float]]) -> tuple[PainPoint, ...]:
    """The first and the last day with readings (one point when they are the same day)."""
    if not days:
        return ()
    first, last = min(days), max(days)
    points = [pain_day(days[first], first)]
    if last != first:
        points.append(pain_day(days[last], last))
    return tuple(points)


def _utc(value: Any) -> datetime:
    """A bound read through a plain aggregate: SQLite gives text, PostgreSQL an aware value."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _midnight(expr: Any, dialect: str) -> ColumnElement[Any]:
    """The start of the UTC day of a stored moment."""
    if dialect == "postgresql":
        return func.date_trunc("day", expr, "UTC")
    return func.date(expr)


def _next_midnight(expr: Any, dialect: str) -> ColumnElement[Any]:
    if dialect == "postgresql":
        return func.date_trunc("day", expr, "UTC") + literal_column("interval '1 day'")
    return func.date(expr, "+1 day")
