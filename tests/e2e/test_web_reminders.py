"""Reminders in the web app over HTTP: the settings form and its JSON twin, the next reminder
for the in-page timer, recording break outcomes, and the break micro-routine in the player."""

from __future__ import annotations

from datetime import timedelta

import pytest
from tests.e2e import web_fixtures
from tests.e2e.web_support import calm_answers, field_errors

client, clock, questionnaire = web_fixtures.client, web_fixtures.clock, web_fixtures.questionnaire

GOOD_FORM = {
    "break_enabled": "on",
    "work_days": ["mon", "tue"],
    "work_start": "08:00",
    "work_end": "16:00",
    "interval": "45",
    "snooze": "10",
    "quiet": "12:00-13:00, 15:00-15:15",
    "session_at": "19:30",
}


def _enable(client, **changes):  # type: ignore[no-untyped-def]
    body = {"enabled": True, "start": "08:00", "end": "17:00", "interval": 30, **changes}
    response = client.api("/api/reminders", body, method="PUT")
    assert response.status_code == 200, response.text
    return response.json()


def test_settings_page_has_the_reminders_section_with_saved_values(client):
    _enable(client, quiet=["12:00-13:00"])
    html = client.get("/settings").text
    assert 'id="reminders-title"' in html
    assert 'name="interval"' in html and 'value="30"' in html
    assert 'value="12:00-13:00"' in html
    assert "does not claim that sitting tightens the psoas" in html


def test_reminders_form_saves_through_configure_reminders(client):
    response = client.form("/settings/reminders", GOOD_FORM)
    assert response.status_code == 303
    assert "done=reminders" in response.headers["location"]
    saved = client.get("/api/reminders").json()
    assert saved["enabled"] is True and saved["working_days"] == ["mon", "tue"]
    assert saved["interval_minutes"] == 45 and saved["snooze_minutes"] == 10
    assert saved["quiet_periods"] == [
        {"start": "12:00:00", "end": "13:00:00"},
        {"start": "15:00:00", "end": "15:15:00"},
    ]
    assert saved["session_reminder"] is False and saved["session_reminder_time"] == "19:30:00"
    assert "Reminder settings saved." in client.get(response.headers["location"]).text


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"interval": "90"}, {"interval"}),
        ({"interval": "ten"}, {"interval"}),
        ({"snooze": "0"}, {"snooze"}),
        ({"work_end": "07:00"}, {"work_end"}),
        ({"work_start": "nine"}, {"work_start"}),
        ({"work_days": ["mon", "someday"]}, {"work_days"}),
        ({"quiet": "13:00-12:00"}, {"quiet"}),
        ({"quiet": "lunch"}, {"quiet"}),
        ({"session_at": "25:00"}, {"session_at"}),
        ({"interval": "5", "work_end": "07:00", "quiet": "x"}, {"interval", "work_end", "quiet"}),
    ],
)
def test_reminders_form_errors_sit_next_to_their_fields_and_nothing_is_saved(
    client, changes, fields
):
    before = client.get("/api/reminders").json()
    response = client.form("/settings/reminders", {**GOOD_FORM, **changes})
    assert response.status_code == 422
    assert set(field_errors(response.text)) == fields
    for value in changes.values():
        if isinstance(value, str):
            assert f'value="{value}"' in response.text  # kept as typed
    assert client.get("/api/reminders").json() == before


def test_reminder_api_names_the_fields_it_rejects(client):
    body = {"interval": 61, "start": "nine", "days": ["mon", "x"], "quiet": ["13:00-12:00"]}
    response = client.api("/api/reminders", body, method="PUT")
    assert response.status_code == 422
    named = {p["field"] for p in response.json()["problems"]}
    assert named == {"interval", "start", "days", "quiet"}
    response = client.api("/api/reminders", {"snooze": 31}, method="PUT")
    assert [p["field"] for p in response.json()["problems"]] == ["snooze"]
    assert client.api("/api/reminders", {"interval": "soon"}, method="PUT").status_code == 422


def test_changes_need_the_csrf_token(client):
    client.refresh_token()
    assert client.put("/api/reminders", json={"enabled": True}).status_code == 403
    due = "2026-11-23T09:30:00+00:00"
    assert client.post("/api/breaks", json={"due_at": due, "outcome": "taken"}).status_code == 403
    assert client.post("/api/breaks/play/done", json={}).status_code == 403
    form = {k: v for k, v in GOOD_FORM.items()}
    assert client.post("/settings/reminders", data=form).status_code == 403
    assert client.get("/api/reminders").json()["enabled"] is False


def test_next_reminder_follows_the_settings_and_moves_past_one_shown(client, clock):
    assert client.get("/api/reminders/next").json()["reminder"] is None
    _enable(client)  # the fake clock says Monday 08:00 UTC
    first = client.get("/api/reminders/next").json()["reminder"]
    assert first["kind"] == "break" and first["due_at"] == "2026-11-23T08:30:00Z"
    assert first["slot"] == 0 and len(first["routine"]) >= 1
    assert all(r["name"] and r["dose"] for r in first["routine"])
    assert first["play_url"].startswith("/breaks/play?slot=0&due=2026-11-23T08%3A30")
    after = client.get("/api/reminders/next", params={"after": first["due_at"]}).json()
    assert after["reminder"]["due_at"] == "2026-11-23T09:00:00Z"
    assert after["reminder"]["slot"] == 1


@pytest.mark.parametrize("after", ["soon", "2026-11-23T09:00:00", "9999-12-31T23:59:59+14:00"])
def test_next_reminder_rejects_a_bad_after(client, after):
    response = client.get("/api/reminders/next", params={"after": after})
    assert response.status_code == 422


def test_session_reminder_fires_only_when_todays_session_is_not_done(client, questionnaire, clock):
    client.api("/api/assessment", calm_answers(questionnaire))
    client.api("/api/plan", {})
    today = client.get("/api/today").json()
    assert today["sessions"], "the calm plan has a session every day"
    _enable(client, enabled=False, session_reminder=True, session_at="18:00")
    found = client.get("/api/reminders/next").json()["reminder"]
    assert found["kind"] == "session" and found["due_at"] == "2026-11-23T18:00:00Z"
    assert "not done yet" in found["body"] and found["play_url"] is None
    session_id = today["sessions"][0]["id"]
    timeline = client.get(f"/api/sessions/{session_id}/timeline").json()
    total = sum(s["seconds"] for s in timeline["steps"])
    saved = client.api(f"/api/sessions/{session_id}/log", {"now": total, "pain_before": 2})
    assert saved.status_code == 201, saved.text
    assert client.get("/api/reminders/next").json()["reminder"] is None


def test_break_outcomes_are_recorded_and_counted(client, clock):
    _enable(client)
    clock.advance(40 * 60)  # 08:40: the 08:30 break is due
    for outcome in ("snoozed", "taken"):
        body = {"due_at": "2026-11-23T08:30:00+00:00", "outcome": outcome}
        response = client.api("/api/breaks", {**body, "routine": ["marching-in-place", "nope"]})
        assert response.status_code == 201, response.text
        assert response.json()["outcome"] == outcome
        clock.advance(60)  # answered a minute later
    status = client.get("/api/breaks/status").json()
    assert status["enabled"] is True
    assert status["today"] == {"due": 1, "taken": 1, "snoozed": 1, "skipped": 0, "missed": 0}
    assert status["next"]["due_at"] == "2026-11-23T09:11:00Z"  # a full interval after taking it


@pytest.mark.parametrize(
    "body",
    [
        {"due_at": "2026-11-23T08:30:00", "outcome": "taken"},  # no UTC offset
        {"due_at": "2026-11-30T08:30:00+00:00", "outcome": "taken"},  # a week away
        {"due_at": "0001-01-01T00:00:00+14:00", "outcome": "taken"},
        {"due_at": "2026-11-23T08:30:00+00:00", "outcome": "done"},
        {"due_at": "2026-11-23T08:30:00+00:00", "outcome": "taken", "routine": ["x"] * 11},
        {"outcome": "taken"},
    ],
)
def test_bad_break_outcomes_are_refused_and_nothing_is_recorded(client, body):
    response = client.api("/api/breaks", body)
    assert response.status_code == 422
    assert response.json()["problems"]
    assert client.get("/api/breaks/status").json()["today"]["taken"] == 0


def test_the_micro_routine_plays_in_the_session_player_and_counts_as_taken(client, clock):
    _enable(client)
    page = client.get("/breaks/play", params={"slot": 2, "due": "2026-11-23T09:30:00+00:00"})
    assert page.status_code == 200
    assert 'src="/static/player.js"' in page.text and "Sitting break" in page.text
    assert "/api/breaks/play/done?slot=2" in page.text
    view = client.api("/api/breaks/play/view?slot=2", {"events": [], "now": 5})
    assert view.status_code == 200 and view.json()["status"] == "running"
    total = sum(s["seconds"] for s in view.json()["steps"])
    assert 30 <= total <= 180  # one to two minutes (a little over with both sides)
    early = client.api(
        "/api/breaks/play/done?slot=2", {"events": [{"kind": "quit", "at": 3}], "now": 3}
    )
    assert early.json() == {
        "summary": "Break routine left early, so it is not counted as taken.",
        "recorded": False,
        "outcome": None,
    }
    body = {"events": [], "now": total, "due_at": "2026-11-23T09:30:00+00:00"}
    done = client.api("/api/breaks/play/done?slot=2", body)
    assert done.status_code == 200 and done.json()["recorded"] is True
    assert done.json()["summary"].startswith("Break taken")
    assert client.get("/api/breaks/status").json()["today"]["taken"] == 1
    assert client.get("/api/today").json()["sessions"] == []  # no session log or plan made


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/breaks/play?slot=-1", 422),
        ("/breaks/play?slot=9999", 422),
        ("/breaks/play?slot=x", 422),
        ("/breaks/play?due=yesterday", 422),
        ("/breaks/play?due=2020-01-01T00:00:00%2B00:00", 422),
    ],
)
def test_bad_break_player_addresses_get_a_page_not_a_crash(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert "<h1" in response.text


def test_break_player_api_rejects_bad_actions(client):
    response = client.api("/api/breaks/play/view?slot=0", {"events": [{"kind": "fly", "at": 1}]})
    assert response.status_code == 422
    response = client.api("/api/breaks/play/done?slot=0", {"now": -1})
    assert response.status_code == 422
    assert client.get("/api/breaks/status").json()["today"]["taken"] == 0


def test_the_interval_stays_in_real_time_over_the_day(client, clock):
    _enable(client, interval=20)
    clock.advance(timedelta(hours=8, minutes=55).total_seconds())  # 16:55
    found = client.get("/api/reminders/next").json()["reminder"]
    assert found["due_at"] == "2026-11-23T17:00:00Z"
    clock.advance(10 * 60)
    found = client.get("/api/reminders/next").json()["reminder"]
    assert found["due_at"] == "2026-11-24T08:20:00Z"  # after work: the next working morning
