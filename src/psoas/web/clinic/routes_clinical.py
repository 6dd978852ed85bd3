"""The clinician's records for a client: in-clinic measurements, red-flag follow-up and visit
notes (page forms that return to the client's page, and JSON twins)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field
from starlette.responses import Response

from psoas.domain.clinic.accounts import Role
from psoas.domain.errors import InvalidInput, InvalidValue
from psoas.domain.serial import to_primitive
from psoas.services.clinic import clinical_records
from psoas.web.clinic.auth import staff
from psoas.web.clinic.routes_clients import detail_context
from psoas.web.deps import context_of
from psoas.web.sync_form import read_form
from psoas.web.templating import render

router = APIRouter(tags=["clinic"])
SECTION = "records"


def _date(text: str) -> date | None:
    text = text.strip()[:10]
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidValue("on", "Give the day as a date.") from None


def _number(text: str) -> float:
    try:
        value = float(text.strip()[:12])
    except ValueError:
        raise InvalidValue("value", "Give the value as a number.") from None
    return value


def _problem(exc: InvalidValue | InvalidInput) -> str:
    if isinstance(exc, InvalidInput):
        return " ".join(p.problem for p in exc.problems)
    return exc.problem


def _refused(request: Request, person_id: str, exc: InvalidValue | InvalidInput) -> Response:
    context = detail_context(request, person_id)
    context["records_error"] = _problem(exc)
    return render(request, "clinic/client.html", context, status_code=422)


def _form(request: Request) -> dict[str, str]:
    form = read_form(request)
    return {k: str(v)[:1200] for k, v in form.items()}


@router.post("/clients/{person_id}/measurements", include_in_schema=False)
def measurement_page(request: Request, person_id: str) -> Response:
    user = staff(request, Role.CLINICIAN)
    f = _form(request)
    try:
        clinical_records.record_measurement(
            context_of(request),
            user,
            person_id,
            kind=f.get("kind", ""),
            value=_number(f.get("value", "")),
            side=f.get("side", ""),
            label=f.get("label", ""),
            on=_date(f.get("on", "")),
        )
    except (InvalidValue, InvalidInput) as exc:
        return _refused(request, person_id, exc)
    return RedirectResponse(f"/clients/{person_id}#{SECTION}", status_code=303)


@router.post("/clients/{person_id}/red-flag", include_in_schema=False)
def red_flag_page(request: Request, person_id: str) -> Response:
    user = staff(request, Role.CLINICIAN)
    f = _form(request)
    try:
        clinical_records.record_red_flag(
            context_of(request),
            user,
            person_id,
            f.get("status", ""),
            on=_date(f.get("on", "")),
            note=f.get("note", ""),
        )
    except (InvalidValue, InvalidInput) as exc:
        return _refused(request, person_id, exc)
    return RedirectResponse(f"/clients/{person_id}#{SECTION}", status_code=303)


@router.post("/clients/{person_id}/notes", include_in_schema=False)
def note_page(request: Request, person_id: str) -> Response:
    user = staff(request, Role.CLINICIAN)
    f = _form(request)
    try:
        clinical_records.add_visit_note(context_of(request), user, person_id, f.get("text", ""))
    except InvalidValue as exc:
        return _refused(request, person_id, exc)
    return RedirectResponse(f"/clients/{person_id}#{SECTION}", status_code=303)


class MeasurementIn(BaseModel):
    kind: Literal["hip_angle", "pain", "psfs"]
    value: float
    side: Literal["", "left", "right"] = ""
    label: str = Field("", max_length=200)
    on: date | None = None


class RedFlagIn(BaseModel):
    status: Literal["referred", "seen", "cleared"]
    on: date | None = None
    note: str = Field("", max_length=1000)


class NoteIn(BaseModel):
    text: str = Field(min_length=1, max_length=1000)


@router.post("/api/clients/{person_id}/measurements", status_code=201)
def measurement_json(request: Request, person_id: str, body: MeasurementIn) -> dict[str, Any]:
    """Record an in-clinic measurement (method "clinician"): hip angle per side, pain, PSFS."""
    user = staff(request, Role.CLINICIAN)
    made = clinical_records.record_measurement(
        context_of(request), user, person_id, **body.model_dump()
    )
    return to_primitive(made)


@router.post("/api/clients/{person_id}/red-flag", status_code=201)
def red_flag_json(request: Request, person_id: str, body: RedFlagIn) -> dict[str, Any]:
    """Record a red flag as referred, seen or cleared (cleared lets a plan start)."""
    user = staff(request, Role.CLINICIAN)
    made = clinical_records.record_red_flag(
        context_of(request), user, person_id, body.status, on=body.on, note=body.note
    )
    return to_primitive(made)


@router.post("/api/clients/{person_id}/notes", status_code=201)
def note_json(request: Request, person_id: str, body: NoteIn) -> dict[str, Any]:
    """Add a short visit note to the client's record."""
    user = staff(request, Role.CLINICIAN)
    return to_primitive(
        clinical_records.add_visit_note(context_of(request), user, person_id, body.text)
    )
