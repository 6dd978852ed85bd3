"""The set-up before an exercise: as long as the change of position and equipment needs."""

from __future__ import annotations

import pytest
from sessions_support import BRIDGE_DOSE, exercise

from psoas.domain.catalogue.exercises import Equipment, Exercise, Position
from psoas.domain.planning.setups import (
    DOWN_OR_UP_SECONDS,
    EQUIPMENT_SECONDS,
    GET_READY_SECONDS,
    HEIGHT,
    SAME_POSITION_SECONDS,
    SHIFT_SECONDS,
    UNKNOWN_SETUP_SECONDS,
    setup_seconds,
    setups_in_order,
    total_setup_seconds,
)


def at(position: Position, *equipment: Equipment, slug: str = "") -> Exercise:
    from dataclasses import replace

    made = exercise(slug or f"{position}-{'-'.join(equipment) or 'bare'}", BRIDGE_DOSE)
    return replace(made, position=position, equipment=tuple(equipment))


S, P, K, H = Position.STANDING, Position.SUPINE, Position.KNEELING, Position.HALF_KNEELING
BALL, BAND, WALL = Equipment.MASSAGE_BALL, Equipment.MINI_BAND, Equipment.WALL


@pytest.mark.parametrize(
    ("before", "after", "seconds"),
    [
        # same position, nothing new to fetch: just read the name and start
        (at(P), at(P), SAME_POSITION_SECONDS),
        (at(S), at(S), SAME_POSITION_SECONDS),
        (at(P, BAND), at(P, BAND), SAME_POSITION_SECONDS),
        (at(P, BAND), at(P), SAME_POSITION_SECONDS),  # putting the band down costs nothing
        # another position at the same height: roll over, kneel up
        (at(P), at(Position.PRONE), SHIFT_SECONDS),
        (at(H), at(K), SHIFT_SECONDS),
        (at(H), at(P), SHIFT_SECONDS),
        # down to or up from the floor, onto or off a bench
        (at(S), at(P), DOWN_OR_UP_SECONDS),
        (at(P), at(S), DOWN_OR_UP_SECONDS),
        (at(H), at(S), DOWN_OR_UP_SECONDS),
        (at(P), at(Position.BENCH_EDGE, Equipment.BENCH), DOWN_OR_UP_SECONDS),
        # new equipment to fetch: the longer of fetching and moving
        (at(P), at(P, BAND), EQUIPMENT_SECONDS),
        (at(S), at(S, WALL), EQUIPMENT_SECONDS),
        (at(P, BAND), at(Position.PRONE, BALL), EQUIPMENT_SECONDS),
        (at(S), at(Position.PRONE, BALL), DOWN_OR_UP_SECONDS),
    ],
    ids=lambda v: v.id if isinstance(v, Exercise) else str(v),
)
def test_setup_follows_the_change_of_position_and_equipment(before, after, seconds):
    assert setup_seconds(before, after) == seconds


def test_the_numbers_grow_with_the_effort_of_the_change():
    assert GET_READY_SECONDS <= 10  # the first get-ready is short (issue 17)
    assert SAME_POSITION_SECONDS < SHIFT_SECONDS < EQUIPMENT_SECONDS < DOWN_OR_UP_SECONDS
    assert UNKNOWN_SETUP_SECONDS == DOWN_OR_UP_SECONDS  # an unknown change is not rushed


def test_every_position_has_a_height():
    assert set(HEIGHT) == set(Position)


def test_an_unknown_exercise_gets_the_long_set_up_either_way():
    assert setup_seconds(None, at(P)) == UNKNOWN_SETUP_SECONDS
    assert setup_seconds(at(P), None) == UNKNOWN_SETUP_SECONDS


def test_a_session_in_order_starts_with_the_get_ready():
    order = [at(S), at(S), at(P), at(P, BAND), at(P, BAND)]
    assert setups_in_order(order) == [
        GET_READY_SECONDS,
        SAME_POSITION_SECONDS,
        DOWN_OR_UP_SECONDS,
        EQUIPMENT_SECONDS,
        SAME_POSITION_SECONDS,
    ]
    assert total_setup_seconds(order) == sum(setups_in_order(order))
    assert total_setup_seconds([]) == GET_READY_SECONDS  # an empty session keeps its countdown


def test_grouping_positions_saves_time():
    standing, lying = at(S), at(P)
    grouped = total_setup_seconds([standing, standing, lying, lying])
    mixed = total_setup_seconds([standing, lying, standing, lying])
    assert grouped < mixed
