"""The last accepted two-factor time step per account, so a code cannot be used twice
(RFC 6238 section 5.2): a column of its own, claimed by one conditional UPDATE, so every
server process over one database agrees. And ``markers``: named moments about the database
(personal mode notes when every record was deleted, so the next command says it starts anew).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("totp_last_step", sa.BigInteger(), nullable=True))
    op.create_table(
        "markers",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_markers"),
    )


def downgrade() -> None:
    op.drop_table("markers")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("totp_last_step")
