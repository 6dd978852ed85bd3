"""The daily habit checklist: tick and untick today's habits, see the streak and the last week,
with the reason and the source behind each habit."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field
from starlette.responses import Response

from psoas.domain.catalogue.exercises import SourceStrength
from psoas.domain.errors import InvalidInput, InvalidValue
from psoas.domain.serial import to_primitive
from psoas.services import habits
from psoas.services.habits import HabitProgress
from psoas.web.deps import context_of, person_id
from psoas.web.forms import FormReader, field_errors
from psoas.web.once import run_once
from psoas.web.schemas import model_for
from psoas.web.sync_form import read_form
from psoas.web.templating import render

router = APIRouter(tags=["habits"])
HabitProgressOut = model_for(HabitProgress)
STRENGTH_TEXT = {
    SourceStrength.PRIMARY: "backed by a study or guideline",
    SourceStrength.SECONDARY: "from a secondary source",
    SourceStrength.UNCONFIRMED: "practical advice, not tested in a trial",
}


def _page(request: Request, *, errors: dict | None = None, status: int = 200) -> Response:
    ctx = context_of(request)
    pid = person_id(request)
    today = ctx.clock.today()
    found = habits.checklist(ctx, pid, today)
    context = {
        "active": "habits",
        "today": today,
        "habits": found.habits,
        "summary": found.summary,
        "progress": habits.habit_progress(ctx, pid, today),
        "strength_text": STRENGTH_TEXT,
        "errors": errors or {},
        "saved": request.query_params.get("saved") == "1",
    }
    return render(request, "habits.html", context, status_code=status)


@router.get("/habits", response_class=HTMLResponse, include_in_schema=False)
def habits_page(request: Request) -> Response:
    return _page(request)


@router.post("/habits", include_in_schema=False)
def tick_habit(request: Request) -> Response:
    form = read_form(request)
    ctx = context_of(request)
    reader = FormReader(form)
    habit_id = reader.text("habit", max_length=80)
    day = reader.day("day", default=ctx.clock.today())
    done = str(form.get("done", "")) != "off"
    try:
        reader.raise_if_errors()
        habits.set_habit(ctx, person_id(request), habit_id, day or ctx.clock.today(), done=done)
    except (InvalidInput, InvalidValue) as exc:
        return _page(request, errors=field_errors(exc), status=422)
    return RedirectResponse(f"/habits?saved=1#habit-{habit_id}", status_code=303)


# ----- JSON twins -----------------------------------------------------------------------------


class HabitOut(BaseModel):
    id: str
    title: str
    why: str
    source: str
    strength: SourceStrength
    done_today: bool
    days_last_7: int


class ChecklistOut(BaseModel):
    day: date
    habits: list[HabitOut]
    progress: HabitProgressOut  # type: ignore[valid-type]


class TickIn(BaseModel):
    habit_id: str = Field(max_length=80)
    done: bool = Field(True, description="false unticks")
    day: date | None = Field(None, description="today if absent; at most 60 days back")


def _checklist_json(ctx: Any, pid: str) -> dict[str, Any]:
    today = ctx.clock.today()
    found = habits.checklist(ctx, pid, today)
    done = set(found.summary.today.done)
    return {
        "day": today,
        "habits": [
            {
                "id": h.id,
                "title": h.title,
                "why": h.why,
                "source": h.source,
                "strength": h.strength,
                "done_today": h.id in done,
                "days_last_7": found.summary.per_habit_7_days.get(h.id, 0),
            }
            for h in found.habits
        ],
        "progress": to_primitive(habits.habit_progress(ctx, pid, today)),
    }


@router.get("/api/habits", response_model=ChecklistOut)
def get_habits(request: Request) -> Any:
    """Your daily habits with why and source, today's ticks, the streak and the last 7 days."""
    return _checklist_json(context_of(request), person_id(request))


@router.post("/api/habits", response_model=ChecklistOut)
def post_habit(request: Request, body: TickIn) -> Any:
    """Tick (or, with done=false, untick) one habit for today or an earlier day. With an
    Idempotency-Key header a repeat returns the first answer and changes nothing."""
    return run_once(request, body, lambda: _tick(request, body))


def _tick(request: Request, body: TickIn) -> Any:
    ctx = context_of(request)
    pid = person_id(request)
    try:
        habits.set_habit(ctx, pid, body.habit_id, body.day or ctx.clock.today(), done=body.done)
    except InvalidValue as exc:
        field = "habit_id" if exc.field == "habit" else exc.field
        raise InvalidValue(field, exc.problem) from None
    return _checklist_json(ctx, pid)
