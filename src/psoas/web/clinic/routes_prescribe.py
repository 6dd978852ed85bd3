"""Prescribing: start a client's plan and adjust it by hand (page forms and a JSON twin)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field
from starlette.responses import Response

from psoas.domain.clinic.accounts import Role
from psoas.domain.errors import InvalidValue
from psoas.domain.planning.prescribing import AdjustKind, Adjustment
from psoas.domain.serial import to_primitive
from psoas.services.clinic import prescribing
from psoas.web.clinic.auth import staff
from psoas.web.clinic.routes_clients import detail_context
from psoas.web.deps import context_of
from psoas.web.templating import render

router = APIRouter(tags=["clinic"])


def _number(text: str, field: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or len(text) > 4:
        raise InvalidValue(field, "must be a whole number")
    return int(text)


@router.post("/clients/{person_id}/plan", include_in_schema=False)
def start_plan(request: Request, person_id: str) -> Response:
    user = staff(request, Role.CLINICIAN)
    prescribing.start_plan(context_of(request), user, person_id)
    return RedirectResponse(f"/clients/{person_id}#plan", status_code=303)


@router.post("/clients/{person_id}/plan/adjust", include_in_schema=False)
def adjust_page(
    request: Request,
    person_id: str,
    kind: str = Form("add"),
    exercise_id: str = Form(""),
    new_exercise_id: str = Form(""),
    sets: str = Form(""),
    reps: str = Form(""),
    hold_seconds: str = Form(""),
    override_reason: str = Form(""),
    confirm_long: str = Form(""),
) -> Response:
    user = staff(request, Role.CLINICIAN)
    form = {
        "kind": kind[:10],
        "exercise_id": exercise_id[:64],
        "new_exercise_id": new_exercise_id[:64],
        "sets": sets[:4],
        "reps": reps[:4],
        "hold_seconds": hold_seconds[:4],
        "override_reason": override_reason[:500],
    }
    try:
        if kind not in {k.value for k in AdjustKind}:
            raise InvalidValue("kind", "choose add, remove, swap or dose")
        adjustment = Adjustment(
            AdjustKind(kind),
            exercise_id[:64],
            new_exercise_id[:64],
            _number(sets, "sets"),
            _number(reps, "reps"),
            _number(hold_seconds, "hold_seconds"),
        )
        result = prescribing.adjust(
            context_of(request),
            user,
            person_id,
            adjustment,
            override_reason[:500],
            confirm_long=confirm_long == "yes",
        )
    except InvalidValue as exc:
        context = detail_context(request, person_id)
        context.update(adjust_error=exc, adjust_form=form)
        return render(request, "clinic/client.html", context, status_code=422)
    context = detail_context(request, person_id)
    context["notice"] = f"Plan changed in {result.sessions_changed} sessions from today on."
    if result.overridden:
        context["notice"] += " The caution override and its reason are recorded."
    return render(request, "clinic/client.html", context)


class AdjustmentIn(BaseModel):
    kind: AdjustKind
    exercise_id: str = Field(min_length=1, max_length=64)
    new_exercise_id: str = Field(default="", max_length=64)
    sets: int | None = Field(default=None, ge=1, le=10)
    reps: int | None = Field(default=None, ge=1, le=50)
    hold_seconds: int | None = Field(default=None, ge=5, le=180)
    override_reason: str = Field(default="", max_length=500)
    confirm_long: bool = False


@router.post("/api/clients/{person_id}/plan/adjustments")
def adjust_json(request: Request, person_id: str, body: AdjustmentIn) -> dict[str, Any]:
    """Add, remove or swap an exercise, or change its dose, in the client's plan from today on.

    An exercise the client's cautions say to avoid needs ``override_reason`` (recorded). A change
    that makes a session run past the client's minutes is refused (422) unless ``confirm_long``."""
    user = staff(request, Role.CLINICIAN)
    adjustment = Adjustment(
        body.kind, body.exercise_id, body.new_exercise_id, body.sets, body.reps, body.hold_seconds
    )
    result = prescribing.adjust(
        context_of(request),
        user,
        person_id,
        adjustment,
        body.override_reason,
        confirm_long=body.confirm_long,
    )
    return {
        "plan_id": result.plan.id,
        "sessions_changed": result.sessions_changed,
        "overridden": list(result.overridden),
        "plan": to_primitive(result.plan),
    }
