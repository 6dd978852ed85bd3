"""Pairing a phone with a personal-mode server started for phones (``psoas serve --phone``).

The desktop shows a short code (and a QR code of the pairing link with it); the phone sends
the code with a name for itself and gets a long random token in a cookie. The store keeps
only the token's hash; revoking a device deletes it, and its next request is refused. A code
lasts ``OFFER_MINUTES``, is used once, and stops working after ``MAX_TRIES`` wrong guesses
(with 32**8 codes, guessing is hopeless in five tries).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from datetime import timedelta

from psoas.domain.errors import InvalidValue
from psoas.domain.records.devices import PairedDevice, PairingOffer
from psoas.services.context import Context
from psoas.services.ids import new_id

OFFER_MINUTES = 10
MAX_TRIES = 5
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
CODE_LENGTH = 8
NAME_LENGTH = 60
TOUCH_SECONDS = 60  # how often "last seen" is written


def token_hash(token: str) -> str:
    return hashlib.sha256(f"psoas-device:{token}".encode()).hexdigest()


def normal_code(text: str) -> str:
    """What a person typed, as the code is stored: upper case, no spaces or dashes."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def shown_code(code: str) -> str:
    """ABCD-EFGH: easier to read out and type."""
    return f"{code[:4]}-{code[4:]}"


def new_offer(ctx: Context) -> PairingOffer:
    """A fresh pairing code (the previous one stops working)."""
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    offer = PairingOffer(code, ctx.clock.now() + timedelta(minutes=OFFER_MINUTES))
    with ctx.uow() as uow:
        uow.paired_devices.set_offer(offer)
    return offer


def current_offer(ctx: Context) -> PairingOffer | None:
    """The pairing code still usable, if any."""
    with ctx.uow() as uow:
        offer = uow.paired_devices.offer()
    if offer is None or offer.expires_at <= ctx.clock.now() or offer.tries >= MAX_TRIES:
        return None
    return offer


def pair(ctx: Context, code: str, name: str, address: str) -> tuple[PairedDevice, str]:
    """Check the code and pair the device; returns it and its token (shown only once)."""
    name = " ".join(name.split())
    if not name:
        raise InvalidValue("device_name", "give this device a name, such as 'My phone'")
    if len(name) > NAME_LENGTH:
        raise InvalidValue("device_name", f"at most {NAME_LENGTH} characters")
    now = ctx.clock.now()
    token = secrets.token_urlsafe(32)
    device = PairedDevice(new_id(), name, token_hash(token), now, now, address[:64])
    with ctx.uow() as uow:
        offer = uow.paired_devices.offer()
        usable = offer is not None and offer.expires_at > now and offer.tries < MAX_TRIES
        right = usable and hmac.compare_digest(offer.code.encode(), normal_code(code).encode())
        if right:
            uow.paired_devices.add(device)
            uow.paired_devices.clear_offer()
        elif offer is not None:
            uow.paired_devices.count_try()  # committed: wrong guesses use the code up
    if not right:
        raise InvalidValue(
            "code",
            "this pairing code is wrong or has expired: check it on the computer, "
            "or make a new one there",
        )
    return device, token


def device_for(ctx: Context, token: str | None) -> PairedDevice | None:
    """The paired device holding ``token``, or None (never paired, or revoked)."""
    if not token or len(token) > 200:
        return None
    with ctx.uow() as uow:
        device = uow.paired_devices.by_token_hash(token_hash(token))
        now = ctx.clock.now()
        if device is not None and (now - device.last_seen_at).total_seconds() > TOUCH_SECONDS:
            uow.paired_devices.touch(device.id, now)
    return device


def devices(ctx: Context) -> Sequence[PairedDevice]:
    with ctx.uow() as uow:
        return uow.paired_devices.list()


def revoke(ctx: Context, device_id: str) -> bool:
    """Unpair a device: its cookie stops working at once. False when it was not paired."""
    with ctx.uow() as uow:
        return uow.paired_devices.remove(device_id)
