"""Stores for paired phones and for replies kept by Idempotency-Key."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from psoas.domain.records.devices import KeptReply, PairedDevice, PairingOffer
from psoas.storage import device_tables as d


def _device(row: object) -> PairedDevice:
    m = row._mapping  # type: ignore[attr-defined]
    return PairedDevice(
        m["id"], m["name"], m["token_hash"], m["paired_at"], m["last_seen_at"], m["address"]
    )


def _reply(row: object) -> KeptReply:
    m = row._mapping  # type: ignore[attr-defined]
    return KeptReply(
        m["key"], m["fingerprint"], m["created_at"], m["status"], m["body"], m["person_id"]
    )


class SqlPairedDeviceStore:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, device: PairedDevice) -> None:
        row = {
            "id": device.id,
            "name": device.name,
            "token_hash": device.token_hash,
            "paired_at": device.paired_at,
            "last_seen_at": device.last_seen_at,
            "address": device.address,
        }
        self.conn.execute(insert(d.paired_devices), [row])

    def list(self) -> Sequence[PairedDevice]:
        c = d.paired_devices.c
        rows = self.conn.execute(select(d.paired_devices).order_by(c.paired_at, c.id))
        return [_device(r) for r in rows]

    def by_token_hash(self, token_hash: str) -> PairedDevice | None:
        c = d.paired_devices.c
        row = self.conn.execute(select(d.paired_devices).where(c.token_hash == token_hash)).first()
        return None if row is None else _device(row)

    def touch(self, device_id: str, at: datetime) -> None:
        c = d.paired_devices.c
        self.conn.execute(update(d.paired_devices).where(c.id == device_id).values(last_seen_at=at))

    def remove(self, device_id: str) -> bool:
        c = d.paired_devices.c
        return self.conn.execute(delete(d.paired_devices).where(c.id == device_id)).rowcount > 0

    def set_offer(self, offer: PairingOffer) -> None:
        """The one pending pairing code (any earlier one stops working)."""
        self.conn.execute(delete(d.pairing_offers))
        row = {"code": offer.code, "expires_at": offer.expires_at, "tries": offer.tries}
        self.conn.execute(insert(d.pairing_offers), [row])

    def offer(self) -> PairingOffer | None:
        row = self.conn.execute(select(d.pairing_offers)).first()
        if row is None:
            return None
        m = row._mapping
        return PairingOffer(m["code"], m["expires_at"], m["tries"])

    def count_try(self) -> None:
        c = d.pairing_offers.c
        self.conn.execute(update(d.pairing_offers).values(tries=c.tries + 1))

    def clear_offer(self) -> None:
        self.conn.execute(delete(d.pairing_offers))


class SqlKeptReplyStore:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def claim(self, reply: KeptReply) -> KeptReply | None:
        """Insert ``reply`` (still pending); if its key is taken, the reply already there."""
        row = {
            "key": reply.key,
            "fingerprint": reply.fingerprint,
            "created_at": reply.created_at,
            "status": None,
            "body": None,
            "person_id": reply.person_id,
        }
        try:
            with self.conn.begin_nested():
                self.conn.execute(insert(d.kept_replies), [row])
        except IntegrityError:
            return self.get(reply.key)
        return None

    def get(self, key: str) -> KeptReply | None:
        c = d.kept_replies.c
        row = self.conn.execute(select(d.kept_replies).where(c.key == key)).first()
        return None if row is None else _reply(row)

    def retake(self, key: str, at: datetime) -> None:
        """A pending claim left behind by a crash: restart its clock for a new attempt."""
        c = d.kept_replies.c
        self.conn.execute(
            update(d.kept_replies).where(c.key == key, c.status.is_(None)).values(created_at=at)
        )

    def finish(self, key: str, status: int, body: str) -> None:
        c = d.kept_replies.c
        self.conn.execute(
            update(d.kept_replies).where(c.key == key).values(status=status, body=body)
        )

    def release(self, key: str) -> None:
        c = d.kept_replies.c
        self.conn.execute(delete(d.kept_replies).where(c.key == key, c.status.is_(None)))

    def prune(self, before: datetime) -> int:
        c = d.kept_replies.c
        return self.conn.execute(delete(d.kept_replies).where(c.created_at < before)).rowcount
