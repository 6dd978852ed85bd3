"""The attention list as it was computed before the caseload store: every client's whole
history read through the per-person stores. Kept only as the reference the bounded queries
must agree with (tests/e2e/test_clinic_caseload_sql.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from psoas.domain.clinic.accounts import User
from psoas.domain.clinic.caseload import (
    ClientStatus,
    attention_reasons,
    by_attention,
    two_week_adherence,
)
from psoas.domain.progress.summary import pain_points, pain_trend
from psoas.services.caseload_alerts import alerts_of
from psoas.services.context import Context
from psoas.services.progress import planned_sessions


def reference_statuses(ctx: Context, clinician: User) -> list[ClientStatus]:
    today = ctx.clock.today()
    with ctx.uow() as uow:
        quiet_days = uow.clinic_settings.get().quiet_days
        people = [p for p in uow.people.list() if p.clinician_id == clinician.id]
        statuses = [_status(uow, person, today, quiet_days) for person in people]
    return by_attention(statuses)


def _status(uow: Any, person: Any, today: date, quiet_days: int) -> ClientStatus:
    assessment = uow.assessments.latest(person.id)
    plans = uow.plans.list(person.id)
    logs = uow.logs.list(person.id, until=today)
    measurements = uow.measurements.list(person.id)
    recent, earlier = two_week_adherence(planned_sessions(plans), logs, today)
    pain = pain_trend(pain_points(logs, measurements))
    last = max((log.session_date for log in logs), default=None)
    plan = plans[-1] if plans else None
    triage = assessment.result.triage if assessment else None
    flagged = assessment is not None and not assessment.allows_plan
    reasons = attention_reasons(
        today=today,
        triage=triage if flagged else None,
        has_assessment=assessment is not None,
        plan=plan,
        pain=pain,
        recent=recent,
        earlier=earlier,
        last_activity=last,
        started=person.created_at.date(),
        quiet_days=quiet_days,
    )
    return ClientStatus(
        person_id=person.id,
        display_name=person.display_name,
        triage=triage,
        profile=assessment.result.profile.value if assessment else None,
        adherence=recent,
        pain=pain if pain.points else None,
        last_activity=last,
        reasons=reasons,
        alerts=alerts_of(uow, person, today),
    )


def comparable(status: ClientStatus) -> dict[str, Any]:
    """Everything the page and its twins show of a status (the pain trend by its two ends)."""
    pain = status.pain
    return {
        "person_id": status.person_id,
        "name": status.display_name,
        "triage": status.triage,
        "profile": status.profile,
        "adherence": status.adherence,
        "pain": None
        if pain is None
        else (pain.baseline, pain.latest, pain.change, pain.direction, pain.sentence),
        "last_activity": status.last_activity,
        "reasons": status.reasons,
        "alerts": status.alerts,
        "score": status.score,
    }
