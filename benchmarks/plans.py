"""Planner and weekly-review benchmark on the real catalogue, in CPU time.

    python benchmarks/plans.py            # median of 15 runs each
    python benchmarks/plans.py --runs 40
    python benchmarks/plans.py --quick    # 2 runs each (CI smoke)

Makes six-week plans for each profile at 5, 10, 20 and 30 minutes a day, then times one weekly
review given a year of daily session logs and weekly measurements (a person who does every
session with low pain), as the service passes all of them. Prints the median and slowest CPU
time (time.process_time) in milliseconds next to the goals (plan at most 10 ms, review at most
5 ms) and as a multiple of a fixed pure-Python anchor measured in the same run, and how many
sessions fit their minutes within 10 %. Never part of the test run.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from psoas.catalogue import load_catalogue
from psoas.domain.catalogue.exercises import Equipment
from psoas.domain.planning.durations import budget_bounds
from psoas.domain.planning.make import make_plan
from psoas.domain.planning.plans import Plan, SessionKind
from psoas.domain.progression.review import review_week
from psoas.domain.records.measurements import Measurement, MeasurementKind, Method, Side
from psoas.domain.records.people import Preferences
from psoas.domain.records.session_logs import SessionLog, SetRecord, SetSide
from psoas.domain.screening.assessment import (
    AssessmentResult,
    Profile,
    SideResult,
    ThighPosition,
    Triage,
)

START = date(2026, 11, 23)
CREATED = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
KIT = frozenset({Equipment.MAT, Equipment.MASSAGE_BALL, Equipment.RESISTANCE_BAND})


def assessment(profile: Profile) -> AssessmentResult:
    sides = (
        SideResult(Side.LEFT, ThighPosition.ABOVE, 8.0),
        SideResult(Side.RIGHT, ThighPosition.LEVEL, 1.0),
    )
    return AssessmentResult(Triage.PROCEED, profile, sides, True, frozenset(), (), "bench")


def logs_for(plan: Plan, week: int) -> list[SessionLog]:
    out = []
    for s in plan.weeks[week - 1].sessions:
        if s.kind == SessionKind.REST:
            continue
        sets = tuple(
            SetRecord(
                p.exercise_id,
                1,
                SetSide.BOTH,
                p.dose.reps,
                p.dose.hold_seconds,
                p.dose.reps,
                p.dose.hold_seconds,
                pain=1,
            )
            for p in s.prescriptions
        )
        start = datetime.combine(s.date, datetime.min.time(), UTC)
        out.append(
            SessionLog(
                f"l-{s.id}",
                plan.person_id,
                s.date,
                start,
                start + timedelta(minutes=10),
                sets,
                plan.id,
                s.id,
                1,
                1,
                1,
                1,
            )
        )
    return out


PLAN_GOAL_MS = 10.0
REVIEW_GOAL_MS = 5.0


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and slowest CPU milliseconds of ``runs`` calls."""
    samples = []
    for _ in range(runs):
        began = time.process_time()
        fn()
        samples.append((time.process_time() - began) * 1000)
    return statistics.median(samples), max(samples)


def anchor() -> None:
    """A fixed pure-Python workload: the figure that travels between machines is the ratio."""
    sum(i * i for i in range(100_000))


def year_of_logs(plan: Plan) -> list[SessionLog]:
    """A log for every day of the year before the plan's first week, then the plan's own."""
    earlier = []
    for n in range(365):
        day = START - timedelta(days=365 - n)
        start = datetime.combine(day, datetime.min.time(), UTC)
        sets = tuple(
            SetRecord("dead-bug", i, SetSide.BOTH, 8, None, 8, None, pain=1) for i in (1, 2, 3)
        )
        earlier.append(SessionLog(f"old-{n}", "p", day, start, start + timedelta(minutes=12), sets))
    return earlier + logs_for(plan, 1)


def year_of_measurements() -> list[Measurement]:
    out = []
    for n in range(0, 365, 7):
        taken = datetime.combine(START - timedelta(days=365 - n), datetime.min.time(), UTC)
        out.append(
            Measurement(f"m-{n}", "p", MeasurementKind.PAIN, 3.0, "NRS", Method.SELF_REPORT, taken)
        )
    return out


def verdict(value: float, goal: float) -> str:
    return "met" if value <= goal else "NOT met"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--quick", action="store_true", help="2 runs each, for CI")
    args = parser.parse_args()
    runs = 2 if args.quick else args.runs
    catalogue = load_catalogue()
    anchor_ms, _ = timed(anchor, runs)
    measurements = year_of_measurements()
    fitted = total = 0
    worst_plan = worst_review = 0.0
    print(
        f"CPU ms (time.process_time), median of {runs}; anchor (fixed Python loop) {anchor_ms:.2f} ms"
    )
    print(
        f"{'profile':<22} {'min':>3}  {'plan ms':>8} {'max':>6} {'x anchor':>8}  {'review ms':>9} {'max':>6}"
    )
    for profile in Profile:
        for minutes in (5, 10, 20, 30):
            prefs = Preferences(minutes_per_day=minutes, strength_days_per_week=3, equipment=KIT)

            def plan_once(profile=profile, prefs=prefs) -> Plan:
                return make_plan(
                    assessment(profile),
                    prefs,
                    START,
                    catalogue,
                    person_id="p",
                    assessment_id="a",
                    created_at=CREATED,
                )

            median, worst = timed(plan_once, runs)
            plan = plan_once()
            low, high = budget_bounds(minutes)
            sessions = [s for s in plan.sessions() if s.kind != SessionKind.REST]
            fitted += sum(low <= s.estimated_seconds <= high for s in sessions)
            total += len(sessions)
            logs = year_of_logs(plan)

            def review(plan=plan, logs=logs) -> None:
                end = plan.weeks[0].sessions[-1].date
                review_week(
                    plan,
                    logs,
                    measurements,
                    week_index=1,
                    baseline_pain=3,
                    today=end,
                    catalogue=catalogue,
                )

            r_median, r_worst = timed(review, runs)
            worst_plan, worst_review = max(worst_plan, median), max(worst_review, r_median)
            print(
                f"{profile.value:<22} {minutes:>3}  {median:>8.2f} {worst:>6.1f} "
                f"{median / anchor_ms:>8.1f}  {r_median:>9.2f} {r_worst:>6.1f}"
            )
    print(f"sessions within 10 % of their minutes: {fitted}/{total}")
    print(
        f"slowest plan (median) {worst_plan:.2f} ms, goal <= {PLAN_GOAL_MS:.0f} ms: {verdict(worst_plan, PLAN_GOAL_MS)}"
    )
    print(
        f"slowest review over a year of logs (median) {worst_review:.2f} ms, goal <= "
        f"{REVIEW_GOAL_MS:.0f} ms: {verdict(worst_review, REVIEW_GOAL_MS)}"
    )
    print(
        f"machine: {os.cpu_count()} CPUs ({platform.machine()}), Python {sys.version.split()[0]}, "
        f"load average {os.getloadavg()[0]:.1f} (run it more than once)"
    )


if __name__ == "__main__":
    main()
