"""A person's history for the web benchmark, written through the real services, ending today:
an assessment, a new plan whenever the last one ends, every planned session logged but about
one in nine, weekly pain readings and reviews."""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any


class SettableClock:
    """A clock the history builder moves day by day."""

    def __init__(self, now: datetime) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now

    def set(self, now: datetime) -> None:
        self._now = now

    def monotonic(self) -> float:
        return self._now.timestamp()

    def sleep(self, seconds: float) -> None:
        self._now += timedelta(seconds=seconds)

    def today(self) -> date:
        return self._now.date()


def build_history(data_dir: Path, days: int) -> None:
    """``days`` of one person's records in ``data_dir``'s SQLite database."""
    from psoas.bootstrap import build_context
    from psoas.config import get_settings
    from psoas.domain.errors import PsoasError
    from psoas.domain.planning.plans import SessionKind
    from psoas.domain.records.measurements import MeasurementKind
    from psoas.services import assessment, manual_entry, people, plans

    settings = get_settings(data_dir=data_dir, database_url=f"sqlite:///{data_dir / 'psoas.db'}")
    today = datetime.now(UTC).replace(hour=8, minute=0, second=0, microsecond=0)
    clock = SettableClock(today - timedelta(days=days))
    ctx = build_context(settings, clock=clock)
    pid = people.current_person(ctx).id
    assessment.run_assessment(ctx, pid, calm_answers(assessment.questions(ctx)))
    plan = None
    for offset in range(days + 1):
        clock.set(today - timedelta(days=days - offset))
        day = clock.today()
        if plan is None or day > plan.sessions()[-1].date:
            plan = plans.new_plan(ctx, pid, start=day)
        if offset % 7 == 6:
            pain = max(0.0, 5.0 - offset / 80)
            manual_entry.record_measurements(
                ctx, pid, [manual_entry.Reading(MeasurementKind.PAIN, round(pain))]
            )
            with contextlib.suppress(PsoasError):  # a review may not be due yet
                plans.run_review(ctx, pid, day)
            plan = plans.current_plan(ctx, pid)
        sessions = [s for s in plan.on(day) if s.kind is not SessionKind.REST]
        if sessions and offset % 9 != 4:  # skip about one session in nine
            manual_entry.record_done_elsewhere(
                ctx, pid, day=day, session_id=sessions[0].id, pain_before=2, pain_after=1, effort=4
            )


# A tight left hip: the thigh rests above the bench line, and the measured angles agree with
# the thigh answers (the self-test refuses an angle that contradicts its side's answer).
OVERRIDES: dict[str, Any] = {
    "age": 40,
    "self_test_done": True,
    "left_thigh": "above",
    "right_thigh": "level",
    "left_hip_angle": 12,
    "right_hip_angle": 0,
    "minutes_per_day": 12,
    "strength_days_per_week": 2,
    "pain_now": 4,
    "preferred_days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    "equipment": ["mat"],
}


def calm_answers(questionnaire: Any) -> dict[str, Any]:
    """Answers with no red flag: the overrides above, 'no'/'none' or the lowest value else."""
    answers: dict[str, Any] = {}
    for q in questionnaire.questions:
        if not q.applies(answers):
            continue
        if q.id in OVERRIDES:
            answers[q.id] = OVERRIDES[q.id]
        elif q.type == "yes_no":
            answers[q.id] = False
        elif q.type in ("single_choice", "multi_choice"):
            values = [c.value for c in q.choices]
            pick = "none" if "none" in values else values[0]
            answers[q.id] = [pick] if q.type == "multi_choice" else pick
        elif q.type in ("integer", "number"):
            answers[q.id] = int(q.minimum or 0)
        elif q.type == "time":
            answers[q.id] = "18:00"
    return answers
