"""`psoas log` and `psoas measure` through the real CLI, on a fresh SQLite database per test."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace

import pytest
from tests import factories
from typer.testing import CliRunner

from psoas.bootstrap import build_context
from psoas.cli import app
from psoas.domain.errors import InvalidInput, InvalidValue, NotFound
from psoas.domain.planning.plans import Prescription, SideHandling
from psoas.services import people

STRETCH = "kneeling-psoas-stretch"
BRIDGE = "glute-bridge"


@pytest.fixture
def planned():
    """A one-week plan from today with two real catalogue exercises, for the default person."""
    ctx = build_context()
    person = people.current_person(ctx)
    today = ctx.clock.today()
    plan = factories.plan(person.id, start=today)
    stretch, bridge = ctx.catalogue.get(STRETCH), ctx.catalogue.get(BRIDGE)
    rx = (
        Prescription(STRETCH, stretch.dose, SideHandling.EACH, "tight hips"),
        Prescription(BRIDGE, bridge.dose, SideHandling.BOTH, "glutes"),
    )
    weeks = tuple(
        replace(w, sessions=tuple(replace(s, prescriptions=rx) for s in w.sessions))
        for w in plan.weeks
    )
    plan = replace(plan, weeks=weeks)
    with ctx.uow() as uow:
        uow.plans.save(plan)
    return ctx, person, plan


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def test_log_a_whole_session(planned):
    _, _, plan = planned
    result = invoke("log", "--pain-before", "3", "--pain-after", "2", "--effort", "5", "--json")
    assert result.exit_code == 0, result.output
    saved = json.loads(result.stdout)
    assert saved["completed"] and saved["session_id"] == plan.sessions()[0].id
    assert saved["pain_before"] == 3 and all(not s["skipped"] for s in saved["sets"])


def test_log_some_exercises_only(planned):
    result = invoke("log", "--exercise", BRIDGE, "--note", "no time for the stretch")
    assert result.exit_code == 0, result.output
    assert "partial" in result.stdout


@pytest.mark.parametrize(
    ("args", "error", "text"),
    [
        (("log", "--exercise", "couch-stretch"), InvalidValue, "not in this session"),
        (("log", "--pain-after", "14"), InvalidValue, "pain_after"),
        (("log", "--minutes", "0"), InvalidValue, "minutes"),
        (("log", "--session", "w9-nope"), NotFound, "w9-nope"),
    ],
)
def test_log_bad_inputs_name_the_field_and_save_nothing(planned, args, error, text):
    ctx, person, _ = planned
    result = invoke(*args)
    assert isinstance(result.exception, error) and text in str(result.exception)
    with ctx.uow() as uow:
        assert uow.logs.list(person.id) == []


def test_log_bad_date_is_one_line():
    result = invoke("log", "--date", "23/11/2026")
    assert result.exit_code == 2 and "--date" in result.output


def test_measure_several_values_at_once(planned):
    ctx, person, _ = planned
    result = invoke(
        "measure",
        "--self-test-left", "above",
        "--self-test-right", "level",
        "--hip-left", "7.5",
        "--hip-right", "2",
        "--method", "photo",
        "--pain", "4",
        "--psfs", "running=6",
        "--psfs", "sitting through a film=4",
        "--sitting-hours", "9",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Recorded hip angle, left: 7.5° (photo)" in result.stdout
    assert "Recorded self test, left: thigh above" in result.stdout
    assert "Recorded psfs 'running': 6/10" in result.stdout
    with ctx.uow() as uow:
        saved = uow.measurements.list(person.id)
    assert len(saved) == 8
    assert {m.label for m in saved if m.label} == {"running", "sitting through a film"}


@pytest.mark.parametrize(
    ("args", "error", "text"),
    [
        (("--self-test-left", "high"), InvalidValue, "self_test_left"),
        (("--psfs", "running"), InvalidValue, "ACTIVITY=SCORE"),
        (("--psfs", "running=lots"), InvalidValue, "number"),
        (("--pain", "11", "--hip-left", "120"), InvalidInput, "hip_angle.left.value"),
        ((), InvalidValue, "at least one value"),
    ],
)
def test_measure_bad_inputs(planned, args, error, text):
    ctx, person, _ = planned
    result = invoke("measure", *args)
    assert isinstance(result.exception, error), result.output
    assert text in str(result.exception)
    with ctx.uow() as uow:
        assert uow.measurements.list(person.id) == []


def test_bad_input_is_one_clear_line_without_a_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "psoas", "measure", "--pain", "12"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2  # bad input exits 2, like a usage error
    assert result.stderr.strip().startswith("Error: --pain: a pain must be")
    assert "Traceback" not in result.stderr


def test_log_a_later_session_done_today(planned):
    _, _, plan = planned
    later = plan.sessions()[2]
    result = invoke("log", "--session", later.id, "--json")
    assert result.exit_code == 0, result.output
    saved = json.loads(result.stdout)
    assert saved["session_id"] == later.id and saved["session_date"] == plan.start.isoformat()
