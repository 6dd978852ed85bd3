"""Plans built by a clinician: an empty plan to fill, exercises placed by dose, side, days,
weeks and a note, the current plan read back as those items, and the clinician's work carried
over onto a regenerated plan (the clinician's plan wins).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from psoas.domain.catalogue.exercises import Catalogue, Category, Dose
from psoas.domain.errors import InvalidValue
from psoas.domain.planning.durations import session_seconds
from psoas.domain.planning.plans import (
    Plan,
    PlannedSession,
    PlanWeek,
    Prescription,
    SessionKind,
    SideHandling,
)
from psoas.domain.planning.prescribing import MAX_HOLD, MAX_REPS, MAX_SETS
from psoas.domain.records.clinical import BuildItem
from psoas.domain.records.people import WEEKDAYS, Preferences

BUILT_VERSION = "clinician"
MAX_WEEKS = 26
MAX_NOTE = 300
CLINICIAN_REASON = "Chosen by your clinician."
STRENGTH_WORK = (Category.STRENGTH, Category.STABILITY)
DAY_NAMES = dict(zip(WEEKDAYS, ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), strict=True))


def check_item(item: BuildItem, catalogue: Catalogue, weeks: int, row: str = "") -> None:
    """Raise InvalidValue naming the field (prefixed by ``row``) for anything out of range."""
    where = f"{row}." if row else ""
    if item.exercise_id not in catalogue:
        raise InvalidValue(f"{where}exercise_id", "Choose an exercise from the library.")
    if not 1 <= item.sets <= MAX_SETS:
        raise InvalidValue(f"{where}sets", f"Sets must be between 1 and {MAX_SETS}.")
    if (item.reps is None) == (item.hold_seconds is None):
        raise InvalidValue(f"{where}reps", "Give either reps or a hold in seconds, not both.")
    if item.reps is not None and not 1 <= item.reps <= MAX_REPS:
        raise InvalidValue(f"{where}reps", f"Reps must be between 1 and {MAX_REPS}.")
    if item.hold_seconds is not None and not 5 <= item.hold_seconds <= MAX_HOLD:
        raise InvalidValue(
            f"{where}hold_seconds", f"The hold must be between 5 and {MAX_HOLD} seconds."
        )
    if item.sides not in {s.value for s in SideHandling}:
        raise InvalidValue(f"{where}sides", "Choose both sides together or each side.")
    if not item.days or any(d not in WEEKDAYS for d in item.days):
        raise InvalidValue(f"{where}days", "Choose at least one day of the week.")
    if not 1 <= item.first_week <= item.last_week <= weeks:
        raise InvalidValue(
            f"{where}weeks",
            f"Choose weeks between 1 and {weeks}, the first no later than the last.",
        )
    if len(item.note) > MAX_NOTE:
        raise InvalidValue(f"{where}note", f"The note must be at most {MAX_NOTE} characters.")


def empty_plan(
    *,
    plan_id: str,
    person_id: str,
    created_at: datetime,
    start: date,
    weeks: int,
    preferences: Preferences,
    assessment_id: str = "",
) -> Plan:
    """A plan of ``weeks`` weeks with nothing in it yet: every day a rest day to fill."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise InvalidValue("weeks", f"must be between 1 and {MAX_WEEKS}")
    plan_weeks = []
    for index in range(1, weeks + 1):
        days = [start + timedelta(days=7 * (index - 1) + n) for n in range(7)]
        sessions = tuple(
            PlannedSession(f"w{index}-{d.isoformat()}", d, SessionKind.REST, (), 0, "Rest day")
            for d in days
        )
        plan_weeks.append(PlanWeek(index, "Clinician's plan", "Set by your clinician.", sessions))
    return Plan(
        id=plan_id,
        person_id=person_id,
        assessment_id=assessment_id,
        created_at=created_at,
        start=start,
        preferences=preferences,
        weeks=tuple(plan_weeks),
        version=BUILT_VERSION,
        summary="A plan set by your clinician.",
    )


def prescription_for(item: BuildItem, catalogue: Catalogue) -> Prescription:
    exercise = catalogue.get(item.exercise_id)
    sides = SideHandling(item.sides)
    dose = Dose(
        sets=item.sets,
        reps=item.reps,
        hold_seconds=item.hold_seconds,
        per_side=sides is not SideHandling.BOTH,
        rest_seconds=exercise.dose.rest_seconds,
        tempo=exercise.dose.tempo if item.reps else None,
    )
    return Prescription(
        exercise_id=exercise.id,
        dose=dose,
        sides=sides,
        reason=CLINICIAN_REASON,
        slot=f"clinician:{exercise.id}",
        note=item.note.strip(),
        by_clinician=True,
    )


def apply_items(
    plan: Plan,
    items: Sequence[BuildItem],
    catalogue: Catalogue,
    from_day: date,
    removed: Sequence[str] = (),
) -> Plan:
    """``plan`` with each item placed on its days and weeks from ``from_day`` on (replacing the
    exercise wherever it was) and each of ``removed`` taken out. Rest days that gain work become
    sessions; sessions left empty become rest days. Re-test days keep their kind."""
    placed = {item.exercise_id: (item, prescription_for(item, catalogue)) for item in items}
    gone = set(removed) | set(placed)
    weeks = []
    for week in plan.weeks:
        sessions = []
        for session in week.sessions:
            if session.date < from_day:
                sessions.append(session)
                continue
            kept = [p for p in session.prescriptions if p.exercise_id not in gone]
            kept += [p for item, p in placed.values() if _lands(item, week.index, session.date)]
            sessions.append(_reshaped(session, kept, catalogue))
        weeks.append(replace(week, sessions=tuple(sessions)))
    return replace(plan, weeks=tuple(weeks))


def _lands(item: BuildItem, week_index: int, day: date) -> bool:
    return item.first_week <= week_index <= item.last_week and WEEKDAYS[day.weekday()] in item.days


def _reshaped(
    session: PlannedSession, items: list[Prescription], catalogue: Catalogue
) -> PlannedSession:
    kind, title = session.kind, session.title
    if kind is SessionKind.REST and items:
        strong = any(catalogue.get(p.exercise_id).category in STRENGTH_WORK for p in items)
        kind = SessionKind.STRENGTH if strong else SessionKind.MOBILITY
        title = "Your clinician's session"
    elif kind in (SessionKind.MOBILITY, SessionKind.STRENGTH) and not items:
        kind, title = SessionKind.REST, "Rest day"
    seconds = session_seconds(kind, items, catalogue.exercises)
    return replace(
        session, kind=kind, title=title, prescriptions=tuple(items), estimated_seconds=seconds
    )


def items_in(plan: Plan, from_day: date, *, clinician_only: bool = False) -> list[BuildItem]:
    """The plan from ``from_day`` on, read back as one item per exercise (first-seen order)."""
    found: dict[str, tuple[Prescription, set[str], list[int]]] = {}
    for week in plan.weeks:
        for session in week.sessions:
            if session.date < from_day:
                continue
            for p in session.prescriptions:
                if clinician_only and not p.by_clinician:
                    continue
                _, days, weeks = found.setdefault(p.exercise_id, (p, set(), []))
                days.add(WEEKDAYS[session.date.weekday()])
                weeks.append(week.index)
    return [
        BuildItem(
            exercise_id=eid,
            sets=p.dose.sets,
            reps=p.dose.reps,
            hold_seconds=None if p.dose.reps is not None else p.dose.hold_seconds,
            sides=p.sides.value,
            days=tuple(d for d in WEEKDAYS if d in days),
            first_week=min(weeks),
            last_week=max(weeks),
            note=p.note,
        )
        for eid, (p, days, weeks) in found.items()
    ]


def carry_over(old: Plan, new: Plan, catalogue: Catalogue, from_day: date) -> tuple[Plan, int]:
    """``new`` with the clinician's prescriptions and removals from ``old`` kept; the count of
    exercises kept. Prescriptions keep their days and run for every week of the new plan."""
    items = [
        replace(item, first_week=1, last_week=len(new.weeks))
        for item in items_in(old, from_day, clinician_only=True)
        if item.exercise_id in catalogue
    ]
    kept = apply_items(new, items, catalogue, from_day, removed=old.clinician_removed)
    return replace(kept, clinician_removed=old.clinician_removed), len(items)


def days_text(days: Sequence[str]) -> str:
    if tuple(days) == WEEKDAYS:
        return "every day"
    return ", ".join(DAY_NAMES[d] for d in WEEKDAYS if d in days)


def long_days(plan: Plan, minutes: int, from_day: date) -> dict[str, int]:
    """Weekday -> the longest session in seconds, for weekdays whose session from ``from_day``
    on runs past the client's minutes a day (in weekday order)."""
    limit = minutes * 60
    found: dict[str, int] = {}
    for session in plan.sessions():
        if session.date >= from_day and session.estimated_seconds > limit:
            day = WEEKDAYS[session.date.weekday()]
            found[day] = max(found.get(day, 0), session.estimated_seconds)
    return {d: found[d] for d in WEEKDAYS if d in found}


def over_budget_text(days: dict[str, int], minutes: int) -> str:
    """One sentence for the long days: "Sessions on Mon, Wed and Fri take up to 39 minutes;
    the client has 12 minutes a day." (days of equal length named together). Minutes round up,
    so a session a few seconds past 12 minutes reads "up to 13", never "up to 12" of 12."""
    by_length: dict[int, list[str]] = {}
    for day in WEEKDAYS:
        if day in days:
            by_length.setdefault(math.ceil(days[day] / 60), []).append(DAY_NAMES[day])
    parts = [
        f"on {_listed(names)} {'take ' if n == 0 else ''}up to {length} minutes"
        for n, (length, names) in enumerate(sorted(by_length.items(), reverse=True))
    ]
    return f"Sessions {', '.join(parts)}; the client has {minutes} minutes a day."


def _listed(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
