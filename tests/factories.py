"""Small factories for valid domain objects; every field can be overridden.

Exercise ids default to the ones in ``catalogue()`` so a log or plan built here passes the
validation rules against ``catalogue()``. Ids are uuid4 hex, like the services make.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from psoas.bootstrap import open_database
from psoas.config import get_settings
from psoas.domain.catalogue.exercises import (
    Catalogue,
    Category,
    Dose,
    DoseRange,
    Exercise,
    Level,
    Position,
    SourceStrength,
)
from psoas.domain.habits.breaks import BreakSettings
from psoas.domain.planning.plans import (
    Change,
    PlannedSession,
    PlanReview,
    PlanWeek,
    Prescription,
    ReviewItem,
    SessionKind,
    SideHandling,
)
from psoas.domain.planning.plans import Plan as PlanRecord
from psoas.domain.records.measurements import Measurement, MeasurementKind, Method, Side
from psoas.domain.records.people import Person, Preferences
from psoas.domain.records.session_logs import SessionLog, SetRecord, SetSide
from psoas.domain.screening.assessment import (
    Assessment,
    AssessmentResult,
    Finding,
    Profile,
    SideResult,
    ThighPosition,
    Triage,
)
from psoas.services.context import Context
from psoas.storage.uow import SqlUnitOfWork
from tests.fakes import FakeClock

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
STRETCH_ID = "test-hip-flexor-stretch"
BRIDGE_ID = "test-glute-bridge"
EXERCISE_IDS = (STRETCH_ID, BRIDGE_ID)


def new_id() -> str:
    return uuid.uuid4().hex


def exercise(exercise_id: str = STRETCH_ID, **overrides: Any) -> Exercise:
    values: dict[str, Any] = {
        "id": exercise_id,
        "name": exercise_id.replace("-", " ").title(),
        "summary": "A test exercise.",
        "category": Category.STRETCH,
        "position": Position.HALF_KNEELING,
        "muscles": (),
        "equipment": (),
        "level": Level.BEGINNER,
        "unilateral": True,
        "dose": Dose(sets=2, hold_seconds=30, per_side=True),
        "dose_range": DoseRange(sets=(1, 3), hold_seconds=(20, 60)),
        "steps": ("Set up.", "Hold."),
        "cues": ("Breathe out slowly.",),
        "mistakes": ("Arching the back.",),
        "breathing": "Slow breaths.",
    }
    values.update(overrides)
    return Exercise(**values)


def catalogue(*exercise_ids: str) -> Catalogue:
    """A catalogue holding test exercises with these ids (default: EXERCISE_IDS)."""
    return Catalogue({i: exercise(i) for i in exercise_ids or EXERCISE_IDS})


def person(**overrides: Any) -> Person:
    values: dict[str, Any] = {"id": new_id(), "display_name": "Alex", "created_at": NOW}
    values.update(overrides)
    return Person(**values)


def preferences(**overrides: Any) -> Preferences:
    return replace(Preferences(), **overrides)


def reminders(**overrides: Any) -> BreakSettings:
    """Reminder settings, switched on unless overridden."""
    values: dict[str, Any] = {"enabled": True, "interval_minutes": 30, "session_reminder": True}
    values.update(overrides)
    return replace(BreakSettings(), **values)


def assessment_result(**overrides: Any) -> AssessmentResult:
    values: dict[str, Any] = {
        "triage": Triage.PROCEED,
        "profile": Profile.TIGHT,
        "sides": (
            SideResult(Side.LEFT, ThighPosition.ABOVE, hip_angle_deg=8.0),
            SideResult(Side.RIGHT, ThighPosition.LEVEL, hip_angle_deg=0.0),
        ),
        "asymmetry": True,
        "cautions": frozenset(),
        "findings": (
            Finding(
                rule_id="thomas-thigh-above",
                title="Left hip flexors look short",
                explanation="The left thigh stayed above the bench line.",
                source="test source",
                strength=SourceStrength.PRIMARY,
                side=Side.LEFT,
            ),
        ),
        "rules_version": "test-1",
    }
    values.update(overrides)
    return AssessmentResult(**values)


def assessment(person_id: str, **overrides: Any) -> Assessment:
    values: dict[str, Any] = {
        "id": new_id(),
        "person_id": person_id,
        "taken_at": NOW,
        "answers": {"red_flags": [], "sitting_hours": 8, "goal": "walk without stiffness"},
        "result": assessment_result(),
    }
    values.update(overrides)
    return Assessment(**values)


def prescription(exercise_id: str = STRETCH_ID, **overrides: Any) -> Prescription:
    values: dict[str, Any] = {
        "exercise_id": exercise_id,
        "dose": Dose(sets=2, hold_seconds=30, per_side=True),
        "sides": SideHandling.EACH,
        "reason": "Lengthens the hip flexors.",
    }
    values.update(overrides)
    return Prescription(**values)


def plan(person_id: str, start: date | None = None, weeks: int = 1, **overrides: Any) -> PlanRecord:
    """A plan with one mobility session a day for ``weeks`` weeks from ``start``."""
    start = start or NOW.date()
    plan_weeks = tuple(
        PlanWeek(
            index=w + 1,
            phase="release",
            focus="Loosen the front of the hips.",
            sessions=tuple(
                PlannedSession(
                    id=f"w{w + 1}-{(start + timedelta(days=7 * w + d)).isoformat()}",
                    date=start + timedelta(days=7 * w + d),
                    kind=SessionKind.MOBILITY,
                    prescriptions=(
                        prescription(),
                        prescription(
                            BRIDGE_ID, sides=SideHandling.BOTH, dose=Dose(sets=2, reps=10)
                        ),
                    ),
                    estimated_seconds=600,
                )
                for d in range(7)
            ),
        )
        for w in range(weeks)
    )
    values: dict[str, Any] = {
        "id": new_id(),
        "person_id": person_id,
        "assessment_id": new_id(),
        "created_at": NOW,
        "start": start,
        "preferences": Preferences(),
        "weeks": plan_weeks,
        "version": "planner-test-1",
        "summary": "One week of daily mobility.",
    }
    values.update(overrides)
    return PlanRecord(**values)


def review(person_id: str, plan_id: str, **overrides: Any) -> PlanReview:
    values: dict[str, Any] = {
        "id": new_id(),
        "person_id": person_id,
        "plan_id": plan_id,
        "week_index": 2,
        "created_at": NOW,
        "items": (
            ReviewItem(
                exercise_id=STRETCH_ID,
                change=Change.PROGRESS,
                reason="Pain stayed low all week.",
                old_dose=Dose(sets=2, hold_seconds=30, per_side=True),
                new_dose=Dose(sets=3, hold_seconds=30, per_side=True),
            ),
        ),
        "summary": "Progress the stretch.",
        "load_change_pct": 20.0,
    }
    values.update(overrides)
    return PlanReview(**values)


def set_record(exercise_id: str = STRETCH_ID, **overrides: Any) -> SetRecord:
    values: dict[str, Any] = {
        "exercise_id": exercise_id,
        "set_index": 1,
        "side": SetSide.LEFT,
        "planned_hold_seconds": 30,
        "done_hold_seconds": 30,
        "pain": 1,
    }
    values.update(overrides)
    return SetRecord(**values)


def session_log(person_id: str, **overrides: Any) -> SessionLog:
    """A finished ten-minute unplanned session on ``session_date`` (default: NOW's date)."""
    day = overrides.pop("session_date", NOW.date())
    started = overrides.pop("started_at", datetime.combine(day, time(7, 0), tzinfo=UTC))
    values: dict[str, Any] = {
        "id": new_id(),
        "person_id": person_id,
        "session_date": day,
        "started_at": started,
        "finished_at": started + timedelta(minutes=10),
        "sets": (
            set_record(side=SetSide.LEFT),
            set_record(side=SetSide.RIGHT),
            set_record(
                BRIDGE_ID,
                side=SetSide.BOTH,
                planned_hold_seconds=None,
                done_hold_seconds=None,
                planned_reps=10,
                done_reps=10,
            ),
        ),
        "pain_before": 2,
        "pain_during": 2,
        "pain_after": 1,
        "effort": 4,
        "notes": "Felt looser afterwards.",
    }
    values.update(overrides)
    return SessionLog(**values)


def planned_log(plan: PlanRecord, session_index: int = 0, **overrides: Any) -> SessionLog:
    """A log of the plan's ``session_index``-th planned session."""
    planned = plan.sessions()[session_index]
    overrides.setdefault("session_date", planned.date)
    return session_log(plan.person_id, plan_id=plan.id, session_id=planned.id, **overrides)


def measurement(person_id: str, **overrides: Any) -> Measurement:
    values: dict[str, Any] = {
        "id": new_id(),
        "person_id": person_id,
        "kind": MeasurementKind.HIP_ANGLE,
        "value": 8.5,
        "unit": "deg",
        "method": Method.PHOTO,
        "taken_at": NOW,
        "side": Side.LEFT,
    }
    values.update(overrides)
    return Measurement(**values)


def sqlite_context(
    folder: Path, *, clock: FakeClock | None = None, catalogue_: Catalogue | None = None
) -> Context:
    """A real SQLite-backed context in ``folder`` with a fake clock and the test catalogue."""
    settings = get_settings(database_url=f"sqlite:///{folder / 'psoas.db'}", data_dir=folder)
    engine = open_database(settings)
    return Context(
        uow=lambda: SqlUnitOfWork(engine),
        clock=clock or FakeClock(NOW),
        catalogue=catalogue_ or catalogue(),
    )
