"""Progress reads a person's plans as schedules (``plan_sessions``, kept with every plan)
instead of their documents: each plan's start and sessions come as the plan has them, oldest
plan first, a plan without sessions included, another person's never; a replaced or changed
plan shows its new sessions. On SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from tests import factories as f

from psoas.domain.planning.plans import PlanSchedule
from psoas.storage.uow import SqlUnitOfWork

DAY = f.NOW.date()


def _sorted(schedule: PlanSchedule) -> PlanSchedule:
    return replace(
        schedule, sessions=tuple(sorted(schedule.sessions, key=lambda s: (s.date, s.id)))
    )


def test_schedules_are_the_plans_own_sessions_oldest_first(engine):
    person, other = f.person(), f.person()
    plans = [
        f.plan(person.id, start=DAY - timedelta(days=7 * n), weeks=2, created_at=f.NOW - timedelta(days=n))
        for n in (2, 1, 0)
    ]  # fmt: skip
    empty = replace(f.plan(person.id, start=DAY, created_at=f.NOW + timedelta(hours=1)), weeks=())
    with SqlUnitOfWork(engine) as uow:
        for someone in (person, other):
            uow.people.add(someone)
        uow.plans.save(f.plan(other.id))
        for plan in [*plans, empty]:
            uow.plans.save(plan)
    with SqlUnitOfWork(engine) as uow:
        found = uow.plans.schedule(person.id)
        stored = uow.plans.list(person.id)
    assert [s.plan_id for s in found] == [p.id for p in stored] == [p.id for p in [*plans, empty]]
    assert [_sorted(s) for s in found] == [_sorted(PlanSchedule.of(p)) for p in stored]
    assert found[-1].sessions == () and found[-1].start == DAY


def test_a_changed_plan_shows_its_new_sessions(engine):
    person = f.person()
    plan = f.plan(person.id, start=DAY, weeks=2)
    with SqlUnitOfWork(engine) as uow:
        uow.people.add(person)
        uow.plans.save(plan)
    shorter = replace(plan, weeks=plan.weeks[:1])
    with SqlUnitOfWork(engine) as uow:
        uow.plans.save(shorter)
    with SqlUnitOfWork(engine) as uow:
        (found,) = uow.plans.schedule(person.id)
    assert _sorted(found) == _sorted(PlanSchedule.of(shorter)) and len(found.sessions) == 7
