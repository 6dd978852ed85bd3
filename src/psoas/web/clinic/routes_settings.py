"""The admin's clinic settings page and its JSON twin."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import Response

from psoas.domain.clinic.accounts import Role
from psoas.domain.clinic.settings import (
    MAX_CONTACT,
    MAX_INTRO,
    MAX_NAME,
    QUIET_DAYS_RANGE,
    ClinicSettings,
)
from psoas.domain.errors import InvalidInput, InvalidValue
from psoas.services.clinic import settings as clinic_settings
from psoas.web.clinic.auth import staff
from psoas.web.deps import context_of
from psoas.web.errors import problems_of
from psoas.web.templating import render

router = APIRouter(tags=["clinic admin"])
LIMITS = {
    "max_name": MAX_NAME,
    "max_contact": MAX_CONTACT,
    "max_intro": MAX_INTRO,
    "quiet_range": QUIET_DAYS_RANGE,
}


class ClinicSettingsOut(BaseModel):
    name: str
    contact: str
    request_intro: str
    quiet_days: int
    require_two_factor: bool


class ClinicSettingsIn(BaseModel):
    """Only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")
    name: str | None = Field(default=None, description=f"at most {MAX_NAME} characters")
    contact: str | None = Field(default=None, description=f"at most {MAX_CONTACT} characters")
    request_intro: str | None = Field(default=None, description=f"at most {MAX_INTRO} characters")
    quiet_days: int | None = Field(default=None, description="days without a session (2-60)")
    require_two_factor: bool | None = None


def _out(settings: ClinicSettings) -> ClinicSettingsOut:
    return ClinicSettingsOut(
        name=settings.name,
        contact=settings.contact,
        request_intro=settings.request_intro,
        quiet_days=settings.quiet_days,
        require_two_factor=settings.require_two_factor,
    )


def _page(request: Request, settings: Any, status_code: int = 200, **extra: Any) -> Response:
    context = {"active": "clinic", "s": settings, **LIMITS, **extra}
    return render(request, "clinic/settings.html", context, status_code)


@router.get("/admin/settings", response_class=HTMLResponse, include_in_schema=False)
def settings_page(request: Request, saved: str = "") -> Response:
    staff(request, Role.ADMIN)
    return _page(request, clinic_settings.current(context_of(request)), saved=saved == "1")


@router.post("/admin/settings", include_in_schema=False)
def settings_submit(
    request: Request,
    name: str = Form(""),
    contact: str = Form(""),
    request_intro: str = Form(""),
    quiet_days: str = Form(""),
    require_two_factor: str = Form(""),
) -> Response:
    admin = staff(request, Role.ADMIN)
    changes = {
        "name": name[: MAX_NAME * 4],
        "contact": contact[: MAX_CONTACT * 4],
        "request_intro": request_intro[: MAX_INTRO * 4],
        "quiet_days": quiet_days[:10],
        "require_two_factor": "yes" if require_two_factor == "yes" else "no",
    }
    try:
        clinic_settings.update(context_of(request), admin, changes)
    except (InvalidInput, InvalidValue) as exc:
        errors = {p["field"]: p["problem"] for p in problems_of(exc)}
        form = {**changes, "require_two_factor": require_two_factor == "yes"}
        return _page(request, form, 422, errors=errors)
    return RedirectResponse("/admin/settings?saved=1", status_code=303)


@router.get("/api/admin/settings")
def settings_json(request: Request) -> ClinicSettingsOut:
    """The clinic's settings (admins only)."""
    staff(request, Role.ADMIN)
    return _out(clinic_settings.current(context_of(request)))


@router.patch("/api/admin/settings")
def settings_change(request: Request, body: ClinicSettingsIn) -> ClinicSettingsOut:
    """Change some settings; every value is checked and nothing is saved if one is wrong."""
    admin = staff(request, Role.ADMIN)
    changes = body.model_dump(exclude_unset=True)
    return _out(clinic_settings.update(context_of(request), admin, changes))
