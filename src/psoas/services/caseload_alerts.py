"""Alerts that reach the clinician: computed from a client's recent records since the
clinician last marked them seen (kept in the database), optional e-mail when mail is set up."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from psoas.domain.clinic.accounts import Role, User
from psoas.domain.clinic.alerts import (
    HIGH_PAIN,
    Alert,
    client_alerts,
    log_alerts,
    next_morning_alerts,
)
from psoas.domain.clinic.caseload_facts import ALERT_WINDOW
from psoas.domain.records.clinical import ChangedBy
from psoas.domain.records.measurements import Measurement, MeasurementKind
from psoas.domain.records.people import Person
from psoas.domain.records.session_logs import SessionLog
from psoas.ports import UnitOfWork
from psoas.services.context import Context


def alerts_of(uow: UnitOfWork, person: Person, today: date) -> tuple[Alert, ...]:
    """The client's alerts not yet marked seen by their clinician, most urgent first.

    The whole window is read even after a "seen" mark: an older session can get news later
    (next-morning pain, a log entered afterwards), and each alert says when it arrived."""
    seen_at = uow.alert_marks.get(person.id)
    since = today - ALERT_WINDOW
    assessment = uow.assessments.latest(person.id)
    flagged = assessment is not None and not assessment.allows_plan
    changes = uow.plan_changes.unseen(person.id, ChangedBy.CLIENT)
    return client_alerts(
        logs=uow.logs.list(person.id, since=since),
        pains=uow.measurements.list(person.id, MeasurementKind.PAIN, since=since),
        red_flag_at=assessment.taken_at if flagged and assessment else None,
        unread_messages=uow.messages.unread(person.id, person.clinician_id or ""),
        client_plan_changes=[c.at for c in changes],
        seen_at=seen_at,
    )


def unread_count(ctx: Context, user: User) -> int:
    """Unread messages for the navigation: a client's own, or a clinician's across clients."""
    with ctx.uow() as uow:
        if user.role is Role.CLINICIAN:
            return uow.messages.unread_for_clinician(user.id)
        if user.role is Role.CLIENT and user.person_id:
            return uow.messages.unread(user.person_id, user.id)
    return 0


def nav_counts(ctx: Context, user: User) -> dict[str, int]:
    """Unread counts by navigation key: "messages" for a client, "clients" for a clinician."""
    key = {Role.CLIENT: "messages", Role.CLINICIAN: "clients"}.get(user.role)
    if key is None:
        return {}
    count = unread_count(ctx, user)
    return {key: count} if count else {}


def tell_clinician(ctx: Context, person_id: str, what: str) -> bool:
    """E-mail the client's clinician that something needs a look (no health details in the
    mail: it only says to open psoas). False when there is no mail, clinician or address."""
    if ctx.mailer is None:
        return False
    with ctx.uow() as uow:
        person = uow.people.find(person_id)
        if person is None or not person.clinician_id:
            return False
        clinician = uow.users.get(person.clinician_id)
    body = (
        f"One of your clients has a new alert ({what}). Open psoas and look at your client list; "
        "the reason is shown there.\n"
    )
    return ctx.mailer.send(clinician.email, "A client needs your attention", body)


def after_log(ctx: Context, person_id: str, log: SessionLog) -> bool:
    """Whether the clinic was told about this log (it has a clinician and an alert)."""
    alerts = log_alerts(log)
    if not alerts:
        return False
    with ctx.uow() as uow:
        person = uow.people.find(person_id)
    if person is None or not person.clinician_id:
        return False
    tell_clinician(ctx, person_id, alerts[0].kind.value)
    return True


def after_next_morning(ctx: Context, person_id: str, log: SessionLog) -> bool:
    """Whether the clinic was told about this log's next-morning pain (high, with a clinician)."""
    if not next_morning_alerts(log) or not has_clinician(ctx, person_id):
        return False
    tell_clinician(ctx, person_id, next_morning_alerts(log)[0].kind.value)
    return True


def high_pain(measurement: Measurement) -> bool:
    """A pain measurement high enough to be an alert."""
    return measurement.kind is MeasurementKind.PAIN and measurement.value >= HIGH_PAIN


def after_pain(ctx: Context, person_id: str, measurement: Measurement) -> bool:
    """Whether the clinic was told about this pain measurement (high, with a clinician)."""
    if not high_pain(measurement) or not has_clinician(ctx, person_id):
        return False
    tell_clinician(ctx, person_id, "high pain")
    return True


def has_clinician(ctx: Context, person_id: str) -> bool:
    with ctx.uow() as uow:
        person = uow.people.find(person_id)
    return person is not None and bool(person.clinician_id)


def kinds(alerts: Sequence[Alert]) -> list[str]:
    return sorted({a.kind.value for a in alerts})
