"""Export -> delete -> import gives back equal records; bad files are refused before writing."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests import factories as f

from psoas.domain.errors import InvalidInput, InvalidValue
from psoas.domain.habits.breaks import BreakEvent, BreakOutcome
from psoas.domain.habits.checklist import HabitTick
from psoas.domain.records.measurements import MeasurementKind, Method, Side
from psoas.services import data
from psoas.services.data_document import FORMAT_VERSION, PersonHistory

ZONES = st.sampled_from(
    [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-8))]
)
MOMENTS = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2026, 11, 20), timezones=ZONES
)
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=40,
)
NRS = st.none() | st.integers(0, 10)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-1000, 1000) | st.floats(-1e6, 1e6) | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)


@st.composite
def session_logs(draw, person_id):
    started = draw(MOMENTS)
    sets = tuple(
        f.set_record(
            draw(st.sampled_from(f.EXERCISE_IDS)),
            set_index=i + 1,
            pain=draw(NRS),
            done_hold_seconds=draw(st.none() | st.integers(0, 600)),
            note=draw(TEXT),
        )
        for i in range(draw(st.integers(0, 4)))
    )
    return f.session_log(
        person_id,
        session_date=started.date(),
        started_at=started,
        finished_at=started + timedelta(seconds=draw(st.integers(0, 7200))),
        sets=sets,
        pain_before=draw(NRS),
        pain_during=draw(NRS),
        pain_after=draw(NRS),
        next_morning_pain=draw(NRS),
        effort=draw(NRS),
        notes=draw(TEXT),
        completed=draw(st.booleans()),
    )


@st.composite
def measurements(draw, person_id):
    kind = draw(st.sampled_from([MeasurementKind.HIP_ANGLE, MeasurementKind.PAIN]))
    if kind == MeasurementKind.PAIN:
        value, unit, side = float(draw(st.integers(0, 10))), "nrs", None
    else:
        value, unit = draw(st.floats(-30, 60, allow_nan=False)), "deg"
        side = draw(st.sampled_from(list(Side)))
    return f.measurement(
        person_id,
        kind=kind,
        value=value,
        unit=unit,
        side=side,
        method=draw(st.sampled_from(list(Method))),
        taken_at=draw(MOMENTS),
        label=draw(TEXT),
    )


@st.composite
def break_events(draw, person_id):
    due = draw(MOMENTS)
    return BreakEvent(
        id=f.new_id(),
        person_id=person_id,
        due_at=due,
        outcome=draw(st.sampled_from(list(BreakOutcome))),
        recorded_at=due + timedelta(minutes=draw(st.integers(0, 30))),
        routine=tuple(draw(st.lists(st.sampled_from(f.EXERCISE_IDS), max_size=2))),
    )


@st.composite
def habit_ticks(draw, person_id):
    day = draw(MOMENTS).date()
    habit = draw(st.sampled_from(["stand-every-30-min", "walk-after-lunch", "sleep-on-back"]))
    return HabitTick(person_id=person_id, day=day, habit_id=habit)


@st.composite
def histories(draw):
    person = f.person(display_name=draw(TEXT.filter(str.strip)), created_at=draw(MOMENTS))
    plans = tuple(
        f.plan(person.id, created_at=draw(MOMENTS), summary=draw(TEXT))
        for _ in range(draw(st.integers(0, 2)))
    )
    return PersonHistory(
        person=person,
        preferences=draw(st.none() | st.just(f.preferences(minutes_per_day=15))),
        assessments=tuple(
            f.assessment(
                person.id,
                taken_at=draw(MOMENTS),
                answers=draw(st.dictionaries(TEXT, JSON_VALUES, max_size=4)),
            )
            for _ in range(draw(st.integers(0, 2)))
        ),
        plans=plans,
        reviews=tuple(
            f.review(person.id, p.id, created_at=draw(MOMENTS), summary=draw(TEXT)) for p in plans
        ),
        session_logs=tuple(draw(st.lists(session_logs(person.id), max_size=5))),
        measurements=tuple(draw(st.lists(measurements(person.id), max_size=5))),
        break_events=tuple(draw(st.lists(break_events(person.id), max_size=3))),
        habit_ticks=tuple(
            draw(
                st.lists(
                    habit_ticks(person.id), max_size=4, unique_by=lambda t: (t.day, t.habit_id)
                )
            )
        ),
        reminders=draw(st.none() | st.builds(f.reminders, interval_minutes=st.integers(20, 60))),
    )


def _store(ctx, history):
    with ctx.uow() as uow:
        uow.people.add(history.person)
        if history.preferences is not None:
            uow.preferences.set(history.person.id, history.preferences)
        if history.reminders is not None:
            uow.reminders.set(history.person.id, history.reminders)
        for section, record in history.records():
            data._add(uow, section, record)


def _load(ctx, person_id):
    with ctx.uow() as uow:
        return data.load_history(uow, person_id)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(history=histories())
def test_export_delete_import_gives_back_equal_records(ctx, history):
    _store(ctx, history)
    before = _load(ctx, history.person.id)
    document = json.loads(json.dumps(data.export_data(ctx, history.person.id)))
    data.delete_person_data(ctx, history.person.id)
    report = data.import_data(ctx, document)
    assert report.people_added == 1
    after = _load(ctx, history.person.id)
    assert after == before
    assert sorted(after.session_logs, key=lambda x: x.id) == sorted(
        history.session_logs, key=lambda x: x.id
    )
    again = data.import_data(ctx, document)
    assert not again.changed_anything
    assert _load(ctx, history.person.id) == before


def test_import_into_an_existing_database_adds_only_what_is_missing(ctx):
    person = f.person()
    history = PersonHistory(
        person=person,
        preferences=None,
        session_logs=(f.session_log(person.id), f.session_log(person.id)),
    )
    _store(ctx, replace(history, session_logs=history.session_logs[:1]))
    report = data.import_data(ctx, data.build_document((history,), f.NOW))
    assert report.added["session_logs"] == 1
    assert report.present["session_logs"] == 1
    assert len(_load(ctx, person.id).session_logs) == 2


def _valid_document():
    person = f.person(id="p-import")
    history = PersonHistory(
        person=person,
        preferences=f.preferences(),
        session_logs=(f.session_log(person.id, id="log-1"),),
        measurements=(f.measurement(person.id, id="m-1"),),
    )
    return json.loads(json.dumps(data.build_document((history,), f.NOW)))


def _edit(path_and_value):
    def apply(document):
        *path, last = path_and_value[0]
        target = document
        for key in path:
            target = target[key]
        if path_and_value[1] is _DELETE:
            del target[last]
        else:
            target[last] = path_and_value[1]
        return document

    return apply


_DELETE = object()
BAD_DOCUMENTS = [
    ("not a mapping", lambda d: [d], "format"),
    ("foreign format", _edit((["format"], "other-app")), "format"),
    ("newer version", _edit((["version"], FORMAT_VERSION + 1)), "newer psoas"),
    ("people not a list", _edit((["people"], {"a": 1})), "people"),
    ("pain out of range", _edit((["people", 0, "session_logs", 0, "pain_after"], 14)), "pain"),
    ("wrong owner", _edit((["people", 0, "measurements", 0, "person_id"], "x")), "person_id"),
    ("missing field", _edit((["people", 0, "session_logs", 0, "started_at"], _DELETE)), "missing"),
    ("bad date", _edit((["people", 0, "session_logs", 0, "session_date"], "2026-13-01")), "ISO"),
    ("bad enum", _edit((["people", 0, "measurements", 0, "kind"], "mood")), "one of"),
    ("bad person", _edit((["people", 0, "person"], "me")), "person"),
    ("bad habit tick", _edit((["people", 0, "habit_ticks"], [{"person_id": "p-import"}])), "day"),
    (
        "bad reminders",
        _edit((["people", 0, "reminders"], {"interval_minutes": 5})),
        "reminders.interval_minutes",
    ),
    (
        "bad preferences",
        _edit((["people", 0, "preferences", "minutes_per_day"], 500)),
        "preferences.minutes_per_day",
    ),
]


@pytest.mark.parametrize(
    ("name", "spoil", "reason"), BAD_DOCUMENTS, ids=[b[0] for b in BAD_DOCUMENTS]
)
def test_a_bad_document_is_refused_with_the_reason_and_nothing_is_written(ctx, name, spoil, reason):
    document = spoil(_valid_document())
    with pytest.raises((InvalidValue, InvalidInput), match=reason):
        data.import_data(ctx, document)
    with ctx.uow() as uow:
        assert uow.people.list() == []


def test_duplicate_ids_in_a_document_are_refused(ctx):
    document = _valid_document()
    logs = document["people"][0]["session_logs"]
    logs.append(dict(logs[0]))
    with pytest.raises(InvalidValue, match="more than once"):
        data.import_data(ctx, document)


def test_an_id_held_by_another_person_stops_the_whole_import(ctx):
    other = f.person()
    _store(ctx, PersonHistory(other, None, measurements=(f.measurement(other.id, id="m-1"),)))
    with pytest.raises(InvalidValue, match="already exists"):
        data.import_data(ctx, _valid_document())
    with ctx.uow() as uow:
        assert [p.id for p in uow.people.list()] == [other.id]


def test_export_of_everybody_and_delete_counts(ctx):
    first, second = f.person(), f.person(created_at=f.NOW + timedelta(seconds=1))
    _store(ctx, PersonHistory(first, None, session_logs=(f.session_log(first.id),)))
    _store(ctx, PersonHistory(second, None))
    document = data.export_data(ctx)
    assert [p["person"]["id"] for p in document["people"]] == [first.id, second.id]
    assert data.record_counts(ctx, first.id)["session_logs"] == 1
    assert data.delete_person_data(ctx, first.id)["session_logs"] == 1
    assert [p["person"]["id"] for p in data.export_data(ctx)["people"]] == [second.id]
