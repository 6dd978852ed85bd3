"""Every plan change by one side is shown to the other: the client sees "your physio changed
your plan" with what changed; the clinician sees the client's regenerations."""

from __future__ import annotations

from collections.abc import Sequence

from psoas.domain.planning.diff import plan_changes
from psoas.domain.planning.plans import Plan
from psoas.domain.records.clinical import ChangedBy, PlanChange
from psoas.ports import UnitOfWork
from psoas.services.context import Context
from psoas.services.ids import new_id

SUMMARY = {
    ChangedBy.CLINICIAN: "Your physio changed your plan.",
    ChangedBy.CLIENT: "The client made a new plan.",
}


def note_change(
    uow: UnitOfWork,
    ctx: Context,
    *,
    person_id: str,
    by: ChangedBy,
    author_id: str,
    old: Plan | None,
    new: Plan,
    extra: Sequence[str] = (),
) -> PlanChange | None:
    """Record what changed (nothing when nothing did), inside the caller's transaction."""
    names = {e.id: e.name for e in ctx.catalogue}
    lines = [*extra, *plan_changes(old, new, names, ctx.clock.today())]
    if not lines:
        return None
    change = PlanChange(
        id=new_id(),
        person_id=person_id,
        at=ctx.clock.now(),
        by_role=by,
        author_id=author_id,
        summary=SUMMARY[by],
        lines=tuple(lines[:40]),
    )
    uow.plan_changes.add(change)
    return change


def unseen_by_client(ctx: Context, person_id: str) -> Sequence[PlanChange]:
    """The clinician's changes the client has not acknowledged yet (oldest first)."""
    with ctx.uow() as uow:
        uow.people.get(person_id)
        return uow.plan_changes.unseen(person_id, ChangedBy.CLINICIAN)


def client_has_seen(ctx: Context, person_id: str) -> int:
    with ctx.uow() as uow:
        uow.people.get(person_id)
        return uow.plan_changes.mark_seen(person_id, ChangedBy.CLINICIAN, ctx.clock.now())


def recent(uow: UnitOfWork, person_id: str) -> Sequence[PlanChange]:
    return uow.plan_changes.recent(person_id)
