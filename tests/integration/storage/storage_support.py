"""Where the test PostgreSQL is, and whether it answers (shared by the storage tests)."""

from __future__ import annotations

import os
from functools import cache

from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from psoas.storage.engine import make_engine

POSTGRES_URL = os.environ.get(
    "PSOAS_TEST_POSTGRES_URL", "postgresql://psoas:psoas@localhost:5432/psoas_test"
)


@cache
def postgres_available() -> bool:
    engine = make_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except OperationalError:
        return False
    finally:
        engine.dispose()
