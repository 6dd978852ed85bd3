"""Slowing down guessing from one address: failed log-ins and wrong two-factor codes are
counted per hashed address (the database keeps no address in the clear, and only for the
length of the window), on top of each account's own lockout."""

from __future__ import annotations

from datetime import datetime

from psoas.domain.accounts import SOURCE_WINDOW, LoginFailure, RateLimited, too_many_failures
from psoas.ports import UnitOfWork
from psoas.services.ids import hashed_address, new_id

SLOW_DOWN = (
    "Too many failed log-ins from your network in the last few minutes. "
    "Please wait 15 minutes and try again, or ask your clinic for a reset link."
)


def login_source(address: str) -> str:
    return hashed_address("login", address)


def check_source(uow: UnitOfWork, source: str, now: datetime) -> None:
    """RateLimited when this address has failed too often lately (nothing is checked then)."""
    if too_many_failures(uow.login_failures.count_since(source, now - SOURCE_WINDOW)):
        raise RateLimited(SLOW_DOWN, retry_after=int(SOURCE_WINDOW.total_seconds()))


def count_failure(uow: UnitOfWork, source: str, now: datetime) -> None:
    uow.login_failures.forget_before(source, now - SOURCE_WINDOW)
    uow.login_failures.add(LoginFailure(id=new_id(), source=source, at=now))
