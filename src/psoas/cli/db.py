"""`psoas db upgrade` and `psoas db status`: the database schema (Alembic migrations)."""

from __future__ import annotations

import typer
from rich.console import Console

from psoas.bootstrap import database_engine
from psoas.config import get_settings
from psoas.storage import schema

app = typer.Typer(help="Create or upgrade the database and show where it is.", no_args_is_help=True)
console = Console(highlight=False, soft_wrap=True)


@app.command()
def upgrade() -> None:
    """Bring the database schema up to date (safe to run again)."""
    engine = database_engine(get_settings())
    try:
        before = schema.current_revision(engine)
        schema.upgrade(engine)
        after = schema.status(engine)
    finally:
        engine.dispose()
    if before == after.current:
        console.print(f"Database {after.url} is already up to date (revision {after.current}).")
    else:
        console.print(
            f"Upgraded database {after.url} from revision {before or 'empty'} to {after.current}."
        )


@app.command()
def status() -> None:
    """Show the database URL (password hidden), its schema revision and the newest revision."""
    engine = database_engine(get_settings())
    try:
        found = schema.status(engine)
    finally:
        engine.dispose()
    console.print(f"URL:      {found.url}")
    console.print(f"Current:  {found.current or 'empty (no tables yet)'}")
    console.print(f"Head:     {found.head}")
    if found.up_to_date:
        console.print("Status:   up to date")
    else:
        console.print("Status:   needs an upgrade; run `psoas db upgrade`")
