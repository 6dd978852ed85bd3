"""Export benchmark: each export's CPU time for a 6-week plan and a year of records, and the
FHIR and CSV exports' cost per session log as the history grows.

    python benchmarks/exports.py                # 5 runs; per-log cost at 250, 1000, 4000 logs
    python benchmarks/exports.py --runs 20 --sizes 250 1000 4000 8000
    python benchmarks/exports.py --quick        # 1 run, 50 and 200 logs (CI smoke)

The plan comes from the real planner and catalogue; the history is daily session logs (6 sets
each) and weekly measurements, generated deterministically. Times are CPU (time.process_time):
the median and slowest run in milliseconds and the output size. The per-log table prints each
export's milliseconds per log next to the goal (at most 0.5 ms, and linear: the same per-log
cost at every size) and as a multiple of the anchor, ``json.dumps`` of the same logs measured
in the same run. Never part of the test run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from psoas.catalogue import load_catalogue
from psoas.domain.planning.make import make_plan
from psoas.domain.planning.plans import Plan
from psoas.domain.progress.summary import summarise
from psoas.domain.records.measurements import Measurement, MeasurementKind, Method, Side
from psoas.domain.records.people import Person, Preferences
from psoas.domain.records.session_logs import SessionLog, SetRecord, SetSide
from psoas.domain.screening.assessment import (
    AssessmentResult,
    Profile,
    SideResult,
    ThighPosition,
    Triage,
)
from psoas.domain.serial import to_primitive
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


PER_LOG_GOAL_MS = 0.5


def cpu_ms(make: Callable[[], object], runs: int) -> tuple[float, float, object]:
    """Median and slowest CPU milliseconds of ``runs`` calls, and the last result."""
    times, made = [], None
    for _ in range(runs):
        started = time.process_time()
        made = make()
        times.append((time.process_time() - started) * 1000)
    return statistics.median(times), max(times), made


def timed(name: str, runs: int, make: Callable[[], bytes | str]) -> None:
    median, worst, made = cpu_ms(make, runs)
    size = len(made) if isinstance(made, bytes | str) else 0
    print(f"{name:<28} median {median:8.1f} ms   max {worst:8.1f} ms   {size / 1024:8.1f} KiB")


def per_log(plan: Plan, person: Person, sizes: list[int], runs: int, ex: Any) -> None:
    """Milliseconds per session log of the FHIR bundle and the CSV at growing history sizes."""
    print(f"\nper session log, CPU ms (median of {runs}); goal <= {PER_LOG_GOAL_MS} ms and linear")
    print(f"{'logs':>6} {'anchor json':>11} {'FHIR':>8} {'x anchor':>8} {'CSV':>8} {'x anchor':>8}")
    rows = []
    for size in sizes:
        logs, measurements = history(size)
        anchor, _, _ = cpu_ms(lambda logs=logs: json.dumps(to_primitive(logs)), runs)
        fhir_ms, _, _ = cpu_ms(
            lambda logs=logs, m=measurements: fhir.bundle(person, plan, m, logs, exercises=ex), runs
        )
        csv_ms, _, _ = cpu_ms(lambda logs=logs: csv_export.session_logs_csv(logs, ex), runs)
        row = (anchor / size, fhir_ms / size, csv_ms / size)
        rows.append(row)
        a, f, c = row
        print(f"{size:>6} {a:>11.3f} {f:>8.3f} {f / a:>8.1f} {c:>8.3f} {c / a:>8.1f}")
    for name, column in (("FHIR", 1), ("CSV", 2)):
        largest = rows[-1][column]
        growth = largest / rows[0][column]
        met = "met" if largest <= PER_LOG_GOAL_MS and growth <= 1.5 else "NOT met"
        print(
            f"{name}: {largest:.3f} ms per log at {sizes[-1]} logs, {growth:.1f}x the per-log "
            f"cost at {sizes[0]} (linear is about 1x): goal {met}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000, 4000])
    parser.add_argument("--quick", action="store_true", help="1 run, small sizes, for CI")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.sizes = 1, [50, 200]
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
    per_log(plan, person, args.sizes, args.runs, ex)
    print(
        f"machine: {os.cpu_count()} CPUs ({platform.machine()}), Python {sys.version.split()[0]}, "
        f"load average {os.getloadavg()[0]:.1f} (run it more than once)"
    )


if __name__ == "__main__":
    main()
