"""The clinician's own records for a client: in-clinic measurements (method "clinician"), the
follow-up of a red flag (referred, seen, cleared; cleared lets a plan start without the client
redoing the assessment), and short visit notes. Each is one transaction with an audit entry."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time

from psoas.domain.clinic.accounts import AuditAction, User
from psoas.domain.errors import InvalidValue
from psoas.domain.records.clinical import ClinicalNote, NoteKind, RedFlagStatus
from psoas.domain.records.measurements import Measurement, MeasurementKind, Method, Side
from psoas.domain.records.validation import validate_measurement
from psoas.services.clinic.accounts import record
from psoas.services.clinic.clients import open_record
from psoas.services.context import Context
from psoas.services.ids import new_id
from psoas.services.manual_entry import UNITS

MAX_NOTE = 1000
IN_CLINIC = {
    "hip_angle": MeasurementKind.HIP_ANGLE,
    "pain": MeasurementKind.PAIN,
    "psfs": MeasurementKind.PSFS,
}


def _day(on: date | None, today: date) -> date:
    day = on or today
    if day > today:
        raise InvalidValue("on", "The day cannot be in the future.")
    return day


def _moment(ctx: Context, day: date) -> datetime:
    now = ctx.clock.now()
    return now if day == now.date() else datetime.combine(day, time(12, 0), tzinfo=UTC)


def record_measurement(
    ctx: Context,
    clinician: User,
    person_id: str,
    *,
    kind: str,
    value: float,
    side: str = "",
    label: str = "",
    on: date | None = None,
) -> Measurement:
    """A measurement taken in the clinic: hip angle by goniometer (per side), pain or PSFS."""
    open_record(ctx, clinician, person_id, "in-clinic measurement", change=True)
    if kind not in IN_CLINIC:
        raise InvalidValue("kind", "Choose hip angle, pain or a PSFS activity.")
    found = IN_CLINIC[kind]
    if side and side not in ("left", "right"):
        raise InvalidValue("side", "Choose left or right.")
    if found is MeasurementKind.PSFS and not label.strip():
        raise InvalidValue("label", "Name the activity the PSFS score is for.")
    measurement = Measurement(
        id=new_id(),
        person_id=person_id,
        kind=found,
        value=float(value),
        unit=UNITS[found],
        method=Method.CLINICIAN,
        taken_at=_moment(ctx, _day(on, ctx.clock.today())),
        side=Side(side) if side and found is MeasurementKind.HIP_ANGLE else None,
        label=(label.strip() or ("goniometer" if found is MeasurementKind.HIP_ANGLE else ""))[:200],
    )
    validate_measurement(measurement, now=ctx.clock.now())
    with ctx.uow() as uow:
        uow.measurements.add(measurement)
    return measurement


def record_red_flag(
    ctx: Context,
    clinician: User,
    person_id: str,
    status: str,
    *,
    on: date | None = None,
    note: str = "",
) -> ClinicalNote:
    """A step in a red flag's follow-up; "cleared" lifts the latest assessment's referral."""
    open_record(ctx, clinician, person_id, "red flag follow-up", change=True, detail=status[:16])
    if status not in {s.value for s in RedFlagStatus}:
        raise InvalidValue("status", "Choose referred, seen or cleared.")
    if len(note) > MAX_NOTE:
        raise InvalidValue("note", f"The note must be at most {MAX_NOTE} characters.")
    day = _day(on, ctx.clock.today())
    entry = ClinicalNote(
        new_id(),
        person_id,
        ctx.clock.now(),
        NoteKind.RED_FLAG,
        clinician.id,
        note.strip(),
        RedFlagStatus(status),
        day,
    )
    with ctx.uow() as uow:
        latest = uow.assessments.latest(person_id)
        if entry.status is RedFlagStatus.CLEARED:
            if latest is None or latest.result.triage.allows_plan:
                raise InvalidValue("status", "The latest assessment has no red flag to clear.")
            if latest.clinician_cleared_at is None:
                uow.assessments.update(replace(latest, clinician_cleared_at=ctx.clock.now()))
        uow.clinical_notes.add(entry)
        record(uow, ctx, clinician, AuditAction.CHANGED, "red flag", person_id, entry.sentence)
    return entry


def add_visit_note(ctx: Context, clinician: User, person_id: str, text: str) -> ClinicalNote:
    open_record(ctx, clinician, person_id, "visit note", change=True)
    body = text.strip()
    if not body:
        raise InvalidValue("text", "Write the note first.")
    if len(body) > MAX_NOTE:
        raise InvalidValue("text", f"The note must be at most {MAX_NOTE} characters.")
    note = ClinicalNote(
        new_id(),
        person_id,
        ctx.clock.now(),
        NoteKind.VISIT,
        clinician.id,
        body,
        None,
        ctx.clock.today(),
    )
    with ctx.uow() as uow:
        uow.clinical_notes.add(note)
    return note
