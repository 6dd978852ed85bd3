"""`psoas exercises list|show`: browse the exercise catalogue."""

from __future__ import annotations

import difflib
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from psoas.catalogue import load_catalogue
from psoas.cli.errors import fail
from psoas.cli.options import JsonOpt, print_json
from psoas.domain.catalogue.exercises import Category, Equipment, Exercise, Level, Muscle, Position

app = typer.Typer(help="Browse the exercise catalogue.", no_args_is_help=True)
console = Console()
E = TypeVar("E", bound=StrEnum)


def _choice(enum: type[E], value: str | None, option: str) -> E | None:
    """Parse a filter value, or fail with one line naming the allowed values."""
    if value is None:
        return None
    normalised = value.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return enum(normalised)
    except ValueError:
        allowed = [m.value for m in enum]
        close = difflib.get_close_matches(normalised, allowed, n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        raise fail(
            f"--{option}: unknown value '{value}'.{hint} Allowed: {', '.join(allowed)}.", 2
        ) from None


@app.command("list")
def list_exercises(
    category: Annotated[
        str | None, typer.Option(help="release, breathing, mobility, stretch, strength, stability")
    ] = None,
    equipment: Annotated[
        str | None, typer.Option(help="e.g. mat, resistance_band, foam_roller")
    ] = None,
    position: Annotated[
        str | None, typer.Option(help="e.g. standing, supine, half_kneeling")
    ] = None,
    level: Annotated[str | None, typer.Option(help="beginner, intermediate, advanced")] = None,
    muscle: Annotated[
        str | None, typer.Option(help="e.g. iliopsoas, rectus_femoris, gluteus_maximus")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """List exercises, optionally filtered."""
    found = load_catalogue().filter(
        category=_choice(Category, category, "category"),
        equipment=_choice(Equipment, equipment, "equipment"),
        position=_choice(Position, position, "position"),
        level=_choice(Level, level, "level"),
        muscle=_choice(Muscle, muscle, "muscle"),
    )
    if as_json:
        print_json(found)
        return
    if not found:
        console.print("No exercise matches those filters.")
        return
    table = Table(title=f"{len(found)} exercises", show_lines=False)
    for column in ("Slug", "Name", "Category", "Position", "Level", "Dose", "Equipment"):
        table.add_column(column, overflow="fold")
    for e in found:
        table.add_row(
            e.id,
            e.name,
            e.category,
            e.position.replace("_", " "),
            e.level,
            e.dose.describe(),
            ", ".join(e.equipment) or "none",
        )
    console.print(table)


@app.command("show")
def show(
    slug: Annotated[str, typer.Argument(help="The exercise slug, e.g. couch-stretch")],
    svg: Annotated[
        Path | None, typer.Option("--svg", help="Write the illustration to this SVG file.")
    ] = None,
    animated: Annotated[bool, typer.Option(help="With --svg: move between the key poses.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Show one exercise as a card: dose, steps, cues, cautions and sources."""
    exercise = load_catalogue().get(slug)
    if svg is not None:
        from psoas.export.figures import exercise_svg

        try:
            svg.write_text(exercise_svg(exercise, animated=animated), encoding="utf-8")
        except OSError as exc:
            raise fail(f"--svg: cannot write {svg}: {exc.strerror}", 1) from None
    if as_json:
        print_json(exercise)
        return
    console.print(_card(exercise))
    drawing = _drawing(exercise)
    if drawing:
        console.print(Panel(Text(drawing), title="Key position", expand=False))
    if svg is not None:
        console.print(f"Illustration written to {svg}")


def _drawing(e: Exercise) -> str:
    """The same text drawing the terminal player shows (empty when there is no key pose)."""
    if not e.poses:
        return ""
    from psoas.export.figure_text import pose_text  # the drawing code only when one is shown

    return pose_text(e, width=30, height=10).rstrip()


def _card(e: Exercise) -> Panel:
    body = Text()
    body.append(f"{e.summary}\n\n", style="italic")
    body.append("Dose: ", style="bold")
    body.append(f"{e.dose.describe()}, rest {e.dose.rest_seconds} s between sets\n")
    body.append("Category: ", style="bold")
    body.append(f"{e.category}   Position: {e.position.replace('_', ' ')}   Level: {e.level}\n")
    body.append("Muscles: ", style="bold")
    body.append(", ".join(m.replace("_", " ") for m in e.muscles) + "\n")
    body.append("Equipment: ", style="bold")
    body.append((", ".join(e.equipment) or "none") + "\n")
    _section(body, "Steps", [f"{i}. {s}" for i, s in enumerate(e.steps, 1)])
    _section(body, "Cues", [f"- {c}" for c in e.cues])
    _section(body, "Common mistakes", [f"- {m}" for m in e.mistakes])
    _section(body, "Breathing", [e.breathing])
    if e.easier or e.harder:
        _section(
            body,
            "Variants",
            [f"easier: {', '.join(e.easier) or '-'}", f"harder: {', '.join(e.harder) or '-'}"],
        )
    if e.cautions:
        lines = [f"- {c.code.replace('_', ' ')} ({c.action}): {c.note}" for c in e.cautions]
        _section(body, "Cautions", lines)
    sources = [
        f"- {s.citation}" + ("" if s.strength == "primary" else f" [{s.strength}]")
        for s in e.sources
    ]
    _section(body, "Sources", sources)
    return Panel(body, title=f"[bold]{e.name}[/] ({e.id})", expand=False)


def _section(body: Text, title: str, lines: list[str]) -> None:
    body.append(f"\n{title}\n", style="bold underline")
    body.append("\n".join(lines) + "\n")
