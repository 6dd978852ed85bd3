"""Session logs for plan weeks, as a person who does (or skips) the planned work would log them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from psoas.domain.planning.plans import Plan, SessionKind
from psoas.domain.records.session_logs import (
    LogEvent,
    LogEventRecord,
    SessionLog,
    SetRecord,
    SetSide,
)


def week_logs(
    plan: Plan,
    week_index: int,
    *,
    pain: int = 1,
    exercise_pain: dict[str, int] | None = None,
    next_morning: int | None = 1,
    sessions_done: int | None = None,
    short_of_target: bool = False,
    stopped_for_pain: str | None = None,
) -> list[SessionLog]:
    """Completed logs for the first ``sessions_done`` sessions of the week (default: all)."""
    planned = [s for s in plan.weeks[week_index - 1].sessions if s.kind != SessionKind.REST]
    logs = []
    for session in planned[: len(planned) if sessions_done is None else sessions_done]:
        records = []
        for p in session.prescriptions:
            sides = (SetSide.BOTH,) if p.sides.value == "both" else (SetSide.LEFT, SetSide.RIGHT)
            for set_index in range(1, p.dose.sets + 1):
                for side in sides:
                    reps = p.dose.reps
                    hold = p.dose.hold_seconds
                    records.append(
                        SetRecord(
                            exercise_id=p.exercise_id,
                            set_index=set_index,
                            side=side,
                            planned_reps=reps,
                            planned_hold_seconds=hold,
                            done_reps=(reps - 2 if short_of_target and reps else reps),
                            done_hold_seconds=hold,
                            pain=(exercise_pain or {}).get(p.exercise_id, pain),
                        )
                    )
        started = datetime.combine(session.date, datetime.min.time(), UTC) + timedelta(hours=18)
        events = ()
        if stopped_for_pain and any(
            p.exercise_id == stopped_for_pain for p in session.prescriptions
        ):
            events = (LogEventRecord(LogEvent.STOPPED_FOR_PAIN, stopped_for_pain, 60.0),)
        logs.append(
            SessionLog(
                id=f"log-{session.id}",
                person_id=plan.person_id,
                session_date=session.date,
                started_at=started,
                finished_at=started + timedelta(seconds=session.estimated_seconds),
                sets=tuple(records),
                plan_id=plan.id,
                session_id=session.id,
                pain_before=pain,
                pain_during=max([pain, *(exercise_pain or {}).values()]),
                next_morning_pain=next_morning,
                events=events,
            )
        )
    return logs
