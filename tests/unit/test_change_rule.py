"""One rule decides whether a measured change is real, wherever it is shown: the progress page
and report (``side_changes``) and the weekly review (``retest_change``) agree."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from psoas.domain.progress.measures import side_changes
from psoas.domain.progression.evidence import retest_change
from psoas.domain.records.measurements import Measurement, MeasurementKind, Method, Side

START = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


def _series(kind, values, method=Method.SELF_TEST, side=Side.LEFT):
    unit = "category" if kind is MeasurementKind.SELF_TEST else "deg"
    return [
        Measurement(f"m{i}", "p", kind, v, unit, method, START + timedelta(days=7 * i), side=side)
        for i, v in enumerate(values)
    ]


CASES = [
    # kind, readings, method, the change is real and better
    (MeasurementKind.SELF_TEST, [1, 0], Method.SELF_TEST, False),  # one test: confirm first
    (MeasurementKind.SELF_TEST, [1, 0, 0], Method.SELF_TEST, True),  # confirmed by a second
    (MeasurementKind.SELF_TEST, [1, 0], Method.PHOTO, True),  # a photo is measured, not judged
    (MeasurementKind.HIP_ANGLE, [8.0, 3.0], Method.PHOTO, True),  # 5 degrees > photo error 4
    (MeasurementKind.HIP_ANGLE, [8.0, 4.5], Method.PHOTO, False),  # within the error
    (MeasurementKind.HIP_ANGLE, [8.0, 2.0], Method.GONIOMETER, False),  # within 7 degrees
]


@pytest.mark.parametrize(("kind", "values", "method", "real"), CASES)
def test_progress_and_the_weekly_review_agree_on_what_counts_as_a_change(
    kind, values, method, real
):
    readings = _series(kind, values, method)
    (shown,) = side_changes(readings)
    review = retest_change(readings)
    assert (shown.improved is True) is real
    assert review.improved is real
    if not real:
        assert review.detail == ""


def test_a_confirmed_worse_result_is_worse_in_both():
    readings = _series(MeasurementKind.SELF_TEST, [0, 1, 1])
    (shown,) = side_changes(readings)
    assert shown.improved is False
    assert retest_change(readings).worse
