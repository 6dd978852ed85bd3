"""Records decoded once are reused only while their stored content is unchanged: a change to a
column or to the JSON document, through the repositories or by bare SQL (as another process
would), is read back at once, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import update
from tests import factories as f

from psoas.domain.planning.plans import Plan
from psoas.storage import tables
from psoas.storage.decoded import DecodedRecords
from psoas.storage.uow import SqlUnitOfWork


def _saved_plan(engine) -> Plan:  # type: ignore[no-untyped-def]
    person = f.person()
    plan = f.plan(person.id, weeks=2)
    with SqlUnitOfWork(engine) as uow:
        uow.people.add(person)
        uow.plans.save(plan)
    return plan


def _read(engine, plan: Plan) -> Plan:  # type: ignore[no-untyped-def]
    with SqlUnitOfWork(engine) as uow:
        return uow.plans.get(plan.person_id, plan.id)


def test_an_unchanged_record_is_decoded_once(engine):
    plan = _saved_plan(engine)
    first = _read(engine, plan)
    assert first == plan
    assert _read(engine, plan) is first


def test_a_changed_column_is_read_back_at_once(engine):
    plan = _saved_plan(engine)
    _read(engine, plan)
    stopped = replace(plan, stopped_reason="Severe pain reported.")
    with SqlUnitOfWork(engine) as uow:
        uow.plans.save(stopped)
    assert _read(engine, plan) == stopped


def test_a_document_changed_behind_the_app_is_read_back_at_once(engine):
    plan = _saved_plan(engine)
    before = _read(engine, plan)
    other_weeks = f.plan(plan.person_id, weeks=1).weeks
    changed = replace(plan, weeks=other_weeks)
    document = _row_data(changed)
    with engine.begin() as conn:  # as another process would write it
        conn.execute(update(tables.plans).where(tables.plans.c.id == plan.id).values(data=document))
    after = _read(engine, plan)
    assert after is not before
    assert after == changed


def test_session_logs_edited_in_place_read_back_edited(engine):
    person = f.person()
    log = f.session_log(person.id)
    with SqlUnitOfWork(engine) as uow:
        uow.people.add(person)
        uow.logs.add(log)
    with SqlUnitOfWork(engine) as uow:
        assert uow.logs.list(person.id) == [log]
    edited = replace(log, next_morning_pain=3, next_morning_asked=True, notes="stiff")
    with SqlUnitOfWork(engine) as uow:
        uow.logs.update(edited)
    with SqlUnitOfWork(engine) as uow:
        assert uow.logs.list(person.id) == [edited]
        assert uow.logs.get(person.id, log.id) == edited


def test_the_oldest_entries_go_once_the_size_limit_is_passed():
    kept = DecodedRecords(max_chars=10)
    calls: list[str] = []

    def decode(name: str):  # type: ignore[no-untyped-def]
        return lambda: calls.append(name) or name

    assert kept.get("a", 4, decode("a")) == "a"
    assert kept.get("b", 4, decode("b")) == "b"
    assert kept.get("a", 4, decode("a")) == "a"  # used again: now the newest
    assert kept.get("c", 4, decode("c")) == "c"  # 12 chars: "b", the least recent, goes
    assert len(kept) == 2
    assert kept.get("b", 4, decode("b")) == "b"
    assert calls == ["a", "b", "c", "b"]


def _row_data(plan: Plan) -> dict:  # type: ignore[type-arg]
    from psoas.storage.record_queries import PLANS

    return PLANS.to_row(plan)["data"]


def test_a_kept_record_is_used_only_while_its_content_is_equal():
    kept = DecodedRecords(max_chars=10)
    calls: list[str] = []

    def decode(name: str):  # type: ignore[no-untyped-def]
        return lambda: calls.append(name) or name

    first = kept.checked(("Plan", "p1"), ("p1", "{a}"), 4, decode("v1"))
    assert kept.checked(("Plan", "p1"), ("p1", "{a}"), 4, decode("v1")) is first
    assert kept.checked(("Plan", "p1"), ("p1", "{b}"), 4, decode("v2")) == "v2"  # changed
    assert len(kept) == 1  # the changed record replaced the old one
    kept.checked(("Plan", "p2"), ("p2", "{c}"), 4, decode("v3"))
    kept.checked(("Plan", "p3"), ("p3", "{d}"), 4, decode("v4"))  # 12 chars: p1 goes
    assert kept.checked(("Plan", "p1"), ("p1", "{b}"), 4, decode("v2")) == "v2"
    assert calls == ["v1", "v2", "v3", "v4", "v2"]


def test_the_bound_follows_the_setting_and_a_smaller_one_drops_the_oldest(tmp_path):
    from psoas.bootstrap import build_context
    from psoas.config import get_settings
    from psoas.storage.decoded import DECODED

    kept = DecodedRecords(max_chars=100)
    for n in range(5):
        kept.get(("k", n), 20, lambda n=n: n)
    assert len(kept) == 5
    kept.resize(45)
    assert len(kept) == 2 and kept.get(("k", 4), 20, lambda: "again") == 4  # newest stay
    kept.resize(0)
    assert len(kept) == 0 and kept.get(("k", 9), 1, lambda: "made") == "made"
    assert len(kept) == 0  # nothing is kept under a bound of 0
    try:
        build_context(get_settings(data_dir=tmp_path, record_cache_mb=3))
        assert DECODED.max_chars == 3_000_000
    finally:
        build_context(get_settings(data_dir=tmp_path))
    assert DECODED.max_chars == 16_000_000  # the default
