"""The admin's account pages: create accounts, reset links, turn accounts off and on (the
audit log is in routes_audit)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from psoas.domain.clinic.accounts import Role
from psoas.domain.errors import InvalidValue
from psoas.services.clinic import accounts, invites
from psoas.web.clinic.auth import staff
from psoas.web.deps import context_of
from psoas.web.qr import qr_svg
from psoas.web.templating import render

router = APIRouter(tags=["clinic admin"])


def _users_page(request: Request, **extra: Any) -> Response:
    users = accounts.list_accounts(context_of(request))
    status = extra.pop("status_code", 200)
    return render(
        request, "clinic/users.html", {"active": "users", "users": users, **extra}, status
    )


@router.get("/admin/users", response_class=HTMLResponse, include_in_schema=False)
def users_page(request: Request) -> Response:
    staff(request, Role.ADMIN)
    return _users_page(request)


@router.post("/admin/users", include_in_schema=False)
def create_user(
    request: Request,
    email: str = Form(""),
    display_name: str = Form(""),
    role: str = Form("clinician"),
    password: str = Form(""),
) -> Response:
    admin = staff(request, Role.ADMIN)
    form = {"email": email[:320], "display_name": display_name[:200], "role": role[:20]}
    try:
        if role not in (Role.ADMIN.value, Role.CLINICIAN.value):
            raise InvalidValue("role", "choose admin or clinician; clinicians invite clients")
        if not password:
            return _staff_invited(request, admin, form)
        user = accounts.create_account(
            context_of(request),
            email=email[:320],
            role=Role(role),
            display_name=display_name[:200],
            password=password,
            actor=admin,
        )
    except InvalidValue as exc:
        return _users_page(request, error=exc.message, form=form, status_code=422)
    return _users_page(request, created=user)


def _staff_invited(request: Request, admin: Any, form: dict[str, str]) -> Response:
    """No password given: the new colleague gets an invite link to set their own."""
    ctx = context_of(request)
    user, code = invites.invite_staff(
        ctx, admin, email=form["email"], role=Role(form["role"]), display_name=form["display_name"]
    )
    link = f"{str(request.base_url).rstrip('/')}/invite/{code}"
    emailed = user.email if invites.email_link(ctx, user.email, "invite", link) else ""
    qr = qr_svg(link, f"QR code of the invite link for {user.email}")
    return _users_page(request, created=user, link=link, qr=qr, emailed=emailed)


@router.post("/admin/users/{user_id}/reset", include_in_schema=False)
def reset_link(request: Request, user_id: str) -> Response:
    admin = staff(request, Role.ADMIN)
    base = str(request.base_url).rstrip("/")
    sent = invites.send_reset(
        context_of(request), admin, user_id, lambda token: f"{base}/reset/{token}"
    )
    return _users_page(request, reset_link=sent.link, emailed=sent.emailed_to)


@router.post("/admin/users/{user_id}/active", include_in_schema=False)
def set_active(request: Request, user_id: str, active: str = Form("")) -> Response:
    admin = staff(request, Role.ADMIN)
    try:
        user = accounts.set_active(context_of(request), admin, user_id[:64], active == "yes")
    except InvalidValue as exc:
        return _users_page(request, error=exc.message, status_code=422)
    state = "on" if user.active else "off"
    return _users_page(request, notice=f"The account {user.email} is now {state}.")


@router.get("/api/admin/users")
def users_json(request: Request) -> list[dict[str, Any]]:
    """Every account (no secrets): id, email, role, name, active, locked."""
    staff(request, Role.ADMIN)
    now = context_of(request).clock.now()
    return [
        {
            "id": u.id,
            "email": u.email,
            "role": u.role.value,
            "display_name": u.display_name,
            "active": u.active,
            "locked": u.is_locked(now),
            "two_factor": u.totp_secret is not None,
        }
        for u in accounts.list_accounts(context_of(request))
    ]
