"""The clinician's page for one client, as one use case: everything the page and its JSON twin
show, read after a single access check (one audit entry)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from psoas.domain.clinic.accounts import Message, User
from psoas.domain.clinic.alerts import Alert
from psoas.domain.planning.building import items_in
from psoas.domain.planning.plans import Plan, PlanReview
from psoas.domain.progress.summary import ProgressSummary
from psoas.domain.records.clinical import BuildItem, ClinicalNote, NoteKind, PlanChange
from psoas.domain.records.measurements import Measurement
from psoas.domain.records.people import Person
from psoas.domain.records.session_logs import SessionLog
from psoas.domain.screening.assessment import Assessment
from psoas.services import habits, progress
from psoas.services.caseload_alerts import alerts_of
from psoas.services.clinic.clients import open_record
from psoas.services.context import Context
from psoas.services.habits import HabitProgress

RECENT = 20


@dataclass(frozen=True)
class ClientRecord:
    person: Person
    account: User | None
    assessment: Assessment | None
    plan: Plan | None
    items: tuple[BuildItem, ...]  # the plan from today on, one item per exercise
    logs: tuple[SessionLog, ...]  # newest first
    measurements: tuple[Measurement, ...]  # every one, oldest first (charts)
    progress: ProgressSummary
    habits: HabitProgress
    messages: tuple[Message, ...]
    pending: tuple[PlanReview, ...]
    alerts: tuple[Alert, ...]
    plan_changes: tuple[PlanChange, ...]  # newest first
    visit_notes: tuple[ClinicalNote, ...]  # newest first
    red_flag_notes: tuple[ClinicalNote, ...]  # newest first
    today: date

    @property
    def recent_measurements(self) -> Sequence[Measurement]:
        return self.measurements[-RECENT:][::-1]


def client_record(ctx: Context, clinician: User, person_id: str) -> ClientRecord:
    """The client's records for their clinician; reading marks the client's messages read."""
    person = open_record(ctx, clinician, person_id, "client detail")
    today = ctx.clock.today()
    with ctx.uow() as uow:
        plan = uow.plans.latest(person.id)
        notes = uow.clinical_notes.list(person.id)[::-1]
        alerts = alerts_of(uow, person, today)  # before the messages count as read
        found = (
            uow.users.find_by_person(person.id),
            uow.assessments.latest(person.id),
            tuple(uow.logs.list(person.id)[-RECENT:][::-1]),
            tuple(uow.measurements.list(person.id)),
            tuple(uow.messages.list(person.id)),
            tuple(r for r in uow.reviews.list(person.id) if r.awaiting_approval),
            tuple(uow.plan_changes.recent(person.id)),
        )
        uow.messages.mark_read(person.id, clinician.id, ctx.clock.now())
    account, assessment, logs, measurements, messages, pending, changes = found
    return ClientRecord(
        person=person,
        account=account,
        assessment=assessment,
        plan=plan,
        items=tuple(items_in(plan, today)) if plan else (),
        logs=logs,
        measurements=measurements,
        progress=progress.progress_summary(ctx, person.id, today),
        habits=habits.habit_progress(ctx, person.id, today),
        messages=messages,
        pending=pending,
        alerts=alerts,
        plan_changes=changes,
        visit_notes=tuple(n for n in notes if n.kind is NoteKind.VISIT),
        red_flag_notes=tuple(n for n in notes if n.kind is NoteKind.RED_FLAG),
        today=today,
    )
