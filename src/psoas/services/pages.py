"""Use cases that return everything one screen shows, so a web page and its JSON twin ask one
service instead of assembling several: today (home), the plan, progress, the log, settings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from psoas.domain.habits.breaks import BreakSettings
from psoas.domain.planning.plans import Change, Plan, PlannedSession, PlanReview, SessionKind
from psoas.domain.progress.summary import ProgressSummary
from psoas.domain.records.measurements import Measurement
from psoas.domain.records.people import Preferences
from psoas.domain.records.session_logs import SessionLog
from psoas.domain.screening.assessment import Assessment
from psoas.services import (
    assessment,
    data,
    habits,
    people,
    plans,
    progress,
    records,
    sessions,
)
from psoas.services.context import Context
from psoas.services.habits import HabitProgress
from psoas.services.reading import reading


@dataclass
class Today:
    """Everything the home page shows (the web edge adds its banners)."""

    day: date
    assessment: Assessment | None
    plan: Plan | None
    sessions: tuple[PlannedSession, ...]
    next_session: PlannedSession | None
    next_retest: date | None
    summary: ProgressSummary
    next_morning: SessionLog | None
    done_today: bool
    banners: list[dict[str, str]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)  # why today's session is what it is

    @property
    def changes(self) -> list[dict[str, str]]:
        found = []
        for s in self.sessions:
            for p in s.prescriptions:
                if p.change is not Change.NEW and p.change_reason:
                    found.append(
                        {
                            "exercise_id": p.exercise_id,
                            "change": p.change.value,
                            "reason": p.change_reason,
                        }
                    )
        return found


def today_view(ctx: Context, person_id: str) -> Today:
    """Today's session (the plan stops here on a new red flag), what comes next, the re-test
    date, whether today's session is done, the progress summary and any next-morning question.

    Everything is read in one transaction, each record once (``psoas.services.reading``)."""
    with reading(ctx) as page:
        with page.uow() as uow:
            uow.plans.list(person_id)  # the summary needs them all; the latest is the last
        return _today(page, person_id)


def _today(ctx: Context, person_id: str) -> Today:
    day = ctx.clock.today()
    latest = assessment.latest_assessment(ctx, person_id)
    todays: tuple[PlannedSession, ...] = ()
    reasons: list[str] = []
    upcoming = retest = None
    plan = plans.current_plan(ctx, person_id)
    if plan is not None:
        # also stops the plan on a new red flag; the plan is read once per page
        plan, session, reasons = plans.today_in_plan(ctx, plan, day)
        todays = (session,) if session is not None and session.kind is not SessionKind.REST else ()
        later = [s for s in plan.sessions() if s.date > day and s.kind is not SessionKind.REST]
        upcoming = later[0] if later else None
        retest = next(
            (s.date for s in plan.sessions() if s.kind is SessionKind.RETEST and s.date >= day),
            None,
        )
    summary, logs = progress.summary_and_logs(ctx, person_id, day)  # one read of the logs
    return Today(
        day=day,
        assessment=latest,
        plan=plan,
        sessions=todays,
        next_session=upcoming,
        next_retest=retest,
        summary=summary,
        next_morning=sessions.pending_in(logs, day),
        done_today=any(log.completed for log in logs if log.session_date == day),
        reasons=reasons,
    )


@dataclass(frozen=True)
class PlanView:
    """The plan page: the current plan, its reviews (newest first), the latest assessment and
    the saved preferences the make-a-plan form starts from."""

    plan: Plan | None
    reviews: list[PlanReview]
    assessment: Assessment | None
    preferences: Preferences


def plan_view(ctx: Context, person_id: str) -> PlanView:
    plan = plans.current_plan(ctx, person_id)
    return PlanView(
        plan=plan,
        reviews=list(plans.reviews(ctx, person_id, plan.id))[::-1] if plan else [],
        assessment=assessment.latest_assessment(ctx, person_id),
        preferences=people.get_preferences(ctx, person_id),
    )


@dataclass(frozen=True)
class ProgressView:
    """The progress page: the summary, the daily habits and the measurements its charts draw."""

    summary: ProgressSummary
    habits: HabitProgress
    measurements: Sequence[Measurement]
    logs: Sequence[SessionLog] = ()  # up to today, date order (for the session pain chart)


def progress_view(ctx: Context, person_id: str, *, with_measurements: bool = True) -> ProgressView:
    """``with_measurements=False`` skips the chart readings (the JSON twin has no charts).
    One transaction, each record read once (``psoas.services.reading``)."""
    with reading(ctx) as page:
        today = page.clock.today()
        summary, logs = progress.summary_and_logs(page, person_id, today)
        return ProgressView(
            summary=summary,
            habits=habits.habit_progress(page, person_id, today),
            measurements=records.measurements(page, person_id) if with_measurements else (),
            logs=logs if with_measurements else (),
        )


@dataclass(frozen=True)
class LogView:
    """The log page: the ten latest session logs and measurements (newest first) and the
    session still waiting for its next-morning pain."""

    recent_logs: list[SessionLog]
    recent_measurements: list[Measurement]
    next_morning: SessionLog | None


def log_view(ctx: Context, person_id: str, recent: int = 10) -> LogView:
    return LogView(
        recent_logs=list(records.session_logs(ctx, person_id))[-recent:][::-1],
        recent_measurements=list(records.measurements(ctx, person_id))[-recent:][::-1],
        next_morning=sessions.pending_next_morning(ctx, person_id, ctx.clock.today()),
    )


@dataclass(frozen=True)
class SettingsView:
    """The settings page: saved preferences, reminder settings and how many records of each
    kind the person has (shown next to export and delete)."""

    preferences: Preferences
    reminders: BreakSettings
    counts: dict[str, int]


def settings_view(ctx: Context, person_id: str) -> SettingsView:
    return SettingsView(
        preferences=people.get_preferences(ctx, person_id),
        reminders=people.get_reminders(ctx, person_id),
        counts=data.record_counts(ctx, person_id),
    )
