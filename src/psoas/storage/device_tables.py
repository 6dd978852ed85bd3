"""Tables for phones: paired devices (``psoas serve --phone``) and the replies kept for writes
sent with an ``Idempotency-Key`` (offline queues replay them)."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table, Text

from psoas.storage.columns import UtcDateTime
from psoas.storage.table_base import ID, id_column, metadata

paired_devices = Table(
    "paired_devices",
    metadata,
    id_column(),
    Column("name", String(80), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("paired_at", UtcDateTime, nullable=False),
    Column("last_seen_at", UtcDateTime, nullable=False),
    Column("address", String(64), nullable=False),
)

kept_replies = Table(
    "kept_replies",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("status", Integer, nullable=True),
    Column("body", Text, nullable=True),
    Column("person_id", String(ID), ForeignKey("people.id", ondelete="CASCADE"), nullable=True),
    Index("ix_kept_replies_created_at", "created_at"),
)

pairing_offers = Table(
    "pairing_offers",
    metadata,
    Column("code", String(16), primary_key=True),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("tries", Integer, nullable=False),
)
