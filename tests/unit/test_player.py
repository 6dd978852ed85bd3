"""The guided-session state machine, driven with explicit timestamps (no real time passes)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sessions_support import catalogue, planned_session

from psoas.domain.catalogue.exercises import Dose
from psoas.domain.errors import InvalidValue
from psoas.domain.planning.durations import planned_session_seconds
from psoas.domain.planning.plans import Prescription, SessionKind, SideHandling
from psoas.domain.records.session_logs import LogEvent, SessionLog, SetRecord, SetSide
from psoas.domain.serial import to_primitive
from psoas.domain.sessions.playback import PlayerStatus, set_complete
from psoas.domain.sessions.player import NOT_REACHED, QUIT_PARTIAL, SessionPlayer
from psoas.domain.sessions.timeline import StepKind, build_timeline, parse_tempo, rep_phases

T0 = 1000.0
# the stretch (10 s get-ready + 140 s) and the bridge (10 s set-up from half-kneeling down onto
# the back + 45 s): 205 s
TOTAL = 205


def new_player(at: float = T0) -> SessionPlayer:
    cat = catalogue()
    return SessionPlayer(build_timeline(planned_session(), cat), at, cat)


def empty_log() -> SessionLog:
    moment = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
    return SessionLog("log-1", "p1", date(2026, 11, 23), moment, moment, ())


def done(player: SessionPlayer) -> list[tuple[str, int, str, int | None, int | None, bool]]:
    return [
        (r.exercise_id, r.set_index, r.side.value, r.done_hold_seconds, r.done_reps, r.skipped)
        for r in player.set_records()
    ]


def test_timeline_orders_sides_rests_and_switches():
    steps = build_timeline(planned_session(), catalogue()).steps
    kinds = [(s.kind.value, s.side.value, s.set_index) for s in steps]
    assert kinds == [
        ("get_ready", "both", 0),
        ("hold", "left", 1),
        ("switch_sides", "right", 0),
        ("hold", "right", 1),
        ("rest", "both", 1),
        ("hold", "left", 2),
        ("switch_sides", "right", 0),
        ("hold", "right", 2),
        ("get_ready", "both", 0),
        ("reps", "both", 1),
        ("rest", "both", 1),
        ("reps", "both", 2),
    ]
    # the bridge's get-ready is 10 s: from half-kneeling down onto the back, on the floor already
    assert sum(s.seconds for s in steps) == 10 + 30 + 5 + 30 + 10 + 30 + 5 + 30 + 10 + 15 + 15 + 15
    assert sum(s.seconds for s in steps) == planned_session_seconds(
        planned_session(), catalogue().exercises
    )


def test_timeline_is_plain_json():
    data = to_primitive(build_timeline(planned_session(), catalogue()))
    assert data["steps"][9]["rep_phases"] == [
        {"word": "lift", "seconds": 2},
        {"word": "hold", "seconds": 1},
        {"word": "lower", "seconds": 2},
    ]
    assert data["steps"][1]["kind"] == "hold" and data["steps"][1]["side"] == "left"
    assert data["cards"][0]["easier_id"] == "supine-stretch"


@pytest.mark.parametrize(
    ("tempo", "expected"),
    [("2-1-2", (2, 1, 2)), ("3-0-3", (3, 0, 3)), ("fast", ()), (None, ()), ("0-0", ())],
)
def test_parse_tempo(tempo, expected):
    assert parse_tempo(tempo) == expected


def test_whole_session_records_every_set_and_side():
    player = new_player()
    player.tick(T0 + 20)  # 10 s into the first hold
    view = player.view(T0 + 20)
    assert view.step.kind is StepKind.HOLD and view.step.side is SetSide.LEFT
    assert view.step_remaining == pytest.approx(20)
    assert view.remaining == pytest.approx(TOTAL - 20)
    assert (view.items_left, view.items_total) == (2, 2)
    player.tick(T0 + 500)
    assert player.status is PlayerStatus.FINISHED
    assert player.elapsed(T0 + 900) == pytest.approx(TOTAL)  # finished at the planned end
    assert done(player) == [
        ("kneeling-stretch", 1, "left", 30, None, False),
        ("kneeling-stretch", 1, "right", 30, None, False),
        ("kneeling-stretch", 2, "left", 30, None, False),
        ("kneeling-stretch", 2, "right", 30, None, False),
        ("glute-bridge", 1, "both", None, 3, False),
        ("glute-bridge", 2, "both", None, 3, False),
    ]
    log = player.fill_log(empty_log())
    assert log.completed and log.events == ()


def test_rep_counter_follows_the_tempo():
    player = new_player()
    start_of_reps = T0 + 160  # stretch with its get-ready (150 s) + the bridge's set-up (10 s)
    player.tick(start_of_reps + 7.5)
    view = player.view(start_of_reps + 7.5)
    assert view.step.kind is StepKind.REPS
    assert (view.rep, view.rep_phase) == (2, "hold")
    assert view.phase_remaining == pytest.approx(0.5)


def test_pause_stops_the_clock_and_resume_continues():
    player = new_player()
    player.tick(T0 + 15)
    player.pause(T0 + 15)  # 5 s into the first hold
    player.tick(T0 + 300)  # time passes while paused: nothing moves
    assert player.status is PlayerStatus.PAUSED
    assert player.view(T0 + 300).step_elapsed == pytest.approx(5)
    assert player.elapsed(T0 + 300) == pytest.approx(15)
    player.resume(T0 + 300)
    player.tick(T0 + 325)
    view = player.view(T0 + 325)
    assert view.step.kind is StepKind.SWITCH_SIDES and view.step_elapsed == pytest.approx(0)
    assert view.elapsed == pytest.approx(40)


def test_skip_records_the_part_done_and_moves_on():
    player = new_player()
    player.skip(T0 + 2)  # skip the countdown
    player.skip(T0 + 14)  # 12 s into the first hold
    assert player.current.kind is StepKind.SWITCH_SIDES
    first = player.set_records()[0]
    assert (first.done_hold_seconds, first.skipped) == (12, True)
    assert player.view(T0 + 14).remaining == pytest.approx(TOTAL - 10 - 30)


def test_back_restarts_a_set_or_returns_to_the_previous_one():
    player = new_player()
    player.tick(T0 + 42)  # 2 s into the switch after set 1, left
    player.back(T0 + 42)  # it just began -> the previous set again
    assert player.current.kind is StepKind.HOLD and player.current.side is SetSide.LEFT
    assert player.set_records()[0].note == NOT_REACHED  # its record is cleared until done again
    player.tick(T0 + 52)
    player.back(T0 + 52)  # 10 s into the set -> restart the same set
    assert player.view(T0 + 52).step_elapsed == 0
    player.tick(T0 + 82)
    assert player.current.kind is StepKind.SWITCH_SIDES
    assert player.set_records()[0].done_hold_seconds == 30


def test_quit_saves_a_partial_log_and_resume_plays_the_rest():
    player = new_player()
    player.tick(T0 + 55)  # set 1 left done, 10 s into set 1 right
    player.quit_session(T0 + 55)
    log = player.fill_log(empty_log())
    assert not log.completed
    assert [e.kind for e in log.events] == [LogEvent.QUIT_EARLY]
    records = log.sets
    assert records[0].done_hold_seconds == 30
    assert (records[1].done_hold_seconds, records[1].note) == (10, QUIT_PARTIAL)
    assert all(r.note == NOT_REACHED for r in records[2:])

    cat = catalogue()
    again = SessionPlayer.resuming(build_timeline(planned_session(), cat), log, 5000.0, cat)
    assert again.current.kind is StepKind.SWITCH_SIDES  # the lead-in to the unfinished set
    assert again.steps[again.index + 1].side is SetSide.RIGHT
    again.tick(5000.0 + 1000)
    final = again.fill_log(log)
    assert final.completed
    assert [r.done_hold_seconds for r in final.sets[:4]] == [30, 30, 30, 30]
    assert [r.done_reps for r in final.sets[4:]] == [3, 3]


def test_pain_up_to_five_is_recorded_and_the_session_goes_on():
    player = new_player()
    player.tick(T0 + 35)
    advice = player.this_hurts(T0 + 35, 4)
    assert not advice.over_limit and player.status is PlayerStatus.RUNNING
    player.tick(T0 + 500)
    log = player.fill_log(empty_log())
    assert log.sets[0].pain == 4 and log.pain_during == 4 and log.completed


def test_pain_above_five_stop_skips_the_rest_of_the_exercise():
    player = new_player()
    player.tick(T0 + 20)
    advice = player.this_hurts(T0 + 20, 7)
    assert advice.over_limit and advice.easier_id == "supine-stretch"
    assert player.status is PlayerStatus.PAIN_CHOICE
    player.tick(T0 + 200)  # nothing runs while the choice is open
    player.choose_stop(T0 + 200)
    assert (
        player.current.kind is StepKind.GET_READY and player.current.exercise_id == "glute-bridge"
    )
    player.tick(T0 + 1000)
    log = player.fill_log(empty_log())
    assert log.completed and log.pain_during == 7
    assert [(e.kind, e.exercise_id) for e in log.events] == [
        (LogEvent.STOPPED_FOR_PAIN, "kneeling-stretch")
    ]
    assert log.events[0].at_seconds == pytest.approx(20)
    stretch = [r for r in log.sets if r.exercise_id == "kneeling-stretch"]
    assert (stretch[0].done_hold_seconds, stretch[0].pain, stretch[0].skipped) == (10, 7, True)
    assert all(r.skipped and r.note == "stopped for pain" for r in stretch[1:])
    assert [r.done_reps for r in log.sets if r.exercise_id == "glute-bridge"] == [3, 3]


def test_pain_above_five_switch_to_easier_plays_the_easier_variant():
    player = new_player()
    player.tick(T0 + 77)  # resting after the first round (left and right)
    player.this_hurts(T0 + 77, 6)  # counts for the set just done (right)
    player.choose_easier(T0 + 100)
    assert player.current.kind is StepKind.GET_READY
    assert player.current.exercise_id == "supine-stretch"
    assert player.card(0).name == "Supine stretch"
    player.tick(T0 + 2000)
    log = player.fill_log(empty_log())
    assert log.events[0].kind is LogEvent.SWITCHED_TO_EASIER
    assert "supine-stretch" in log.events[0].detail
    by_exercise = [(r.exercise_id, r.side.value, r.done_hold_seconds, r.skipped) for r in log.sets]
    assert by_exercise[:6] == [
        ("kneeling-stretch", "left", 30, False),
        ("kneeling-stretch", "right", 30, False),
        ("kneeling-stretch", "left", 0, True),
        ("kneeling-stretch", "right", 0, True),
        ("supine-stretch", "left", 20, False),
        ("supine-stretch", "right", 20, False),
    ]
    assert log.sets[1].pain == 6 and log.pain_during == 6


def test_pain_outside_the_scale_is_refused():
    with pytest.raises(InvalidValue, match="pain"):
        new_player().this_hurts(T0, 11)


def test_rep_phases_with_a_hold_inside_each_rep():
    phases = rep_phases(Dose(sets=1, reps=5, hold_seconds=5))
    assert [(p.word, p.seconds) for p in phases] == [("lift", 1), ("hold", 5), ("lower", 2)]
    with_tempo = rep_phases(Dose(sets=1, reps=5, hold_seconds=5, tempo="2-1-2"))
    assert [(p.word, p.seconds) for p in with_tempo] == [("lift", 2), ("hold", 6), ("lower", 2)]


ACTIONS = ["tick", "pause", "resume", "skip", "back", "hurt", "choose_stop", "choose_easier"]
events = st.lists(
    st.tuples(st.sampled_from(ACTIONS), st.floats(0, 40), st.integers(0, 10)), max_size=30
)


@settings(max_examples=80, deadline=None)
@given(events)
def test_any_event_sequence_keeps_time_and_records_consistent(script):
    player = new_player(0.0)
    now = 0.0
    for name, gap, pain in script:
        now += gap
        if name == "hurt":
            player.this_hurts(now, pain)
        else:
            getattr(player, name)(now)
        view = player.view(now)
        assert 0 <= view.elapsed <= now + 1e-9
        assert view.remaining >= 0 and 0 <= view.fraction_done <= 1
    if player.status is PlayerStatus.PAIN_CHOICE:
        player.choose_stop(now)
    player.resume(now)
    player.tick(now + 10_000)
    assert player.status is PlayerStatus.FINISHED
    records = player.set_records()
    original = [r for r in records if r.exercise_id != "supine-stretch"]
    assert len(original) == 6  # every planned set is accounted for, done or not
    assert all(r.done_hold_seconds is None or r.done_hold_seconds <= 30 for r in records)
    log = player.fill_log(empty_log())
    assert log.pain_during == (max(player.pains) if player.pains else None)


doses = st.builds(
    Dose,
    sets=st.integers(1, 4),
    reps=st.one_of(st.none(), st.integers(1, 12)),
    hold_seconds=st.integers(1, 60),
    rest_seconds=st.integers(0, 60),
    tempo=st.sampled_from([None, "2-1-2", "3-0-3", "1/1", "x"]),
)


@settings(max_examples=80, deadline=None)
@given(doses, st.sampled_from(list(SideHandling)), st.sampled_from(list(SessionKind)[:2]))
def test_timeline_lasts_exactly_the_estimate(dose, sides, kind):
    from dataclasses import replace

    cat = catalogue()
    session = replace(
        planned_session(),
        kind=kind,
        prescriptions=(Prescription("glute-bridge", dose, sides, "r"),) * 2,
    )
    assert build_timeline(session, cat).total_seconds == planned_session_seconds(
        session, cat.exercises
    )


@pytest.mark.parametrize(
    ("record", "complete"),
    [
        (SetRecord("x", 1, SetSide.LEFT, planned_hold_seconds=30, done_hold_seconds=30), True),
        (SetRecord("x", 1, SetSide.LEFT, planned_hold_seconds=30, done_hold_seconds=12), False),
        (SetRecord("x", 1, SetSide.BOTH, planned_reps=10, done_reps=10, skipped=True), False),
        (SetRecord("x", 1, SetSide.BOTH, planned_reps=10, done_reps=10), True),
        (SetRecord("x", 1, SetSide.BOTH, planned_reps=10, done_reps=None), False),
    ],
)
def test_set_complete(record, complete):
    assert set_complete(record) is complete
