"""Slowing down guessing, with every count in the database (so every server process sees it):

- per address: failed log-ins and wrong two-factor codes from one (hashed) address, whichever
  e-mails they name (against spraying one password over every account);
- per e-mail and address: five failures for one typed e-mail from one address make that
  address wait for that e-mail; the owner logging in from elsewhere is not locked out;
- per e-mail (the slower backstop): many failures for one e-mail from all addresses together
  hold it for everyone until they age out.

Counts are kept by typed e-mail, whether or not an account has it, so a lock answers the same
for every e-mail and never tells which ones have accounts. The database keeps only hashes, and
only for the length of each window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from psoas.domain.clinic.accounts import (
    ACCOUNT_WINDOW,
    LOCKOUT,
    SOURCE_WINDOW,
    LoginFailure,
    RateLimited,
    account_locked,
    pair_locked,
    too_many_failures,
)
from psoas.ports import UnitOfWork
from psoas.services.ids import hashed_address, new_id

SLOW_DOWN = (
    "Too many failed log-ins from your network in the last few minutes. "
    "Please wait 15 minutes and try again, or ask your clinic for a reset link."
)
LOCKED = (
    "Too many failed attempts with this email: log-ins with it are locked for a while. "
    "Please wait and try again, or ask your clinic for a reset link."
)


@dataclass(frozen=True)
class Attempt:
    """Where a log-in attempt came from and which e-mail it named, as the stored hashes."""

    address: str
    pair: str
    email: str


def attempt(email: str, address: str) -> Attempt:
    typed = email.strip().lower()
    return Attempt(
        address=login_source(address),
        pair=hashed_address("login-pair", f"{typed}\n{address}"),
        email=hashed_address("login-email", typed),
    )


def login_source(address: str) -> str:
    return hashed_address("login", address)


def check_source(uow: UnitOfWork, source: str, now: datetime) -> None:
    """RateLimited when this address has failed too often lately (nothing is checked then)."""
    if too_many_failures(uow.login_failures.count_since(source, now - SOURCE_WINDOW)):
        raise RateLimited(SLOW_DOWN, retry_after=int(SOURCE_WINDOW.total_seconds()))


def check_attempt(uow: UnitOfWork, tried: Attempt, now: datetime) -> None:
    """RateLimited (the same words for every e-mail) when this e-mail is locked for this
    address, or for everyone by the backstop."""
    if pair_locked(uow.login_failures.count_since(tried.pair, now - LOCKOUT)):
        raise RateLimited(LOCKED, retry_after=int(LOCKOUT.total_seconds()))
    if account_locked(uow.login_failures.count_since(tried.email, now - ACCOUNT_WINDOW)):
        raise RateLimited(LOCKED, retry_after=int(ACCOUNT_WINDOW.total_seconds()))


def count_failure(uow: UnitOfWork, source: str, now: datetime) -> None:
    _count(uow, source, now, SOURCE_WINDOW)


def count_attempt_failure(uow: UnitOfWork, tried: Attempt, now: datetime) -> bool:
    """One failure on all three counts; True when the e-mail's backstop now holds."""
    _count(uow, tried.address, now, SOURCE_WINDOW)
    _count(uow, tried.pair, now, LOCKOUT)
    _count(uow, tried.email, now, ACCOUNT_WINDOW)
    return account_locked(uow.login_failures.count_since(tried.email, now - ACCOUNT_WINDOW))


def forget_pair(uow: UnitOfWork, tried: Attempt, now: datetime) -> None:
    """A good log-in clears its own e-mail-and-address count (like a counter reset)."""
    uow.login_failures.forget_before(tried.pair, now + timedelta(seconds=1))


def forget_email(uow: UnitOfWork, email: str, now: datetime) -> None:
    """A password reset lifts the backstop for the account's e-mail."""
    tried = attempt(email, "")
    uow.login_failures.forget_before(tried.email, now + timedelta(seconds=1))


def _count(uow: UnitOfWork, source: str, now: datetime, window: timedelta) -> None:
    uow.login_failures.forget_before(source, now - window)
    uow.login_failures.add(LoginFailure(id=new_id(), source=source, at=now))
