"""The database tables of personal use (SQLAlchemy Core). No domain logic here.

Every record table has ``person_id`` with ON DELETE CASCADE, so deleting a person removes every
trace. Fields that are queried or indexed are real columns; nested parts (plan weeks, assessment
answers and results, the sets of a session log) and any fields added to the domain later live in
the ``data`` JSON column.

The clinic tables live in ``psoas.storage.clinic_tables``; importing this module registers them
too, so ``metadata`` here holds every table.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from psoas.storage import (
    clinic_tables,  # noqa: F401  (registers the clinic tables on metadata)
    device_tables,  # noqa: F401  (paired phones and kept replies)
)
from psoas.storage.columns import UtcDateTime
from psoas.storage.table_base import (
    ID,
    data_column,
    id_column,
    metadata,
    owner_column,
    person_key_column,
)

people = Table(
    "people",
    metadata,
    id_column(),
    Column("display_name", String(200), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("clinician_id", String(ID), nullable=True, index=True),
    data_column(),
)

preferences = Table(
    "preferences",
    metadata,
    person_key_column(),
    data_column(),
)

reminder_settings = Table(
    "reminder_settings",
    metadata,
    person_key_column(),
    data_column(),
)

assessments = Table(
    "assessments",
    metadata,
    id_column(),
    owner_column(),
    Column("taken_at", UtcDateTime, nullable=False),
    Column("clinician_cleared_at", UtcDateTime, nullable=True),
    Column("rules_version", String(64), nullable=False),
    Column("triage", String(32), nullable=False),
    data_column(),
    Index("ix_assessments_person_taken", "person_id", "taken_at"),
)

plans = Table(
    "plans",
    metadata,
    id_column(),
    owner_column(),
    Column("assessment_id", String(ID), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("start", Date, nullable=False),
    Column("version", String(64), nullable=False),
    Column("stopped_reason", Text, nullable=False),
    data_column(),
    Index("ix_plans_person_created", "person_id", "created_at"),
)

plan_sessions = Table(  # each plan's sessions by day, written with the plan, for the caseload
    "plan_sessions",
    metadata,
    Column("plan_id", String(ID), ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    Column("session_id", String(ID), primary_key=True),
    owner_column(),
    Column("day", Date, nullable=False),
    Column("kind", String(16), nullable=False),
    Index("ix_plan_sessions_day_person", "day", "person_id"),
    Index("ix_plan_sessions_person_day", "person_id", "day"),  # one client's window (0013)
)

assessment_drafts = Table(  # the answers of an assessment in progress, between its pages
    "assessment_drafts",
    metadata,
    person_key_column(),
    Column("updated_at", UtcDateTime, nullable=False),
    data_column(),
)

plan_reviews = Table(
    "plan_reviews",
    metadata,
    id_column(),
    owner_column(),
    Column("plan_id", String(ID), nullable=False),
    Column("week_index", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("stop", Boolean, nullable=False),
    data_column(),
    Index("ix_plan_reviews_person_plan_created", "person_id", "plan_id", "created_at"),
)

session_logs = Table(
    "session_logs",
    metadata,
    id_column(),
    owner_column(),
    Column("session_date", Date, nullable=False),
    Column("started_at", UtcDateTime, nullable=False),
    Column("finished_at", UtcDateTime, nullable=False),
    Column("plan_id", String(ID), nullable=True),
    Column("session_id", String(ID), nullable=True),
    Column("pain_before", Integer, nullable=True),
    Column("pain_during", Integer, nullable=True),
    Column("pain_after", Integer, nullable=True),
    Column("next_morning_pain", Integer, nullable=True),
    Column("effort", Integer, nullable=True),
    Column("completed", Boolean, nullable=False),
    # facts the clinic's alerts look at, so the caseload decodes only the logs that may alert
    # (derived when written; empty on logs written before they existed: those count as maybe)
    Column("peak_pain", Integer, nullable=True),  # the highest pain anywhere in the log
    Column("peak_during", Integer, nullable=True),  # the highest during or after the session
    Column("pain_stops", Integer, nullable=True),  # exercises stopped by "This hurts"
    data_column(),
    Index("ix_session_logs_person_date", "person_id", "session_date"),
    Index("ix_session_logs_session_person", "session_id", "person_id"),
)

measurements = Table(
    "measurements",
    metadata,
    id_column(),
    owner_column(),
    Column("kind", String(32), nullable=False),
    Column("value", Float, nullable=False),
    Column("unit", String(32), nullable=False),
    Column("method", String(32), nullable=False),
    Column("taken_at", UtcDateTime, nullable=False),
    Column("side", String(8), nullable=True),
    Column("label", String(200), nullable=False),
    data_column(),
    Index("ix_measurements_person_taken", "person_id", "taken_at"),
    Index("ix_measurements_person_kind_taken", "person_id", "kind", "taken_at"),
)

break_events = Table(
    "break_events",
    metadata,
    id_column(),
    owner_column(),
    Column("due_at", UtcDateTime, nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    data_column(),
    Index("ix_break_events_person_due", "person_id", "due_at"),
)

habit_ticks = Table(
    "habit_ticks",
    metadata,
    person_key_column(),
    Column("day", Date, primary_key=True),
    Column("habit_id", String(ID), primary_key=True),
    data_column(),
)

markers = Table(  # facts about the database itself, such as "every record was deleted"
    "markers",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("at", UtcDateTime, nullable=False),
)
