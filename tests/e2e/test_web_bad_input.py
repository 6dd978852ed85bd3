"""Bad input anywhere gives a clear message with a 4xx status, never a 500 or a half-write."""

from __future__ import annotations

import pytest
from tests.e2e import web_fixtures
from tests.e2e.web_support import calm_answers, field_errors

client, clock, questionnaire = web_fixtures.client, web_fixtures.clock, web_fixtures.questionnaire


@pytest.fixture
def planned(client, questionnaire):  # type: ignore[no-untyped-def]
    client.api("/api/assessment", calm_answers(questionnaire))
    client.api("/api/plan", {})
    return client.get("/api/today").json()["sessions"][0]["id"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"minutes": "ten"}, "minutes"),
        ({"minutes": "9999"}, "minutes"),
        ({"pain_before": "11"}, "pain_before"),
        ({"pain_after": "-1"}, "pain_after"),
        ({"session_date": "31/12/2026"}, "session_date"),
        ({"notes": "x" * 3000}, "notes"),
    ],
)
def test_log_form_errors_sit_next_to_the_field_with_values_kept(client, planned, data, field):
    response = client.form("/log/session", data)
    assert response.status_code == 422
    assert field in field_errors(response.text)
    assert client.get("/api/logs").json() == []


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "hip_angle", "value": "12"}, "side"),
        ({"kind": "pain", "value": "eleven"}, "value"),
        ({"kind": "pain", "value": "nan"}, "value"),
        ({"kind": "weight", "value": "70"}, "kind"),
        ({"kind": "self_test", "value": "0.5", "side": "left"}, "value"),
    ],
)
def test_measurement_form_errors(client, data, field):
    response = client.form("/log/measurement", data)
    assert response.status_code == 422 and field in field_errors(response.text)
    assert f'value="{data["value"]}"' in response.text


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (
            {"minutes_per_day": "99", "strength_days_per_week": "2", "level": "beginner"},
            "minutes_per_day",
        ),
        (
            {"minutes_per_day": "10", "strength_days_per_week": "x", "level": "beginner"},
            "strength_days_per_week",
        ),
        ({"minutes_per_day": "10", "strength_days_per_week": "2", "level": "guru"}, "level"),
        (
            {
                "minutes_per_day": "10",
                "strength_days_per_week": "2",
                "level": "beginner",
                "preferred_time": "25:99",
                "preferred_days": ["mon"],
            },
            "preferred_time",
        ),
    ],
)
def test_settings_errors(client, data, field):
    response = client.form("/settings", data)
    assert response.status_code == 422 and field in field_errors(response.text)


@pytest.mark.parametrize(
    "body",
    [
        {"events": [{"kind": "jump", "at": 1}]},
        {"events": [{"kind": "pause", "at": -1}]},
        {"events": [{"kind": "pause", "at": 9}, {"kind": "resume", "at": 3}]},
        {"events": [{"kind": "hurts", "at": 2}]},
        {"events": [{"kind": "hurts", "at": 2, "pain": 42}]},
        {"events": [], "now": 1e12},
        {"events": "lots"},
        {"events": [{"kind": "pause", "at": 1}] * 2001},
    ],
)
def test_player_api_rejects_bad_actions(client, planned, body):
    response = client.api(f"/api/sessions/{planned}/view", body)
    assert response.status_code == 422 and response.json()["message"]


def test_saving_a_session_checks_ratings_and_writes_nothing_on_error(client, planned):
    response = client.api(f"/api/sessions/{planned}/log", {"now": 10, "pain_before": 12})
    assert response.status_code == 422
    assert client.get("/api/logs").json() == []


def test_unknown_session_is_404_everywhere(client, planned):
    assert client.get("/session/w9-1999-01-01").status_code == 404
    assert client.get("/api/sessions/nope/timeline").status_code == 404
    assert client.api("/api/sessions/nope/view", {"events": []}).status_code == 404


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/api/logs", {"minutes": "many"}),
        ("POST", "/api/logs", {"session_date": "yesterday"}),
        ("POST", "/api/measurements", {"kind": "hip_angle", "value": 5}),
        ("PUT", "/api/preferences", {"minutes_per_day": 0, "level": "guru"}),
        ("POST", "/api/plan", {"equipment": ["trampoline"]}),
        ("POST", "/api/import", {"format": "psoas-export", "people": "everyone"}),
        ("POST", "/api/logs/nope/next-morning", {"next_morning_pain": 3}),
        ("POST", "/api/assessment", []),
    ],
)
def test_api_bad_bodies_get_a_status_and_message(client, method, path, body):
    response = client.api(path, body, method=method)
    assert 400 <= response.status_code < 500, response.text
    assert response.json()["message"]


def test_malformed_json_and_form_bodies_are_4xx(client):
    client.refresh_token()
    headers = {"X-CSRF-Token": client.token, "Content-Type": "application/json"}
    assert client.post("/api/logs", content=b"{not json", headers=headers).status_code == 422
    infinite = b'{"kind": "pain", "value": Infinity}'
    response = client.post("/api/measurements", content=infinite, headers=headers)
    assert response.status_code == 422 and client.get("/api/measurements").json() == []
    upload = client.form("/settings/import", {}, files={"file": ("x.json", b"\xff\xfe garbage")})
    assert upload.status_code == 422 and "file" in field_errors(upload.text)


def test_review_before_the_first_week_ends_explains_why(client, planned):
    response = client.form("/plan/review", {})
    assert response.status_code == 422 and "first week" in response.text


def test_delete_needs_the_word(client):
    response = client.form("/settings/delete", {"confirm": "yes please"})
    assert response.status_code == 422 and "confirm" in field_errors(response.text)


def test_garbage_step_numbers_do_not_break_the_assessment(client):
    assert client.get("/assessment?step=999").status_code == 200
    assert client.get("/assessment?step=-5").status_code == 200
    assert client.get("/assessment?step=abc").status_code == 422
    assert client.form("/assessment", {"step": "zz"}).status_code in (200, 303, 422)
