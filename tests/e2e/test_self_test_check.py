"""A thigh answer and a measured angle that contradict each other: the CLI (typed and from a
file) and the web (form step and JSON) refuse them calmly, naming the angle, with no traceback
and nothing saved."""

from __future__ import annotations

import re
from typing import Any

import yaml
from tests.e2e import web_fixtures
from tests.e2e.test_assess_cli import QUESTIONNAIRE, example, invoke, script_for, show_json
from tests.e2e.web_support import calm_answers, field_errors, form_value

client, clock, questionnaire = web_fixtures.client, web_fixtures.clock, web_fixtures.questionnaire


def test_typed_contradicting_angle_is_re_asked_and_the_fitting_one_saved():
    answers = example("desk-worker.yaml")  # left thigh above, measured 6 degrees
    lines = script_for(answers)
    position = asked_ids(answers).index("left_hip_angle")
    assert lines[position] == "6"
    lines[position : position + 1] = ["-20", "6"]
    result = invoke("assess", lines=lines)
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())  # Rich wraps long lines
    assert "That does not quite fit: -20 degrees puts the left thigh below the bench line" in out
    assert "left_thigh says 'above'" in out and "Traceback" not in out
    assert show_json()["answers"]["left_hip_angle"] == 6


def asked_ids(answers: dict[str, Any]) -> list[str]:
    """The ids of the questions asked, in order (the lines of ``script_for``)."""
    given: dict[str, Any] = {}
    asked = []
    for question in QUESTIONNAIRE:
        if question.applies(given):
            asked.append(question.id)
            if answers.get(question.id) is not None:
                given[question.id] = answers[question.id]
    return asked


def test_answers_file_with_a_contradicting_pair_fails_with_one_line_and_saves_nothing(tmp_path):
    answers = example("runner.yaml") | {"right_thigh": "below", "right_hip_angle": 12}
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(answers), encoding="utf-8")
    result = invoke("assess", "--answers", str(path))
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1 and errors[0].startswith("Error: right_hip_angle: 12 degrees")
    assert "right_thigh says 'below'" in errors[0]
    assert "Traceback" not in result.output
    assert invoke("assess", "show").exit_code == 3


def _side_questions_shown(html: str) -> bool:
    """The per-side questions are on the page and not waiting hidden for 'can you do it'."""
    found = re.search(
        r'<div class="q-wrap"([^>]*)>\s*<div class="field question">\s*<label for="q-left_hip_angle"',
        html,
    )
    return bool(found) and "hidden" not in found.group(1)


def _walk_to_self_test(client, answers):  # type: ignore[no-untyped-def]
    """Submit each step with ``answers`` until the self-test step is shown; return that page."""
    response = client.get("/assessment")
    for _ in range(20):
        if _side_questions_shown(response.text):
            return response
        step = re.search(r'name="step" value="(\d+)"', response.text).group(1)
        names = set(re.findall(r'name="([a-z_0-9]+)"', response.text))
        data = {n: form_value(answers[n]) for n in names if n in answers}
        response = client.form("/assessment", {**data, "step": step, "action": "next"})
        assert response.status_code in (200, 303), field_errors(response.text)
        if response.status_code == 303:
            response = client.get(response.headers["location"])
    raise AssertionError("never reached the self-test step")


def test_web_step_shows_the_message_next_to_the_angle_and_keeps_the_values(client, questionnaire):
    answers = calm_answers(questionnaire)
    page = _walk_to_self_test(client, answers)
    step = re.search(r'name="step" value="(\d+)"', page.text).group(1)
    names = set(re.findall(r'name="([a-z_0-9]+)"', page.text))
    data = {n: form_value(answers[n]) for n in names if n in answers}
    data |= {"left_thigh": "above", "left_hip_angle": "-20"}
    refused = client.form("/assessment", {**data, "step": step, "action": "next"})
    assert refused.status_code == 422
    errors = field_errors(refused.text)
    assert list(errors) == ["left_hip_angle"]
    assert "below the bench line" in errors["left_hip_angle"]
    assert "left_thigh says &#39;above&#39;" in errors["left_hip_angle"]
    assert 'value="-20"' in refused.text and "Traceback" not in refused.text
    fixed = client.form(
        "/assessment", {**data, "left_hip_angle": "7", "step": step, "action": "next"}
    )
    assert fixed.status_code == 303, field_errors(fixed.text)


def test_api_assessment_names_the_contradicting_angle(client, questionnaire):
    answers = calm_answers(questionnaire, left_thigh="level", left_hip_angle=14)
    refused = client.api("/api/assessment", answers)
    assert refused.status_code == 422
    problems = refused.json()["problems"]
    assert [p["field"] for p in problems] == ["left_hip_angle"]
    assert client.get("/api/assessment/latest").json() is None
    assert client.api("/api/assessment", calm_answers(questionnaire)).status_code == 201
