"""The plan's calendar: strength days, rest days, re-test days and the tighter side.

Strength days are never neighbours, counting Sunday and Monday as neighbours so the rule
holds across weeks too (ACSM: about 48 hours between strength sessions for a muscle group).
"""

from __future__ import annotations

from datetime import date
from itertools import combinations

from psoas.domain.planning.phases import KIND_REASON, Phase
from psoas.domain.planning.plans import SessionKind
from psoas.domain.records.measurements import Side
from psoas.domain.screening.assessment import SideResult, ThighPosition


def choose_strength_days(preferred: tuple[int, ...], wanted: int) -> tuple[int, ...]:
    """Weekday indices for strength, never on neighbouring days (Sunday neighbours Monday)."""

    def spread(days: tuple[int, ...]) -> int:
        if len(days) < 2:
            return 7
        gaps = [(days[(i + 1) % len(days)] - days[i]) % 7 for i in range(len(days))]
        return min(gaps)

    for size in range(min(wanted, 3), 0, -1):
        options = [c for c in combinations(sorted(preferred), size) if spread(c) >= 2]
        if options:
            return max(options, key=lambda c: (spread(c), [-d for d in c]))
    return ()


def tighter_side(sides: tuple[SideResult, ...], asymmetry: bool) -> Side | None:
    """The side the self-test found tighter, when the result was asymmetric."""
    if not asymmetry or len(sides) < 2:
        return None
    rank = {ThighPosition.ABOVE: 10.0, ThighPosition.LEVEL: 0.0, ThighPosition.BELOW: -10.0}

    def score(s: SideResult) -> float:
        return s.hip_angle_deg if s.hip_angle_deg is not None else rank[s.thigh]

    ordered = sorted(sides, key=score, reverse=True)
    if score(ordered[0]) == score(ordered[1]):
        return None
    return ordered[0].side


def day_kind(
    weekday: int,
    prefs_days: set[int],
    strength_days: tuple[int, ...],
    rest_day: int | None,
    phase: Phase,
) -> tuple[SessionKind, str]:
    if weekday not in prefs_days:
        return SessionKind.REST, KIND_REASON["rest_off"]
    if weekday == rest_day:
        return SessionKind.REST, KIND_REASON["rest_planned"]
    if weekday in strength_days and phase.strength:
        return SessionKind.STRENGTH, KIND_REASON["strength"]
    return SessionKind.MOBILITY, KIND_REASON["mobility"]


def retest_day(days: list[tuple[date, SessionKind]], last: bool) -> date | None:
    order = list(reversed(days)) if last else days
    for kinds in ((SessionKind.MOBILITY,), (SessionKind.STRENGTH,)):
        for day, kind in order:
            if kind in kinds:
                return day
    return None


def retest_weeks(weeks: int) -> frozenset[int]:
    """About weeks 3 and 6 of six: the middle and the last week."""
    return frozenset({weeks} | ({max(1, round(weeks / 2))} if weeks >= 3 else set()))


def weekly_rest_day(preferred: set[int], strength_days: tuple[int, ...]) -> int | None:
    if len(preferred) < 7:
        return None
    free = [d for d in range(7) if d not in strength_days]
    return free[-1] if free else None
