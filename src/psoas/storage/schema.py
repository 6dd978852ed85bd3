"""Alembic migrations run from code: no alembic.ini at run time, scripts found in the package.

Alembic is imported only when migrating; checking the schema revision on start-up is one query
against ``alembic_version`` compared with ``HEAD_REVISION`` (a test keeps the two in step).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from psoas.storage.engine import display_url
from psoas.storage.errors import storage_error

if TYPE_CHECKING:
    from alembic.config import Config

HEAD_REVISION = "0014"  # the newest file in migrations/versions
VERSION_TABLE = "alembic_version"


@contextmanager
def alembic_config(engine: Engine | None = None) -> Iterator[Config]:
    """An Alembic Config pointing at the packaged migrations (and ``engine``'s URL)."""
    from alembic.config import Config

    with resources.as_file(resources.files("psoas.storage") / "migrations") as folder:
        config = Config()
        config.set_main_option("script_location", str(folder))
        if engine is not None:
            url = engine.url.render_as_string(hide_password=False).replace("%", "%%")
            config.set_main_option("sqlalchemy.url", url)
        yield config


def script_head() -> str | None:
    """The newest revision among the migration scripts (what HEAD_REVISION must equal)."""
    from alembic.script import ScriptDirectory

    with alembic_config() as config:
        return ScriptDirectory.from_config(config).get_current_head()


def head_revision() -> str:
    return HEAD_REVISION


def current_revision(engine: Engine) -> str | None:
    """The schema revision of the database, or None when it has no tables yet."""
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table(VERSION_TABLE):
                return None
            return conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
    except DBAPIError as exc:
        raise storage_error(exc, engine.url) from exc


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` in one transaction."""
    from alembic import command

    try:
        with engine.begin() as conn, alembic_config(engine) as config:
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
    except DBAPIError as exc:
        raise storage_error(exc, engine.url) from exc


@dataclass(frozen=True)
class SchemaStatus:
    url: str  # password hidden
    current: str | None
    head: str

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def status(engine: Engine) -> SchemaStatus:
    return SchemaStatus(display_url(engine.url), current_revision(engine), head_revision())
