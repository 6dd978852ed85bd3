"""Saving what people do and measure: session logs and measurements, checked before writing.

Each function is one transaction: the checks of ``psoas.domain.records.validation`` run inside it, and
on any problem nothing is written. One problem raises InvalidValue naming the field; several
raise InvalidInput listing each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from psoas.domain.clinic.alerts import stamp_log
from psoas.domain.errors import InvalidValue, NotFound
from psoas.domain.planning.plans import Plan
from psoas.domain.records.measurements import Measurement, MeasurementKind
from psoas.domain.records.session_logs import SessionLog
from psoas.domain.records.validation import validate_measurement, validate_session_log
from psoas.ports import UnitOfWork
from psoas.services.context import Context
from psoas.services.plan_changes import note_swaps


def log_session(ctx: Context, person_id: str, log: SessionLog) -> SessionLog:
    """Check and store a new session log of ``person_id``; returns it."""
    _check_owner(person_id, log.person_id)
    with ctx.uow() as uow:
        uow.people.get(person_id)
        _check_log(ctx, uow, person_id, log)
        log = stamp_log(log, None, ctx.clock.now())
        uow.logs.add(log)
        note_swaps(uow, ctx, log, None)
    return log


def update_session_log(ctx: Context, person_id: str, log: SessionLog) -> SessionLog:
    """Check and replace a stored log (e.g. to add next-morning pain); raises NotFound."""
    _check_owner(person_id, log.person_id)
    with ctx.uow() as uow:
        before = uow.logs.get(person_id, log.id)
        _check_log(ctx, uow, person_id, log)
        log = stamp_log(log, before, ctx.clock.now())
        uow.logs.update(log)
        note_swaps(uow, ctx, log, before)
    return log


def session_logs(
    ctx: Context, person_id: str, since: date | None = None, until: date | None = None
) -> Sequence[SessionLog]:
    with ctx.uow() as uow:
        uow.people.get(person_id)
        return uow.logs.list(person_id, since, until)


def add_measurement(ctx: Context, person_id: str, measurement: Measurement) -> Measurement:
    """Check and store a measurement of ``person_id``; returns it."""
    _check_owner(person_id, measurement.person_id)
    now = ctx.clock.now()
    validate_measurement(measurement, now=now)
    measurement = replace(measurement, recorded_at=now)
    with ctx.uow() as uow:
        uow.people.get(person_id)
        uow.measurements.add(measurement)
    return measurement


def measurements(
    ctx: Context, person_id: str, kind: MeasurementKind | None = None, since: date | None = None
) -> Sequence[Measurement]:
    with ctx.uow() as uow:
        uow.people.get(person_id)
        return uow.measurements.list(person_id, kind, since)


def delete_measurement(ctx: Context, person_id: str, measurement_id: str) -> None:
    with ctx.uow() as uow:
        uow.measurements.delete(person_id, measurement_id)


def _check_owner(person_id: str, record_person_id: str) -> None:
    if record_person_id != person_id:
        raise InvalidValue("person_id", "the record belongs to a different person")


def _check_log(ctx: Context, uow: UnitOfWork, person_id: str, log: SessionLog) -> None:
    validate_session_log(
        log,
        now=ctx.clock.now(),
        known_exercises=ctx.catalogue.exercises,
        plan=_plan_of(uow, person_id, log),
    )


def _plan_of(uow: UnitOfWork, person_id: str, log: SessionLog) -> Plan | None:
    """The plan the log names, else the person's latest plan; a foreign plan id is an error."""
    if log.plan_id is None:
        return uow.plans.latest(person_id) if log.session_id is not None else None
    try:
        return uow.plans.get(person_id, log.plan_id)
    except NotFound:
        raise InvalidValue(
            "plan_id", f"'{log.plan_id}' is not one of this person's plans"
        ) from None
