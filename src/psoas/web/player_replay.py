"""Replaying the browser player's actions through the domain's SessionPlayer.

The page records each action with its time (seconds since Start); the server rebuilds the
player from the timeline and applies the actions in order, so what a set counts as done, what
'back' or 'this hurts' do, and the saved log are decided by the same code as the terminal.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from psoas.domain.catalogue.exercises import Catalogue
from psoas.domain.serial import to_primitive
from psoas.domain.sessions.playback import PainAdvice
from psoas.domain.sessions.player import SessionPlayer
from psoas.domain.sessions.timeline import Timeline
from psoas.export.figures import exercise_svg
from psoas.services.sessions import GuidedSession

MAX_EVENTS = 2000
MAX_SECONDS = 6 * 3600.0

ActionKind = Literal["pause", "resume", "skip", "back", "hurts", "stop", "easier", "quit"]


class PlayerAction(BaseModel):
    kind: ActionKind
    at: float = Field(ge=0, le=MAX_SECONDS, description="seconds since Start")
    pain: int | None = Field(None, ge=0, le=10, description="for 'hurts': pain now, 0-10")

    @model_validator(mode="after")
    def _pain_for_hurts(self) -> PlayerAction:
        if self.kind == "hurts" and self.pain is None:
            raise ValueError("a 'hurts' action needs pain (0-10)")
        return self


class ActionsIn(BaseModel):
    resume: bool = Field(False, description="continue the unfinished sets of a partial log")
    events: list[PlayerAction] = Field(default_factory=list, max_length=MAX_EVENTS)
    now: float = Field(0.0, ge=0, le=MAX_SECONDS)

    @model_validator(mode="after")
    def _in_time_order(self) -> ActionsIn:
        times = [e.at for e in self.events]
        if any(b < a for a, b in pairwise(times)):
            raise ValueError("events must be in time order")
        if times and self.now < times[-1]:
            raise ValueError("now must not be before the last event")
        return self


def replay(
    guided: GuidedSession, catalogue: Catalogue, actions: ActionsIn
) -> tuple[SessionPlayer, PainAdvice | None]:
    """The player after every action; the advice of the last 'hurts', if that was the last."""
    if actions.resume and guided.partial is not None:
        player = SessionPlayer.resuming(guided.timeline, guided.partial, 0.0, catalogue)
    else:
        player = SessionPlayer(guided.timeline, 0.0, catalogue)
    advice: PainAdvice | None = None
    for action in actions.events:
        advice = None
        at = action.at
        if action.kind == "pause":
            player.pause(at)
        elif action.kind == "resume":
            player.resume(at)
        elif action.kind == "skip":
            player.skip(at)
        elif action.kind == "back":
            player.back(at)
        elif action.kind == "hurts":
            advice = player.this_hurts(at, action.pain or 0)
        elif action.kind == "stop":
            player.choose_stop(at)
        elif action.kind == "easier":
            player.choose_easier(at)
        else:
            player.quit_session(at)
    player.tick(actions.now)
    return player, advice


def view_json(
    player: SessionPlayer, now: float, catalogue: Catalogue, advice: PainAdvice | None
) -> dict:
    """What the page needs to show and move the display along: the view and the steps."""
    view = player.view(now)
    advice_json = None
    if advice is not None:
        advice_json = to_primitive(advice)
        easier = advice.easier_id
        advice_json["easier_name"] = (
            catalogue.get(easier).name if easier and easier in catalogue else None
        )
    return {
        "status": view.status.value,
        "index": player.index,
        "step_elapsed": view.step_elapsed,
        "step_remaining": view.step_remaining,
        "elapsed": view.elapsed,
        "remaining": view.remaining,
        "steps": [to_primitive(s) for s in player.steps],
        "cards": [to_primitive(c) for c in player.cards.values()],
        "advice": advice_json,
    }


def player_figures(catalogue: Catalogue, timeline: Timeline) -> dict[str, str]:
    """Each exercise's animated drawing, and its easier variant's (the player may switch)."""
    ids = [c.exercise_id for c in timeline.cards] + [
        c.easier_id for c in timeline.cards if c.easier_id
    ]
    found = (catalogue.get(i) for i in dict.fromkeys(ids) if i in catalogue)
    return {e.id: exercise_svg(e, animated=True) for e in found if e.poses}
