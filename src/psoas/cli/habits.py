"""`psoas habits`: the daily checklist of habits chosen by your screening, with streaks."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from psoas.bootstrap import build_context
from psoas.cli.options import day_or_today, own_person, print_json
from psoas.services.habits import HabitChecklist, checklist, set_habit

app = typer.Typer(help="Your daily habit checklist: tick what you did, see the streak.")
console = Console()


def _show(found: HabitChecklist) -> None:
    summary = found.summary
    table = Table(title=f"Habits for {summary.today.day:%a %d %b}")
    table.add_column("", width=3)
    table.add_column("Habit id")
    table.add_column("Habit")
    table.add_column("Last 7 days", justify="right")
    for habit in found.habits:
        mark = "[green]✔[/]" if habit.id in summary.today.done else "·"
        table.add_row(mark, habit.id, habit.title, f"{summary.per_habit_7_days.get(habit.id, 0)}/7")
    console.print(table)
    console.print(
        f"Streak: {summary.streak_days} day(s) with every habit ticked. "
        f"Last 7 days: {summary.last_7_days_pct:g} % of habit ticks done."
    )


@app.callback(invoke_without_command=True)
def habits(
    context: typer.Context,
    tick: Annotated[
        list[str] | None, typer.Option("--tick", help="Habit id to mark done; repeat.")
    ] = None,
    untick: Annotated[
        list[str] | None, typer.Option("--untick", help="Habit id to clear; repeat.")
    ] = None,
    on: Annotated[
        str | None, typer.Option("--date", help="The day to tick (default today).")
    ] = None,
    why: Annotated[
        bool, typer.Option("--why", help="Show why each habit is on your list.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show today's checklist; --tick ID / --untick ID to record a habit."""
    if context.invoked_subcommand is not None:
        return
    ctx = build_context()
    person = own_person(ctx)
    day = day_or_today(on, ctx.clock.today())
    for habit_id in tick or []:
        set_habit(ctx, person.id, habit_id, day, done=True)
    for habit_id in untick or []:
        set_habit(ctx, person.id, habit_id, day, done=False)
    found = checklist(ctx, person.id, ctx.clock.today())
    if as_json:
        print_json({"habits": found.habits, "summary": found.summary})
        return
    _show(found)
    if why:
        for habit in found.habits:
            label = "" if habit.strength == "primary" else f" [{habit.strength}]"
            console.print(
                f"\n[bold]{escape(habit.title)}[/]\n{escape(habit.why)}\nSource: {escape(habit.source + label)}"
            )
