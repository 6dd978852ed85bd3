"""The terminal records everything the web can: pain in one exercise, next-morning pain for a
past session, a measurement's date, and angles typed in by hand by default."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest
from tests import factories
from typer.testing import CliRunner

from psoas.bootstrap import build_context
from psoas.cli import app
from psoas.domain.errors import InvalidValue, NotFound
from psoas.domain.planning.plans import Prescription, SideHandling
from psoas.domain.records.measurements import MeasurementKind, Method
from psoas.services import people

STRETCH = "standing-hip-flexor-stretch"
BRIDGE = "glute-bridge"


@pytest.fixture
def planned():
    """A plan that began yesterday with two real exercises a day, for the default person."""
    ctx = build_context()
    person = people.current_person(ctx)
    yesterday = ctx.clock.today() - timedelta(days=1)
    plan = factories.plan(person.id, start=yesterday)
    stretch, bridge = ctx.catalogue.get(STRETCH), ctx.catalogue.get(BRIDGE)
    rx = (
        Prescription(STRETCH, stretch.dose, SideHandling.EACH, "tight hips"),
        Prescription(BRIDGE, bridge.dose, SideHandling.BOTH, "glutes"),
    )
    weeks = tuple(
        replace(w, sessions=tuple(replace(s, prescriptions=rx) for s in w.sessions))
        for w in plan.weeks
    )
    with ctx.uow() as uow:
        uow.plans.save(replace(plan, weeks=weeks))
    return ctx, person, yesterday


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def logs(ctx, person):  # type: ignore[no-untyped-def]
    with ctx.uow() as uow:
        return list(uow.logs.list(person.id))


def test_pain_in_one_exercise_is_recorded_on_its_sets(planned):
    result = invoke("log", "--exercise-pain", f"{STRETCH}=6", "--json")
    assert result.exit_code == 0, result.output
    saved = json.loads(result.stdout)
    pains = {(s["exercise_id"], s["pain"]) for s in saved["sets"]}
    assert pains == {(STRETCH, 6), (BRIDGE, None)}
    assert saved["pain_during"] == 6  # the highest pain during the session


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (("--exercise-pain", "couch-stretch=4"), "not in the session"),
        (("--exercise-pain", f"{STRETCH}=lots"), "EXERCISE=PAIN"),
        (("--exercise-pain", f"{STRETCH}=11"), "from 0 to 10"),
        (("--exercise", BRIDGE, "--exercise-pain", f"{STRETCH}=3"), "logged as not done"),
    ],
)
def test_bad_exercise_pain_names_the_problem_and_saves_nothing(planned, args, text):
    ctx, person, _ = planned
    result = invoke("log", *args)
    assert isinstance(result.exception, InvalidValue), result.output
    assert text in str(result.exception)
    assert logs(ctx, person) == []


def test_next_morning_pain_goes_to_the_latest_past_session(planned):
    ctx, person, yesterday = planned
    assert invoke("log", "--date", yesterday.isoformat()).exit_code == 0
    result = invoke("log", "--next-morning", "3")
    assert result.exit_code == 0, result.output
    assert f"Added next-morning pain 3/10 to your session of {yesterday.isoformat()}" in (
        result.stdout
    )
    (log,) = logs(ctx, person)
    assert log.next_morning_pain == 3 and log.next_morning_asked
    again = invoke("log", "--next-morning", "1", "--date", yesterday.isoformat(), "--json")
    assert again.exit_code == 0 and json.loads(again.stdout)["next_morning_pain"] == 1


@pytest.mark.parametrize(
    ("args", "error", "text"),
    [
        (("--next-morning", "2"), NotFound, "No logged session before today"),
        (("--next-morning", "2", "--date", "2026-01-05"), NotFound, "on 2026-01-05"),
        (("--next-morning", "2", "--pain-after", "3"), InvalidValue, "on its own"),
        (("--next-morning", "2", "--date", "2999-01-01"), InvalidValue, "in the future"),
    ],
)
def test_next_morning_pain_refuses_clearly(planned, args, error, text):
    result = invoke("log", *args)
    assert isinstance(result.exception, error), result.output
    assert text in str(result.exception)


def test_next_morning_pain_out_of_range_changes_nothing(planned):
    ctx, person, yesterday = planned
    invoke("log", "--date", yesterday.isoformat())
    result = invoke("log", "--next-morning", "12")
    assert isinstance(result.exception, InvalidValue) and "0 to 10" in str(result.exception)
    assert logs(ctx, person)[0].next_morning_pain is None


def test_measure_on_a_past_day_with_angles_typed_in_by_hand(planned):
    ctx, person, yesterday = planned
    result = invoke("measure", "--hip-left", "6", "--pain", "2", "--date", yesterday.isoformat())
    assert result.exit_code == 0, result.output
    assert "Recorded hip angle, left: 6° (self report)" in result.stdout
    with ctx.uow() as uow:
        saved = uow.measurements.list(person.id)
    assert {m.taken_at.date() for m in saved} == {yesterday}
    (angle,) = [m for m in saved if m.kind is MeasurementKind.HIP_ANGLE]
    assert angle.method is Method.SELF_REPORT


def test_measure_refuses_a_future_date_and_saves_nothing(planned):
    ctx, person, _ = planned
    result = invoke("measure", "--pain", "2", "--date", "2999-01-01")
    assert isinstance(result.exception, InvalidValue) and "in the future" in str(result.exception)
    with ctx.uow() as uow:
        assert uow.measurements.list(person.id) == []
    assert invoke("measure", "--pain", "2", "--date", "yesterday").exit_code == 2
