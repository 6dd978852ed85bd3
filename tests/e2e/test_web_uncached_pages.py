"""Today, its JSON twin and progress show every write at once, whichever page was read before:
the pages read their records in one transaction (no view of an older write survives it), and
the charts and thumbnails built from fixed data stay those of the person's own records."""

from __future__ import annotations

from tests.e2e import web_fixtures
from tests.e2e.web_support import calm_answers

client, clock, questionnaire = web_fixtures.client, web_fixtures.clock, web_fixtures.questionnaire


def _read_every_page(client):  # type: ignore[no-untyped-def]
    return client.get("/").text, client.get("/api/today").json(), client.get("/progress").text


def test_each_write_shows_at_once_on_today_and_progress(client, clock, questionnaire):
    answers = calm_answers(questionnaire, sitting_hours=9, desk_setup="sitting_desk")
    assert client.api("/api/assessment", answers).status_code == 201
    assert client.api("/api/plan", {}).status_code < 300
    habits = [h["id"] for h in client.get("/api/habits").json()["habits"]]
    home, _, _ = _read_every_page(client)
    assert f"0/{len(habits)}</span> habits today" in home

    client.api("/api/habits", {"habit_id": habits[0]})
    home, _, _ = _read_every_page(client)
    assert f"1/{len(habits)}</span> habits today" in home

    assert client.api("/api/measurements", {"kind": "pain", "value": 2}).status_code == 201
    clock.advance(24 * 3600)
    _read_every_page(client)
    assert client.api("/api/measurements", {"kind": "pain", "value": 6}).status_code == 201
    home, today_json, progress = _read_every_page(client)
    assert " to 6 out of 10" in home and " to 6 out of 10" in progress  # from the first day
    assert " to 6 out of 10" in today_json["pain_trend"]

    assert client.api("/api/measurements", {"kind": "pain", "value": 3}).status_code == 201
    home, today_json, progress = _read_every_page(client)  # today's mean: (6 + 3) / 2
    assert " to 4.5 out of 10" in home and " to 4.5 out of 10" in progress
    assert " to 4.5 out of 10" in today_json["pain_trend"]
    assert " to 6 out of 10" not in home + progress + today_json["pain_trend"]
