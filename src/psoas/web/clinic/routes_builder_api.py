"""The plan builder's JSON twins: the plan's items, saving several at once, starting a plan
by hand, and marking a client's alerts seen."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from psoas.domain.clinic.accounts import Role
from psoas.domain.records.clinical import BuildItem
from psoas.domain.records.people import WEEKDAYS
from psoas.domain.serial import to_primitive
from psoas.services.clinic import clients as clinic
from psoas.services.clinic import plan_builder
from psoas.services.clinic.client_record import client_record
from psoas.web.clinic.auth import staff
from psoas.web.deps import context_of

router = APIRouter(tags=["clinic"])
MAX_ROWS = plan_builder.MAX_ITEMS


class ItemIn(BaseModel):
    exercise_id: str = Field(min_length=1, max_length=64)
    sets: int = Field(ge=1, le=10)
    reps: int | None = Field(None, ge=1, le=50)
    hold_seconds: int | None = Field(None, ge=5, le=180)
    sides: str = Field("both", max_length=16)
    days: list[str] = Field(default_factory=lambda: list(WEEKDAYS), max_length=7)
    first_week: int = Field(1, ge=1, le=26)
    last_week: int = Field(0, ge=0, le=26, description="0: to the end of the plan")
    note: str = Field("", max_length=300)


class ItemsIn(BaseModel):
    items: list[ItemIn] = Field(default_factory=list, max_length=MAX_ROWS)
    removed: list[str] = Field(default_factory=list, max_length=MAX_ROWS)
    confirm_long: bool = False
    override_reason: str = Field("", max_length=500)


class StartIn(BaseModel):
    start: date | None = None
    weeks: int = Field(6, ge=1, le=26)


@router.get("/api/clients/{person_id}/plan/items")
def items_json(request: Request, person_id: str) -> list[dict[str, Any]]:
    """The client's plan from today on, one item per exercise (dose, side, days, weeks, note)."""
    user = staff(request, Role.CLINICIAN)
    return to_primitive(client_record(context_of(request), user, person_id).items)


@router.post("/api/clients/{person_id}/plan/items")
def items_save_json(request: Request, person_id: str, body: ItemsIn) -> dict[str, Any]:
    """Place several exercises (and remove others) from today on, in one save. A session that
    would run past the client's minutes is refused (422) unless ``confirm_long`` is true."""
    user = staff(request, Role.CLINICIAN)
    items = [BuildItem(**{**i.model_dump(), "days": tuple(i.days)}) for i in body.items]
    saved = plan_builder.save_items(
        context_of(request),
        user,
        person_id,
        items,
        [r[:64] for r in body.removed],
        confirm_long=body.confirm_long,
        override_reason=body.override_reason,
    )
    return {
        "plan_id": saved.plan.id,
        "changes": list(saved.change.lines) if saved.change else [],
        "long_days": list(saved.long_days),
    }


@router.post("/api/clients/{person_id}/plan/start", status_code=201)
def start_json(request: Request, person_id: str, body: StartIn) -> dict[str, Any]:
    """Start an empty plan by hand (no self-assessment needed unless a red flag blocks it)."""
    user = staff(request, Role.CLINICIAN)
    ctx = context_of(request)
    plan = plan_builder.start(ctx, user, person_id, body.start or ctx.clock.today(), body.weeks)
    return {"plan_id": plan.id, "start": plan.start.isoformat(), "weeks": len(plan.weeks)}


@router.post("/api/clients/{person_id}/alerts/seen")
def alerts_seen_json(request: Request, person_id: str) -> dict[str, Any]:
    """Mark the client's alerts seen: they leave the top of the caseload."""
    user = staff(request, Role.CLINICIAN)
    clinic.mark_seen(context_of(request), user, person_id)
    return {"seen": True}
