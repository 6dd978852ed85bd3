"""`psoas plan new|show|review` and `psoas today`: make, read and adapt the personal plan."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

import typer
from rich.console import Console

from psoas.bootstrap import build_context
from psoas.cli.errors import exit_code_for, fail, person_message
from psoas.cli.options import JsonOpt, PersonOpt, parse_date, person_id_of, print_json
from psoas.cli.plan_render import name_of, print_plan, print_review, print_today
from psoas.domain.errors import PsoasError
from psoas.domain.planning.durations import prescription_seconds
from psoas.domain.records.people import WEEKDAYS, Preferences
from psoas.domain.serial import to_primitive
from psoas.services import plan_preferences
from psoas.services import plans as service
from psoas.services.context import Context

app = typer.Typer(help="Make, show and review your personal plan.", no_args_is_help=True)

T = TypeVar("T")


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False, width=140)


def _call(fn: Callable[[], T]) -> T:
    """Run a service call; a PsoasError becomes one clear line and a non-zero exit."""
    try:
        return fn()
    except PsoasError as exc:
        raise fail(person_message(exc), exit_code_for(exc)) from None


def _open(person: str | None) -> tuple[Context, str]:
    """The context and the id of the person the command is for."""
    ctx = build_context()
    return ctx, _call(lambda: person_id_of(ctx, person))


def _split(text: str | None) -> list[str] | None:
    return None if text is None else [part for part in text.replace(" ", ",").split(",") if part]


def _ask_missing(base: Preferences, given: dict[str, object]) -> dict[str, object]:
    """Ask for each preference not given as a flag; Enter keeps the shown default."""
    asked = dict(given)
    if asked["minutes"] is None:
        asked["minutes"] = typer.prompt(
            "Minutes per day (5-30)", default=base.minutes_per_day, type=int
        )
    if asked["strength_days"] is None:
        asked["strength_days"] = typer.prompt(
            "Strength days per week (0-3)", default=base.strength_days_per_week, type=int
        )
    if asked["equipment"] is None:
        default = ",".join(sorted(e.value for e in base.equipment))
        asked["equipment"] = _split(
            typer.prompt(
                "Equipment you have (comma-separated, e.g. mat,resistance_band)", default=default
            )
        )
    if asked["level"] is None:
        asked["level"] = typer.prompt(
            "Level (beginner, intermediate, advanced)", default=base.level.value
        )
    if asked["days"] is None:
        asked["days"] = _split(
            typer.prompt(
                "Days you can exercise (e.g. mon,tue,wed)", default=",".join(base.preferred_days)
            )
        )
    return asked


@app.command("new")
def new(
    minutes: Annotated[
        int | None, typer.Option("--minutes", help="Minutes per day (5-30).")
    ] = None,
    strength_days: Annotated[
        int | None, typer.Option("--strength-days", help="Strength days per week (0-3).")
    ] = None,
    equipment: Annotated[
        str | None, typer.Option("--equipment", help="Comma-separated, e.g. mat,resistance_band.")
    ] = None,
    level: Annotated[
        str | None, typer.Option("--level", help="beginner, intermediate or advanced.")
    ] = None,
    days: Annotated[
        str | None, typer.Option("--days", help=f"Exercise days, e.g. {','.join(WEEKDAYS[:5])}.")
    ] = None,
    start: Annotated[
        str | None, typer.Option("--start", help="First day (YYYY-MM-DD); default today.")
    ] = None,
    ask: Annotated[
        bool | None,
        typer.Option(
            "--ask/--no-ask",
            help="Ask for preferences not given as flags (default: only when none are saved).",
        ),
    ] = None,
    as_json: JsonOpt = False,
    person: PersonOpt = None,
) -> None:
    """Make a plan from your latest assessment, fitted to your time, kit, level and days."""
    ctx, person_id = _open(person)
    first = parse_date(start, "--start")
    stored = _call(lambda: plan_preferences.current_preferences(ctx, person_id))
    given: dict[str, object] = {
        "minutes": minutes,
        "strength_days": strength_days,
        "equipment": _split(equipment),
        "level": level,
        "days": _split(days),
    }
    if ask if ask is not None else stored is None and all(v is None for v in given.values()):
        given = _ask_missing(stored or Preferences(), given)
    prefs = _call(lambda: plan_preferences.preferences_from(stored or Preferences(), **given))  # type: ignore[arg-type]
    plan = _call(lambda: service.new_plan(ctx, person_id, prefs, first))
    if as_json:
        print_json(plan)
        return
    console = _console()
    print_plan(console, plan, ctx.catalogue, week=1)
    console.print(
        "\nSee every week with `psoas plan show`; today's session with `psoas today`.", style="dim"
    )


@app.command("show")
def show(
    week: Annotated[
        int | None, typer.Option("--week", help="Show only this week (1-based).")
    ] = None,
    as_json: JsonOpt = False,
    person: PersonOpt = None,
) -> None:
    """Show your plan as a calendar: weeks with phase and focus, each day's session and time."""
    ctx, person_id = _open(person)
    plan = _call(lambda: service.current_plan(ctx, person_id))
    if plan is None:
        raise fail(service.NO_PLAN, 3)
    if week is not None and not 1 <= week <= len(plan.weeks):
        raise fail(f"--week: must be between 1 and {len(plan.weeks)}", 2)
    if as_json:
        data = to_primitive(plan)
        if week is not None:
            data["weeks"] = [w for w in data["weeks"] if w["index"] == week]
        print_json(data)
        return
    print_plan(_console(), plan, ctx.catalogue, week)


@app.command("review")
def review(
    today: Annotated[
        str | None, typer.Option("--today", help="Review as of this date (YYYY-MM-DD).")
    ] = None,
    as_json: JsonOpt = False,
    person: PersonOpt = None,
) -> None:
    """Run the weekly review now: what changes next week and why."""
    ctx, person_id = _open(person)
    day = parse_date(today, "--today")
    result = _call(lambda: service.run_review(ctx, person_id, day))
    if as_json:
        print_json(result)
        return
    print_review(_console(), result, ctx.catalogue)


def today_command(
    day: Annotated[
        str | None, typer.Option("--date", help="Show the session of this date (YYYY-MM-DD).")
    ] = None,
    as_json: JsonOpt = False,
    person: PersonOpt = None,
) -> None:
    """Today's session: exercises, doses, estimated time, and the reasons for any change."""
    ctx, person_id = _open(person)
    target = parse_date(day)
    session, reasons = _call(lambda: service.today(ctx, person_id, target))
    if as_json:
        exercises = [
            {
                "id": p.exercise_id,
                "name": name_of(ctx.catalogue, p.exercise_id),
                "seconds": prescription_seconds(p),
            }
            for p in (session.prescriptions if session else ())
        ]
        print_json({"session": session, "exercises": exercises, "reasons": reasons})
        return
    print_today(_console(), session, reasons, ctx.catalogue)
