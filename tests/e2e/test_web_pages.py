"""Every page renders, links its JSON twin's data, and the library filters work."""

from __future__ import annotations

import pytest
from tests.e2e import web_fixtures
from tests.e2e.web_support import calm_answers

from psoas.catalogue import load_catalogue

client, clock, questionnaire = web_fixtures.client, web_fixtures.clock, web_fixtures.questionnaire

PAGES = ("/", "/assessment", "/plan", "/log", "/progress", "/exercises", "/settings")
APIS = (
    "/api/today",
    "/api/plan",
    "/api/plan/reviews",
    "/api/logs",
    "/api/measurements",
    "/api/progress",
    "/api/exercises",
    "/api/preferences",
    "/api/assessment/questions",
    "/api/assessment/latest",
    "/api/export",
    "/api/csrf",
    "/api/health",
)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_with_landmarks_and_navigation(client, path):
    page = client.get(path)
    assert page.status_code == 200
    html = page.text
    assert '<main id="main"' in html and 'class="skip-link" href="#main"' in html
    assert '<nav aria-label="Main">' in html and "<h1" in html
    assert 'name="csrf-token"' in html and "<script>" not in html


@pytest.mark.parametrize("path", APIS)
def test_every_api_read_answers_json(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")


def test_pages_after_a_plan_exist(client, questionnaire):
    client.api("/api/assessment", calm_answers(questionnaire))
    client.api("/api/plan", {})
    for path in (*PAGES, "/assessment/result"):
        assert client.get(path).status_code == 200, path
    session_id = client.get("/api/today").json()["sessions"][0]["id"]
    assert "player-data" in client.get(f"/session/{session_id}").text
    assert client.get(f"/api/sessions/{session_id}/timeline").json()["steps"]


def test_assessment_result_redirects_before_any_assessment(client):
    response = client.get("/assessment/result", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/assessment"


def test_library_cards_show_figure_dose_steps_cautions_and_sources(client):
    catalogue = load_catalogue()
    page = client.get("/exercises").text
    assert page.count('<article class="card"') == len(catalogue)
    first = next(iter(catalogue))
    assert first.name in page and first.dose.describe() in page and "<svg" in page
    assert "Sources" in page
    detail = client.get(f"/exercises/{first.id}").text
    assert all(step in detail for step in first.steps[:2])


def test_library_filter_and_its_json_twin_agree(client):
    page = client.get("/exercises?category=strength").text
    api = client.get("/api/exercises?category=strength").json()
    assert api and all(e["category"] == "strength" for e in api)
    assert page.count('<article class="card"') == len(api)


def test_library_unknown_filter_is_shown_next_to_the_field(client):
    page = client.get("/exercises?level=expert")
    assert page.status_code == 422 and 'id="level-error"' in page.text


def test_unknown_exercise_is_a_404_page_and_json(client):
    page = client.get("/exercises/no-such-move")
    assert page.status_code == 404 and "No exercise called" in page.text
    api = client.get("/api/exercises/no-such-move")
    assert api.status_code == 404 and api.json()["status"] == 404


def test_unknown_address_is_a_404_page(client):
    page = client.get("/nowhere/at/all")
    assert page.status_code == 404 and "There is no page at this address" in page.text


def test_figure_endpoint_serves_svg(client):
    slug = next(iter(load_catalogue())).id
    svg = client.get(f"/api/exercises/{slug}/figure.svg")
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")


def test_openapi_documents_every_api_route_with_a_response_schema(client):
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/today",
        "/api/plan",
        "/api/progress",
        "/api/exercises",
        "/api/logs",
        "/api/measurements",
        "/api/preferences",
        "/api/assessment",
        "/api/sessions/{session_id}/log",
    ):
        assert path in paths, path
    assert not [p for p in paths if not p.startswith("/api/")]
    today = paths["/api/today"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert "$ref" in today


def test_settings_round_trip_and_data_export(client):
    saved = client.form(
        "/settings",
        {
            "minutes_per_day": "20",
            "strength_days_per_week": "3",
            "level": "intermediate",
            "equipment": ["mat", "resistance_band"],
            "preferred_days": ["mon", "thu"],
            "preferred_time": "07:15",
            "voice": "on",
        },
    )
    assert saved.status_code == 303
    prefs = client.get("/api/preferences").json()
    assert prefs["minutes_per_day"] == 20 and prefs["voice"] is True
    assert prefs["preferred_days"] == ["mon", "thu"]
    export = client.get("/settings/export.json")
    assert export.headers["content-disposition"].startswith("attachment")
    assert export.json()["people"]


def test_import_brings_back_an_export_and_delete_removes_everything(
    client, questionnaire, tmp_path
):
    client.api("/api/assessment", calm_answers(questionnaire))
    document = client.get("/api/export").json()
    deleted = client.form("/settings/delete", {"confirm": "DELETE"})
    assert deleted.status_code == 303
    assert client.get("/api/assessment/latest").json() is None
    imported = client.form(
        "/settings/import", {}, files={"file": ("export.json", __import__("json").dumps(document))}
    )
    assert imported.status_code == 200 and "Import finished" in imported.text
    assert client.get("/api/assessment/latest").json() is not None


def test_measurement_and_done_elsewhere_logging(client, questionnaire):
    client.api("/api/assessment", calm_answers(questionnaire))
    client.api("/api/plan", {})
    logged = client.form("/log/session", {"minutes": "15", "pain_before": "3", "pain_after": "2"})
    assert logged.status_code == 303
    assert client.get("/api/logs").json()[-1]["pain_after"] == 2
    measured = client.form("/log/measurement", {"kind": "hip_angle", "value": "8", "side": "left"})
    assert measured.status_code == 303
    assert any(
        m["kind"] == "hip_angle" and m["value"] == 8 for m in client.get("/api/measurements").json()
    )
    assert "Hip angle by side" in client.get("/progress").text
