"""The plan and session log lists come in their full order (plans by creation time then id;
logs by day, start time, then id) when SQLite reads them in the index's order
and the order is finished in Python: the same records in the same order as the database's own
ORDER BY, on SQLite and PostgreSQL, ties included."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from tests import factories as f

from psoas.storage import raw_reads
from psoas.storage import record_queries as q
from psoas.storage.decoded import DECODED
from psoas.storage.uow import SqlUnitOfWork

DAY = f.NOW.date()
IDS = ("b2", "a1", "c3", "a0")  # inserted out of order: the id decides a tie


def _ties(engine):  # type: ignore[no-untyped-def]
    person = f.person()
    same_time = f.NOW - timedelta(days=3)
    with SqlUnitOfWork(engine) as uow:
        uow.people.add(person)
        for n, plan_id in enumerate(IDS):  # two plans share each creation time
            created = same_time if n % 2 else same_time - timedelta(days=1)
            uow.plans.save(f.plan(person.id, id=f"plan-{plan_id}", created_at=created))
        for n, log_id in enumerate(IDS * 2):  # several logs a day, some starting together
            day = DAY - timedelta(days=n % 2)
            start = datetime.combine(day, time(8 if n % 3 == 0 else 7), tzinfo=UTC)
            log = f.session_log(
                person.id, id=f"log-{n}-{log_id}", session_date=day, started_at=start
            )
            uow.logs.add(log)
    return person


def _database_order(engine, query, params):  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return [row.id for row in conn.execute(query, params).all()]


def test_plans_come_in_the_databases_own_order(engine):
    person = _ties(engine)
    with SqlUnitOfWork(engine) as uow:
        found = [p.id for p in uow.plans.list(person.id)]
    expected = _database_order(engine, q.plans_query(latest=False), {"person_id": person.id})
    assert found == expected
    assert len(found) == len(IDS) and found != sorted(found)  # the times decide first


@pytest.mark.parametrize("since", [None, DAY - timedelta(days=1), DAY])
def test_logs_come_in_the_databases_own_order(engine, since):
    person = _ties(engine)
    DECODED.clear()
    with SqlUnitOfWork(engine) as uow:
        found = [log.id for log in uow.logs.list(person.id, since=since)]
        again = [log.id for log in uow.logs.list(person.id, since=since)]  # kept records
    params = {"person_id": person.id, **({"since": since} if since else {})}
    expected = _database_order(engine, q.logs_query(since is not None, False), params)
    assert found == expected == again
    assert len(found) == (8 if since is None or since < DAY else 4)


def test_finishing_the_order_sorts_only_within_the_first_key():
    rows = [
        ("2026-01-01", "07:00", "b"),
        ("2026-01-01", None, "z"),
        ("2026-01-01", "07:00", "a"),
        ("2026-01-02", "06:00", "c"),
        ("2026-01-03", "09:00", "e"),
        ("2026-01-03", "08:00", "f"),
    ]
    raw_reads.finish_order(rows, [0, 1, 2])
    assert [r[2] for r in rows] == ["z", "a", "b", "c", "f", "e"]  # no start time comes first


def test_values_of_different_kinds_are_left_to_the_database():
    rows = [("2026-01-01", 1, "a"), ("2026-01-01", "07:00", "b")]
    with pytest.raises(TypeError):
        raw_reads.finish_order(rows, [0, 1, 2])
