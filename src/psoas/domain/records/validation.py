"""Value rules for records people enter: session logs and measurements.

Pure functions: ``now`` and the known exercise ids come in as arguments. Each rule names the
field it checks, so the CLI and the web can point at what to fix. The ``*_problems`` functions
list every problem; ``validate_*`` raise InvalidValue for one problem and InvalidInput (whose
``problems`` are InvalidValues) for several.
"""

from __future__ import annotations

import math
from collections.abc import Container, Iterable
from datetime import date, datetime, timedelta

from psoas.domain.errors import InvalidInput, InvalidValue
from psoas.domain.planning.plans import Plan
from psoas.domain.records.measurements import Measurement, MeasurementKind
from psoas.domain.records.session_logs import SessionLog

FUTURE_ALLOWANCE = timedelta(days=1)  # clocks and time zones differ; more than this is an error
MAX_ID_LENGTH = 64
MAX_LABEL_LENGTH = 200
MAX_UNIT_LENGTH = 32
MAX_NOTE_LENGTH = 2000  # a session's notes, and each set's note (the web form's limit)
NRS_RANGE = (0, 10)

SIDED_KINDS = frozenset(
    {MeasurementKind.SELF_TEST, MeasurementKind.HIP_ANGLE, MeasurementKind.KNEE_ANGLE}
)
MEASUREMENT_RANGES: dict[MeasurementKind, tuple[float, float]] = {
    MeasurementKind.SELF_TEST: (-1, 1),  # below, level, above the bench line
    MeasurementKind.HIP_ANGLE: (-90, 90),
    MeasurementKind.KNEE_ANGLE: (0, 180),
    MeasurementKind.PAIN: NRS_RANGE,
    MeasurementKind.PSFS: NRS_RANGE,
    MeasurementKind.SITTING_HOURS: (0, 24),
}


def raise_problems(problems: Iterable[InvalidValue]) -> None:
    """Raise nothing, the one InvalidValue, or InvalidInput listing them all."""
    found = list(problems)
    if len(found) == 1:
        raise found[0]
    if found:
        raise InvalidInput(found)


def id_problems(record_id: str, field: str = "id") -> list[InvalidValue]:
    if not isinstance(record_id, str) or not 1 <= len(record_id) <= MAX_ID_LENGTH:
        return [InvalidValue(field, f"must be 1-{MAX_ID_LENGTH} characters")]
    return []


def nrs_problems(field: str, value: int | None) -> list[InvalidValue]:
    """A 0-10 numeric rating (pain, effort); None means not asked."""
    low, high = NRS_RANGE
    if value is not None and not low <= value <= high:
        return [InvalidValue(field, f"must be a whole number from {low} to {high}, not {value}")]
    return []


def moment_problems(field: str, moment: datetime, now: datetime) -> list[InvalidValue]:
    if moment.tzinfo is None:
        return [InvalidValue(field, "must include a time zone")]
    if moment > now + FUTURE_ALLOWANCE:
        return [InvalidValue(field, f"{moment.isoformat()} is more than a day in the future")]
    return []


def day_problems(field: str, day: date, today: date) -> list[InvalidValue]:
    if day > today + FUTURE_ALLOWANCE:
        return [InvalidValue(field, f"{day.isoformat()} is more than a day in the future")]
    return []


def session_log_problems(
    log: SessionLog, *, now: datetime, known_exercises: Container[str], plan: Plan | None
) -> list[InvalidValue]:
    """Every problem with ``log``; ``plan`` is the plan its ``session_id`` must belong to."""
    return log_value_problems(log, now=now, known_exercises=known_exercises) + log_plan_problems(
        log, plan
    )


def log_value_problems(
    log: SessionLog, *, now: datetime, known_exercises: Container[str]
) -> list[InvalidValue]:
    """Problems with the values of ``log`` alone: ids, times, pain, doses, exercise ids."""
    problems = id_problems(log.id)
    problems += day_problems("session_date", log.session_date, now.date())
    problems += moment_problems("started_at", log.started_at, now)
    problems += moment_problems("finished_at", log.finished_at, now)
    aware = log.started_at.tzinfo is not None and log.finished_at.tzinfo is not None
    if aware and log.finished_at < log.started_at:
        problems.append(InvalidValue("finished_at", "is before started_at (negative duration)"))
    for name in ("pain_before", "pain_during", "pain_after", "next_morning_pain", "effort"):
        problems += nrs_problems(name, getattr(log, name))
    problems += _set_problems(log, known_exercises)
    problems += _note_problems("notes", log.notes)
    for i, record in enumerate(log.sets):
        problems += _note_problems(f"sets[{i}].note", record.note)
    for i, event in enumerate(log.events):
        if event.exercise_id not in known_exercises:
            problems.append(InvalidValue(f"events[{i}].exercise_id", _unknown(event.exercise_id)))
        if event.at_seconds < 0:
            problems.append(InvalidValue(f"events[{i}].at_seconds", "must not be negative"))
    return problems


def log_plan_problems(log: SessionLog, plan: Plan | None) -> list[InvalidValue]:
    """A log naming a planned session must name one of ``plan``'s sessions."""
    if log.session_id is not None and (plan is None or plan.session(log.session_id) is None):
        return [
            InvalidValue("session_id", f"'{log.session_id}' is not a session of this person's plan")
        ]
    return []


def _set_problems(log: SessionLog, known_exercises: Container[str]) -> list[InvalidValue]:
    problems: list[InvalidValue] = []
    for i, record in enumerate(log.sets):
        where = f"sets[{i}]"
        if record.exercise_id not in known_exercises:
            problems.append(InvalidValue(f"{where}.exercise_id", _unknown(record.exercise_id)))
        if record.set_index < 1:
            problems.append(InvalidValue(f"{where}.set_index", "must be at least 1"))
        for name in ("planned_reps", "planned_hold_seconds", "done_reps", "done_hold_seconds"):
            value = getattr(record, name)
            if value is not None and value < 0:
                problems.append(InvalidValue(f"{where}.{name}", "must not be negative"))
        problems += nrs_problems(f"{where}.pain", record.pain)
    return problems


def _note_problems(field: str, text: str) -> list[InvalidValue]:
    if len(text) > MAX_NOTE_LENGTH:
        return [InvalidValue(field, f"must be at most {MAX_NOTE_LENGTH} characters")]
    return []


def _unknown(exercise_id: str) -> str:
    return f"'{exercise_id}' is not an exercise in the catalogue"


def validate_session_log(
    log: SessionLog, *, now: datetime, known_exercises: Container[str], plan: Plan | None
) -> None:
    raise_problems(session_log_problems(log, now=now, known_exercises=known_exercises, plan=plan))


def measurement_problems(m: Measurement, *, now: datetime) -> list[InvalidValue]:
    """Every problem with ``m``: range per kind, side where one is needed, time, text lengths."""
    problems = id_problems(m.id)
    problems += moment_problems("taken_at", m.taken_at, now)
    low, high = MEASUREMENT_RANGES.get(m.kind, (-math.inf, math.inf))
    if not math.isfinite(m.value):
        problems.append(InvalidValue("value", "must be a finite number"))
    elif not low <= m.value <= high:
        problems.append(InvalidValue("value", f"a {m.kind.value} must be from {low:g} to {high:g}"))
    elif m.kind == MeasurementKind.SELF_TEST and m.value not in (-1, 0, 1):
        problems.append(InvalidValue("value", "a self_test is -1 (below), 0 (level) or 1 (above)"))
    if m.kind in SIDED_KINDS and m.side is None:
        problems.append(InvalidValue("side", f"a {m.kind.value} needs the side: left or right"))
    if not 1 <= len(m.unit) <= MAX_UNIT_LENGTH:
        problems.append(InvalidValue("unit", f"must be 1-{MAX_UNIT_LENGTH} characters"))
    if len(m.label) > MAX_LABEL_LENGTH:
        problems.append(InvalidValue("label", f"must be at most {MAX_LABEL_LENGTH} characters"))
    return problems


def validate_measurement(m: Measurement, *, now: datetime) -> None:
    raise_problems(measurement_problems(m, now=now))
