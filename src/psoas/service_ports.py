"""Interfaces for the outside services psoas uses besides its database.

Password hashing, two-factor codes, the common-password list, e-mail and desktop
notifications. Adapters (``psoas.bootstrap``, ``psoas.notify``) satisfy them structurally.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


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


class Delivery(Protocol):
    """What happened to a notification: shown on the desktop or printed, and any button pressed."""

    shown: bool
    how: str
    note: str
    action: str | None


class Notifier(Protocol):
    def notify(self, title: str, body: str, actions: dict[str, str] | None = None) -> Delivery: ...
