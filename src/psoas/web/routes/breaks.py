"""The sitting-break micro-routine in the session player: the page, its view and its end.

The player page and script are the session player's; a break saves no session log, and when
the routine is played to the end the break is recorded as taken.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import AwareDatetime, BaseModel, Field
from starlette.responses import Response

from psoas.domain.habits.breaks import BreakOutcome
from psoas.services import assessment as assessment_service
from psoas.services import break_player, people
from psoas.services.sessions import GuidedSession
from psoas.web.deps import context_of, person_id
from psoas.web.player_replay import ActionsIn, player_figures, replay, view_json
from psoas.web.referral import urgent_referral
from psoas.web.routes.player import _script_json
from psoas.web.routes.reminders import _near_now
from psoas.web.templating import render

router = APIRouter(tags=["session player"])
SLOT = Query(0, ge=0, le=break_player.MAX_SLOT, description="which break of the day")


def _guided(request: Request, slot: int) -> GuidedSession:
    ctx = context_of(request)
    return break_player.guided_break(ctx, person_id(request), slot, ctx.clock.today())


def _due(request: Request, due: datetime | None) -> datetime:
    now = context_of(request).clock.now()
    if due is None:
        return now
    _near_now("due", due, now)
    return due


@router.get("/breaks/play", response_class=HTMLResponse, include_in_schema=False)
def break_player_page(
    request: Request, slot: int = SLOT, due: AwareDatetime | None = None
) -> Response:
    ctx = context_of(request)
    if urgent_referral(assessment_service.latest_assessment(ctx, person_id(request))):
        return RedirectResponse("/assessment/result", status_code=303)
    guided = _guided(request, slot)
    due_at = _due(request, due)
    player, _ = replay(guided, ctx.catalogue, ActionsIn())
    data = {
        "kind": "break",
        "view_url": f"/api/breaks/play/view?slot={slot}",
        "save_url": f"/api/breaks/play/done?slot={slot}",
        "due_at": due_at.isoformat(),
        "resume": False,
        "initial_view": view_json(player, 0.0, ctx.catalogue, None),
    }
    context = {
        "active": "home",
        "timeline": guided.timeline,
        "partial": None,
        "resume": False,
        "break_mode": True,
        "figures": player_figures(ctx.catalogue, guided.timeline),
        "player_json": _script_json(data),
        "voice": people.get_preferences(ctx, person_id(request)).voice,
    }
    return render(request, "player.html", context)


@router.post("/api/breaks/play/view")
def break_view(request: Request, body: ActionsIn, slot: int = SLOT) -> dict[str, Any]:
    """The player's view of a break's micro-routine after the actions so far."""
    ctx = context_of(request)
    player, advice = replay(_guided(request, slot), ctx.catalogue, body)
    return view_json(player, body.now, ctx.catalogue, advice)


class BreakDoneIn(ActionsIn):
    due_at: AwareDatetime | None = Field(None, description="the reminder's due time; now if absent")


class BreakDoneOut(BaseModel):
    summary: str
    recorded: bool
    outcome: BreakOutcome | None


@router.post("/api/breaks/play/done", response_model=BreakDoneOut)
def break_done(request: Request, body: BreakDoneIn, slot: int = SLOT) -> Any:
    """End a break's micro-routine: played to the end, the break is recorded as taken."""
    ctx = context_of(request)
    due_at = _due(request, body.due_at)
    guided = _guided(request, slot)
    player, _ = replay(guided, ctx.catalogue, body)
    event = break_player.finish_break(ctx, guided, player, due_at)
    if event is None:
        return {
            "summary": "Break routine left early, so it is not counted as taken.",
            "recorded": False,
            "outcome": None,
        }
    minutes = max(1, round(guided.timeline.total_seconds / 60))
    return {
        "summary": f"Break taken: {len(guided.session.prescriptions)} moves in about {minutes} min.",
        "recorded": True,
        "outcome": event.outcome,
    }
