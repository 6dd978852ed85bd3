"""Pure geometry of the photo self-test: synthetic body points with known angles."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from psoas.domain.pose.angles import (
    BASE_UNCERTAINTY_DEG,
    classify,
    hanging_side,
    knee_bend,
    level_from_line,
    positions_in_range,
    read_self_test,
    signed,
)
from psoas.domain.pose.landmarks import BodyPoints, Joint, Point
from psoas.domain.pose.refusals import PhotoRefused, Refusal
from psoas.domain.records.measurements import Side
from psoas.domain.screening.assessment import ThighPosition
from psoas.domain.screening.self_test import DEFAULT_ANGLE_TOLERANCE_DEG, fits_thigh

HIP = (600.0, 500.0)
THIGH = 200.0
SHIN = 190.0


def _turn(point: tuple[float, float], centre: tuple[float, float], deg: float) -> Point:
    """``point`` turned about ``centre`` by ``deg`` counter-clockwise as seen on screen."""
    t = math.radians(deg)
    dx, dy = point[0] - centre[0], -(point[1] - centre[1])
    x = dx * math.cos(t) - dy * math.sin(t)
    y = dx * math.sin(t) + dy * math.cos(t)
    return Point(centre[0] + x, centre[1] - y)


def lying(
    hip_angle: float,
    knee: float = 85.0,
    tilt: float = 0.0,
    trunk: float = 0.0,
    hugged_side: Side = Side.RIGHT,
    spread: float = 10.0,
    visibility: float = 0.99,
) -> BodyPoints:
    """A person lying on their back, head to the left, the tested leg hanging to the right:
    the thigh ``hip_angle`` degrees above level, the knee bent ``knee`` degrees, the trunk
    ``trunk`` degrees off the bench, all seen by a camera turned ``tilt`` degrees."""
    t = math.radians(hip_angle)
    knee_at = (HIP[0] + THIGH * math.cos(t), HIP[1] - THIGH * math.sin(t))
    shin_dir = t - math.radians(knee)  # the shin turns down from the thigh by the knee bend
    ankle_at = (knee_at[0] + SHIN * math.cos(shin_dir), knee_at[1] - SHIN * math.sin(shin_dir))
    tt = math.radians(trunk)
    shoulder = (HIP[0] - 320 * math.cos(tt), HIP[1] - 320 * math.sin(tt))
    hugged_knee = (HIP[0] - 120, HIP[1] - 160)  # drawn up towards the chest
    hanging = Side.LEFT if hugged_side is Side.RIGHT else Side.RIGHT
    raw = {
        (hanging, Joint.HIP): HIP,
        (hanging, Joint.KNEE): knee_at,
        (hanging, Joint.ANKLE): ankle_at,
        (hanging, Joint.SHOULDER): shoulder,
        (hugged_side, Joint.HIP): (HIP[0] + spread, HIP[1] + 2),
        (hugged_side, Joint.KNEE): hugged_knee,
        (hugged_side, Joint.ANKLE): (hugged_knee[0] + 150, hugged_knee[1] - 20),
        (hugged_side, Joint.SHOULDER): (shoulder[0] + spread, shoulder[1] + 2),
    }
    points = {
        key: Point(p.x, p.y, visibility)
        for key, p in ((k, _turn(v, HIP, tilt)) for k, v in raw.items())
    }
    return BodyPoints(1200, 900, points)


@pytest.mark.parametrize("angle", [-25.0, -10.0, -3.0, 0.0, 4.0, 12.0, 30.0])
def test_thigh_angle_to_the_bench_line(angle):
    reading = read_self_test(lying(angle), Side.LEFT)
    assert reading.hip_angle_deg == pytest.approx(angle, abs=0.1)
    assert reading.thigh is classify(angle)


@pytest.mark.parametrize("tilt", [-20.0, -7.5, 6.0, 15.0])
def test_camera_tilt_is_corrected_by_the_level_line(tilt):
    seen = lying(8.0, tilt=tilt)
    uncorrected = read_self_test(seen, Side.LEFT)
    corrected = read_self_test(seen, Side.LEFT, level_deg=tilt)
    assert uncorrected.hip_angle_deg == pytest.approx(8.0 + tilt, abs=0.1)
    assert corrected.hip_angle_deg == pytest.approx(8.0, abs=0.1)


def test_level_from_two_points_on_the_bench_edge():
    assert level_from_line((100, 500), (900, 500)) == pytest.approx(0.0)
    # a bench edge that rises to the right by 10 degrees, given in either order
    rise = 800 * math.tan(math.radians(10))
    assert level_from_line((100, 500), (900, 500 - rise)) == pytest.approx(10.0)
    assert level_from_line((900, 500 - rise), (100, 500)) == pytest.approx(10.0)


@pytest.mark.parametrize("bend", [0.0, 45.0, 80.0, 95.0, 120.0])
def test_knee_bend(bend):
    reading = read_self_test(lying(5.0, knee=bend), Side.LEFT)
    assert reading.knee_bend_deg == pytest.approx(bend, abs=0.1)
    assert reading.knee_stays_bent is (bend >= 80.0)


def test_knee_bend_of_a_straight_and_a_right_angle_leg():
    assert knee_bend(Point(0, 0), Point(0, 100), Point(0, 200)) == pytest.approx(0.0)
    assert knee_bend(Point(0, 0), Point(100, 0), Point(100, 100)) == pytest.approx(90.0)


@pytest.mark.parametrize("trunk", [0.0, 8.0, -6.0])
def test_trunk_tilt_against_the_bench(trunk):
    reading = read_self_test(lying(0.0, trunk=trunk), Side.LEFT)
    assert reading.trunk_tilt_deg == pytest.approx(trunk, abs=0.1)


def test_classification_uses_the_self_test_tolerance():
    tol = DEFAULT_ANGLE_TOLERANCE_DEG
    assert classify(tol) is ThighPosition.LEVEL and classify(-tol) is ThighPosition.LEVEL
    assert classify(tol + 0.1) is ThighPosition.ABOVE
    assert classify(-tol - 0.1) is ThighPosition.BELOW


@given(st.floats(min_value=-89, max_value=89))
def test_every_classified_angle_passes_the_self_test_cross_check(angle):
    assert fits_thigh(classify(angle), angle, DEFAULT_ANGLE_TOLERANCE_DEG)


def test_the_range_names_every_position_it_reaches():
    assert positions_in_range(20.0, 5.0) == (ThighPosition.ABOVE,)
    assert positions_in_range(7.0, 5.0) == (ThighPosition.LEVEL, ThighPosition.ABOVE)
    assert positions_in_range(0.0, 12.0) == (
        ThighPosition.BELOW,
        ThighPosition.LEVEL,
        ThighPosition.ABOVE,
    )


def test_uncertainty_is_at_least_the_published_error_and_grows_for_a_small_thigh():
    near = read_self_test(lying(5.0), Side.LEFT)
    assert near.uncertainty_deg >= BASE_UNCERTAINTY_DEG
    far = read_self_test(BodyPoints(6000, 4500, lying(5.0).points), Side.LEFT)
    assert far.uncertainty_deg > near.uncertainty_deg


def test_the_hanging_leg_is_found_when_no_side_is_given():
    points = lying(-4.0, hugged_side=Side.LEFT)
    assert hanging_side(points) is Side.RIGHT
    assert read_self_test(points).side is Side.RIGHT


# ----- refusals ----------------------------------------------------------------------------


def _refusal(points, side=Side.LEFT) -> Refusal:
    with pytest.raises(PhotoRefused) as caught:
        read_self_test(points, side)
    return caught.value.reason


def test_no_person():
    assert _refusal(None) is Refusal.NO_PERSON


def test_facing_the_camera_is_not_side_on():
    # shoulders and hips as far apart as a trunk is long: seen from the front
    assert _refusal(lying(0.0, spread=300.0)) is Refusal.NOT_SIDE_ON


def test_hidden_knee_is_refused_with_its_name():
    points = lying(0.0)
    hidden = dict(points.points)
    knee = hidden[(Side.LEFT, Joint.KNEE)]
    hidden[(Side.LEFT, Joint.KNEE)] = Point(knee.x, knee.y, 0.2)
    with pytest.raises(PhotoRefused) as caught:
        read_self_test(BodyPoints(points.width, points.height, hidden), Side.LEFT)
    assert caught.value.reason is Refusal.POINTS_HIDDEN
    assert "left knee" in str(caught.value)


def test_a_missing_ankle_and_hip_are_both_named():
    points = lying(0.0)
    kept = {
        k: v
        for k, v in points.points.items()
        if k[1] not in (Joint.ANKLE, Joint.HIP) or k[0] is Side.RIGHT
    }
    with pytest.raises(PhotoRefused) as caught:
        read_self_test(BodyPoints(points.width, points.height, kept), Side.LEFT)
    assert "hip and ankle" in str(caught.value)


def test_the_hugged_leg_is_not_the_tested_one():
    assert _refusal(lying(0.0, hugged_side=Side.RIGHT), Side.RIGHT) is Refusal.LEG_NOT_HANGING


def test_quarter_turns_keep_the_angles_of_a_lying_person():
    points = lying(10.0, knee=70.0)
    back = points.rotated_quarter_turns(4)
    assert back == points
    turned = points.rotated_quarter_turns(2)  # upside down: the same thigh, mirrored
    assert read_self_test(turned, Side.LEFT).hip_angle_deg == pytest.approx(-10.0, abs=0.1)
    assert read_self_test(turned, Side.LEFT).knee_bend_deg == pytest.approx(70.0, abs=0.1)


@pytest.mark.parametrize(("value", "text"), [(13.4, "+13"), (-4.2, "-4"), (0.3, "0"), (-0.4, "0")])
def test_signed_degrees_as_the_self_test_writes_them(value, text):
    assert signed(value) == text
