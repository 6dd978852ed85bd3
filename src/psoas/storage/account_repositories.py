"""Clinic-mode stores: users, logged-in sessions, invites and reset links, the audit log,
messages and treatment requests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, Table, and_, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from psoas.domain.clinic.accounts import (
    AuditEntry,
    Invite,
    Message,
    PasswordReset,
    TreatmentRequest,
    User,
    WebSession,
)
from psoas.domain.clinic.audit import AuditFilter
from psoas.domain.errors import InvalidValue, NotFound
from psoas.storage import clinic_tables as ct
from psoas.storage import tables as t
from psoas.storage.mapping import RecordMapping
from psoas.storage.repositories import _Repository

USERS = RecordMapping(User, ct.users, ("id", "email", "role", "person_id", "active", "created_at"))
SESSIONS = RecordMapping(WebSession, ct.auth_sessions, ("id", "user_id", "expires_at"))
INVITES = RecordMapping(Invite, ct.invites, ("id", "user_id", "expires_at", "used_at"))
RESETS = RecordMapping(
    PasswordReset, ct.password_resets, ("id", "user_id", "expires_at", "used_at")
)
AUDIT = RecordMapping(AuditEntry, ct.audit_log, ("id", "at", "actor_id", "person_id", "action"))
MESSAGES = RecordMapping(
    Message, ct.messages, ("id", "person_id", "author_id", "sent_at", "read_at")
)
REQUESTS = RecordMapping(
    TreatmentRequest, ct.treatment_requests, ("id", "created_at", "status", "source")
)


class SqlUserStore(_Repository):
    def add(self, user: User) -> None:
        c = ct.users.c
        clash = self.conn.execute(
            select(c.id).where(func.lower(c.email) == user.email.lower())
        ).first()
        if clash is not None:
            raise InvalidValue("email", f"an account with the email '{user.email}' already exists")
        if user.person_id is not None:
            self._require_person(user.person_id)
        self._insert(USERS, user, "user")

    def get(self, user_id: str) -> User:
        found = self._find(ct.users.c.id == user_id)
        if found is None:
            raise NotFound(f"No account with id '{user_id}'.")
        return found

    def find_by_email(self, email: str) -> User | None:
        return self._find(func.lower(ct.users.c.email) == email.strip().lower())

    def find_by_person(self, person_id: str) -> User | None:
        return self._find(ct.users.c.person_id == person_id)

    def list(self) -> Sequence[User]:
        c = ct.users.c
        return self._many(USERS, select(ct.users).order_by(c.role, c.email))

    def update(self, user: User) -> None:
        result = self.conn.execute(
            update(ct.users).where(ct.users.c.id == user.id).values(**USERS.to_row(user))
        )
        if result.rowcount == 0:
            raise NotFound(f"No account with id '{user.id}'.")

    def claim_totp_step(self, user_id: str, step: int) -> bool:
        """Note a two-factor time step as used; False when it (or a later one) was used
        already. One conditional UPDATE, so two processes cannot both claim the same step."""
        c = ct.users.c
        fresh = or_(c.totp_last_step.is_(None), c.totp_last_step < step)
        result = self.conn.execute(
            update(ct.users).where(c.id == user_id, fresh).values(totp_last_step=step)
        )
        return result.rowcount == 1

    def _find(self, condition: object) -> User | None:
        row = self.conn.execute(select(ct.users).where(condition)).first()  # type: ignore[arg-type]
        return None if row is None else USERS.from_row(row)


class SqlAuthSessionStore(_Repository):
    def add(self, session: WebSession) -> None:
        self._insert(SESSIONS, session, "session")

    def find(self, session_id: str) -> WebSession | None:
        row = self.conn.execute(
            select(ct.auth_sessions).where(ct.auth_sessions.c.id == session_id)
        ).first()
        return None if row is None else SESSIONS.from_row(row)

    def update(self, session: WebSession) -> None:
        c = ct.auth_sessions.c
        self.conn.execute(
            update(ct.auth_sessions).where(c.id == session.id).values(**SESSIONS.to_row(session))
        )

    def delete(self, session_id: str) -> None:
        self.conn.execute(delete(ct.auth_sessions).where(ct.auth_sessions.c.id == session_id))

    def delete_for_user(self, user_id: str) -> int:
        result = self.conn.execute(
            delete(ct.auth_sessions).where(ct.auth_sessions.c.user_id == user_id)
        )
        return result.rowcount


class SqlInviteStore(_Repository):
    """Invites and reset links; ``use_*`` marks one used only if it was unused (single use)."""

    def add_invite(self, invite: Invite) -> None:
        self._insert(INVITES, invite, "invite")

    def find_invite(self, invite_id: str) -> Invite | None:
        return self._find(INVITES, invite_id)

    def use_invite(self, invite_id: str, at: datetime) -> bool:
        return self._use(ct.invites, invite_id, at)

    def spend_invites_of(self, user_id: str, at: datetime) -> int:
        """Mark every unused invite of ``user_id`` used (a new one replaces them)."""
        c = ct.invites.c
        result = self.conn.execute(
            update(ct.invites).where(c.user_id == user_id, c.used_at.is_(None)).values(used_at=at)
        )
        return int(result.rowcount or 0)

    def add_reset(self, reset: PasswordReset) -> None:
        self._insert(RESETS, reset, "reset link")

    def find_reset(self, reset_id: str) -> PasswordReset | None:
        return self._find(RESETS, reset_id)

    def use_reset(self, reset_id: str, at: datetime) -> bool:
        return self._use(ct.password_resets, reset_id, at)

    def _find(self, mapping: RecordMapping, record_id: str):  # type: ignore[no-untyped-def]
        table = mapping.table
        row = self.conn.execute(select(table).where(table.c.id == record_id)).first()
        return None if row is None else mapping.from_row(row)

    def _use(self, table: Table, record_id: str, at: datetime) -> bool:
        result = self.conn.execute(
            update(table)
            .where(table.c.id == record_id, table.c.used_at.is_(None))
            .values(used_at=at)
        )
        return result.rowcount == 1


class SqlAuditStore(_Repository):
    def add(self, entry: AuditEntry) -> None:
        """A plain insert: no check that the person exists (entries outlive people), so a
        transaction holding only this insert starts as a write, and on SQLite waits for the
        lock (busy timeout) instead of failing at once as a read turned into a write can."""
        try:
            with self.conn.begin_nested():
                self.conn.execute(insert(ct.audit_log), [AUDIT.to_row(entry)])
        except IntegrityError:
            raise InvalidValue(
                "id", f"an audit entry with id '{entry.id}' already exists"
            ) from None

    def list(self, person_id: str | None = None, limit: int = 500) -> Sequence[AuditEntry]:
        c = ct.audit_log.c
        query = select(ct.audit_log)
        if person_id is not None:
            query = query.where(c.person_id == person_id)
        return self._many(AUDIT, query.order_by(c.at.desc(), c.id).limit(limit))

    def find(
        self,
        where: AuditFilter,
        limit: int,
        offset: int = 0,
        older_than: AuditEntry | None = None,
    ) -> Sequence[AuditEntry]:
        c = ct.audit_log.c
        conditions = _audit_conditions(where)
        if older_than is not None:
            at, entry_id = older_than.at, older_than.id
            # at <= x first: an index range seek (SQLite scans from the top with a bare OR)
            conditions.append(and_(c.at <= at, or_(c.at < at, c.id < entry_id)))
        query = select(ct.audit_log).where(*conditions).order_by(c.at.desc(), c.id.desc())
        return self._many(AUDIT, query.limit(limit).offset(offset))

    def count(self, where: AuditFilter) -> int:
        query = select(func.count()).select_from(ct.audit_log).where(*_audit_conditions(where))
        return int(self.conn.execute(query).scalar() or 0)


def _audit_conditions(where: AuditFilter) -> list[ColumnElement[bool]]:
    c = ct.audit_log.c
    conditions: list[ColumnElement[bool]] = []
    if where.person_id is not None:
        conditions.append(c.person_id == where.person_id)
    if where.actor_id is not None:
        conditions.append(c.actor_id == where.actor_id)
    if where.action is not None:
        conditions.append(c.action == where.action.value)
    if where.since is not None:
        conditions.append(c.at >= where.since)
    if where.until is not None:
        conditions.append(c.at < where.until)
    return conditions


class SqlMessageStore(_Repository):
    def add(self, message: Message) -> None:
        self._insert(MESSAGES, message, "message")

    def list(self, person_id: str) -> Sequence[Message]:
        c = ct.messages.c
        query = select(ct.messages).where(c.person_id == person_id).order_by(c.sent_at, c.id)
        return self._many(MESSAGES, query)

    def mark_read(self, person_id: str, reader_id: str, at: datetime) -> None:
        """Mark read the messages to ``reader_id`` (written by someone else)."""
        c = ct.messages.c
        self.conn.execute(
            update(ct.messages)
            .where(c.person_id == person_id, c.author_id != reader_id, c.read_at.is_(None))
            .values(read_at=at)
        )

    def unread(self, person_id: str, reader_id: str) -> int:
        """Messages on a client's record that ``reader_id`` has not read (written by others)."""
        c = ct.messages.c
        query = select(func.count()).where(
            c.person_id == person_id, c.author_id != reader_id, c.read_at.is_(None)
        )
        return int(self.conn.execute(query).scalar() or 0)

    def unread_for_clinician(self, clinician_id: str) -> int:
        """Unread messages from every client this clinician looks after (one query)."""
        c, p = ct.messages.c, t.people.c
        query = (
            select(func.count())
            .select_from(ct.messages.join(t.people, p.id == c.person_id))
            .where(p.clinician_id == clinician_id, c.author_id != clinician_id)
            .where(c.read_at.is_(None))
        )
        return int(self.conn.execute(query).scalar() or 0)


class SqlTreatmentRequestStore(_Repository):
    def add(self, request: TreatmentRequest) -> None:
        self._insert(REQUESTS, request, "treatment request")

    def get(self, request_id: str) -> TreatmentRequest:
        table = ct.treatment_requests
        row = self.conn.execute(select(table).where(table.c.id == request_id)).first()
        if row is None:
            raise NotFound(f"No treatment request with id '{request_id}'.")
        return REQUESTS.from_row(row)

    def list(self) -> Sequence[TreatmentRequest]:
        c = ct.treatment_requests.c
        query = select(ct.treatment_requests).order_by(c.created_at.desc(), c.id)
        return self._many(REQUESTS, query)

    def update(self, request: TreatmentRequest) -> None:
        table = ct.treatment_requests
        result = self.conn.execute(
            update(table).where(table.c.id == request.id).values(**REQUESTS.to_row(request))
        )
        if result.rowcount == 0:
            raise NotFound(f"No treatment request with id '{request.id}'.")

    def count_since(self, source: str, since: datetime) -> int:
        c = ct.treatment_requests.c
        query = select(func.count()).where(c.source == source, c.created_at >= since)
        return int(self.conn.execute(query).scalar() or 0)
