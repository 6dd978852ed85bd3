"""One function per download: domain values in, bytes with a file name and media type out.

The CLI (``psoas export ...``) and the web download routes both call these, so a file made in
either place is the same. Everything is passed in (the current time too), nothing is read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from psoas.domain.catalogue.exercises import Exercise
from psoas.domain.errors import InvalidValue
from psoas.domain.habits.breaks import BreakSettings
from psoas.domain.planning.plans import Plan, PlanReview
from psoas.domain.progress.summary import ProgressSummary
from psoas.domain.records.measurements import Measurement
from psoas.domain.records.people import Person
from psoas.domain.records.session_logs import SessionLog
from psoas.domain.screening.assessment import Assessment
from psoas.domain.screening.questions import Questionnaire
from psoas.export import csv as csv_export
from psoas.export import fhir, ical
from psoas.export.pdf import plan_handout_pdf
from psoas.export.pdf_report import progress_report_pdf

PDF = "application/pdf"
CALENDAR = "text/calendar; charset=utf-8"
FHIR_JSON = "application/fhir+json; charset=utf-8"
CSV = "text/csv; charset=utf-8"
_PLACEHOLDER_NAMES = {"", "me"}  # personal mode's default person is called "Me"


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    filename: str
    media_type: str


def person_label(person: Person) -> str:
    """The name to print on a handout; empty for personal mode's unnamed default person."""
    name = person.display_name.strip()
    return "" if name.lower() in _PLACEHOLDER_NAMES else name


def plan_pdf(
    person: Person,
    plan: Plan,
    exercises: Mapping[str, Exercise],
    *,
    page_size: str = "A4",
    clinic_name: str | None = None,
) -> ExportFile:
    data = plan_handout_pdf(
        person_label(person), plan, exercises, page_size=page_size, clinic_name=clinic_name
    )
    return ExportFile(data, f"psoas-plan-{plan.start.isoformat()}.pdf", PDF)


def report_pdf(
    person: Person,
    summary: ProgressSummary,
    assessment: Assessment | None,
    measurements: Sequence[Measurement],
    reviews: Sequence[PlanReview],
    exercises: Mapping[str, Exercise],
    *,
    page_size: str = "A4",
    clinic_name: str | None = None,
    logs: Sequence[SessionLog] = (),
) -> ExportFile:
    data = progress_report_pdf(
        person_label(person),
        summary,
        assessment,
        measurements,
        reviews,
        exercises=exercises,
        page_size=page_size,
        clinic_name=clinic_name,
        logs=logs,
    )
    return ExportFile(data, f"psoas-progress-{summary.today.isoformat()}.pdf", PDF)


def plan_ics(
    person: Person,
    plan: Plan,
    exercises: Mapping[str, Exercise],
    *,
    dtstamp: datetime,
    revision: int = 0,
    last_modified: datetime | None = None,
    replaced: Sequence[tuple[Plan, int]] = (),
) -> ExportFile:
    """The plan's calendar; ``replaced`` (earlier plans, last revision) are cancelled from today."""
    data = ical.plan_to_ics(
        plan,
        exercises,
        tz=person.timezone,
        dtstamp=dtstamp,
        revision=revision,
        last_modified=last_modified,
        replaced=[ical.ReplacedPlan(old, rev) for old, rev in replaced],
    )
    return ExportFile(data, "psoas-plan.ics", CALENDAR)


def breaks_ics(
    person: Person, settings: BreakSettings, *, start: date, dtstamp: datetime
) -> ExportFile:
    data = ical.breaks_calendar(
        settings, start=start, tz=person.timezone, dtstamp=dtstamp, calendar_id=person.id
    )
    return ExportFile(data, "psoas-breaks.ics", CALENDAR)


def fhir_bundle(
    person: Person,
    plan: Plan | None,
    measurements: Sequence[Measurement],
    logs: Sequence[SessionLog],
    exercises: Mapping[str, Exercise],
    *,
    include_name: bool = False,
    timestamp: datetime | None = None,
    assessment: Assessment | None = None,
    questionnaire: Questionnaire | None = None,
    bundle_type: str = "collection",
) -> ExportFile:
    """The FHIR Bundle; ``bundle_type`` is checked here so callers get a named error."""
    if bundle_type not in fhir.BUNDLE_TYPES:
        raise InvalidValue("type", f"'{bundle_type}' is not collection or transaction")
    data = fhir.bundle(
        person,
        plan,
        measurements,
        logs,
        exercises=exercises,
        include_name=include_name,
        timestamp=timestamp,
        assessment=assessment,
        questionnaire=questionnaire,
        bundle_type=bundle_type,
    )
    name = (
        "psoas-fhir-transaction.json" if bundle_type == "transaction" else "psoas-fhir-bundle.json"
    )
    return ExportFile(data, name, FHIR_JSON)


def logs_csv(
    logs: Sequence[SessionLog],
    exercises: Mapping[str, Exercise],
    *,
    bom: bool = False,
    zone: str = "UTC",
) -> ExportFile:
    data = csv_export.session_logs_csv(logs, exercises, bom=bom, zone=zone)
    return ExportFile(data, "psoas-sessions.csv", CSV)


def measurements_csv(
    measurements: Sequence[Measurement], *, bom: bool = False, zone: str = "UTC"
) -> ExportFile:
    data = csv_export.measurements_csv(measurements, bom=bom, zone=zone)
    return ExportFile(data, "psoas-measurements.csv", CSV)
