"""Caseload facts and shared drafts: each plan's sessions by day (``plan_sessions``), the pain
facts of each session log that the clinic's alerts look at, and an index of logs by planned
session, so the clinician's caseload is counted in SQL instead of from every client's whole
history; and ``assessment_drafts``, the answers of an assessment in progress, kept in the
database so any worker process can show the next page.

Existing plans and logs are filled in from their stored documents.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

PAIN_IN_NOTES = re.compile(r"\b(10|[0-9])\s*/\s*10\b")
BATCH = 2000


def upgrade() -> None:
    op.create_table(
        "plan_sessions",
        sa.Column(
            "plan_id",
            sa.String(length=64),
            sa.ForeignKey("plans.id", ondelete="CASCADE", name="fk_plan_sessions_plan_id_plans"),
            nullable=False,
        ),
        sa.Column("session_id", sa.String(length=64), nullable=False),
        sa.Column(
            "person_id",
            sa.String(length=64),
            sa.ForeignKey(
                "people.id", ondelete="CASCADE", name="fk_plan_sessions_person_id_people"
            ),
            nullable=False,
        ),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("plan_id", "session_id", name="pk_plan_sessions"),
    )
    op.create_index("ix_plan_sessions_day_person", "plan_sessions", ["day", "person_id"])
    for name in ("peak_pain", "peak_during", "pain_stops"):
        op.add_column("session_logs", sa.Column(name, sa.Integer(), nullable=True))
    op.create_index("ix_session_logs_session_person", "session_logs", ["session_id", "person_id"])
    op.create_table(
        "assessment_drafts",
        sa.Column(
            "person_id",
            sa.String(length=64),
            sa.ForeignKey(
                "people.id", ondelete="CASCADE", name="fk_assessment_drafts_person_id_people"
            ),
            nullable=False,
        ),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "data",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("person_id", name="pk_assessment_drafts"),
    )
    conn = op.get_bind()
    _fill_plan_sessions(conn)
    _fill_log_facts(conn)


def _document(value: Any) -> dict[str, Any]:
    return json.loads(value) if isinstance(value, str) else dict(value or {})


def _fill_plan_sessions(conn: Any) -> None:
    rows = conn.execute(sa.text("SELECT id, person_id, data FROM plans")).all()
    table = sa.table(
        "plan_sessions",
        *(sa.column(n) for n in ("plan_id", "session_id", "person_id", "kind")),
        sa.column("day", sa.Date()),
    )
    found = []
    for plan_id, person_id, data in rows:
        for week in _document(data).get("weeks", []):
            for s in week.get("sessions", []):
                found.append(
                    {
                        "plan_id": plan_id,
                        "session_id": s["id"],
                        "person_id": person_id,
                        "day": _date(s["date"]),
                        "kind": s["kind"],
                    }
                )
    for start in range(0, len(found), BATCH):
        conn.execute(sa.insert(table), found[start : start + BATCH])


def _date(text: str) -> date:
    return date.fromisoformat(text)


def _fill_log_facts(conn: Any) -> None:
    query = sa.text(
        "SELECT id, pain_before, pain_during, pain_after, next_morning_pain, data FROM session_logs"
    )
    update = sa.text(
        "UPDATE session_logs SET peak_pain = :peak, peak_during = :during, pain_stops = :stops "
        "WHERE id = :id"
    )
    changes = []
    for log_id, before, during_, after, morning, data in conn.execute(query).all():
        doc = _document(data)
        during = [v for v in (during_, after) if v is not None]
        during += [s["pain"] for s in doc.get("sets", []) if s.get("pain") is not None]
        others = [v for v in (before, morning) if v is not None]
        others += [int(m) for m in PAIN_IN_NOTES.findall(doc.get("notes", ""))]
        stops = sum(1 for e in doc.get("events", []) if e.get("kind") == "stopped_for_pain")
        changes.append(
            {
                "id": log_id,
                "peak": max(during + others, default=None),
                "during": max(during, default=None),
                "stops": stops,
            }
        )
    for start in range(0, len(changes), BATCH):
        conn.execute(update, changes[start : start + BATCH])


def downgrade() -> None:
    op.drop_table("assessment_drafts")
    op.drop_index("ix_session_logs_session_person", table_name="session_logs")
    with op.batch_alter_table("session_logs") as batch:
        for name in ("pain_stops", "peak_during", "peak_pain"):
            batch.drop_column(name)
    op.drop_index("ix_plan_sessions_day_person", table_name="plan_sessions")
    op.drop_table("plan_sessions")
