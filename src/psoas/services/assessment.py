"""Assessment use cases: the questions, running a screening, the latest result, clearance.

``run_assessment`` checks every answer first and saves nothing on a problem; otherwise it
stores the assessment, the baseline measurements (pain, PSFS, self-test and hip angle per
side, sitting hours) and the preferences from the answers in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime, time
from typing import Any

from psoas.domain.catalogue.exercises import Equipment, Level
from psoas.domain.errors import InvalidValue, PsoasError
from psoas.domain.records.measurements import UNITS as MEASUREMENT_UNITS
from psoas.domain.records.measurements import Measurement, MeasurementKind, Method
from psoas.domain.records.people import WEEKDAYS, Preferences
from psoas.domain.records.validation import validate_measurement
from psoas.domain.screening.assessment import Assessment, Finding, SideResult, ThighPosition, Triage
from psoas.domain.screening.engine import screen, urgent_findings
from psoas.domain.screening.questions import Questionnaire
from psoas.domain.screening.rules import RuleSet
from psoas.services.context import Context
from psoas.services.ids import new_id

PSFS_SLOTS = (1, 2, 3)
THIGH_VALUE = {ThighPosition.BELOW: -1, ThighPosition.LEVEL: 0, ThighPosition.ABOVE: 1}


class ScreeningNotLoaded(PsoasError):
    """The context was built without the screening questions and rules."""


def questions(ctx: Context) -> Questionnaire:
    """The screening questionnaire (questions, conditions and the self-test guide)."""
    return _screening(ctx)[0]


def _screening(ctx: Context) -> tuple[Questionnaire, RuleSet]:
    if ctx.questionnaire is None or ctx.rules is None:
        raise ScreeningNotLoaded(
            "The screening questions and rules were not loaded (see bootstrap)."
        )
    return ctx.questionnaire, ctx.rules


def run_assessment(ctx: Context, person_id: str, answers: Mapping[str, Any]) -> Assessment:
    """Screen ``answers`` for the person and save the result; InvalidInput names each problem.

    An urgent referral is saved even when later questions were left unanswered.
    """
    questionnaire, rules = _screening(ctx)
    today = ctx.clock.today()
    clean, result = screen(answers, questionnaire, rules, today)
    now = ctx.clock.now()
    assessment = Assessment(
        id=new_id(),
        person_id=person_id,
        taken_at=now,
        answers=clean,
        result=result,
    )
    measurements = baseline_measurements(person_id, clean, assessment.result.sides, now)
    for m in measurements:
        validate_measurement(m, now=now)
    with ctx.uow() as uow:
        uow.people.get(person_id)
        uow.assessments.add(assessment)
        for m in measurements:
            uow.measurements.add(m)
        preferences = preferences_from_answers(
            clean, uow.preferences.get(person_id) or Preferences()
        )
        preferences.validate()
        uow.preferences.set(person_id, preferences)
    return assessment


def urgent_signs(ctx: Context, answers: Mapping[str, Any]) -> list[Finding]:
    """The urgent warning signs that canonical answers given so far already show."""
    return urgent_findings(answers, _screening(ctx)[1], ctx.clock.today())


def latest_assessment(ctx: Context, person_id: str) -> Assessment | None:
    with ctx.uow() as uow:
        uow.people.get(person_id)
        return uow.assessments.latest(person_id)


def confirm_clinician_clearance(ctx: Context, person_id: str) -> Assessment:
    """Record that a clinician cleared the person after a ``see_clinician`` result.

    An urgent referral cannot be cleared here (a new assessment is needed after care); a
    result that already allows a plan needs no clearance and is returned unchanged.
    """
    with ctx.uow() as uow:
        uow.people.get(person_id)
        latest = uow.assessments.latest(person_id)
        if latest is None:
            raise InvalidValue("assessment", "there is no assessment yet; run `psoas assess` first")
        if latest.result.triage == Triage.URGENT_REFERRAL:
            raise InvalidValue(
                "triage",
                "an urgent referral cannot be cleared here; once you have been seen, assess again",
            )
        if latest.result.triage != Triage.SEE_CLINICIAN or latest.clinician_cleared_at is not None:
            return latest
        cleared = replace(latest, clinician_cleared_at=ctx.clock.now())
        uow.assessments.update(cleared)
        return cleared


def baseline_measurements(
    person_id: str, answers: Mapping[str, Any], sides: tuple[SideResult, ...], taken_at: datetime
) -> list[Measurement]:
    """The measurements an assessment starts the record with, in a fixed order."""

    def make(
        kind: MeasurementKind, value: float, unit: str, method: Method, **extra: Any
    ) -> Measurement:
        return Measurement(
            id=new_id(),
            person_id=person_id,
            kind=kind,
            value=float(value),
            unit=unit,
            method=method,
            taken_at=taken_at,
            **extra,
        )

    found: list[Measurement] = []
    if "pain_now" in answers:
        pain_unit = MEASUREMENT_UNITS[MeasurementKind.PAIN]  # the same as the log form's
        found.append(make(MeasurementKind.PAIN, answers["pain_now"], pain_unit, Method.SELF_REPORT))
    for slot in PSFS_SLOTS:
        activity, score = answers.get(f"psfs_{slot}_activity"), answers.get(f"psfs_{slot}_score")
        if activity and score is not None:
            found.append(
                make(
                    MeasurementKind.PSFS,
                    score,
                    MEASUREMENT_UNITS[MeasurementKind.PSFS],
                    Method.SELF_REPORT,
                    label=activity,
                )
            )
    for s in sides:
        found.append(
            make(
                MeasurementKind.SELF_TEST,
                THIGH_VALUE[s.thigh],
                "category",
                Method.SELF_TEST,
                side=s.side,
                label="bench-edge hang test: -1 below, 0 level, 1 above the bench line",
            )
        )
        if s.hip_angle_deg is not None:
            found.append(
                make(
                    MeasurementKind.HIP_ANGLE,
                    s.hip_angle_deg,
                    "deg",
                    Method.SELF_TEST,
                    side=s.side,
                    label="bench-edge hang test, 0 = level, positive = above",
                )
            )
    if "sitting_hours" in answers:
        found.append(
            make(MeasurementKind.SITTING_HOURS, answers["sitting_hours"], "h", Method.SELF_REPORT)
        )
    return found


def preferences_from_answers(answers: Mapping[str, Any], current: Preferences) -> Preferences:
    """The person's preferences updated with what the assessment asked (others kept)."""
    changes: dict[str, Any] = {}
    if "minutes_per_day" in answers:
        changes["minutes_per_day"] = answers["minutes_per_day"]
    if "strength_days_per_week" in answers:
        changes["strength_days_per_week"] = answers["strength_days_per_week"]
    if "level" in answers:
        changes["level"] = Level(answers["level"])
    if "preferred_days" in answers:
        changes["preferred_days"] = tuple(d for d in WEEKDAYS if d in answers["preferred_days"])
    if "preferred_time" in answers:
        changes["preferred_time"] = time.fromisoformat(answers["preferred_time"])
    changes["equipment"] = frozenset(Equipment(e) for e in answers.get("equipment", []))
    return replace(current, **changes)
