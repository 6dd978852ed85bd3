"""Clinic caseload: plan changes each side sees, alerts marked seen, plan templates, and the
clinician's visit notes and red-flag follow-up.

Revision ID: 0010
Revises: 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0010"
down_revision = "0008"
branch_labels = None
depends_on = None


def _json() -> sa.types.TypeEngine:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _owner(table: str, primary: bool = False) -> sa.Column:
    return sa.Column(
        "person_id",
        sa.String(length=64),
        sa.ForeignKey("people.id", ondelete="CASCADE", name=f"fk_{table}_person_id_people"),
        nullable=False,
        primary_key=primary,
    )


def upgrade() -> None:
    op.create_table(
        "plan_changes",
        sa.Column("id", sa.String(length=64), nullable=False),
        _owner("plan_changes"),
        _when("at"),
        sa.Column("by_role", sa.String(length=16), nullable=False),
        _when("seen_at", nullable=True),
        sa.Column("data", _json(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_plan_changes"),
    )
    op.create_index("ix_plan_changes_person_at", "plan_changes", ["person_id", "at"])
    op.create_table(
        "alert_marks",
        _owner("alert_marks", primary=True),
        _when("seen_at"),
        sa.Column("data", _json(), nullable=False),
        sa.PrimaryKeyConstraint("person_id", name="pk_alert_marks"),
    )
    op.create_table(
        "plan_templates",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("owner_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        _when("created_at"),
        sa.Column("data", _json(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_plan_templates"),
    )
    op.create_index("ix_plan_templates_owner_id", "plan_templates", ["owner_id"])
    op.create_table(
        "clinical_notes",
        sa.Column("id", sa.String(length=64), nullable=False),
        _owner("clinical_notes"),
        _when("at"),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("data", _json(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_clinical_notes"),
    )
    op.create_index("ix_clinical_notes_person_at", "clinical_notes", ["person_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_clinical_notes_person_at", table_name="clinical_notes")
    op.drop_table("clinical_notes")
    op.drop_index("ix_plan_templates_owner_id", table_name="plan_templates")
    op.drop_table("plan_templates")
    op.drop_table("alert_marks")
    op.drop_index("ix_plan_changes_person_at", table_name="plan_changes")
    op.drop_table("plan_changes")
