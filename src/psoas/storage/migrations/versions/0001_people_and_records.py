"""People and their records: preferences, assessments, plans, reviews, session logs, measurements.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TABLES = ("session_logs", "measurements", "plan_reviews", "plans", "assessments", "preferences")


def _moment(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _id() -> sa.Column:
    return sa.Column("id", sa.String(length=64), nullable=False)


def _person_id() -> sa.Column:
    return sa.Column("person_id", sa.String(length=64), nullable=False)


def _data() -> sa.Column:
    json = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
    return sa.Column("data", json, nullable=False)


def _owned_by_person(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["person_id"], ["people.id"], name=f"fk_{table}_person_id_people", ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "people",
        _id(),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        _moment("created_at"),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("clinician_id", sa.String(length=64), nullable=True),
        _data(),
        sa.PrimaryKeyConstraint("id", name="pk_people"),
    )
    op.create_index("ix_people_clinician_id", "people", ["clinician_id"])
    op.create_table(
        "preferences",
        _person_id(),
        _data(),
        _owned_by_person("preferences"),
        sa.PrimaryKeyConstraint("person_id", name="pk_preferences"),
    )
    op.create_table(
        "assessments",
        _id(),
        _person_id(),
        _moment("taken_at"),
        _moment("clinician_cleared_at", nullable=True),
        sa.Column("rules_version", sa.String(length=64), nullable=False),
        sa.Column("triage", sa.String(length=32), nullable=False),
        _data(),
        _owned_by_person("assessments"),
        sa.PrimaryKeyConstraint("id", name="pk_assessments"),
    )
    op.create_index("ix_assessments_person_taken", "assessments", ["person_id", "taken_at"])
    op.create_table(
        "plans",
        _id(),
        _person_id(),
        sa.Column("assessment_id", sa.String(length=64), nullable=False),
        _moment("created_at"),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("stopped_reason", sa.Text(), nullable=False),
        _data(),
        _owned_by_person("plans"),
        sa.PrimaryKeyConstraint("id", name="pk_plans"),
    )
    op.create_index("ix_plans_person_created", "plans", ["person_id", "created_at"])
    op.create_table(
        "plan_reviews",
        _id(),
        _person_id(),
        sa.Column("plan_id", sa.String(length=64), nullable=False),
        sa.Column("week_index", sa.Integer(), nullable=False),
        _moment("created_at"),
        sa.Column("stop", sa.Boolean(), nullable=False),
        _data(),
        _owned_by_person("plan_reviews"),
        sa.PrimaryKeyConstraint("id", name="pk_plan_reviews"),
    )
    op.create_index(
        "ix_plan_reviews_person_plan_created",
        "plan_reviews",
        ["person_id", "plan_id", "created_at"],
    )
    op.create_table(
        "session_logs",
        _id(),
        _person_id(),
        sa.Column("session_date", sa.Date(), nullable=False),
        _moment("started_at"),
        _moment("finished_at"),
        sa.Column("plan_id", sa.String(length=64), nullable=True),
        sa.Column("session_id", sa.String(length=64), nullable=True),
        *(
            sa.Column(name, sa.Integer(), nullable=True)
            for name in ("pain_before", "pain_during", "pain_after", "next_morning_pain", "effort")
        ),
        sa.Column("completed", sa.Boolean(), nullable=False),
        _data(),
        _owned_by_person("session_logs"),
        sa.PrimaryKeyConstraint("id", name="pk_session_logs"),
    )
    op.create_index("ix_session_logs_person_date", "session_logs", ["person_id", "session_date"])
    op.create_table(
        "measurements",
        _id(),
        _person_id(),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(length=32), nullable=False),
        sa.Column("method", sa.String(length=32), nullable=False),
        _moment("taken_at"),
        sa.Column("side", sa.String(length=8), nullable=True),
        sa.Column("label", sa.String(length=200), nullable=False),
        _data(),
        _owned_by_person("measurements"),
        sa.PrimaryKeyConstraint("id", name="pk_measurements"),
    )
    op.create_index("ix_measurements_person_taken", "measurements", ["person_id", "taken_at"])


def downgrade() -> None:
    for table in TABLES:
        op.drop_table(table)
    op.drop_table("people")
