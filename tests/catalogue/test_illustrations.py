"""Every key pose in the packaged catalogue draws as a believable, well-formed picture.

The tests walk the loaded catalogue, so exercises added later are checked without edits here.
"""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from psoas.catalogue import load_catalogue
from psoas.cli import app
from psoas.domain.catalogue.exercises import LimbAngles, Pose
from psoas.domain.catalogue.figure import (
    HEAD_RADIUS,
    angle_errors,
    measure_angles,
    place,
    pose_angles,
    wrap,
)
from psoas.export.figure_props import PROP_DRAWERS, SCALE
from psoas.export.figures import FAR, NEAR, exercise_svg, pose_svg, pose_text

SVG = "{http://www.w3.org/2000/svg}"
CONTACT_TOLERANCE = 0.012  # of standing height: about 2 cm on a 1.70 m person
FLOOR_TOLERANCE = 0.005

EXERCISES = list(load_catalogue())
POSES = [(e, i) for e in EXERCISES for i in range(len(e.poses))]


def _pose_id(case: tuple) -> str:
    exercise, index = case
    return f"{exercise.id}#{index + 1}"


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_every_exercise_has_a_pose(exercise):
    assert exercise.poses, f"{exercise.id} has no key pose to draw"


@pytest.mark.parametrize("case", POSES, ids=_pose_id)
def test_drawn_angles_equal_the_declared_pose(case):
    exercise, index = case
    pose = exercise.poses[index]
    errors = angle_errors(pose, place(pose).points)
    worst = max(errors, key=errors.__getitem__)
    assert errors[worst] <= 1.0, f"{worst} drawn {errors[worst]:.1f} degrees off"


def _drawn_joints(svg: str) -> dict[str, tuple[float, float]]:
    """Joint coordinates read back from the SVG (figure units, y up)."""
    joints: dict[str, tuple[float, float]] = {}
    for element in ET.fromstring(svg).iter():
        names = (element.get("data-joints") or "").split()
        if not names:
            continue
        if element.tag == f"{SVG}line":
            coords = [
                (element.get("x1"), element.get("y1")),
                (element.get("x2"), element.get("y2")),
            ]
        elif element.tag == f"{SVG}circle":
            coords = [(element.get("cx"), element.get("cy"))]
        else:
            coords = [tuple(pair.split(",")) for pair in element.get("points").split()]
        for name, (x, y) in zip(names, coords, strict=True):
            joints[name] = (float(x) / SCALE, -float(y) / SCALE)
    return joints


@pytest.mark.parametrize("case", POSES, ids=_pose_id)
def test_angles_measured_from_the_svg_equal_the_declared_pose(case):
    exercise, index = case
    measured = measure_angles(_drawn_joints(pose_svg(exercise, index)))
    for key, declared in pose_angles(exercise.poses[index]).items():
        assert abs(wrap(measured[key] - declared)) <= 1.0, f"{key} drawn at {measured[key]:.1f}"


@pytest.mark.parametrize("case", POSES, ids=_pose_id)
def test_every_contact_point_rests_on_the_support(case):
    exercise, index = case
    fig = place(exercise.poses[index])
    for name, points in fig.contact_points().items():
        for x, y in points:
            gap = y - fig.surface.top
            assert abs(gap) <= CONTACT_TOLERANCE, f"{name} is {gap:+.3f} off the {fig.surface.kind}"
            assert fig.surface.left <= x <= fig.surface.right, f"{name} is off the support"


@pytest.mark.parametrize("case", POSES, ids=_pose_id)
def test_no_body_point_sinks_into_the_floor_or_support(case):
    exercise, index = case
    fig = place(exercise.poses[index])
    head_x, head_y = fig.points["head"]
    points = {**fig.points, "head bottom": (head_x, head_y - HEAD_RADIUS)}
    surface = fig.surface
    for name, (x, y) in points.items():
        assert y >= -FLOOR_TOLERANCE, f"{name} is below the floor"
        over_support = surface.left + 0.01 < x < surface.right - 0.01
        if surface.raised and over_support:
            assert y >= surface.top - FLOOR_TOLERANCE, f"{name} is inside the {surface.kind}"


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox")
    assert root.get("role") == "img"
    return root


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_still_svg_is_well_formed_and_named(exercise):
    root = _parse(exercise_svg(exercise))
    assert root.find(f"{SVG}title").text == exercise.name
    assert exercise.name in root.find(f"{SVG}desc").text
    assert len(root.findall(f".//{SVG}line")) >= 10  # floor, trunk, neck and the limbs
    assert len(root.findall(f".//{SVG}circle")) >= 7  # head and round joints
    assert not root.findall(f".//{SVG}animate")


@pytest.mark.parametrize("case", POSES, ids=_pose_id)
def test_pose_svg_names_the_pose(case):
    exercise, index = case
    root = _parse(pose_svg(exercise, index))
    assert exercise.poses[index].name in root.find(f"{SVG}title").text


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_animated_svg_moves_and_respects_reduced_motion(exercise):
    svg = exercise_svg(exercise, animated=True)
    root = _parse(svg)
    if len(exercise.poses) > 1:
        animates = root.findall(f".//{SVG}animate")
        assert len(animates) >= 4
        assert all(a.get("repeatCount") == "indefinite" for a in animates)
        assert "prefers-reduced-motion: reduce" in root.find(f"{SVG}style").text


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_drawings_are_deterministic(exercise):
    fresh = exercise_svg.__wrapped__  # past the cache, so both calls really draw
    assert fresh(exercise) == fresh(exercise) == exercise_svg(exercise)
    assert fresh(exercise, animated=True) == fresh(exercise, animated=True)
    assert pose_text(exercise) == pose_text(exercise)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_terminal_drawing_fits_its_grid(exercise):
    lines = pose_text(exercise).split("\n")
    assert len(lines) == 12
    assert all(len(line) <= 24 for line in lines)
    assert any(ch in "●O" for ch in "".join(lines))
    assert set(lines[-1]) == {"▔"}


def _luminance(colour: str) -> float:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_near_limbs_are_darker_than_far_limbs():
    root = _parse(exercise_svg(EXERCISES[0]))
    strokes = {line.get("stroke") for line in root.iter(f"{SVG}line")}
    assert {NEAR, FAR} <= strokes
    assert _luminance(NEAR) < _luminance(FAR) - 60


STANDING = Pose("stand", 0, LimbAngles(shoulder=80), LimbAngles(), contact=("left_foot",))
LYING = Pose("lie", -90, LimbAngles(hip=45, knee=90, ankle=-40), LimbAngles(), contact=("pelvis",))


def _shape_count(pose: Pose) -> int:
    root = _parse(exercise_svg(dataclasses.replace(EXERCISES[0], poses=(pose,))))
    return sum(
        1
        for el in root.iter()
        if el.tag in {f"{SVG}{t}" for t in ("rect", "circle", "line", "polygon")}
    )


@pytest.mark.parametrize("prop", sorted(PROP_DRAWERS))
@pytest.mark.parametrize("pose", [STANDING, LYING], ids=["standing", "lying"])
def test_every_prop_draws(prop, pose):
    assert _shape_count(dataclasses.replace(pose, props=(prop,))) > _shape_count(pose)


def test_pose_svg_rejects_a_pose_that_does_not_exist():
    exercise = EXERCISES[0]
    with pytest.raises(IndexError, match=exercise.id):
        pose_svg(exercise, len(exercise.poses))


def test_an_exercise_without_poses_has_no_drawing():
    bare = dataclasses.replace(EXERCISES[0], poses=())
    assert pose_text(bare) == ""
    with pytest.raises(ValueError, match="no key pose"):
        exercise_svg(bare)


def test_cli_writes_the_illustration(tmp_path):
    slug = EXERCISES[0].id
    target = tmp_path / "figure.svg"
    result = CliRunner().invoke(
        app, ["exercises", "show", slug, "--svg", str(target), "--animated"]
    )
    assert result.exit_code == 0, result.output
    _parse(target.read_text(encoding="utf-8"))


def test_cli_reports_an_unwritable_path_in_one_line(tmp_path):
    target = tmp_path / "missing-folder" / "figure.svg"
    result = CliRunner().invoke(app, ["exercises", "show", EXERCISES[0].id, "--svg", str(target)])
    assert result.exit_code != 0
    assert "cannot write" in result.output
    assert len(result.output.strip().splitlines()) == 1
