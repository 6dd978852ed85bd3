"""Clinic accounts: creating users, logging in and out, two-factor, and the audit log.

Tokens given to browsers (session cookies, invite codes, reset links) are random; only their
SHA-256 hashes are stored, so a copy of the database lets nobody log in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from psoas.domain.clinic.accounts import (
    ACCOUNT_WINDOW,
    SESSION_LIFETIME,
    AuditAction,
    AuditEntry,
    RateLimited,
    Role,
    User,
    WebSession,
    after_good_login,
    uses_two_factor,
)
from psoas.domain.errors import InvalidValue, LoginRequired, NotAllowed
from psoas.ports import UnitOfWork
from psoas.services.clinic.account_rules import (
    MAX_PASSWORD_LENGTH,
    audit_address,
    check_email,
    check_name,
    check_password,
    hasher,
    new_token,
    record,
    token_hash,
    two_factor,
)
from psoas.services.clinic.login_limits import (
    Attempt,
    attempt,
    check_attempt,
    check_source,
    count_attempt_failure,
    forget_pair,
)
from psoas.services.context import Context
from psoas.services.ids import new_id

BAD_LOGIN = "Wrong email or password."
SEEN_STEP = timedelta(minutes=1)  # how often a session's last request is written down


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
        password_hash=(
            hasher(ctx).hash(check_password(password, ctx.common_passwords)) if password else None
        ),
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
    """Check the password (counting failures by address, by e-mail and address, and by e-mail)
    and start a new session.

    The session id always changes on log-in (no fixation); a clinician or admin with two-factor
    gets an unverified session until ``verify_code``. ``address`` is where the attempt came
    from. Every refusal is written to the audit log with the address hashed.
    """
    now = ctx.clock.now()
    tried = attempt(email, address)
    where = f"from {audit_address(address)}"
    with ctx.uow() as uow:
        user = uow.users.find_by_email(email.strip().lower()) if email else None
        refused = _limit_refusal(uow, tried, now)
        if refused is not None:
            record(uow, ctx, user, AuditAction.ACCOUNT, "log-in refused: too many", detail=where)
            problem = ""
        else:
            problem = _password_problem(ctx, user, password)
            if problem:
                if count_attempt_failure(uow, tried, now) and user is not None:
                    uow.users.update(replace(user, locked_until=now + ACCOUNT_WINDOW))
                what = "failed login" if user is not None else "failed login: unknown e-mail"
                record(uow, ctx, user, AuditAction.ACCOUNT, what, detail=where)
    if refused is not None:  # the audit entry is committed before the error leaves
        raise refused
    if problem:
        raise LoginRequired(problem)
    return _start_session(ctx, user, old_token, tried)  # type: ignore[arg-type]


def _limit_refusal(uow: UnitOfWork, tried: Attempt, now: datetime) -> RateLimited | None:
    try:
        check_source(uow, tried.address, now)
        check_attempt(uow, tried, now)
    except RateLimited as exc:
        return exc
    return None


def _password_problem(ctx: Context, user: User | None, password: str) -> str:
    """Why the log-in fails ("" when it succeeds); the same words for every failure."""
    if user is None or not user.active or user.password_hash is None:
        hasher(ctx).hash(password[:MAX_PASSWORD_LENGTH])  # same time as a real check
        return BAD_LOGIN
    if not hasher(ctx).verify(user.password_hash, password[:MAX_PASSWORD_LENGTH]):
        return BAD_LOGIN
    return ""


def _start_session(ctx: Context, user: User, old_token: str | None, tried: Attempt) -> LoginResult:
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
        if not needs_code:
            forget_pair(uow, tried, now)
        uow.users.update(after_good_login(user))
        uow.auth_sessions.add(session)
        record(uow, ctx, user, AuditAction.ACCOUNT, "login")
    return LoginResult(user, token, needs_code)


def verify_code(ctx: Context, token: str, code: str, address: str = "") -> str:
    """Finish a two-factor log-in; returns a fresh token (the session id changes again).

    Wrong codes count like wrong passwords (a lock ends this half-finished log-in). A code is
    accepted once: its time step is claimed in the database, so the same code (or an older
    one) cannot log in again, in this process or any other (RFC 6238 section 5.2).
    """
    now = ctx.clock.now()
    with ctx.uow() as uow:
        session = uow.auth_sessions.find(token_hash(token))
        if session is None or not session.is_live(now):
            raise LoginRequired("Your log-in has expired; start again.")
        user = uow.users.get(session.user_id)
    tried = attempt(user.email, address)
    with ctx.uow() as uow:
        refused = _limit_refusal(uow, tried, now)
        if refused is not None:
            uow.auth_sessions.delete(session.id)
            where = f"from {audit_address(address)}"
            record(uow, ctx, user, AuditAction.ACCOUNT, "log-in refused: too many", detail=where)
    if refused is not None:
        raise LoginRequired(refused.message)
    step = _accepted_step(ctx, user, code, now)
    if step is None:
        with ctx.uow() as uow:
            count_attempt_failure(uow, tried, now)
            record(uow, ctx, user, AuditAction.ACCOUNT, "wrong two-factor code")
        raise InvalidValue("code", "that code is not right; use the newest one in your app")
    fresh = new_token()
    with ctx.uow() as uow:
        if not uow.users.claim_totp_step(user.id, step):
            raise InvalidValue("code", "that code was used already; wait for the next one")
        forget_pair(uow, tried, now)
        uow.auth_sessions.delete(session.id)
        uow.auth_sessions.add(replace(session, id=token_hash(fresh), verified=True))
        record(uow, ctx, user, AuditAction.ACCOUNT, "two-factor code accepted")
    return fresh


def _accepted_step(ctx: Context, user: User, code: str, now: datetime) -> int | None:
    if user.totp_secret is None:
        return None
    return two_factor(ctx).matching_step(user.totp_secret, code, now)


def session_user(
    ctx: Context, token: str | None, idle: timedelta | None = None
) -> tuple[User, WebSession] | None:
    """The account behind a cookie, if its session is live; None otherwise.

    With ``idle``, a session without a request for that long ends too, and a live one notes
    this request (at most once a minute, in the database so every process agrees).
    """
    if not token or len(token) > 200:
        return None
    now = ctx.clock.now()
    with ctx.uow() as uow:
        session = uow.auth_sessions.find(token_hash(token))
        if session is None:
            return None
        if not session.is_live(now) or (idle is not None and session.is_idle(now, idle)):
            uow.auth_sessions.delete(session.id)
            return None
        if idle is not None and now - (session.last_seen_at or session.created_at) >= SEEN_STEP:
            session = replace(session, last_seen_at=now)
            uow.auth_sessions.update(session)
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
    step = two_factor(ctx).matching_step(secret, code, ctx.clock.now())
    if step is None:
        raise InvalidValue("code", "that code is not right; check the app's clock and try again")
    with ctx.uow() as uow:
        updated = replace(uow.users.get(user.id), totp_secret=secret)
        uow.users.update(updated)
        uow.users.claim_totp_step(user.id, step)  # the set-up code cannot log in afterwards
        record(uow, ctx, user, AuditAction.ACCOUNT, "two-factor turned on")
    return updated


def audit_log(ctx: Context, actor: User, limit: int = 500) -> Sequence[AuditEntry]:
    if actor.role is not Role.ADMIN:
        raise NotAllowed("Only an admin can read the audit log.")
    with ctx.uow() as uow:
        return uow.audit.list(limit=limit)
