"""The caseload's kept rows: each client's place on the attention list as last computed, and
a version per client that the database itself moves on every write to that client's records.

``caseload_versions`` has one row per person (made by a trigger when the person is added, and
filled in here for everyone already there). Triggers on every table the attention list reads
(the person, session logs, measurements, assessments, plans and their sessions, alert marks,
messages and plan changes) add one to the person's version in the same transaction as the
write, whichever process or path writes. ``caseload_rows`` keeps the computed row with the
version it was computed from, so a kept row is used only while the two agree, for the same day
and settings. Both go with the person (ON DELETE CASCADE).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# the tables whose rows belong to a person through ``person_id`` and feed the attention list
WATCHED = (
    "session_logs",
    "measurements",
    "assessments",
    "plans",
    "plan_sessions",
    "alert_marks",
    "messages",
    "plan_changes",
)

BUMP = "UPDATE caseload_versions SET version = version + 1 WHERE person_id = {who};"


def _person(name: str) -> sa.Column:
    return sa.Column(
        "person_id",
        sa.String(length=64),
        sa.ForeignKey("people.id", ondelete="CASCADE", name=f"fk_{name}_person_id_people"),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "caseload_versions",
        _person("caseload_versions"),
        sa.Column("version", sa.BigInteger(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("person_id", name="pk_caseload_versions"),
    )
    op.create_table(
        "caseload_rows",
        _person("caseload_rows"),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("made_for", sa.String(length=120), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("needs_attention", sa.Boolean(), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("adherence_percent", sa.Integer(), nullable=True),
        sa.Column("pain_direction", sa.String(length=40), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("person_id", name="pk_caseload_rows"),
    )
    # a few clients' sessions in the window, as when only those who wrote are computed again
    op.create_index("ix_plan_sessions_person_day", "plan_sessions", ["person_id", "day"])
    op.execute("INSERT INTO caseload_versions (person_id, version) SELECT id, 0 FROM people")
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_triggers()
    else:
        _sqlite_triggers()


def _postgresql_triggers() -> None:
    op.execute(
        f"""
        CREATE FUNCTION caseload_touch() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                {BUMP.format(who="OLD.person_id")}
            END IF;
            IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE'
                                    AND NEW.person_id IS DISTINCT FROM OLD.person_id) THEN
                {BUMP.format(who="NEW.person_id")}
            END IF;
            RETURN NULL;
        END $$
        """
    )
    op.execute(
        f"""
        CREATE FUNCTION caseload_person_touch() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                INSERT INTO caseload_versions (person_id, version) VALUES (NEW.id, 0)
                ON CONFLICT (person_id) DO NOTHING;
            ELSE
                {BUMP.format(who="NEW.id")}
            END IF;
            RETURN NULL;
        END $$
        """
    )
    for table in WATCHED:
        op.execute(
            f"CREATE TRIGGER caseload_touch_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION caseload_touch()"
        )
    op.execute(
        "CREATE TRIGGER caseload_touch_people AFTER INSERT OR UPDATE ON people "
        "FOR EACH ROW EXECUTE FUNCTION caseload_person_touch()"
    )


def _sqlite_triggers() -> None:
    for table in WATCHED:
        for event, who in (
            ("INSERT", "NEW.person_id"),
            ("UPDATE", "NEW.person_id OR person_id = OLD.person_id"),
            ("DELETE", "OLD.person_id"),
        ):
            op.execute(
                f"CREATE TRIGGER caseload_touch_{table}_{event.lower()} AFTER {event} ON {table} "
                f"BEGIN {BUMP.format(who=who)} END"
            )
    op.execute(
        "CREATE TRIGGER caseload_touch_people_insert AFTER INSERT ON people BEGIN "
        "INSERT OR IGNORE INTO caseload_versions (person_id, version) VALUES (NEW.id, 0); END"
    )
    op.execute(
        "CREATE TRIGGER caseload_touch_people_update AFTER UPDATE ON people "
        f"BEGIN {BUMP.format(who='NEW.id')} END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in (*WATCHED, "people"):
            op.execute(f"DROP TRIGGER IF EXISTS caseload_touch_{table} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS caseload_touch()")
        op.execute("DROP FUNCTION IF EXISTS caseload_person_touch()")
    else:
        for table in WATCHED:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS caseload_touch_{table}_{event}")
        op.execute("DROP TRIGGER IF EXISTS caseload_touch_people_insert")
        op.execute("DROP TRIGGER IF EXISTS caseload_touch_people_update")
    op.drop_index("ix_plan_sessions_person_day", table_name="plan_sessions")
    op.drop_table("caseload_rows")
    op.drop_table("caseload_versions")
