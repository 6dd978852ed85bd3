"""Paired phones, pairing codes and kept replies on SQLite and PostgreSQL: a code pairs one
device, expires, and is used up by wrong guesses; revoking ends a device; a kept reply is
claimed once, finished, released after a failure, and pruned after a week."""

from __future__ import annotations

from datetime import timedelta

import pytest
from tests import factories as f

from psoas.domain.errors import InvalidValue
from psoas.services import devices, once


def test_a_code_pairs_one_device_which_can_be_revoked(ctx, clock):
    offer = devices.new_offer(ctx)
    assert devices.current_offer(ctx) == offer
    device, token = devices.pair(
        ctx, devices.shown_code(offer.code).lower(), " My  phone ", "10.0.0.9"
    )
    assert device.name == "My phone" and token not in device.token_hash
    assert devices.current_offer(ctx) is None  # used
    assert devices.device_for(ctx, token) == device
    assert devices.device_for(ctx, token + "x") is None
    with pytest.raises(InvalidValue):
        devices.pair(ctx, offer.code, "Second phone", "10.0.0.10")
    assert [d.name for d in devices.devices(ctx)] == ["My phone"]
    clock.set(clock.now() + timedelta(minutes=5))
    assert devices.device_for(ctx, token).last_seen_at == device.last_seen_at  # type: ignore[union-attr]
    assert devices.devices(ctx)[0].last_seen_at > device.last_seen_at  # touched after a minute
    assert devices.revoke(ctx, device.id) and not devices.revoke(ctx, device.id)
    assert devices.device_for(ctx, token) is None


def test_codes_expire_and_wrong_guesses_use_them_up(ctx, clock):
    offer = devices.new_offer(ctx)
    clock.set(clock.now() + timedelta(minutes=devices.OFFER_MINUTES, seconds=1))
    with pytest.raises(InvalidValue, match="expired"):
        devices.pair(ctx, offer.code, "Phone", "")
    offer = devices.new_offer(ctx)
    for _ in range(devices.MAX_TRIES):
        with pytest.raises(InvalidValue):
            devices.pair(ctx, "WRONGCOD", "Phone", "")
    assert devices.current_offer(ctx) is None
    with pytest.raises(InvalidValue):
        devices.pair(ctx, offer.code, "Phone", "")
    with pytest.raises(InvalidValue, match="name"):
        devices.pair(ctx, devices.new_offer(ctx).code, "   ", "")
    assert devices.devices(ctx) == []


def test_kept_replies_are_claimed_once(ctx, clock, engine):
    person = f.person()
    with ctx.uow() as uow:
        uow.people.add(person)
    first = once.claim(ctx, "key-0001", "print-a", person.id)
    assert first.mine
    assert once.claim(ctx, "key-0001", "print-a", person.id).busy
    assert once.claim(ctx, "key-0001", "print-b", person.id).clash
    once.keep(ctx, "key-0001", 201, '{"ok":true}')
    kept = once.claim(ctx, "key-0001", "print-a", person.id).kept
    assert kept is not None and kept.status == 201 and kept.body == '{"ok":true}'
    assert once.claim(ctx, "key-0002", "print-c", person.id).mine
    once.release(ctx, "key-0002")
    assert once.claim(ctx, "key-0002", "print-c", person.id).mine  # free again after a failure
    clock.set(clock.now() + timedelta(seconds=once.STALE_SECONDS + 1))
    assert once.claim(ctx, "key-0002", "print-c", person.id).mine  # a dead claim is taken over
    clock.set(clock.now() + timedelta(days=once.KEEP_DAYS, seconds=1))
    assert once.claim(ctx, "key-0001", "print-a", person.id).mine  # pruned after a week
    with ctx.uow() as uow:
        uow.people.delete(person.id)
        assert uow.kept_replies.get("key-0001") is None  # gone with the person
