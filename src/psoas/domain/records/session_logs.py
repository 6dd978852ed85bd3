"""Session logs: what was planned next to what was done, per set and side, with pain."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class SetSide(StrEnum):
    BOTH = "both"  # not a one-sided exercise
    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class SetRecord:
    """One set on one side: the planned dose next to what was done."""

    exercise_id: str
    set_index: int  # 1-based
    side: SetSide
    planned_reps: int | None = None
    planned_hold_seconds: int | None = None
    done_reps: int | None = None
    done_hold_seconds: int | None = None
    skipped: bool = False
    pain: int | None = None  # pain reported during this set, 0-10
    note: str = ""


class LogEvent(StrEnum):
    STOPPED_FOR_PAIN = "stopped_for_pain"
    SWITCHED_TO_EASIER = "switched_to_easier"
    QUIT_EARLY = "quit_early"


@dataclass(frozen=True, slots=True)
class LogEventRecord:
    kind: LogEvent
    exercise_id: str
    at_seconds: float  # seconds from the start of the session
    detail: str = ""


@dataclass(frozen=True, slots=True)
class SessionLog:
    id: str
    person_id: str
    session_date: date
    started_at: datetime
    finished_at: datetime
    sets: tuple[SetRecord, ...]
    plan_id: str | None = None
    session_id: str | None = None  # the planned session's id, None for an unplanned session
    pain_before: int | None = None
    pain_during: int | None = None  # the highest pain reported during the session
    pain_after: int | None = None
    next_morning_pain: int | None = None
    next_morning_asked: bool = False  # True once the person was asked (answered or not)
    effort: int | None = None  # 0-10 rating of perceived effort
    notes: str = ""
    completed: bool = True  # False when quit early and saved as a partial log
    events: tuple[LogEventRecord, ...] = ()
    # False when the clock times were not given (a log entered afterwards): started_at and
    # finished_at are then placeholders that keep the log ordered, never shown as facts
    times_given: bool = True
    duration_given: bool = True  # False when the duration is the plan's estimate
    # When the session's own answers and the next-morning pain reached the records (None in
    # logs saved before these were kept): a clinician's "seen" mark compares against these
    recorded_at: datetime | None = None
    next_morning_at: datetime | None = None

    @property
    def duration_seconds(self) -> int:
        return max(0, int((self.finished_at - self.started_at).total_seconds()))
