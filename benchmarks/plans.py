"""Planner and weekly-review benchmark on the real catalogue.

    python benchmarks/plans.py            # 5 runs each
    python benchmarks/plans.py --runs 20

Makes six-week plans for each profile at 5, 10, 20 and 30 minutes a day, then runs five weekly
reviews with deterministic logs (a person who does every session with low pain). Prints the
median and slowest run in milliseconds, and how many sessions fit their minutes within 10 %.
Never part of the test run.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from psoas.catalogue import load_catalogue
from psoas.domain.assessment import AssessmentResult, Profile, SideResult, ThighPosition, Triage
from psoas.domain.durations import budget_bounds
from psoas.domain.exercises import Equipment
from psoas.domain.measurements import Side
from psoas.domain.people import Preferences
from psoas.domain.planning import make_plan
from psoas.domain.plans import Plan, SessionKind
from psoas.domain.progression import review_week
from psoas.domain.sessions import SessionLog, SetRecord, SetSide

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


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples), max(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    catalogue = load_catalogue()
    fitted = total = 0
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

            def reviews(plan=plan) -> None:
                current = plan
                for week in range(1, 6):
                    end = current.weeks[week - 1].sessions[-1].date
                    _, current = review_week(
                        current,
                        logs_for(current, week),
                        [],
                        week_index=week,
                        baseline_pain=2,
                        today=end,
                        catalogue=catalogue,
                    )

            r_median, r_worst = timed(reviews, max(1, runs // 2))
            print(
                f"{profile.value:<22} {minutes:>2} min  make_plan {median:7.1f} ms (max {worst:7.1f})  5 reviews {r_median:7.1f} ms (max {r_worst:7.1f})"
            )
    print(f"sessions within 10 % of their minutes: {fitted}/{total}")


if __name__ == "__main__":
    main()
