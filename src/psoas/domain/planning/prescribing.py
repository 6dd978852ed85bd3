"""A clinician's hand changes to a plan: add, remove or swap an exercise, or change a dose, in
every session from a day on. The planner's caution rules still apply: an exercise the client's
cautions say to avoid is refused unless the clinician gives a reason to override.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from psoas.domain.catalogue.exercises import Catalogue, Caution, CautionAction, Dose, Exercise
from psoas.domain.errors import InvalidValue
from psoas.domain.planning.durations import session_seconds
from psoas.domain.planning.plans import (
    Plan,
    PlannedSession,
    Prescription,
    SessionKind,
    SideHandling,
)

MAX_SETS = 10
MAX_REPS = 50
MAX_HOLD = 180


class AdjustKind(StrEnum):
    ADD = "add"
    REMOVE = "remove"
    SWAP = "swap"
    DOSE = "dose"


@dataclass(frozen=True, slots=True)
class Adjustment:
    kind: AdjustKind
    exercise_id: str
    new_exercise_id: str = ""  # swap: the replacement
    sets: int | None = None  # dose: the new dose (reps or hold seconds)
    reps: int | None = None
    hold_seconds: int | None = None


@dataclass(frozen=True, slots=True)
class Adjusted:
    plan: Plan
    sessions_changed: int
    overridden: tuple[str, ...]  # caution warnings the clinician overrode


def caution_warnings(exercise: Exercise, cautions: frozenset[Caution]) -> tuple[str, ...]:
    """Why the client's cautions say to avoid this exercise (empty when none do)."""
    found = []
    for code in sorted(cautions):
        rule = exercise.caution_for(code)
        if rule is not None and rule.action is CautionAction.AVOID:
            found.append(f"{exercise.name} is avoided with the caution '{code}': {rule.note}")
    return tuple(found)


def adjust_plan(
    plan: Plan,
    adjustment: Adjustment,
    *,
    catalogue: Catalogue,
    cautions: frozenset[Caution],
    from_day: date,
    override_reason: str = "",
) -> Adjusted:
    """Apply ``adjustment`` to every session on or after ``from_day``; raises InvalidValue
    naming the field for an unknown exercise, a bad dose, or a caution without a reason."""
    incoming = _incoming(adjustment, catalogue)
    warnings = caution_warnings(incoming, cautions) if incoming is not None else ()
    if warnings and not override_reason.strip():
        raise InvalidValue(
            "override_reason", " ".join(warnings) + " Give a reason to override this caution."
        )
    changed = 0
    weeks = []
    for week in plan.weeks:
        sessions = []
        for session in week.sessions:
            new = _apply(session, adjustment, incoming, override_reason, from_day, catalogue)
            changed += new is not session
            sessions.append(new)
        weeks.append(replace(week, sessions=tuple(sessions)))
    if changed == 0:
        raise InvalidValue("exercise_id", "no session from today on has this exercise to change")
    removed = set(plan.clinician_removed)
    if adjustment.kind in (AdjustKind.REMOVE, AdjustKind.SWAP):
        removed.add(adjustment.exercise_id)
    if incoming is not None:
        removed.discard(incoming.id)
    updated = replace(plan, weeks=tuple(weeks), clinician_removed=tuple(sorted(removed)))
    return Adjusted(updated, changed, warnings)


def _incoming(adjustment: Adjustment, catalogue: Catalogue) -> Exercise | None:
    """The exercise that enters the plan (add or swap), checked against the catalogue."""
    catalogue.get(adjustment.exercise_id)  # raises UnknownExercise for a bad id
    if adjustment.kind is AdjustKind.ADD:
        return catalogue.get(adjustment.exercise_id)
    if adjustment.kind is AdjustKind.SWAP:
        if not adjustment.new_exercise_id:
            raise InvalidValue("new_exercise_id", "choose the exercise to swap in")
        return catalogue.get(adjustment.new_exercise_id)
    if adjustment.kind is AdjustKind.DOSE:
        _check_dose(adjustment)
    return None


def _check_dose(a: Adjustment) -> None:
    if a.sets is None or not 1 <= a.sets <= MAX_SETS:
        raise InvalidValue("sets", f"must be between 1 and {MAX_SETS}")
    if (a.reps is None) == (a.hold_seconds is None):
        raise InvalidValue("reps", "give either reps or a hold in seconds")
    if a.reps is not None and not 1 <= a.reps <= MAX_REPS:
        raise InvalidValue("reps", f"must be between 1 and {MAX_REPS}")
    if a.hold_seconds is not None and not 5 <= a.hold_seconds <= MAX_HOLD:
        raise InvalidValue("hold_seconds", f"must be between 5 and {MAX_HOLD}")


def _prescription(exercise: Exercise, reason: str) -> Prescription:
    return Prescription(
        exercise_id=exercise.id,
        dose=replace(exercise.dose, per_side=exercise.unilateral),
        sides=SideHandling.EACH if exercise.unilateral else SideHandling.BOTH,
        reason=reason,
        slot=f"clinician:{exercise.id}",
        by_clinician=True,
    )


def _apply(
    session: PlannedSession,
    a: Adjustment,
    incoming: Exercise | None,
    override: str,
    from_day: date,
    catalogue: Catalogue,
) -> PlannedSession:
    if session.date < from_day or session.kind in (SessionKind.REST, SessionKind.RETEST):
        return session
    items = list(session.prescriptions)
    ids = [p.exercise_id for p in items]
    why = "Chosen by your clinician." + (
        f" Caution overridden: {override.strip()}" if override else ""
    )
    if a.kind is AdjustKind.ADD:
        if a.exercise_id in ids or incoming is None:
            return session
        items.append(_prescription(incoming, why))
    elif a.exercise_id not in ids:
        return session
    elif a.kind is AdjustKind.REMOVE:
        items = [p for p in items if p.exercise_id != a.exercise_id]
    elif a.kind is AdjustKind.SWAP and incoming is not None:
        if incoming.id in ids:
            items = [p for p in items if p.exercise_id != a.exercise_id]
        else:
            items = [
                _prescription(incoming, why) if p.exercise_id == a.exercise_id else p for p in items
            ]
    elif a.kind is AdjustKind.DOSE:
        items = [_dosed(p, a) if p.exercise_id == a.exercise_id else p for p in items]
    seconds = session_seconds(session.kind, items, catalogue.exercises)
    return replace(session, prescriptions=tuple(items), estimated_seconds=seconds)


def _dosed(p: Prescription, a: Adjustment) -> Prescription:
    dose = Dose(
        sets=a.sets or p.dose.sets,
        reps=a.reps,
        hold_seconds=a.hold_seconds,
        per_side=p.dose.per_side,
        rest_seconds=p.dose.rest_seconds,
        tempo=p.dose.tempo if a.reps else None,
    )
    return replace(p, dose=dose, change_reason="Dose set by your clinician.", by_clinician=True)
