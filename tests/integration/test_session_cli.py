"""The terminal player end to end: a fake clock, scripted keys, a real SQLite database."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from rich.console import Console
from tests import factories
from tests.conftest import need_service
from tests.fakes import FakeClock

from psoas.cli.session import GuidedRun
from psoas.cli.voice import Speaker
from psoas.domain.catalogue.exercises import Dose
from psoas.domain.planning.plans import SideHandling
from psoas.domain.records.session_logs import LogEvent, SetSide

EASY_ID = "test-easy-stretch"


class ScriptedKeys:
    """Keys at given session seconds, answers in order; each wait moves the fake clock on."""

    def __init__(self, clock: FakeClock, keys: list[tuple[float, str]], answers: list[str]):
        self.clock = clock
        self.origin = clock.monotonic()
        self.keys = sorted(keys)
        self.answers = list(answers)
        self.asked: list[str] = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None

    def read(self, timeout: float) -> str | None:
        now = self.clock.monotonic() - self.origin
        if self.keys and self.keys[0][0] <= now + 2.0:
            at, key = self.keys.pop(0)
            self.clock.advance(max(0.0, at - now))
            if key == "ctrl-c":
                raise KeyboardInterrupt
            return key
        self.clock.advance(2.0)  # coarser than a real terminal, so the test stays fast
        return None

    def ask(self, prompt: str) -> str | None:
        self.asked.append(prompt)
        return self.answers.pop(0) if self.answers else None


@pytest.fixture
def world(tmp_path):
    clock = FakeClock(factories.NOW)
    stretch = factories.exercise(easier=(EASY_ID,))
    easy = factories.exercise(
        EASY_ID, dose=Dose(sets=1, hold_seconds=20, per_side=True, rest_seconds=0)
    )
    bridge = factories.exercise(factories.BRIDGE_ID, unilateral=False)
    cat = factories.Catalogue({e.id: e for e in (stretch, easy, bridge)})
    ctx = factories.sqlite_context(tmp_path, clock=clock, catalogue_=cat)
    person = factories.person()
    plan = factories.plan(person.id)
    with ctx.uow() as uow:
        uow.people.add(person)
        uow.plans.save(plan)
    return ctx, clock, person


def run(ctx, clock, person, keys, answers, day=None):
    out = io.StringIO()
    console = Console(file=out, width=100, force_terminal=True, color_system=None)
    scripted = ScriptedKeys(clock, keys, answers)
    log = GuidedRun(ctx, console, scripted, Speaker(False)).run(
        person.id, day or factories.NOW.date()
    )
    return log, out.getvalue(), scripted


# The factories' session: stretch 2 x 30 s each side (rest 30 s), then bridge 2 x 10 reps.
# Timeline: get ready 25 s, L1 25-55, switch 55-60, R1 60-90, rest 90-120, L2 120-150, ...


def test_a_whole_session_with_pause_and_answers(world):
    ctx, clock, person = world
    log, screen, keys = run(
        ctx,
        clock,
        person,
        keys=[(30, "space"), (30.5, "space")],
        answers=["3", "2", "6", "felt fine"],
    )
    assert log.completed and (log.pain_before, log.pain_after, log.effort) == (3, 2, 6)
    assert log.notes == "felt fine"
    assert all(not r.skipped for r in log.sets)
    assert [r.side for r in log.sets[:4]] == [
        SetSide.LEFT,
        SetSide.RIGHT,
        SetSide.LEFT,
        SetSide.RIGHT,
    ]
    assert "Exercise 1 of 2" in screen and "HOLD" in screen and "SWITCH SIDES" in screen
    assert "REST" in screen and "REP " in screen and "Saved a complete log" in screen
    assert "psoas exercises show test-glute-bridge --svg out.svg" in screen  # no poses: a note
    assert "Pain right now (0-10, Enter to skip): " in keys.asked


def test_skip_back_and_quit_save_a_partial_log_that_resumes(world):
    ctx, clock, person = world
    keys = [(5, "s"), (20, "s"), (22, "b"), (40, "q")]  # skip countdown, skip L1 early, back, quit
    log, screen, _ = run(ctx, clock, person, keys, answers=["", "", "", ""])
    assert not log.completed and log.events[-1].kind is LogEvent.QUIT_EARLY
    first = log.sets[0]
    assert first.side is SetSide.LEFT and first.note == "stopped when the session was quit"
    assert 0 < (first.done_hold_seconds or 0) < 30
    assert "Stopped early" in screen and "Saved a partial log" in screen

    again, screen, asked = run(ctx, clock, person, keys=[], answers=["y", "1", "", "", ""])
    assert again.id == log.id and again.completed
    assert [r.done_hold_seconds for r in again.sets[:4]] == [30, 30, 30, 30]
    assert any("Carry on where you left off" in p for p in asked.asked)


def test_this_hurts_above_five_switches_to_the_easier_variant(world):
    ctx, clock, person = world
    keys = [(20, "h")]  # 10 s into the first hold
    log, screen, _ = run(ctx, clock, person, keys, answers=["", "7", "y", "", "", ""])
    assert log.pain_during == 7
    assert [e.kind for e in log.events] == [LogEvent.SWITCHED_TO_EASIER]
    assert log.sets[0].pain == 7 and log.sets[0].skipped
    easy = [r for r in log.sets if r.exercise_id == EASY_ID]
    assert [r.done_hold_seconds for r in easy] == [20, 20]
    assert "Pain above 5/10" in screen


def test_this_hurts_above_five_and_stop(world):
    ctx, clock, person = world
    log, _, _ = run(ctx, clock, person, [(20, "h")], answers=["", "8", "n", "", "", ""])
    assert [e.kind for e in log.events] == [LogEvent.STOPPED_FOR_PAIN]
    stretch = [r for r in log.sets if r.exercise_id == factories.STRETCH_ID]
    assert all(r.skipped for r in stretch)
    assert all(r.done_reps == 10 for r in log.sets if r.exercise_id == factories.BRIDGE_ID)


def test_next_morning_pain_is_asked_on_the_next_run(world):
    ctx, clock, person = world
    first, _, _ = run(ctx, clock, person, [], ["", "", "", ""])
    clock.advance(24 * 3600)
    tomorrow = factories.NOW.date() + timedelta(days=1)
    _, _, keys = run(ctx, clock, person, [], ["4", "", "", "", ""], day=tomorrow)
    assert keys.asked[0].startswith(f"The morning after your session on {first.session_date}")
    with ctx.uow() as uow:
        assert uow.logs.get(person.id, first.id).next_morning_pain == 4
    _, _, keys = run(ctx, clock, person, [], ["", "", "", "", ""], day=tomorrow)
    assert not keys.asked[0].startswith("The morning after")


def test_voice_without_an_engine_is_a_note_not_a_crash(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    speaker = Speaker(True)
    speaker.say("Hold")
    assert not speaker.active and "espeak-ng" in speaker.note


def test_voice_with_espeak_ng_runs_in_the_background():
    import shutil

    need_service(shutil.which("espeak-ng") is not None, "espeak-ng")
    speaker = Speaker(True)
    speaker.say("Hold for thirty seconds.")
    speaker.stop()
    assert speaker.spoken == ["Hold for thirty seconds."] and speaker.note == ""


def test_side_handling_extra_set_on_the_tighter_side(world):
    ctx, clock, person = world
    from dataclasses import replace

    with ctx.uow() as uow:
        plan = uow.plans.latest(person.id)
        week = plan.weeks[0]
        first = week.sessions[0]
        rx = replace(first.prescriptions[0], sides=SideHandling.LEFT_FIRST_EXTRA)
        session = replace(first, prescriptions=(rx, *first.prescriptions[1:]))
        weeks = (replace(week, sessions=(session, *week.sessions[1:])),)
        uow.plans.save(replace(plan, weeks=weeks))
    log, _, _ = run(ctx, clock, person, [], ["", "", "", ""])
    sides = [r.side.value for r in log.sets if r.exercise_id == factories.STRETCH_ID]
    assert sides == ["left", "right", "left", "right", "left"]


def test_ctrl_c_saves_a_partial_log(world):
    ctx, clock, person = world
    log, screen, _ = run(ctx, clock, person, [(25, "ctrl-c")], answers=["2", "3", "4", "cut short"])
    assert not log.completed and log.events[-1].kind is LogEvent.QUIT_EARLY
    assert log.sets[0].done_hold_seconds == 15 and log.notes == "cut short"
    assert "Stopped early" in screen
