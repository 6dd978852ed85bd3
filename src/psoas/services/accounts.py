"""Clinic accounts: creating users, logging in and out, two-factor, and the audit log.

Tokens given to browsers (session cookies, invite codes, reset links) are random; only their
SHA-256 hashes are stored, so a copy of the database lets nobody log in.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from psoas.domain.accounts import (
    MIN_PASSWORD_LENGTH,
    SESSION_LIFETIME,
    AuditAction,
    AuditEntry,
    Role,
    User,
    WebSession,
    after_failed_login,
    after_good_login,
    uses_two_factor,
)
from psoas.domain.errors import InvalidValue, LoginRequired, NotAllowed, StorageError
from psoas.ports import PasswordHasher, TwoFactor, UnitOfWork
from psoas.services.context import Context
from psoas.services.ids import new_id
from psoas.services.login_limits import check_source, count_failure, login_source

EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s]{1,63}$")
BAD_LOGIN = "Wrong email or password."
LOCKED = (
    "Too many failed attempts: this account is locked for a while. "
    "Try again later or ask your clinic for a reset link."
)
MAX_PASSWORD_LENGTH = 1000


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hasher(ctx: Context) -> PasswordHasher:
    if ctx.hasher is None:
        raise StorageError("Accounts need a password hasher; start psoas through bootstrap.")
    return ctx.hasher


def two_factor(ctx: Context) -> TwoFactor:
    if ctx.two_factor is None:
        raise StorageError("Two-factor codes need a TOTP adapter; start psoas through bootstrap.")
    return ctx.two_factor


def check_email(email: str) -> str:
    email = email.strip().lower()
    if not EMAIL.match(email) or len(email) > 320:
        raise InvalidValue("email", "must look like name@example.org")
    return email


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidValue("password", f"must be at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidValue("password", f"must be at most {MAX_PASSWORD_LENGTH} characters")
    return password


def check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 200:
        raise InvalidValue("display_name", "must be 1-200 characters")
    return name


def record(
    uow: UnitOfWork,
    ctx: Context,
    actor: User | None,
    action: AuditAction,
    what: str,
    person_id: str | None = None,
    detail: str = "",
) -> None:
    """Add one audit entry inside the caller's transaction."""
    entry = AuditEntry(
        id=new_id(),
        at=ctx.clock.now(),
        actor_id=actor.id if actor else None,
        action=action,
        what=what,
        person_id=person_id,
        detail=detail[:500],
    )
    uow.audit.add(entry)


def create_account(
    ctx: Context,
    *,
    email: str,
    role: Role,
    display_name: str,
    password: str | None,
    actor: User | None = None,
    person_id: str | None = None,
) -> User:
    """A new account; staff accounts need a password now, clients may get one by invite."""
    if actor is not None and actor.role is not Role.ADMIN:
        raise NotAllowed("Only an admin can create accounts here.")
    user = User(
        id=new_id(),
        email=check_email(email),
        role=Role(role),
        display_name=check_name(display_name),
        created_at=ctx.clock.now(),
        password_hash=hasher(ctx).hash(check_password(password)) if password else None,
        person_id=person_id,
    )
    if user.role is not Role.CLIENT and user.password_hash is None:
        raise InvalidValue("password", "staff accounts need a password")
    with ctx.uow() as uow:
        uow.users.add(user)
        record(uow, ctx, actor, AuditAction.ACCOUNT, f"created {user.role.value} {user.email}")
    return user


def set_active(ctx: Context, admin: User, user_id: str, active: bool) -> User:
    """Turn an account off (its sessions end at once) or back on; admins only, not themselves."""
    if admin.role is not Role.ADMIN:
        raise NotAllowed("Only an admin can turn accounts on or off.")
    if admin.id == user_id:
        raise InvalidValue("active", "you cannot turn off your own account")
    with ctx.uow() as uow:
        user = replace(uow.users.get(user_id), active=active)
        uow.users.update(user)
        if not active:
            uow.auth_sessions.delete_for_user(user_id)
        word = "turned on" if active else "turned off"
        record(uow, ctx, admin, AuditAction.ACCOUNT, f"account {word}: {user.email}")
    return user


def list_accounts(ctx: Context) -> Sequence[User]:
    with ctx.uow() as uow:
        return uow.users.list()


@dataclass(frozen=True)
class LoginResult:
    user: User
    token: str  # the new cookie value; the old session (if any) is gone
    needs_code: bool  # two-factor code still due


def login(
    ctx: Context, email: str, password: str, old_token: str | None = None, address: str = ""
) -> LoginResult:
    """Check the password (counting failures, locking after too many) and start a new session.

    The session id always changes on log-in (no fixation); a clinician or admin with two-factor
    gets an unverified session until ``verify_code``. ``address`` is where the attempt came
    from: too many failures from one address answer RateLimited, whichever accounts it tries.
    """
    now = ctx.clock.now()
    source = login_source(address)
    with ctx.uow() as uow:
        check_source(uow, source, now)
        user = uow.users.find_by_email(email.strip().lower()) if email else None
        problem = _password_problem(uow, ctx, user, password, now)
        if problem:
            count_failure(uow, source, now)
    if problem:  # the failure counts are committed before the error leaves
        raise LoginRequired(problem)
    return _start_session(ctx, user, old_token)  # type: ignore[arg-type]


def _password_problem(
    uow: UnitOfWork, ctx: Context, user: User | None, password: str, now: datetime
) -> str:
    """Why the log-in fails ("" when it succeeds); a wrong password counts on the account."""
    if user is None or not user.active or user.password_hash is None:
        hasher(ctx).hash(password[:MAX_PASSWORD_LENGTH])  # same time as a real check
        return BAD_LOGIN
    if user.is_locked(now):
        return LOCKED
    if not hasher(ctx).verify(user.password_hash, password[:MAX_PASSWORD_LENGTH]):
        uow.users.update(after_failed_login(user, now))
        record(uow, ctx, user, AuditAction.ACCOUNT, "failed login")
        return BAD_LOGIN
    return ""


def _start_session(ctx: Context, user: User, old_token: str | None) -> LoginResult:
    now = ctx.clock.now()
    token = new_token()
    needs_code = uses_two_factor(user)
    session = WebSession(
        id=token_hash(token),
        user_id=user.id,
        created_at=now,
        expires_at=now + SESSION_LIFETIME,
        verified=not needs_code,
    )
    with ctx.uow() as uow:
        if old_token:
            uow.auth_sessions.delete(token_hash(old_token))
        uow.users.update(after_good_login(user))
        uow.auth_sessions.add(session)
        record(uow, ctx, user, AuditAction.ACCOUNT, "login")
    return LoginResult(user, token, needs_code)


def verify_code(ctx: Context, token: str, code: str, address: str = "") -> str:
    """Finish a two-factor log-in; returns a fresh token (the session id changes again).

    Wrong codes count like wrong passwords: on the account (whose lock also ends this
    half-finished log-in) and on the address.
    """
    now = ctx.clock.now()
    source = login_source(address)
    with ctx.uow() as uow:
        check_source(uow, source, now)
        session = uow.auth_sessions.find(token_hash(token))
        if session is None or not session.is_live(now):
            raise LoginRequired("Your log-in has expired; start again.")
        user = uow.users.get(session.user_id)
        if user.is_locked(now):
            uow.auth_sessions.delete(session.id)
    if user.is_locked(now):
        raise LoginRequired(LOCKED)
    if user.totp_secret is None or not two_factor(ctx).verify(user.totp_secret, code, now):
        with ctx.uow() as uow:
            uow.users.update(after_failed_login(user, now))
            count_failure(uow, source, now)
            record(uow, ctx, user, AuditAction.ACCOUNT, "wrong two-factor code")
        raise InvalidValue("code", "that code is not right; use the newest one in your app")
    fresh = new_token()
    with ctx.uow() as uow:
        uow.auth_sessions.delete(session.id)
        uow.auth_sessions.add(replace(session, id=token_hash(fresh), verified=True))
        record(uow, ctx, user, AuditAction.ACCOUNT, "two-factor code accepted")
    return fresh


def session_user(ctx: Context, token: str | None) -> tuple[User, WebSession] | None:
    """The account behind a cookie, if its session is live; None otherwise."""
    if not token or len(token) > 200:
        return None
    with ctx.uow() as uow:
        session = uow.auth_sessions.find(token_hash(token))
        if session is None:
            return None
        if not session.is_live(ctx.clock.now()):
            uow.auth_sessions.delete(session.id)
            return None
        user = uow.users.get(session.user_id)
    return (user, session) if user.active else None


def logout(ctx: Context, token: str) -> None:
    with ctx.uow() as uow:
        found = uow.auth_sessions.find(token_hash(token))
        uow.auth_sessions.delete(token_hash(token))
        if found is not None:
            record(uow, ctx, uow.users.get(found.user_id), AuditAction.ACCOUNT, "logout")


def logout_everywhere(ctx: Context, user: User) -> int:
    """End every session of the account (all browsers and devices)."""
    with ctx.uow() as uow:
        ended = uow.auth_sessions.delete_for_user(user.id)
        record(uow, ctx, user, AuditAction.ACCOUNT, "logout everywhere", detail=str(ended))
    return ended


def start_two_factor(ctx: Context, user: User) -> tuple[str, str]:
    """A new secret and its otpauth:// URI to type or scan; not active until confirmed."""
    if user.role is Role.CLIENT:
        raise NotAllowed("Two-factor codes are for clinicians and admins.")
    secret = two_factor(ctx).new_secret()
    return secret, two_factor(ctx).setup_uri(secret, user.email)


def confirm_two_factor(ctx: Context, user: User, secret: str, code: str) -> User:
    if user.role is Role.CLIENT:
        raise NotAllowed("Two-factor codes are for clinicians and admins.")
    if not two_factor(ctx).verify(secret, code, ctx.clock.now()):
        raise InvalidValue("code", "that code is not right; check the app's clock and try again")
    with ctx.uow() as uow:
        updated = replace(uow.users.get(user.id), totp_secret=secret)
        uow.users.update(updated)
        record(uow, ctx, user, AuditAction.ACCOUNT, "two-factor turned on")
    return updated


def audit_log(ctx: Context, actor: User, limit: int = 500) -> Sequence[AuditEntry]:
    if actor.role is not Role.ADMIN:
        raise NotAllowed("Only an admin can read the audit log.")
    with ctx.uow() as uow:
        return uow.audit.list(limit=limit)
