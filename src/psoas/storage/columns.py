"""Column types shared by the tables."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

from sqlalchemy import JSON, DateTime
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

JsonDocument = JSON().with_variant(JSONB(), "postgresql")


class UtcDateTime(TypeDecorator[datetime]):
    """Stores every moment in UTC and always returns a timezone-aware datetime.

    SQLite keeps no offset, so values go in as naive UTC and come back with UTC attached;
    PostgreSQL uses ``timestamptz``. A naive value is taken to be UTC already, and a plain
    date means its midnight in UTC (for comparisons such as ``taken_at >= since``).
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):  # a date: from its midnight in UTC
            value = datetime.combine(value, time.min)
        aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return aware.replace(tzinfo=None) if dialect.name == "sqlite" else aware

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
