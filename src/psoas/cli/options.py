"""What the sub-command modules share: the --json and --person options, the person they name,
dates typed as options, and JSON output."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer

from psoas.cli.errors import err_console, fail
from psoas.domain.serial import to_primitive

if TYPE_CHECKING:  # the services load on first use: commands without a database start faster
    from psoas.domain.records.people import Person
    from psoas.services.context import Context

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
PersonOpt = Annotated[
    str | None, typer.Option("--person", "-p", help="The person's id (clinic mode).")
]


NEW_PROFILE = "Note: your records were deleted earlier, so psoas started a new, empty profile."


def person_id_of(ctx: Context, person: str | None) -> str:
    """The id of the person ``--person`` names, else the current (personal mode's) person."""
    from psoas.services import people

    return people.get_person(ctx, person).id if person else own_person(ctx).id


def own_person(ctx: Context) -> Person:
    """Personal mode's person; says so on stderr when a new, empty one had to be made."""
    from psoas.services import people

    person, created = people.current_person_or_new(ctx)
    if created:
        err_console.print(NEW_PROFILE, markup=False)
    return person


def parse_date(text: str | None, option: str = "--date") -> date | None:
    """A YYYY-MM-DD option value (None when not given); a bad one exits 2 naming the option."""
    if text is None:
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        raise fail(f"{option}: '{text}' is not a date like 2026-11-23", 2) from None


def day_or_today(text: str | None, today: date, option: str = "--date") -> date:
    found = parse_date(text, option)
    return today if found is None else found


def print_json(value: Any) -> None:
    """Print a domain value (or plain data) as indented JSON on stdout."""
    typer.echo(json.dumps(to_primitive(value), indent=2))
