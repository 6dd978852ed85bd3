"""Making a personal plan from an assessment: pure, deterministic, every choice explained.

``make_plan`` turns an assessment result, the person's preferences, a start date and the
catalogue into weeks -> days -> sessions -> prescriptions. Same inputs, same plan: there is no
randomness and no clock, and the ids are derived from the inputs.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, datetime, timedelta

from psoas.domain.catalogue.exercises import Catalogue
from psoas.domain.errors import InvalidValue, ReferralRequired
from psoas.domain.planning.calendar import (
    choose_strength_days,
    day_kind,
    retest_day,
    retest_weeks,
    weekly_rest_day,
)
from psoas.domain.planning.durations import session_seconds
from psoas.domain.planning.phases import (
    PHASES,
    RETEST_MOBILITY,
    phase_for_week,
)
from psoas.domain.planning.picking import Picker
from psoas.domain.planning.plans import (
    Plan,
    PlannedSession,
    PlanWeek,
    Prescription,
    SessionKind,
)
from psoas.domain.planning.retest import retest_reason
from psoas.domain.planning.selection import Role
from psoas.domain.records.people import WEEKDAYS, Preferences
from psoas.domain.screening.assessment import AssessmentResult, Triage

PLANNER_VERSION = "planner-1"

REFERRAL_MESSAGES = {
    Triage.URGENT_REFERRAL: (
        "Your answers include a sign that needs a clinician today, so psoas will not make an "
        "exercise plan. Please contact a doctor or urgent care now."
    ),
    Triage.SEE_CLINICIAN: (
        "Your answers suggest seeing a doctor or physiotherapist before starting exercises. "
        "Once a clinician has cleared you, record that and psoas will make your plan."
    ),
}


def _session(
    day: date,
    week: int,
    kind: SessionKind,
    prescriptions: tuple[Prescription, ...],
    title: str,
    reason: str,
    minutes: int,
    catalogue: Catalogue,
) -> PlannedSession:
    seconds = session_seconds(kind, prescriptions, catalogue.exercises)
    low = round(minutes * 60 * 0.9)
    if kind != SessionKind.REST and seconds < low:
        reason += (
            f" It is shorter than your {minutes} minutes because few catalogue exercises suit "
            "your equipment, level and cautions."
        )
    return PlannedSession(
        f"w{week}-{day.isoformat()}", day, kind, prescriptions, seconds, title, reason
    )


def _check_allowed(result: AssessmentResult, clinician_cleared: bool) -> None:
    if result.triage.allows_plan:
        return
    if clinician_cleared:  # recorded after the person was seen (see Assessment.allows_plan)
        return
    raise ReferralRequired(
        REFERRAL_MESSAGES.get(result.triage, REFERRAL_MESSAGES[Triage.SEE_CLINICIAN])
    )


def derive_plan_id(
    person_id: str, assessment_id: str, start: date, prefs: Preferences, weeks: int
) -> str:
    text = f"{person_id}|{assessment_id}|{start.isoformat()}|{weeks}|{prefs!r}"
    return "plan-" + hashlib.sha256(text.encode()).hexdigest()[:12]


def make_plan(
    assessment_result: AssessmentResult,
    preferences: Preferences,
    start: date,
    catalogue: Catalogue,
    *,
    weeks: int = 6,
    plan_id: str | None = None,
    person_id: str,
    assessment_id: str,
    created_at: datetime,
    clinician_cleared: bool = False,
) -> Plan:
    """A ``weeks``-week plan; raises ReferralRequired when the triage does not allow one."""
    _check_allowed(assessment_result, clinician_cleared)
    preferences.validate()
    if not 1 <= weeks <= 26:
        raise InvalidValue("weeks", "must be between 1 and 26")
    picker = Picker(assessment_result, preferences, catalogue)
    preferred = {WEEKDAYS.index(d) for d in preferences.preferred_days}
    strength_days = choose_strength_days(
        tuple(sorted(preferred)), preferences.strength_days_per_week
    )
    rest_day = weekly_rest_day(preferred, strength_days)
    plan_weeks = tuple(
        _week(
            w,
            start + timedelta(days=7 * (w - 1)),
            weeks,
            picker,
            preferred,
            strength_days,
            rest_day,
        )
        for w in range(1, weeks + 1)
    )
    return Plan(
        id=plan_id or derive_plan_id(person_id, assessment_id, start, preferences, weeks),
        person_id=person_id,
        assessment_id=assessment_id,
        created_at=created_at,
        start=start,
        preferences=preferences,
        weeks=plan_weeks,
        version=PLANNER_VERSION,
        summary=_summary(assessment_result, preferences, strength_days, picker),
    )


def _week(
    index: int,
    first: date,
    weeks: int,
    picker: Picker,
    preferred: set[int],
    strength_days: tuple[int, ...],
    rest_day: int | None,
) -> PlanWeek:
    profile = picker.result.profile
    phase = phase_for_week(profile, index, weeks)
    days = [first + timedelta(days=i) for i in range(7)]
    kinds = [day_kind(d.weekday(), preferred, strength_days, rest_day, phase) for d in days]
    retest = (
        retest_day([(d, k) for d, (k, _) in zip(days, kinds, strict=True)], last=index == weeks)
        if index in retest_weeks(weeks)
        else None
    )
    minutes = picker.prefs.minutes_per_day
    sessions = []
    for turn, (day, (kind, reason)) in enumerate(zip(days, kinds, strict=True)):
        turn += 7 * (index - 1)
        if day == retest:
            kind, reason = SessionKind.RETEST, retest_reason(picker.self_test)
            roles, title = RETEST_MOBILITY, _retest_title(picker.self_test.allowed)
        elif kind == SessionKind.STRENGTH:
            roles, title = phase.strength, f"Strength: {phase.name.lower()}"
        elif kind == SessionKind.MOBILITY:
            roles, title = phase.mobility, f"Mobility: {phase.name.lower()}"
        else:
            sessions.append(
                _session(day, index, kind, (), "Rest", reason, minutes, picker.catalogue)
            )
            continue
        items = picker.items(roles, turn, phase.gentle_strength)
        prescriptions = picker.fit(kind, items, minutes)
        session = _session(
            day, index, kind, prescriptions, title, reason, minutes, picker.catalogue
        )
        if kind == SessionKind.RETEST and picker.self_test.allowed:
            session = replace(session, self_test=True)
        sessions.append(session)
    return PlanWeek(index=index, phase=phase.name, focus=phase.focus, sessions=tuple(sessions))


def _retest_title(self_test: bool) -> str:
    return "Re-test and light mobility" if self_test else "Light mobility (no self-test for you)"


def _summary(
    result: AssessmentResult, prefs: Preferences, strength_days: tuple[int, ...], picker: Picker
) -> str:
    phases = " -> ".join(p.name for p in PHASES[result.profile])
    parts = [f"Profile: {result.profile.value.replace('_', ' ')}. Phases: {phases}."]
    names = ", ".join(WEEKDAYS[d] for d in strength_days)
    if strength_days:
        parts.append(f"Strength days: {names} (never two days in a row).")
    if len(strength_days) < prefs.strength_days_per_week:
        parts.append(
            f"You asked for {prefs.strength_days_per_week} strength days; your exercise days "
            f"allow {len(strength_days)} without two in a row."
        )
    if prefs.strength_days_per_week == 0 and result.profile.value != "tight":
        parts.append("You chose no strength days; your self-test suggests two a week would help.")
    if picker.tighter is not None:
        parts.append(f"The {picker.tighter} side tested tighter and gets an extra stretching set.")
    if result.cautions:
        parts.append(
            "Exercises are chosen or changed for: "
            + ", ".join(sorted(c.value.replace("_", " ") for c in result.cautions))
            + "."
        )
    if not picker.options(Role.STRETCH, False) and not picker.options(Role.BREATHING, False):
        parts.append(
            "Few exercises suit your equipment, level and cautions; sessions may be short."
        )
    return " ".join(parts)
