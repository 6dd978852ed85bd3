"""`psoas breaks`: sitting-break and session reminders (set up, run, status, autostart)."""

from __future__ import annotations

import json
import select
import sys
from datetime import datetime
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from psoas.bootstrap import build_context
from psoas.cli.errors import fail
from psoas.cli.options import own_person
from psoas.domain.habits.breaks import BREAK_SOURCES, BreakSettings
from psoas.domain.serial import to_primitive
from psoas.notify import Notifier, autostart, desktop_available
from psoas.services import people
from psoas.services.reminder_settings import configure_reminders
from psoas.services.reminders import (
    Reminder,
    break_status,
    person_zone,
    run_reminders,
)

app = typer.Typer(
    help="Reminders to break up sitting (and for today's session) during working hours.",
    no_args_is_help=True,
)
console = Console()
ANSWER_TIMEOUT_SECONDS = 300.0
ANSWERS = {
    "d": "taken",
    "done": "taken",
    "s": "snooze",
    "snooze": "snooze",
    "k": "skip",
    "skip": "skip",
}


def _describe(s: BreakSettings) -> str:
    state = "on" if s.enabled else "off"
    quiet = ", ".join(f"{q.start:%H:%M}-{q.end:%H:%M}" for q in s.quiet_periods) or "none"
    session = f"at {s.session_reminder_time:%H:%M}" if s.session_reminder else "off"
    return (
        f"Break reminders are {state}: every {s.interval_minutes} min, "
        f"{s.work_start:%H:%M}-{s.work_end:%H:%M} on {', '.join(s.working_days) or 'no days'}; "
        f"snooze {s.snooze_minutes} min; quiet periods: {quiet}. Session reminder: {session}."
    )


@app.command("on")
def turn_on(
    interval: Annotated[
        int | None, typer.Option(help="Minutes between breaks (20-60, default 30).")
    ] = None,
    start: Annotated[str | None, typer.Option(help="Working day starts, HH:MM.")] = None,
    end: Annotated[str | None, typer.Option(help="Working day ends, HH:MM.")] = None,
    days: Annotated[
        str | None, typer.Option(help="Working days, e.g. mon,tue,wed,thu,fri.")
    ] = None,
    snooze: Annotated[int | None, typer.Option(help="Snooze length in minutes (1-30).")] = None,
    quiet: Annotated[
        list[str] | None, typer.Option(help="A quiet period HH:MM-HH:MM; repeat for more.")
    ] = None,
    session_at: Annotated[
        str | None, typer.Option(help="Also remind me of today's session at HH:MM.")
    ] = None,
) -> None:
    """Turn break reminders on, optionally changing the schedule."""
    ctx = build_context()
    person = own_person(ctx)
    changes = {
        "enabled": True,
        "interval": interval,
        "start": start,
        "end": end,
        "snooze": snooze,
        "days": days.split(",") if days else None,
        "quiet": quiet,
        "session_reminder": True if session_at else None,
        "session_at": session_at,
    }
    settings = configure_reminders(ctx, person.id, changes)
    console.print(_describe(settings))
    console.print("Run `psoas breaks run` now, or `psoas breaks install` to start it at login.")
    console.print("Why: " + "; ".join(BREAK_SOURCES), style="dim")


@app.command("off")
def turn_off(
    session_too: Annotated[
        bool, typer.Option("--session-too", help="Also stop the session reminder.")
    ] = False,
) -> None:
    """Turn break reminders off."""
    ctx = build_context()
    person = own_person(ctx)
    changes: dict[str, object] = {"enabled": False}
    if session_too:
        changes["session_reminder"] = False
    console.print(_describe(configure_reminders(ctx, person.id, changes)))


def _terminal_answer(reminder: Reminder) -> str | None:
    """Ask in the terminal for a while; None when nobody answers or stdin is not a terminal."""
    if not sys.stdin.isatty():
        return None
    console.print(
        "[bold]d[/] done, [bold]s[/] snooze, [bold]k[/] skip (Enter after the letter): ", end=""
    )
    ready, _, _ = select.select([sys.stdin], [], [], ANSWER_TIMEOUT_SECONDS)
    if not ready:
        console.print("\nNo answer; counted as missed.")
        return None
    return ANSWERS.get(sys.stdin.readline().strip().lower())


@app.command("run")
def run(
    background: Annotated[
        bool, typer.Option("--background", help="No terminal questions (for autostart).")
    ] = False,
    hours: Annotated[float | None, typer.Option(help="Stop after this many hours.")] = None,
) -> None:
    """Wait for each break during working hours and show a notification with a micro-routine."""
    ctx = build_context()
    person = own_person(ctx)
    settings = people.get_reminders(ctx, person.id)
    if not settings.enabled and not settings.session_reminder:
        raise fail("Reminders are off. Turn them on with `psoas breaks on`.", 1)
    ok, why = desktop_available()
    if not ok:
        console.print(
            f"Desktop notifications are not available ({why}); reminders will appear here."
        )
    until = None
    if hours is not None:
        if hours <= 0:
            raise fail("--hours: must be more than 0", 2)
        from datetime import timedelta

        until = ctx.clock.now() + timedelta(hours=hours)
    zone = person_zone(ctx, person.id)

    def waiting(r: Reminder) -> None:
        if not background:
            console.print(
                f"Next: {r.title.lower()} at {r.due_at.astimezone(zone):%a %H:%M}.", end="\r"
            )

    shown = run_reminders(
        ctx,
        person.id,
        Notifier(sys.stdout),
        ask=None if background else _terminal_answer,
        until=until,
        on_wait=waiting,
    )
    console.print(f"\nStopped after {shown} reminder(s).")


@app.command("status")
def status(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Today's breaks taken, snoozed, skipped and missed, and the next reminder."""
    ctx = build_context()
    person = own_person(ctx)
    st = break_status(ctx, person.id)
    zone = person_zone(ctx, person.id)
    if as_json:
        data = {"settings": to_primitive(st.settings), "today": to_primitive(st.today)}
        data["next"] = (
            None
            if st.next_due is None
            else {"kind": st.next_due.kind, "due_at": st.next_due.due_at.isoformat()}
        )
        typer.echo(json.dumps(data, indent=2))
        return
    console.print(_describe(st.settings))
    table = Table(title=f"Breaks today ({datetime.now(zone):%a %d %b})")
    for column in ("due so far", "taken", "snoozed", "skipped", "missed"):
        table.add_column(column, justify="right")
    t = st.today
    table.add_row(str(t.due), str(t.taken), str(t.snoozed), str(t.skipped), str(t.missed))
    console.print(table)
    if st.next_due is not None:
        console.print(
            f"Next {st.next_due.kind} reminder: {st.next_due.due_at.astimezone(zone):%a %d %b %H:%M}"
        )


@app.command("install")
def install(
    kind: Annotated[
        str, typer.Option(help="systemd (a user unit) or autostart (a desktop login file).")
    ] = "systemd",
    print_only: Annotated[
        bool, typer.Option("--print", help="Print the entry instead of writing it.")
    ] = False,
) -> None:
    """Start the reminders automatically when you log in."""
    try:
        entry = autostart.entry(kind)
    except ValueError as exc:
        raise fail(f"--kind: {exc}", 2) from None
    if print_only:
        typer.echo(f"# {entry.path}\n{entry.text}")
        return
    try:
        autostart.install(kind)
    except OSError as exc:
        raise fail(f"cannot write {entry.path}: {exc.strerror}", 1) from None
    console.print(f"Wrote {entry.path}. {entry.hint}")


@app.command("uninstall")
def uninstall() -> None:
    """Remove the autostart entry."""
    removed = autostart.uninstall()
    if not removed:
        console.print("No psoas autostart entry was installed.")
    for path in removed:
        console.print(f"Removed {path}.")
