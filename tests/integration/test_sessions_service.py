"""Guided-session, manual-entry and progress services on a real SQLite database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from tests import factories
from tests.fakes import FakeClock

from psoas.domain.errors import InvalidInput, InvalidValue, NotFound
from psoas.domain.records.measurements import MeasurementKind, Method, Side
from psoas.services.manual_entry import Reading, record_done_elsewhere, record_measurements
from psoas.services.progress import progress_summary
from psoas.services.sessions import (
    finish_session,
    pending_next_morning,
    prepare_session,
    record_next_morning,
    start_player,
)


@pytest.fixture
def world(tmp_path):
    clock = FakeClock(factories.NOW)
    ctx = factories.sqlite_context(tmp_path, clock=clock)
    person = factories.person()
    plan = factories.plan(person.id, weeks=2)
    with ctx.uow() as uow:
        uow.people.add(person)
        uow.plans.save(plan)
    return ctx, clock, person, plan


def play_to_the_end(ctx, clock, guided, *, resume=False, quit_after=None):
    player = start_player(ctx, guided, resume=resume)
    started = clock.now()
    step = 1.0
    elapsed = 0.0
    while player.current is not None and player.finished_at is None:
        clock.advance(step)
        elapsed += step
        if quit_after is not None and elapsed >= quit_after:
            player.quit_session(clock.monotonic())
            break
        player.tick(clock.monotonic())
    return player, started


def test_a_guided_session_is_saved_with_every_set(world):
    ctx, clock, person, plan = world
    guided = prepare_session(ctx, person.id, factories.NOW.date())
    assert guided.session.id == plan.sessions()[0].id and guided.partial is None
    player, started = play_to_the_end(ctx, clock, guided)
    log = finish_session(
        ctx, guided, player, started_at=started, pain_before=3, pain_after=2, effort=5, notes=" ok "
    )
    with ctx.uow() as uow:
        stored = uow.logs.get(person.id, log.id)
    assert stored.completed and stored.notes == "ok" and stored.pain_before == 3
    assert stored.duration_seconds == guided.timeline.total_seconds
    assert len(stored.sets) == sum(1 for s in guided.timeline.steps if s.is_work)
    assert all(not r.skipped for r in stored.sets)


def test_quit_then_resume_updates_the_same_log(world):
    ctx, clock, person, _ = world
    guided = prepare_session(ctx, person.id, factories.NOW.date())
    player, started = play_to_the_end(ctx, clock, guided, quit_after=60)
    partial = finish_session(ctx, guided, player, started_at=started, pain_before=2)
    assert not partial.completed

    again = prepare_session(ctx, person.id, factories.NOW.date())
    assert again.partial is not None and again.partial.id == partial.id
    player, _ = play_to_the_end(ctx, clock, again, resume=True)
    final = finish_session(ctx, again, player, started_at=clock.now(), pain_before=None)
    assert final.id == partial.id and final.completed and final.pain_before == 2
    with ctx.uow() as uow:
        logs = uow.logs.list(person.id)
    assert len(logs) == 1 and all(not r.skipped for r in logs[0].sets)


def test_next_morning_pain_is_asked_once(world):
    ctx, clock, person, _ = world
    guided = prepare_session(ctx, person.id, factories.NOW.date())
    player, started = play_to_the_end(ctx, clock, guided)
    log = finish_session(ctx, guided, player, started_at=started, pain_before=2)
    assert pending_next_morning(ctx, person.id, factories.NOW.date()) is None  # same day
    tomorrow = factories.NOW.date() + timedelta(days=1)
    clock.advance(24 * 3600)
    assert pending_next_morning(ctx, person.id, tomorrow).id == log.id
    with pytest.raises(InvalidValue, match="next_morning_pain"):
        record_next_morning(ctx, person.id, log.id, 12)
    record_next_morning(ctx, person.id, log.id, None)  # skipped: still never asked again
    assert pending_next_morning(ctx, person.id, tomorrow) is None


def test_rest_day_and_missing_plan_are_clear_errors(world, tmp_path):
    ctx, _, person, plan = world
    with pytest.raises(NotFound, match="nothing is planned"):
        prepare_session(ctx, person.id, plan.start + timedelta(days=30))
    other = factories.person()
    with ctx.uow() as uow:
        uow.people.add(other)
    with pytest.raises(NotFound, match="psoas plan new"):
        prepare_session(ctx, other.id, factories.NOW.date())


def test_done_elsewhere_partly_and_progress_counts_it(world):
    ctx, clock, person, plan = world
    day = plan.start
    log = record_done_elsewhere(
        ctx, person.id, day=day, exercises=[factories.STRETCH_ID], pain_before=4, effort=3
    )
    assert not log.completed
    assert {r.exercise_id for r in log.sets if not r.skipped} == {factories.STRETCH_ID}
    clock.advance(24 * 3600)
    full = record_done_elsewhere(ctx, person.id, day=day + timedelta(days=1), pain_before=2)
    assert full.completed
    summary = progress_summary(ctx, person.id, day + timedelta(days=1))
    assert (summary.overall.planned, summary.overall.done, summary.overall.partial) == (2, 1, 1)
    assert summary.pain.change == -2 and summary.pain.direction == "better"


def test_done_elsewhere_rejects_an_exercise_not_in_the_session(world):
    ctx, _, person, plan = world
    with pytest.raises(InvalidValue, match="exercise"):
        record_done_elsewhere(ctx, person.id, day=plan.start, exercises=["nope"])
    with pytest.raises(InvalidValue, match="pain_before"):
        record_done_elsewhere(ctx, person.id, day=plan.start, pain_before=11)
    with ctx.uow() as uow:
        assert uow.logs.list(person.id) == []


def test_measurements_all_or_nothing(world):
    ctx, _, person, _ = world
    saved = record_measurements(
        ctx,
        person.id,
        [
            Reading(MeasurementKind.HIP_ANGLE, 8, Side.LEFT, method=Method.PHOTO),
            Reading(MeasurementKind.PSFS, 6, label="running"),
        ],
    )
    assert [m.unit for m in saved] == ["deg", "{score}"]
    with pytest.raises(InvalidInput) as info:
        record_measurements(
            ctx,
            person.id,
            [
                Reading(MeasurementKind.PAIN, 3),
                Reading(MeasurementKind.HIP_ANGLE, 200, Side.RIGHT),
                Reading(MeasurementKind.SELF_TEST, 0.5, Side.LEFT),
            ],
        )
    assert "hip_angle.right.value" in str(info.value) and "self_test.left.value" in str(info.value)
    with ctx.uow() as uow:
        assert len(uow.measurements.list(person.id)) == 2


def test_a_later_session_done_today_is_logged_today(world):
    ctx, clock, person, plan = world
    later = plan.start + timedelta(days=3)
    guided = prepare_session(ctx, person.id, later)
    player, started = play_to_the_end(ctx, clock, guided)
    log = finish_session(ctx, guided, player, started_at=started, pain_before=1)
    assert log.session_id == guided.session.id and log.session_date == clock.today()


def test_rest_day_names_the_next_session(world):
    from dataclasses import replace

    from psoas.domain.planning.plans import SessionKind

    ctx, _, person, plan = world
    week = plan.weeks[0]
    rest = replace(week.sessions[0], kind=SessionKind.REST, prescriptions=())
    plan = replace(
        plan, weeks=(replace(week, sessions=(rest, *week.sessions[1:])), *plan.weeks[1:])
    )
    with ctx.uow() as uow:
        uow.plans.save(plan)
    nxt = week.sessions[1].date.isoformat()
    with pytest.raises(NotFound, match=f"rest day.*psoas session --date {nxt}"):
        prepare_session(ctx, person.id, plan.start)


@pytest.mark.parametrize("days_later", [0, 1, 3, 7, 8, 20])
def test_pending_from_a_year_of_logs_read_once_agrees_with_its_own_read(world, days_later):
    """The home page reads the logs once (summary_and_logs) and finds the pending next-morning
    question in them: the same answer as pending_next_morning's own read, at any distance."""
    from psoas.services.progress import summary_and_logs
    from psoas.services.sessions import pending_in

    ctx, _, person, _ = world
    with ctx.uow() as uow:
        for back in (40, 10, 2):  # older logs than the window, and a recent one
            day = factories.NOW.date() - timedelta(days=back)
            uow.logs.add(factories.session_log(person.id, session_date=day, completed=True))
    day = factories.NOW.date() + timedelta(days=days_later)
    summary, logs = summary_and_logs(ctx, person.id, day)
    assert summary == progress_summary(ctx, person.id, day)
    assert [log.session_date for log in logs] == sorted(log.session_date for log in logs)
    expected = pending_next_morning(ctx, person.id, day)
    found = pending_in(logs, day)
    assert (found.id if found else None) == (expected.id if expected else None)
