"""The habit checklist over HTTP: the page and its JSON twin, ticks and streaks, bad input, and
habits in progress and on the home page."""

from __future__ import annotations

import pytest
from tests.e2e import web_fixtures
from tests.e2e.web_support import calm_answers

client, clock, questionnaire = web_fixtures.client, web_fixtures.clock, web_fixtures.questionnaire


@pytest.fixture
def desk_worker(client, questionnaire):  # type: ignore[no-untyped-def]
    answers = calm_answers(questionnaire, sitting_hours=9, desk_setup="sitting_desk")
    assert client.api("/api/assessment", answers).status_code == 201
    return [h["id"] for h in client.get("/api/habits").json()["habits"]]


def test_the_checklist_is_chosen_by_the_answers_and_shows_why_and_source(client, desk_worker):
    assert "move-every-half-hour" in desk_worker and "supported-seat" in desk_worker
    html = client.get("/habits").text
    assert html.count('action="/habits"') == len(desk_worker)
    assert "Why, and the source" in html and "Dunstan" in html
    assert "(backed by a study or guideline)" in html
    assert "(practical advice, not tested in a trial)" in html and "[unconfirmed" not in html
    body = client.get("/api/habits").json()
    first = body["habits"][0]
    assert {"why", "source", "strength", "done_today", "days_last_7"} <= set(first)
    assert body["progress"]["total"] == len(desk_worker)


def test_ticking_with_the_form_counts_today_and_the_streak(client, clock, desk_worker):
    for habit in desk_worker:
        response = client.form("/habits", {"habit": habit, "done": "on"})
        assert response.status_code == 303
    page = client.get("/habits?saved=1").text
    assert page.count("Done today") == len(desk_worker) and "Saved." in page
    progress = client.get("/api/habits").json()["progress"]
    assert progress["done_today"] == len(desk_worker) and progress["streak_days"] == 1
    clock.advance(24 * 3600)
    client.api("/api/habits", {"habit_id": desk_worker[0]})
    progress = client.get("/api/habits").json()["progress"]
    assert progress["done_today"] == 1 and progress["streak_days"] == 1  # today is not over
    days = {h["id"]: h["days_last_7"] for h in progress["habits"]}
    assert days[desk_worker[0]] == 2 and days[desk_worker[1]] == 1


def test_untick_with_the_form_and_the_api(client, desk_worker):
    habit = desk_worker[0]
    client.form("/habits", {"habit": habit, "done": "on"})
    client.form("/habits", {"habit": habit, "done": "off"})
    assert client.get("/api/habits").json()["progress"]["done_today"] == 0
    ticked = client.api("/api/habits", {"habit_id": habit, "done": True}).json()
    assert ticked["progress"]["done_today"] == 1
    unticked = client.api("/api/habits", {"habit_id": habit, "done": False}).json()
    assert unticked["progress"]["done_today"] == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"habit_id": "fly-to-the-moon"}, "habit_id"),
        ({"habit_id": "move-every-half-hour", "day": "2026-11-24"}, "day"),
        ({"habit_id": "move-every-half-hour", "day": "2026-01-01"}, "day"),
        ({"habit_id": "move-every-half-hour", "day": "soon"}, "day"),
        ({"habit_id": "x" * 200}, "habit_id"),
        ({}, "habit_id"),
    ],
)
def test_bad_ticks_are_refused_with_the_field_named(client, desk_worker, body, field):
    response = client.api("/api/habits", body)
    assert response.status_code == 422
    assert field in {p["field"] for p in response.json()["problems"]}
    assert client.get("/api/habits").json()["progress"]["done_today"] == 0


@pytest.mark.parametrize(
    "data",
    [{"habit": "fly-to-the-moon"}, {"habit": "supported-seat", "day": "31/12/2026"}, {}],
)
def test_bad_form_ticks_show_the_page_with_the_problem(client, desk_worker, data):
    response = client.form("/habits", data)
    assert response.status_code == 422
    assert (
        'class="banner banner-danger"' in response.text and "<h1>Daily habits</h1>" in response.text
    )


def test_ticks_need_the_csrf_token(client, desk_worker):
    client.refresh_token()
    assert client.post("/habits", data={"habit": desk_worker[0]}).status_code == 403
    assert client.post("/api/habits", json={"habit_id": desk_worker[0]}).status_code == 403
    assert client.get("/api/habits").json()["progress"]["done_today"] == 0


def test_habits_appear_in_progress_and_on_the_home_page(client, desk_worker):
    client.api("/api/habits", {"habit_id": desk_worker[0]})
    progress = client.get("/api/progress").json()
    assert progress["habits"]["done_today"] == 1
    assert progress["habits"]["total"] == len(desk_worker)
    assert "week" in progress  # the progress summary is unchanged around it
    page = client.get("/progress").text
    assert 'id="habits-summary-title"' in page and f"1 of {len(desk_worker)} habits ticked" in page
    home = client.get("/").text
    assert f"1/{len(desk_worker)}</span> habits today" in home


def test_before_an_assessment_everyone_gets_the_general_habits(client):
    body = client.get("/api/habits").json()
    assert body["habits"] and body["progress"]["streak_days"] == 0
    assert client.get("/habits").status_code == 200
