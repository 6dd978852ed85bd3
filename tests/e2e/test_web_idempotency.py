"""Writes a phone may queue offline (session log, manual log, next-morning pain, habit tick)
carry an Idempotency-Key: a repeat returns the first answer, marked as replayed, and writes
nothing new. On a SQLite file and a PostgreSQL schema."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from tests.e2e.clinic_support import BACKENDS, database_url
from tests.e2e.web_support import WebClient, calm_answers
from tests.fakes import FakeClock

from psoas.bootstrap import build_context
from psoas.catalogue.questions import load_questionnaire
from psoas.config import get_settings
from psoas.storage import device_tables
from psoas.storage.engine import make_engine
from psoas.web.app import create_app


@pytest.fixture(params=BACKENDS)
def setup(request, tmp_path):  # type: ignore[no-untyped-def]
    url = database_url(request.param, tmp_path, request)
    settings = get_settings(data_dir=tmp_path, database_url=url)
    client = WebClient(create_app(settings, context=build_context(settings, clock=FakeClock())))
    engine = make_engine(url)
    request.addfinalizer(engine.dispose)
    assert client.api("/api/assessment", calm_answers(load_questionnaire())).status_code == 201
    assert client.api("/api/plan", {}).status_code == 201
    return client, engine


def _kept(engine) -> int:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(device_tables.kept_replies)).scalar()


def _first_session(client: WebClient) -> str:
    plan = client.get("/api/plan").json()
    return next(s["id"] for w in plan["weeks"] for s in w["sessions"] if s["kind"] != "rest")


def test_a_replayed_session_log_is_saved_once(setup):
    client, _ = setup
    session_id = _first_session(client)
    body = {
        "events": [{"kind": "quit", "at": 5}],
        "now": 5,
        "pain_before": 2,
        "pain_after": 1,
        "started_at": "2026-11-22T09:00:00+01:00",
    }
    key = {"Idempotency-Key": "log-key-0001"}
    first = client.api(f"/api/sessions/{session_id}/log", body, headers=key)
    again = client.api(f"/api/sessions/{session_id}/log", body, headers=key)
    assert first.status_code == again.status_code == 201, first.text
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert again.json() == first.json()
    logs = client.get("/api/logs").json()
    assert len(logs) == 1
    assert logs[0]["started_at"].startswith("2026-11-22T08:00:00")  # the phone's own start time
    other = client.api(f"/api/sessions/{session_id}/log", {**body, "pain_after": 3}, headers=key)
    assert other.status_code == 422 and "different change" in other.json()["message"]
    assert len(client.get("/api/logs").json()) == 1


def test_next_morning_pain_and_manual_log_replayed(setup):
    client, _ = setup
    key = {"Idempotency-Key": "manual-log-01"}
    body = {"minutes": 12, "pain_after": 2}
    first = client.api("/api/logs", body, headers=key)
    assert first.status_code == 201
    assert client.api("/api/logs", body, headers=key).json() == first.json()
    assert len(client.get("/api/logs").json()) == 1
    log_id = first.json()["id"]
    url = f"/api/logs/{log_id}/next-morning"
    morning = client.api(url, {"next_morning_pain": 3}, headers={"Idempotency-Key": "morning-01"})
    assert morning.status_code == 200
    changed = client.api(url, {"next_morning_pain": 1})  # a later answer without a key
    assert changed.json()["next_morning_pain"] == 1
    replay = client.api(url, {"next_morning_pain": 3}, headers={"Idempotency-Key": "morning-01"})
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert client.get("/api/logs").json()[0]["next_morning_pain"] == 1  # nothing rewritten


def test_a_replayed_habit_tick_changes_nothing(setup):
    client, engine = setup
    habit = client.get("/api/habits").json()["habits"][0]["id"]
    tick = {"habit_id": habit, "done": True}
    assert client.api("/api/habits", tick, headers={"Idempotency-Key": "tick-000001"}).is_success
    client.api("/api/habits", {"habit_id": habit, "done": False})
    replay = client.api("/api/habits", tick, headers={"Idempotency-Key": "tick-000001"})
    assert replay.headers["Idempotent-Replayed"] == "true"
    now = client.get("/api/habits").json()["habits"]
    assert next(h for h in now if h["id"] == habit)["done_today"] is False
    assert _kept(engine) == 1


def test_bad_keys_and_failed_writes_keep_nothing(setup):
    client, engine = setup
    bad = client.api("/api/habits", {"habit_id": "x"}, headers={"Idempotency-Key": "no spaces!"})
    assert bad.status_code == 400 and "Idempotency-Key" in bad.json()["message"]
    unknown = {"habit_id": "not-a-habit", "done": True}
    for _ in range(2):
        failed = client.api("/api/habits", unknown, headers={"Idempotency-Key": "fails-0001"})
        assert failed.status_code == 422
    missing = client.api(
        "/api/sessions/nope/log", {"now": 1}, headers={"Idempotency-Key": "k-nope-1"}
    )
    assert missing.status_code == 404
    assert _kept(engine) == 0
