"""`psoas session` through Typer with piped input (the line-by-line key source, real clock)."""

from __future__ import annotations

from dataclasses import replace

from tests import factories
from typer.testing import CliRunner

from psoas.bootstrap import build_context
from psoas.cli import app
from psoas.domain.errors import NotFound
from psoas.domain.planning.plans import Prescription, SideHandling
from psoas.services import people


def seed_plan() -> str:
    """A plan from today with one real exercise, for the default person; returns the person id."""
    ctx = build_context()
    person = people.current_person(ctx)
    plan = factories.plan(person.id, start=ctx.clock.today())
    stretch = ctx.catalogue.get("kneeling-psoas-stretch")
    rx = (Prescription(stretch.id, stretch.dose, SideHandling.EACH, "tight hips"),)
    weeks = tuple(
        replace(w, sessions=tuple(replace(s, prescriptions=rx) for s in w.sessions))
        for w in plan.weeks
    )
    with ctx.uow() as uow:
        uow.plans.save(replace(plan, weeks=weeks))
    return person.id


def test_piped_keys_quit_at_once_and_save_a_partial_log():
    person_id = seed_plan()
    # pain before, then the key 'q', then pain after, effort and a note
    result = CliRunner().invoke(app, ["session"], input="2\nq\n3\n4\npiped\n")
    assert result.exit_code == 0, result.output
    assert "Stopped early: what you did is saved." in result.stdout
    assert "Saved a partial log" in result.stdout
    ctx = build_context()
    with ctx.uow() as uow:
        (log,) = uow.logs.list(person_id)
    assert (log.pain_before, log.pain_after, log.effort, log.notes) == (2, 3, 4, "piped")
    assert not log.completed and {r.side.value for r in log.sets} == {"left", "right"}


def test_no_plan_is_a_clear_error():
    result = CliRunner().invoke(app, ["session"])
    assert isinstance(result.exception, NotFound)
    assert "psoas plan new" in str(result.exception)


def test_bad_date_is_one_line():
    result = CliRunner().invoke(app, ["session", "--date", "tomorrow"])
    assert result.exit_code == 2 and "--date" in result.output
