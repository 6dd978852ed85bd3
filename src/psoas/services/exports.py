"""Gather what each export needs (services never make the bytes: ``psoas.export`` does).

Each function reads one person's records in one transaction and returns domain values; the
CLI and the web pass them to the matching ``psoas.export`` function.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from psoas.domain.catalogue.exercises import Exercise
from psoas.domain.errors import InvalidValue, NotFound
from psoas.domain.habits.breaks import BreakSettings
from psoas.domain.planning.plans import Plan, PlanReview
from psoas.domain.progress.summary import ProgressSummary
from psoas.domain.records.measurements import Measurement
from psoas.domain.records.people import WEEKDAYS, Person
from psoas.domain.records.session_logs import SessionLog
from psoas.domain.screening.assessment import Assessment
from psoas.domain.screening.questions import Questionnaire
from psoas.services.context import Context
from psoas.services.progress import progress_summary

NO_PLAN = (
    "No plan yet. Run `psoas assess` and then `psoas plan new` (or make one on the Plan page)."
)


@dataclass(frozen=True)
class PlanExport:
    """A plan with what the handout and calendar need around it."""

    person: Person
    plan: Plan
    exercises: Mapping[str, Exercise]
    revision: int  # how many weekly reviews changed the plan: the calendar's SEQUENCE
    last_modified: datetime  # the latest review, or the plan's creation
    replaced: tuple[tuple[Plan, int], ...] = ()  # earlier plans and their last revision


@dataclass(frozen=True)
class ReportExport:
    person: Person
    summary: ProgressSummary
    assessment: Assessment | None
    measurements: Sequence[Measurement]
    reviews: Sequence[PlanReview]
    exercises: Mapping[str, Exercise]
    logs: Sequence[SessionLog] = ()


@dataclass(frozen=True)
class RecordsExport:
    """Everything for FHIR and CSV: the latest plan (if any), logs and measurements."""

    person: Person
    plan: Plan | None
    logs: Sequence[SessionLog]
    measurements: Sequence[Measurement]
    exercises: Mapping[str, Exercise]
    assessment: Assessment | None = None
    questionnaire: Questionnaire | None = None


def _applied(reviews: Sequence[PlanReview]) -> list[PlanReview]:
    """Reviews whose changes are in the plan: one waiting for the clinician's approval is not
    (its person must not see its changes before then, in a handout or a calendar either)."""
    return [r for r in reviews if not r.awaiting_approval]


def plan_export(ctx: Context, person_id: str) -> PlanExport:
    """The person's latest plan; NotFound with the next step when there is none."""
    with ctx.uow() as uow:
        person = uow.people.get(person_id)
        plan = uow.plans.latest(person_id)
        if plan is None:
            raise NotFound(NO_PLAN)
        reviews = _applied(uow.reviews.list(person_id, plan.id))
        replaced = tuple(
            (old, len(_applied(uow.reviews.list(person_id, old.id))))
            for old in uow.plans.list(person_id)
            if old.id != plan.id
        )
    modified = max((r.created_at for r in reviews), default=plan.created_at)
    return PlanExport(person, plan, ctx.catalogue.exercises, len(reviews), modified, replaced)


def report_export(ctx: Context, person_id: str, today: date) -> ReportExport:
    """The progress summary up to ``today`` with the records the clinician's report lists."""
    summary = progress_summary(ctx, person_id, today)
    with ctx.uow() as uow:
        person = uow.people.get(person_id)
        assessment = uow.assessments.latest(person_id)
        measurements = uow.measurements.list(person_id)
        reviews = _applied(uow.reviews.list(person_id))
        logs = uow.logs.list(person_id, until=today)
    return ReportExport(
        person, summary, assessment, measurements, reviews, ctx.catalogue.exercises, logs
    )


def records_export(ctx: Context, person_id: str) -> RecordsExport:
    with ctx.uow() as uow:
        person = uow.people.get(person_id)
        plan = uow.plans.latest(person_id)
        logs = uow.logs.list(person_id)
        measurements = uow.measurements.list(person_id)
        assessment = uow.assessments.latest(person_id)
    return RecordsExport(
        person, plan, logs, measurements, ctx.catalogue.exercises, assessment, ctx.questionnaire
    )


@dataclass(frozen=True)
class BreaksExport:
    person: Person
    settings: BreakSettings


BREAK_FIELDS = {"days": "days", "work_start": "work_start", "work_end": "work_end"}


def breaks_export(
    ctx: Context,
    person_id: str,
    *,
    days: str | None = None,
    work_start: str | None = None,
    work_end: str | None = None,
    interval: int | None = None,
    labels: Mapping[str, str] = BREAK_FIELDS,
) -> BreaksExport:
    """The person's saved reminder settings with any raw value given overriding its own.

    ``labels`` names the fields in errors the way the caller shows them (``--work-start``).
    """
    overrides: dict[str, object] = {"enabled": True}
    if days is not None:
        chosen = tuple(d.strip().lower()[:3] for d in days.split(",") if d.strip())
        if not chosen or any(d not in WEEKDAYS for d in chosen):
            raise InvalidValue(
                labels["days"], f"use a comma-separated list of {', '.join(WEEKDAYS)}"
            )
        overrides["working_days"] = chosen
    for field, raw in (("work_start", work_start), ("work_end", work_end)):
        if raw is not None:
            overrides[field] = _clock_time(raw, labels[field])
    if interval is not None:
        overrides["interval_minutes"] = interval
    with ctx.uow() as uow:
        person = uow.people.get(person_id)
        saved = uow.reminders.get(person_id) or BreakSettings()
    settings = replace(saved, **overrides)  # type: ignore[arg-type]
    settings.validate()
    return BreaksExport(person, settings)


def _clock_time(value: str, label: str) -> time:
    try:
        return time.fromisoformat(value)
    except ValueError:
        raise InvalidValue(
            label, f"'{value}' is not a time; use HH:MM, for example 09:00"
        ) from None
