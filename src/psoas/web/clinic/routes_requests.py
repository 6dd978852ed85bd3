"""Treatment requests: the public page and its JSON twin, and the staff inbox."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field
from starlette.responses import Response

from psoas.domain.clinic.accounts import Role
from psoas.domain.errors import InvalidInput, InvalidValue
from psoas.services.clinic import requests as requests_service
from psoas.web.clinic.auth import client_address, staff
from psoas.web.deps import context_of
from psoas.web.errors import problems_of
from psoas.web.templating import render

router = APIRouter(tags=["treatment requests"])


@router.get("/request", response_class=HTMLResponse, include_in_schema=False)
def request_page(request: Request, sent: str = "") -> Response:
    context = {"active": "request", "sent": sent == "1", "form": {}}
    return render(request, "clinic/request.html", context)


@router.post("/request", include_in_schema=False)
def request_submit(
    request: Request,
    name: str = Form(""),
    contact: str = Form(""),
    concern: str = Form(""),
    consent: str = Form(""),
    website: str = Form(""),  # the honeypot: hidden from people, filled in by bots
) -> Response:
    form = {"name": name[:200], "contact": contact[:320], "concern": concern[:2000]}
    try:
        requests_service.submit(
            context_of(request),
            name=name[:1000],
            contact=contact[:1000],
            concern=concern[:5000],
            consent=consent == "yes",
            honeypot=website[:200],
            address=client_address(request),
        )
    except (InvalidInput, InvalidValue) as exc:
        errors = {p["field"]: p["problem"] for p in problems_of(exc)}
        context = {"form": form, "errors": errors}
        return render(request, "clinic/request.html", context, status_code=422)
    return RedirectResponse("/request?sent=1", status_code=303)


class RequestIn(BaseModel):
    name: str = Field(max_length=200)
    contact: str = Field(max_length=320)
    concern: str = Field(max_length=2000)
    consent: bool
    website: str = Field(default="", max_length=200)


@router.post("/api/request", status_code=202)
def request_json(request: Request, body: RequestIn) -> dict[str, str]:
    """Ask the clinic for treatment or advice (public; rate-limited)."""
    requests_service.submit(
        context_of(request),
        name=body.name,
        contact=body.contact,
        concern=body.concern,
        consent=body.consent,
        honeypot=body.website,
        address=client_address(request),
    )
    return {"status": "received"}


@router.get("/requests", response_class=HTMLResponse, include_in_schema=False)
def inbox(request: Request) -> Response:
    user = staff(request, Role.CLINICIAN, Role.ADMIN)
    found = requests_service.inbox(context_of(request), user)
    context = {"active": "requests", "items": found, "can_convert": user.role is Role.CLINICIAN}
    return render(request, "clinic/requests.html", context)


@router.get("/api/requests")
def inbox_json(request: Request) -> list[dict[str, Any]]:
    """Treatment requests, newest first (staff only)."""
    user = staff(request, Role.CLINICIAN, Role.ADMIN)
    return [
        {
            "id": r.id,
            "created_at": r.created_at.isoformat(),
            "name": r.name,
            "contact": r.contact,
            "concern": r.concern,
            "status": r.status.value,
            "converted": r.user_id is not None,
        }
        for r in requests_service.inbox(context_of(request), user)
    ]


@router.post("/requests/{request_id}/status", include_in_schema=False)
def request_status(request: Request, request_id: str, status: str = Form("")) -> Response:
    user = staff(request, Role.CLINICIAN, Role.ADMIN)
    requests_service.set_status(context_of(request), user, request_id[:64], status[:20])
    return RedirectResponse("/requests", status_code=303)


@router.post("/requests/{request_id}/convert", include_in_schema=False)
def request_convert(request: Request, request_id: str, email: str = Form("")) -> Response:
    user = staff(request, Role.CLINICIAN)
    ctx = context_of(request)
    base = str(request.base_url).rstrip("/")
    issued, sent = requests_service.convert_and_invite(
        ctx, user, request_id[:64], email[:320], lambda code: f"{base}/invite/{code}"
    )
    found = requests_service.inbox(ctx, user)
    context = {"active": "requests", "items": found, "can_convert": True}
    context.update(invited=issued, link=sent.link, emailed=sent.emailed_to)
    return render(request, "clinic/requests.html", context)
