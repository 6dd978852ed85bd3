"""The planner's fast paths keep what the slow ones kept: ``resized`` copies every other field
of a Dose (a field added to Dose later must be added there too), and growing and trimming keep
doses inside their ranges and sessions within their minutes."""

from __future__ import annotations

import dataclasses

import pytest

from psoas.domain.catalogue.exercises import Dose, DoseRange
from psoas.domain.planning.durations import dose_seconds
from psoas.domain.planning.fitting import (
    Item,
    _ladder,
    _with_dose,
    grow_once,
    lowest,
    resized,
    shrink_once,
)
from psoas.domain.planning.plans import Change, Prescription, SideHandling


def test_resized_keeps_every_other_field_of_the_dose():
    dose = Dose(2, 8, 5, per_side=True, rest_seconds=45, tempo="2-1-2")
    bigger = resized(dose, 3, 9, 10)
    assert (bigger.sets, bigger.reps, bigger.hold_seconds) == (3, 9, 10)
    changed = {"sets", "reps", "hold_seconds"}
    names = {f.name for f in dataclasses.fields(Dose)}
    # resized() names each field: a new one must be added there (and here) or it is dropped
    assert names == {"sets", "reps", "hold_seconds", "per_side", "rest_seconds", "tempo"}
    for name in names - changed:
        assert getattr(bigger, name) == getattr(dose, name), name
    assert bigger == dataclasses.replace(dose, sets=3, reps=9, hold_seconds=10)


@pytest.mark.parametrize(
    "dose, rng",
    [
        (Dose(1, reps=6), DoseRange((1, 3), reps=(6, 12))),
        (Dose(1, hold_seconds=20, per_side=True), DoseRange((1, 3), hold_seconds=(20, 90))),
    ],
)
def test_growing_then_shrinking_walks_the_whole_range(dose, rng):
    steps = [lowest(dose, rng)]
    while (bigger := grow_once(steps[-1], rng)) is not None:
        steps.append(bigger)
    top = steps[-1]
    assert top.sets == rng.sets[1]
    assert (top.reps or 0) == (rng.reps[1] if rng.reps else 0)
    while (smaller := shrink_once(steps[-1], rng)) is not None:
        steps.append(smaller)
    assert steps[-1] == lowest(dose, rng)
    assert all(s.per_side == dose.per_side and s.rest_seconds == dose.rest_seconds for s in steps)


def test_with_dose_keeps_every_other_field_of_the_item_and_its_prescription():
    """_with_dose() names each field of Item and Prescription: a field added to either must be
    added there (and here), or it would be dropped."""
    prescription = Prescription(
        "dead-bug", Dose(2, 8), SideHandling.EACH, "why", Change.PROGRESS, "more", "mod",
        "slot", core=True, note="clinician note", by_clinician=True,
    )  # fmt: skip
    item = Item(prescription, DoseRange((1, 3), reps=(6, 12)), True, True, None, True)
    assert {f.name for f in dataclasses.fields(Prescription)} == {
        "exercise_id", "dose", "sides", "reason", "change", "change_reason", "modification",
        "slot", "core", "note", "by_clinician",
    }  # fmt: skip
    assert {f.name for f in dataclasses.fields(Item)} == {
        "prescription", "dose_range", "core", "start_usual", "exercise", "warm_up",
    }  # fmt: skip
    dose = Dose(3, 10)
    expected = dataclasses.replace(item, prescription=dataclasses.replace(prescription, dose=dose))
    assert _with_dose(item, dose) == expected


@pytest.mark.parametrize(
    "dose, rng, cap",
    [
        (Dose(1, reps=6), DoseRange((1, 3), reps=(6, 12)), None),
        (Dose(1, reps=6), DoseRange((1, 3), reps=(6, 12)), Dose(2, reps=10)),
        (Dose(1, hold_seconds=20, per_side=True), DoseRange((1, 3), hold_seconds=(20, 90)), None),
        (
            Dose(2, hold_seconds=30),
            DoseRange((1, 4), hold_seconds=(20, 150)),
            Dose(3, hold_seconds=60),
        ),
        (Dose(3, reps=12), DoseRange((1, 3), reps=(6, 12)), None),  # already at the top
    ],
)
def test_the_kept_ladder_is_grow_once_step_by_step(dose, rng, cap):
    for sides in SideHandling:
        expected = [dose]
        while (bigger := grow_once(expected[-1], rng, cap)) is not None:
            expected.append(bigger)
        ladder = _ladder(dose, rng, cap, sides)
        assert [d for d, _ in ladder] == expected
        assert [s for _, s in ladder] == [dose_seconds(d, sides) for d in expected]
