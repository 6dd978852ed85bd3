"""Plans: make one from the latest assessment, find today's session, run the weekly review.

Checking and reading the plan preferences is ``psoas.services.plan_preferences``.

Everything loads and saves through the unit of work (one transaction per use case); the
decisions themselves are the pure ``make_plan`` and ``review_week``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from psoas.domain.errors import InvalidValue, NotFound
from psoas.domain.planning.building import carry_over
from psoas.domain.planning.make import make_plan
from psoas.domain.planning.plans import Change, Plan, PlannedSession, PlanReview, SessionKind
from psoas.domain.progression.evidence import severe_pain_detail
from psoas.domain.progression.review import RED_FLAG_MESSAGE, SEVERE_PAIN_MESSAGE, review_week
from psoas.domain.progression.rules import SEVERE_PAIN
from psoas.domain.records.clinical import ChangedBy
from psoas.domain.records.measurements import Measurement, MeasurementKind
from psoas.domain.records.people import Preferences
from psoas.domain.records.session_logs import SessionLog
from psoas.domain.screening.assessment import Assessment
from psoas.ports import UnitOfWork
from psoas.services.context import Context
from psoas.services.ids import new_id
from psoas.services.plan_changes import note_change
from psoas.services.plan_preferences import (  # noqa: F401  (still offered as plans.*)
    current_preferences,
    preferences_from,
)

NO_ASSESSMENT = "No assessment yet. Run `psoas assess` first, then `psoas plan new`."
NO_PLAN = "No plan yet. Run `psoas assess` and then `psoas plan new`."
WAITING_FOR_CLINICIAN = (
    "This week's review is with your clinician: its changes show here once they approve them."
)


def new_plan(
    ctx: Context,
    person_id: str,
    preferences: Preferences | None = None,
    start: date | None = None,
    *,
    weeks: int = 6,
    by: ChangedBy = ChangedBy.CLIENT,
    author_id: str = "",
) -> Plan:
    """A new plan from the latest assessment; saves the preferences and the plan together.

    For a client with a clinician, the clinician's prescriptions and removals carry over from
    the current plan (their plan wins), and the change is shown to the other side.
    """
    with ctx.uow() as uow:
        person = uow.people.get(person_id)
        assessment = uow.assessments.latest(person_id)
        if assessment is None:
            raise NotFound(NO_ASSESSMENT)
        prefs = preferences or uow.preferences.get(person_id) or Preferences()
        prefs.validate()
        plan = make_plan(
            assessment.result,
            prefs,
            start or ctx.clock.today(),
            ctx.catalogue,
            weeks=weeks,
            plan_id=new_id(),
            person_id=person_id,
            assessment_id=assessment.id,
            created_at=ctx.clock.now(),
            clinician_cleared=assessment.clinician_cleared_at is not None,
        )
        if person.clinician_id:
            plan = _clinician_wins(uow, ctx, plan, by, author_id)
        uow.preferences.set(person_id, prefs)
        uow.plans.save(plan)
    return plan


def _clinician_wins(uow: UnitOfWork, ctx: Context, plan: Plan, by: ChangedBy, author: str) -> Plan:
    old = uow.plans.latest(plan.person_id)
    extra = []
    if old is not None:
        plan, kept = carry_over(old, plan, ctx.catalogue, ctx.clock.today())
        if kept or old.clinician_removed:
            extra.append(
                f"Kept the physio's choices: {kept} exercise{'s' if kept != 1 else ''} "
                f"prescribed, {len(old.clinician_removed)} left out."
            )
    note_change(
        uow, ctx, person_id=plan.person_id, by=by, author_id=author, old=old, new=plan, extra=extra
    )
    return plan


def current_plan(ctx: Context, person_id: str) -> Plan | None:
    with ctx.uow() as uow:
        uow.people.get(person_id)
        return uow.plans.latest(person_id)


def list_plans(ctx: Context, person_id: str) -> Sequence[Plan]:
    with ctx.uow() as uow:
        uow.people.get(person_id)
        return uow.plans.list(person_id)


def _require_plan(ctx: Context, person_id: str) -> Plan:
    plan = current_plan(ctx, person_id)
    if plan is None:
        raise NotFound(NO_PLAN)
    return plan


def stop_plan(ctx: Context, person_id: str, message: str) -> Plan:
    """Pause the current plan for safety (a new red flag or severe pain), with the message."""
    plan = _require_plan(ctx, person_id)
    if plan.stopped_reason:
        return plan
    stopped = replace(plan, stopped_reason=message)
    with ctx.uow() as uow:
        uow.plans.save(stopped)
    return stopped


def _unsafe_since_start(ctx: Context, plan: Plan) -> str:
    """The referral message if a red flag or severe pain was reported since the plan began.

    Pain recorded before the plan was made (the assessment's own pain answer, for one) is the
    baseline the plan was made for, not a new event: severe pain at assessment is handled by
    the triage itself, which asks for a clinician first.
    """
    with ctx.uow() as uow:
        logs = uow.logs.list(plan.person_id, since=plan.start)
        latest = uow.assessments.latest(plan.person_id)
        pains = uow.measurements.list(plan.person_id, MeasurementKind.PAIN, since=plan.start)
    if (
        latest is not None
        and latest.id != plan.assessment_id
        and latest.taken_at > plan.created_at
        and not latest.allows_plan
    ):
        return RED_FLAG_MESSAGE
    detail = next((d for d in (severe_pain_detail(log) for log in logs) if d), "")
    if not detail:
        detail = next(
            (
                f"pain of {m.value:g}/10 was recorded"
                for m in pains
                if m.value >= SEVERE_PAIN and m.taken_at > plan.created_at
            ),
            "",
        )
    return SEVERE_PAIN_MESSAGE.format(detail=detail) if detail else ""


def today(
    ctx: Context, person_id: str, day: date | None = None
) -> tuple[PlannedSession | None, list[str]]:
    """The session planned for ``day`` (default today) and the reasons behind it and its changes."""
    _, session, reasons = today_in_plan(ctx, _require_plan(ctx, person_id), day)
    return session, reasons


def today_in_plan(
    ctx: Context, plan: Plan, day: date | None = None
) -> tuple[Plan, PlannedSession | None, list[str]]:
    """``today`` for a plan already read (pages read it once): the plan as it is now (stopped
    here when a red flag or severe pain came since it began), the session and the reasons."""
    if not plan.stopped_reason:
        message = _unsafe_since_start(ctx, plan)
        if message:
            plan = stop_plan(ctx, plan.person_id, message)
    if plan.stopped_reason:
        return plan, None, [plan.stopped_reason]
    day = day or ctx.clock.today()
    sessions = plan.on(day)
    if not sessions:
        last = plan.sessions()[-1].date if plan.sessions() else plan.start
        where = "has not started yet" if day < plan.start else f"ended on {last.isoformat()}"
        return plan, None, [f"Your plan {where}; nothing is planned on {day.isoformat()}."]
    session = sessions[0]
    reasons = [session.reason] if session.reason else []
    for p in session.prescriptions:
        if p.change != Change.NEW and p.change_reason:
            reasons.append(f"{_name(ctx, p.exercise_id)} ({p.change.value}): {p.change_reason}")
        if p.modification:
            reasons.append(f"{_name(ctx, p.exercise_id)}: {p.modification}")
    if session.kind == SessionKind.REST and not reasons:
        reasons.append("Rest day.")
    return plan, session, reasons


def _name(ctx: Context, exercise_id: str) -> str:
    return (
        ctx.catalogue.exercises[exercise_id].name if exercise_id in ctx.catalogue else exercise_id
    )


def week_to_review(plan: Plan, day: date) -> int:
    """The latest plan week that has ended by ``day`` (1-based); InvalidValue if none has."""
    ended = (day - plan.start).days // 7
    if ended < 1:
        first_end = plan.start + timedelta(days=6)
        raise InvalidValue(
            "today",
            f"the first week of your plan ends on {first_end.isoformat()}; review after that",
        )
    return min(ended, len(plan.weeks))


def _baseline_pain(
    measurements: Sequence[Measurement], logs: Sequence[SessionLog], plan: Plan
) -> float | None:
    pains = [m for m in measurements if m.kind == MeasurementKind.PAIN]
    before = [m for m in pains if m.taken_at <= plan.created_at]
    if before:
        return before[-1].value
    if pains:
        return pains[0].value
    first = next((log.pain_before for log in logs if log.pain_before is not None), None)
    return float(first) if first is not None else None


def run_review(
    ctx: Context, person_id: str, today: date | None = None, *, new_red_flag: bool = False
) -> PlanReview:
    """Review the latest finished week of the current plan and save the review and the plan.

    Running it again for the same week returns the saved review instead of changing twice.
    """
    plan = _require_plan(ctx, person_id)
    day = today or ctx.clock.today()
    week_index = week_to_review(plan, day)
    new_red_flag = new_red_flag or _unsafe_since_start(ctx, plan) == RED_FLAG_MESSAGE
    with ctx.uow() as uow:
        done = [r for r in uow.reviews.list(person_id, plan.id) if r.week_index == week_index + 1]
        if done and not new_red_flag:
            return done[-1]
        assessment: Assessment | None = (
            uow.assessments.get(person_id, plan.assessment_id)
            if plan.assessment_id
            else uow.assessments.latest(person_id)  # a plan the clinician built by hand
        )
        logs = uow.logs.list(person_id, since=plan.start)
        measurements = uow.measurements.list(person_id)
        review, updated = review_week(
            plan,
            logs,
            measurements,
            week_index=week_index,
            baseline_pain=_baseline_pain(measurements, logs, plan),
            today=day,
            catalogue=ctx.catalogue,
            cautions=assessment.result.cautions if assessment else frozenset(),
            new_red_flag=new_red_flag,
            now=ctx.clock.now(),
        )
        review = replace(review, id=new_id())
        if uow.people.get(person_id).review_approval and not review.stop:
            review = replace(review, awaiting_approval=True, proposed=updated)  # clinician first
        else:
            uow.plans.save(updated)
        uow.reviews.add(review)
    return review


def as_seen_by_client(review: PlanReview) -> PlanReview:
    """The review as its person may see it: one waiting for the clinician's approval keeps
    its changes (items, flags, load change, proposed plan) back until it is approved."""
    if not review.awaiting_approval:
        return review
    return replace(
        review,
        items=(),
        summary=WAITING_FOR_CLINICIAN,
        load_change_pct=None,
        flags=(),
        proposed=None,
    )


def reviews(ctx: Context, person_id: str, plan_id: str | None = None) -> Sequence[PlanReview]:
    """The person's reviews, leaving out any still waiting for their clinician's approval."""
    with ctx.uow() as uow:
        uow.people.get(person_id)
        return [r for r in uow.reviews.list(person_id, plan_id) if not r.awaiting_approval]
