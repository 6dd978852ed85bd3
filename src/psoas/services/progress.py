"""The progress summary of one person: loads plans, logs, measurements and reviews."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from psoas.domain.planning.plans import Plan, PlannedSession
from psoas.domain.progress.summary import ProgressSummary, summarise
from psoas.domain.records.session_logs import SessionLog
from psoas.services.context import Context


def progress_summary(ctx: Context, person_id: str, today: date) -> ProgressSummary:
    """Adherence, streak, pain trend and measured change up to ``today`` (all plans counted)."""
    return summary_and_logs(ctx, person_id, today)[0]


def summary_and_logs(
    ctx: Context, person_id: str, today: date
) -> tuple[ProgressSummary, Sequence[SessionLog]]:
    """``progress_summary`` and the session logs up to ``today`` it was made from (date
    order), for pages that need both without reading the logs twice."""
    with ctx.uow() as uow:
        uow.people.get(person_id)
        plans = uow.plans.list(person_id)
        logs = uow.logs.list(person_id, until=today)
        measurements = uow.measurements.list(person_id)
        reviews = [r for r in uow.reviews.list(person_id) if not r.awaiting_approval]
    planned = planned_sessions(plans)
    names = ctx.catalogue.names()
    summary = summarise(
        today=today,
        planned=planned,
        logs=logs,
        measurements=measurements,
        reviews=reviews,
        names=names,
    )
    return summary, logs


def planned_sessions(plans: Sequence[Plan]) -> list[PlannedSession]:
    """The sessions that were due: a newer plan replaces an older one from its start date.

    A plan's session stays when it comes before the start of every newer plan: one pass from
    the newest plan back (a year of plans and their sessions, each looked at once)."""
    kept: list[list[PlannedSession]] = []
    cutoff: date | None = None  # the earliest start of the newer plans
    for plan in reversed(plans):  # newest first
        sessions = plan.sessions()
        kept.append(list(sessions) if cutoff is None else [s for s in sessions if s.date < cutoff])
        cutoff = plan.start if cutoff is None else min(cutoff, plan.start)
    return [s for sessions in reversed(kept) for s in sessions]
