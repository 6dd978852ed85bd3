"""The pain days of the caseload: each client's first and last day with a pain reading (the
pain trend compares those two days), from session logs (the pain noted before a session, by
indexed per-client look-ups) and pain measurements (by UTC day), for all clients at once."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, func, literal_column, or_, select, true

from psoas.domain.clinic.caseload_facts import pain_day
from psoas.domain.progress.summary import PainPoint
from psoas.domain.records.measurements import MeasurementKind
from psoas.storage import tables as t

PAIN = MeasurementKind.PAIN.value
Readings = dict[str, dict[date, list[float]]]


def log_pain_days(conn: Connection, mine: Any, today: date) -> Readings:
    """The pain noted before a session on each client's first and last such day, as
    (sum, count) of those days (whole numbers: the sum is exact), through indexed per-client
    look-ups. ``mine``: which people (a condition on ``people``)."""
    p, lg = t.people.c, t.session_logs.c
    day_logs = t.session_logs.alias("day_logs").c

    def noted(c: Any) -> tuple[Any, ...]:
        return (c.person_id == p.id, c.session_date <= today, c.pain_before.is_not(None))

    def bound(order: Any) -> Any:  # walks the (person, day) index from one end
        first = select(lg.session_date).where(*noted(lg)).order_by(order).limit(1)
        return first.correlate(t.people).scalar_subquery()

    def on(day: Any, agg: Any) -> Any:  # sum and count skip the empty readings
        return select(agg(day_logs.pain_before)).where(
            day_logs.person_id == p.id, day_logs.session_date == day
        )

    lo, hi = bound(lg.session_date), bound(lg.session_date.desc())
    query = select(
        p.id,
        lo,
        on(lo, func.sum).scalar_subquery(),
        on(lo, func.count).scalar_subquery(),
        hi,
        on(hi, func.sum).scalar_subquery(),
        on(hi, func.count).scalar_subquery(),
    ).where(mine)
    found: Readings = defaultdict(dict)
    for pid, first, first_sum, first_n, last, last_sum, last_n in conn.execute(query):
        if first is not None:
            found[pid][first] = [float(first_sum)] + [0.0] * (int(first_n) - 1)
            found[pid][last] = [float(last_sum)] + [0.0] * (int(last_n) - 1)
    return found


def measured_pain_days(conn: Connection, mine: Any) -> Readings:
    """Pain measurements on each client's first and last day with one (UTC days): the first
    and last reading by indexed per-client look-ups, then the readings of those two days."""
    p, m = t.people.c, t.measurements.c
    ends = t.measurements.alias("ends").c

    def bound(order: Any) -> Any:  # walks the (person, kind, time) index from one end
        first = select(ends.taken_at).where(ends.person_id == p.id, ends.kind == PAIN)
        return first.order_by(order).limit(1).correlate(t.people).scalar_subquery()

    bounds = (
        select(p.id.label("pid"), bound(ends.taken_at).label("lo"))
        .add_columns(bound(ends.taken_at.desc()).label("hi"))
        .where(mine)
        .cte("bounds")
        .prefix_with("MATERIALIZED", dialect="postgresql")  # each bound looked up once
    )
    dialect = conn.dialect.name
    readings = select(m.person_id, m.taken_at, m.value).where(
        m.person_id == bounds.c.pid,
        m.kind == PAIN,
        or_(
            m.taken_at < _next_midnight(bounds.c.lo, dialect),
            m.taken_at >= _midnight(bounds.c.hi, dialect),
        ),
    )
    if dialect == "postgresql":  # each client's readings through the index, never a scan of
        # every reading (OFFSET 0 keeps the planner from turning it into a join of all)
        day = readings.offset(0).lateral("day_readings")
        query = select(day.c.person_id, day.c.taken_at, day.c.value, bounds.c.lo, bounds.c.hi)
        query = query.select_from(bounds.join(day, true())).where(bounds.c.lo.is_not(None))
    else:  # SQLite's nested loop already looks each client up through the index
        query = readings.add_columns(bounds.c.lo, bounds.c.hi).where(bounds.c.lo.is_not(None))
    found: Readings = defaultdict(dict)
    for pid, at, value, lo, hi in conn.execute(query):
        if at.date() in (_utc(lo).date(), _utc(hi).date()):
            found[pid].setdefault(at.date(), []).append(value)
    return found


def merge(into: Readings, more: Readings) -> None:
    for pid, days in more.items():
        for day, values in days.items():
            into[pid].setdefault(day, []).extend(values)


def pain_points(days: dict[date, list[float]]) -> tuple[PainPoint, ...]:
    """The first and the last day with readings (one point when they are the same day)."""
    if not days:
        return ()
    first, last = min(days), max(days)
    points = [pain_day(days[first], first)]
    if last != first:
        points.append(pain_day(days[last], last))
    return tuple(points)


def _utc(value: Any) -> datetime:
    """A bound read through an aggregate: SQLite may give text, PostgreSQL an aware value."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _midnight(expr: Any, dialect: str) -> Any:
    """The start of the UTC day of a stored moment."""
    if dialect == "postgresql":
        return func.date_trunc("day", expr, "UTC")
    return func.date(expr)


def _next_midnight(expr: Any, dialect: str) -> Any:
    if dialect == "postgresql":
        return func.date_trunc("day", expr, "UTC") + literal_column("interval '1 day'")
    return func.date(expr, "+1 day")
