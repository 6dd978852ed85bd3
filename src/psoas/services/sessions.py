"""Guided sessions: find today's planned session, play it, save the log; next-morning pain.

The player itself is pure (``psoas.domain.sessions.player``); this module loads what it needs through
the unit of work and saves the result through the validated entry points of
``psoas.services.records`` (one transaction each, nothing half-written).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from psoas.domain.errors import InvalidValue, NotFound
from psoas.domain.planning.plans import Plan, PlannedSession, SessionKind
from psoas.domain.records.session_logs import SessionLog
from psoas.domain.records.validation import nrs_problems, raise_problems
from psoas.domain.sessions.player import SessionPlayer
from psoas.domain.sessions.retest_step import self_test_step
from psoas.domain.sessions.timeline import Timeline, build_timeline
from psoas.services import plans
from psoas.services.context import Context
from psoas.services.ids import new_id
from psoas.services.records import log_session, update_session_log

NEXT_MORNING_WINDOW_DAYS = 7  # older sessions are not asked about any more


@dataclass(frozen=True, slots=True)
class GuidedSession:
    """Everything the player needs for one planned session."""

    person_id: str
    plan_id: str
    session: PlannedSession
    timeline: Timeline
    partial: SessionLog | None = None  # an unfinished log of this session, to resume


def planned_on(
    ctx: Context, person_id: str, day: date, session_id: str | None = None
) -> tuple[Plan, PlannedSession]:
    """The plan and its session on ``day`` (or the one with ``session_id``); NotFound if none.

    Goes through ``plans.today``, so a red flag or severe pain reported since the plan began
    pauses the plan (with its message) before any session is played.
    """
    session, reasons = plans.today(ctx, person_id, day)
    plan = plans.current_plan(ctx, person_id)
    if plan is None or plan.stopped_reason:
        raise NotFound(" ".join(reasons) or "Your plan is paused.")
    if session_id is not None:
        found = plan.session(session_id)
        if found is None:
            raise NotFound(f"No planned session with id '{session_id}' in your plan.")
        return plan, found
    if session is None:
        raise NotFound(" ".join(reasons))
    if session.kind is SessionKind.REST:
        raise NotFound(f"{day.isoformat()} is a rest day in your plan.{_next_hint(plan, day)}")
    return plan, session


def _next_hint(plan: Plan, day: date) -> str:
    later = [s for s in plan.sessions() if s.date > day and s.kind is not SessionKind.REST]
    if not later:
        return ""
    when = later[0].date.isoformat()
    return f" The next session is on {when}; to do it now: psoas session --date {when}"


def prepare_session(
    ctx: Context, person_id: str, day: date, session_id: str | None = None
) -> GuidedSession:
    """Today's (or ``day``'s) planned session as a timeline, with any partial log to resume."""
    plan, session = planned_on(ctx, person_id, day, session_id)
    guided_test = self_test_step(ctx.questionnaire) if ctx.questionnaire is not None else None
    timeline = build_timeline(session, ctx.catalogue, guided_test)
    with ctx.uow() as uow:
        logs = uow.logs.list(person_id, since=min(session.date, ctx.clock.today()))
    earlier = [log for log in logs if log.session_id == session.id]
    partial = earlier[-1] if earlier and not earlier[-1].completed else None
    return GuidedSession(person_id, plan.id, session, timeline, partial)


def start_player(ctx: Context, guided: GuidedSession, *, resume: bool = False) -> SessionPlayer:
    """A player at the clock's now; ``resume`` continues the partial log's unfinished sets."""
    now = ctx.clock.monotonic()
    if resume and guided.partial is not None:
        return SessionPlayer.resuming(guided.timeline, guided.partial, now, ctx.catalogue)
    return SessionPlayer(guided.timeline, now, ctx.catalogue)


def finish_session(
    ctx: Context,
    guided: GuidedSession,
    player: SessionPlayer,
    *,
    started_at: datetime,
    pain_before: int | None,
    pain_after: int | None = None,
    effort: int | None = None,
    notes: str = "",
    finished_at: datetime | None = None,
) -> SessionLog:
    """Save what the player recorded (a partial log when quit); a resumed log is updated.

    ``finished_at`` is for a log sent later (a phone's offline queue): its day is that of the
    finish, not the day it arrived."""
    raise_problems(
        nrs_problems("pain_before", pain_before)
        + nrs_problems("pain_after", pain_after)
        + nrs_problems("effort", effort)
    )
    partial = guided.partial
    base = partial if partial is not None and player.resumed_from == partial.id else None
    now = ctx.clock.now()
    finished = finished_at or now
    log = SessionLog(
        id=base.id if base else new_id(),
        person_id=guided.person_id,
        session_date=base.session_date if base else finished.astimezone(now.tzinfo).date(),
        started_at=base.started_at if base else started_at,
        finished_at=finished,
        sets=(),
        plan_id=guided.plan_id,
        session_id=guided.session.id,
        pain_before=pain_before
        if pain_before is not None
        else (base.pain_before if base else None),
        pain_after=pain_after,
        effort=effort,
        notes=notes.strip(),
    )
    log = player.fill_log(log)
    if base is not None:
        return update_session_log(ctx, guided.person_id, log)
    return log_session(ctx, guided.person_id, log)


def pending_next_morning(ctx: Context, person_id: str, today: date) -> SessionLog | None:
    """The previous session's log if its next-morning pain was never asked (asked once)."""
    since = today - timedelta(days=NEXT_MORNING_WINDOW_DAYS)
    with ctx.uow() as uow:
        uow.people.get(person_id)
        return pending_in(uow.logs.list(person_id, since=since), today)


def pending_in(logs: Sequence[SessionLog], today: date) -> SessionLog | None:
    """``pending_next_morning`` from logs already read (in date order, any span up to today)."""
    since = today - timedelta(days=NEXT_MORNING_WINDOW_DAYS)
    earlier = [log for log in logs if since <= log.session_date < today]
    if not earlier:
        return None
    previous = earlier[-1]
    if previous.next_morning_asked or previous.next_morning_pain is not None:
        return None
    return previous


def log_for_next_morning(ctx: Context, person_id: str, day: date | None = None) -> SessionLog:
    """The log that next-morning pain belongs to: the latest of ``day``, or of the latest day
    before today when no day is given; NotFound names the day when there is none."""
    today = ctx.clock.today()
    if day is not None and day > today:
        raise InvalidValue("date", f"{day.isoformat()} is in the future")
    with ctx.uow() as uow:
        uow.people.get(person_id)
        logs = uow.logs.list(person_id, since=day or today - timedelta(days=60))
    found = [log for log in logs if (log.session_date == day if day else log.session_date < today)]
    if not found:
        where = f"on {day.isoformat()}" if day else "before today"
        raise NotFound(f"No logged session {where} to add next-morning pain to.")
    return max(found, key=lambda log: (log.session_date, log.started_at))


def record_next_morning(ctx: Context, person_id: str, log_id: str, pain: int | None) -> SessionLog:
    """Save next-morning pain (0-10), or None when the person skipped it: never asked again."""
    if pain is not None and (
        isinstance(pain, bool) or not isinstance(pain, int) or not 0 <= pain <= 10
    ):
        raise InvalidValue("next_morning_pain", "must be a whole number from 0 to 10")
    with ctx.uow() as uow:
        log = uow.logs.get(person_id, log_id)
    updated = replace(log, next_morning_pain=pain, next_morning_asked=True)
    return update_session_log(ctx, person_id, updated)
