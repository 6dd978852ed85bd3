"""Settings: preferences (time, days, equipment, level, voice) and data export, import, delete."""

from __future__ import annotations

import json
from datetime import time
from types import SimpleNamespace
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from pydantic import BaseModel, Field
from starlette.datastructures import UploadFile
from starlette.responses import Response

from psoas.domain.catalogue.exercises import Equipment, Level
from psoas.domain.errors import InvalidInput, InvalidValue
from psoas.domain.records.people import WEEKDAYS, Preferences
from psoas.domain.serial import to_primitive
from psoas.services import data, pages, people, reminder_settings
from psoas.web.deps import context_of, person_id, personal_mode_only
from psoas.web.forms import FormReader, field_errors
from psoas.web.routes import reminder_form
from psoas.web.routes.pairing import phone_section
from psoas.web.routes.preference_form import read_preferences, shown_values
from psoas.web.routes.timezone import timezone_section
from psoas.web.schemas import model_for
from psoas.web.sync_form import read_form, read_upload
from psoas.web.templating import counted, render

router = APIRouter(tags=["settings"])
PreferencesOut = model_for(Preferences)
MAX_IMPORT_BYTES = 20 * 1024 * 1024


def _page(
    request: Request,
    prefs: Preferences | SimpleNamespace | None = None,
    *,
    errors: dict | None = None,
    status: int = 200,
    message: str = "",
    extra: dict | None = None,
) -> Response:
    """The settings page; ``prefs`` are submitted values to show again (else the saved ones)."""
    view = pages.settings_view(context_of(request), person_id(request))
    context = {
        **reminder_form.reminder_section(view.reminders),
        **timezone_section(request),
        **phone_section(request),
        **(extra or {}),
        "active": "settings",
        "prefs": view.preferences if prefs is None else prefs,
        "errors": errors or {},
        "message": message,
        "levels": list(Level),
        "equipment": list(Equipment),
        "weekdays": WEEKDAYS,
        "counts": view.counts,
    }
    return render(request, "settings.html", context, status_code=status)


@router.get("/settings", response_class=HTMLResponse, include_in_schema=False)
def settings_page(request: Request, done: str = "") -> Response:
    messages = {
        "saved": "Preferences saved.",
        "deleted": "All your data was deleted.",
        "imported": "Import finished.",
        "reminders": "Reminder settings saved.",
        "timezone": "Time zone saved.",
    }
    return _page(request, message=messages.get(done, ""))


def settings_view(request: Request, *, extra: dict, status: int) -> Response:
    """The settings page with another section's submitted values and errors."""
    return _page(request, status=status, extra=extra)


@router.post("/settings", include_in_schema=False)
def save_settings(request: Request) -> Response:
    form = read_form(request)
    ctx = context_of(request)
    pid = person_id(request)
    current = people.get_preferences(ctx, pid)
    try:
        prefs = read_preferences(form, current)
        people.set_preferences(ctx, pid, prefs)
    except (InvalidInput, InvalidValue) as exc:
        shown = shown_values(form, current)
        return _page(request, shown, errors=field_errors(exc), status=422)
    return RedirectResponse("/settings?done=saved", status_code=303)


@router.post("/settings/reminders", include_in_schema=False)
def save_reminders(request: Request) -> Response:
    """The settings page's Reminders section (the JSON twin is PUT /api/reminders)."""
    form = read_form(request)
    changes, errors = reminder_form.changes_from_form(form)
    if not errors:
        try:
            reminder_settings.configure_reminders(context_of(request), person_id(request), changes)
        except (InvalidInput, InvalidValue) as exc:
            errors = reminder_form.renamed_errors(exc, reminder_form.FORM_FIELDS)
    if errors:
        extra = {"reminders": reminder_form.shown_values(form), "reminder_errors": errors}
        return settings_view(request, extra=extra, status=422)
    return RedirectResponse("/settings?done=reminders#reminders-title", status_code=303)


@router.get("/settings/export.json", include_in_schema=False)
def export_download(request: Request) -> Response:
    document = data.export_data(context_of(request), person_id(request))
    body = json.dumps(document, indent=2, ensure_ascii=False)
    headers = {"Content-Disposition": 'attachment; filename="psoas-export.json"'}
    return Response(body, media_type="application/json", headers=headers)


@router.post("/settings/timezone", include_in_schema=False)
def save_timezone(request: Request) -> Response:
    form = read_form(request)
    raw = FormReader(form).text("timezone", max_length=64)
    try:
        people.set_timezone(context_of(request), person_id(request), raw)
    except InvalidValue as exc:
        extra = timezone_section(request)
        extra["zone"] = {"name": raw, "chosen": True}
        extra["zone_error"] = exc.problem
        return settings_view(request, extra=extra, status=422)
    return RedirectResponse("/settings?done=timezone", status_code=303)


@router.post("/settings/import", include_in_schema=False)
def import_upload(request: Request) -> Response:
    form = read_form(request)
    upload = form.get("file")
    ctx = context_of(request)
    prefs = people.get_preferences(ctx, person_id(request))
    try:
        if not isinstance(upload, UploadFile):
            raise InvalidValue("file", "choose a psoas export file (.json)")
        raw = read_upload(upload, MAX_IMPORT_BYTES + 1)
        report = _import_bytes(request, raw)
    except (InvalidInput, InvalidValue) as exc:
        return _page(request, prefs, errors=field_errors(exc, {"document": "file"}), status=422)
    added = sum(report.added.values())
    return _page(
        request,
        people.get_preferences(ctx, person_id(request)),
        message=f"Import finished: {counted(added, 'records')} added, "
        f"{sum(report.present.values())} already here.",
    )


def _import_bytes(request: Request, raw: bytes) -> data.ImportReport:
    if len(raw) > MAX_IMPORT_BYTES:
        raise InvalidValue("file", "is larger than 20 MB")
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InvalidValue(
            "file", "could not be read: choose a file saved with 'Export everything'"
        ) from None
    except RecursionError:
        raise InvalidValue("file", "could not be read: it nests too deeply") from None
    if not isinstance(document, dict):
        raise InvalidValue("file", "is not a psoas export document")
    return _import_document(request, document)


def _import_document(request: Request, document: dict[str, Any]) -> data.ImportReport:
    """Import; in personal mode an untouched default person makes way for the imported one."""
    ctx = context_of(request)
    personal_mode_only(request, "Importing records")
    pid = person_id(request)
    report = data.import_data(ctx, document)
    if report.people_added and not any(data.record_counts(ctx, pid).values()):
        people.delete_person(ctx, pid)
    return report


@router.post("/settings/delete", include_in_schema=False)
def delete_everything(request: Request) -> Response:
    personal_mode_only(request, "Deleting a client's records")
    form = read_form(request)
    ctx = context_of(request)
    if str(form.get("confirm", "")).strip().upper() != "DELETE":
        prefs = people.get_preferences(ctx, person_id(request))
        errors = {"confirm": "type DELETE to confirm"}
        return _page(request, prefs, errors=errors, status=422)
    data.delete_person_data(ctx, person_id(request))
    return RedirectResponse("/settings?done=deleted", status_code=303)


# ----- JSON twins -----------------------------------------------------------------------------


class PreferencesIn(BaseModel):
    minutes_per_day: int = Field(10, ge=0, le=1440)
    strength_days_per_week: int = Field(2, ge=0, le=7)
    equipment: list[Equipment] = [Equipment.MAT]
    level: Level = Level.BEGINNER
    preferred_days: list[str] = Field(default_factory=lambda: list(WEEKDAYS), max_length=7)
    preferred_time: time = time(18, 0)
    voice: bool = False


class ImportOut(BaseModel):
    people_added: int
    people_present: int
    added: dict[str, int]
    present: dict[str, int]


@router.get("/api/preferences", response_model=PreferencesOut)
def get_preferences(request: Request) -> Any:
    return to_primitive(people.get_preferences(context_of(request), person_id(request)))


@router.put("/api/preferences", response_model=PreferencesOut)
def put_preferences(request: Request, body: PreferencesIn) -> Any:
    """Replace the preferences; every field is checked and named if out of range."""
    prefs = Preferences(
        minutes_per_day=body.minutes_per_day,
        strength_days_per_week=body.strength_days_per_week,
        equipment=frozenset(body.equipment),
        level=body.level,
        preferred_days=tuple(body.preferred_days),
        preferred_time=body.preferred_time,
        voice=body.voice,
    )
    return to_primitive(people.set_preferences(context_of(request), person_id(request), prefs))


@router.get("/api/export")
def export_json(request: Request) -> JSONResponse:
    """Everything stored about you, as the psoas export document."""
    return JSONResponse(data.export_data(context_of(request), person_id(request)))


@router.post("/api/import", response_model=ImportOut)
def import_json(request: Request, document: dict[str, Any]) -> Any:
    """Bring back an export document; records already present are left unchanged."""
    report = _import_document(request, document)
    return {
        "people_added": report.people_added,
        "people_present": report.people_present,
        "added": report.added,
        "present": report.present,
    }


@router.delete("/api/me", response_model=dict[str, int])
def delete_me(request: Request) -> Any:
    """Delete you and every record of yours; returns how many of each were removed."""
    personal_mode_only(request, "Deleting a client's records")
    return data.delete_person_data(context_of(request), person_id(request))
