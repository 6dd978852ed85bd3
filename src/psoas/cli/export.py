"""`psoas export pdf|report|ics|breaks-ics|fhir|csv`: files other people and software can use."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from psoas.bootstrap import build_context
from psoas.cli.errors import err_console, fail
from psoas.cli.options import PersonOpt, person_id_of
from psoas.export import files
from psoas.services import exports

app = typer.Typer(
    help="Export the plan, progress and records: PDF, iCalendar, FHIR R4 or CSV.",
    no_args_is_help=True,
)

OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file (default: stdout).")
]
PageSizeOpt = Annotated[str, typer.Option("--page-size", help="A4 or Letter.")]
ClinicOpt = Annotated[str | None, typer.Option("--clinic", help="Clinic name for the cover.")]


def _write_private(path: Path, content: bytes) -> None:
    """Write atomically, readable by the owner only: exports hold health records."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(temp, path)
    except OSError as exc:
        raise fail(f"{path}: cannot write the file ({exc.strerror}).", 1) from None


def _deliver(export: files.ExportFile, output: Path | None, what: str) -> None:
    if output is None:
        if export.media_type == files.PDF and sys.stdout.isatty():
            raise fail("a PDF is binary and would garble the terminal: give -o FILE.", 2)
        sys.stdout.buffer.write(export.content)
        sys.stdout.flush()
        return
    _write_private(output, export.content)
    err_console.print(f"Wrote {what} to {output} ({len(export.content) // 1024 + 1} kB).")


@app.command("pdf")
def pdf(
    person: PersonOpt = None,
    output: OutputOpt = None,
    page_size: PageSizeOpt = "A4",
    clinic: ClinicOpt = None,
) -> None:
    """The plan handout: cover and safety note, the weeks, and every exercise with its picture."""
    ctx = build_context()
    data = exports.plan_export(ctx, person_id_of(ctx, person))
    made = files.plan_pdf(
        data.person, data.plan, data.exercises, page_size=page_size, clinic_name=clinic
    )
    _deliver(made, output, "the plan handout")


@app.command("report")
def report(
    person: PersonOpt = None,
    output: OutputOpt = None,
    page_size: PageSizeOpt = "A4",
    clinic: ClinicOpt = None,
) -> None:
    """The progress report for a clinician: adherence, pain, hip angles, PSFS, plan changes."""
    ctx = build_context()
    d = exports.report_export(ctx, person_id_of(ctx, person), ctx.clock.today())
    made = files.report_pdf(
        d.person,
        d.summary,
        d.assessment,
        d.measurements,
        d.reviews,
        d.exercises,
        page_size=page_size,
        clinic_name=clinic,
        logs=d.logs,
    )
    _deliver(made, output, "the progress report")


@app.command("ics")
def ics(person: PersonOpt = None, output: OutputOpt = None) -> None:
    """The plan's sessions as calendar events (re-importing updates them, never duplicates)."""
    ctx = build_context()
    data = exports.plan_export(ctx, person_id_of(ctx, person))
    made = files.plan_ics(
        data.person,
        data.plan,
        data.exercises,
        dtstamp=ctx.clock.now(),
        revision=data.revision,
        last_modified=data.last_modified,
        replaced=data.replaced,
    )
    _deliver(made, output, "the plan calendar")


@app.command("breaks-ics")
def breaks_ics(
    person: PersonOpt = None,
    output: OutputOpt = None,
    days: Annotated[
        str | None,
        typer.Option("--days", help="Work days, e.g. mon,tue,wed,thu,fri (default: saved)."),
    ] = None,
    work_start: Annotated[
        str | None, typer.Option("--work-start", help="HH:MM (default: saved).")
    ] = None,
    work_end: Annotated[
        str | None, typer.Option("--work-end", help="HH:MM (default: saved).")
    ] = None,
    interval: Annotated[
        int | None,
        typer.Option("--interval", help="Minutes between breaks, 20-60 (default: saved)."),
    ] = None,
) -> None:
    """A separate calendar of sitting-break reminders on work days.

    Uses your saved reminder settings (`psoas breaks on`), quiet periods included; each option
    given overrides its saved value for this file only.
    """
    ctx = build_context()
    person_id = person_id_of(ctx, person)
    d = exports.breaks_export(
        ctx,
        person_id,
        days=days,
        work_start=work_start,
        work_end=work_end,
        interval=interval,
        labels={"days": "--days", "work_start": "--work-start", "work_end": "--work-end"},
    )
    made = files.breaks_ics(d.person, d.settings, start=ctx.clock.today(), dtstamp=ctx.clock.now())
    _deliver(made, output, "the sitting-break calendar")


@app.command("fhir")
def fhir(
    person: PersonOpt = None,
    output: OutputOpt = None,
    include_name: Annotated[
        bool, typer.Option("--include-name", help="Put the person's name in the Patient.")
    ] = False,
    bundle_type: Annotated[
        str,
        typer.Option(
            "--type",
            help="collection (a record to keep) or transaction (a FHIR server takes it as is).",
        ),
    ] = "collection",
) -> None:
    """A FHIR R4 Bundle: Patient, screening, CarePlan, session Procedures and Observations."""
    if bundle_type not in ("collection", "transaction"):
        raise fail(f"--type: '{bundle_type}' is not collection or transaction.", 2)
    ctx = build_context()
    d = exports.records_export(ctx, person_id_of(ctx, person))
    made = files.fhir_bundle(
        d.person,
        d.plan,
        d.measurements,
        d.logs,
        d.exercises,
        include_name=include_name,
        timestamp=ctx.clock.now(),
        assessment=d.assessment,
        questionnaire=d.questionnaire,
        bundle_type=bundle_type,
    )
    _deliver(made, output, "the FHIR bundle")


@app.command("csv")
def csv(
    person: PersonOpt = None,
    output: OutputOpt = None,
    table: Annotated[
        str, typer.Option("--table", help="logs, measurements, or all (all needs -o).")
    ] = "all",
    bom: Annotated[
        bool, typer.Option("--bom", help="Start with a UTF-8 byte order mark (for Excel).")
    ] = False,
) -> None:
    """Session logs (one row per set and side) and measurements as CSV; see docs/csv.md.

    With --table all, -o names a folder (psoas-sessions.csv and psoas-measurements.csv go in
    it) or a .csv file (the measurements then go next to it with -measurements in the name).
    """
    if table not in ("logs", "measurements", "all"):
        raise fail(f"--table: '{table}' is not logs, measurements or all.", 2)
    if table == "all" and output is None:
        raise fail("two tables need -o FOLDER, or choose --table logs or --table measurements.", 2)
    ctx = build_context()
    d = exports.records_export(ctx, person_id_of(ctx, person))
    made, zone = [], d.person.timezone  # times are written in the person's own zone
    if table in ("logs", "all"):
        made.append((files.logs_csv(d.logs, d.exercises, bom=bom, zone=zone), "the session logs"))
    if table in ("measurements", "all"):
        made.append(
            (files.measurements_csv(d.measurements, bom=bom, zone=zone), "the measurements")
        )
    if table == "all" and output is not None and _is_folder(output):
        _make_folder(output)
        for export, what in made:
            _deliver(export, output / export.filename, what)
        return
    for export, what in made:
        target = output
        if table == "all" and output is not None and export is made[-1][0]:
            target = output.with_name(f"{output.stem}-measurements{output.suffix or '.csv'}")
        _deliver(export, target, what)


def _is_folder(path: Path) -> bool:
    """A folder when it is one already, or when its name has no suffix (psoas makes it)."""
    return path.is_dir() or (not path.exists() and path.suffix == "")


def _make_folder(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise fail(f"cannot make the folder {path}: {exc.strerror or exc}.", 1) from None
