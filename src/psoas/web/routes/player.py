"""The guided session player page, and its API: the timeline, the view after actions, saving."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field
from starlette.responses import Response

from psoas.domain.clinic.alerts import after_session_advice
from psoas.domain.errors import InvalidValue
from psoas.domain.records.session_logs import SessionLog
from psoas.domain.serial import to_primitive
from psoas.domain.sessions.timeline import Timeline
from psoas.services import caseload_alerts, people, sessions
from psoas.services.sessions import GuidedSession
from psoas.web.deps import context_of, person_id
from psoas.web.once import run_once
from psoas.web.player_replay import ActionsIn, player_figures, replay, view_json
from psoas.web.schemas import model_for
from psoas.web.templating import render

router = APIRouter(tags=["session player"])
TimelineOut = model_for(Timeline)
MAX_QUEUE_DAYS = 30  # the oldest start a queued log may name
LogOut = model_for(SessionLog)


def _guided(request: Request, session_id: str) -> GuidedSession:
    ctx = context_of(request)
    return sessions.prepare_session(ctx, person_id(request), ctx.clock.today(), session_id)


def _script_json(value: Any) -> str:
    """JSON safe inside <script type="application/json"> (no '</script>' break-out)."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@router.get("/session/{session_id}", response_class=HTMLResponse, include_in_schema=False)
def player_page(request: Request, session_id: str, resume: bool = False) -> Response:
    ctx = context_of(request)
    guided = _guided(request, session_id)
    resume = resume and guided.partial is not None
    player, _ = replay(guided, ctx.catalogue, ActionsIn(resume=resume))
    data = {
        "view_url": f"/api/sessions/{session_id}/view",
        "save_url": f"/api/sessions/{session_id}/log",
        "resume": resume,
        "initial_view": view_json(player, 0.0, ctx.catalogue, None),
    }
    prefs = people.get_preferences(ctx, person_id(request))
    context = {
        "figures": player_figures(ctx.catalogue, guided.timeline),
        "active": "home",
        "timeline": guided.timeline,
        "partial": guided.partial,
        "resume": resume,
        "player_json": _script_json(data),
        "voice": prefs.voice,
    }
    return render(request, "player.html", context)


class SaveIn(ActionsIn):
    pain_before: int | None = Field(None, ge=0, le=10)
    pain_after: int | None = Field(None, ge=0, le=10)
    effort: int | None = Field(None, ge=0, le=10)
    notes: str = Field("", max_length=2000)
    started_at: datetime | None = Field(
        None,
        description="when Start was pressed, with its offset (a log sent later from an offline "
        "queue); now minus 'now' seconds when left out",
    )


class SavedOut(BaseModel):
    summary: str
    advice: str = ""  # what to do when pain was high, and whether the clinic was told
    log: LogOut  # type: ignore[valid-type]


@router.get("/api/sessions/{session_id}/timeline", response_model=TimelineOut)
def get_timeline(request: Request, session_id: str) -> Any:
    """The planned session unrolled into timed steps and exercise cards."""
    return to_primitive(_guided(request, session_id).timeline)


@router.post("/api/sessions/{session_id}/view")
def post_view(request: Request, session_id: str, body: ActionsIn) -> dict[str, Any]:
    """The player's view after the actions so far (times in seconds since Start)."""
    ctx = context_of(request)
    player, advice = replay(_guided(request, session_id), ctx.catalogue, body)
    return view_json(player, body.now, ctx.catalogue, advice)


@router.post("/api/sessions/{session_id}/log", response_model=SavedOut, status_code=201)
def post_log(request: Request, session_id: str, body: SaveIn) -> Any:
    """Save the session the player ran: every set done or not, pain before, during and after.
    With an Idempotency-Key header a repeat returns the first answer and saves nothing new."""
    return run_once(request, body, lambda: _save_log(request, session_id, body), 201)


def _save_log(request: Request, session_id: str, body: SaveIn) -> dict[str, Any]:
    ctx = context_of(request)
    guided = _guided(request, session_id)
    started, finished = _when(ctx.clock.now(), body)
    player, _ = replay(guided, ctx.catalogue, body)
    if player.status.value != "finished":
        player.quit_session(body.now)
    saved = sessions.finish_session(
        ctx,
        guided,
        player,
        started_at=started,
        finished_at=finished,
        pain_before=body.pain_before,
        pain_after=body.pain_after,
        effort=body.effort,
        notes=body.notes,
    )
    told = caseload_alerts.after_log(ctx, saved.person_id, saved)
    advice = after_session_advice(saved, clinic_told=told)
    return {"summary": _summary(saved), "advice": advice, "log": to_primitive(saved)}


def _when(now: datetime, body: SaveIn) -> tuple[datetime, datetime | None]:
    """Start and finish of the session: from the phone's start time when it sent one."""
    if body.started_at is None:
        return now - timedelta(seconds=body.now), None
    if body.started_at.tzinfo is None:
        raise InvalidValue("started_at", "needs a time-zone offset")
    age = now - body.started_at
    if age < -timedelta(minutes=10) or age > timedelta(days=MAX_QUEUE_DAYS):
        raise InvalidValue("started_at", f"must be within the last {MAX_QUEUE_DAYS} days")
    return body.started_at, min(now, body.started_at + timedelta(seconds=body.now))


def _summary(log: SessionLog) -> str:
    done = sum(1 for s in log.sets if not s.skipped and not s.note)
    minutes = max(1, round(log.duration_seconds / 60))
    ratings = (("before", log.pain_before), ("during", log.pain_during), ("after", log.pain_after))
    pain = ", ".join(f"{name} {value}/10" for name, value in ratings if value is not None)
    state = "Session complete" if log.completed else "Partial session saved"
    return f"{state}: {done} of {len(log.sets)} sets done in {minutes} min." + (
        f" Pain {pain}." if pain else ""
    )
