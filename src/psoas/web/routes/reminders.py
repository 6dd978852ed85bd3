"""Sitting-break and session reminders in the web app: the settings form and their JSON twins,
the next reminder for the in-page break timer, and recording a break's outcome."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from pydantic import AwareDatetime, BaseModel, Field

from psoas.domain.errors import InvalidInput, InvalidValue
from psoas.domain.habits.breaks import BreakDay, BreakOutcome, BreakSettings
from psoas.domain.serial import to_primitive
from psoas.services import assessment as assessment_service
from psoas.services import people, reminder_settings, reminders
from psoas.web.deps import context_of, person_id
from psoas.web.referral import urgent_referral
from psoas.web.routes.reminder_form import MAX_QUIET, renamed_errors
from psoas.web.schemas import model_for

router = APIRouter(tags=["reminders"])
RemindersOut = model_for(BreakSettings)
BreakDayOut = model_for(BreakDay)
RECORD_WINDOW = timedelta(days=2)  # a break outcome is for a reminder near now

API_FIELDS = {
    "working_days": "days",
    "work_start": "start",
    "work_end": "end",
    "interval_minutes": "interval",
    "snooze_minutes": "snooze",
    "quiet_periods": "quiet",
    "session_reminder_time": "session_at",
}


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
        saved = reminder_settings.configure_reminders(
            context_of(request), person_id(request), changes
        )
    except (InvalidInput, InvalidValue) as exc:
        problems = renamed_errors(exc, API_FIELDS)
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
