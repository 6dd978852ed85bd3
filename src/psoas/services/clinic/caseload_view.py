"""One client's place on the attention list, from the facts the caseload store reads for the
whole caseload at once (``psoas.storage.caseload_queries``)."""

from __future__ import annotations

from datetime import date

from psoas.domain.clinic.alerts import client_alerts
from psoas.domain.clinic.caseload import ClientStatus, attention_reasons
from psoas.domain.clinic.caseload_facts import ClientFacts
from psoas.domain.progress.summary import pain_trend


def status_of(facts: ClientFacts, today: date, quiet_days: int) -> ClientStatus:
    assessment = facts.assessment
    pain = pain_trend(facts.pain_days)  # the trend compares the first and the last day
    triage = assessment.triage if assessment else None
    flagged = assessment is not None and not assessment.allows_plan
    reasons = attention_reasons(
        today=today,
        triage=triage if flagged else None,
        has_assessment=assessment is not None,
        plan=None,
        plan_stopped=facts.plan_stopped,
        retest_due=facts.retest_due,
        pain=pain,
        recent=facts.recent,
        earlier=facts.earlier,
        last_activity=facts.last_activity,
        started=facts.started,
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
        person_id=facts.person_id,
        display_name=facts.display_name,
        triage=triage,
        profile=assessment.profile if assessment else None,
        adherence=facts.recent,
        pain=pain if pain.points else None,
        last_activity=facts.last_activity,
        reasons=reasons,
        alerts=alerts,
    )
