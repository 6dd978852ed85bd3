"""Export benchmark: how long each export takes for a 6-week plan and a year of records.

    python benchmarks/exports.py            # 5 runs of each export
    python benchmarks/exports.py --runs 20

The plan comes from the real planner and catalogue; the history is a year of daily session
logs (6 sets each) and weekly measurements, generated deterministically. Prints the median and
the slowest run in milliseconds and the output size. Never part of the test run.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from psoas.catalogue import load_catalogue
from psoas.domain.assessment import AssessmentResult, Profile, SideResult, ThighPosition, Triage
from psoas.domain.measurements import Measurement, MeasurementKind, Method, Side
from psoas.domain.people import Person, Preferences
from psoas.domain.planning import make_plan
from psoas.domain.progress import summarise
from psoas.domain.sessions import SessionLog, SetRecord, SetSide
from psoas.export import csv as csv_export
from psoas.export import fhir, ical
from psoas.export.pdf import plan_handout_pdf
from psoas.export.pdf_report import progress_report_pdf

START = date(2026, 1, 5)
NOW = datetime(2026, 12, 31, 12, 0, tzinfo=UTC)


def history(days: int) -> tuple[list[SessionLog], list[Measurement]]:
    logs, measurements = [], []
    for n in range(days):
        day = START + timedelta(days=n)
        begin = datetime(day.year, day.month, day.day, 18, 0, tzinfo=UTC)
        sets = tuple(
            SetRecord("dead-bug", i, side, planned_reps=8, done_reps=8)
            for i in (1, 2, 3)
            for side in (SetSide.LEFT, SetSide.RIGHT)
        )
        logs.append(
            SessionLog(
                f"log-{n}", "p", day, begin, begin + timedelta(minutes=10), sets, pain_before=n % 5
            )
        )
        if n % 7 == 0:
            for side in Side:
                measurements.append(
                    Measurement(
                        f"m-{n}-{side}",
                        "p",
                        MeasurementKind.HIP_ANGLE,
                        10 - n / 40,
                        "deg",
                        Method.PHOTO,
                        begin,
                        side,
                    )
                )
            measurements.append(
                Measurement(
                    f"p-{n}", "p", MeasurementKind.PAIN, n % 6, "NRS", Method.SELF_REPORT, begin
                )
            )
    return logs, measurements


def timed(name: str, runs: int, make: Callable[[], bytes]) -> None:
    times, size = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        size = len(make())
        times.append((time.perf_counter() - started) * 1000)
    print(
        f"{name:<28} median {statistics.median(times):8.1f} ms   max {max(times):8.1f} ms   {size / 1024:8.1f} KiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    catalogue = load_catalogue()
    result = AssessmentResult(
        Triage.PROCEED,
        Profile.TIGHT,
        (
            SideResult(Side.LEFT, ThighPosition.ABOVE, 8.0),
            SideResult(Side.RIGHT, ThighPosition.LEVEL, 1.0),
        ),
        True,
        frozenset(),
        (),
        "bench",
    )
    plan = make_plan(
        result,
        Preferences(),
        START,
        catalogue,
        weeks=6,
        plan_id="plan",
        person_id="p",
        assessment_id="a",
        created_at=NOW,
        clinician_cleared=False,
    )
    person = Person("p", "Bench Person", NOW, timezone="Europe/Berlin")
    logs, measurements = history(365)
    summary = summarise(
        today=NOW.date(), planned=plan.sessions(), logs=logs, measurements=measurements
    )
    ex = catalogue.exercises
    print(
        f"plan: {len(plan.sessions())} sessions; history: {len(logs)} logs, {len(measurements)} measurements"
    )
    timed("handout PDF (A4)", args.runs, lambda: plan_handout_pdf("Bench", plan, ex))
    timed(
        "handout PDF (Letter)",
        args.runs,
        lambda: plan_handout_pdf("Bench", plan, ex, page_size="Letter"),
    )
    timed(
        "progress report PDF",
        args.runs,
        lambda: progress_report_pdf("Bench", summary, None, measurements, []),
    )
    timed(
        "plan iCalendar",
        args.runs,
        lambda: ical.plan_to_ics(plan, ex, tz="Europe/Berlin", dtstamp=NOW),
    )
    timed(
        "FHIR bundle (1 year)",
        args.runs,
        lambda: fhir.bundle(person, plan, measurements, logs, exercises=ex),
    )
    timed("CSV session logs (1 year)", args.runs, lambda: csv_export.session_logs_csv(logs, ex))
    timed("CSV measurements (1 year)", args.runs, lambda: csv_export.measurements_csv(measurements))


if __name__ == "__main__":
    main()
