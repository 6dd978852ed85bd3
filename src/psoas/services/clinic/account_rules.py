"""What the account services share: token hashes, the adapters, the rules for e-mails,
passwords and names, the audit entry, and how an address appears in the audit log."""

from __future__ import annotations

import hashlib
import re
import secrets

from psoas.domain.clinic.accounts import MIN_PASSWORD_LENGTH, AuditAction, AuditEntry, User
from psoas.domain.errors import InvalidValue, StorageError
from psoas.ports import UnitOfWork
from psoas.service_ports import CommonPasswords, PasswordHasher, TwoFactor
from psoas.services.context import Context
from psoas.services.ids import hashed_address, new_id

EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s]{1,63}$")
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


def check_password(password: str, common: CommonPasswords | None = None) -> str:
    """At least MIN_PASSWORD_LENGTH characters, not only spaces, and not one of the passwords
    people pick most often (NIST SP 800-63B 5.1.1.2: check against a list of common ones)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidValue("password", f"must be at least {MIN_PASSWORD_LENGTH} characters")
    if not password.strip():
        raise InvalidValue("password", "must not be only spaces")
    if common is not None and common.is_common(password):
        raise InvalidValue(
            "password", "is one of the most common passwords; choose a longer, rarer one"
        )
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


def audit_address(address: str) -> str:
    """An address as the audit log shows it: a short salted hash, never the address."""
    return "address " + hashed_address("audit", address)[:16]


def record_refusal(
    ctx: Context, actor: User | None, what: str, address: str, person_id: str | None = None
) -> None:
    """Write down a refused request (403, 404 on someone else's record, 429) in its own
    transaction, with the address hashed."""
    with ctx.uow() as uow:
        record(
            uow, ctx, actor, AuditAction.ACCOUNT, what, person_id, f"from {audit_address(address)}"
        )
