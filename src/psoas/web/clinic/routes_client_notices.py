"""A client's notices of plan changes their physio made: read them, and say "got it"."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from psoas.domain.serial import to_primitive
from psoas.services import plan_changes
from psoas.web.clinic.auth import own_person_id
from psoas.web.deps import context_of

router = APIRouter(tags=["clinic"])


@router.post("/plan/changes/seen", include_in_schema=False)
def changes_seen_page(request: Request) -> Response:
    plan_changes.client_has_seen(context_of(request), own_person_id(request))
    back = "/plan" if request.query_params.get("back") == "plan" else "/"
    return RedirectResponse(back, status_code=303)


@router.get("/api/plan/changes")
def changes_json(request: Request) -> list[dict[str, Any]]:
    """Changes your physio made to your plan that you have not marked seen (oldest first)."""
    return to_primitive(plan_changes.unseen_by_client(context_of(request), own_person_id(request)))


@router.post("/api/plan/changes/seen")
def changes_seen_json(request: Request) -> dict[str, int]:
    """Mark your physio's plan changes seen."""
    seen = plan_changes.client_has_seen(context_of(request), own_person_id(request))
    return {"seen": seen}
