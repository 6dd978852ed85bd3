"""Logging: a session done elsewhere, measurements, and the next-morning pain prompt."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field
from starlette.responses import Response

from psoas.domain.clinic.alerts import after_session_advice, pain_now_advice
from psoas.domain.errors import PsoasError
from psoas.domain.records.measurements import Measurement, MeasurementKind, Method, Side
from psoas.domain.records.session_logs import SessionLog
from psoas.domain.serial import to_primitive
from psoas.services import caseload_alerts, manual_entry, pages, records, sessions
from psoas.web.deps import context_of, person_id
from psoas.web.forms import FormReader, field_errors
from psoas.web.once import run_once
from psoas.web.schemas import model_for
from psoas.web.sync_form import read_form
from psoas.web.templating import render

router = APIRouter(tags=["records"])
LogOut = model_for(SessionLog)
MeasurementOut = model_for(Measurement)
MEASUREMENT_HELP = {
    MeasurementKind.SELF_TEST: "Self-test: 1 thigh above the bench line, 0 level, -1 below. Choose the side.",
    MeasurementKind.HIP_ANGLE: "Hip angle in degrees: 0 thigh level with the bench, positive above. Choose the side.",
    MeasurementKind.KNEE_ANGLE: "Knee bend in the self-test, in degrees. Choose the side.",
    MeasurementKind.PAIN: "Pain now, 0 (none) to 10 (worst imaginable).",
    MeasurementKind.PSFS: "How well you can do one activity, 0 (unable) to 10 (as before). Name the activity.",
    MeasurementKind.SITTING_HOURS: "Hours spent sitting on a typical day, 0 to 24.",
}


# ----- calling the services with submitted values ---------------------------------------------


def _log_done_elsewhere(ctx: Any, pid: str, values: dict[str, Any]) -> SessionLog:
    """A planned session done without the player (the CLI's `log` use case)."""
    return manual_entry.record_done_elsewhere(
        ctx,
        pid,
        day=values["session_date"],
        session_id=values.get("session_id") or None,
        pain_before=values.get("pain_before"),
        pain_during=values.get("pain_during"),
        pain_after=values.get("pain_after"),
        effort=values.get("effort"),
        notes=values.get("notes") or "",
        minutes=values.get("minutes"),
    )


def _measure(
    ctx: Any,
    pid: str,
    kind: MeasurementKind,
    value: float,
    side: Side | None,
    label: str,
    method: Method | None,
) -> Measurement:
    default_method = Method.SELF_TEST if kind is MeasurementKind.SELF_TEST else Method.SELF_REPORT
    reading = manual_entry.Reading(kind, value, side, label, method or default_method)
    return manual_entry.record_measurements(ctx, pid, [reading])[0]


def _set_next_morning(ctx: Any, pid: str, log_id: str, pain: int | None) -> tuple[SessionLog, bool]:
    """Next-morning pain, or None when skipped (then it is not asked again); and whether the
    clinic was told (high pain for a client with a clinician)."""
    saved = sessions.record_next_morning(ctx, pid, log_id, pain)
    return saved, caseload_alerts.after_next_morning(ctx, pid, saved)


def _read_log_form(form: FormReader, today: Any) -> dict[str, Any]:
    values = {
        "session_date": form.day("session_date", default=today),
        "minutes": form.integer("minutes"),
        "pain_before": form.integer("pain_before"),
        "pain_during": form.integer("pain_during"),
        "pain_after": form.integer("pain_after"),
        "effort": form.integer("effort"),
        "notes": form.text("notes"),
    }
    form.raise_if_errors()
    return values


# ----- pages --------------------------------------------------------------------------------


def _log_page(
    request: Request,
    *,
    errors: dict | None = None,
    values: dict | None = None,
    which: str = "",
    status: int = 200,
    saved: str = "",
    advice_for: tuple[str, bool] = ("", False),
) -> Response:
    ctx = context_of(request)
    view = pages.log_view(ctx, person_id(request))
    log_id, told = advice_for
    logs = [log for log in view.recent_logs if log_id and log.id == log_id]
    pains = [m for m in view.recent_measurements if log_id and m.id == log_id]
    advice = after_session_advice(logs[0], clinic_told=told) if logs else ""
    if pains and caseload_alerts.high_pain(pains[0]):
        advice = pain_now_advice(pains[0].value, when="now", clinic_told=told)
    context = {
        "active": "log",
        "errors": errors or {},
        "values": values or {},
        "which": which,
        "saved": saved,
        "advice": advice,
        "today": ctx.clock.today(),
        "kinds": list(MeasurementKind),
        "sides": list(Side),
        "methods": list(Method),
        "help": MEASUREMENT_HELP,
        "recent": view.recent_logs,
        "morning": view.next_morning,
        "recent_measurements": view.recent_measurements,
    }
    return render(request, "log.html", context, status_code=status)


@router.get("/log", response_class=HTMLResponse, include_in_schema=False)
def log_page(request: Request, saved: str = "", advice: str = "", told: str = "") -> Response:
    """``advice``: the id of a just-saved log whose pain was high (``told``: "1" when the
    clinic was told), to say what to do next."""
    return _log_page(request, saved=saved[:40], advice_for=(advice[:64], told == "1"))


@router.post("/log/session", include_in_schema=False)
def log_session_form(request: Request) -> Response:
    data = dict(read_form(request))
    ctx = context_of(request)
    form = FormReader(data)
    try:
        values = _read_log_form(form, ctx.clock.today())
        saved = _log_done_elsewhere(ctx, person_id(request), values)
    except PsoasError as exc:
        errors = {**form.errors, **field_errors(exc)}
        return _log_page(request, errors=errors, values=data, which="session", status=422)
    told = caseload_alerts.after_log(ctx, saved.person_id, saved)
    if after_session_advice(saved, clinic_told=told):  # the log page says what to do
        where = f"/log?saved=session&advice={saved.id}&told={int(told)}"
        return RedirectResponse(where, status_code=303)
    return RedirectResponse("/log?saved=session", status_code=303)


@router.post("/log/measurement", include_in_schema=False)
def log_measurement_form(request: Request) -> Response:
    data = dict(read_form(request))
    ctx = context_of(request)
    form = FormReader(data)
    kind = form.choice("kind", MeasurementKind)
    value = form.number("value", required=True)
    side = form.choice("side", Side, required=False)
    method = form.choice("method", Method, required=False)
    label = form.text("label", max_length=200)
    try:
        form.raise_if_errors()
        pid = person_id(request)
        saved = _measure(ctx, pid, kind, value, side, label, method)  # type: ignore[arg-type]
    except PsoasError as exc:
        errors = {**form.errors, **field_errors(exc, last_part=True)}
        return _log_page(request, errors=errors, values=data, which="measurement", status=422)
    if caseload_alerts.high_pain(saved):  # the log page says what to do
        told = caseload_alerts.after_pain(ctx, pid, saved)
        where = f"/log?saved=measurement&advice={saved.id}&told={int(told)}"
        return RedirectResponse(where, status_code=303)
    return RedirectResponse("/log?saved=measurement", status_code=303)


@router.post("/log/next-morning", include_in_schema=False)
def next_morning_form(request: Request) -> Response:
    data = dict(read_form(request))
    form = FormReader(data)
    pain = None if form.flag("skip") else form.integer("next_morning_pain", required=True)
    log_id = form.text("log_id", max_length=64)
    try:
        form.raise_if_errors()
        _saved, told = _set_next_morning(context_of(request), person_id(request), log_id, pain)
    except PsoasError as exc:
        errors = {**form.errors, **field_errors(exc)}
        return _log_page(request, errors=errors, values=data, which="morning", status=422)
    if pain_now_advice(pain, when="this morning", clinic_told=told):  # Today says what to do
        return RedirectResponse(f"/?saved=morning&pain={pain}&told={int(told)}", status_code=303)
    return RedirectResponse("/?saved=morning", status_code=303)


# ----- JSON twins -----------------------------------------------------------------------------


class LogIn(BaseModel):
    session_date: str | None = Field(None, description="YYYY-MM-DD; today when left out")
    minutes: int | None = Field(None, ge=0, le=600)
    session_id: str | None = Field(
        None, max_length=64, description="the planned session done, if any"
    )
    pain_before: int | None = None
    pain_during: int | None = None
    pain_after: int | None = None
    effort: int | None = None
    notes: str = Field("", max_length=2000)


class MeasurementIn(BaseModel):
    kind: MeasurementKind
    value: float
    side: Side | None = None
    method: Method | None = None
    label: str = Field("", max_length=200)


class NextMorningIn(BaseModel):
    next_morning_pain: int | None = Field(description="0-10, or null to skip (not asked again)")


@router.get("/api/logs", response_model=list[LogOut])
def list_logs(request: Request) -> Any:
    """Every session log, oldest first."""
    return [
        to_primitive(log) for log in records.session_logs(context_of(request), person_id(request))
    ]


@router.post("/api/logs", response_model=LogOut, status_code=201)
def add_log(request: Request, body: LogIn) -> Any:
    """Log a planned session done without the guided player (today's unless a date is given)."""
    ctx = context_of(request)
    form = FormReader({"session_date": body.session_date or ""})
    values = body.model_dump()
    values["session_date"] = form.day("session_date", default=ctx.clock.today())
    form.raise_if_errors()
    pid = person_id(request)
    return run_once(request, body, lambda: to_primitive(_log_done_elsewhere(ctx, pid, values)), 201)


@router.post("/api/logs/{log_id}/next-morning", response_model=LogOut)
def add_next_morning(request: Request, log_id: str, body: NextMorningIn) -> Any:
    """Record how the body felt the morning after a session."""
    ctx, pid = context_of(request), person_id(request)
    return run_once(
        request,
        body,
        lambda: to_primitive(_set_next_morning(ctx, pid, log_id, body.next_morning_pain)[0]),
    )


@router.get("/api/measurements", response_model=list[MeasurementOut])
def list_measurements(request: Request, kind: MeasurementKind | None = None) -> Any:
    """Measurements, oldest first, optionally of one kind."""
    found = records.measurements(context_of(request), person_id(request), kind)
    return [to_primitive(m) for m in found]


@router.post("/api/measurements", response_model=MeasurementOut, status_code=201)
def add_measurement(request: Request, body: MeasurementIn) -> Any:
    """Record a self-test, hip angle, pain, PSFS score or sitting hours."""
    ctx = context_of(request)
    pid = person_id(request)
    return to_primitive(
        _measure(ctx, pid, body.kind, body.value, body.side, body.label, body.method)
    )
