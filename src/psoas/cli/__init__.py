"""The psoas command line: parse, call a service, render. Sub-commands live in their modules,
imported only when one runs (psoas.cli.lazy), so ``psoas --help`` starts fast."""

from __future__ import annotations

from typing import Annotated

import typer

from psoas.cli.errors import run_app
from psoas.cli.lazy import LazyCommand, lazy_group

# Name, "module:attribute" and the line ``psoas --help`` shows (tests/e2e/test_cli_startup.py
# checks each line against the command's own help).
COMMANDS = (
    LazyCommand(
        "today",
        "psoas.cli.plan:today_command",
        "Today's session: exercises, doses, estimated time, and the reasons for any change.",
    ),
    LazyCommand("exercises", "psoas.cli.exercises:app", "Browse the exercise catalogue."),
    LazyCommand(
        "assess",
        "psoas.cli.assess:app",
        "Safety screening and the bench-edge self-test, with an explained result.",
    ),
    LazyCommand("db", "psoas.cli.db:app", "Create or upgrade the database and show where it is."),
    LazyCommand("data", "psoas.cli.data:app", "Export, import or delete a person's records."),
    LazyCommand("serve", "psoas.cli.serve:app", "Run the web app in your browser."),
    LazyCommand(
        "export",
        "psoas.cli.export:app",
        "Export the plan, progress and records: PDF, iCalendar, FHIR R4 or CSV.",
    ),
    LazyCommand(
        "session",
        "psoas.cli.session:app",
        "Play today's planned session with timers, sides and cues.",
    ),
    LazyCommand(
        "log", "psoas.cli.log:log_app", "Record a planned session you did without the player."
    ),
    LazyCommand(
        "measure",
        "psoas.cli.log:measure_app",
        "Record a measurement: self-test, hip angle, pain, PSFS, sitting.",
    ),
    LazyCommand(
        "progress",
        "psoas.cli.progress:app",
        "Adherence, streak, pain trend and measured change, with charts.",
    ),
    LazyCommand("plan", "psoas.cli.plan:app", "Make, show and review your personal plan."),
    LazyCommand("users", "psoas.cli.users:app", "Clinic accounts: add and list users."),
    LazyCommand(
        "clinic", "psoas.cli.clinic:app", "Clinic settings: name, contact, request page, flags."
    ),
    LazyCommand(
        "breaks",
        "psoas.cli.breaks:app",
        "Reminders to break up sitting (and for today's session) during working hours.",
    ),
    LazyCommand(
        "timezone",
        "psoas.cli.timezone:timezone_command",
        "See or set your time zone (reminders, calendars and every date shown follow it).",
    ),
    LazyCommand(
        "habits",
        "psoas.cli.habits:app",
        "Your daily habit checklist: tick what you did, see the streak.",
    ),
)

app = typer.Typer(
    name="psoas",
    context_settings={"help_option_names": ["-h", "--help"]},
    help="A coach for the psoas and hip flexors. It screens and coaches; it does not diagnose.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=lazy_group(COMMANDS),
)


@app.callback()
def _root() -> None:
    # Typer builds a group only for an app with a callback or registered commands; the lazy
    # commands are not registered, so this (empty) callback makes ``psoas`` a group.
    pass


def _show_version(asked: bool) -> None:
    if asked:
        # Read from the installed package's metadata only when asked: importlib.metadata (with
        # email and zipfile) would cost every command a sixth of the ``psoas --help`` budget.
        from importlib.metadata import version as package_version

        typer.echo(f"psoas {package_version('psoas')}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            help="Show the version and exit.",
            callback=_show_version,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """A coach for the psoas and hip flexors. It screens and coaches; it does not diagnose."""


def main() -> None:
    run_app(app)
