"""The prebuilt reading queries on the driver's cursor give exactly the records SQLAlchemy's own
path gives (every query, its filters and order, LIMIT), on SQLite and PostgreSQL; a driver
error leaves as a one-line StorageError."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest
from sqlalchemy import text
from tests import factories as f

from psoas.domain.errors import StorageError
from psoas.domain.records.measurements import MeasurementKind
from psoas.storage import raw_reads
from psoas.storage import record_queries as q
from psoas.storage.decoded import DECODED
from psoas.storage.engine import make_engine
from psoas.storage.uow import SqlUnitOfWork

DAY = f.NOW.date()


def _history(engine):  # type: ignore[no-untyped-def]
    person, other = f.person(), f.person()
    plans = [
        f.plan(person.id, start=DAY - timedelta(days=14 * n), created_at=f.NOW - timedelta(days=n))
        for n in range(3)
    ]
    with SqlUnitOfWork(engine) as uow:
        uow.people.add(person)
        uow.people.add(other)
        uow.assessments.add(f.assessment(person.id))
        for plan in plans:
            uow.plans.save(plan)
        uow.reviews.add(f.review(person.id, plans[0].id))
        uow.reviews.add(f.review(person.id, plans[1].id, week_index=3))
        for n in range(12):
            day = DAY - timedelta(days=n)
            uow.logs.add(f.session_log(person.id, session_date=day, pain_after=n % 5))
            uow.logs.add(f.session_log(other.id, session_date=day))
            uow.measurements.add(
                f.measurement(
                    person.id,
                    kind=MeasurementKind.PAIN if n % 2 else MeasurementKind.HIP_ANGLE,
                    value=float(n),
                    unit="0-10" if n % 2 else "deg",
                    taken_at=f.NOW - timedelta(days=n, hours=n),
                )
            )
    return person


CASES = [
    (q.PEOPLE, q.person_query(), {}),
    (q.PEOPLE, q.people_query(), {}),
    (q.ASSESSMENTS, q.assessments_query(), {}),
    (q.PLANS, q.plans_query(latest=True), {}),
    (q.PLANS, q.plans_query(latest=False), {}),
    (q.REVIEWS, q.reviews_query(False), {}),
    (q.LOGS, q.logs_query(False, False), {}),
    (q.LOGS, q.logs_query(True, False), {"since": DAY - timedelta(days=5)}),
    (q.LOGS, q.logs_query(True, True), {"since": DAY - timedelta(days=8), "until": DAY - timedelta(days=2)}),
    (q.MEASUREMENTS, q.measurements_query(False, False), {}),
    (q.MEASUREMENTS, q.measurements_query(True, True), {"kind": "pain", "since": DAY - timedelta(days=6)}),
]  # fmt: skip


@pytest.mark.parametrize("case", range(len(CASES)))
def test_the_driver_cursor_reads_what_sqlalchemy_reads(engine, case):
    person = _history(engine)
    mapping, query, extra = CASES[case]
    params = {"person_id": person.id, **extra}
    with engine.connect() as conn:
        DECODED.clear()
        expected = mapping.from_rows(conn.execute(query, params).all())
        DECODED.clear()  # decoded afresh from the driver's values
        rows, layout = raw_reads.fetch(conn, query, params)
        found = mapping.from_raw_rows(rows, layout)
        again = mapping.from_raw_rows(*raw_reads.fetch(conn, query, params))
    assert expected  # every case finds something
    assert found == expected
    assert [type(r) for r in found] == [type(r) for r in expected]
    assert all(a is b for a, b in zip(again, found))  # unchanged rows: the kept records


def test_the_reviews_of_one_plan(engine):
    person = _history(engine)
    with SqlUnitOfWork(engine) as uow:
        plans = uow.plans.list(person.id)
        reviews = uow.reviews.list(person.id, plans[-1].id)
    assert [r.plan_id for r in reviews] == [plans[-1].id]


def test_a_driver_error_is_a_storage_error_naming_what_to_check(tmp_path, migrated_sqlite_file):
    path = tmp_path / "broken.db"  # its own file: the table is dropped
    shutil.copyfile(migrated_sqlite_file, path)
    engine = make_engine(f"sqlite:///{path}")
    person = _history(engine)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE plan_reviews"))
    with pytest.raises(StorageError) as caught, SqlUnitOfWork(engine) as uow:
        uow.reviews.list(person.id)
    assert "\n" not in str(caught.value) and "plan_reviews" in str(caught.value)
    engine.dispose()
