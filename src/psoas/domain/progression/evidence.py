"""What a week of session logs and measurements says: adherence, pain per exercise, re-tests.

Pure summaries for the weekly review; no decisions are made here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from psoas.domain.planning.plans import PlannedSession, PlanWeek, SessionKind
from psoas.domain.progress.measures import side_changes
from psoas.domain.progression.rules import (
    PAIN_DURING_MAX,
    PAIN_MCID_PCT,
    PAIN_MCID_POINTS,
    SEVERE_PAIN,
)
from psoas.domain.records.measurements import Measurement, MeasurementKind
from psoas.domain.records.session_logs import LogEvent, SessionLog


@dataclass
class ExerciseEvidence:
    """What the logs of one week say about one exercise."""

    done: bool = False
    max_pain: int | None = None
    pain_from_session: bool = False  # the session's pain during was high and named no exercise
    stopped_for_pain: bool = False
    switched_easier: bool = False
    targets_missed: bool = False
    morning_above_baseline: int | None = None  # the highest next-morning pain above baseline


@dataclass
class WeekEvidence:
    planned: int
    done: int
    exercises: dict[str, ExerciseEvidence] = field(default_factory=dict)
    severe: str = ""  # why pain counts as severe, if it does
    mean_pain: float | None = None

    @property
    def adherence(self) -> float:
        return 1.0 if self.planned == 0 else self.done / self.planned

    def of(self, exercise_id: str) -> ExerciseEvidence:
        return self.exercises.setdefault(exercise_id, ExerciseEvidence())


def week_span(week: PlanWeek) -> tuple[date, date]:
    days = [s.date for s in week.sessions]
    return min(days), max(days)


def _logs_for_week(week: PlanWeek, logs: Iterable[SessionLog]) -> list[SessionLog]:
    first, last = week_span(week)
    ids = {s.id for s in week.sessions}
    return [log for log in logs if log.session_id in ids or first <= log.session_date <= last]


def _session_of(log: SessionLog, week: PlanWeek) -> PlannedSession | None:
    by_id = next((s for s in week.sessions if s.id == log.session_id), None)
    if by_id is not None:
        return by_id
    return next(
        (s for s in week.sessions if s.date == log.session_date and s.kind != SessionKind.REST),
        None,
    )


def severe_pain_detail(log: SessionLog) -> str:
    """Why this log's pain counts as severe (8/10 or more anywhere), or ''."""
    values = [log.pain_before, log.pain_during, log.pain_after, log.next_morning_pain]
    values += [s.pain for s in log.sets]
    worst = max((v for v in values if v is not None), default=None)
    if worst is not None and worst >= SEVERE_PAIN:
        return f"pain of {worst}/10 was logged on {log.session_date.isoformat()}"
    return ""


def _exercise_ids(log: SessionLog, session: PlannedSession | None) -> set[str]:
    ids = {s.exercise_id for s in log.sets}
    if session is not None:
        ids |= {p.exercise_id for p in session.prescriptions}
    return ids


def _add_log(
    evidence: WeekEvidence, log: SessionLog, session: PlannedSession | None, baseline: float
) -> None:
    ids = _exercise_ids(log, session)
    for exercise_id in {s.exercise_id for s in log.sets if not s.skipped} or (
        ids if log.completed else set()
    ):
        evidence.of(exercise_id).done = True
    for record in log.sets:
        ev = evidence.of(record.exercise_id)
        if record.pain is not None:
            ev.max_pain = max(ev.max_pain or 0, record.pain)
        short_reps = record.planned_reps and (record.done_reps or 0) < record.planned_reps
        short_hold = (
            record.planned_hold_seconds
            and (record.done_hold_seconds or 0) < record.planned_hold_seconds
        )
        if record.skipped or short_reps or short_hold:
            ev.targets_missed = True
    for event in log.events:
        if event.kind == LogEvent.STOPPED_FOR_PAIN:
            evidence.of(event.exercise_id).stopped_for_pain = True
        elif event.kind == LogEvent.SWITCHED_TO_EASIER:
            evidence.of(event.exercise_id).switched_easier = True
    with_set_pain = {s.exercise_id for s in log.sets if s.pain is not None}
    if log.pain_during is not None and log.pain_during > PAIN_DURING_MAX and not with_set_pain:
        for exercise_id in ids:
            ev = evidence.of(exercise_id)
            ev.max_pain = max(ev.max_pain or 0, log.pain_during)
            ev.pain_from_session = True
    if log.next_morning_pain is not None and log.next_morning_pain > baseline:
        for exercise_id in ids:
            ev = evidence.of(exercise_id)
            ev.morning_above_baseline = max(ev.morning_above_baseline or 0, log.next_morning_pain)


def summarise_week(
    week: PlanWeek, logs: Sequence[SessionLog], measurements: Sequence[Measurement], baseline: float
) -> WeekEvidence:
    """Adherence, per-exercise pain and targets, and severe pain for one plan week."""
    planned = [s for s in week.sessions if s.kind != SessionKind.REST]
    week_logs = _logs_for_week(week, logs)
    done_sessions: set[str] = set()
    evidence = WeekEvidence(planned=len(planned), done=0)
    pains: list[float] = []
    for log in sorted(week_logs, key=lambda g: (g.session_date, g.id)):
        session = _session_of(log, week)
        if log.completed and session is not None:
            done_sessions.add(session.id)
        evidence.severe = evidence.severe or severe_pain_detail(log)
        _add_log(evidence, log, session, baseline)
        pains.extend(v for v in (log.pain_before,) if v is not None)
    first, last = week_span(week)
    for m in measurements:
        if m.kind == MeasurementKind.PAIN and first <= m.taken_at.date() <= last:
            pains.append(m.value)
            if m.value >= SEVERE_PAIN and not evidence.severe:
                evidence.severe = (
                    f"pain of {m.value:g}/10 was recorded on {m.taken_at.date().isoformat()}"
                )
    evidence.done = len(done_sessions)
    evidence.mean_pain = round(sum(pains) / len(pains), 1) if pains else None
    return evidence


def meaningful_pain_change(baseline: float, current: float) -> float:
    """Negative when pain fell meaningfully, positive when it rose, 0 otherwise (Farrar 2001)."""
    delta = current - baseline
    pct = abs(delta) / baseline * 100 if baseline > 0 else (100.0 if delta else 0.0)
    if abs(delta) >= PAIN_MCID_POINTS or (pct >= PAIN_MCID_PCT and abs(delta) >= 1):
        return delta
    return 0.0


@dataclass(frozen=True, slots=True)
class RetestChange:
    improved: bool
    worse: bool
    measured: bool
    detail: str


def retest_change(measurements: Sequence[Measurement]) -> RetestChange:
    """First against latest self-test or hip angle per side, judged by the one rule the progress
    page and report use (``progress_measures.side_changes``): an angle must move more than the
    error of its method, and a self-test change counts once a second test confirms it."""
    improved: list[str] = []
    worse: list[str] = []
    measured = False
    for change in side_changes(measurements):
        if change.kind not in (MeasurementKind.HIP_ANGLE, MeasurementKind.SELF_TEST):
            continue
        measured = measured or change.readings > 1
        if not change.beyond_error:
            continue
        label = f"{change.side} {'hip angle' if change.kind == MeasurementKind.HIP_ANGLE else 'self-test'}"
        text = f"{label} {change.first:g} -> {change.latest:g}"
        (improved if change.improved else worse).append(text)
    detail = "; ".join(improved + worse)
    return RetestChange(bool(improved) and not worse, bool(worse), measured, detail)
