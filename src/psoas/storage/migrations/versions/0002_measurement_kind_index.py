"""Index measurements by person, kind and time, for trends of one kind (pain, hip angle ...).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_measurements_person_kind_taken", "measurements", ["person_id", "kind", "taken_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_measurements_person_kind_taken", table_name="measurements")
