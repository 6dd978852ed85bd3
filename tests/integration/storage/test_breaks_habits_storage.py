"""Break outcomes and habit ticks on SQLite and PostgreSQL: scoped per person, idempotent ticks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from tests import factories as f

from psoas.domain.errors import InvalidValue, NotFound
from psoas.domain.habits.breaks import BreakEvent, BreakOutcome
from psoas.domain.habits.checklist import HabitTick
from psoas.storage.uow import SqlUnitOfWork

DUE = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
DAY = date(2026, 11, 23)


@pytest.fixture
def people(engine):
    alice, bob = f.person(display_name="Alice"), f.person(display_name="Bob")
    with SqlUnitOfWork(engine) as uow:
        uow.people.add(alice)
        uow.people.add(bob)
    return alice, bob


def event(person_id: str, n: int, outcome=BreakOutcome.TAKEN) -> BreakEvent:
    due = DUE + timedelta(minutes=30 * n)
    return BreakEvent(
        f"{person_id[:8]}-{n}-{outcome}",
        person_id,
        due,
        outcome,
        due + timedelta(minutes=1),
        ("standing-hip-flexor-stretch", "marching-in-place"),
    )


def test_break_events_round_trip_in_order_and_since(engine, people):
    alice, bob = people
    with SqlUnitOfWork(engine) as uow:
        for n in (2, 0, 1):
            uow.breaks.add(event(alice.id, n))
        uow.breaks.add(event(bob.id, 0, BreakOutcome.SKIPPED))
    with SqlUnitOfWork(engine) as uow:
        mine = uow.breaks.list(alice.id)
        later = uow.breaks.list(alice.id, since=DUE + timedelta(minutes=30))
        bobs = uow.breaks.list(bob.id)
    assert mine == [event(alice.id, n) for n in (0, 1, 2)]
    assert [e.due_at for e in later] == [DUE + timedelta(minutes=30), DUE + timedelta(minutes=60)]
    assert [e.outcome for e in bobs] == [BreakOutcome.SKIPPED]


def test_a_duplicate_break_id_or_unknown_person_is_refused_and_nothing_written(engine, people):
    alice, _ = people
    with SqlUnitOfWork(engine) as uow:
        uow.breaks.add(event(alice.id, 0))
    with pytest.raises(InvalidValue), SqlUnitOfWork(engine) as uow:
        uow.breaks.add(event(alice.id, 1))
        uow.breaks.add(event(alice.id, 0))
    with pytest.raises(NotFound), SqlUnitOfWork(engine) as uow:
        uow.breaks.add(event("nobody", 0))
    with SqlUnitOfWork(engine) as uow:
        assert [e.id for e in uow.breaks.list(alice.id)] == [event(alice.id, 0).id]


def test_habit_ticks_are_idempotent_per_person_and_untick_only_touches_the_owner(engine, people):
    alice, bob = people
    with SqlUnitOfWork(engine) as uow:
        uow.habits.tick(HabitTick(alice.id, DAY, "posture-check"))
        uow.habits.tick(HabitTick(alice.id, DAY, "posture-check"))
        uow.habits.tick(HabitTick(alice.id, DAY - timedelta(days=1), "posture-check"))
        uow.habits.tick(HabitTick(bob.id, DAY, "posture-check"))
    with SqlUnitOfWork(engine) as uow:
        uow.habits.untick(bob.id, DAY - timedelta(days=1), "posture-check")  # not Bob's tick
        uow.habits.untick(alice.id, DAY, "posture-check")
    with SqlUnitOfWork(engine) as uow:
        assert uow.habits.list(alice.id) == [
            HabitTick(alice.id, DAY - timedelta(days=1), "posture-check")
        ]
        assert uow.habits.list(alice.id, since=DAY) == []
        assert uow.habits.list(bob.id) == [HabitTick(bob.id, DAY, "posture-check")]


def test_deleting_a_person_removes_their_breaks_and_habits(engine, people):
    alice, bob = people
    with SqlUnitOfWork(engine) as uow:
        uow.breaks.add(event(alice.id, 0))
        uow.habits.tick(HabitTick(alice.id, DAY, "posture-check"))
        uow.habits.tick(HabitTick(bob.id, DAY, "posture-check"))
    with SqlUnitOfWork(engine) as uow:
        uow.people.delete(alice.id)
    with SqlUnitOfWork(engine) as uow:
        assert uow.breaks.list(alice.id) == [] and uow.habits.list(alice.id) == []
        assert len(uow.habits.list(bob.id)) == 1
