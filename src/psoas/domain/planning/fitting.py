"""Fitting a session to the person's minutes: choose exercises, then tune sets and holds.

Exercises are added in priority order while they fit the budget: core work at the catalogue's
usual dose (or its smallest if that does not fit), warm-ups and other work at the smallest dose of its
range, so the core work and some variety fit even a short session; then
doses grow in small steps, first toward the catalogue's usual dose and then within each
exercise's ``dose_range``, until the session reaches about 95 % of the budget. The estimate therefore
lands within 10 % of the minutes asked for whenever the catalogue offers enough safe work, and
leaves a little room for next week's progression.

Set-ups depend on the order the session is done in (warm-ups first, then priority order, as
``selection.warm_up_first`` lays it out) and on each exercise's position and equipment, so the
fitting keeps that order as it adds items and counts each addition's change of set-up time
exactly (``_added_setup``): the fitted session's estimate is the one the person later sees.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from psoas.domain.catalogue.exercises import Dose, DoseRange, Exercise
from psoas.domain.planning.durations import budget_bounds, dose_seconds, session_seconds
from psoas.domain.planning.plans import Prescription, SessionKind, SideHandling
from psoas.domain.planning.setups import setup_seconds

HOLD_STEP_SECONDS = 5
GROW_TARGET = 0.95


@dataclass(frozen=True, slots=True)
class Item:
    """A prescription the planner would like in a session, with the range it may move in."""

    prescription: Prescription
    dose_range: DoseRange
    core: bool = False
    start_usual: bool = False  # start at the catalogue's usual dose rather than the smallest
    exercise: Exercise | None = None  # the catalogue entry (its position and equipment)
    warm_up: bool = False  # done at the start of the session, whatever its priority


def hold_step(seconds: int) -> int:
    """Round steps people can count: 5 s for short holds, 15 s past a minute, 30 s past two."""
    if seconds >= 120:
        return 30
    return 15 if seconds >= 60 else HOLD_STEP_SECONDS


def _clip(value: int, bounds: tuple[int, int] | None) -> int:
    if bounds is None:
        return value
    low, high = bounds
    return max(low, min(high, value))


def resized(dose: Dose, sets: int, reps: int | None, hold_seconds: int | None) -> Dose:
    """``dose`` with new sets, reps and hold. The planner makes thousands of these per plan;
    the constructor costs a fraction of ``dataclasses.replace`` (a unit test checks that it
    keeps every other field of Dose)."""
    return Dose(sets, reps, hold_seconds, dose.per_side, dose.rest_seconds, dose.tempo)


def clamp(dose: Dose, rng: DoseRange) -> Dose:
    """The dose moved inside its range."""
    return resized(
        dose,
        _clip(dose.sets, rng.sets),
        None if dose.reps is None else _clip(dose.reps, rng.reps),
        None if dose.hold_seconds is None else _clip(dose.hold_seconds, rng.hold_seconds),
    )


def lowest(dose: Dose, rng: DoseRange) -> Dose:
    """The smallest dose the range allows."""
    return resized(
        dose,
        rng.sets[0],
        None if dose.reps is None else (rng.reps or (dose.reps, dose.reps))[0],
        None
        if dose.hold_seconds is None
        else (rng.hold_seconds or (dose.hold_seconds, dose.hold_seconds))[0],
    )


def grow_once(dose: Dose, rng: DoseRange, cap: Dose | None = None) -> Dose | None:
    """A slightly bigger dose (reps, then hold, then sets) within range and ``cap``, or None."""
    reps_top = rng.reps[1] if rng.reps else None
    hold_top = rng.hold_seconds[1] if rng.hold_seconds else None
    sets_top = rng.sets[1]
    if cap is not None:
        reps_top = min(reps_top, cap.reps) if reps_top is not None and cap.reps else reps_top
        hold_top = (
            min(hold_top, cap.hold_seconds)
            if hold_top is not None and cap.hold_seconds
            else hold_top
        )
        sets_top = min(sets_top, cap.sets)
    if dose.reps is not None and reps_top is not None and dose.reps < reps_top:
        return resized(dose, dose.sets, dose.reps + 1, dose.hold_seconds)
    if dose.hold_seconds is not None and hold_top is not None and dose.hold_seconds < hold_top:
        hold = min(hold_top, dose.hold_seconds + hold_step(dose.hold_seconds))
        return resized(dose, dose.sets, dose.reps, hold)
    if dose.sets < sets_top:
        return resized(dose, dose.sets + 1, dose.reps, dose.hold_seconds)
    return None


def shrink_once(dose: Dose, rng: DoseRange) -> Dose | None:
    """A slightly smaller dose within range (sets, then hold, then reps), or None at the bottom."""
    if dose.sets > rng.sets[0]:
        return resized(dose, dose.sets - 1, dose.reps, dose.hold_seconds)
    if (
        dose.hold_seconds is not None
        and rng.hold_seconds
        and dose.hold_seconds > rng.hold_seconds[0]
    ):
        hold = max(rng.hold_seconds[0], dose.hold_seconds - HOLD_STEP_SECONDS)
        return resized(dose, dose.sets, dose.reps, hold)
    if dose.reps is not None and rng.reps and dose.reps > rng.reps[0]:
        return resized(dose, dose.sets, dose.reps - 1, dose.hold_seconds)
    return None


def _done_order(chosen: Sequence[Item]) -> list[Item]:
    """The order the session is done in: warm-ups first, otherwise priority order."""
    return [i for i in chosen if i.warm_up] + [i for i in chosen if not i.warm_up]


def _total(kind: SessionKind, chosen: Sequence[Item]) -> int:
    exercises = {i.prescription.exercise_id: i.exercise for i in chosen if i.exercise is not None}
    return session_seconds(kind, (i.prescription for i in _done_order(chosen)), exercises)


def _added_setup(order: Sequence[Exercise | None], index: int, new: Exercise | None) -> int:
    """Set-up seconds a session done in ``order`` gains when ``new`` is done at ``index``."""
    if not order:
        return 0  # the get-ready of the empty session becomes the first exercise's
    if index == 0:
        return setup_seconds(new, order[0])  # new takes the get-ready; the old first a set-up
    before = order[index - 1]
    gained = setup_seconds(before, new)
    if index < len(order):
        after = order[index]
        gained += setup_seconds(new, after) - setup_seconds(before, after)
    return gained


def _with_dose(item: Item, dose: Dose) -> Item:
    """``item`` with its prescription's dose changed. Made with the constructors (thousands
    per plan; ``dataclasses.replace`` twice cost a third of building a plan); a unit test
    checks that every other field is kept."""
    p = item.prescription
    prescription = Prescription(
        p.exercise_id, dose, p.sides, p.reason, p.change, p.change_reason,
        p.modification, p.slot, p.core, p.note, p.by_clinician,
    )  # fmt: skip
    return Item(
        prescription, item.dose_range, item.core, item.start_usual, item.exercise, item.warm_up
    )


def _choose(
    kind: SessionKind, items: Sequence[Item], budget: int, high: int
) -> tuple[list[Item], int]:
    """Items in priority order while they fit: core stretch and strength work at its usual
    dose if it can, the rest at the smallest dose of its range; and the session's estimate
    (kept exact as items are added, so the later steps need not recount it)."""
    chosen: list[Item] = []
    used: set[str] = set()
    order: list[Exercise | None] = []  # the chosen exercises in the order they are done
    warm_ups = 0
    total = _total(kind, chosen)
    for item in items:
        exercise_id = item.prescription.exercise_id
        if exercise_id in used:
            continue
        dose, sides = item.prescription.dose, item.prescription.sides
        smallest = lowest(dose, item.dose_range)
        options = (clamp(dose, item.dose_range), smallest) if item.start_usual else (smallest,)
        index = warm_ups if item.warm_up else len(order)
        limit = budget if chosen else high
        setup = None
        for option in options:
            work = dose_seconds(option, sides)
            if index == len(order) and total + work > limit:
                continue  # added at the end, its set-up only adds: it cannot fit
            if setup is None:
                setup = _added_setup(order, index, item.exercise)
            cost = work + setup
            if total + cost <= limit:
                chosen.append(_with_dose(item, option))
                used.add(exercise_id)
                order.insert(index, item.exercise)
                warm_ups += item.warm_up
                total += cost
                break
    return chosen, total


def _grow(chosen: list[Item], total: int, goal: int, high: int, caps: Sequence[Dose | None]) -> int:
    """Grow doses round-robin, each within its cap, until the session's ``total`` reaches
    ``goal``; return the new total. Each item walks its ladder of ever bigger doses (the same
    for the same dose, range, cap and sides, so worked out once); the set-ups do not change,
    and the items are rebuilt once at the end."""
    ladders = [
        _ladder(item.prescription.dose, item.dose_range, caps[index], item.prescription.sides)
        for index, item in enumerate(chosen)
    ]
    steps = [0] * len(chosen)
    grown = True
    while total < goal and grown:
        grown = False
        for index, ladder in enumerate(ladders):
            step = steps[index]
            if step + 1 >= len(ladder):
                continue
            new_total = total - ladder[step][1] + ladder[step + 1][1]
            if new_total <= high:
                steps[index], total, grown = step + 1, new_total, True
                if total >= goal:
                    break
    for index, item in enumerate(chosen):
        if steps[index]:
            chosen[index] = _with_dose(item, ladders[index][steps[index]][0])
    return total


@lru_cache(maxsize=4096)
def _ladder(
    dose: Dose, rng: DoseRange, cap: Dose | None, sides: SideHandling
) -> tuple[tuple[Dose, int], ...]:
    """``dose`` and each bigger one ``grow_once`` gives in turn, with their seconds."""
    steps = [(dose, dose_seconds(dose, sides))]
    while (bigger := grow_once(steps[-1][0], rng, cap)) is not None:
        steps.append((bigger, dose_seconds(bigger, sides)))
    return tuple(steps)


def _cost(item: Item) -> int:
    return dose_seconds(item.prescription.dose, item.prescription.sides)


def _trim(kind: SessionKind, chosen: list[Item], total: int, high: int) -> None:
    while total > high and chosen:
        for index in reversed(range(len(chosen))):
            smaller = shrink_once(chosen[index].prescription.dose, chosen[index].dose_range)
            if smaller is not None:
                total -= _cost(chosen[index])
                chosen[index] = _with_dose(chosen[index], smaller)
                total += _cost(chosen[index])
                break
        else:
            droppable = [i for i, item in enumerate(chosen) if not item.core] or [len(chosen) - 1]
            chosen.pop(droppable[-1])
            total = _total(kind, chosen)  # the neighbours' set-ups change with it


def fit_session(kind: SessionKind, items: Sequence[Item], minutes: int) -> tuple[Prescription, ...]:
    """Prescriptions for ``kind`` from ``items`` (priority order) that fit ``minutes``."""
    if kind == SessionKind.REST:
        return ()
    low, high = budget_bounds(minutes)
    budget = minutes * 60
    chosen, total = _choose(kind, items, budget, high)
    goal = max(low, round(budget * GROW_TARGET))
    defaults = [clamp(i.prescription.dose, i.dose_range) for i in _originals(items, chosen)]
    total = _grow(chosen, total, goal, high, defaults)  # first toward the catalogue's usual dose
    total = _grow(chosen, total, goal, high, [None] * len(chosen))  # then within the range
    _trim(kind, chosen, total, high)
    return tuple(i.prescription for i in chosen)


def _originals(items: Sequence[Item], chosen: Sequence[Item]) -> list[Item]:
    by_id = {}
    for item in items:
        by_id.setdefault(item.prescription.exercise_id, item)
    return [by_id[c.prescription.exercise_id] for c in chosen]


def fits(
    kind: SessionKind,
    prescriptions: Sequence[Prescription],
    minutes: int,
    exercises: Mapping[str, Exercise],
) -> bool:
    """True when the session's estimate is within 10 % of ``minutes``."""
    low, high = budget_bounds(minutes)
    return low <= session_seconds(kind, prescriptions, exercises) <= high


def within_ceiling(
    kind: SessionKind,
    prescriptions: Sequence[Prescription],
    minutes: int,
    exercises: Mapping[str, Exercise],
) -> bool:
    """True when the session is no more than 10 % over ``minutes`` (shorter is allowed)."""
    return session_seconds(kind, prescriptions, exercises) <= budget_bounds(minutes)[1]
