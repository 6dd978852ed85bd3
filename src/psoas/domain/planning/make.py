"""Making a personal plan from an assessment: pure, deterministic, every choice explained.

``make_plan`` turns an assessment result, the person's preferences, a start date and the
catalogue into weeks -> days -> sessions -> prescriptions. Same inputs, same plan: there is no
randomness and no clock, and the ids are derived from the inputs.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, datetime, timedelta

from psoas.domain.catalogue.exercises import Catalogue, Muscle
from psoas.domain.errors import InvalidValue, ReferralRequired
from psoas.domain.planning.calendar import (
    choose_strength_days,
    day_kind,
    retest_day,
    retest_weeks,
    tighter_side,
    weekly_rest_day,
)
from psoas.domain.planning.durations import session_seconds
from psoas.domain.planning.fitting import Item, fit_session
from psoas.domain.planning.phases import (
    PHASES,
    RETEST_MOBILITY,
    ROLE_REASON,
    phase_for_week,
)
from psoas.domain.planning.plans import (
    Plan,
    PlannedSession,
    PlanWeek,
    Prescription,
    SessionKind,
    SideHandling,
)
from psoas.domain.planning.retest import retest_reason, self_test_verdict
from psoas.domain.planning.selection import Choice, Role, candidates, rotate, warm_up_first
from psoas.domain.records.measurements import Side
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


def _side_handling(choice: Choice, role: Role, tighter: Side | None) -> tuple[SideHandling, str]:
    if not choice.exercise.unilateral:
        return SideHandling.BOTH, ""
    lengthens_hip_flexors = any(m in _HIP_FLEXORS for m in choice.exercise.muscles)
    if role == Role.STRETCH and tighter is not None and lengthens_hip_flexors:
        extra = (
            SideHandling.LEFT_FIRST_EXTRA
            if tighter == Side.LEFT
            else SideHandling.RIGHT_FIRST_EXTRA
        )
        return (
            extra,
            f" Your self-test showed the {tighter} side tighter, so it gets one extra set.",
        )
    return SideHandling.EACH, ""


def _item(choice: Choice, role: Role, core: bool, tighter: Side | None) -> Item:
    e = choice.exercise
    sides, side_reason = _side_handling(choice, role, tighter)
    reason = ROLE_REASON[role] + side_reason
    if choice.replaces:
        reason += f" It replaces {choice.replaces}, which a caution you reported rules out."
    if choice.modification:
        reason += " Done with a change because of a caution you reported."
    dose = replace(e.dose, per_side=e.unilateral)
    prescription = Prescription(
        exercise_id=e.id,
        dose=dose,
        sides=sides,
        reason=reason,
        modification=choice.modification,
        slot=f"{role}:{e.id}",
        core=core,
    )
    return Item(prescription, e.dose_range, core, start_usual=core and role not in _WARM_UPS)


class _Picker:
    """Builds each session's priority list: core picks first, rotated variety after."""

    def __init__(self, result: AssessmentResult, prefs: Preferences, catalogue: Catalogue) -> None:
        self.result, self.prefs, self.catalogue = result, prefs, catalogue
        self.tighter = tighter_side(result.sides, result.asymmetry)
        self._cache: dict[tuple[Role, bool], tuple[Choice, ...]] = {}
        self.self_test = self_test_verdict(catalogue, result.cautions)
        self._fitted: dict[tuple[SessionKind, tuple[int, ...], int], tuple[Prescription, ...]] = {}
        self._items: dict[tuple[int, Role, bool], Item] = {}

    def item(self, choice: Choice, role: Role, core: bool) -> Item:
        """``_item``, remembered per choice (the choices live in ``_cache`` for the plan)."""
        key = (id(choice), role, core)
        found = self._items.get(key)
        if found is None:
            found = self._items[key] = _item(choice, role, core, self.tighter)
        return found

    def fit(self, kind: SessionKind, items: list[Item], minutes: int) -> tuple[Prescription, ...]:
        """``fit_session``, remembered: many days of a plan share the same items.

        Fitting follows priority (core work first, so it survives a short session); the
        session is then done warm-up first (exercises tagged ``warm-up``), whatever their
        priority was.
        """
        # by identity: the items come from ``item`` (one object per choice), so equal lists are
        # the same objects, and hashing them field by field cost more than fitting
        key = (kind, tuple(map(id, items)), minutes)
        if key not in self._fitted:
            fitted = fit_session(kind, items, minutes)
            self._fitted[key] = warm_up_first(fitted, self.catalogue)
        return self._fitted[key]

    def options(self, role: Role, gentle: bool) -> tuple[Choice, ...]:
        key = (role, gentle)
        if key not in self._cache:
            self._cache[key] = candidates(
                role, self.catalogue, self.result.cautions, self.prefs, gentle=gentle
            )
        return self._cache[key]

    def items(self, roles: tuple[tuple[Role, bool], ...], turn: int, gentle: bool) -> list[Item]:
        picked: list[Item] = []
        core_roles = [(role, True) for role, core in roles if core]
        varied = [(role, False) for role, core in roles if not core]
        varied = varied[turn % len(varied) :] + varied[: turn % len(varied)] if varied else []
        for role, core in core_roles + varied:
            options = self.options(role, gentle and role in _STRENGTH_ROLES)
            if not options:
                continue
            choice = options[0] if core or len(options) == 1 else rotate(options[1:], turn)[0]
            picked.append(self.item(choice, role, core))
        for role, _core in roles:  # fillers for long sessions, rotated for variety
            options = self.options(role, gentle and role in _STRENGTH_ROLES)
            picked.extend(self.item(c, role, False) for c in rotate(options, turn))
        return picked


_STRENGTH_ROLES = {Role.STABILITY, Role.HIP_FLEXOR_STRENGTH, Role.GLUTE_STRENGTH}
_WARM_UPS = {Role.BREATHING, Role.RELEASE, Role.MOBILITY}
_HIP_FLEXORS = {Muscle.ILIOPSOAS, Muscle.RECTUS_FEMORIS}


def _session(
    day: date,
    week: int,
    kind: SessionKind,
    prescriptions: tuple[Prescription, ...],
    title: str,
    reason: str,
    minutes: int,
) -> PlannedSession:
    seconds = session_seconds(kind, prescriptions)
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
    picker = _Picker(assessment_result, preferences, catalogue)
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
    picker: _Picker,
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
            sessions.append(_session(day, index, kind, (), "Rest", reason, minutes))
            continue
        items = picker.items(roles, turn, phase.gentle_strength)
        prescriptions = picker.fit(kind, items, minutes)
        session = _session(day, index, kind, prescriptions, title, reason, minutes)
        if kind == SessionKind.RETEST and picker.self_test.allowed:
            session = replace(session, self_test=True)
        sessions.append(session)
    return PlanWeek(index=index, phase=phase.name, focus=phase.focus, sessions=tuple(sessions))


def _retest_title(self_test: bool) -> str:
    return "Re-test and light mobility" if self_test else "Light mobility (no self-test for you)"


def _summary(
    result: AssessmentResult, prefs: Preferences, strength_days: tuple[int, ...], picker: _Picker
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
