"""SqlUnitOfWork: one database transaction over every store."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from psoas.storage.account_repositories import (
    SqlAuditStore,
    SqlAuthSessionStore,
    SqlInviteStore,
    SqlMessageStore,
    SqlTreatmentRequestStore,
    SqlUserStore,
)
from psoas.storage.caseload_queries import SqlCaseloadStore
from psoas.storage.caseload_repositories import (
    SqlAlertMarkStore,
    SqlClinicalNoteStore,
    SqlPlanChangeStore,
    SqlTemplateStore,
)
from psoas.storage.caseload_rows import SqlCaseloadRowStore
from psoas.storage.clinic_repositories import (
    SqlClinicSettingsStore,
    SqlLoginFailureStore,
    SqlMarkerStore,
)
from psoas.storage.device_repositories import SqlKeptReplyStore, SqlPairedDeviceStore
from psoas.storage.draft_repositories import SqlDraftStore
from psoas.storage.errors import storage_error
from psoas.storage.habit_repositories import SqlBreakEventStore, SqlHabitStore
from psoas.storage.repositories import (
    SqlAssessmentStore,
    SqlMeasurementStore,
    SqlPersonStore,
    SqlPlanStore,
    SqlPreferenceStore,
    SqlReminderStore,
    SqlReviewStore,
    SqlSessionLogStore,
)


class SqlUnitOfWork:
    """``with SqlUnitOfWork(engine) as uow:`` commits on a clean exit and rolls back on an error.

    Driver errors (database unreachable, file read-only ...) leave as ``StorageError`` with one
    line saying what to check.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._conn: Connection | None = None

    def __enter__(self) -> Self:
        try:
            conn = self.engine.connect()
            conn.begin()
        except DBAPIError as exc:
            raise storage_error(exc, self.engine.url) from exc
        self._conn = conn
        self.people = SqlPersonStore(conn)
        self.assessments = SqlAssessmentStore(conn)
        self.plans = SqlPlanStore(conn)
        self.reviews = SqlReviewStore(conn)
        self.logs = SqlSessionLogStore(conn)
        self.measurements = SqlMeasurementStore(conn)
        self.preferences = SqlPreferenceStore(conn)
        self.reminders = SqlReminderStore(conn)
        self.breaks = SqlBreakEventStore(conn)
        self.habits = SqlHabitStore(conn)
        self.users = SqlUserStore(conn)
        self.auth_sessions = SqlAuthSessionStore(conn)
        self.invites = SqlInviteStore(conn)
        self.audit = SqlAuditStore(conn)
        self.messages = SqlMessageStore(conn)
        self.treatment_requests = SqlTreatmentRequestStore(conn)
        self.clinic_settings = SqlClinicSettingsStore(conn)
        self.login_failures = SqlLoginFailureStore(conn)
        self.plan_changes = SqlPlanChangeStore(conn)
        self.alert_marks = SqlAlertMarkStore(conn)
        self.caseload = SqlCaseloadStore(conn)
        self.caseload_rows = SqlCaseloadRowStore(conn)
        self.drafts = SqlDraftStore(conn)
        self.templates = SqlTemplateStore(conn)
        self.clinical_notes = SqlClinicalNoteStore(conn)
        self.markers = SqlMarkerStore(conn)
        self.paired_devices = SqlPairedDeviceStore(conn)
        self.kept_replies = SqlKeptReplyStore(conn)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        conn = self._conn
        self._conn = None
        if conn is None:
            return
        try:
            if exc_type is None:
                conn.commit()
            else:
                conn.rollback()
        except DBAPIError as db_exc:
            raise storage_error(db_exc, self.engine.url) from db_exc
        finally:
            conn.close()
        if isinstance(exc, DBAPIError):
            raise storage_error(exc, self.engine.url) from exc
