"""One client's place on the attention list, from the facts the caseload store reads for the
whole caseload at once (``psoas.storage.caseload_queries``)."""

from __future__ import annotations

from datetime import date

from psoas.domain.clinic.alerts import client_alerts
from psoas.domain.clinic.caseload import ClientStatus, attention_reasons, two_week_adherence
from psoas.domain.clinic.caseload_facts import ClientFacts
from psoas.domain.progress.summary import pain_trend
from psoas.services.progress import planned_sessions


def status_of(facts: ClientFacts, today: date, quiet_days: int) -> ClientStatus:
    assessment, plan = facts.assessment, facts.plan
    recent, earlier = two_week_adherence(
        planned_sessions(facts.plans),
        facts.marks,  # type: ignore[arg-type]  (adherence reads only session_id and completed)
        today,
    )
    pain = pain_trend(facts.pain_days)  # the trend compares the first and the last day
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
        last_activity=facts.last_activity,
        started=facts.person.created_at.date(),
        quiet_days=quiet_days,
    )
    alerts = client_alerts(
        logs=facts.recent_logs,
        pains=facts.recent_pains,
        red_flag_at=assessment.taken_at if flagged and assessment else None,
        unread_messages=facts.unread_messages,
        client_plan_changes=facts.client_plan_changes,
        seen_at=facts.seen_at,
    )
    return ClientStatus(
        person_id=facts.person.id,
        display_name=facts.person.display_name,
        triage=triage,
        profile=assessment.result.profile.value if assessment else None,
        adherence=recent,
        pain=pain if pain.points else None,
        last_activity=facts.last_activity,
        reasons=reasons,
        alerts=alerts,
    )
