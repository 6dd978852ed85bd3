"""The terminal player counts down each get-ready for as long as the timeline says: the first
10 s, a second exercise in the same position 5 s (a real plan on the packaged catalogue)."""

from __future__ import annotations

from datetime import date

from tests.unit.plan_catalogue import CREATED, result

from psoas.catalogue import load_catalogue
from psoas.cli.session_view import step_headline
from psoas.domain.planning.make import make_plan
from psoas.domain.planning.setups import GET_READY_SECONDS, SAME_POSITION_SECONDS
from psoas.domain.records.people import Preferences
from psoas.domain.sessions.player import SessionPlayer
from psoas.domain.sessions.timeline import StepKind, build_timeline

CAT = load_catalogue()


def _same_position_session():
    plan = make_plan(
        result(),
        Preferences(minutes_per_day=15),
        date(2026, 11, 23),
        CAT,
        person_id="p",
        assessment_id="a",
        created_at=CREATED,
    )
    for session in plan.sessions():
        ids = [p.exercise_id for p in session.prescriptions]
        for k in range(1, len(ids)):
            before, after = CAT.get(ids[k - 1]), CAT.get(ids[k])
            if before.position == after.position and set(after.equipment) <= set(before.equipment):
                return session, k
    raise AssertionError("no session with two exercises in one position")


def test_the_terminal_counts_down_the_short_get_ready():
    session, k = _same_position_session()
    player = SessionPlayer(build_timeline(session, CAT), 0.0, CAT)
    now = 0.0
    assert (
        step_headline(player.current, player.view(now)) == f"GET READY  0:{GET_READY_SECONDS:02d}"
    )
    while not (player.current.kind is StepKind.GET_READY and player.current.item == k):
        now += 1.0
        player.skip(now)
    headline = step_headline(player.current, player.view(now))
    assert headline == f"GET READY  0:{SAME_POSITION_SECONDS:02d}"
