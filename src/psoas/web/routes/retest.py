"""The guided self-test of a re-test day: its JSON API (the player page shows the step).

``POST /api/sessions/{session_id}/self-test`` records both sides at once, checked as the
assessment checks them (each problem names its field); the measurements then show in Progress.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from psoas.domain.records.measurements import Measurement
from psoas.domain.serial import to_primitive
from psoas.services import retests, sessions
from psoas.web.deps import context_of, person_id
from psoas.web.schemas import model_for

router = APIRouter(tags=["session player"])
MeasurementOut = model_for(Measurement)
THIGH_HELP = "where the thigh rests: above, level or below the bench line"
ANGLE_HELP = "optional measured hip angle in degrees: 0 = level, positive = above, negative = below"


class SelfTestIn(BaseModel):
    left_thigh: str | None = Field(None, max_length=20, description=THIGH_HELP)
    left_hip_angle: float | None = Field(None, description=ANGLE_HELP)
    right_thigh: str | None = Field(None, max_length=20, description=THIGH_HELP)
    right_hip_angle: float | None = Field(None, description=ANGLE_HELP)


class SelfTestOut(BaseModel):
    summary: str
    measurements: list[MeasurementOut]  # type: ignore[valid-type]


@router.post("/api/sessions/{session_id}/self-test", response_model=SelfTestOut, status_code=201)
def post_self_test(request: Request, session_id: str, body: SelfTestIn) -> Any:
    """Record the re-test day's self-test: both sides' thigh position and optional angle."""
    ctx = context_of(request)
    guided = sessions.prepare_session(ctx, person_id(request), ctx.clock.today(), session_id)
    saved = retests.record_self_test(ctx, guided, body.model_dump())
    summary = " ".join(("Saved your re-test.", *retests.describe(saved)))
    return {"summary": summary, "measurements": [to_primitive(m) for m in saved]}
