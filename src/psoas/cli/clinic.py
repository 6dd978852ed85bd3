"""`psoas clinic show` and `psoas clinic set`: the clinic's settings from the command line,
for the server's operator (the same settings an admin changes at /admin/settings)."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.console import Console

from psoas.bootstrap import build_context
from psoas.domain.clinic.settings import ClinicSettings
from psoas.services.clinic import settings as clinic_settings

app = typer.Typer(help="Clinic settings: name, contact, request page, flags.", no_args_is_help=True)
console = Console(highlight=False, soft_wrap=True)


def _print(settings: ClinicSettings) -> None:
    rows = (
        ("Name", settings.name or "(none)"),
        ("Contact", settings.contact or "(none)"),
        ("Request page words", settings.request_intro or "(none)"),
        ("No activity after", f"{settings.quiet_days} days"),
        ("Staff need two-factor", "yes" if settings.require_two_factor else "no"),
    )
    for label, value in rows:
        console.print(f"{label + ':':<23} {value}")


@app.command("show")
def show() -> None:
    """Print the clinic's settings."""
    _print(clinic_settings.current(build_context()))


@app.command("set")
def set_(
    name: Annotated[str | None, typer.Option(help="The clinic's name.")] = None,
    contact: Annotated[str | None, typer.Option(help="Phone, email or address.")] = None,
    intro: Annotated[str | None, typer.Option(help="Words for the request page.")] = None,
    quiet_days: Annotated[
        int | None, typer.Option(help="Flag 'no activity' after this many days (2-60).")
    ] = None,
    require_two_factor: Annotated[
        bool | None,
        typer.Option(
            "--require-two-factor/--no-require-two-factor",
            help="Clinicians and admins must use two-factor log-in.",
        ),
    ] = None,
) -> None:
    """Change some settings (only the options given); every value is checked first."""
    given: dict[str, Any] = {
        "name": name,
        "contact": contact,
        "request_intro": intro,
        "quiet_days": quiet_days,
        "require_two_factor": require_two_factor,
    }
    changes = {key: value for key, value in given.items() if value is not None}
    if not changes:
        raise typer.BadParameter("give at least one setting to change", param_hint="options")
    _print(clinic_settings.update(build_context(), None, changes))
