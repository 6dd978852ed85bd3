"""Clinic settings (one row per server) and an index for reading the audit log by actor.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    json = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
    op.create_table(
        "clinic_settings",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("data", json, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_clinic_settings"),
    )
    op.create_index("ix_audit_log_actor_at", "audit_log", ["actor_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_actor_at", table_name="audit_log")
    op.drop_table("clinic_settings")
