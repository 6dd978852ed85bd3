"""With the real catalogue: the player's get-ready lengths follow the exercises' positions, and
the player's timeline lasts exactly what the plan said ("about N minutes").

Plans are made for every profile at several minutes and equipment sets, then reviewed once;
every session of them is unrolled into the player's timeline.
"""

from __future__ import annotations

from datetime import date

import pytest
from tests.unit.plan_catalogue import CREATED, result
from tests.unit.plan_logs import week_logs

from psoas.catalogue import load_catalogue
from psoas.domain.catalogue.exercises import Equipment, Exercise
from psoas.domain.planning.make import make_plan
from psoas.domain.planning.plans import Plan, SessionKind
from psoas.domain.planning.setups import (
    DOWN_OR_UP_SECONDS,
    GET_READY_SECONDS,
    HEIGHT,
    SAME_POSITION_SECONDS,
    SHIFT_SECONDS,
)
from psoas.domain.progression.review import review_week
from psoas.domain.records.people import Preferences
from psoas.domain.screening.assessment import Profile
from psoas.domain.sessions.timeline import StepKind, build_timeline

CAT = load_catalogue()
START = date(2026, 11, 23)
KITS = (frozenset(), frozenset({Equipment.MINI_BAND, Equipment.MASSAGE_BALL, Equipment.STEP}))


def plans() -> list[Plan]:
    made = []
    for profile in Profile:
        for minutes in (5, 15, 30):
            for kit in KITS:
                prefs = Preferences(
                    minutes_per_day=minutes, strength_days_per_week=3, equipment=kit
                )
                made.append(
                    make_plan(
                        result(profile),
                        prefs,
                        START,
                        CAT,
                        person_id="p",
                        assessment_id="a",
                        created_at=CREATED,
                    )
                )
    reviewed = made[0]
    _, reviewed = review_week(
        reviewed,
        week_logs(reviewed, 1, pain=1, next_morning=0),
        [],
        week_index=1,
        baseline_pain=3,
        today=reviewed.weeks[0].sessions[-1].date,
        catalogue=CAT,
    )
    return [*made, reviewed]


PLANS = plans()


def expected_setup(before: Exercise, after: Exercise) -> int:
    """The rule restated from the positions and equipment, for the check below."""
    new_kit = any(item not in before.equipment for item in after.equipment)
    if before.position == after.position:
        return 15 if new_kit else SAME_POSITION_SECONDS
    if HEIGHT[before.position] == HEIGHT[after.position]:
        return 15 if new_kit else SHIFT_SECONDS
    return DOWN_OR_UP_SECONDS


def test_every_get_ready_follows_the_change_of_position():
    seen: set[int] = set()
    for plan in PLANS:
        for session in plan.sessions():
            if session.kind == SessionKind.REST:
                continue
            timeline = build_timeline(session, CAT)
            readies = [s for s in timeline.steps if s.kind is StepKind.GET_READY]
            exercises = [CAT.get(p.exercise_id) for p in session.prescriptions]
            assert len(readies) == len(exercises)
            assert readies[0].seconds == GET_READY_SECONDS
            for step, before, after in zip(readies[1:], exercises[:-1], exercises[1:], strict=True):
                assert step.seconds == expected_setup(before, after), (
                    f"{session.id}: {before.id} ({before.position}) -> {after.id} "
                    f"({after.position}) gets {step.seconds} s"
                )
                seen.add(step.seconds)
    # the plans really exercise the rule: short and long set-ups both occur
    assert SAME_POSITION_SECONDS in seen and DOWN_OR_UP_SECONDS in seen


def test_the_player_lasts_what_the_plan_says():
    for plan in PLANS:
        for session in plan.sessions():
            if session.kind == SessionKind.REST:
                continue
            timeline = build_timeline(session, CAT)
            extra = 180 if session.kind == SessionKind.RETEST else 0  # the self-test, done first
            assert timeline.total_seconds + extra == session.estimated_seconds, session.id


@pytest.mark.parametrize("minutes", [5, 15, 30])
def test_plans_still_fit_the_minutes(minutes):
    low, high = round(minutes * 60 * 0.9), round(minutes * 60 * 1.1)
    for plan in PLANS:
        if plan.preferences.minutes_per_day != minutes:
            continue
        for s in plan.sessions():
            if s.kind == SessionKind.REST:
                continue
            assert s.estimated_seconds <= high, s.id
            assert s.estimated_seconds >= low or "shorter than your" in s.reason, s.id
