"""Bad values are refused with the field named, and nothing of the use case is written."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from tests import factories as f

from psoas.domain.errors import InvalidInput, InvalidValue, NotFound
from psoas.domain.habits.breaks import BreakSettings
from psoas.domain.records.measurements import MeasurementKind
from psoas.domain.records.people import Preferences
from psoas.domain.records.session_logs import LogEvent, LogEventRecord
from psoas.services import people, records
from psoas.storage.uow import SqlUnitOfWork


@pytest.fixture
def alex(ctx):
    person = people.add_person(ctx, "Alex")
    plan = f.plan(person.id)
    with ctx.uow() as uow:
        uow.plans.save(plan)
    return person, plan


BAD_LOGS = [
    ("pain_before", {"pain_before": 11}),
    ("pain_during", {"pain_during": -1}),
    ("pain_after", {"pain_after": 12}),
    ("next_morning_pain", {"next_morning_pain": 42}),
    ("effort", {"effort": 11}),
    ("finished_at", {"finished_at": f.NOW - timedelta(days=1, hours=1)}),
    ("sets[0].pain", {"sets": (f.set_record(pain=15),)}),
    ("sets[0].done_hold_seconds", {"sets": (f.set_record(done_hold_seconds=-30),)}),
    ("sets[0].done_reps", {"sets": (f.set_record(done_reps=-2),)}),
    ("sets[0].exercise_id", {"sets": (f.set_record("no-such-exercise"),)}),
    (
        "events[0].exercise_id",
        {"events": (LogEventRecord(LogEvent.QUIT_EARLY, "ghost", 30.0),)},
    ),
    ("session_date", {"session_date": f.NOW.date() + timedelta(days=3)}),
    ("session_id", {"session_id": "w9-2030-01-01"}),
    ("plan_id", {"plan_id": "someone-elses-plan"}),
    ("person_id", {"person_id": "somebody-else"}),
]


@pytest.mark.parametrize(("field", "change"), BAD_LOGS, ids=[b[0] for b in BAD_LOGS])
def test_a_bad_session_log_names_the_field_and_writes_nothing(ctx, alex, field, change):
    person, plan = alex
    log = replace(f.planned_log(plan), **change)
    with pytest.raises(InvalidValue) as caught:
        records.log_session(ctx, person.id, log)
    assert caught.value.field == field
    with ctx.uow() as uow:
        assert uow.logs.list(person.id) == []


def test_several_problems_are_reported_together(ctx, alex):
    person, plan = alex
    log = f.planned_log(plan, pain_before=11, effort=-3)
    with pytest.raises(InvalidInput) as caught:
        records.log_session(ctx, person.id, log)
    assert {p.field for p in caught.value.problems} == {"pain_before", "effort"}


def test_a_good_log_is_stored_and_can_get_next_morning_pain(ctx, alex):
    person, plan = alex
    log = records.log_session(ctx, person.id, f.planned_log(plan))
    records.update_session_log(ctx, person.id, replace(log, next_morning_pain=2))
    assert records.session_logs(ctx, person.id)[0].next_morning_pain == 2
    with pytest.raises(InvalidValue, match="next_morning_pain"):
        records.update_session_log(ctx, person.id, replace(log, next_morning_pain=99))
    assert records.session_logs(ctx, person.id)[0].next_morning_pain == 2


def test_a_planned_session_without_a_plan_id_is_checked_against_the_latest_plan(ctx, alex):
    person, plan = alex
    planned = plan.sessions()[0]
    log = f.session_log(person.id, session_id=planned.id, session_date=planned.date)
    saved = records.log_session(ctx, person.id, log)
    assert replace(saved, recorded_at=None) == log and saved.recorded_at is not None


def test_a_log_for_an_unknown_person_is_not_found(ctx):
    with pytest.raises(NotFound):
        records.log_session(ctx, "nobody", f.session_log("nobody"))


BAD_MEASUREMENTS = [
    ("value", {"kind": MeasurementKind.PAIN, "value": 10.5, "unit": "nrs", "side": None}),
    ("value", {"kind": MeasurementKind.SITTING_HOURS, "value": -1.0, "unit": "h", "side": None}),
    ("value", {"kind": MeasurementKind.SELF_TEST, "value": 0.5, "unit": "position"}),
    ("value", {"value": float("nan")}),
    ("side", {"kind": MeasurementKind.HIP_ANGLE, "side": None}),
    ("taken_at", {"taken_at": f.NOW + timedelta(days=2)}),
    ("taken_at", {"taken_at": f.NOW.replace(tzinfo=None)}),
    ("unit", {"unit": ""}),
    ("label", {"label": "x" * 201}),
    ("id", {"id": "x" * 65}),
]


@pytest.mark.parametrize(("field", "change"), BAD_MEASUREMENTS)
def test_a_bad_measurement_names_the_field_and_writes_nothing(ctx, alex, field, change):
    person, _plan = alex
    with pytest.raises(InvalidValue) as caught:
        records.add_measurement(ctx, person.id, f.measurement(person.id, **change))
    assert caught.value.field == field
    assert records.measurements(ctx, person.id) == []


def test_a_good_measurement_is_stored_and_deleted(ctx, alex):
    person, _plan = alex
    m = records.add_measurement(ctx, person.id, f.measurement(person.id))
    assert records.measurements(ctx, person.id, MeasurementKind.HIP_ANGLE) == [m]
    records.delete_measurement(ctx, person.id, m.id)
    assert records.measurements(ctx, person.id) == []


def test_bad_preferences_and_names_write_nothing(ctx, alex, engine):
    person, _plan = alex
    with pytest.raises(InvalidInput):
        people.set_preferences(ctx, person.id, Preferences(minutes_per_day=90))
    with pytest.raises(InvalidValue, match="display_name"):
        people.add_person(ctx, "   ")
    with SqlUnitOfWork(engine) as uow:
        assert uow.preferences.get(person.id) is None
        assert len(uow.people.list()) == 1
    assert people.get_preferences(ctx, person.id) == Preferences()


def test_bad_reminders_write_nothing(ctx, alex):
    person, _plan = alex
    with pytest.raises(InvalidInput):
        people.set_reminders(ctx, person.id, f.reminders(interval_minutes=2, snooze_minutes=0))
    assert people.get_reminders(ctx, person.id) == BreakSettings()
    saved = people.set_reminders(ctx, person.id, f.reminders())
    assert people.get_reminders(ctx, person.id) == saved


def test_current_person_is_created_once(ctx):
    first = people.current_person(ctx)
    assert people.current_person(ctx) == first
    assert people.list_people(ctx) == [first]
