"""Plan services on a real SQLite database: new plan, today, weekly review, safety stop."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from tests import factories
from tests.fakes import FakeClock
from tests.unit.plan_catalogue import START, build_catalogue, result
from tests.unit.plan_logs import week_logs

from psoas.domain.errors import InvalidInput, InvalidValue, NotFound, ReferralRequired
from psoas.domain.planning.plans import Change, SessionKind
from psoas.domain.records.people import Preferences
from psoas.domain.screening.assessment import Profile, Triage
from psoas.services import plans as service

NOW = datetime.combine(START, datetime.min.time(), UTC) + timedelta(hours=8)


@pytest.fixture
def world(tmp_path):
    clock = FakeClock(NOW)
    ctx = factories.sqlite_context(tmp_path, clock=clock, catalogue_=build_catalogue())
    person = factories.person()
    with ctx.uow() as uow:
        uow.people.add(person)
    return ctx, clock, person.id


def assess(ctx, person_id, **kw):
    assessment = factories.assessment(
        person_id, result=result(**kw), taken_at=NOW - timedelta(hours=1)
    )
    with ctx.uow() as uow:
        uow.assessments.add(assessment)
    return assessment


def test_no_assessment_and_referral_are_clear_and_save_nothing(world):
    ctx, _, pid = world
    with pytest.raises(NotFound, match="psoas assess"):
        service.new_plan(ctx, pid)
    assess(ctx, pid, triage=Triage.URGENT_REFERRAL)
    with pytest.raises(ReferralRequired):
        service.new_plan(ctx, pid, Preferences(minutes_per_day=12))
    assert service.current_plan(ctx, pid) is None
    assert service.current_preferences(ctx, pid) is None


def test_new_plan_saves_preferences_and_keeps_older_plans_readable(world):
    ctx, clock, pid = world
    assess(ctx, pid, profile=Profile.MIXED)
    first = service.new_plan(ctx, pid, Preferences(minutes_per_day=12))
    assert service.current_preferences(ctx, pid) == Preferences(minutes_per_day=12)
    assert first.start == START and all(w.sessions for w in first.weeks)
    clock.advance(3600)
    second = service.new_plan(ctx, pid, start=START + timedelta(days=7))  # stored preferences
    assert second.preferences.minutes_per_day == 12
    assert service.current_plan(ctx, pid) == second
    assert [p.id for p in service.list_plans(ctx, pid)] == [first.id, second.id]


@pytest.mark.parametrize(
    ("raw", "fields"),
    [
        ({"minutes": 0}, ["minutes_per_day"]),
        ({"strength_days": 7}, ["strength_days_per_week"]),
        ({"equipment": ["mat", "trampoline"]}, ["equipment"]),
        ({"level": "expert"}, ["level"]),
        ({"days": ["mon", "someday"]}, ["preferred_days"]),
        ({"minutes": 90, "equipment": ["rope"]}, ["equipment", "minutes_per_day"]),
    ],
)
def test_bad_preferences_name_each_field(raw, fields):
    with pytest.raises(InvalidInput) as caught:
        service.preferences_from(Preferences(), **raw)
    assert [p.field for p in caught.value.problems] == fields


def test_preferences_from_normalises_days_and_kit():
    prefs = service.preferences_from(
        Preferences(),
        equipment=["Mat", " resistance_band"],
        days=["friday", "Mon"],
        level="Intermediate",
    )
    assert prefs.preferred_days == ("mon", "fri")
    assert {e.value for e in prefs.equipment} == {"mat", "resistance_band"}
    assert prefs.level.value == "intermediate"


def test_today_gives_the_session_and_its_reasons(world):
    ctx, _, pid = world
    assess(ctx, pid)
    service.new_plan(
        ctx,
        pid,
        Preferences(minutes_per_day=10, preferred_days=("mon", "tue", "wed", "thu", "fri")),
    )
    session, reasons = service.today(ctx, pid)
    assert session is not None and session.date == START and session.kind == SessionKind.MOBILITY
    assert any("daily" in r for r in reasons)
    rest, why = service.today(ctx, pid, START + timedelta(days=5))
    assert rest.kind == SessionKind.REST and why == ["Not one of your exercise days."]
    none, why = service.today(ctx, pid, START - timedelta(days=1))
    assert none is None and "has not started" in why[0]


def add_logs(ctx, logs):
    with ctx.uow() as uow:
        for log in logs:
            uow.logs.add(log)


def test_weekly_review_is_saved_once_and_changes_next_week(world):
    ctx, clock, pid = world
    assess(ctx, pid, profile=Profile.WEAK_OR_OVERSTRETCHED)
    plan = service.new_plan(ctx, pid, Preferences(minutes_per_day=20, strength_days_per_week=3))
    with pytest.raises(InvalidValue, match="first week"):
        service.run_review(ctx, pid)
    add_logs(ctx, week_logs(plan, 1, pain=1, next_morning=0))
    clock.set(NOW + timedelta(days=7))
    review = service.run_review(ctx, pid)
    assert review.week_index == 2 and review.items
    assert service.run_review(ctx, pid) == review  # no second change for the same week
    assert service.reviews(ctx, pid) == [review]
    updated = service.current_plan(ctx, pid)
    changed = [
        p for s in updated.weeks[1].sessions for p in s.prescriptions if p.change != Change.NEW
    ]
    assert changed and all(p.change_reason for p in changed)
    _, reasons = service.today(ctx, pid)
    assert any("(progress)" in r or "(hold)" in r for r in reasons), reasons


def test_severe_pain_stops_the_plan_at_once(world):
    ctx, _, pid = world
    assess(ctx, pid)
    plan = service.new_plan(ctx, pid, Preferences(minutes_per_day=10))
    log = replace(week_logs(plan, 1)[0], pain_after=9)
    add_logs(ctx, [log])
    session, reasons = service.today(ctx, pid, START + timedelta(days=1))
    assert session is None and "Severe pain" in reasons[0]
    assert service.current_plan(ctx, pid).stopped_reason.startswith("Severe pain")


def test_a_new_red_flag_assessment_stops_the_plan(world):
    ctx, clock, pid = world
    assess(ctx, pid)
    service.new_plan(ctx, pid, Preferences(minutes_per_day=10))
    clock.advance(86400)
    later = factories.assessment(
        pid, result=result(triage=Triage.URGENT_REFERRAL), taken_at=clock.now()
    )
    with ctx.uow() as uow:
        uow.assessments.add(later)
    session, reasons = service.today(ctx, pid)
    assert session is None and "warning sign" in reasons[0]
