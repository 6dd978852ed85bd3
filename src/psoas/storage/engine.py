"""Make a SQLAlchemy engine from a URL: SQLite tuned for safety, PostgreSQL through psycopg 3."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.engine.url import URL
from sqlalchemy.exc import ArgumentError

from psoas.domain.errors import InvalidValue, StorageError

SQLITE_BUSY_TIMEOUT_MS = 5000
# Pages read through memory mapping instead of a read call each (bytes; SQLite's default is 0).
# After another connection's commit a connection's own page cache is dropped, and an uncached
# page reads a person's whole history again: mapped, those pages come from the operating
# system's cache without a copy or a system call per page.
SQLITE_MMAP_BYTES = 64 * 1024 * 1024


SUPPORTED = ("sqlite", "postgresql")
URL_HINT = "use sqlite:///path/to/psoas.db or postgresql://user:password@host:5432/database"


def normalise_url(url: str) -> URL:
    """Parse ``url``; ``postgres://`` and ``postgresql://`` go through the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            url = "postgresql+psycopg://" + url.removeprefix(prefix)
            break
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise InvalidValue("PSOAS_DATABASE_URL", f"not a database URL; {URL_HINT}") from None
    if parsed.get_backend_name() not in SUPPORTED:
        raise InvalidValue(
            "PSOAS_DATABASE_URL", f"'{parsed.get_backend_name()}' is not supported; {URL_HINT}"
        )
    return parsed


def display_url(url: str | URL) -> str:
    """The URL with any password hidden, safe to print."""
    parsed = url if isinstance(url, URL) else normalise_url(url)
    return parsed.render_as_string(hide_password=True)


def sqlite_path(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None for an in-memory database or another backend."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url``. SQLite gets WAL, foreign keys and a busy timeout on every connection."""
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, **kwargs)
    kwargs.setdefault("pool_pre_ping", True)
    connect_args = kwargs.pop("connect_args", {})
    connect_args.setdefault("connect_timeout", 5)
    return create_engine(parsed, connect_args=connect_args, **kwargs)


def _sqlite_engine(url: URL, **kwargs: Any) -> Engine:
    path = sqlite_path(url)
    if path is not None and not path.parent.exists():
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                f"Cannot create the folder {path.parent} for the SQLite database "
                f"({exc.strerror}); check the path in PSOAS_DATABASE_URL or PSOAS_DATA_DIR."
            ) from None
    if path is not None and not path.exists() and "uri" not in url.query:
        _create_private(path)  # (a file: URI names an existing file, often read-only)
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide where transactions begin (see "begin" below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA secure_delete = ON")  # deleted records are overwritten
        if path is not None:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute(f"PRAGMA mmap_size = {SQLITE_MMAP_BYTES}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def _create_private(path: Path) -> None:
    """Create the (empty) database file readable and writable by its owner only; SQLite gives
    its write-ahead log and shared-memory files the same permissions."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    except OSError as exc:
        raise StorageError(
            f"Cannot create the SQLite database {path} ({exc.strerror}); check the path in "
            "PSOAS_DATABASE_URL or PSOAS_DATA_DIR."
        ) from None


def scrub_deleted(engine: Engine) -> None:
    """After a deletion: copy the write-ahead log into the file (whose freed space
    secure_delete has zeroed) and cut the log to nothing, so no readable copy of the deleted
    records stays in either file. A no-op for server databases."""
    if engine.dialect.name != "sqlite":
        return
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.close()
    finally:
        raw.close()
