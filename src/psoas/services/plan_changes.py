"""Every plan change by one side is shown to the other: the client sees "your physio changed
your plan" with what changed; the clinician sees the client's regenerations."""

from __future__ import annotations

from collections.abc import Sequence

from psoas.domain.planning.diff import plan_changes, swap_lines
from psoas.domain.planning.plans import Plan
from psoas.domain.records.clinical import ChangedBy, PlanChange
from psoas.domain.records.session_logs import SessionLog
from psoas.ports import UnitOfWork
from psoas.services.context import Context
from psoas.services.ids import new_id

SWAP_SUMMARY = "The client swapped an exercise for an easier one in a session."
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


def note_swaps(uow: UnitOfWork, ctx: Context, log: SessionLog, before: SessionLog | None) -> None:
    """Record the client's "easier" swaps in a session as a change by the client, inside the
    caller's transaction; only for a client with a clinician, who is the one to be told."""
    if not uow.people.get(log.person_id).clinician_id:
        return
    names = {e.id: e.name for e in ctx.catalogue}
    lines = swap_lines(log, names, before.events if before else ())
    if lines:
        uow.plan_changes.add(
            PlanChange(
                id=new_id(),
                person_id=log.person_id,
                at=ctx.clock.now(),
                by_role=ChangedBy.CLIENT,
                author_id=log.person_id,
                summary=SWAP_SUMMARY,
                lines=tuple(lines[:40]),
            )
        )


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
