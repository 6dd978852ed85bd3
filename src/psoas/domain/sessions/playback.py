"""Values the session player hands out: its status, a view for rendering, pain advice, and
the set record built from a step and the seconds actually spent on it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from psoas.domain.records.session_logs import SetRecord
from psoas.domain.sessions.timeline import Step, StepKind


class PlayerStatus(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    PAIN_CHOICE = "pain_choice"  # pain above the limit: waiting for stop or easier
    FINISHED = "finished"


@dataclass(frozen=True, slots=True)
class PainAdvice:
    pain: int
    over_limit: bool
    easier_id: str | None = None
    message: str = ""


@dataclass(frozen=True, slots=True)
class PlayerView:
    """A snapshot for rendering: everything is derived from timestamps."""

    status: PlayerStatus
    step: Step | None
    step_number: int  # 1-based position in the current step list
    step_count: int
    step_elapsed: float
    step_remaining: float
    rep: int  # 1-based rep in progress (reps steps), else 0
    rep_phase: str  # "lift", "hold", "lower" ...
    phase_remaining: float
    elapsed: float  # active session time, pauses excluded
    remaining: float
    items_left: int
    items_total: int

    @property
    def fraction_done(self) -> float:
        total = self.elapsed + self.remaining
        return 1.0 if total <= 0 else min(1.0, self.elapsed / total)


SetKey = tuple[int, str, int, str]  # one planned set: item, exercise id, set index, side


def set_key(step: Step) -> SetKey:
    return (step.item, step.exercise_id, step.set_index, step.side.value)


def record_for(step: Step, seconds: float, skipped: bool, note: str = "") -> SetRecord:
    done_reps = done_hold = None
    if step.kind is StepKind.REPS and step.reps is not None:
        per_rep = step.rep_seconds or 1
        done_reps = min(step.reps, int(seconds // per_rep))
        done_hold = step.hold_seconds if step.hold_seconds and done_reps else None
    elif step.kind is StepKind.HOLD:
        done_hold = min(step.seconds, int(seconds))
    return SetRecord(
        exercise_id=step.exercise_id,
        set_index=step.set_index,
        side=step.side,
        planned_reps=step.reps,
        planned_hold_seconds=step.hold_seconds,
        done_reps=done_reps,
        done_hold_seconds=done_hold,
        skipped=skipped,
        note=note,
    )


def rep_position(step: Step, elapsed: float) -> tuple[int, str, float]:
    if step.kind is not StepKind.REPS or not step.rep_phases or not step.reps:
        return (0, "", 0.0)
    per_rep = step.rep_seconds
    rep = min(step.reps, int(elapsed // per_rep) + 1)
    into = elapsed - (rep - 1) * per_rep
    for phase in step.rep_phases:
        if into < phase.seconds:
            return (rep, phase.word, phase.seconds - into)
        into -= phase.seconds
    last = step.rep_phases[-1]
    return (rep, last.word, 0.0)


def max_or_none(a: int | None, b: int | None) -> int | None:
    values = [v for v in (a, b) if v is not None]
    return max(values) if values else None


def set_complete(record: SetRecord) -> bool:
    """True when the whole planned set was done (all reps, or the full hold)."""
    if record.skipped:
        return False
    if record.planned_reps is not None:
        return (record.done_reps or 0) >= record.planned_reps
    return (record.done_hold_seconds or 0) >= (record.planned_hold_seconds or 0)
