"""The pure value rules for session logs and measurements (psoas.domain.records.validation)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from tests import factories as f

from psoas.domain.errors import InvalidInput, InvalidValue
from psoas.domain.records.measurements import MeasurementKind, Side
from psoas.domain.records.session_logs import LogEvent, LogEventRecord
from psoas.domain.records.validation import (
    log_plan_problems,
    measurement_problems,
    session_log_problems,
    validate_measurement,
    validate_session_log,
)

NOW = f.NOW
KNOWN = frozenset(f.EXERCISE_IDS)
PLAN = f.plan("p1")


def _log(**changes):
    return replace(f.planned_log(PLAN), **changes)


def _fields(log, plan=PLAN):
    return [p.field for p in session_log_problems(log, now=NOW, known_exercises=KNOWN, plan=plan)]


def test_a_good_log_has_no_problems():
    assert _fields(_log()) == []
    validate_session_log(_log(), now=NOW, known_exercises=KNOWN, plan=PLAN)


@pytest.mark.parametrize("value", [0, 10, None])
@pytest.mark.parametrize(
    "name", ["pain_before", "pain_during", "pain_after", "next_morning_pain", "effort"]
)
def test_ratings_from_0_to_10_or_none_are_fine(name, value):
    assert _fields(_log(**{name: value})) == []


@pytest.mark.parametrize("value", [-1, 11, 100])
@pytest.mark.parametrize(
    "name", ["pain_before", "pain_during", "pain_after", "next_morning_pain", "effort"]
)
def test_ratings_outside_0_to_10_name_the_field(name, value):
    assert _fields(_log(**{name: value})) == [name]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"finished_at": NOW - timedelta(days=2)}, "finished_at"),
        ({"session_date": NOW.date() + timedelta(days=2)}, "session_date"),
        ({"started_at": NOW + timedelta(days=2), "finished_at": NOW + timedelta(days=2)}, None),
        ({"started_at": NOW.replace(tzinfo=None)}, "started_at"),
        ({"sets": (f.set_record(done_reps=-1),)}, "sets[0].done_reps"),
        ({"sets": (f.set_record(planned_hold_seconds=-5),)}, "sets[0].planned_hold_seconds"),
        ({"sets": (f.set_record(set_index=0),)}, "sets[0].set_index"),
        ({"sets": (f.set_record(pain=11),)}, "sets[0].pain"),
        ({"sets": (f.set_record("made-up"),)}, "sets[0].exercise_id"),
        ({"events": (LogEventRecord(LogEvent.STOPPED_FOR_PAIN, "made-up", 3.0),)}, "events[0]"),
        ({"events": (LogEventRecord(LogEvent.QUIT_EARLY, f.STRETCH_ID, -1.0),)}, "events[0]"),
        ({"session_id": "not-in-plan"}, "session_id"),
        ({"id": ""}, "id"),
    ],
)
def test_each_rule_names_its_field(change, field):
    fields = _fields(_log(**change))
    assert fields, change
    if field is not None:
        assert all(name.startswith(field) for name in fields), fields


def test_future_within_a_day_is_allowed_for_time_zones():
    day_ahead = NOW + timedelta(hours=20)
    log = _log(started_at=day_ahead, finished_at=day_ahead, session_date=day_ahead.date())
    assert _fields(log) == []


def test_an_unplanned_log_needs_no_plan_but_a_planned_one_does():
    assert log_plan_problems(_log(session_id=None), None) == []
    assert [p.field for p in log_plan_problems(_log(), None)] == ["session_id"]


def test_one_problem_raises_invalid_value_and_several_invalid_input():
    with pytest.raises(InvalidValue, match="pain_before"):
        validate_session_log(_log(pain_before=12), now=NOW, known_exercises=KNOWN, plan=PLAN)
    with pytest.raises(InvalidInput) as caught:
        validate_session_log(
            _log(pain_before=12, effort=-1), now=NOW, known_exercises=KNOWN, plan=PLAN
        )
    assert [p.field for p in caught.value.problems] == ["pain_before", "effort"]


@pytest.mark.parametrize(
    ("kind", "value", "side", "ok"),
    [
        (MeasurementKind.PAIN, 0.0, None, True),
        (MeasurementKind.PAIN, 10.0, None, True),
        (MeasurementKind.PAIN, 10.5, None, False),
        (MeasurementKind.PSFS, -0.5, None, False),
        (MeasurementKind.SITTING_HOURS, 24.0, None, True),
        (MeasurementKind.SITTING_HOURS, 25.0, None, False),
        (MeasurementKind.SELF_TEST, 1.0, Side.LEFT, True),
        (MeasurementKind.SELF_TEST, 0.5, Side.LEFT, False),
        (MeasurementKind.SELF_TEST, 0.0, None, False),
        (MeasurementKind.HIP_ANGLE, -12.5, Side.RIGHT, True),
        (MeasurementKind.HIP_ANGLE, 120.0, Side.RIGHT, False),
        (MeasurementKind.KNEE_ANGLE, 85.0, Side.LEFT, True),
        (MeasurementKind.KNEE_ANGLE, float("inf"), Side.LEFT, False),
    ],
)
def test_measurement_ranges_by_kind(kind, value, side, ok):
    m = f.measurement("p1", kind=kind, value=value, side=side)
    assert (measurement_problems(m, now=NOW) == []) is ok


def test_a_measurement_from_the_future_is_refused():
    with pytest.raises(InvalidValue, match="taken_at"):
        validate_measurement(f.measurement("p1", taken_at=NOW + timedelta(days=3)), now=NOW)
