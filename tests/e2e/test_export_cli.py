"""`psoas export ...` end to end on a real SQLite database with the real catalogue."""

from __future__ import annotations

import csv
import io
import sys
from dataclasses import replace

import pytest
from icalendar import Calendar
from pypdf import PdfReader
from tests.integration import export_samples as samples
from typer.testing import CliRunner

from psoas.bootstrap import build_context
from psoas.cli import app, main
from psoas.export.fhir import read_bundle

# the samples' made-up exercises, mapped to real catalogue entries
REAL = {
    "half-kneeling-hip-flexor-stretch": "kneeling-psoas-stretch",
    "supine-marching": "dead-bug",
    "crocodile-breathing": "diaphragmatic-breathing-pelvic-tilts",
}


def _live(cal):  # type: ignore[no-untyped-def]
    """The events that take place (break numbers a schedule no longer uses come CANCELLED)."""
    return [e for e in cal.walk("VEVENT") if e["STATUS"] != "CANCELLED"]


def _real_plan():
    plan = samples.plan()
    weeks = tuple(
        replace(
            week,
            sessions=tuple(
                replace(
                    s,
                    prescriptions=tuple(
                        replace(p, exercise_id=REAL[p.exercise_id]) for p in s.prescriptions
                    ),
                )
                for s in week.sessions
            ),
        )
        for week in plan.weeks
    )
    return replace(plan, weeks=weeks)


def _real_logs():
    return [
        replace(log, sets=tuple(replace(s, exercise_id=REAL[s.exercise_id]) for s in log.sets))
        for log in samples.logs()
    ]


@pytest.fixture
def stored():
    ctx = build_context()
    with ctx.uow() as uow:
        uow.people.add(samples.person())
        uow.assessments.add(samples.assessment())
        uow.plans.save(_real_plan())
        for log in _real_logs():
            uow.logs.add(log)
        for m in samples.measurements():
            uow.measurements.add(m)
        for review in samples.reviews():
            uow.reviews.add(replace(review, items=()))
    return ctx


def invoke(*args: str):
    return CliRunner().invoke(app, ["export", *args])


def test_pdf_handout_and_report_to_files(stored, tmp_path):
    for command, page_size in (("pdf", "Letter"), ("report", "A4")):
        target = tmp_path / f"{command}.pdf"
        result = invoke(command, "-p", "p-1", "-o", str(target), "--page-size", page_size)
        assert result.exit_code == 0, result.output
        reader = PdfReader(target)
        assert reader.pages[0].mediabox.width == (612 if page_size == "Letter" else 595.28)
        assert oct(target.stat().st_mode & 0o777) == "0o600"
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(tmp_path / "pdf.pdf").pages).split()
    )
    catalogue = stored.catalogue
    for slug in REAL.values():
        assert catalogue.get(slug).name in text
    assert "plan for Ada Example" in text


def test_ics_is_stable_across_two_exports(stored):
    first, second = invoke("ics", "-p", "p-1"), invoke("ics", "-p", "p-1")
    assert first.exit_code == 0, first.output
    uids = [str(e["UID"]) for e in Calendar.from_ical(first.stdout_bytes).walk("VEVENT")]
    assert uids == [str(e["UID"]) for e in Calendar.from_ical(second.stdout_bytes).walk("VEVENT")]
    event = Calendar.from_ical(first.stdout_bytes).walk("VEVENT")[0]
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert int(event["SEQUENCE"]) == 1  # one review changed the plan


def test_breaks_ics_uses_the_options(stored):
    result = invoke(
        "breaks-ics",
        "-p",
        "p-1",
        "--days",
        "mon,wed",
        "--work-start",
        "08:00",
        "--work-end",
        "10:00",
        "--interval",
        "30",
    )
    assert result.exit_code == 0, result.output
    events = _live(Calendar.from_ical(result.stdout_bytes))
    assert len(events) == 3
    assert events[0]["RRULE"]["BYDAY"] == ["MO", "WE"]


def _save_reminders(ctx) -> None:  # type: ignore[no-untyped-def]
    from psoas.services.reminder_settings import configure_reminders

    changes = {"days": ["tue"], "start": "08:00", "end": "10:00", "interval": 30}
    configure_reminders(ctx, "p-1", {**changes, "quiet": ["09:00-09:30"]})


def test_breaks_ics_defaults_to_the_saved_reminder_settings(stored):
    _save_reminders(stored)
    saved = _live(Calendar.from_ical(invoke("breaks-ics", "-p", "p-1").stdout_bytes))
    assert {tuple(e["RRULE"]["BYDAY"]) for e in saved} == {("TU",)}
    starts = sorted(e["DTSTART"].dt.strftime("%H:%M") for e in saved)
    assert "09:00" not in starts and starts[0] == "08:30"  # the quiet period is kept
    hourly = invoke(
        "breaks-ics", "-p", "p-1", "--interval", "60", "--days", "fri", "--work-end", "12:00"
    )
    assert hourly.exit_code == 0, hourly.output
    events = _live(Calendar.from_ical(hourly.stdout_bytes))
    assert [e["DTSTART"].dt.strftime("%H:%M") for e in events] == ["10:00", "11:00"]
    assert events[0]["RRULE"]["BYDAY"] == ["FR"]


def test_fhir_round_trip_and_name_opt_in(stored):
    result = invoke("fhir", "-p", "p-1")
    assert result.exit_code == 0, result.output
    contents = read_bundle(result.stdout_bytes)
    assert contents.name is None and contents.plan_id == "plan-1"
    assert len(contents.measurements) == len(samples.measurements())
    named = read_bundle(invoke("fhir", "-p", "p-1", "--include-name").stdout_bytes)
    assert named.name == "Ada Example"


def test_csv_tables(stored, tmp_path):
    logs = invoke("csv", "-p", "p-1", "--table", "logs")
    assert logs.exit_code == 0, logs.output
    rows = list(csv.DictReader(io.StringIO(logs.stdout)))
    assert len(rows) == 7 + 1
    assert invoke("csv", "-p", "p-1", "-o", str(tmp_path / "out.csv")).exit_code == 0
    measured = list(csv.DictReader((tmp_path / "out-measurements.csv").open(encoding="utf-8")))
    assert len(measured) == len(samples.measurements())
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").startswith("log_id,")


def _run(args, monkeypatch, capsys) -> tuple[int, str]:
    """The real entry point (run_app), so errors show as a person sees them: (code, stderr)."""
    monkeypatch.setattr(sys, "argv", ["psoas", "export", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    return exited.value.code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("pdf", "-o", "x.pdf"), "No plan yet. Run `psoas assess` and then `psoas plan new`"),
        (("pdf", "--page-size", "A5", "-o", "x.pdf"), "--page-size: 'A5' is not A4 or Letter"),
        (("breaks-ics", "--work-start", "nine"), "--work-start: 'nine' is not a time"),
        (("breaks-ics", "--interval", "5"), "--interval: must be between 20 and 60"),
        (("csv",), "two tables need -o FOLDER"),
        (("csv", "--table", "sets"), "--table: 'sets' is not logs, measurements or all"),
        (("fhir", "--person", "nobody"), "nobody"),
    ],
)
def test_bad_options_give_one_clear_line(args, message, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    if args[0] == "pdf" and "A5" in args:
        seeded = build_context()
        with seeded.uow() as uow:
            uow.people.add(samples.person())
            uow.plans.save(_real_plan())
        args = (*args, "-p", "p-1")
    code, stderr = _run(args, monkeypatch, capsys)
    assert code != 0
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert message in lines[0]
    assert not (tmp_path / "x.pdf").exists()


def test_help_lists_every_format():
    result = CliRunner().invoke(app, ["export", "--help"])
    for name in ("pdf", "report", "ics", "breaks-ics", "fhir", "csv"):
        assert name in result.output
