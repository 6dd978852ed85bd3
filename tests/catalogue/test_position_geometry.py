"""Every exercise's ``position`` is the one its drawings show.

The set-up before an exercise is timed from the change of position between exercises
(``psoas.domain.planning.setups``), so a wrong ``position`` gives a rushed or a needlessly long
get-ready. The position is read back from each key pose's drawn joint coordinates (the figure
geometry the illustrations use), never from a list kept by hand:

- lying: the trunk within 35 degrees of horizontal with the pelvis or upper back on the support;
  face up is ``supine`` (``bench_edge`` when the support is a bench), face down is ``prone``;
- kneeling: both knees on the support (``quadruped`` with the hands down too), one knee is
  ``half_kneeling``;
- sitting: the pelvis on the support with the trunk upright is ``seated``;
- standing: upright on the feet alone.

A side view cannot tell side-lying from lying on the back, so an exercise declared
``side_lying`` fails here until this test learns how to check it.
"""

from __future__ import annotations

import pytest

from psoas.catalogue import load_catalogue
from psoas.domain.catalogue.exercises import Exercise, Pose, Position
from psoas.domain.catalogue.figure import measure_angles, place

LYING_TRUNK_SPREAD = 35.0  # as in test_caution_geometry: near horizontal counts as lying
LYING_HEIGHT = 0.2  # pelvis or upper back this close to the support (of standing height)
UPRIGHT_SPREAD = 45.0  # trunk within this many degrees of vertical counts as upright

EXERCISES = list(load_catalogue())


def drawn_position(pose: Pose) -> Position | None:
    """The position a key pose shows, or None when the drawing fits no position."""
    figure = place(pose)
    trunk = measure_angles(figure.points)["trunk"]
    low = min(figure.points["pelvis"][1], figure.points["upper_back"][1]) - figure.surface.top
    contact = set(pose.contact)
    knees = sum(part in contact for part in ("left_knee", "right_knee"))
    hands = any(part in contact for part in ("left_hand", "right_hand"))
    if abs(abs(trunk) - 90.0) <= LYING_TRUNK_SPREAD and low <= LYING_HEIGHT:
        if trunk > 0:
            return Position.PRONE
        return Position.BENCH_EDGE if pose.support == "bench" else Position.SUPINE
    if knees == 2:
        return Position.QUADRUPED if hands else Position.KNEELING
    if knees == 1:
        return Position.HALF_KNEELING
    if abs(trunk) > UPRIGHT_SPREAD:
        return None
    if "pelvis" in contact:
        return Position.SEATED
    feet = {"left_foot", "right_foot", "left_toes", "right_toes", "left_heel", "right_heel"}
    return Position.STANDING if contact and contact <= feet else None


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_every_drawn_pose_shows_the_declared_position(exercise: Exercise):
    assert exercise.poses, f"{exercise.id} has no drawing to check its position against"
    for pose in exercise.poses:
        assert drawn_position(pose) == exercise.position, (
            f"{exercise.id} is declared {exercise.position.value}, but its pose "
            f"{pose.name!r} shows {drawn_position(pose)}"
        )


def test_the_check_tells_positions_apart():
    """The classifier is not a constant: the catalogue's drawings show several positions."""
    shown = {drawn_position(e.poses[0]) for e in EXERCISES}
    assert {Position.STANDING, Position.SUPINE, Position.PRONE, Position.HALF_KNEELING} <= shown


@pytest.mark.parametrize(
    ("exercise_id", "wrong"),
    [
        ("glute-bridge", Position.STANDING),
        ("marching-in-place", Position.SUPINE),
        ("kneeling-psoas-stretch", Position.KNEELING),
        ("massage-ball-release", Position.SUPINE),
        ("bench-edge-hang", Position.SUPINE),
    ],
)
def test_a_wrong_position_would_be_caught(exercise_id: str, wrong: Position):
    exercise = next(e for e in EXERCISES if e.id == exercise_id)
    assert all(drawn_position(p) != wrong for p in exercise.poses)
