"""Invariant checks shared by the planner's table, property and scenario tests."""

from __future__ import annotations

import itertools

from psoas.domain.catalogue.exercises import Catalogue, CautionAction
from psoas.domain.planning.durations import budget_bounds, planned_session_seconds
from psoas.domain.planning.plans import Plan, SessionKind
from psoas.domain.planning.selection import HOUSEHOLD_EQUIPMENT
from psoas.domain.records.people import WEEKDAYS
from psoas.domain.screening.assessment import AssessmentResult


def caution_violations(plan: Plan, result: AssessmentResult, catalogue: Catalogue) -> list[str]:
    """Prescriptions whose exercise has an applicable caution and is not prescribed as allowed."""
    found = []
    for session in plan.sessions():
        for p in session.prescriptions:
            exercise = catalogue.get(p.exercise_id)
            for code in result.cautions:
                rule = exercise.caution_for(code)
                if rule is None:
                    continue
                if rule.action == CautionAction.AVOID:
                    found.append(f"{session.id}: {p.exercise_id} avoided for {code}")
                elif rule.note not in p.modification:
                    found.append(f"{session.id}: {p.exercise_id} lacks the {code} modification")
    return found


def fit_problems(plan: Plan, catalogue: Catalogue, *, lower: bool = True) -> list[str]:
    """Sessions outside 10 % of the minutes (or only over it, when ``lower`` is False)."""
    low, high = budget_bounds(plan.preferences.minutes_per_day)
    problems = []
    for s in plan.sessions():
        if s.kind == SessionKind.REST:
            continue
        seconds = planned_session_seconds(s, catalogue.exercises)
        if seconds != s.estimated_seconds:
            problems.append(f"{s.id}: stored estimate {s.estimated_seconds} != {seconds}")
        if seconds > high or (lower and seconds < low and "shorter than your" not in s.reason):
            problems.append(f"{s.id}: {seconds}s outside {low}-{high}")
    return problems


def consecutive_strength_days(plan: Plan) -> list[str]:
    days = sorted(s.date for s in plan.sessions() if s.kind == SessionKind.STRENGTH)
    return [f"{a} and {b}" for a, b in itertools.pairwise(days) if (b - a).days < 2]


def preference_problems(plan: Plan, catalogue: Catalogue) -> list[str]:
    prefs = plan.preferences
    problems = []
    for s in plan.sessions():
        if s.kind != SessionKind.REST and WEEKDAYS[s.date.weekday()] not in prefs.preferred_days:
            problems.append(f"{s.id}: session on a day not chosen")
        for p in s.prescriptions:
            e = catalogue.get(p.exercise_id)
            if not set(e.equipment) <= set(prefs.equipment) | HOUSEHOLD_EQUIPMENT:
                problems.append(f"{s.id}: {e.id} needs {e.equipment}")
            if e.level.rank > prefs.level.rank:
                problems.append(f"{s.id}: {e.id} is {e.level}")
    return problems


def missing_reasons(plan: Plan) -> list[str]:
    gaps = [f"{s.id}: no session reason" for s in plan.sessions() if not s.reason]
    gaps += [
        f"{s.id}: {p.exercise_id} has no reason"
        for s in plan.sessions()
        for p in s.prescriptions
        if not p.reason
    ]
    gaps += [
        f"{s.id}: {p.exercise_id} {p.change} without a change reason"
        for s in plan.sessions()
        for p in s.prescriptions
        if p.change.value != "new" and not p.change_reason
    ]
    return gaps
