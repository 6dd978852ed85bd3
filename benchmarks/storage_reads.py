"""The storage benchmark's look-ups: one person's last 12 weeks of logs and pain through the
repositories, and the same two queries as bare SQLAlchemy Core (the anchor) and on the driver's
own cursor without SQLAlchemy (the floor: the repositories read on the driver's cursor too)."""

from __future__ import annotations

import json
import statistics
from datetime import date, timedelta

from sqlalchemy import Engine, select
from storage_core_fill import END

from psoas.domain.records.measurements import MeasurementKind
from psoas.storage import tables
from psoas.storage.uow import SqlUnitOfWork


def last_twelve_weeks(engine: Engine, person_id: str) -> list[tuple[date, float]]:
    """One person's last 84 days of logs and pain, as a weekly pain trend."""
    since = END - timedelta(days=84)
    with SqlUnitOfWork(engine) as uow:
        logs = uow.logs.list(person_id, since=since)
        pains = uow.measurements.list(person_id, MeasurementKind.PAIN, since=since)
    weeks: dict[date, list[float]] = {}
    for log in logs:
        if log.pain_after is not None:
            week = log.session_date - timedelta(days=log.session_date.weekday())
            weeks.setdefault(week, []).append(log.pain_after)
    for m in pains:
        week = m.taken_at.date() - timedelta(days=m.taken_at.weekday())
        weeks.setdefault(week, []).append(m.value)
    return sorted((w, statistics.fmean(v)) for w, v in weeks.items())


def fetch_rows_only(engine: Engine, person_id: str) -> int:
    """The same two indexed queries, rows only (no conversion to domain objects)."""
    since = END - timedelta(days=84)
    logs, ms = tables.session_logs.c, tables.measurements.c
    with engine.connect() as conn:
        found = conn.execute(
            select(tables.session_logs)
            .where(logs.person_id == person_id, logs.session_date >= since)
            .order_by(logs.session_date)
        ).all()
        found += conn.execute(
            select(tables.measurements)
            .where(ms.person_id == person_id, ms.kind == "pain", ms.taken_at >= since)
            .order_by(ms.taken_at)
        ).all()
    return len(found)


def fetch_rows_driver(engine: Engine, person_id: str) -> int:
    """The same two queries on the driver's own cursor: tuples, the JSON documents decoded."""
    since = END - timedelta(days=84)
    mark = "?" if engine.dialect.name == "sqlite" else "%s"
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute(
            f"SELECT * FROM session_logs WHERE person_id = {mark} AND session_date >= {mark} "
            "ORDER BY session_date",
            (person_id, since.isoformat()),
        )
        found = cursor.fetchall()
        cursor.execute(
            f"SELECT * FROM measurements WHERE person_id = {mark} AND kind = 'pain' "
            f"AND taken_at >= {mark} ORDER BY taken_at",
            (person_id, since.isoformat()),
        )
        found += cursor.fetchall()
        documents = [row[-1] for row in found]
        if documents and isinstance(documents[0], str):  # SQLite keeps the JSON as text
            documents = [json.loads(d) for d in documents]
        raw.rollback()
    finally:
        raw.close()
    return len(documents)
