"""A plan whose every day is a re-test day (the guided self-test plus one real exercise), for
the web re-test tests; seeded through the app's own context so it lands in its database."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tests import factories

from psoas.domain.planning.plans import Prescription, SessionKind, SideHandling
from psoas.services import people


def seed_retest_plan(ctx: Any, *, self_test: bool = True) -> str:
    """Saves the plan for personal mode's person; returns today's session id."""
    person = people.current_person(ctx)
    plan = factories.plan(person.id, start=ctx.clock.today())
    stretch = ctx.catalogue.get("standing-hip-flexor-stretch")
    rx = (Prescription(stretch.id, stretch.dose, SideHandling.EACH, "tight hips"),)
    weeks = tuple(
        replace(
            w,
            sessions=tuple(
                replace(s, kind=SessionKind.RETEST, prescriptions=rx, self_test=self_test)
                for s in w.sessions
            ),
        )
        for w in plan.weeks
    )
    plan = replace(plan, weeks=weeks)
    with ctx.uow() as uow:
        uow.plans.save(plan)
    return plan.on(ctx.clock.today())[0].id


def self_test_measurements(ctx: Any) -> set[tuple[str, str, float]]:
    person = people.current_person(ctx)
    with ctx.uow() as uow:
        found = uow.measurements.list(person.id)
    return {(m.kind.value, m.side.value, m.value) for m in found if m.method.value == "self_test"}
