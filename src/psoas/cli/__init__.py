"""The psoas command line: parse, call a service, render. Sub-commands live in their modules."""

from __future__ import annotations

from importlib.metadata import version as package_version
from typing import Annotated

import typer

from psoas.cli import assess as assess_cli
from psoas.cli import breaks as breaks_cli
from psoas.cli import clinic as clinic_cli
from psoas.cli import data as data_cli
from psoas.cli import db as db_cli
from psoas.cli import exercises
from psoas.cli import export as export_cli
from psoas.cli import habits as habits_cli
from psoas.cli import log as log_cli
from psoas.cli import plan as plan_cli
from psoas.cli import progress as progress_cli
from psoas.cli import serve as serve_cli
from psoas.cli import session as session_cli
from psoas.cli import users as users_cli
from psoas.cli.errors import run_app

app = typer.Typer(
    name="psoas",
    context_settings={"help_option_names": ["-h", "--help"]},
    help="A coach for the psoas and hip flexors. It screens and coaches; it does not diagnose.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(exercises.app, name="exercises")
app.add_typer(assess_cli.app, name="assess")
app.add_typer(db_cli.app, name="db")
app.add_typer(data_cli.app, name="data")
app.add_typer(serve_cli.app, name="serve")
app.add_typer(export_cli.app, name="export")
app.add_typer(session_cli.app, name="session")
app.add_typer(log_cli.log_app, name="log")
app.add_typer(log_cli.measure_app, name="measure")
app.add_typer(progress_cli.app, name="progress")
app.add_typer(plan_cli.app, name="plan")
app.add_typer(users_cli.app, name="users")
app.add_typer(clinic_cli.app, name="clinic")
app.command("today")(plan_cli.today_command)
app.add_typer(breaks_cli.app, name="breaks")
app.add_typer(habits_cli.app, name="habits")


def _show_version(asked: bool) -> None:
    if asked:
        typer.echo(f"psoas {package_version('psoas')}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", help="Show the version and exit.", callback=_show_version, is_eager=True
        ),
    ] = False,
) -> None:
    """A coach for the psoas and hip flexors. It screens and coaches; it does not diagnose."""


def main() -> None:
    run_app(app)
