"""Sitting-break and session reminders in the web app: the settings form and their JSON twins,
the next reminder for the in-page break timer, and recording a break's outcome."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from pydantic import AwareDatetime, BaseModel, Field
from starlette.responses import Response

from psoas.domain.breaks import BreakDay, BreakOutcome, BreakSettings
from psoas.domain.errors import InvalidInput, InvalidValue, PsoasError
from psoas.domain.people import WEEKDAYS
from psoas.domain.serial import to_primitive
from psoas.services import assessment as assessment_service
from psoas.services import people, reminders
from psoas.web.deps import context_of, person_id
from psoas.web.forms import FormReader, field_errors
from psoas.web.referral import urgent_referral
from psoas.web.schemas import model_for

router = APIRouter(tags=["reminders"])
RemindersOut = model_for(BreakSettings)
BreakDayOut = model_for(BreakDay)
MAX_QUIET = 6
RECORD_WINDOW = timedelta(days=2)  # a break outcome is for a reminder near now

# Domain field names -> the names the form and the API use.
FORM_FIELDS = {
    "enabled": "break_enabled",
    "days": "work_days",
    "working_days": "work_days",
    "start": "work_start",
    "work_start": "work_start",
    "end": "work_end",
    "work_end": "work_end",
    "interval_minutes": "interval",
    "snooze_minutes": "snooze",
    "quiet_periods": "quiet",
    "session_reminder_time": "session_at",
}
API_FIELDS = {
    "working_days": "days",
    "work_start": "start",
    "work_end": "end",
    "interval_minutes": "interval",
    "snooze_minutes": "snooze",
    "quiet_periods": "quiet",
    "session_reminder_time": "session_at",
}


def _renamed(exc: PsoasError, names: dict[str, str]) -> dict[str, str]:
    """Field errors under the caller's names ('quiet[1]' and 'quiet_periods[0]' -> 'quiet')."""
    errors: dict[str, str] = {}
    for field, problem in field_errors(exc).items():
        base = field.split("[", 1)[0]
        errors.setdefault(names.get(base, base), problem)
    return errors


def _hhmm(value: Any) -> str:
    return value.strftime("%H:%M")


def form_values(settings: BreakSettings) -> dict[str, Any]:
    """The saved settings as the reminders form shows them."""
    return {
        "break_enabled": settings.enabled,
        "work_days": list(settings.working_days),
        "work_start": _hhmm(settings.work_start),
        "work_end": _hhmm(settings.work_end),
        "interval": str(settings.interval_minutes),
        "snooze": str(settings.snooze_minutes),
        "quiet": ", ".join(f"{_hhmm(q.start)}-{_hhmm(q.end)}" for q in settings.quiet_periods),
        "session_reminder": settings.session_reminder,
        "session_at": _hhmm(settings.session_reminder_time),
    }


def reminder_section(request: Request) -> dict[str, Any]:
    """What the settings page needs for its Reminders section."""
    saved = people.get_reminders(context_of(request), person_id(request))
    return {"reminders": form_values(saved), "reminder_errors": {}, "weekdays": WEEKDAYS}


def _changes_from_form(form: Any) -> tuple[dict[str, Any], dict[str, str]]:
    reader = FormReader(form)
    interval = reader.integer("interval", required=True)
    snooze = reader.integer("snooze", required=True)
    quiet = [q.strip() for q in reader.text("quiet", max_length=200).split(",") if q.strip()]
    if len(quiet) > MAX_QUIET:
        reader.errors["quiet"] = f"at most {MAX_QUIET} quiet periods"
    changes = {
        "enabled": reader.flag("break_enabled"),
        "days": [str(d) for d in form.getlist("work_days")][:7],
        "start": reader.text("work_start", max_length=8),
        "end": reader.text("work_end", max_length=8),
        "interval": interval,
        "snooze": snooze,
        "quiet": quiet,
        "session_reminder": reader.flag("session_reminder"),
        "session_at": reader.text("session_at", max_length=8),
    }
    return changes, reader.errors


def _shown(form: Any) -> dict[str, Any]:
    """The submitted values, kept next to their errors."""
    return {
        "break_enabled": bool(form.get("break_enabled")),
        "work_days": list(form.getlist("work_days")),
        **{
            key: str(form.get(key, ""))[:200]
            for key in ("work_start", "work_end", "interval", "snooze", "quiet", "session_at")
        },
        "session_reminder": bool(form.get("session_reminder")),
    }


@router.post("/settings/reminders", include_in_schema=False)
async def save_reminders(request: Request) -> Response:
    from psoas.web.routes.settings import settings_view

    form = await request.form()
    changes, errors = _changes_from_form(form)
    if not errors:
        try:
            reminders.configure_reminders(context_of(request), person_id(request), changes)
        except (InvalidInput, InvalidValue) as exc:
            errors = _renamed(exc, FORM_FIELDS)
    if errors:
        extra = {"reminders": _shown(form), "reminder_errors": errors}
        return settings_view(request, extra=extra, status=422)
    return RedirectResponse("/settings?done=reminders#reminders-title", status_code=303)


# ----- JSON twins -----------------------------------------------------------------------------


class RemindersIn(BaseModel):
    """Only the fields sent change; every bad field is named in the 422 answer."""

    enabled: bool | None = None
    days: list[str] | None = Field(None, max_length=7, description="mon..sun")
    start: str | None = Field(None, max_length=8, description="HH:MM, work starts")
    end: str | None = Field(None, max_length=8, description="HH:MM, work ends")
    interval: int | None = Field(None, description="minutes between breaks, 20-60")
    snooze: int | None = Field(None, description="snooze length in minutes, 1-30")
    quiet: list[str] | None = Field(None, max_length=MAX_QUIET, description="HH:MM-HH:MM")
    session_reminder: bool | None = None
    session_at: str | None = Field(None, max_length=8, description="HH:MM, session reminder")


@router.get("/api/reminders", response_model=RemindersOut)
def get_reminders(request: Request) -> Any:
    """Your sitting-break and session reminder settings."""
    return to_primitive(people.get_reminders(context_of(request), person_id(request)))


@router.put("/api/reminders", response_model=RemindersOut)
def put_reminders(request: Request, body: RemindersIn) -> Any:
    """Change the reminder settings (the same rules and messages as `psoas breaks on`)."""
    changes = body.model_dump(exclude_none=True)
    try:
        saved = reminders.configure_reminders(context_of(request), person_id(request), changes)
    except (InvalidInput, InvalidValue) as exc:
        problems = _renamed(exc, API_FIELDS)
        raise InvalidInput([InvalidValue(k, v) for k, v in problems.items()]) from None
    return to_primitive(saved)


class RoutineItemOut(BaseModel):
    exercise_id: str
    name: str
    dose: str


class ReminderOut(BaseModel):
    kind: Literal["break", "session"]
    due_at: datetime
    title: str
    body: str
    slot: int | None
    routine: list[RoutineItemOut]
    play_url: str | None


class NextOut(BaseModel):
    now: datetime
    enabled: bool
    session_reminder: bool
    reminder: ReminderOut | None


def reminder_json(ctx: Any, found: reminders.Reminder | None) -> dict[str, Any] | None:
    if found is None:
        return None
    routine = []
    if found.routine is not None:
        for p in found.routine.prescriptions:
            known = p.exercise_id in ctx.catalogue
            name = ctx.catalogue.get(p.exercise_id).name if known else p.exercise_id
            routine.append({"exercise_id": p.exercise_id, "name": name, "dose": p.dose.describe()})
    play_url = None
    if found.kind == "break" and found.slot is not None:
        play_url = "/breaks/play?" + urlencode(
            {"slot": found.slot, "due": found.due_at.isoformat()}
        )
    body = found.body
    if found.kind == "session":
        body = "Your session for today is not done yet. Open Today to start it."
    return {
        "kind": found.kind,
        "due_at": found.due_at,
        "title": found.title,
        "body": body.split("\n", 1)[0],
        "slot": found.slot,
        "routine": routine,
        "play_url": play_url,
    }


@router.get("/api/reminders/next", response_model=NextOut)
def next_reminder(request: Request, after: AwareDatetime | None = None) -> Any:
    """The next break or session reminder (after ``after``, one already shown), if any."""
    ctx = context_of(request)
    pid = person_id(request)
    now = ctx.clock.now()
    if after is not None:
        _near_now("after", after, now)
    settings = people.get_reminders(ctx, pid)
    found = reminders.next_reminder(ctx, pid, now, after=after)
    if urgent_referral(assessment_service.latest_assessment(ctx, pid)) is not None:
        found = None  # no break stretches or session prompts until a doctor has seen them
    return {
        "now": now,
        "enabled": settings.enabled,
        "session_reminder": settings.session_reminder,
        "reminder": reminder_json(ctx, found),
    }


def _near_now(field: str, moment: datetime, now: datetime) -> None:
    """Reminders are about now: refuse a time more than two days away (or out of range)."""
    try:
        near = abs(moment - now) <= RECORD_WINDOW
    except OverflowError:
        near = False
    if not near:
        raise InvalidValue(field, "must be within two days of now")


class BreakIn(BaseModel):
    due_at: AwareDatetime = Field(description="the reminder's due time, with its UTC offset")
    outcome: BreakOutcome
    routine: list[str] = Field(default_factory=list, max_length=10)


class BreakEventOut(BaseModel):
    id: str
    due_at: datetime
    outcome: BreakOutcome
    recorded_at: datetime


@router.post("/api/breaks", response_model=BreakEventOut, status_code=201)
def post_break(request: Request, body: BreakIn) -> Any:
    """Record what happened at a break reminder: taken, snoozed or skipped."""
    ctx = context_of(request)
    _near_now("due_at", body.due_at, ctx.clock.now())
    known = tuple(r for r in body.routine if r in ctx.catalogue)
    event = reminders.record_break(ctx, person_id(request), body.due_at, body.outcome, known)
    return to_primitive(event)


class BreakStatusOut(BaseModel):
    enabled: bool
    today: BreakDayOut  # type: ignore[valid-type]
    next: ReminderOut | None


@router.get("/api/breaks/status", response_model=BreakStatusOut)
def break_status(request: Request) -> Any:
    """Today's breaks: due so far, taken, snoozed, skipped and missed; and the next reminder."""
    ctx = context_of(request)
    status = reminders.break_status(ctx, person_id(request))
    return {
        "enabled": status.settings.enabled,
        "today": to_primitive(status.today),
        "next": reminder_json(ctx, status.next_due),
    }
