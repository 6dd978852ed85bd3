"""Turn driver errors into one-line StorageErrors that say what to check."""

from __future__ import annotations

from sqlalchemy.engine.url import URL
from sqlalchemy.exc import DBAPIError, IntegrityError

from psoas.domain.errors import StorageError
from psoas.storage.engine import display_url, sqlite_path


def storage_error(exc: DBAPIError, url: URL) -> StorageError:
    """A StorageError for ``exc`` raised while talking to the database at ``url``."""
    reason = _first_line(exc)
    if isinstance(exc, IntegrityError):
        return StorageError(f"The database refused a change ({reason}).")
    if url.get_backend_name() == "sqlite":
        path = sqlite_path(url)
        where = str(path) if path else "the in-memory database"
        return StorageError(
            f"Cannot use the SQLite database {where} ({reason}); {_sqlite_hint(reason)}"
        )
    return StorageError(
        f"Cannot use the database at {display_url(url)} ({reason}); check that the server is "
        "running and reachable and that PSOAS_DATABASE_URL (user, password, database) is right."
    )


def _sqlite_hint(reason: str) -> str:
    if "locked" in reason or "busy" in reason:
        return "another program is writing to it; try again in a moment."
    if "not a database" in reason or "malformed" in reason:
        return "it is not a readable psoas database; set PSOAS_DATABASE_URL to another file."
    return "check that the file and its folder exist and are writable, or set PSOAS_DATABASE_URL."


def _first_line(exc: DBAPIError) -> str:
    text = str(exc.orig) if exc.orig is not None else str(exc)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__
