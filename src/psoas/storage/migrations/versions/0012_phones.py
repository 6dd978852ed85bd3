"""Phones: paired devices and the pending pairing code for ``psoas serve --phone`` and replies kept for writes sent with an
Idempotency-Key (a phone's offline queue may send a record twice; it is written once).

Revision ID: 0012
Revises: 0010
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def _when(name: str) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "paired_devices",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        _when("paired_at"),
        _when("last_seen_at"),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_paired_devices"),
        sa.UniqueConstraint("token_hash", name="uq_paired_devices_token_hash"),
    )
    op.create_table(
        "pairing_offers",
        sa.Column("code", sa.String(length=16), nullable=False),
        _when("expires_at"),
        sa.Column("tries", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_pairing_offers"),
    )
    op.create_table(
        "kept_replies",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        _when("created_at"),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column(
            "person_id",
            sa.String(length=64),
            sa.ForeignKey("people.id", ondelete="CASCADE", name="fk_kept_replies_person_id_people"),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("key", name="pk_kept_replies"),
    )
    op.create_index("ix_kept_replies_created_at", "kept_replies", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_kept_replies_created_at", table_name="kept_replies")
    op.drop_table("kept_replies")
    op.drop_table("pairing_offers")
    op.drop_table("paired_devices")
