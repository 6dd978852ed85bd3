"""The one converter between domain values and JSON primitives: round trips and clear errors."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime, time

import pytest
from tests import factories as f

from psoas.domain.errors import InvalidValue
from psoas.domain.habits.breaks import BreakSettings, QuietPeriod
from psoas.domain.planning.plans import Plan
from psoas.domain.records.people import Preferences
from psoas.domain.records.session_logs import SessionLog
from psoas.domain.serial import from_primitive, to_primitive


def test_plans_logs_and_settings_survive_a_json_round_trip():
    person = f.person()
    plan = f.plan(person.id, weeks=3)
    log = f.planned_log(plan)
    settings = BreakSettings(enabled=True, quiet_periods=(QuietPeriod(time(12), time(13)),))
    for cls, value in (
        (Plan, plan),
        (SessionLog, log),
        (BreakSettings, settings),
        (Preferences, Preferences()),
    ):
        text = json.dumps(to_primitive(value))
        assert from_primitive(cls, json.loads(text)) == value


@pytest.mark.parametrize(
    ("change", "where", "problem"),
    [
        (
            lambda d: d["weeks"][0]["sessions"][1]["prescriptions"][0]["dose"].update(sets="x"),
            "Plan.weeks[0].sessions[1].prescriptions[0].dose.sets",
            "whole number",
        ),
        (
            lambda d: d["weeks"][0]["sessions"][0].pop("kind"),
            "Plan.weeks[0].sessions[0].kind",
            "missing",
        ),
        (
            lambda d: d["weeks"][0]["sessions"][0].update(kind="nap"),
            "Plan.weeks[0].sessions[0].kind",
            "not one of",
        ),
        (lambda d: d.update(start="21/11/2026"), "Plan.start", "ISO"),
        # plain fields checked inline by the generated converter: text, optional text, flag
        (
            lambda d: d["weeks"][0]["sessions"][1]["prescriptions"][0].update(exercise_id=5),
            "Plan.weeks[0].sessions[1].prescriptions[0].exercise_id",
            "expected text",
        ),
        (lambda d: d.update(stopped_reason=["no"]), "Plan.stopped_reason", "expected text"),
        (lambda d: d.update(id=None), "Plan.id", "expected text"),
        (lambda d: d.pop("person_id"), "Plan.person_id", "missing"),
        (lambda d: d.update(weeks="all"), "Plan.weeks", "list"),
        (
            lambda d: d["preferences"].update(equipment=[True]),
            "Plan.preferences.equipment[0]",
            "not one of",
        ),
    ],
)
def test_a_bad_value_is_named_by_its_path(change, where, problem):
    data = to_primitive(f.plan(f.person().id))
    bad = copy.deepcopy(data)
    change(bad)
    with pytest.raises(InvalidValue) as err:
        from_primitive(Plan, bad)
    assert err.value.field == where and problem in err.value.problem


def test_scalars_are_strict_and_optional_values_accept_none():
    assert from_primitive(int | None, None) is None
    assert from_primitive(float, 3) == 3.0
    assert from_primitive(datetime, "2026-11-21T10:00:00+00:00") == datetime(
        2026, 11, 21, 10, tzinfo=UTC
    )
    assert from_primitive(date, "2026-11-21") == date(2026, 11, 21)
    for cls, value in ((int, True), (int, 1.5), (bool, "yes"), (str, 3), (float, "1")):
        with pytest.raises(InvalidValue):
            from_primitive(cls, value)
