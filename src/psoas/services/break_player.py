"""The sitting-break micro-routine in the guided session player.

A break is not a planned session: playing it saves no session log. When the player reaches the
end, the break is recorded as taken (with the exercises offered), which is all a break keeps.
"""

from __future__ import annotations

from datetime import date, datetime

from psoas.domain.errors import NotFound
from psoas.domain.habits.breaks import BreakEvent, BreakOutcome
from psoas.domain.sessions.player import SessionPlayer
from psoas.domain.sessions.timeline import build_timeline
from psoas.services.context import Context
from psoas.services.reminders import break_routine, record_break
from psoas.services.sessions import GuidedSession

MAX_SLOT = 200  # breaks in a day, far above any working day at the shortest interval


def guided_break(ctx: Context, person_id: str, slot: int, day: date) -> GuidedSession:
    """Break number ``slot`` of ``day`` as something the player can run."""
    routine = break_routine(ctx, person_id, max(0, min(slot, MAX_SLOT)), day)
    if routine is None:
        raise NotFound("No standing move in the catalogue suits you for a break.")
    return GuidedSession(person_id, "", routine, build_timeline(routine, ctx.catalogue))


def finish_break(
    ctx: Context, guided: GuidedSession, player: SessionPlayer, due_at: datetime
) -> BreakEvent | None:
    """Record the break as taken when the player finished it; nothing when it was left early."""
    if player.quit or player.finished_at is None:
        return None
    ids = tuple(p.exercise_id for p in guided.session.prescriptions)
    return record_break(ctx, guided.person_id, due_at, BreakOutcome.TAKEN, ids)
