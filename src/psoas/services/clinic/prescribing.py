"""A clinician prescribes: starts a client's plan from their assessment and adjusts it by hand,
with the planner's caution rules still applied and every override recorded with its reason."""

from __future__ import annotations

from psoas.domain.clinic.accounts import AuditAction, User
from psoas.domain.errors import InvalidValue, NotFound
from psoas.domain.planning.building import long_days, over_budget_text
from psoas.domain.planning.plans import Plan
from psoas.domain.planning.prescribing import Adjusted, AdjustKind, Adjustment, adjust_plan
from psoas.domain.records.clinical import ChangedBy
from psoas.services import plans
from psoas.services.clinic.accounts import record
from psoas.services.clinic.clients import open_record
from psoas.services.context import Context
from psoas.services.plan_changes import note_change

MAX_REASON = 500


def start_plan(ctx: Context, clinician: User, person_id: str) -> Plan:
    """A new plan from the client's latest assessment (the planner's own safety rules apply)."""
    open_record(ctx, clinician, person_id, "plan started", change=True)
    return plans.new_plan(ctx, person_id, by=ChangedBy.CLINICIAN, author_id=clinician.id)


def adjust(
    ctx: Context,
    clinician: User,
    person_id: str,
    adjustment: Adjustment,
    override_reason: str = "",
    *,
    confirm_long: bool = False,
) -> Adjusted:
    """Change the current plan from today on; an overridden caution goes into the audit log.

    A change that makes a session run past the client's minutes a day (the plan builder's own
    check) is refused until confirmed."""
    open_record(ctx, clinician, person_id, "plan adjusted", change=True)
    reason = override_reason.strip()[:MAX_REASON]
    with ctx.uow() as uow:
        plan = uow.plans.latest(person_id)
        if plan is None:
            raise NotFound("This client has no plan yet; start one first.")
        assessment = uow.assessments.latest(person_id)
        cautions = assessment.result.cautions if assessment else frozenset()
        result = adjust_plan(
            plan,
            adjustment,
            catalogue=ctx.catalogue,
            cautions=cautions,
            from_day=ctx.clock.today(),
            override_reason=reason,
        )
        minutes = (uow.preferences.get(person_id) or plan.preferences).minutes_per_day
        today = ctx.clock.today()
        before = long_days(plan, minutes, today)
        after = long_days(result.plan, minutes, today)
        pushed = {d: s for d, s in after.items() if before.get(d) != s}
        if pushed and adjustment.kind is not AdjustKind.REMOVE and not confirm_long:
            text = over_budget_text(pushed, minutes)
            raise InvalidValue("confirm_long", f"{text} Save anyway to confirm.")
        uow.plans.save(result.plan)
        note_change(
            uow,
            ctx,
            person_id=person_id,
            by=ChangedBy.CLINICIAN,
            author_id=clinician.id,
            old=plan,
            new=result.plan,
        )
        detail = f"{adjustment.kind.value} {adjustment.exercise_id}"
        if adjustment.new_exercise_id:
            detail += f" -> {adjustment.new_exercise_id}"
        if result.overridden:
            detail += f"; caution overridden because: {reason}"
        record(uow, ctx, clinician, AuditAction.CHANGED, "plan adjustment", person_id, detail)
    return result
