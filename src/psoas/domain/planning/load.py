"""Weekly training load: hold-seconds plus reps, the number the progression cap watches.

A held rep counts its hold seconds as well as the rep itself, so a 10-rep bridge with a 2 s
hold counts 30. One-sided work counts every side and the tighter side's extra set.
"""

from __future__ import annotations

from collections.abc import Iterable

from psoas.domain.planning.durations import sets_per_side
from psoas.domain.planning.plans import PlannedSession, PlanWeek, Prescription


def prescription_load(p: Prescription) -> int:
    left, right = sets_per_side(p.dose, p.sides)
    reps = p.dose.reps or 0
    hold = p.dose.hold_seconds or 0
    per_bout = reps * (1 + hold) if reps else hold
    return (left + right) * per_bout


def sessions_load(sessions: Iterable[PlannedSession]) -> int:
    return sum(prescription_load(p) for s in sessions for p in s.prescriptions)


def week_load(week: PlanWeek) -> int:
    return sessions_load(week.sessions)


def change_pct(before: int, after: int) -> float | None:
    """Percentage change from ``before`` to ``after`` (None when there was no load before)."""
    if before <= 0:
        return None
    return round((after - before) / before * 100, 1)
