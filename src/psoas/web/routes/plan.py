"""The plan: a week-by-week calendar with phases, sessions, durations and the reasons for each
change; make or regenerate it with new preferences; run the weekly review."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field
from starlette.responses import Response

from psoas.domain.catalogue.exercises import Equipment, Level
from psoas.domain.errors import PsoasError
from psoas.domain.planning.plans import Plan, PlanReview
from psoas.domain.records.people import WEEKDAYS, Preferences
from psoas.domain.serial import to_primitive
from psoas.services import caseload_alerts, pages, people, plan_changes, plan_preferences, plans
from psoas.web.calendar_view import calendar_weeks
from psoas.web.deps import context_of, person_id
from psoas.web.forms import FormReader, field_errors
from psoas.web.referral import urgent_referral
from psoas.web.schemas import model_for
from psoas.web.sync_form import read_form
from psoas.web.templating import render

router = APIRouter(tags=["plan"])
PlanOut = model_for(Plan)
ReviewOut = model_for(PlanReview)


def _page(
    request: Request,
    *,
    errors: dict | None = None,
    shown: dict | None = None,
    status: int = 200,
    message: str = "",
) -> Response:
    ctx = context_of(request)
    pid = person_id(request)
    view = pages.plan_view(ctx, pid)
    plan = view.plan
    referral = urgent_referral(view.assessment)
    context = {
        "active": "plan",
        "plan": None if referral else plan,  # the old plan stays out of sight after a red flag
        "referral": referral,
        "assessment": view.assessment,
        "reviews": view.reviews,
        "today": ctx.clock.today(),
        "calendar": calendar_weeks(plan, ctx.clock.today()) if plan else [],
        "names": {e.id: e.name for e in ctx.catalogue},
        "prefs": view.preferences,
        "shown": shown,
        "errors": errors or {},
        "message": message,
        "levels": list(Level),
        "equipment": list(Equipment),
        "weekdays": WEEKDAYS,
        "plan_changes": plan_changes.unseen_by_client(ctx, pid),
        "has_clinician": caseload_alerts.has_clinician(ctx, pid),
    }
    return render(request, "plan.html", context, status_code=status)


@router.get("/plan", response_class=HTMLResponse, include_in_schema=False)
def plan_page(request: Request, done: str = "") -> Response:
    messages = {
        "new": "Your new plan is ready.",
        "review": "The weekly review is done; see the changes below.",
        "review-waiting": plans.WAITING_FOR_CLINICIAN,
    }
    return _page(request, message=messages.get(done, ""))


def _preferences_from_form(form: Any, base: Preferences) -> Preferences:
    reader = FormReader(form)
    minutes = reader.integer("minutes_per_day", required=True)
    strength = reader.integer("strength_days_per_week", required=True)
    reader.raise_if_errors()
    return plan_preferences.preferences_from(
        base,
        minutes=minutes,
        strength_days=strength,
        equipment=[str(v) for v in form.getlist("equipment")],
        level=str(form.get("level") or base.level.value),
        days=[str(v) for v in form.getlist("preferred_days")],
    )


@router.post("/plan/new", include_in_schema=False)
def make_plan(request: Request) -> Response:
    form = read_form(request)
    ctx = context_of(request)
    pid = person_id(request)
    try:
        prefs = _preferences_from_form(form, people.get_preferences(ctx, pid))
        plans.new_plan(ctx, pid, prefs)
    except PsoasError as exc:
        shown = {
            "minutes_per_day": form.get("minutes_per_day", ""),
            "strength_days_per_week": form.get("strength_days_per_week", ""),
            "level": form.get("level", ""),
            "equipment": list(form.getlist("equipment")),
            "preferred_days": list(form.getlist("preferred_days")),
        }
        return _page(request, errors=field_errors(exc), shown=shown, status=422)
    return RedirectResponse("/plan?done=new", status_code=303)


@router.post("/plan/review", include_in_schema=False)
def review(request: Request) -> Response:
    try:
        done = plans.run_review(context_of(request), person_id(request))
    except PsoasError as exc:
        return _page(request, errors=field_errors(exc), status=422)
    outcome = "review-waiting" if done.awaiting_approval else "review"
    return RedirectResponse(f"/plan?done={outcome}", status_code=303)


# ----- JSON twins ----------------------------------------------------------------------------


class PlanIn(BaseModel):
    minutes_per_day: int | None = Field(None, description="5-30")
    strength_days_per_week: int | None = Field(None, description="0-3")
    equipment: list[str] | None = None
    level: str | None = None
    preferred_days: list[str] | None = Field(None, max_length=7)


@router.get("/api/plan", response_model=PlanOut | None)
def get_plan(request: Request) -> Any:
    """The current plan, or null before the first one."""
    plan = plans.current_plan(context_of(request), person_id(request))
    return to_primitive(plan) if plan else None


@router.post("/api/plan", response_model=PlanOut, status_code=201)
def post_plan(request: Request, body: PlanIn) -> Any:
    """Make a new plan from the latest assessment; given preferences replace the saved ones."""
    ctx = context_of(request)
    pid = person_id(request)
    prefs = plan_preferences.preferences_from(
        people.get_preferences(ctx, pid),
        minutes=body.minutes_per_day,
        strength_days=body.strength_days_per_week,
        equipment=body.equipment,
        level=body.level,
        days=body.preferred_days,
    )
    return to_primitive(plans.new_plan(ctx, pid, prefs))


@router.post("/api/plan/review", response_model=ReviewOut)
def post_review(request: Request) -> Any:
    """Review the latest finished week: progress, hold or regress each exercise, and why.
    When the clinician approves reviews first, the changes stay back until they do."""
    done = plans.run_review(context_of(request), person_id(request))
    return to_primitive(plans.as_seen_by_client(done))


@router.get("/api/plan/reviews", response_model=list[ReviewOut])
def get_reviews(request: Request) -> Any:
    """Every weekly review of every plan, oldest first."""
    return [to_primitive(r) for r in plans.reviews(context_of(request), person_id(request))]
