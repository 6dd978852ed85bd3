"""The one-to-two-minute micro-routine offered at a sitting break, as a playable session.

It draws on exercises tagged ``desk-break`` (standing moves needing no equipment), leaves out
any whose caution says to avoid them for this person, uses the catalogue's modification where
it says to modify, and shortens the dose to one round so the whole break fits in about two
minutes. Consecutive breaks rotate through the candidates so the day has some variety.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from psoas.domain.catalogue.exercises import Catalogue, Caution, CautionAction, Dose, Exercise
from psoas.domain.habits.breaks import micro_routine
from psoas.domain.planning.durations import session_seconds
from psoas.domain.planning.plans import PlannedSession, Prescription, SessionKind, SideHandling

BREAK_TAG = "desk-break"
MICRO_HOLD_SECONDS = 15
MICRO_REPS = 10
MICRO_HELD_REPS = 4  # reps that each pause at the top take longer
TARGET_SECONDS = (60, 150)


def break_candidates(catalogue: Catalogue, cautions: frozenset[Caution]) -> tuple[Exercise, ...]:
    """Desk-break exercises that no applying caution rules out."""

    def allowed(e: Exercise) -> bool:
        return not any(c.code in cautions and c.action == CautionAction.AVOID for c in e.cautions)

    fitting = [e for e in catalogue if BREAK_TAG in e.tags and allowed(e)]
    ids = {e.id for e in fitting}
    # Keep the easiest rung of a ladder, so one break never offers two versions of a move.
    return tuple(e for e in fitting if not ids.intersection(e.easier))


def micro_dose(exercise: Exercise) -> Dose:
    """One short round: a brief hold, or a handful of reps, with no rest."""
    dose = exercise.dose
    if dose.hold_seconds is not None and dose.reps is None:
        return replace(
            dose, sets=1, hold_seconds=min(dose.hold_seconds, MICRO_HOLD_SECONDS), rest_seconds=0
        )
    cap = MICRO_HELD_REPS if dose.hold_seconds else MICRO_REPS
    return replace(dose, sets=1, reps=min(dose.reps or cap, cap), rest_seconds=0)


def break_session(
    catalogue: Catalogue, cautions: frozenset[Caution], slot: int, day: date
) -> PlannedSession | None:
    """The micro-routine for break number ``slot`` of ``day``, or None if nothing fits."""
    candidates = {e.id: e for e in break_candidates(catalogue, cautions)}
    chosen = micro_routine(tuple(candidates), slot)
    prescriptions = []
    for exercise_id in chosen:
        exercise = candidates[exercise_id]
        modify = [
            c.note
            for c in exercise.cautions
            if c.code in cautions and c.action == CautionAction.MODIFY
        ]
        prescriptions.append(
            Prescription(
                exercise_id=exercise_id,
                dose=micro_dose(exercise),
                sides=SideHandling.EACH if exercise.unilateral else SideHandling.BOTH,
                reason="A short standing move to break up sitting.",
                modification=" ".join(modify),
            )
        )
    if not prescriptions:
        return None
    seconds = session_seconds(SessionKind.MOBILITY, prescriptions, catalogue.exercises)
    return PlannedSession(
        id=f"break-{day.isoformat()}-{slot}",
        date=day,
        kind=SessionKind.MOBILITY,
        prescriptions=tuple(prescriptions),
        estimated_seconds=seconds,
        title="Sitting break",
    )
