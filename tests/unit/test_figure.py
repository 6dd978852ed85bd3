"""Forward kinematics of the stick figure: conventions, placement, measuring back, blending."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from psoas.domain.catalogue.exercises import LimbAngles, Pose
from psoas.domain.catalogue.figure import (
    ANGLE_KEYS,
    FOREARM,
    PART_RADIUS,
    SHIN,
    SUPPORT_TOP,
    THIGH,
    TRUNK,
    UPPER_ARM,
    angle_errors,
    clear_of_floor,
    interpolate,
    measure_angles,
    place,
    pose_angles,
    skeleton,
    wrap,
)

STAND = Pose("stand", 0, LimbAngles(), LimbAngles(), contact=("left_foot", "right_foot"))


def _pose(trunk: float = 0, neck: float = 0, **right: float) -> Pose:
    return Pose("test", trunk, LimbAngles(), LimbAngles(**right), neck=neck)


def _direction(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    length = math.dist(a, b)
    return (round((b[0] - a[0]) / length, 6), round((b[1] - a[1]) / length, 6))


# (pose, segment start, segment end, unit direction expected) — the table in
# docs/catalogue-format.md, one row per convention.
CONVENTIONS = [
    (_pose(), "pelvis", "neck", (0, 1)),  # trunk 0: upright
    (_pose(trunk=30), "pelvis", "neck", (0.5, 0.866025)),  # leans toward the facing side
    (_pose(trunk=-90), "pelvis", "neck", (-1, 0)),  # lying on the back, head to the left
    (_pose(trunk=90), "pelvis", "neck", (1, 0)),  # lying face down, head to the right
    (_pose(neck=90), "neck", "head", (1, 0)),  # chin toward the chest
    (_pose(), "right_hip", "right_knee", (0, -1)),  # thigh in line with the trunk
    (_pose(hip=90), "right_hip", "right_knee", (1, 0)),  # flexion: thigh forward
    (_pose(hip=-30), "right_hip", "right_knee", (-0.5, -0.866025)),  # extension: behind
    (_pose(knee=90), "right_knee", "right_ankle", (-1, 0)),  # shin folds back
    (_pose(hip=90, knee=90), "right_knee", "right_ankle", (0, -1)),  # seated shin
    (_pose(), "right_heel", "right_toes", (1, 0)),  # foot at a right angle
    (_pose(ankle=30), "right_heel", "right_toes", (0.866025, 0.5)),  # toes pulled up
    (_pose(ankle=-30), "right_heel", "right_toes", (0.866025, -0.5)),  # pointed
    (_pose(), "right_shoulder", "right_elbow", (0, -1)),  # arm hangs
    (_pose(shoulder=90), "right_shoulder", "right_elbow", (1, 0)),  # points ahead
    (_pose(shoulder=180), "right_shoulder", "right_elbow", (0, 1)),  # overhead
    (_pose(shoulder=-30), "right_shoulder", "right_elbow", (-0.5, -0.866025)),  # behind
    (_pose(elbow=90), "right_elbow", "right_hand", (1, 0)),  # forearm folds forward
]


@pytest.mark.parametrize(("pose", "start", "end", "expected"), CONVENTIONS)
def test_angle_conventions(pose, start, end, expected):
    points = skeleton(pose)
    assert _direction(points[start], points[end]) == pytest.approx(expected, abs=1e-5)


@pytest.mark.parametrize(
    ("start", "end", "length"),
    [
        ("pelvis", "neck", TRUNK),
        ("right_hip", "right_knee", THIGH),
        ("right_knee", "right_ankle", SHIN),
        ("right_shoulder", "right_elbow", UPPER_ARM),
        ("right_elbow", "right_hand", FOREARM),
    ],
)
def test_segments_keep_their_length_in_any_pose(start, end, length):
    pose = _pose(trunk=37, hip=71, knee=44, ankle=-12, shoulder=150, elbow=33)
    assert math.dist(skeleton(pose)[start], skeleton(pose)[end]) == pytest.approx(length)


def test_standing_figure_stands_on_the_floor_about_one_height_tall():
    fig = place(STAND)
    _, y0, _, y1 = fig.bounds()
    assert y0 == pytest.approx(0.0)
    assert 0.95 < y1 < 1.05
    assert fig.points["right_heel"][1] == pytest.approx(0.0)
    assert fig.points["right_toes"][1] == pytest.approx(0.0)


angle = st.floats(min_value=-170, max_value=170, allow_nan=False)
limbs = st.builds(
    LimbAngles,
    hip=st.floats(-60, 180),
    knee=st.floats(0, 170),
    ankle=st.floats(-60, 60),
    shoulder=st.floats(-90, 200),
    elbow=st.floats(0, 170),
)


@given(trunk=angle, neck=st.floats(-60, 80), left=limbs, right=limbs)
def test_angles_measured_back_equal_the_declared_pose(trunk, neck, left, right):
    pose = Pose("any", trunk, left, right, neck=neck, contact=("pelvis",))
    errors = angle_errors(pose, place(pose).points)
    assert set(errors) == set(ANGLE_KEYS)
    assert max(errors.values()) < 1e-6


def test_measure_angles_sees_a_changed_joint():
    fig = place(STAND)
    moved = dict(fig.points)
    moved["right_knee"] = (moved["right_knee"][0] + 0.05, moved["right_knee"][1])
    assert measure_angles(moved)["right.hip"] != pytest.approx(0.0, abs=1)


@pytest.mark.parametrize(
    ("pose", "parts"),
    [
        (STAND, ("left_foot", "right_foot")),
        (
            Pose("lie", -90, LimbAngles(), LimbAngles(), contact=("head", "upper_back", "pelvis")),
            (),
        ),
        (
            Pose(
                "sit",
                0,
                LimbAngles(hip=90, knee=90),
                LimbAngles(hip=90, knee=90),
                contact=("pelvis",),
                support="chair",
            ),
            (),
        ),
        (
            Pose(
                "hang",
                -90,
                LimbAngles(hip=-10, knee=80),
                LimbAngles(hip=120, knee=120),
                contact=("head", "upper_back", "pelvis"),
                support="bench",
            ),
            (),
        ),
    ],
)
def test_contact_points_rest_on_the_support(pose, parts):
    fig = place(pose)
    top = SUPPORT_TOP[pose.support]
    assert fig.surface.top == top
    for name, points in fig.contact_points().items():
        for _, y in points:
            assert y == pytest.approx(top, abs=1e-9), name
    for name, (x, _) in ((n, p[0]) for n, p in fig.contact_points().items()):
        assert fig.surface.left <= x <= fig.surface.right, name


def test_lying_figure_has_a_body_thickness_above_the_floor():
    fig = place(
        Pose("lie", -90, LimbAngles(), LimbAngles(), contact=("head", "upper_back", "pelvis"))
    )
    assert fig.points["pelvis"][1] == pytest.approx(PART_RADIUS["pelvis"])
    assert fig.points["head"][1] == pytest.approx(PART_RADIUS["head"])


def test_bench_edge_leaves_the_hanging_leg_off_the_bench():
    pose = Pose(
        "hang",
        -90,
        LimbAngles(hip=-10, knee=80),
        LimbAngles(hip=120, knee=120),
        contact=("head", "upper_back", "pelvis"),
        support="bench",
    )
    fig = place(pose)
    assert fig.points["left_knee"][0] > fig.surface.right
    assert fig.points["left_ankle"][1] < fig.surface.top
    assert fig.points["left_toes"][1] > 0


def test_without_contact_the_lowest_point_rests_on_the_floor():
    fig = place(Pose("float", 0, LimbAngles(hip=90), LimbAngles()))
    assert min(p[1] for p in fig.points.values()) == pytest.approx(0.0)


def test_clear_of_floor_lifts_only_a_sinking_figure():
    swing = Pose("swing", 0, LimbAngles(ankle=-40), LimbAngles(), contact=("right_foot",))
    lifted = clear_of_floor(place(swing))
    assert lifted.bounds()[1] == pytest.approx(0.0)
    assert lifted.points["right_heel"][1] > 0.0
    standing = place(STAND)
    assert clear_of_floor(standing) is standing


def test_placement_anchor_can_be_chosen():
    pose = Pose("bridge", -90, LimbAngles(), LimbAngles(), contact=("pelvis", "head"))
    fig = place(pose, contact=("pelvis",))
    assert fig.points["pelvis"] == pytest.approx((0.0, PART_RADIUS["pelvis"]))


A = Pose(
    "a",
    -90,
    LimbAngles(hip=40, knee=100),
    LimbAngles(),
    contact=("head", "pelvis", "left_foot"),
    props=("mat",),
)
B = Pose(
    "b",
    -110,
    LimbAngles(hip=0, knee=120),
    LimbAngles(shoulder=90),
    neck=20,
    contact=("head", "left_foot"),
)


@pytest.mark.parametrize("t", [0.0, 1.0])
def test_interpolation_ends_at_the_key_poses(t):
    blended = interpolate(A, B, t)
    assert pose_angles(blended) == pytest.approx(pose_angles(A if t == 0 else B))


def test_interpolation_half_way():
    mid = interpolate(A, B, 0.5)
    assert mid.trunk == pytest.approx(-100)
    assert mid.left.knee == pytest.approx(110)
    assert mid.right.shoulder == pytest.approx(45)
    assert mid.contact == ("head", "left_foot")
    assert mid.name == "b"


@pytest.mark.parametrize(
    ("angle", "expected"), [(0, 0), (180, 180), (-180, 180), (190, -170), (-190, 170), (725, 5)]
)
def test_wrap(angle, expected):
    assert wrap(angle) == pytest.approx(expected)
