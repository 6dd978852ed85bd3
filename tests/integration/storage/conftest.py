"""Storage fixtures: the same tests run on a fresh SQLite file and a fresh PostgreSQL schema.

PostgreSQL comes from PSOAS_TEST_POSTGRES_URL (default: the role and database `.ci/run`
creates); when it is unreachable the PostgreSQL cases skip, or fail under PSOAS_TEST_STRICT=1.
Each PostgreSQL test gets its own schema, migrated from scratch and dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from functools import cache

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError
from tests import factories
from tests.conftest import need_service
from tests.fakes import FakeClock

from psoas.services.context import Context
from psoas.storage import schema
from psoas.storage.engine import make_engine
from psoas.storage.uow import SqlUnitOfWork

POSTGRES_URL = os.environ.get(
    "PSOAS_TEST_POSTGRES_URL", "postgresql://psoas:psoas@localhost:5432/psoas_test"
)
BACKENDS = ["sqlite", "postgresql"]


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


def empty_engine(backend: str, tmp_path, request) -> Engine:
    """An engine on an empty database: a new SQLite file, or a new PostgreSQL schema."""
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
        request.addfinalizer(engine.dispose)
        return engine
    need_service(postgres_available(), "PostgreSQL")
    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    engine = make_engine(POSTGRES_URL, connect_args={"options": f"-csearch_path={name}"})

    def drop() -> None:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()

    request.addfinalizer(drop)
    return engine


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def blank_engine(backend, tmp_path, request) -> Engine:
    """An engine on an empty database (no tables), for migration tests."""
    return empty_engine(backend, tmp_path, request)


@pytest.fixture
def engine(blank_engine) -> Engine:
    """An engine on a database migrated to the newest revision."""
    schema.upgrade(blank_engine)
    return blank_engine


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(factories.NOW)


@pytest.fixture
def ctx(engine, clock) -> Context:
    return Context(uow=lambda: SqlUnitOfWork(engine), clock=clock, catalogue=factories.catalogue())


@pytest.fixture
def uow(engine) -> Iterator[SqlUnitOfWork]:
    """One open transaction (committed at the end of the test)."""
    with SqlUnitOfWork(engine) as unit:
        yield unit
