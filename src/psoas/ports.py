"""Interfaces (typing.Protocol) the services use; storage and clocks implement them.

Adapters satisfy these structurally, so they need not import this module. Every store call
takes the person id, so one person's records can never be read or written through another's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from types import TracebackType
from typing import Any, Protocol, Self

from psoas.domain.clinic.accounts import (
    AuditEntry,
    Invite,
    LoginFailure,
    Message,
    PasswordReset,
    TreatmentRequest,
    User,
    WebSession,
)
from psoas.domain.clinic.audit import AuditFilter
from psoas.domain.clinic.caseload_facts import ClientFacts
from psoas.domain.clinic.settings import ClinicSettings
from psoas.domain.habits.breaks import BreakEvent, BreakSettings
from psoas.domain.habits.checklist import HabitTick
from psoas.domain.planning.plans import Plan, PlanReview
from psoas.domain.records.clinical import ChangedBy, ClinicalNote, PlanChange, PlanTemplate
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


class PasswordHasher(Protocol):
    """Slow, salted password hashing (argon2 in production)."""

    def hash(self, password: str) -> str: ...
    def verify(self, password_hash: str, password: str) -> bool: ...


class TwoFactor(Protocol):
    """Time-based one-time codes (TOTP, RFC 6238)."""

    def new_secret(self) -> str: ...
    def verify(self, secret: str, code: str, at: datetime) -> bool: ...
    def matching_step(self, secret: str, code: str, at: datetime) -> int | None: ...
    def setup_uri(self, secret: str, account: str) -> str: ...


class CommonPasswords(Protocol):
    """A well-kept list of passwords people pick most often (refused for accounts)."""

    def is_common(self, password: str) -> bool: ...


class Mailer(Protocol):
    """Optional e-mail for invite and reset links (SMTP when configured)."""

    def send(self, to: str, subject: str, body: str) -> bool: ...  # False if it could not send


class UserStore(Protocol):
    """Clinic accounts. Emails are unique (compared lower-cased)."""

    def add(self, user: User) -> None: ...
    def get(self, user_id: str) -> User: ...  # raises NotFound
    def find_by_email(self, email: str) -> User | None: ...
    def find_by_person(self, person_id: str) -> User | None: ...
    def list(self) -> Sequence[User]: ...
    def update(self, user: User) -> None: ...
    def claim_totp_step(self, user_id: str, step: int) -> bool: ...  # False: used already


class AuthSessionStore(Protocol):
    """Logged-in browsers, keyed by the hash of their cookie token."""

    def add(self, session: WebSession) -> None: ...
    def find(self, session_id: str) -> WebSession | None: ...
    def update(self, session: WebSession) -> None: ...
    def delete(self, session_id: str) -> None: ...
    def delete_for_user(self, user_id: str) -> int: ...


class InviteStore(Protocol):
    """Single-use invite codes and password-reset links, keyed by their hashes."""

    def add_invite(self, invite: Invite) -> None: ...
    def find_invite(self, invite_id: str) -> Invite | None: ...
    def use_invite(self, invite_id: str, at: datetime) -> bool: ...  # False if already used
    def spend_invites_of(self, user_id: str, at: datetime) -> int: ...
    def add_reset(self, reset: PasswordReset) -> None: ...
    def find_reset(self, reset_id: str) -> PasswordReset | None: ...
    def use_reset(self, reset_id: str, at: datetime) -> bool: ...


class AuditStore(Protocol):
    def add(self, entry: AuditEntry) -> None: ...
    def list(self, person_id: str | None = None, limit: int = 500) -> Sequence[AuditEntry]: ...
    def find(
        self,
        where: AuditFilter,
        limit: int,
        offset: int = 0,
        older_than: AuditEntry | None = None,
    ) -> Sequence[AuditEntry]:
        """Matching entries newest first (ties by id, descending); ``older_than`` starts
        just after that entry in this order (keyset paging for long exports)."""
        ...

    def count(self, where: AuditFilter) -> int: ...


class ClinicSettingsStore(Protocol):
    def get(self) -> ClinicSettings: ...  # the defaults until an admin saves some
    def set(self, settings: ClinicSettings) -> None: ...


class LoginFailureStore(Protocol):
    def add(self, failure: LoginFailure) -> None: ...
    def count_since(self, source: str, since: datetime) -> int: ...
    def forget_before(self, source: str, before: datetime) -> None: ...


class MessageStore(Protocol):
    def add(self, message: Message) -> None: ...
    def list(self, person_id: str) -> Sequence[Message]: ...  # oldest first
    def mark_read(self, person_id: str, reader_id: str, at: datetime) -> None: ...
    def unread(self, person_id: str, reader_id: str) -> int: ...
    def unread_for_clinician(self, clinician_id: str) -> int: ...


class TreatmentRequestStore(Protocol):
    def add(self, request: TreatmentRequest) -> None: ...
    def get(self, request_id: str) -> TreatmentRequest: ...
    def list(self) -> Sequence[TreatmentRequest]: ...  # newest first
    def update(self, request: TreatmentRequest) -> None: ...
    def count_since(self, source: str, since: datetime) -> int: ...


class PlanChangeStore(Protocol):
    def add(self, change: PlanChange) -> None: ...
    def unseen(self, person_id: str, by_role: ChangedBy) -> Sequence[PlanChange]: ...
    def recent(self, person_id: str, limit: int = 10) -> Sequence[PlanChange]: ...
    def mark_seen(self, person_id: str, by_role: ChangedBy, at: datetime) -> int: ...


class AlertMarkStore(Protocol):
    def get(self, person_id: str) -> datetime | None: ...
    def set(self, person_id: str, seen_at: datetime) -> None: ...


class CaseloadStore(Protocol):
    """Every client of one clinician with what the attention list needs, in a few queries."""

    def facts(self, clinician_id: str, today: date) -> list[ClientFacts]: ...


class DraftStore(Protocol):
    """An assessment in progress: its answers so far (empty when none)."""

    def get(self, person_id: str) -> dict[str, Any]: ...
    def put(self, person_id: str, answers: dict[str, Any], at: datetime) -> None: ...
    def drop(self, person_id: str) -> None: ...


class TemplateStore(Protocol):
    def add(self, template: PlanTemplate) -> None: ...
    def list(self, owner_id: str) -> Sequence[PlanTemplate]: ...
    def get(self, owner_id: str, template_id: str) -> PlanTemplate: ...  # raises NotFound
    def count_named(self, owner_id: str, name: str) -> int: ...
    def delete(self, owner_id: str, template_id: str) -> None: ...


class ClinicalNoteStore(Protocol):
    def add(self, note: ClinicalNote) -> None: ...
    def list(self, person_id: str) -> Sequence[ClinicalNote]: ...  # oldest first


class MarkerStore(Protocol):
    """Named moments about the database itself, such as when every record was deleted."""

    def set(self, name: str, at: datetime) -> None: ...
    def take(self, name: str) -> datetime | None: ...  # and remove it


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

    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


class Delivery(Protocol):
    """What happened to a notification: shown on the desktop or printed, and any button pressed."""

    shown: bool
    how: str
    note: str
    action: str | None


class Notifier(Protocol):
    def notify(self, title: str, body: str, actions: dict[str, str] | None = None) -> Delivery: ...
