"""Clinic mode: accounts, their sessions and single-use links, the audit log, messages and
treatment requests, and the permission rules as pure functions.

Secrets never live here in the clear: tokens and codes are stored as their hashes (the services
hash them), passwords as argon2 hashes made by an adapter.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from psoas.domain.errors import PsoasError
from psoas.domain.records.people import Person

MAX_FAILED_LOGINS = 5  # failures for one e-mail from one address before that pair waits
LOCKOUT = timedelta(minutes=15)
MAX_FAILURES_PER_SOURCE = 20  # our own default: failed log-ins from one address per window
SOURCE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_ACCOUNT = 50  # the slower backstop: one e-mail from every address together
ACCOUNT_WINDOW = timedelta(hours=1)
SESSION_LIFETIME = timedelta(hours=12)
INVITE_LIFETIME = timedelta(days=7)
RESET_LIFETIME = timedelta(hours=24)
MIN_PASSWORD_LENGTH = 10


class Role(StrEnum):
    ADMIN = "admin"
    CLINICIAN = "clinician"
    CLIENT = "client"


class RequestStatus(StrEnum):
    NEW = "new"
    CONTACTED = "contacted"
    BOOKED = "booked"
    CLOSED = "closed"


class AuditAction(StrEnum):
    VIEWED = "viewed"
    CHANGED = "changed"
    ACCOUNT = "account"  # log-ins, log-outs, account changes


@dataclass(frozen=True, slots=True)
class User:
    id: str
    email: str
    role: Role
    display_name: str
    created_at: datetime
    password_hash: str | None = None  # None until an invited client sets a password
    person_id: str | None = None  # clients: the person whose records are theirs
    active: bool = True
    failed_logins: int = 0  # unused since limits moved to login_failures; kept for old rows
    locked_until: datetime | None = None  # set while the backstop holds the account
    totp_secret: str | None = None  # clinicians and admins may turn on two-factor
    recovery_codes: tuple[str, ...] = ()  # hashes of the unused two-factor recovery codes

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until


@dataclass(frozen=True, slots=True)
class WebSession:
    """A logged-in browser. ``id`` is the hash of the cookie's token, never the token."""

    id: str
    user_id: str
    created_at: datetime
    expires_at: datetime
    verified: bool = True  # False while the two-factor code is still due
    last_seen_at: datetime | None = None  # the last request; None until the first one

    def is_live(self, now: datetime) -> bool:
        return now < self.expires_at

    def is_idle(self, now: datetime, idle: timedelta) -> bool:
        """True when no request came for ``idle`` (counted from log-in before any request)."""
        return now - (self.last_seen_at or self.created_at) >= idle


@dataclass(frozen=True, slots=True)
class Invite:
    """A single-use, expiring code that lets a client set their first password."""

    id: str  # hash of the code
    user_id: str
    created_by: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None

    def usable(self, now: datetime) -> bool:
        return self.used_at is None and now < self.expires_at


@dataclass(frozen=True, slots=True)
class PasswordReset:
    """A single-use, expiring link issued by an admin or the client's clinician."""

    id: str  # hash of the token
    user_id: str
    created_by: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None

    def usable(self, now: datetime) -> bool:
        return self.used_at is None and now < self.expires_at


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: str
    at: datetime
    actor_id: str | None
    action: AuditAction
    what: str  # e.g. "client detail", "plan adjusted", "login"
    person_id: str | None = None  # whose records, when a person's records were touched
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Message:
    id: str
    person_id: str  # the client's record it belongs to
    author_id: str
    sent_at: datetime
    body: str
    read_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class TreatmentRequest:
    id: str
    created_at: datetime
    name: str
    contact: str
    concern: str
    consent: bool
    source: str = ""  # hash of the sender's address, for the rate limit
    status: RequestStatus = RequestStatus.NEW
    note: str = ""
    user_id: str | None = None  # set when converted into an invited client


def can_view_person(user: User, person: Person) -> bool:
    """Clients see only their own records; clinicians only their own clients'."""
    if not user.active:
        return False
    if user.role is Role.CLIENT:
        return user.person_id == person.id
    if user.role is Role.CLINICIAN:
        return person.clinician_id == user.id
    return False  # admins manage accounts, not clinical records


def can_change_person(user: User, person: Person) -> bool:
    """The same people as can_view_person; kept apart so the rules can diverge later."""
    return can_view_person(user, person)


def can_manage_accounts(user: User) -> bool:
    return user.active and user.role is Role.ADMIN


def can_issue_reset(actor: User, target: User, target_person: Person | None) -> bool:
    """Admins reset anyone; a clinician resets only their own clients' passwords."""
    if not actor.active or actor.id == target.id:
        return False
    if actor.role is Role.ADMIN:
        return True
    return (
        actor.role is Role.CLINICIAN
        and target.role is Role.CLIENT
        and target_person is not None
        and target_person.clinician_id == actor.id
    )


def uses_two_factor(user: User) -> bool:
    return user.role is not Role.CLIENT and user.totp_secret is not None


def after_good_login(user: User) -> User:
    return replace(user, failed_logins=0, locked_until=None)


@dataclass(frozen=True, slots=True)
class LoginFailure:
    """One failed log-in attempt, kept only as long as its limit looks back. ``source`` is a
    hash: of the address, of the e-mail with the address, or of the e-mail alone."""

    id: str
    source: str
    at: datetime


class RateLimited(PsoasError):
    """Too many attempts from one place in a short time; try again later."""

    def __init__(self, message: str, retry_after: int = 3600) -> None:
        super().__init__(message)
        self.retry_after = retry_after  # seconds, for the Retry-After header


def too_many_failures(failures_from_source: int) -> bool:
    """Failed log-ins (wrong passwords, unknown emails, wrong codes) from one address in the
    last SOURCE_WINDOW: beyond the limit that address waits, whichever accounts it tries, so
    one password cannot be sprayed over every account."""
    return failures_from_source >= MAX_FAILURES_PER_SOURCE


def pair_locked(failures_for_email_from_address: int) -> bool:
    """Failures for one typed e-mail from one address in the last LOCKOUT: beyond the limit that
    address waits for that e-mail only, so a stranger elsewhere cannot lock the owner out.
    Counted for every typed e-mail alike, so the answer never tells whether an account exists."""
    return failures_for_email_from_address >= MAX_FAILED_LOGINS


def account_locked(failures_for_email: int) -> bool:
    """The backstop: failures for one e-mail from all addresses in the last ACCOUNT_WINDOW."""
    return failures_for_email >= MAX_FAILURES_PER_ACCOUNT
