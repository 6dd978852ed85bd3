"""Every store on SQLite and PostgreSQL: what is written reads back equal, ordered and filtered."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from sqlalchemy import func, select
from tests import factories as f

from psoas.domain.errors import InvalidValue, NotFound, StorageError
from psoas.domain.habits.breaks import QuietPeriod
from psoas.domain.records.measurements import MeasurementKind, Method, Side
from psoas.storage import tables
from psoas.storage.uow import SqlUnitOfWork


def _person(engine, **overrides):
    person = f.person(**overrides)
    with SqlUnitOfWork(engine) as uow:
        uow.people.add(person)
    return person


def test_person_round_trip_update_and_list(engine):
    first = _person(engine, display_name="Ana", created_at=f.NOW)
    second = _person(engine, display_name="Ben", created_at=f.NOW + timedelta(hours=1))
    with SqlUnitOfWork(engine) as uow:
        assert uow.people.get(first.id) == first
        assert uow.people.find("missing") is None
        assert [p.id for p in uow.people.list()] == [first.id, second.id]
        uow.people.update(replace(first, display_name="Ana B.", clinician_id="c1"))
    with SqlUnitOfWork(engine) as uow:
        assert uow.people.get(first.id).display_name == "Ana B."
        assert uow.people.get(first.id).clinician_id == "c1"
        with pytest.raises(NotFound):
            uow.people.update(f.person(id="missing"))


def test_moments_come_back_aware_and_equal_in_any_offset(engine):
    plus_two = timezone(timedelta(hours=2))
    person = _person(engine, created_at=datetime(2026, 3, 29, 2, 30, tzinfo=plus_two))
    with SqlUnitOfWork(engine) as uow:
        stored = uow.people.get(person.id)
    assert stored == person
    assert stored.created_at.tzinfo is not None


def test_assessment_round_trip_latest_and_update(engine):
    person = _person(engine)
    older = f.assessment(person.id, taken_at=f.NOW - timedelta(days=30))
    newer = f.assessment(person.id, answers={"nested": {"a": [1, 2.5, None, "x"]}})
    with SqlUnitOfWork(engine) as uow:
        uow.assessments.add(newer)
        uow.assessments.add(older)
    with SqlUnitOfWork(engine) as uow:
        assert uow.assessments.list(person.id) == [older, newer]
        assert uow.assessments.latest(person.id) == newer
        cleared = replace(older, clinician_cleared_at=f.NOW)
        uow.assessments.update(cleared)
    with SqlUnitOfWork(engine) as uow:
        assert uow.assessments.get(person.id, older.id) == cleared
        assert uow.assessments.latest(f.person().id) is None


def test_plan_save_inserts_then_replaces(engine):
    person = _person(engine)
    plan = f.plan(person.id, weeks=2)
    with SqlUnitOfWork(engine) as uow:
        uow.plans.save(plan)
    stopped = replace(plan, stopped_reason="Severe pain reported.")
    with SqlUnitOfWork(engine) as uow:
        assert uow.plans.get(person.id, plan.id) == plan
        uow.plans.save(stopped)
    later = f.plan(person.id, created_at=f.NOW + timedelta(days=7))
    with SqlUnitOfWork(engine) as uow:
        uow.plans.save(later)
    with SqlUnitOfWork(engine) as uow:
        assert uow.plans.list(person.id) == [stopped, later]
        assert uow.plans.latest(person.id) == later


def test_reviews_filter_by_plan(engine):
    person = _person(engine)
    a, b = f.plan(person.id), f.plan(person.id)
    first = f.review(person.id, a.id, created_at=f.NOW)
    second = f.review(person.id, b.id, created_at=f.NOW + timedelta(days=1), flags=("x",))
    with SqlUnitOfWork(engine) as uow:
        uow.reviews.add(second)
        uow.reviews.add(first)
    with SqlUnitOfWork(engine) as uow:
        assert uow.reviews.list(person.id) == [first, second]
        assert uow.reviews.list(person.id, b.id) == [second]


def test_session_logs_by_date_range_and_update(engine):
    person = _person(engine)
    days = [date(2026, 11, d) for d in (20, 3, 12)]
    logs = [f.session_log(person.id, session_date=d) for d in days]
    with SqlUnitOfWork(engine) as uow:
        for log in logs:
            uow.logs.add(log)
    by_date = sorted(logs, key=lambda log: log.session_date)
    with SqlUnitOfWork(engine) as uow:
        assert uow.logs.list(person.id) == by_date
        assert uow.logs.list(person.id, since=date(2026, 11, 4)) == by_date[1:]
        assert uow.logs.list(person.id, until=date(2026, 11, 12)) == by_date[:2]
        assert uow.logs.list(person.id, date(2026, 11, 4), date(2026, 11, 19)) == [by_date[1]]
        uow.logs.update(replace(logs[0], next_morning_pain=3, notes="Sore calves."))
    with SqlUnitOfWork(engine) as uow:
        assert uow.logs.get(person.id, logs[0].id).next_morning_pain == 3


def test_measurements_by_kind_since_and_delete(engine):
    person = _person(engine)
    pain = f.measurement(
        person.id,
        kind=MeasurementKind.PAIN,
        value=3.0,
        unit="nrs",
        side=None,
        method=Method.SELF_REPORT,
        taken_at=f.NOW - timedelta(days=10),
    )
    angle = f.measurement(person.id, value=-4.25, side=Side.RIGHT)
    with SqlUnitOfWork(engine) as uow:
        uow.measurements.add(angle)
        uow.measurements.add(pain)
    with SqlUnitOfWork(engine) as uow:
        assert uow.measurements.list(person.id) == [pain, angle]
        assert uow.measurements.list(person.id, MeasurementKind.PAIN) == [pain]
        assert uow.measurements.list(person.id, since=f.NOW.date()) == [angle]
        uow.measurements.delete(person.id, pain.id)
    with SqlUnitOfWork(engine) as uow:
        assert uow.measurements.list(person.id) == [angle]
        with pytest.raises(NotFound):
            uow.measurements.delete(person.id, pain.id)


def test_preferences_set_replace_get(engine):
    person = _person(engine)
    with SqlUnitOfWork(engine) as uow:
        assert uow.preferences.get(person.id) is None
        uow.preferences.set(person.id, f.preferences(minutes_per_day=20))
    with SqlUnitOfWork(engine) as uow:
        uow.preferences.set(person.id, f.preferences(voice=True, preferred_days=("mon", "thu")))
    with SqlUnitOfWork(engine) as uow:
        assert uow.preferences.get(person.id) == f.preferences(
            voice=True, preferred_days=("mon", "thu")
        )


def test_reminders_set_replace_get(engine):
    person = _person(engine)
    quiet = f.reminders(quiet_periods=(QuietPeriod(time(12, 0), time(13, 0)),))
    with SqlUnitOfWork(engine) as uow:
        assert uow.reminders.get(person.id) is None
        uow.reminders.set(person.id, f.reminders())
    with SqlUnitOfWork(engine) as uow:
        uow.reminders.set(person.id, quiet)
    with SqlUnitOfWork(engine) as uow:
        assert uow.reminders.get(person.id) == quiet


def _owned_tables():
    """Every table whose rows belong to a person and go when the person goes."""
    return [
        table
        for table in tables.metadata.sorted_tables
        if any(
            fk.column.table.name == "people" and fk.ondelete == "CASCADE"
            for fk in table.foreign_keys
        )
    ]


def test_deleting_a_person_removes_every_record(engine):
    person, other = _person(engine), _person(engine)
    for owner in (person, other):
        plan = f.plan(owner.id)
        with SqlUnitOfWork(engine) as uow:
            uow.assessments.add(f.assessment(owner.id))
            uow.plans.save(plan)
            uow.reviews.add(f.review(owner.id, plan.id))
            uow.logs.add(f.planned_log(plan))
            uow.measurements.add(f.measurement(owner.id))
            uow.preferences.set(owner.id, f.preferences())
            uow.reminders.set(owner.id, f.reminders())
    kept_before = _everything(engine, other.id)
    with SqlUnitOfWork(engine) as uow:
        uow.people.delete(person.id)
    owned = _owned_tables()
    assert {"session_logs", "measurements", "plans", "reminder_settings"} <= {t.name for t in owned}
    with engine.connect() as conn:
        for table in [tables.people, *owned]:
            column = table.c.id if table.name == "people" else table.c.person_id
            count = conn.execute(select(func.count()).where(column == person.id)).scalar()
            assert count == 0, table.name
    assert _everything(engine, other.id) == kept_before


def _everything(engine, person_id):
    with SqlUnitOfWork(engine) as uow:
        return (
            uow.people.get(person_id),
            uow.assessments.list(person_id),
            uow.plans.list(person_id),
            uow.reviews.list(person_id),
            uow.logs.list(person_id),
            uow.measurements.list(person_id),
            uow.preferences.get(person_id),
            uow.reminders.get(person_id),
        )


def test_an_error_rolls_back_the_whole_unit_of_work(engine):
    person = _person(engine)
    with pytest.raises(RuntimeError), SqlUnitOfWork(engine) as uow:
        uow.logs.add(f.session_log(person.id))
        uow.measurements.add(f.measurement(person.id))
        raise RuntimeError("boom")
    with SqlUnitOfWork(engine) as uow:
        assert uow.logs.list(person.id) == []
        assert uow.measurements.list(person.id) == []


def test_duplicate_ids_and_unknown_people_are_refused(engine):
    person = _person(engine)
    log = f.session_log(person.id)
    with SqlUnitOfWork(engine) as uow:
        uow.logs.add(log)
    with pytest.raises(InvalidValue, match="already exists"), SqlUnitOfWork(engine) as uow:
        uow.logs.add(replace(log, notes="again"))
    with pytest.raises(NotFound, match="No person"), SqlUnitOfWork(engine) as uow:
        uow.measurements.add(f.measurement("nobody"))
    with pytest.raises(InvalidValue), SqlUnitOfWork(engine) as uow:
        uow.people.add(person)
    with SqlUnitOfWork(engine) as uow:
        assert uow.logs.list(person.id) == [log]


def test_driver_errors_leave_as_storage_errors(engine):
    person = _person(engine)
    with pytest.raises(StorageError), SqlUnitOfWork(engine) as uow:
        uow.people.conn.exec_driver_sql("SELECT * FROM no_such_table")
    with SqlUnitOfWork(engine) as uow:
        assert uow.people.get(person.id) == person


def test_moments_are_stored_in_utc(engine):
    person = _person(
        engine, created_at=datetime(2026, 1, 1, 12, 0, tzinfo=timezone(timedelta(hours=-5)))
    )
    with engine.connect() as conn:
        stored = conn.execute(select(tables.people.c.created_at)).scalar()
    assert stored == datetime(2026, 1, 1, 17, 0, tzinfo=UTC)
    assert person.created_at == stored
