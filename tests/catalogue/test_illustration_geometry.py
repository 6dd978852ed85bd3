"""Each drawing shows what its exercise says: hands hold what they hold, props sit where they
belong, limbs stay out of the floor and the furniture, and the equipment is in the picture.

Walks the loaded catalogue, so exercises added later are checked too.
"""

from __future__ import annotations

import math

import pytest

from psoas.catalogue import load_catalogue
from psoas.domain.catalogue.figure import PART_RADIUS, SIDES, place
from psoas.domain.catalogue.geometry import (
    body_segments,
    point_box_distance,
    point_segment_distance,
    segment_enters_box,
    segments_cross,
)
from psoas.export.figure_props import prop_boxes, solid_boxes

EXERCISES = list(load_catalogue())
POSES = [(e, i) for e in EXERCISES for i in range(len(e.poses))]
HOLD_TOLERANCE = 0.04  # of standing height: a hand's thickness plus a limb's half-width
SOLID_PROPS = ("bench", "step", "chair", "wall", "block", "sofa")
PROP_INSET = 0.02  # a limb may rest on a prop's surface, not sink into it
PROP_CLEARANCE = 0.01  # legs and trunk stay this far from a wall or chair they do not rest on
# Which drawn props show a piece of equipment (either one will do).
EQUIPMENT_PROPS = {
    "ankle_weights": {"ankle_weight"},
    "bench": {"bench"},
    "chair": {"chair", "chair_beside"},
    "foam_roller": {"roller"},
    "massage_ball": {"ball"},
    "spiky_ball": {"ball"},
    "mini_band": {"band"},
    "resistance_band": {"band"},
    "step": {"step"},
    # The couch stretch leans the back shin up "a sofa or a wall"; its sofa shows that wall.
    "wall": {"wall", "wall_beside", "sofa"},
    "yoga_block": {"block", "knee_block"},
    "mat": {"mat"},
    "cushion": {"cushion"},
    "sofa": {"sofa"},
}


def _pose_id(case: tuple) -> str:
    exercise, index = case
    return f"{exercise.id}#{index + 1}"


def _hold_gap(fig, hand: str, target: str) -> float:
    point = fig.points[hand]
    if target == "floor":
        return abs(point[1] - PART_RADIUS["hand"])
    segments = body_segments(fig.points)
    if target in segments:
        return point_segment_distance(point, segments[target])
    return point_box_distance(point, prop_boxes(fig)[target])


@pytest.mark.parametrize("case", POSES, ids=_pose_id)
def test_hands_hold_what_the_pose_says(case):
    exercise, index = case
    fig = place(exercise.poses[index])
    for hand, target in fig.pose.holds:
        gap = _hold_gap(fig, hand, target)
        assert gap <= HOLD_TOLERANCE, f"{hand} is {gap:.3f} away from the {target}"


@pytest.mark.parametrize("case", POSES, ids=_pose_id)
def test_a_resting_elbow_lays_its_forearm_on_the_support(case):
    exercise, index = case
    fig = place(exercise.poses[index])
    for side in SIDES:
        if f"{side}_elbow" not in fig.pose.contact:
            continue
        assert f"{side}_hand" in fig.pose.contact, f"the {side} forearm is in the air"
        elbow, hand = fig.points[f"{side}_elbow"], fig.points[f"{side}_hand"]
        assert abs(elbow[1] - hand[1]) <= 0.03, f"the {side} forearm is not flat"


def _inset(fig, prop: str, segment_name: str) -> float | None:
    """How far into a prop's box a segment may reach: a little for what the body rests on; a
    held prop keeps a gap from everything but the forearms; None when nothing to check."""
    if prop in (fig.surface.kind, "block", "sofa"):
        return PROP_INSET
    if segment_name.endswith("forearm"):
        return None
    return -PROP_CLEARANCE


@pytest.mark.parametrize("case", POSES, ids=_pose_id)
def test_no_limb_passes_through_or_bumps_a_solid_prop(case):
    exercise, index = case
    fig = place(exercise.poses[index])
    solids = [
        (k, box) for k, boxes in solid_boxes(fig).items() if k in SOLID_PROPS for box in boxes
    ]
    for name, segment in body_segments(fig.points).items():
        for prop, box in solids:
            inset = _inset(fig, prop, name)
            if inset is not None:
                assert not segment_enters_box(segment, box, inset), f"{name} goes into the {prop}"


@pytest.mark.parametrize("case", POSES, ids=_pose_id)
def test_a_block_carries_a_hand_or_the_pelvis(case):
    exercise, index = case
    fig = place(exercise.poses[index])
    box = prop_boxes(fig).get("block")
    if box is None:
        return
    bottoms = [
        (fig.points[part][0], fig.points[part][1] - PART_RADIUS[part.split("_")[-1]])
        for part in ("left_hand", "right_hand", "pelvis")
    ]
    resting = [(x, y) for x, y in bottoms if box[0] <= x <= box[2] and abs(y - box[3]) <= 0.015]
    assert resting, "nothing rests on the block"


@pytest.mark.parametrize("case", POSES, ids=_pose_id)
def test_segments_of_one_limb_do_not_cross_or_fold(case):
    exercise, index = case
    segments = body_segments(place(exercise.poses[index]).points)
    for side in SIDES:
        thigh, shin, foot = (segments[f"{side}_{n}"] for n in ("thigh", "shin", "foot"))
        assert not segments_cross(thigh, foot), f"the {side} foot crosses its thigh"
        for a, b, joint in (
            (thigh, shin, "knee"),
            (segments[f"{side}_upper_arm"], segments[f"{side}_forearm"], "elbow"),
        ):
            folded = math.dist(a[0], b[1])
            assert folded >= 0.06, f"the {side} {joint} folds the limb onto itself"


@pytest.mark.parametrize("case", POSES, ids=_pose_id)
def test_a_hugging_hand_does_not_cross_the_leg_it_holds(case):
    exercise, index = case
    fig = place(exercise.poses[index])
    segments = body_segments(fig.points)
    for hand, target in fig.pose.holds:
        if not target.endswith(("_thigh", "_shin")):
            continue
        side = hand.removesuffix("_hand")
        leg = target.split("_")[0]
        for arm_part in ("upper_arm", "forearm"):
            for leg_part in ("thigh", "shin"):
                arm, limb = segments[f"{side}_{arm_part}"], segments[f"{leg}_{leg_part}"]
                assert not segments_cross(arm, limb), f"{side} {arm_part} crosses {leg}_{leg_part}"


def _centre(box) -> tuple[float, float]:
    return ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)


@pytest.mark.parametrize("case", POSES, ids=_pose_id)
def test_worn_and_squeezed_props_sit_on_the_body(case):
    exercise, index = case
    fig = place(exercise.poses[index])
    boxes = prop_boxes(fig)
    if "knee_block" in boxes:
        centre = _centre(boxes["knee_block"])
        for side in SIDES:
            gap = math.dist(centre, fig.points[f"{side}_knee"])
            assert gap <= 0.08, f"the block is {gap:.3f} from the {side} knee"
    if "ankle_weight" in boxes:
        gap = math.dist(_centre(boxes["ankle_weight"]), fig.points["right_ankle"])
        assert gap <= 0.05, f"the ankle weight is {gap:.3f} from the ankle"


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_named_equipment_appears_in_every_pose(exercise):
    for item in exercise.equipment:
        wanted = EQUIPMENT_PROPS[item]
        for pose in exercise.poses:
            drawn = set(prop_boxes(place(pose)))
            assert drawn & wanted, f"'{pose.name}' does not show the {item}"


def test_every_equipment_kind_has_a_prop():
    from psoas.domain.catalogue.exercises import Equipment

    assert {e.value for e in Equipment} <= set(EQUIPMENT_PROPS)


@pytest.mark.parametrize("case", POSES, ids=_pose_id)
def test_a_pose_named_for_a_hold_says_what_the_hand_holds(case):
    exercise, index = case
    pose = exercise.poses[index]
    if any(word in pose.name for word in ("hug", "hand on", "hands on")):
        assert pose.holds, f"'{pose.name}' does not say what the hands hold"
