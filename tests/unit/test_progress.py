"""Progress figures on constructed histories: known adherence, pain drops, streaks, changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from psoas.domain.catalogue.exercises import Dose
from psoas.domain.planning.plans import (
    Change,
    PlannedSession,
    PlanReview,
    Prescription,
    ReviewItem,
    SessionKind,
    SideHandling,
)
from psoas.domain.progress.measures import psfs_changes, side_changes
from psoas.domain.progress.summary import (
    PainPoint,
    meaningful_drop,
    pain_trend,
    streak,
    summarise,
)
from psoas.domain.records.measurements import Measurement, MeasurementKind, Method, Side
from psoas.domain.records.session_logs import SessionLog

MONDAY = date(2026, 11, 2)
DOSE = Dose(sets=1, hold_seconds=30)


def session(day: date, kind: SessionKind = SessionKind.MOBILITY) -> PlannedSession:
    rx = () if kind is SessionKind.REST else (Prescription("s", DOSE, SideHandling.BOTH, "r"),)
    return PlannedSession(f"s-{day.isoformat()}", day, kind, rx, 60)


def log(day: date, *, completed: bool = True, pain_before: int | None = None) -> SessionLog:
    at = datetime(day.year, day.month, day.day, 18, tzinfo=UTC)
    return SessionLog(
        f"log-{day}",
        "p1",
        day,
        at,
        at + timedelta(minutes=10),
        (),
        session_id=f"s-{day.isoformat()}",
        completed=completed,
        pain_before=pain_before,
    )


def measure(
    kind: MeasurementKind,
    value: float,
    day: int,
    side: Side | None = None,
    method: Method = Method.GONIOMETER,
    label: str = "",
) -> Measurement:
    at = datetime(2026, 11, day, 9, tzinfo=UTC)
    return Measurement(
        f"m-{kind}-{day}-{side}-{label}", "p1", kind, value, "", method, at, side, label
    )


def two_weeks() -> list[PlannedSession]:
    """Mon-Sat sessions, Sunday rest, for two weeks."""
    out = []
    for offset in range(14):
        day = MONDAY + timedelta(days=offset)
        out.append(session(day, SessionKind.REST if day.weekday() == 6 else SessionKind.MOBILITY))
    return out


def test_adherence_this_week_and_overall():
    plan = two_weeks()
    today = MONDAY + timedelta(days=9)  # Wednesday of week 2
    done_days = [0, 1, 2, 4, 7, 9]  # week 1: Mon Tue Wed Fri; week 2: Mon Wed
    logs = [log(MONDAY + timedelta(days=d)) for d in done_days]
    logs.append(log(MONDAY + timedelta(days=8), completed=False))
    summary = summarise(today=today, planned=plan, logs=logs, measurements=[])
    assert (summary.week.planned, summary.week.done, summary.week.partial) == (3, 2, 1)
    assert (summary.overall.planned, summary.overall.done) == (9, 6)
    assert summary.overall.percent == 67
    assert summary.week.sentence == "This week: 2 of 3 planned sessions done (1 partly), 67 %."
    assert [(w.planned, w.done) for w in summary.weeks] == [(6, 4), (3, 2)]


@pytest.mark.parametrize(
    ("done_offsets", "today_offset", "current", "best"),
    [
        ([0, 1, 2, 3, 4, 5, 7], 7, 7, 7),  # Sunday rest does not break the streak
        ([0, 1, 2, 3, 4, 5, 7], 8, 7, 7),  # today (Tue) not done yet: still counts
        ([0, 1, 3, 4], 4, 2, 2),  # missed Wednesday
        ([0, 1, 2], 5, 0, 3),  # missed Thu and Fri
        ([], 0, 0, 0),
    ],
)
def test_streak_with_rest_days(done_offsets, today_offset, current, best):
    logs = [log(MONDAY + timedelta(days=d)) for d in done_offsets]
    result = streak(two_weeks(), logs, MONDAY + timedelta(days=today_offset))
    assert (result.current, result.best) == (current, best)


@pytest.mark.parametrize(
    ("baseline", "latest", "direction"),
    [
        (6, 4, "better"),  # 2 points
        (8, 6.5, "no meaningful change"),  # 1.5 points, 19 %: neither rule met
        (3, 2, "better"),  # 1 point = 33 %
        (7, 6, "no meaningful change"),  # 1 point, 14 %
        (2, 5, "worse"),
        (0, 0, "no meaningful change"),
    ],
)
def test_pain_meaningful_change_rule(baseline, latest, direction):
    points = [PainPoint(MONDAY, baseline), PainPoint(MONDAY + timedelta(days=7), latest)]
    trend = pain_trend(points)
    assert trend.direction == direction
    assert "Farrar" in trend.sentence


def test_meaningful_drop_is_the_smaller_of_two_points_and_thirty_percent():
    assert meaningful_drop(10) == 2
    assert meaningful_drop(5) == pytest.approx(1.5)


def test_pain_trend_uses_measurements_and_pain_before_sessions():
    logs = [log(MONDAY, pain_before=6), log(MONDAY + timedelta(days=1), pain_before=4)]
    measurements = [measure(MeasurementKind.PAIN, 6, 2), measure(MeasurementKind.PAIN, 3, 10)]
    summary = summarise(today=date(2026, 11, 12), planned=[], logs=logs, measurements=measurements)
    assert [p.value for p in summary.pain.points] == [6, 4, 3]
    assert summary.pain.change == -3 and summary.pain.direction == "better"


def test_hip_angle_change_against_the_measurement_error():
    ms = [
        measure(MeasurementKind.HIP_ANGLE, 10, 1, Side.LEFT),
        measure(MeasurementKind.HIP_ANGLE, 1, 20, Side.LEFT),  # -9 with a goniometer: real
        measure(MeasurementKind.HIP_ANGLE, 4, 1, Side.RIGHT, Method.PHOTO),
        measure(MeasurementKind.HIP_ANGLE, 1, 20, Side.RIGHT, Method.PHOTO),  # -3, photo error 4
    ]
    left, right = side_changes(ms)
    assert (left.side, left.change, left.beyond_error, left.improved) == (Side.LEFT, -9, True, True)
    assert "more than the measurement error of about 7°" in left.sentence
    assert (right.change, right.error, right.beyond_error) == (-3, 4, False)
    assert "within the measurement error" in right.sentence and "[" not in right.sentence
    assert (right.strength, "Peeler" in right.source) == ("derived", True)


def test_self_test_change_needs_confirmation():
    ms = [
        measure(MeasurementKind.SELF_TEST, 1, 1, Side.LEFT, Method.SELF_TEST),
        measure(MeasurementKind.SELF_TEST, 0, 10, Side.LEFT, Method.SELF_TEST),
    ]
    (once,) = side_changes(ms)
    assert not once.beyond_error and "test again" in once.sentence
    ms.append(measure(MeasurementKind.SELF_TEST, 0, 12, Side.LEFT, Method.SELF_TEST))
    (twice,) = side_changes(ms)
    assert twice.beyond_error and twice.improved
    assert "above the bench line to level with the bench" in twice.sentence


def test_psfs_change_per_activity_and_average():
    ms = [
        measure(MeasurementKind.PSFS, 3, 1, label="running"),
        measure(MeasurementKind.PSFS, 7, 20, label="running"),  # +4 >= 3
        measure(MeasurementKind.PSFS, 5, 1, label="sitting"),
        measure(MeasurementKind.PSFS, 6, 20, label="sitting"),  # +1
    ]
    running, sitting, average = psfs_changes(ms)
    assert running.meaningful and not sitting.meaningful
    assert (average.first, average.latest, average.change, average.meaningful) == (
        4,
        6.5,
        2.5,
        True,
    )


def test_review_changes_are_listed_with_names():
    review = PlanReview(
        "r1",
        "p1",
        "plan1",
        2,
        datetime(2026, 11, 9, tzinfo=UTC),
        (
            ReviewItem("s", Change.PROGRESS, "pain stayed low"),
            ReviewItem("b", Change.HOLD, "keep going"),
        ),
        "Most work moves up a step.",
    )
    summary = summarise(
        today=date(2026, 11, 10),
        planned=[],
        logs=[],
        measurements=[],
        reviews=[review],
        names={"s": "Kneeling stretch"},
    )
    assert summary.review_changes == (
        "Latest review (week 2): Most work moves up a step.",
        "Kneeling stretch: progress, because pain stayed low",
    )
    assert summary.sentences[-1].startswith("Kneeling stretch")


@settings(max_examples=60, deadline=None)
@given(
    st.sets(st.integers(0, 13)),
    st.sets(st.integers(0, 13)),
    st.integers(0, 20),
)
def test_adherence_and_streak_invariants(done_days, partial_days, today_offset):
    today = MONDAY + timedelta(days=today_offset)
    logs = [log(MONDAY + timedelta(days=d)) for d in done_days]
    logs += [log(MONDAY + timedelta(days=d), completed=False) for d in partial_days - done_days]
    summary = summarise(today=today, planned=two_weeks(), logs=logs, measurements=[])
    for adherence in (summary.week, summary.overall):
        assert 0 <= adherence.done + adherence.partial <= adherence.planned
    assert summary.week.planned <= summary.overall.planned
    assert 0 <= summary.streak.current <= summary.streak.best <= summary.overall.planned
    assert sum(w.done for w in summary.weeks) == summary.overall.done
