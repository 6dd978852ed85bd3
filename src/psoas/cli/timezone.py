"""`psoas timezone`: see or set the time zone every date and time is shown in."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from zoneinfo import ZoneInfo

import typer
from rich.console import Console

from psoas.bootstrap import build_context
from psoas.services import people

console = Console()


def timezone_command(
    name: Annotated[
        str | None, typer.Argument(help="An IANA zone such as Europe/Berlin; omit to see yours.")
    ] = None,
    search: Annotated[
        str | None, typer.Option("--search", help="List the zones whose name contains this.")
    ] = None,
) -> None:
    """See or set your time zone (reminders, calendars and every date shown follow it)."""
    ctx = build_context()
    if search is not None:
        found = sorted(z for z in people.zone_names() if search.lower() in z.lower())
        typer.echo("\n".join(found) if found else f"No time zone name contains '{search}'.")
        return
    person = people.current_person(ctx)
    if name is not None:
        person = people.set_timezone(ctx, person.id, name)
    local = datetime.now(ZoneInfo(person.timezone))
    how = "chosen by you" if person.timezone_chosen else "this computer's zone, until you choose"
    console.print(
        f"Time zone: {person.timezone} ({how}); it is {local:%a %d %b %H:%M} there (UTC{local:%z})."
    )
