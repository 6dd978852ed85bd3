"""The clinician builds a plan by hand: start an empty plan (with or without the client's
self-assessment), place several exercises in one save, save and apply templates. Each save is
one transaction with an audit entry, and the client is told what changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from psoas.domain.clinic.accounts import AuditAction, User
from psoas.domain.errors import InvalidValue, NotFound, ReferralRequired
from psoas.domain.planning.building import (
    apply_items,
    check_item,
    empty_plan,
    long_days,
    over_budget_text,
)
from psoas.domain.planning.plans import Plan
from psoas.domain.planning.prescribing import caution_warnings
from psoas.domain.records.clinical import BuildItem, ChangedBy, PlanChange, PlanTemplate
from psoas.domain.records.people import Preferences
from psoas.ports import UnitOfWork
from psoas.services.clinic.accounts import record
from psoas.services.clinic.clients import open_record
from psoas.services.context import Context
from psoas.services.ids import new_id
from psoas.services.plan_changes import note_change

MAX_ITEMS = 40
MAX_NAME = 120
MAX_LEAD_DAYS = 92
BLOCKED = (
    "This client's assessment raised a red flag. Record it as cleared (under Clinical records) "
    "before starting a plan."
)


@dataclass(frozen=True, slots=True)
class Saved:
    plan: Plan
    change: PlanChange | None
    long_days: tuple[str, ...]  # the sentence on sessions past the client's minutes, if any


def _check_not_blocked(uow: UnitOfWork, person_id: str) -> None:
    latest = uow.assessments.latest(person_id)
    if latest is not None and not latest.allows_plan and latest.clinician_cleared_at is None:
        raise ReferralRequired(BLOCKED)


def start(ctx: Context, clinician: User, person_id: str, start_day: date, weeks: int) -> Plan:
    """An empty plan of ``weeks`` weeks from ``start_day``; no self-assessment needed."""
    open_record(ctx, clinician, person_id, "plan started by hand", change=True)
    if start_day < ctx.clock.today():
        raise InvalidValue("start", "Choose today or a later day.")
    if start_day > ctx.clock.today() + timedelta(days=MAX_LEAD_DAYS):
        raise InvalidValue("start", "Choose a first day within the next three months.")
    with ctx.uow() as uow:
        _check_not_blocked(uow, person_id)
        latest = uow.assessments.latest(person_id)
        plan = empty_plan(
            plan_id=new_id(),
            person_id=person_id,
            created_at=ctx.clock.now(),
            start=start_day,
            weeks=weeks,
            preferences=uow.preferences.get(person_id) or Preferences(),
            assessment_id=latest.id if latest else "",
        )
        old = uow.plans.latest(person_id)
        uow.plans.save(plan)
        note_change(
            uow,
            ctx,
            person_id=person_id,
            by=ChangedBy.CLINICIAN,
            author_id=clinician.id,
            old=old,
            new=plan,
            extra=[f"A new {weeks}-week plan from {start_day:%d %b}."],
        )
    return plan


def save_items(
    ctx: Context,
    clinician: User,
    person_id: str,
    items: Sequence[BuildItem],
    removed: Sequence[str] = (),
    *,
    confirm_long: bool = False,
    override_reason: str = "",
) -> Saved:
    """Place every item (and take out every removed exercise) from today on, in one save.

    A session that would run past the client's minutes a day is refused until confirmed."""
    open_record(ctx, clinician, person_id, "plan built", change=True)
    if len(items) > MAX_ITEMS:
        raise InvalidValue("items", f"at most {MAX_ITEMS} exercises in one save")
    today = ctx.clock.today()
    with ctx.uow() as uow:
        plan = uow.plans.latest(person_id)
        if plan is None:
            raise NotFound("This client has no plan yet; start one first.")
        items = [i if i.last_week else replace(i, last_week=len(plan.weeks)) for i in items]
        for n, item in enumerate(items, start=1):
            check_item(item, ctx.catalogue, len(plan.weeks), row=f"row {n}")
        _check_cautions(uow, ctx, person_id, items, override_reason)
        updated = apply_items(plan, items, ctx.catalogue, today, removed)
        left_out = (set(plan.clinician_removed) | set(removed)) - {i.exercise_id for i in items}
        updated = replace(updated, clinician_removed=tuple(sorted(left_out)))
        minutes = (uow.preferences.get(person_id) or plan.preferences).minutes_per_day
        too_long = long_days(updated, minutes, today)
        if too_long and not confirm_long:
            text = over_budget_text(too_long, minutes)
            raise InvalidValue("confirm_long", f"{text} Save anyway to confirm.")
        uow.plans.save(updated)
        change = note_change(
            uow,
            ctx,
            person_id=person_id,
            by=ChangedBy.CLINICIAN,
            author_id=clinician.id,
            old=plan,
            new=updated,
        )
        detail = f"{len(items)} placed, {len(removed)} removed"
        if override_reason.strip():
            detail += f"; caution overridden because: {override_reason.strip()[:300]}"
        record(uow, ctx, clinician, AuditAction.CHANGED, "plan built", person_id, detail)
    return Saved(updated, change, (over_budget_text(too_long, minutes),) if too_long else ())


def _check_cautions(
    uow: UnitOfWork, ctx: Context, person_id: str, items: Sequence[BuildItem], reason: str
) -> None:
    assessment = uow.assessments.latest(person_id)
    cautions = assessment.result.cautions if assessment else frozenset()
    warnings = [
        w for i in items for w in caution_warnings(ctx.catalogue.get(i.exercise_id), cautions)
    ]
    if warnings and not reason.strip():
        raise InvalidValue(
            "override_reason", " ".join(warnings) + " Give a reason to override this caution."
        )


def save_template(
    ctx: Context, clinician: User, name: str, items: Sequence[BuildItem], weeks: int
) -> PlanTemplate:
    """Keep ``items`` under ``name`` for this clinician (e.g. "desk worker, weeks 1-6")."""
    title = " ".join(name.split())
    if not title:
        raise InvalidValue("name", "give the template a name")
    if len(title) > MAX_NAME:
        raise InvalidValue("name", f"must be at most {MAX_NAME} characters")
    if not items:
        raise InvalidValue("items", "the plan has no exercises to keep as a template yet")
    for n, item in enumerate(items, start=1):
        check_item(item, ctx.catalogue, weeks, row=f"row {n}")
    template = PlanTemplate(new_id(), clinician.id, title, ctx.clock.now(), tuple(items), weeks)
    with ctx.uow() as uow:
        if uow.templates.count_named(clinician.id, title):
            raise InvalidValue("name", "you already have a template with this name")
        uow.templates.add(template)
        record(uow, ctx, clinician, AuditAction.CHANGED, "plan template saved", detail=title)
    return template


def templates(ctx: Context, clinician: User) -> Sequence[PlanTemplate]:
    with ctx.uow() as uow:
        return uow.templates.list(clinician.id)


def apply_template(
    ctx: Context, clinician: User, person_id: str, template_id: str, *, confirm_long: bool = False
) -> Saved:
    """The template's exercises placed in the client's plan (an empty plan of the template's
    length is started first when the client has none)."""
    open_record(ctx, clinician, person_id, "plan template applied", change=True)
    with ctx.uow() as uow:
        template = uow.templates.get(clinician.id, template_id)
        plan = uow.plans.latest(person_id)
    if plan is None or plan.stopped_reason:
        plan = start(ctx, clinician, person_id, ctx.clock.today(), template.weeks)
    weeks = len(plan.weeks)
    fitted = [
        replace(i, first_week=min(i.first_week, weeks), last_week=min(i.last_week, weeks))
        for i in template.items
    ]
    return save_items(ctx, clinician, person_id, fitted, confirm_long=confirm_long)


def delete_template(ctx: Context, clinician: User, template_id: str) -> None:
    with ctx.uow() as uow:
        uow.templates.get(clinician.id, template_id)
        uow.templates.delete(clinician.id, template_id)
