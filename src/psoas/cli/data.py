"""`psoas data export | import | delete`: take your data out, bring it back, remove it."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from psoas.bootstrap import build_context
from psoas.cli.errors import err_console, fail
from psoas.services import data as data_service
from psoas.services import people

app = typer.Typer(help="Export, import or delete a person's records.", no_args_is_help=True)
console = Console(highlight=False, soft_wrap=True)

PROGRESS_THRESHOLD = 1000  # records; smaller histories finish before a bar would help
STAGES = {"export": "Exporting", "check": "Checking", "import": "Importing"}
LABELS = {
    "assessments": "assessments",
    "plans": "plans",
    "reviews": "plan reviews",
    "session_logs": "session logs",
    "measurements": "measurements",
    "break_events": "sitting-break outcomes",
    "habit_ticks": "habit ticks",
}

PersonOption = Annotated[str | None, typer.Option("--person", "-p", help="The person's id.")]


@contextmanager
def progress_bar() -> Iterator[Callable[[str, int, int], None]]:
    """A progress callback that draws a bar on stderr for large histories on a terminal."""
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    )
    tasks: dict[str, Any] = {}

    def report(stage: str, done: int, total: int) -> None:
        if total < PROGRESS_THRESHOLD:
            return
        if stage not in tasks:
            tasks[stage] = bar.add_task(STAGES.get(stage, stage), total=total)
        bar.update(tasks[stage], completed=done)

    with bar:
        yield report


@app.command("export")
def export(
    person: PersonOption = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file (default: stdout).")
    ] = None,
) -> None:
    """Write one JSON document with everything about a person (or everybody)."""
    ctx = build_context()
    with progress_bar() as report:
        document = data_service.export_data(ctx, person, progress=report)
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(text)
        return
    _write_private(output, text)
    records = sum(len(p[s]) for p in document["people"] for s in LABELS)
    err_console.print(
        f"Exported {len(document['people'])} person(s), {records} records to {output}."
    )


def _write_private(path: Path, text: str) -> None:
    """Write atomically, readable by the owner only: the file holds health records."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, path)
    except OSError as exc:
        raise fail(f"{path}: cannot write the file ({exc.strerror}).", 1) from None


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="A file made by `psoas data export`.")],
) -> None:
    """Restore a psoas export; records already present are left as they are."""
    document = _read_document(file)
    ctx = build_context()
    with progress_bar() as report:
        result = data_service.import_data(ctx, document, progress=report)
    console.print(f"Imported {file}.")
    console.print("Added: " + _summary(result.people_added, result.added) + ".")
    if result.people_present or any(result.present.values()):
        already = _summary(result.people_present, result.present)
        console.print(f"Already here, left unchanged: {already}.")


def _summary(people_count: int, records: dict[str, int]) -> str:
    """'1 person, 2 plans, 8 measurements': people first, then each kind of record."""
    person = "person" if people_count == 1 else "people"
    parts = [f"{people_count} {person}"]
    parts += [f"{n} {LABELS[s]}" for s, n in records.items() if n]
    if len(parts) == 1:
        parts.append("no records")
    return ", ".join(parts)


def _read_document(file: Path) -> Any:
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise fail(f"{file}: no such file.", 2) from None
    except UnicodeDecodeError:
        raise fail(f"{file}: not a psoas export (not UTF-8 text).", 2) from None
    except OSError as exc:
        raise fail(f"{file}: cannot read the file ({exc.strerror}).", 2) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise fail(
            f"{file}: not a psoas export (invalid JSON at line {exc.lineno}, column {exc.colno}: "
            f"{exc.msg}). Nothing was imported.",
            2,
        ) from None
    except RecursionError:
        raise fail(
            f"{file}: not a psoas export (its JSON nests too deeply). Nothing was imported.", 2
        ) from None


@app.command("delete")
def delete(
    person: Annotated[str, typer.Option("--person", "-p", help="The person's id.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Remove a person and every record of theirs. This cannot be undone."""
    ctx = build_context()
    found = people.get_person(ctx, person)
    counts = data_service.record_counts(ctx, person)
    what = ", ".join(f"{n} {LABELS[s]}" for s, n in counts.items() if n) or "no records"
    if not yes:
        question = f"Delete {found.display_name} ({found.id}) with {what}? This cannot be undone"
        try:
            confirmed = typer.confirm(question, default=False, err=True)
        except typer.Abort:
            confirmed = False
        if not confirmed:
            raise fail("Nothing was deleted (pass --yes to delete without asking).", 1)
    removed = data_service.delete_person_data(ctx, person)
    total = sum(removed.values())
    console.print(f"Deleted {found.display_name} ({found.id}) and {total} records.")
    if not people.list_people(ctx):
        console.print("Nothing is stored now; the next psoas command starts a new, empty profile.")
