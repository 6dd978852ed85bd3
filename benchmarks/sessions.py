"""Guided-session and progress benchmark: the cost of the player loop and of the summary.

    python benchmarks/sessions.py
    python benchmarks/sessions.py --runs 20

Measures, on a real 6-week plan from the planner and the catalogue:
- building the timeline of the longest session;
- one player frame (tick + view), as the terminal loop does five times a second;
- rendering one terminal frame with Rich (the card, timers and bars);
- the progress summary over a year of daily logs and weekly measurements;
- the SVG and PNG charts of that summary.
Prints the median and slowest run in milliseconds. Never part of the test run.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta

from rich.console import Console

from psoas.catalogue import load_catalogue
from psoas.cli.session_view import render
from psoas.domain.planning.make import make_plan
from psoas.domain.planning.plans import PlannedSession
from psoas.domain.progress.summary import summarise
from psoas.domain.records.measurements import Measurement, MeasurementKind, Method, Side
from psoas.domain.records.people import Preferences
from psoas.domain.records.session_logs import SessionLog
from psoas.domain.screening.assessment import (
    AssessmentResult,
    Profile,
    SideResult,
    ThighPosition,
    Triage,
)
from psoas.domain.sessions.player import SessionPlayer
from psoas.domain.sessions.timeline import build_timeline
from psoas.export.charts import progress_chart_png, progress_chart_svg

START = date(2026, 1, 5)


def timed(label: str, fn: Callable[[], object], runs: int) -> None:
    samples = []
    for _ in range(runs):
        begin = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - begin) * 1000)
    print(f"{label:<44} median {statistics.median(samples):8.3f} ms   max {max(samples):8.3f} ms")


def year_of_logs(
    plan_sessions: Sequence[PlannedSession],
) -> tuple[list[SessionLog], list[Measurement]]:
    logs, measurements = [], []
    for n in range(365):
        day = START + timedelta(days=n)
        at = datetime(day.year, day.month, day.day, 18, tzinfo=UTC)
        session_id = plan_sessions[n % len(plan_sessions)].id
        logs.append(
            SessionLog(
                f"l{n}",
                "p",
                day,
                at,
                at + timedelta(minutes=10),
                (),
                session_id=session_id,
                pain_before=6 - n // 90,
                completed=n % 5 != 0,
            )
        )
        if n % 7 == 0:
            for side, value in ((Side.LEFT, 10 - n / 40), (Side.RIGHT, 4 - n / 80)):
                measurements.append(
                    Measurement(
                        f"m{n}{side}",
                        "p",
                        MeasurementKind.HIP_ANGLE,
                        value,
                        "deg",
                        Method.PHOTO,
                        at,
                        side,
                    )
                )
    return logs, measurements


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="1 run(s), for CI")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    catalogue = load_catalogue()
    result = AssessmentResult(
        triage=Triage.PROCEED,
        profile=Profile.TIGHT,
        sides=(
            SideResult(Side.LEFT, ThighPosition.ABOVE),
            SideResult(Side.RIGHT, ThighPosition.LEVEL),
        ),
        asymmetry=True,
        cautions=frozenset(),
        findings=(),
        rules_version="bench",
    )
    plan = make_plan(
        result,
        Preferences(minutes_per_day=30, strength_days_per_week=3),
        START,
        catalogue,
        weeks=6,
        plan_id="plan",
        person_id="p",
        assessment_id="a",
        created_at=datetime(2026, 1, 5, tzinfo=UTC),
    )
    longest = max(plan.sessions(), key=lambda s: s.estimated_seconds)
    timed("timeline of the longest session", lambda: build_timeline(longest, catalogue), runs)
    timeline = build_timeline(longest, catalogue)
    print(f"  ({len(timeline.steps)} steps, {timeline.total_seconds} s)")
    player = SessionPlayer(timeline, 0.0, catalogue)
    clock = iter(range(10**9))

    def frame() -> None:
        now = next(clock) * 0.2
        player.tick(now)
        player.view(now)

    timed("player frame (tick + view)", frame, runs * 200)
    console = Console(file=io.StringIO(), width=100, force_terminal=True)
    fresh = SessionPlayer(timeline, 0.0, catalogue)
    timed("terminal frame render (Rich)", lambda: console.print(render(fresh, 30.0, "")), runs * 20)
    logs, measurements = year_of_logs(plan.sessions())
    summary = summarise(
        today=START + timedelta(days=364),
        planned=plan.sessions(),
        logs=logs,
        measurements=measurements,
    )
    timed(
        "progress summary, 365 logs",
        lambda: summarise(
            today=START + timedelta(days=364),
            planned=plan.sessions(),
            logs=logs,
            measurements=measurements,
        ),
        runs,
    )
    timed("progress chart SVG", lambda: progress_chart_svg(summary), runs)
    timed("progress chart PNG 1200x900", lambda: progress_chart_png(summary), runs)


if __name__ == "__main__":
    main()
