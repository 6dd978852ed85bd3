"""Interfaces (typing.Protocol) the services use; storage and clocks implement them.

Adapters satisfy these structurally, so they need not import this module. Every store call
takes the person id, so one person's records can never be read or written through another's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from types import TracebackType
from typing import Any, Protocol, Self

from psoas.clinic_ports import (
    AlertMarkStore,
    AuditStore,
    AuthSessionStore,
    CaseloadStore,
    ClinicalNoteStore,
    ClinicSettingsStore,
    InviteStore,
    LoginFailureStore,
    MessageStore,
    PlanChangeStore,
    TemplateStore,
    TreatmentRequestStore,
    UserStore,
)
from psoas.domain.habits.breaks import BreakEvent, BreakSettings
from psoas.domain.habits.checklist import HabitTick
from psoas.domain.planning.plans import Plan, PlanReview
from psoas.domain.records.devices import KeptReply, PairedDevice, PairingOffer
from psoas.domain.records.measurements import Measurement, MeasurementKind
from psoas.domain.records.people import Person, Preferences
from psoas.domain.records.session_logs import SessionLog
from psoas.domain.screening.assessment import Assessment


class Clock(Protocol):
    """Time comes in through a port so tests drive timers and 'today' with a fake clock."""

    def now(self) -> datetime:
        """The current moment, timezone-aware."""
        ...

    def monotonic(self) -> float:
        """Seconds from an arbitrary origin, never going backwards (for timers)."""
        ...

    def sleep(self, seconds: float) -> None: ...

    def today(self) -> date: ...


class PersonStore(Protocol):
    def add(self, person: Person) -> None: ...
    def get(self, person_id: str) -> Person: ...  # raises NotFound
    def find(self, person_id: str) -> Person | None: ...
    def list(self) -> Sequence[Person]: ...
    def update(self, person: Person) -> None: ...
    def delete(self, person_id: str) -> None: ...  # removes every record of the person


class AssessmentStore(Protocol):
    def add(self, assessment: Assessment) -> None: ...
    def update(self, assessment: Assessment) -> None: ...
    def get(self, person_id: str, assessment_id: str) -> Assessment: ...
    def latest(self, person_id: str) -> Assessment | None: ...
    def list(self, person_id: str) -> Sequence[Assessment]: ...  # oldest first


class PlanStore(Protocol):
    def save(self, plan: Plan) -> None: ...  # insert or replace by id
    def get(self, person_id: str, plan_id: str) -> Plan: ...
    def latest(self, person_id: str) -> Plan | None: ...
    def list(self, person_id: str) -> Sequence[Plan]: ...  # oldest first


class ReviewStore(Protocol):
    def add(self, review: PlanReview) -> None: ...
    def update(self, review: PlanReview) -> None: ...
    def list(self, person_id: str, plan_id: str | None = None) -> Sequence[PlanReview]: ...


class SessionLogStore(Protocol):
    def add(self, log: SessionLog) -> None: ...
    def update(self, log: SessionLog) -> None: ...
    def get(self, person_id: str, log_id: str) -> SessionLog: ...
    def list(
        self, person_id: str, since: date | None = None, until: date | None = None
    ) -> Sequence[SessionLog]: ...  # by session_date, oldest first


class MeasurementStore(Protocol):
    def add(self, measurement: Measurement) -> None: ...
    def list(
        self, person_id: str, kind: MeasurementKind | None = None, since: date | None = None
    ) -> Sequence[Measurement]: ...  # by taken_at, oldest first
    def delete(self, person_id: str, measurement_id: str) -> None: ...


class PreferenceStore(Protocol):
    def get(self, person_id: str) -> Preferences | None: ...
    def set(self, person_id: str, preferences: Preferences) -> None: ...


class ReminderStore(Protocol):
    """Sitting-break and session reminder settings, one per person."""

    def get(self, person_id: str) -> BreakSettings | None: ...
    def set(self, person_id: str, settings: BreakSettings) -> None: ...


class BreakEventStore(Protocol):
    """What became of each sitting-break reminder: taken, snoozed or skipped."""

    def add(self, event: BreakEvent) -> None: ...
    def list(self, person_id: str, since: datetime | None = None) -> Sequence[BreakEvent]: ...


class HabitStore(Protocol):
    """Daily habit ticks; ticking the same habit twice on a day changes nothing."""

    def tick(self, tick: HabitTick) -> None: ...
    def untick(self, person_id: str, day: date, habit_id: str) -> None: ...
    def list(self, person_id: str, since: date | None = None) -> Sequence[HabitTick]: ...


class DraftStore(Protocol):
    """An assessment in progress: its answers so far (empty when none)."""

    def get(self, person_id: str) -> dict[str, Any]: ...
    def put(self, person_id: str, answers: dict[str, Any], at: datetime) -> None: ...
    def drop(self, person_id: str) -> None: ...


class MarkerStore(Protocol):
    """Named moments about the database itself, such as when every record was deleted."""

    def set(self, name: str, at: datetime) -> None: ...
    def take(self, name: str) -> datetime | None: ...  # and remove it


class PairedDeviceStore(Protocol):
    def add(self, device: PairedDevice) -> None: ...
    def list(self) -> Sequence[PairedDevice]: ...
    def by_token_hash(self, token_hash: str) -> PairedDevice | None: ...
    def touch(self, device_id: str, at: datetime) -> None: ...
    def remove(self, device_id: str) -> bool: ...
    def set_offer(self, offer: PairingOffer) -> None: ...
    def offer(self) -> PairingOffer | None: ...
    def count_try(self) -> None: ...
    def clear_offer(self) -> None: ...


class KeptReplyStore(Protocol):
    def claim(self, reply: KeptReply) -> KeptReply | None: ...  # None: the key is now ours
    def get(self, key: str) -> KeptReply | None: ...
    def retake(self, key: str, at: datetime) -> None: ...
    def finish(self, key: str, status: int, body: str) -> None: ...
    def release(self, key: str) -> None: ...
    def prune(self, before: datetime) -> int: ...


class UnitOfWork(Protocol):
    """One transaction over all stores: commits on a clean exit, rolls back on an error."""

    people: PersonStore
    assessments: AssessmentStore
    plans: PlanStore
    reviews: ReviewStore
    logs: SessionLogStore
    measurements: MeasurementStore
    preferences: PreferenceStore
    reminders: ReminderStore
    breaks: BreakEventStore
    habits: HabitStore
    users: UserStore
    auth_sessions: AuthSessionStore
    invites: InviteStore
    audit: AuditStore
    messages: MessageStore
    treatment_requests: TreatmentRequestStore
    clinic_settings: ClinicSettingsStore
    login_failures: LoginFailureStore
    plan_changes: PlanChangeStore
    alert_marks: AlertMarkStore
    caseload: CaseloadStore
    drafts: DraftStore
    templates: TemplateStore
    clinical_notes: ClinicalNoteStore
    markers: MarkerStore
    paired_devices: PairedDeviceStore
    kept_replies: KeptReplyStore

    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
