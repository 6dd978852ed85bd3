"""The clinic-mode tables (SQLAlchemy Core): accounts, sign-in, audit, messages, requests,
clinic settings, plan changes, alert marks, plan templates, clinical notes and the caseload's
kept rows.

They share ``metadata`` with the personal tables in ``psoas.storage.tables``.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
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

# Clinic mode: accounts and what hangs off them.

users = Table(
    "users",
    metadata,
    id_column(),
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
    data_column(),
)

auth_sessions = Table(
    "auth_sessions",
    metadata,
    id_column(),
    Column(
        "user_id",
        String(ID),
        ForeignKey("users.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("expires_at", UtcDateTime, nullable=False),
    data_column(),
)


def _single_use(name: str) -> Table:
    return Table(
        name,
        metadata,
        id_column(),
        Column(
            "user_id",
            String(ID),
            ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        Column("expires_at", UtcDateTime, nullable=False),
        Column("used_at", UtcDateTime, nullable=True),
        data_column(),
    )


invites = _single_use("invites")
password_resets = _single_use("password_resets")

audit_log = Table(
    "audit_log",
    metadata,
    id_column(),
    Column("at", UtcDateTime, nullable=False),
    Column("actor_id", String(ID), nullable=True),
    Column("person_id", String(ID), nullable=True),
    Column("action", String(16), nullable=False),
    data_column(),
    Index("ix_audit_log_person_at", "person_id", "at"),
    Index("ix_audit_log_actor_at", "actor_id", "at"),
    Index("ix_audit_log_at", "at"),
)

messages = Table(
    "messages",
    metadata,
    id_column(),
    owner_column(),
    Column("author_id", String(ID), nullable=False),
    Column("sent_at", UtcDateTime, nullable=False),
    Column("read_at", UtcDateTime, nullable=True),
    data_column(),
    Index("ix_messages_person_sent", "person_id", "sent_at"),
)

treatment_requests = Table(
    "treatment_requests",
    metadata,
    id_column(),
    Column("created_at", UtcDateTime, nullable=False),
    Column("status", String(16), nullable=False),
    Column("source", String(ID), nullable=False),
    data_column(),
    Index("ix_treatment_requests_source_created", "source", "created_at"),
)

clinic_settings = Table(
    "clinic_settings",
    metadata,
    Column("id", String(ID), primary_key=True),  # one row, "clinic"
    data_column(),
)

login_failures = Table(
    "login_failures",
    metadata,
    id_column(),
    Column("source", String(ID), nullable=False),  # the address, hashed
    Column("at", UtcDateTime, nullable=False),
    Index("ix_login_failures_source_at", "source", "at"),
)

# Clinic mode: what each side changed in a plan, alerts the clinician has seen, templates,
# and the clinician's own records (visit notes, red-flag follow-up).

plan_changes = Table(
    "plan_changes",
    metadata,
    id_column(),
    owner_column(),
    Column("at", UtcDateTime, nullable=False),
    Column("by_role", String(16), nullable=False),  # "clinician" or "client"
    Column("seen_at", UtcDateTime, nullable=True),  # when the other side saw it
    data_column(),
    Index("ix_plan_changes_person_at", "person_id", "at"),
)

alert_marks = Table(
    "alert_marks",
    metadata,
    person_key_column(),
    Column("seen_at", UtcDateTime, nullable=False),  # alerts up to here are seen
    data_column(),
)

plan_templates = Table(
    "plan_templates",
    metadata,
    id_column(),
    Column("owner_id", String(ID), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    data_column(),
)

clinical_notes = Table(
    "clinical_notes",
    metadata,
    id_column(),
    owner_column(),
    Column("at", UtcDateTime, nullable=False),
    Column("kind", String(16), nullable=False),  # "visit" or "red_flag"
    data_column(),
    Index("ix_clinical_notes_person_at", "person_id", "at"),
)


# The caseload's kept rows (migration 0013): database triggers add one to a person's version on
# every write to the records the attention list reads; a kept row counts only while its version
# is the person's current one (and it was made for the same day and settings).


caseload_versions = Table(
    "caseload_versions",
    metadata,
    person_key_column(),
    Column("version", BigInteger, nullable=False, server_default="0"),
)

caseload_rows = Table(
    "caseload_rows",
    metadata,
    person_key_column(),
    Column("version", BigInteger, nullable=False),  # the person's version it was made from
    Column("made_for", String(120), nullable=False),  # the day, settings and rules it assumes
    Column("score", Integer, nullable=False),
    Column("needs_attention", Boolean, nullable=False),
    Column("urgent", Boolean, nullable=False),
    Column("adherence_percent", Integer, nullable=True),
    Column("pain_direction", String(40), nullable=False),
    Column("status", Text, nullable=False),  # the whole row as JSON, read for a shown page
    Column("sort_name", Text, nullable=True),  # the display name as the list orders it
)
