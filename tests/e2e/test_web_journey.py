"""HTTP journeys through the web app: assessment -> plan -> session -> logs -> progress, and the
referral paths. Real SQLite, real catalogue, questions and rules; a fake clock."""

from __future__ import annotations

import re

from tests.e2e import web_fixtures
from tests.e2e.web_support import calm_answers, field_errors, walk_assessment

client, clock, questionnaire = web_fixtures.client, web_fixtures.clock, web_fixtures.questionnaire


def _session_id(html: str) -> str:
    found = re.findall(r'href="/session/([^"?]+)"', html)
    assert found, "no session link on the page"
    return found[0]


def test_new_person_goes_from_assessment_to_progress(client, questionnaire, clock):
    assert "Start the assessment" in client.get("/").text
    walk_assessment(client, questionnaire)
    result = client.get("/assessment/result").text
    assert "You can start" in result and "Findings" in result
    made = client.form(
        "/plan/new",
        {
            "minutes_per_day": "12",
            "strength_days_per_week": "2",
            "level": "beginner",
            "equipment": ["mat"],
            "preferred_days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        },
    )
    assert made.status_code == 303, field_errors(made.text)
    plan_page = client.get("/plan").text
    assert "Week of" in plan_page and 'aria-current="date"' in plan_page
    home = client.get("/").text
    session_id = _session_id(home)
    assert "Start session" in home and "min" in home
    assert client.get(f"/session/{session_id}").status_code == 200
    timeline = client.get(f"/api/sessions/{session_id}/timeline").json()
    total = sum(step["seconds"] for step in timeline["steps"])
    saved = client.api(
        f"/api/sessions/{session_id}/log",
        {
            "events": [{"kind": "pause", "at": 12}, {"kind": "resume", "at": 20}],
            "now": total + 8 + 1,
            "pain_before": 3,
            "pain_after": 2,
            "effort": 4,
        },
    )
    assert saved.status_code == 201, saved.text
    log = saved.json()["log"]
    assert log["completed"] and log["pain_before"] == 3 and log["sets"]
    assert all(not s["skipped"] for s in log["sets"])
    assert "Session complete" in saved.json()["summary"]
    progress = client.get("/api/progress").json()
    assert progress["overall"]["done"] == 1
    assert "Done today" in client.get("/").text
    clock.advance(24 * 3600)
    home = client.get("/").text
    assert "How does it feel this morning" in home
    log_id = re.search(r'name="log_id" value="([^"]+)"', home).group(1)
    answered = client.form("/log/next-morning", {"log_id": log_id, "next_morning_pain": "1"})
    assert answered.status_code == 303
    assert client.get("/api/logs").json()[0]["next_morning_pain"] == 1
    assert "How does it feel this morning" not in client.get("/").text


def test_urgent_referral_offers_no_plan(client, questionnaire):
    walk_assessment(client, questionnaire, bladder_bowel=True)
    result = client.get("/assessment/result").text
    assert "Go to an emergency department now" in result  # a cauda equina sign: emergency first
    assert result.count('role="alert"') == 1  # one calm message, not repeated
    assert "Go to my plan" not in result and "Make my plan" not in result
    home = client.get("/").text
    assert "banner-danger" in home and "Go to an emergency department now" in home
    assert home.count('role="alert"') == 1 and "Start session" not in home
    plan_page = client.get("/plan").text
    assert "Make my plan" not in plan_page
    refused = client.api("/api/plan", {})
    assert refused.status_code in (409, 422)
    assert refused.json()["message"]
    assert client.get("/api/plan").json() is None


def test_see_clinician_needs_confirmed_clearance(client, questionnaire):
    walk_assessment(client, questionnaire, fever_or_unwell=True)
    result = client.get("/assessment/result").text
    assert "Please see a clinician before you start" in result
    assert "Book an appointment" in result
    unticked = client.form("/assessment/clearance", {})
    assert unticked.status_code == 422 and "confirm" in field_errors(unticked.text)
    assert client.form("/assessment/clearance", {"confirm": "on"}).status_code == 303
    assert "You confirmed a clinician cleared you" in client.get("/assessment/result").text
    assert client.api("/api/plan", {}).status_code == 201


def test_assessment_answers_survive_a_reload_and_going_back(client):
    first = client.form("/assessment", {"step": "0", "age": "52", "action": "next"})
    assert first.status_code == 303
    assert 'value="52"' in client.get("/assessment?step=0").text
    client.form("/assessment", {"step": "1", "bladder_bowel": "no", "action": "back"})
    again = client.get("/assessment?step=1").text
    assert re.search(r'name="bladder_bowel" value="no" checked', again)


def test_assessment_step_shows_errors_next_to_fields_with_values_kept(client):
    page = client.form("/assessment", {"step": "0", "age": "7000", "action": "next"})
    assert page.status_code == 422
    assert "age" in field_errors(page.text)
    assert 'value="7000"' in page.text


def test_steroid_question_is_asked_without_a_fall(client, questionnaire):
    """Long-term steroid use is a fracture warning sign in itself, so it is never a follow-up."""
    answers = calm_answers(questionnaire)
    client.form("/assessment", {"step": "0", "age": "40", "action": "next"})
    names = (
        "bladder_bowel",
        "saddle_numbness",
        "leg_weakness",
        "fever_or_unwell",
        "weight_loss",
        "cancer_history",
        "night_pain",
        "pain_is_new",
        "no_improvement_month",
        "thigh_nerve_symptoms",
    )
    data = {n: "no" for n in names if n in answers}
    page = client.form(
        "/assessment", {**data, "recent_fall": "none", "step": "1", "action": "next"}
    )
    assert page.status_code == 422 and 'name="long_term_steroids"' in page.text
    assert "long_term_steroids" in field_errors(page.text)


def test_api_assessment_names_each_bad_answer(client):
    bad = client.api("/api/assessment", {"age": "old", "nonsense": 1})
    assert bad.status_code == 422
    fields = {p["field"] for p in bad.json()["problems"]}
    assert {"age", "nonsense"} <= fields


def test_player_pain_above_five_offers_stop_and_records_it(client, questionnaire):
    client.api("/api/assessment", calm_answers(questionnaire))
    assert client.api("/api/plan", {}).status_code == 201
    session_id = client.get("/api/today").json()["sessions"][0]["id"]
    view = client.api(
        f"/api/sessions/{session_id}/view",
        {
            "events": [{"kind": "hurts", "at": 15, "pain": 7}],
            "now": 16,
        },
    ).json()
    assert view["status"] == "pain_choice" and view["advice"]["over_limit"]
    stopped = client.api(
        f"/api/sessions/{session_id}/view",
        {
            "events": [{"kind": "hurts", "at": 15, "pain": 7}, {"kind": "stop", "at": 17}],
            "now": 18,
        },
    ).json()
    assert stopped["status"] == "running" and stopped["steps"][stopped["index"]]["item"] == 1
    saved = client.api(
        f"/api/sessions/{session_id}/log",
        {
            "events": [
                {"kind": "hurts", "at": 15, "pain": 7},
                {"kind": "stop", "at": 17},
                {"kind": "quit", "at": 30},
            ],
            "now": 30,
            "pain_before": 2,
        },
    ).json()["log"]
    assert saved["pain_during"] == 7 and not saved["completed"]
    assert {e["kind"] for e in saved["events"]} >= {"stopped_for_pain", "quit_early"}


def test_a_pregnancy_warning_sign_says_midwife_today_on_every_page(client, questionnaire):
    walk_assessment(
        client,
        questionnaire,
        pregnant=True,
        pregnancy_trimester="second",
        pregnancy_warning_signs=["dizziness"],
        pregnancy_complications=False,
    )
    result = client.get("/assessment/result").text
    home = client.get("/").text
    for page in (result, home):
        assert "Stop exercising and contact your midwife or doctor today" in page
        assert "Book an appointment" not in page
    assert "plan starts with release" not in result and "keeps it that way" not in result


def test_the_headline_has_a_json_twin(client, questionnaire):
    assert client.get("/api/assessment/headline").json() is None
    walk_assessment(client, questionnaire, saddle_numbness=True)
    top = client.get("/api/assessment/headline").json()
    assert top["care"] == "emergency" and top["title"] == "Go to an emergency department now"
    assert top["plan_allowed"] is False
