"""Recording without the player: a session done elsewhere, and a set of measurements.

Both check everything first and write in one transaction, so a bad value leaves nothing
half-saved; every problem names its field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from psoas.domain.errors import InvalidValue
from psoas.domain.records.measurements import UNITS as MEASUREMENT_UNITS
from psoas.domain.records.measurements import Measurement, MeasurementKind, Method, Side
from psoas.domain.records.session_logs import SessionLog, SetRecord
from psoas.domain.records.validation import measurement_problems, raise_problems
from psoas.domain.sessions.playback import max_or_none
from psoas.domain.sessions.timeline import Step, build_timeline
from psoas.services.context import Context
from psoas.services.ids import new_id
from psoas.services.records import log_session
from psoas.services.sessions import planned_on

UNITS = MEASUREMENT_UNITS  # the one unit per kind (also the assessment's)
NOT_DONE = "not done"


@dataclass(frozen=True, slots=True)
class Reading:
    """One value to record; ``side`` for self-test and angles, ``label`` for a PSFS activity."""

    kind: MeasurementKind
    value: float
    side: Side | None = None
    label: str = ""
    method: Method = Method.SELF_REPORT


def record_done_elsewhere(
    ctx: Context,
    person_id: str,
    *,
    day: date,
    session_id: str | None = None,
    exercises: Sequence[str] = (),
    pain_before: int | None = None,
    pain_during: int | None = None,
    pain_after: int | None = None,
    effort: int | None = None,
    notes: str = "",
    minutes: int | None = None,
    exercise_pain: Mapping[str, int] | None = None,
) -> SessionLog:
    """Log a planned session done without the player: all of it, or only ``exercises``.

    ``exercise_pain`` is the pain (0-10) felt in one exercise, recorded on its sets (as the
    player's "this hurts" does), so the weekly review can act on that exercise alone.
    """
    plan, session = planned_on(ctx, person_id, day, session_id)
    timeline = build_timeline(session, ctx.catalogue)
    planned_ids = [c.exercise_id for c in timeline.cards]
    unknown = [e for e in exercises if e not in planned_ids]
    if unknown:
        raise InvalidValue(
            "exercise",
            f"{', '.join(unknown)} is not in this session; it has {', '.join(planned_ids)}",
        )
    done = set(exercises or planned_ids)
    pains = _exercise_pains(exercise_pain or {}, planned_ids, done)
    sets = tuple(
        _set_record(step, step.exercise_id in done, pains.get(step.exercise_id))
        for step in timeline.steps
        if step.is_work
    )
    if minutes is not None and not 1 <= minutes <= 600:
        raise InvalidValue("minutes", "must be between 1 and 600")
    finished = _finish_time(ctx, day)
    duration = timedelta(minutes=minutes) if minutes else timedelta(seconds=timeline.total_seconds)
    log = SessionLog(
        id=new_id(),
        person_id=person_id,
        session_date=day,  # the day it was done
        started_at=finished - duration,
        finished_at=finished,
        sets=sets,
        plan_id=plan.id,
        session_id=session.id,
        pain_before=pain_before,
        pain_during=max_or_none(pain_during, max(pains.values(), default=None)),
        pain_after=pain_after,
        effort=effort,
        notes=notes.strip(),
        completed=done >= set(planned_ids),
        times_given=False,
        duration_given=minutes is not None,
    )
    return log_session(ctx, person_id, log)


def _exercise_pains(
    pains: Mapping[str, int], planned_ids: Sequence[str], done: set[str]
) -> dict[str, int]:
    problems = []
    for exercise_id, pain in pains.items():
        field = f"exercise_pain.{exercise_id}"
        if exercise_id not in planned_ids:
            problems.append(InvalidValue(field, "this exercise is not in the session"))
        elif exercise_id not in done:
            problems.append(InvalidValue(field, "this exercise is logged as not done"))
        elif isinstance(pain, bool) or not isinstance(pain, int) or not 0 <= pain <= 10:
            problems.append(InvalidValue(field, "must be a whole number from 0 to 10"))
    raise_problems(problems)
    return dict(pains)


def _set_record(step: Step, done: bool, pain: int | None = None) -> SetRecord:
    return SetRecord(
        exercise_id=step.exercise_id,
        set_index=step.set_index,
        side=step.side,
        planned_reps=step.reps,
        planned_hold_seconds=step.hold_seconds,
        done_reps=step.reps if done else None,
        done_hold_seconds=step.hold_seconds if done else None,
        skipped=not done,
        note="" if done else NOT_DONE,
        pain=pain,
    )


def _finish_time(ctx: Context, day: date) -> datetime:
    now = ctx.clock.now()
    if day >= now.date():
        return now
    return datetime.combine(day, time(12, 0), tzinfo=now.tzinfo)


def moment_on(ctx: Context, day: date) -> datetime:
    """When a reading of ``day`` counts as taken: now for today, midday for an earlier day.

    A later day is refused: a measurement cannot be recorded ahead of time.
    """
    if day > ctx.clock.today():
        raise InvalidValue("date", f"{day.isoformat()} is in the future")
    return _finish_time(ctx, day)


def record_measurements(
    ctx: Context, person_id: str, readings: Sequence[Reading], taken_at: datetime | None = None
) -> tuple[Measurement, ...]:
    """Check every reading, then store them all in one transaction."""
    if not readings:
        raise InvalidValue("measurement", "give at least one value to record")
    moment = taken_at or ctx.clock.now()
    measurements = tuple(
        Measurement(
            id=new_id(),
            person_id=person_id,
            kind=r.kind,
            value=float(r.value),
            unit=UNITS[r.kind],
            method=r.method,
            taken_at=moment,
            side=r.side,
            label=r.label.strip(),
            recorded_at=ctx.clock.now(),
        )
        for r in readings
    )
    problems = []
    for m in measurements:
        for p in measurement_problems(m, now=ctx.clock.now()):
            where = f"{m.kind.value}{'.' + m.side.value if m.side else ''}"
            problems.append(InvalidValue(f"{where}.{p.field}", p.problem))
    raise_problems(problems)
    with ctx.uow() as uow:
        uow.people.get(person_id)
        for m in measurements:
            uow.measurements.add(m)
    return measurements
