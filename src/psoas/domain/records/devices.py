"""Paired phones and replies kept for repeated requests (both plain records, no rules).

A **paired device** is a phone that completed pairing with a personal-mode server started with
``psoas serve --phone``: it holds a long random token (the store keeps only its hash) and is
listed by the name the person gave it, until revoked.

A **kept reply** is the answer to a write sent with an ``Idempotency-Key``: a phone that sends
a queued record again (its first answer was lost with the connection) gets the same answer and
nothing is written twice. ``status`` is None while the first request is still being handled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class PairedDevice:
    id: str
    name: str
    token_hash: str
    paired_at: datetime
    last_seen_at: datetime
    address: str = ""  # the network address it paired from (shown, never trusted)


@dataclass(frozen=True, slots=True)
class KeptReply:
    key: str
    fingerprint: str  # what the request was: the same key with another request is refused
    created_at: datetime
    status: int | None = None
    body: str | None = None  # the JSON answer, exactly as first sent
    person_id: str | None = None


@dataclass(frozen=True, slots=True)
class PairingOffer:
    """The short code a phone types (or reads from the QR code) to pair; single use, short-lived,
    and dropped after a few wrong tries."""

    code: str
    expires_at: datetime
    tries: int = 0
