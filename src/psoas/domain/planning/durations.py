"""How long a prescription and a planned session take: the one estimate every surface shows.

The CLI player, the web player, the calendar export and the planner's time budget all call
these functions, so a person sees the same minutes everywhere. The estimate is deliberately
simple and documented here:

- one *bout* is one set on one side: ``reps x seconds per rep`` (plus ``reps x hold`` when a
  rep is held), or the hold itself for a timed exercise;
- seconds per rep come from the tempo (``"2-1-2"`` -> 5 s) or ``DEFAULT_SECONDS_PER_REP``;
- one-sided work is done set by set, left then right (the tighter side gets an extra bout when
  the side handling asks for it), with ``SIDE_SWITCH_SECONDS`` to change sides;
- the dose's rest comes between rounds, not after the last one;
- the first exercise gets a short ``GET_READY_SECONDS`` countdown (the person has just read the
  session's list and pressed Start); every later one gets a set-up only as long as its change
  of position and equipment needs (``psoas.domain.planning.setups.setup_seconds``), so the
  session's estimate depends on the order of its exercises and needs the catalogue's
  positions: ``session_seconds`` takes the catalogue's exercises by id;
- a re-test session adds ``SELF_TEST_SECONDS`` for the self-test on both sides.

``dose_seconds`` and ``prescription_seconds`` are one exercise's own time (work, rests and side
switches) without the set-up before it, which depends on its neighbours.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from psoas.domain.catalogue.exercises import Dose, Exercise
from psoas.domain.planning.plans import PlannedSession, Prescription, SessionKind, SideHandling
from psoas.domain.planning.setups import total_setup_seconds

DEFAULT_SECONDS_PER_REP = 3
SIDE_SWITCH_SECONDS = 5  # switching sides in place inside one exercise (a product choice)
SELF_TEST_SECONDS = 180


def seconds_per_rep(dose: Dose) -> int:
    """Seconds one rep takes: the sum of the tempo's phases, or the default."""
    if dose.tempo:
        try:
            phases = [int(part) for part in dose.tempo.replace("/", "-").split("-") if part.strip()]
        except ValueError:
            phases = []
        if phases and all(p >= 0 for p in phases) and sum(phases) > 0:
            return sum(phases)
    return DEFAULT_SECONDS_PER_REP


def bout_seconds(dose: Dose) -> int:
    """Seconds of work in one set on one side."""
    if dose.reps is not None:
        return dose.reps * (seconds_per_rep(dose) + (dose.hold_seconds or 0))
    return dose.hold_seconds or 0


def sets_per_side(dose: Dose, sides: SideHandling) -> tuple[int, int]:
    """(left, right) bouts for one-sided work; (sets, 0) for a two-sided exercise."""
    if sides == SideHandling.BOTH:
        return dose.sets, 0
    if sides == SideHandling.LEFT_FIRST_EXTRA:
        return dose.sets + 1, dose.sets
    if sides == SideHandling.RIGHT_FIRST_EXTRA:
        return dose.sets, dose.sets + 1
    return dose.sets, dose.sets


@lru_cache(maxsize=4096)
def dose_seconds(dose: Dose, sides: SideHandling) -> int:
    """Seconds for all sets of one exercise, including rests and side switches (no set-up).

    Kept per (dose, sides): both are frozen values, and planning and the weekly review ask for
    the same few doses tens of thousands of times."""
    left, right = sets_per_side(dose, sides)
    rounds = max(left, right)
    work = (left + right) * bout_seconds(dose)
    switches = min(left, right) * SIDE_SWITCH_SECONDS
    rests = max(0, rounds - 1) * dose.rest_seconds
    return work + switches + rests


def prescription_seconds(prescription: Prescription) -> int:
    """Estimated seconds for one prescription's own work (the set-up before it not counted)."""
    return dose_seconds(prescription.dose, prescription.sides)


def session_seconds(
    kind: SessionKind,
    prescriptions: Iterable[Prescription],
    exercises: Mapping[str, Exercise],
) -> int:
    """Estimated seconds for a session of ``kind`` made of ``prescriptions`` in this order
    (0 for rest). ``exercises`` is the catalogue's exercises by id (for their positions)."""
    if kind == SessionKind.REST:
        return 0
    listed = list(prescriptions)
    total = sum(dose_seconds(p.dose, p.sides) for p in listed)
    total += total_setup_seconds([exercises.get(p.exercise_id) for p in listed])
    if kind == SessionKind.RETEST:
        total += SELF_TEST_SECONDS
    return total


def planned_session_seconds(session: PlannedSession, exercises: Mapping[str, Exercise]) -> int:
    """Recompute the estimate for a stored session (equals ``session.estimated_seconds`` for a
    session the planner made with the same catalogue)."""
    return session_seconds(session.kind, session.prescriptions, exercises)


def budget_bounds(minutes_per_day: int, tolerance: float = 0.10) -> tuple[int, int]:
    """(lowest, highest) seconds a session may last to fit ``minutes_per_day`` within 10 %."""
    budget = minutes_per_day * 60
    return round(budget * (1 - tolerance)), round(budget * (1 + tolerance))


def describe_seconds(seconds: int) -> str:
    """'9 min 30 s' style text for people."""
    minutes, rest = divmod(max(0, int(seconds)), 60)
    if minutes and rest:
        return f"{minutes} min {rest} s"
    if minutes:
        return f"{minutes} min"
    return f"{rest} s"
