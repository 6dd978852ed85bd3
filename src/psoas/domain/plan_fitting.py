"""Fitting a session to the person's minutes: choose exercises, then tune sets and holds.

Exercises are added in priority order (core work first) at their catalogue dose while they
fit the budget; if the session is still short, doses grow in small steps within each
exercise's ``dose_range`` until it reaches about 95 % of the budget. The estimate therefore
lands within 10 % of the minutes asked for whenever the catalogue offers enough safe work, and
leaves a little room for next week's progression.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from psoas.domain.durations import budget_bounds, session_seconds
from psoas.domain.exercises import Dose, DoseRange
from psoas.domain.plans import Prescription, SessionKind

HOLD_STEP_SECONDS = 5
GROW_TARGET = 0.95


@dataclass(frozen=True, slots=True)
class Item:
    """A prescription the planner would like in a session, with the range it may move in."""

    prescription: Prescription
    dose_range: DoseRange
    core: bool = False


def _clip(value: int, bounds: tuple[int, int] | None) -> int:
    if bounds is None:
        return value
    low, high = bounds
    return max(low, min(high, value))


def clamp(dose: Dose, rng: DoseRange) -> Dose:
    """The dose moved inside its range."""
    return replace(
        dose,
        sets=_clip(dose.sets, rng.sets),
        reps=None if dose.reps is None else _clip(dose.reps, rng.reps),
        hold_seconds=None
        if dose.hold_seconds is None
        else _clip(dose.hold_seconds, rng.hold_seconds),
    )


def lowest(dose: Dose, rng: DoseRange) -> Dose:
    """The smallest dose the range allows."""
    return replace(
        dose,
        sets=rng.sets[0],
        reps=None if dose.reps is None else (rng.reps or (dose.reps, dose.reps))[0],
        hold_seconds=None
        if dose.hold_seconds is None
        else (rng.hold_seconds or (dose.hold_seconds, dose.hold_seconds))[0],
    )


def grow_once(dose: Dose, rng: DoseRange) -> Dose | None:
    """A slightly bigger dose within range (reps, then hold, then sets), or None at the top."""
    if dose.reps is not None and rng.reps and dose.reps < rng.reps[1]:
        return replace(dose, reps=dose.reps + 1)
    if (
        dose.hold_seconds is not None
        and rng.hold_seconds
        and dose.hold_seconds < rng.hold_seconds[1]
    ):
        return replace(
            dose, hold_seconds=min(rng.hold_seconds[1], dose.hold_seconds + HOLD_STEP_SECONDS)
        )
    if dose.sets < rng.sets[1]:
        return replace(dose, sets=dose.sets + 1)
    return None


def shrink_once(dose: Dose, rng: DoseRange) -> Dose | None:
    """A slightly smaller dose within range (sets, then hold, then reps), or None at the bottom."""
    if dose.sets > rng.sets[0]:
        return replace(dose, sets=dose.sets - 1)
    if (
        dose.hold_seconds is not None
        and rng.hold_seconds
        and dose.hold_seconds > rng.hold_seconds[0]
    ):
        return replace(
            dose, hold_seconds=max(rng.hold_seconds[0], dose.hold_seconds - HOLD_STEP_SECONDS)
        )
    if dose.reps is not None and rng.reps and dose.reps > rng.reps[0]:
        return replace(dose, reps=dose.reps - 1)
    return None


def _total(kind: SessionKind, chosen: Sequence[Item]) -> int:
    return session_seconds(kind, (i.prescription for i in chosen))


def _with_dose(item: Item, dose: Dose) -> Item:
    return replace(item, prescription=replace(item.prescription, dose=dose))


def _choose(kind: SessionKind, items: Sequence[Item], budget: int, high: int) -> list[Item]:
    chosen: list[Item] = []
    used: set[str] = set()
    for item in items:
        exercise_id = item.prescription.exercise_id
        if exercise_id in used:
            continue
        smallest = _with_dose(item, lowest(item.prescription.dose, item.dose_range))
        limit = budget if chosen else high
        for option in (item, smallest):
            if _total(kind, [*chosen, option]) <= limit:
                chosen.append(option)
                used.add(exercise_id)
                break
    return chosen


def _grow(kind: SessionKind, chosen: list[Item], goal: int, high: int) -> None:
    while _total(kind, chosen) < goal:
        grown = False
        for index, item in enumerate(chosen):
            bigger = grow_once(item.prescription.dose, item.dose_range)
            if bigger is None:
                continue
            trial = [*chosen[:index], _with_dose(item, bigger), *chosen[index + 1 :]]
            if _total(kind, trial) <= high:
                chosen[index] = trial[index]
                grown = True
                if _total(kind, chosen) >= goal:
                    return
        if not grown:
            return


def _trim(kind: SessionKind, chosen: list[Item], high: int) -> None:
    while _total(kind, chosen) > high and chosen:
        for index in reversed(range(len(chosen))):
            smaller = shrink_once(chosen[index].prescription.dose, chosen[index].dose_range)
            if smaller is not None:
                chosen[index] = _with_dose(chosen[index], smaller)
                break
        else:
            droppable = [i for i, item in enumerate(chosen) if not item.core] or [len(chosen) - 1]
            chosen.pop(droppable[-1])


def fit_session(kind: SessionKind, items: Sequence[Item], minutes: int) -> tuple[Prescription, ...]:
    """Prescriptions for ``kind`` from ``items`` (priority order) that fit ``minutes``."""
    if kind == SessionKind.REST:
        return ()
    low, high = budget_bounds(minutes)
    budget = minutes * 60
    clamped = [_with_dose(i, clamp(i.prescription.dose, i.dose_range)) for i in items]
    chosen = _choose(kind, clamped, budget, high)
    _grow(kind, chosen, max(low, round(budget * GROW_TARGET)), high)
    _trim(kind, chosen, high)
    return tuple(i.prescription for i in chosen)


def fits(kind: SessionKind, prescriptions: Sequence[Prescription], minutes: int) -> bool:
    """True when the session's estimate is within 10 % of ``minutes``."""
    low, high = budget_bounds(minutes)
    return low <= session_seconds(kind, prescriptions) <= high


def within_ceiling(kind: SessionKind, prescriptions: Sequence[Prescription], minutes: int) -> bool:
    """True when the session is no more than 10 % over ``minutes`` (shorter is allowed)."""
    return session_seconds(kind, prescriptions) <= budget_bounds(minutes)[1]
