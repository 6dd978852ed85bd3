"""Alembic migrations run from code: no alembic.ini at run time, scripts found in the package."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect
from sqlalchemy.exc import DBAPIError

from psoas.storage.engine import display_url
from psoas.storage.errors import storage_error


@contextmanager
def alembic_config(engine: Engine | None = None) -> Iterator[Config]:
    """An Alembic Config pointing at the packaged migrations (and ``engine``'s URL)."""
    with resources.as_file(resources.files("psoas.storage") / "migrations") as folder:
        config = Config()
        config.set_main_option("script_location", str(folder))
        if engine is not None:
            url = engine.url.render_as_string(hide_password=False).replace("%", "%%")
            config.set_main_option("sqlalchemy.url", url)
        yield config


def head_revision() -> str:
    with alembic_config() as config:
        head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except DBAPIError as exc:
        raise storage_error(exc, engine.url) from exc


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` in one transaction."""
    try:
        with engine.begin() as conn, alembic_config(engine) as config:
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
    except DBAPIError as exc:
        raise storage_error(exc, engine.url) from exc


def is_empty(engine: Engine) -> bool:
    try:
        with engine.connect() as conn:
            return not inspect(conn).get_table_names()
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
