"""Two-factor recovery codes: ten single-use codes shown once when two-factor log-in is turned
on (or made anew), each standing in for one authenticator code when the phone is lost. Only
their hashes are stored; wrong codes count like wrong two-factor codes."""

from __future__ import annotations

import secrets
from dataclasses import replace

from psoas.domain.clinic.accounts import AuditAction, RateLimited, User
from psoas.domain.errors import InvalidValue, LoginRequired
from psoas.services.clinic.accounts import new_token, record, token_hash
from psoas.services.clinic.login_limits import (
    attempt,
    check_attempt,
    check_source,
    count_attempt_failure,
    forget_pair,
)
from psoas.services.context import Context

COUNT = 10
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def _normal(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch.isalnum())[:16]


def _new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def issue(ctx: Context, user: User) -> list[str]:
    """Ten new codes for ``user`` (earlier ones stop working); shown once, stored hashed."""
    codes = [_new_code() for _ in range(COUNT)]
    with ctx.uow() as uow:
        current = uow.users.get(user.id)
        if current.totp_secret is None:
            raise InvalidValue("two_factor", "Turn on two-factor log-in first.")
        hashes = tuple(token_hash(_normal(c)) for c in codes)
        uow.users.update(replace(current, recovery_codes=hashes))
        record(uow, ctx, user, AuditAction.ACCOUNT, "recovery codes made")
    return codes


def verify(ctx: Context, token: str, code: str, address: str = "") -> str:
    """Finish a two-factor log-in with a recovery code (spent); returns a fresh token. The same
    limits as for two-factor codes apply: per address, per e-mail and address, and the backstop."""
    now = ctx.clock.now()
    with ctx.uow() as uow:
        session = uow.auth_sessions.find(token_hash(token)) if token else None
        if session is None or not session.is_live(now):
            raise LoginRequired("Your log-in has expired; start again.")
        user = uow.users.get(session.user_id)
    tried = attempt(user.email, address)
    try:
        with ctx.uow() as uow:
            check_source(uow, tried.address, now)
            check_attempt(uow, tried, now)
    except RateLimited as refused:
        with ctx.uow() as uow:
            uow.auth_sessions.delete(session.id)
        raise LoginRequired(refused.message) from None
    wanted = token_hash(_normal(code))
    if wanted not in user.recovery_codes:
        with ctx.uow() as uow:
            count_attempt_failure(uow, tried, now)
            record(uow, ctx, user, AuditAction.ACCOUNT, "wrong recovery code")
        raise InvalidValue("code", "that recovery code is not right, or was used already")
    fresh = new_token()
    with ctx.uow() as uow:
        left = tuple(h for h in user.recovery_codes if h != wanted)
        uow.users.update(replace(user, recovery_codes=left))
        forget_pair(uow, tried, now)
        uow.auth_sessions.delete(session.id)
        uow.auth_sessions.add(replace(session, id=token_hash(fresh), verified=True))
        record(uow, ctx, user, AuditAction.ACCOUNT, f"recovery code used, {len(left)} left")
    return fresh
