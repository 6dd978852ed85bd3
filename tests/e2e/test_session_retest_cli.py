"""`psoas session` on a re-test day: the guided self-test (set-up, left then right) comes
first and is saved as measurements; bad readings are asked again; the person may skip it."""

from __future__ import annotations

from dataclasses import replace

from tests import factories
from typer.testing import CliRunner

from psoas.bootstrap import build_context
from psoas.cli import app
from psoas.domain.planning.plans import Prescription, SessionKind, SideHandling
from psoas.domain.records.measurements import MeasurementKind, Method
from psoas.services import people


def seed_retest_day(self_test: bool = True) -> str:
    """A plan whose sessions are all re-test days with one real exercise; the person id."""
    ctx = build_context()
    person = people.current_person(ctx)
    plan = factories.plan(person.id, start=ctx.clock.today())
    stretch = ctx.catalogue.get("standing-hip-flexor-stretch")
    rx = (Prescription(stretch.id, stretch.dose, SideHandling.EACH, "tight hips"),)
    weeks = tuple(
        replace(
            w,
            sessions=tuple(
                replace(s, kind=SessionKind.RETEST, prescriptions=rx, self_test=self_test)
                for s in w.sessions
            ),
        )
        for w in plan.weeks
    )
    with ctx.uow() as uow:
        uow.plans.save(replace(plan, weeks=weeks))
    return person.id


def saved_measurements(person_id: str):
    ctx = build_context()
    with ctx.uow() as uow:
        return [m for m in uow.measurements.list(person_id) if m.method is Method.SELF_TEST]


def run(lines: list[str]):
    return CliRunner().invoke(app, ["session"], input="\n".join(lines) + "\n")


def test_the_self_test_is_guided_left_then_right_and_saved():
    person_id = seed_retest_day()
    # pain before; do the test; left: above, 8 degrees; right: level, no angle; then quit
    result = run(["2", "y", "1", "8", "level", "", "q", "", "", ""])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Re-test: The bench-edge hang test" in out
    assert out.index("Left side") < out.index("Right side") < out.index("Saved your re-test")
    assert "hug your right knee" in out  # the left side's own instructions
    assert "Left thigh: above the bench line, hip angle +8°." in out
    assert "Right thigh: level with the bench line." in out
    found = {(m.kind, m.side.value, m.value) for m in saved_measurements(person_id)}
    assert found == {
        (MeasurementKind.SELF_TEST, "left", 1.0),
        (MeasurementKind.HIP_ANGLE, "left", 8.0),
        (MeasurementKind.SELF_TEST, "right", 0.0),
    }


def test_an_angle_that_contradicts_the_thigh_is_asked_again():
    person_id = seed_retest_day()
    # left: above with -20 degrees (below the line): refused, left asked again (above, 6)
    result = run(["", "y", "above", "-20", "below", "-9", "above", "6", "q", "", "", ""])
    assert result.exit_code == 0, result.output
    assert "-20 degrees puts the left thigh below the bench line" in result.stdout
    found = {(m.kind, m.side.value, m.value) for m in saved_measurements(person_id)}
    assert (MeasurementKind.HIP_ANGLE, "left", 6.0) in found
    assert (MeasurementKind.HIP_ANGLE, "right", -9.0) in found
    assert all(m.value != -20 for m in saved_measurements(person_id))


def test_the_self_test_can_be_skipped_and_nothing_is_saved():
    person_id = seed_retest_day()
    result = run(["", "n", "q", "", "", ""])
    assert result.exit_code == 0, result.output
    assert "Self-test skipped" in result.stdout
    assert saved_measurements(person_id) == []


def test_a_retest_day_without_the_self_test_does_not_ask_for_it():
    person_id = seed_retest_day(self_test=False)
    result = run(["", "q", "", "", ""])
    assert result.exit_code == 0, result.output
    assert "Re-test:" not in result.stdout and saved_measurements(person_id) == []
