"""The database tables (SQLAlchemy Core). No domain logic here.

Every record table has ``person_id`` with ON DELETE CASCADE, so deleting a person removes every
trace. Fields that are queried or indexed are real columns; nested parts (plan weeks, assessment
answers and results, the sets of a session log) and any fields added to the domain later live in
the ``data`` JSON column.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from psoas.storage.columns import JsonDocument, UtcDateTime

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)

ID = 64  # ids are uuid4 hex (32) in practice; room for readable ids in tests and imports


def _id() -> Column:
    return Column("id", String(ID), primary_key=True)


def _owner() -> Column:
    return Column(
        "person_id",
        String(ID),
        ForeignKey("people.id", ondelete="CASCADE"),
        nullable=False,
    )


def _data() -> Column:
    return Column("data", JsonDocument, nullable=False)


people = Table(
    "people",
    metadata,
    _id(),
    Column("display_name", String(200), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("clinician_id", String(ID), nullable=True, index=True),
    _data(),
)

preferences = Table(
    "preferences",
    metadata,
    Column(
        "person_id",
        String(ID),
        ForeignKey("people.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    _data(),
)

reminder_settings = Table(
    "reminder_settings",
    metadata,
    Column(
        "person_id",
        String(ID),
        ForeignKey("people.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    _data(),
)

assessments = Table(
    "assessments",
    metadata,
    _id(),
    _owner(),
    Column("taken_at", UtcDateTime, nullable=False),
    Column("clinician_cleared_at", UtcDateTime, nullable=True),
    Column("rules_version", String(64), nullable=False),
    Column("triage", String(32), nullable=False),
    _data(),
    Index("ix_assessments_person_taken", "person_id", "taken_at"),
)

plans = Table(
    "plans",
    metadata,
    _id(),
    _owner(),
    Column("assessment_id", String(ID), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("start", Date, nullable=False),
    Column("version", String(64), nullable=False),
    Column("stopped_reason", Text, nullable=False),
    _data(),
    Index("ix_plans_person_created", "person_id", "created_at"),
)

plan_reviews = Table(
    "plan_reviews",
    metadata,
    _id(),
    _owner(),
    Column("plan_id", String(ID), nullable=False),
    Column("week_index", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("stop", Boolean, nullable=False),
    _data(),
    Index("ix_plan_reviews_person_plan_created", "person_id", "plan_id", "created_at"),
)

session_logs = Table(
    "session_logs",
    metadata,
    _id(),
    _owner(),
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
    _data(),
    Index("ix_session_logs_person_date", "person_id", "session_date"),
)

measurements = Table(
    "measurements",
    metadata,
    _id(),
    _owner(),
    Column("kind", String(32), nullable=False),
    Column("value", Float, nullable=False),
    Column("unit", String(32), nullable=False),
    Column("method", String(32), nullable=False),
    Column("taken_at", UtcDateTime, nullable=False),
    Column("side", String(8), nullable=True),
    Column("label", String(200), nullable=False),
    _data(),
    Index("ix_measurements_person_taken", "person_id", "taken_at"),
    Index("ix_measurements_person_kind_taken", "person_id", "kind", "taken_at"),
)

break_events = Table(
    "break_events",
    metadata,
    _id(),
    _owner(),
    Column("due_at", UtcDateTime, nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    _data(),
    Index("ix_break_events_person_due", "person_id", "due_at"),
)

habit_ticks = Table(
    "habit_ticks",
    metadata,
    Column(
        "person_id",
        String(ID),
        ForeignKey("people.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("day", Date, primary_key=True),
    Column("habit_id", String(ID), primary_key=True),
    _data(),
)

# Clinic mode: accounts and what hangs off them.

users = Table(
    "users",
    metadata,
    _id(),
    Column("email", String(320), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column(
        "person_id",
        String(ID),
        ForeignKey("people.id", ondelete="SET NULL"),
        nullable=True,
        unique=True,
    ),
    Column("active", Boolean, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("totp_last_step", BigInteger, nullable=True),  # the last two-factor step accepted
    _data(),
)

auth_sessions = Table(
    "auth_sessions",
    metadata,
    _id(),
    Column(
        "user_id",
        String(ID),
        ForeignKey("users.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("expires_at", UtcDateTime, nullable=False),
    _data(),
)


def _single_use(name: str) -> Table:
    return Table(
        name,
        metadata,
        _id(),
        Column(
            "user_id",
            String(ID),
            ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        Column("expires_at", UtcDateTime, nullable=False),
        Column("used_at", UtcDateTime, nullable=True),
        _data(),
    )


invites = _single_use("invites")
password_resets = _single_use("password_resets")

audit_log = Table(
    "audit_log",
    metadata,
    _id(),
    Column("at", UtcDateTime, nullable=False),
    Column("actor_id", String(ID), nullable=True),
    Column("person_id", String(ID), nullable=True),
    Column("action", String(16), nullable=False),
    _data(),
    Index("ix_audit_log_person_at", "person_id", "at"),
    Index("ix_audit_log_actor_at", "actor_id", "at"),
    Index("ix_audit_log_at", "at"),
)

messages = Table(
    "messages",
    metadata,
    _id(),
    _owner(),
    Column("author_id", String(ID), nullable=False),
    Column("sent_at", UtcDateTime, nullable=False),
    Column("read_at", UtcDateTime, nullable=True),
    _data(),
    Index("ix_messages_person_sent", "person_id", "sent_at"),
)

treatment_requests = Table(
    "treatment_requests",
    metadata,
    _id(),
    Column("created_at", UtcDateTime, nullable=False),
    Column("status", String(16), nullable=False),
    Column("source", String(ID), nullable=False),
    _data(),
    Index("ix_treatment_requests_source_created", "source", "created_at"),
)

clinic_settings = Table(
    "clinic_settings",
    metadata,
    Column("id", String(ID), primary_key=True),  # one row, "clinic"
    _data(),
)

login_failures = Table(
    "login_failures",
    metadata,
    _id(),
    Column("source", String(ID), nullable=False),  # the address, hashed
    Column("at", UtcDateTime, nullable=False),
    Index("ix_login_failures_source_at", "source", "at"),
)

# Clinic mode: what each side changed in a plan, alerts the clinician has seen, templates,
# and the clinician's own records (visit notes, red-flag follow-up).

plan_changes = Table(
    "plan_changes",
    metadata,
    _id(),
    _owner(),
    Column("at", UtcDateTime, nullable=False),
    Column("by_role", String(16), nullable=False),  # "clinician" or "client"
    Column("seen_at", UtcDateTime, nullable=True),  # when the other side saw it
    _data(),
    Index("ix_plan_changes_person_at", "person_id", "at"),
)

alert_marks = Table(
    "alert_marks",
    metadata,
    Column(
        "person_id",
        String(ID),
        ForeignKey("people.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("seen_at", UtcDateTime, nullable=False),  # alerts up to here are seen
    _data(),
)

plan_templates = Table(
    "plan_templates",
    metadata,
    _id(),
    Column("owner_id", String(ID), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    _data(),
)

clinical_notes = Table(
    "clinical_notes",
    metadata,
    _id(),
    _owner(),
    Column("at", UtcDateTime, nullable=False),
    Column("kind", String(16), nullable=False),  # "visit" or "red_flag"
    _data(),
    Index("ix_clinical_notes_person_at", "person_id", "at"),
)

markers = Table(  # facts about the database itself, such as "every record was deleted"
    "markers",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("at", UtcDateTime, nullable=False),
)
