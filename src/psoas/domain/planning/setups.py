"""How long the set-up before an exercise lasts: the one rule the estimates and the player share.

The first exercise of a session gets a short get-ready countdown (``GET_READY_SECONDS``): the
person has just read the session and pressed Start. Every later exercise gets a set-up that is
only as long as the change of position and equipment needs (``setup_seconds``). The numbers
below are product choices, picked so that a person can read the next exercise's name and get
into place without rushing and without waiting; they are not clinical facts and no source is
claimed for them:

- ``SAME_POSITION_SECONDS``: the same position and nothing new to fetch (lying on the back for
  a bridge after a march): just read the name and start.
- ``SHIFT_SECONDS``: another position at the same height (roll from the back onto the front,
  kneel up from half-kneeling).
- ``DOWN_OR_UP_SECONDS``: down to or up from the floor, or onto or off a bench or chair.
- ``EQUIPMENT_SECONDS``: fetch and place equipment the exercise just before did not use
  (putting equipment down costs nothing extra).

The longer of the position and the equipment part counts (a person fetches the ball while
getting down). Switching sides inside one exercise is ``SIDE_SWITCH_SECONDS`` in
``durations``. An exercise the catalogue no longer holds gets ``UNKNOWN_SETUP_SECONDS``.

This lives in ``planning`` (not ``sessions``) because the planner's time budget needs it and
planning may not import the player; the player's timeline imports it from here.
"""

from __future__ import annotations

from collections.abc import Sequence

from psoas.domain.catalogue.exercises import Exercise, Position

GET_READY_SECONDS = 10
SAME_POSITION_SECONDS = 5
SHIFT_SECONDS = 10
DOWN_OR_UP_SECONDS = 20
EQUIPMENT_SECONDS = 15
UNKNOWN_SETUP_SECONDS = DOWN_OR_UP_SECONDS

# Which height a position is at: changing within a group is a shift, across groups a get-down/up.
HEIGHT = {
    Position.STANDING: "upright",
    Position.SEATED: "seat",
    Position.BENCH_EDGE: "bench",
    Position.KNEELING: "floor",
    Position.HALF_KNEELING: "floor",
    Position.SUPINE: "floor",
    Position.PRONE: "floor",
    Position.SIDE_LYING: "floor",
    Position.QUADRUPED: "floor",
}


def setup_seconds(previous: Exercise | None, following: Exercise | None) -> int:
    """Seconds to get from the end of ``previous`` into place for ``following``.

    ``None`` stands for an exercise the catalogue does not hold (an old stored plan).
    """
    if previous is None or following is None:
        return UNKNOWN_SETUP_SECONDS
    if previous.position == following.position:
        moving = SAME_POSITION_SECONDS
    elif HEIGHT[previous.position] == HEIGHT[following.position]:
        moving = SHIFT_SECONDS
    else:
        moving = DOWN_OR_UP_SECONDS
    kit = previous.equipment
    for item in following.equipment:  # a loop, not any(): the planner calls this very often
        if item not in kit:
            return max(moving, EQUIPMENT_SECONDS)
    return moving


def setups_in_order(exercises: Sequence[Exercise | None]) -> list[int]:
    """The set-up before each exercise of a session done in this order (first: the get-ready)."""
    return [
        GET_READY_SECONDS if index == 0 else setup_seconds(exercises[index - 1], exercise)
        for index, exercise in enumerate(exercises)
    ]


def total_setup_seconds(exercises: Sequence[Exercise | None]) -> int:
    """All set-up time of a session in this order; an empty session keeps its get-ready."""
    return sum(setups_in_order(exercises)) if exercises else GET_READY_SECONDS
