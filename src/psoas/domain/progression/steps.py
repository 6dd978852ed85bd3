"""One step up or down for a prescription: longer holds, more reps, more sets, the ladder.

A step is a function from a prescription to a new one plus the words that explain it, so the
review can try each step against the time budget and apply the first that fits to every
session of next week that holds the same work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from psoas.domain.catalogue.exercises import Catalogue, Caution, Dose, Exercise
from psoas.domain.planning.fitting import clamp
from psoas.domain.planning.plans import Prescription, SideHandling
from psoas.domain.planning.selection import resolve
from psoas.domain.progression.rules import (
    HOLD_STEP,
    HOLD_TARGET,
    REPS_STEP,
    REPS_TARGET,
    SETS_TARGET,
    cite,
)
from psoas.domain.records.people import Preferences

Transform = Callable[[Prescription], Prescription]


@dataclass(frozen=True, slots=True)
class Step:
    transform: Transform
    words: str  # e.g. "holds 10 s longer"
    new_exercise_id: str | None = None


def _dose(p: Prescription, **changes: int) -> Prescription:
    return replace(p, dose=replace(p.dose, **changes))


def _sides_for(exercise: Exercise, old: SideHandling) -> SideHandling:
    if not exercise.unilateral:
        return SideHandling.BOTH
    return old if old != SideHandling.BOTH else SideHandling.EACH


def _move_to(exercise: Exercise, modification: str) -> Transform:
    def move(p: Prescription) -> Prescription:
        dose = clamp(replace(exercise.dose, per_side=exercise.unilateral), exercise.dose_range)
        return replace(
            p,
            exercise_id=exercise.id,
            dose=dose,
            sides=_sides_for(exercise, p.sides),
            modification=modification,
        )

    return move


def steps_up(
    p: Prescription, catalogue: Catalogue, cautions: frozenset[Caution], prefs: Preferences
) -> list[Step]:
    """Progression steps in order: hold, reps, sets, then the harder variant."""
    e = catalogue.get(p.exercise_id)
    d, rng = p.dose, e.dose_range
    options: list[Step] = []
    hold_top = min(HOLD_TARGET, rng.hold_seconds[1]) if rng.hold_seconds else HOLD_TARGET
    if d.hold_seconds is not None and d.reps is None and d.hold_seconds < hold_top:
        new = min(hold_top, d.hold_seconds + HOLD_STEP)
        options.append(
            Step(
                lambda q, n=new: _dose(q, hold_seconds=max(q.dose.hold_seconds or 0, n)),
                f"holds grow to {new} s" + cite("hold_target"),
            )
        )
    reps_top = min(REPS_TARGET, rng.reps[1]) if rng.reps else REPS_TARGET
    if d.reps is not None and d.reps < reps_top:
        new = min(reps_top, d.reps + REPS_STEP)
        options.append(
            Step(
                lambda q, n=new: _dose(q, reps=max(q.dose.reps or 0, n)),
                f"reps grow to {new}" + cite("reps_target"),
            )
        )
    sets_top = min(SETS_TARGET, rng.sets[1])
    if d.sets < sets_top:
        options.append(
            Step(
                lambda q: _dose(q, sets=min(sets_top, q.dose.sets + 1)),
                f"one more set (up to {sets_top})"
                + cite("hold_target" if d.reps is None else "sets_target"),
            )
        )
    if options:
        return options  # the harder variant comes only once holds, reps and sets are at target
    for harder_id in e.harder:
        if harder_id not in catalogue:
            continue
        choice = resolve(catalogue.get(harder_id), catalogue, cautions, prefs)
        if choice is not None and choice.exercise.id != e.id:
            options.append(
                Step(
                    _move_to(choice.exercise, choice.modification),
                    f"moves up to the harder variant, {choice.exercise.name}",
                    choice.exercise.id,
                )
            )
            break
    return options


def dose_down(p: Prescription, catalogue: Catalogue) -> Step | None:
    """The dose one step lower within range (a set, then hold or reps), or None at the floor."""
    e = catalogue.get(p.exercise_id)
    d, rng = p.dose, e.dose_range
    if d.sets > rng.sets[0]:
        return Step(lambda q: _dose(q, sets=max(rng.sets[0], q.dose.sets - 1)), "drops one set")
    if d.hold_seconds is not None and rng.hold_seconds and d.hold_seconds > rng.hold_seconds[0]:
        floor = rng.hold_seconds[0]
        return Step(
            lambda q: _dose(q, hold_seconds=max(floor, (q.dose.hold_seconds or floor) - HOLD_STEP)),
            "gets shorter holds",
        )
    if d.reps is not None and rng.reps and d.reps > rng.reps[0]:
        floor = rng.reps[0]
        return Step(
            lambda q: _dose(q, reps=max(floor, (q.dose.reps or floor) - REPS_STEP)),
            "gets fewer reps",
        )
    return None


def ladder_down(
    p: Prescription, catalogue: Catalogue, cautions: frozenset[Caution], prefs: Preferences
) -> Step | None:
    """The easier variant the person may do, if any."""
    e = catalogue.get(p.exercise_id)
    for easier_id in e.easier:
        if easier_id not in catalogue:
            continue
        choice = resolve(catalogue.get(easier_id), catalogue, cautions, prefs)
        if choice is not None and choice.exercise.id != e.id:
            return Step(
                _move_to(choice.exercise, choice.modification),
                f"moves down to the easier variant, {choice.exercise.name}",
                choice.exercise.id,
            )
    return None


def describe(dose: Dose | None) -> str:
    return dose.describe() if dose is not None else "-"
