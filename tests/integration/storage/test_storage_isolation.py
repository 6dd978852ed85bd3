"""For every store: a second person's id never reads or changes the first person's records."""

from __future__ import annotations

from dataclasses import replace

import pytest
from tests import factories as f

from psoas.domain.errors import InvalidValue, NotFound
from psoas.storage.uow import SqlUnitOfWork


@pytest.fixture
def owners(engine):
    """Alice with one record of every kind, and Bob with none."""
    alice, bob = f.person(display_name="Alice"), f.person(display_name="Bob")
    plan = f.plan(alice.id)
    records = {
        "assessment": f.assessment(alice.id),
        "plan": plan,
        "review": f.review(alice.id, plan.id),
        "log": f.planned_log(plan),
        "measurement": f.measurement(alice.id),
        "preferences": f.preferences(minutes_per_day=25),
        "reminders": f.reminders(interval_minutes=45),
    }
    with SqlUnitOfWork(engine) as uow:
        uow.people.add(alice)
        uow.people.add(bob)
        uow.assessments.add(records["assessment"])
        uow.plans.save(plan)
        uow.reviews.add(records["review"])
        uow.logs.add(records["log"])
        uow.measurements.add(records["measurement"])
        uow.preferences.set(alice.id, records["preferences"])
        uow.reminders.set(alice.id, records["reminders"])
    return alice, bob, records


def _alice_unchanged(engine, alice, records):
    with SqlUnitOfWork(engine) as uow:
        assert uow.assessments.list(alice.id) == [records["assessment"]]
        assert uow.plans.list(alice.id) == [records["plan"]]
        assert uow.reviews.list(alice.id) == [records["review"]]
        assert uow.logs.list(alice.id) == [records["log"]]
        assert uow.measurements.list(alice.id) == [records["measurement"]]
        assert uow.preferences.get(alice.id) == records["preferences"]
        assert uow.reminders.get(alice.id) == records["reminders"]


def test_lists_under_another_person_are_empty(engine, owners):
    _alice, bob, records = owners
    with SqlUnitOfWork(engine) as uow:
        assert uow.assessments.list(bob.id) == []
        assert uow.assessments.latest(bob.id) is None
        assert uow.plans.list(bob.id) == []
        assert uow.plans.latest(bob.id) is None
        assert uow.reviews.list(bob.id) == []
        assert uow.reviews.list(bob.id, records["plan"].id) == []
        assert uow.logs.list(bob.id) == []
        assert uow.measurements.list(bob.id) == []
        assert uow.preferences.get(bob.id) is None
        assert uow.reminders.get(bob.id) is None


@pytest.mark.parametrize(
    ("store", "key"),
    [("assessments", "assessment"), ("plans", "plan"), ("logs", "log")],
)
def test_get_with_another_persons_id_is_not_found(engine, owners, store, key):
    _alice, bob, records = owners
    with SqlUnitOfWork(engine) as uow, pytest.raises(NotFound):
        getattr(uow, store).get(bob.id, records[key].id)


@pytest.mark.parametrize(
    ("store", "key", "change"),
    [
        ("assessments", "assessment", {"answers": {"stolen": True}}),
        ("logs", "log", {"notes": "overwritten"}),
    ],
)
def test_update_through_another_person_changes_nothing(engine, owners, store, key, change):
    alice, bob, records = owners
    forged = replace(records[key], person_id=bob.id, **change)
    with pytest.raises(NotFound), SqlUnitOfWork(engine) as uow:
        getattr(uow, store).update(forged)
    _alice_unchanged(engine, alice, records)


def test_saving_a_plan_with_another_persons_plan_id_changes_nothing(engine, owners):
    alice, bob, records = owners
    forged = replace(records["plan"], person_id=bob.id, summary="taken over")
    with pytest.raises(InvalidValue), SqlUnitOfWork(engine) as uow:
        uow.plans.save(forged)
    _alice_unchanged(engine, alice, records)


@pytest.mark.parametrize(
    ("store", "key"),
    [
        ("assessments", "assessment"),
        ("reviews", "review"),
        ("logs", "log"),
        ("measurements", "measurement"),
    ],
)
def test_adding_under_another_person_with_an_existing_id_changes_nothing(
    engine, owners, store, key
):
    alice, bob, records = owners
    forged = replace(records[key], person_id=bob.id)
    with pytest.raises(InvalidValue), SqlUnitOfWork(engine) as uow:
        getattr(uow, store).add(forged)
    _alice_unchanged(engine, alice, records)


def test_deleting_a_measurement_through_another_person_changes_nothing(engine, owners):
    alice, bob, records = owners
    with pytest.raises(NotFound), SqlUnitOfWork(engine) as uow:
        uow.measurements.delete(bob.id, records["measurement"].id)
    _alice_unchanged(engine, alice, records)


def test_settings_of_another_person_stay_apart(engine, owners):
    alice, bob, records = owners
    with SqlUnitOfWork(engine) as uow:
        uow.preferences.set(bob.id, f.preferences(minutes_per_day=5))
        uow.reminders.set(bob.id, f.reminders(enabled=False))
    with SqlUnitOfWork(engine) as uow:
        assert uow.preferences.get(bob.id) == f.preferences(minutes_per_day=5)
        assert uow.reminders.get(bob.id) == f.reminders(enabled=False)
    _alice_unchanged(engine, alice, records)


def test_deleting_another_person_keeps_every_record(engine, owners):
    alice, bob, records = owners
    with SqlUnitOfWork(engine) as uow:
        uow.people.delete(bob.id)
    _alice_unchanged(engine, alice, records)
