"""Storage fixtures: the same tests run on a fresh SQLite file and a fresh PostgreSQL schema.

PostgreSQL comes from PSOAS_TEST_POSTGRES_URL (default: the role and database `.ci/run`
creates); when it is unreachable the PostgreSQL cases skip, or fail under PSOAS_TEST_STRICT=1.
Migration tests get a new empty SQLite file or PostgreSQL schema each (``blank_engine``); the
others get a copy of a migrated SQLite file, or a migrated PostgreSQL schema shared by the
session and emptied after each test (``engine``).
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from storage_support import POSTGRES_URL, postgres_available
from tests import factories
from tests.conftest import need_service
from tests.fakes import FakeClock

from psoas.services.context import Context
from psoas.storage import schema, tables
from psoas.storage.engine import make_engine
from psoas.storage.uow import SqlUnitOfWork

BACKENDS = ["sqlite", "postgresql"]


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


@pytest.fixture(scope="session")
def migrated_sqlite_file(tmp_path_factory) -> Path:
    """A SQLite file migrated once; each test works on its own copy."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    schema.upgrade(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def migrated_postgres(tmp_path_factory) -> Iterator[Engine | None]:
    """One migrated PostgreSQL schema for the session; tests empty it after use."""
    if not postgres_available():
        yield None
        return
    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    engine = make_engine(POSTGRES_URL, connect_args={"options": f"-csearch_path={name}"})
    schema.upgrade(engine)
    yield engine
    engine.dispose()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
    admin.dispose()


@pytest.fixture
def engine(backend, tmp_path, migrated_sqlite_file, migrated_postgres) -> Iterator[Engine]:
    """An engine on an empty database migrated to the newest revision."""
    if backend == "sqlite":
        path = tmp_path / "test.db"
        shutil.copyfile(migrated_sqlite_file, path)
        engine = make_engine(f"sqlite:///{path}")
        yield engine
        engine.dispose()
        return
    need_service(migrated_postgres is not None, "PostgreSQL")
    assert migrated_postgres is not None
    yield migrated_postgres
    names = ", ".join(t.name for t in tables.metadata.sorted_tables)
    with migrated_postgres.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} CASCADE"))


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
