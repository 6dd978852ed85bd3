"""Plans: weeks -> days -> planned sessions -> prescriptions, each with the reason behind it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from psoas.domain.catalogue.exercises import Dose
from psoas.domain.records.people import Preferences


class SessionKind(StrEnum):
    MOBILITY = "mobility"  # daily short release, breathing and mobility work
    STRENGTH = "strength"  # mobility warm-up plus strength and stability work
    RETEST = "retest"  # the self-test again, plus a light session
    REST = "rest"


class Change(StrEnum):
    NEW = "new"
    PROGRESS = "progress"
    HOLD = "hold"
    REGRESS = "regress"


class SideHandling(StrEnum):
    BOTH = "both"  # bilateral exercise
    EACH = "each"  # do every set on the left, then the right
    LEFT_FIRST_EXTRA = "left_extra"  # extra set on the tighter left side
    RIGHT_FIRST_EXTRA = "right_extra"


@dataclass(frozen=True, slots=True)
class Prescription:
    exercise_id: str
    dose: Dose
    sides: SideHandling
    reason: str
    change: Change = Change.NEW
    change_reason: str = ""
    modification: str = ""  # the catalogue's modification for a caution that applies
    slot: str = ""  # the planner's role for this work (kept along the ladder across weeks)
    core: bool = False  # core work stays every session; other work varies across the week
    note: str = ""  # the clinician's note for this exercise
    by_clinician: bool = False  # prescribed by the clinician: kept when the plan is regenerated


@dataclass(frozen=True, slots=True)
class PlannedSession:
    id: str  # stable within the plan, e.g. "w1-2026-11-23"
    date: date
    kind: SessionKind
    prescriptions: tuple[Prescription, ...]
    estimated_seconds: int
    title: str = ""
    reason: str = ""  # why this day is this kind of session (or a rest day)
    self_test: bool = False  # a re-test day whose person may do the guided self-test


@dataclass(frozen=True, slots=True)
class PlanWeek:
    index: int  # 1-based
    phase: str
    focus: str  # the reason for this week's emphasis
    sessions: tuple[PlannedSession, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    id: str
    person_id: str
    assessment_id: str
    created_at: datetime
    start: date
    preferences: Preferences
    weeks: tuple[PlanWeek, ...]
    version: str  # the planner version that made it
    summary: str = ""
    stopped_reason: str = ""  # set when a red flag or severe pain stops the plan
    clinician_removed: tuple[str, ...] = ()  # exercises the clinician took out (kept out)

    def sessions(self) -> tuple[PlannedSession, ...]:
        return tuple(s for w in self.weeks for s in w.sessions)

    def session(self, session_id: str) -> PlannedSession | None:
        return next((s for s in self.sessions() if s.id == session_id), None)

    def on(self, day: date) -> tuple[PlannedSession, ...]:
        return tuple(s for s in self.sessions() if s.date == day)


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """What the weekly review decided for one prescription, and why."""

    exercise_id: str
    change: Change
    reason: str
    old_dose: Dose | None = None
    new_dose: Dose | None = None
    new_exercise_id: str | None = None  # set when moving along the ladder


@dataclass(frozen=True, slots=True)
class PlanReview:
    id: str
    person_id: str
    plan_id: str
    week_index: int  # the week this review shapes
    created_at: datetime
    items: tuple[ReviewItem, ...]
    summary: str
    load_change_pct: float | None = None
    flags: tuple[str, ...] = ()  # e.g. "load jump above 30%", "see a clinician"
    stop: bool = False  # a red flag or severe pain stopped the plan
    awaiting_approval: bool = False  # clinic mode: the changes wait for the clinician
    proposed: Plan | None = None  # the changed plan while it waits for approval
