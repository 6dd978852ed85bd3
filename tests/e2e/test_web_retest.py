"""The re-test day's self-test on the web: the player page shows the guided step and its JSON
API records both sides as measurements; bad readings name their fields and save nothing."""

from __future__ import annotations

from tests.e2e.retest_support import seed_retest_plan, self_test_measurements
from tests.e2e.web_fixtures import client, clock  # noqa: F401 (fixtures)


def _ctx(web):  # type: ignore[no-untyped-def]
    return web.app.state.context


def test_the_player_page_shows_set_up_then_left_then_right(client):  # noqa: F811
    session_id = seed_retest_plan(_ctx(client))
    page = client.get(f"/session/{session_id}").text
    assert 'id="self-test"' in page and "/static/self_test.js" in page
    assert page.index("Set up") < page.index("Left side") < page.index("Right side")
    assert 'name="left_thigh" value="above"' in page and 'name="right_hip_angle"' in page


def test_the_api_records_both_sides(client):  # noqa: F811
    session_id = seed_retest_plan(_ctx(client))
    body = {"left_thigh": "above", "left_hip_angle": 6, "right_thigh": "below"}
    saved = client.api(f"/api/sessions/{session_id}/self-test", body)
    assert saved.status_code == 201, saved.text
    assert "Left thigh: above the bench line, hip angle +6°." in saved.json()["summary"]
    assert len(saved.json()["measurements"]) == 3
    assert self_test_measurements(_ctx(client)) == {
        ("self_test", "left", 1.0),
        ("hip_angle", "left", 6.0),
        ("self_test", "right", -1.0),
    }


def test_bad_readings_name_their_fields_and_save_nothing(client):  # noqa: F811
    session_id = seed_retest_plan(_ctx(client))
    body = {"left_thigh": "above", "left_hip_angle": -25, "right_thigh": "sideways"}
    refused = client.api(f"/api/sessions/{session_id}/self-test", body)
    assert refused.status_code == 422
    fields = {p["field"] for p in refused.json()["problems"]}
    assert fields == {"left_hip_angle", "right_thigh"}
    assert "-25 degrees puts the left thigh below the bench line" in refused.text
    assert self_test_measurements(_ctx(client)) == set()
    wrong_type = client.api(f"/api/sessions/{session_id}/self-test", {"left_hip_angle": "x"})
    assert wrong_type.status_code == 422 and self_test_measurements(_ctx(client)) == set()


def test_a_day_without_the_self_test_refuses_it_clearly(client):  # noqa: F811
    session_id = seed_retest_plan(_ctx(client), self_test=False)
    assert 'id="self-test"' not in client.get(f"/session/{session_id}").text
    refused = client.api(f"/api/sessions/{session_id}/self-test", {"left_thigh": "above"})
    assert refused.status_code == 404
    assert "no self-test" in refused.json()["message"]
    missing = client.api("/api/sessions/no-such-session/self-test", {"left_thigh": "above"})
    assert missing.status_code == 404
