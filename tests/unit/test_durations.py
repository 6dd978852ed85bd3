"""The one duration estimate: bouts, sides, rests, switches, set-up and get-ready time.

One exercise's own time has no set-up in it (the set-up depends on the exercise before, see
test_setups.py); the session adds the get-ready and the set-ups."""

from __future__ import annotations

import pytest

from psoas.domain.catalogue.exercises import Dose
from psoas.domain.planning.durations import (
    SELF_TEST_SECONDS,
    budget_bounds,
    describe_seconds,
    dose_seconds,
    seconds_per_rep,
    session_seconds,
)
from psoas.domain.planning.plans import Prescription, SessionKind, SideHandling
from psoas.domain.planning.setups import GET_READY_SECONDS, UNKNOWN_SETUP_SECONDS


@pytest.mark.parametrize(
    ("dose", "sides", "expected"),
    [
        # one bilateral hold: just the work
        (Dose(sets=1, hold_seconds=120), SideHandling.BOTH, 120),
        # 2 x 30 s each side: 4 bouts, 2 switches, 1 rest of 15 s
        (
            Dose(sets=2, hold_seconds=30, per_side=True, rest_seconds=15),
            SideHandling.EACH,
            120 + 10 + 15,
        ),
        # the tighter left side gets a third bout: 5 bouts, 2 switches, 2 rests
        (
            Dose(sets=2, hold_seconds=30, per_side=True, rest_seconds=15),
            SideHandling.LEFT_FIRST_EXTRA,
            150 + 10 + 30,
        ),
        (
            Dose(sets=2, hold_seconds=30, per_side=True, rest_seconds=15),
            SideHandling.RIGHT_FIRST_EXTRA,
            150 + 10 + 30,
        ),
        # 3 x 10 reps at the default 3 s a rep, 30 s rests
        (Dose(sets=3, reps=10), SideHandling.BOTH, 90 + 60),
        # tempo 2-1-2 = 5 s a rep
        (Dose(sets=1, reps=10, tempo="2-1-2"), SideHandling.BOTH, 50),
        # held reps: each rep is 3 s of movement plus the hold
        (
            Dose(sets=2, reps=10, hold_seconds=2, rest_seconds=20),
            SideHandling.BOTH,
            2 * 10 * 5 + 20,
        ),
    ],
)
def test_dose_seconds(dose: Dose, sides: SideHandling, expected: int) -> None:
    assert dose_seconds(dose, sides) == expected


@pytest.mark.parametrize(
    ("tempo", "expected"), [(None, 3), ("2-2-2", 6), ("3/1/3", 7), ("fast", 3), ("0-0", 3)]
)
def test_seconds_per_rep(tempo: str | None, expected: int) -> None:
    assert seconds_per_rep(Dose(sets=1, reps=5, tempo=tempo)) == expected


def test_session_adds_get_ready_and_self_test() -> None:
    p = Prescription("x", Dose(sets=1, hold_seconds=60), SideHandling.BOTH, "r")
    assert session_seconds(SessionKind.MOBILITY, [p], {}) == GET_READY_SECONDS + 60
    assert (
        session_seconds(SessionKind.RETEST, [p], {}) == GET_READY_SECONDS + SELF_TEST_SECONDS + 60
    )
    assert session_seconds(SessionKind.REST, [p], {}) == 0


def test_an_exercise_the_catalogue_lost_gets_the_long_set_up() -> None:
    p = Prescription("x", Dose(sets=1, hold_seconds=60), SideHandling.BOTH, "r")
    q = Prescription("y", Dose(sets=1, hold_seconds=30), SideHandling.BOTH, "r")
    expected = GET_READY_SECONDS + 60 + UNKNOWN_SETUP_SECONDS + 30
    assert session_seconds(SessionKind.MOBILITY, [p, q], {}) == expected


@pytest.mark.parametrize(
    ("minutes", "bounds"), [(5, (270, 330)), (10, (540, 660)), (30, (1620, 1980))]
)
def test_budget_bounds(minutes: int, bounds: tuple[int, int]) -> None:
    assert budget_bounds(minutes) == bounds


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0 s"), (45, "45 s"), (60, "1 min"), (570, "9 min 30 s")]
)
def test_describe_seconds(seconds: int, text: str) -> None:
    assert describe_seconds(seconds) == text
