"""`psoas assess` end to end: the interactive flow driven by scripted input, answer files,
the question list, `show` and `clear`, with a real SQLite database per test."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from psoas.catalogue.questions import load_questionnaire
from psoas.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
QUESTIONNAIRE = load_questionnaire()


def typed(value: Any) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, list):
        return ",".join(value)
    return "" if value is None else str(value)


def script_for(answers: dict[str, Any]) -> list[str]:
    """The lines a person would type, in question order, following the conditions."""
    lines, given = [], {}
    for question in QUESTIONNAIRE:
        if not question.applies(given):
            continue
        value = answers.get(question.id)
        lines.append(typed(value))
        if value is not None:
            given[question.id] = value
    return lines


def example(name: str) -> dict[str, Any]:
    return yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))


def invoke(*args: str, lines: list[str] | None = None):
    text = "\n".join(lines) + "\n" if lines is not None else None
    return CliRunner().invoke(app, list(args), input=text)


def show_json() -> dict[str, Any]:
    result = invoke("assess", "show", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_interactive_flow_with_help_back_and_a_calm_re_ask():
    lines = script_for(example("desk-worker.yaml"))
    # Q1 age: first a typo answer that is re-asked, then 30; at Q2 ask for help, then go back
    # and change the age to 38 before continuing.
    lines = ["thirty", "30", "?", "b", "38", *lines[1:]]
    result = invoke("assess", lines=lines)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Question 1 of" in out and "Question 2 of" in out
    assert "That does not quite fit" in out  # "thirty"
    assert "leaking urine or stool" in out  # the help of the bladder question
    assert out.count("How old are you?") == 2  # asked again after going back
    assert "The bench-edge hang test" in out and "0 degrees means the thigh is level" in out
    assert "Left leg" in out and "Right leg" in out
    assert "You can start" in out and "Profile: tight hip flexors" in out
    saved = show_json()
    assert saved["answers"]["age"] == 38
    assert saved["result"]["triage"] == "proceed"
    assert [s["thigh"] for s in saved["result"]["sides"]] == ["above", "above"]


def test_interactive_see_clinician_asks_for_clearance_and_records_it():
    answers = example("desk-worker.yaml") | {"night_pain": True}
    result = invoke("assess", lines=[*script_for(answers), "yes"])
    assert result.exit_code == 0, result.output
    assert "Please see a clinician before you start" in result.stdout
    assert "Recorded: cleared by a clinician" in result.stdout
    assert show_json()["clinician_cleared_at"] is not None


def test_an_urgent_sign_is_named_at_once_and_the_questions_can_stop_there():
    result = invoke("assess", lines=["47", "yes", "yes"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Please seek medical care today" in out  # at once, before more questions
    assert "Go to an emergency department now" in out  # the result: the most serious finding
    assert "Change in bladder or bowel control" in out
    assert "Question 3 of" not in out and "cleared" not in out
    saved = show_json()
    assert saved["answers"] == {"age": 47, "bladder_bowel": True}
    assert saved["result"]["triage"] == "urgent_referral"


def test_after_an_urgent_sign_the_questions_can_continue():
    lines = script_for(example("urgent.yaml"))
    result = invoke("assess", lines=[*lines[:2], "no", *lines[2:]])
    assert result.exit_code == 0, result.output
    assert "Please seek medical care today" in result.stdout
    assert (
        "Quite a lot of pain today" not in result.stdout
    )  # no exercise advice on an urgent screen
    saved = show_json()
    assert saved["result"]["triage"] == "urgent_referral"
    assert saved["answers"]["preferred_time"] == "18:00"
    assert "high_pain_now" in [f["rule_id"] for f in saved["result"]["findings"]]  # kept for later


def test_stopping_early_saves_nothing():
    result = invoke("assess", lines=["40", "no"])
    assert result.exit_code == 1
    assert "nothing was saved" in result.output
    assert invoke("assess", "show").exit_code == 3


@pytest.mark.parametrize(
    ("name", "headline", "profile"),
    [
        ("desk-worker.yaml", "You can start", "tight"),
        ("runner.yaml", "You can start", "tight"),
        ("urgent.yaml", "Go to an emergency department now", "no_signs"),
    ],
)
def test_answers_file_runs_and_saves(name, headline, profile):
    result = invoke("assess", "--answers", str(EXAMPLES / name))
    assert result.exit_code == 0, result.output
    assert headline in result.stdout
    assert show_json()["result"]["profile"] == profile
    assert headline in invoke("assess", "show").stdout


def test_answers_file_as_json_with_json_output(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(example("runner.yaml")), encoding="utf-8")
    result = invoke("assess", "--answers", str(path), "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["result"]["asymmetry"] is True
    assert document["result"]["rules_version"]
    assert all(f["source"] for f in document["result"]["findings"])


def test_bad_answers_file_names_each_problem_and_saves_nothing(tmp_path):
    answers = example("desk-worker.yaml") | {
        "age": "old",
        "pain_now": 12,
        "favourite_colour": "blue",
    }
    del answers["goals"]
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(answers), encoding="utf-8")
    env = {**os.environ, "PSOAS_DATA_DIR": os.environ["PSOAS_DATA_DIR"]}
    done = subprocess.run(
        [sys.executable, "-m", "psoas", "assess", "--answers", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2
    errors = [line for line in done.stderr.splitlines() if line.startswith("Error: ")]
    assert sorted(e.split(":")[1].strip() for e in errors) == [
        "age",
        "favourite_colour",
        "goals",
        "pain_now",
    ]
    assert "nothing was saved" in done.stderr
    assert "Traceback" not in done.stderr
    assert invoke("assess", "show").exit_code == 3


@pytest.mark.parametrize(
    ("content", "message"),
    [("- just\n- a list\n", "must hold a mapping"), ("age: [unclosed\n", "not valid YAML or JSON")],
)
def test_unreadable_answers_files_fail_clearly(tmp_path, content, message):
    path = tmp_path / "answers.yaml"
    path.write_text(content, encoding="utf-8")
    result = invoke("assess", "--answers", str(path))
    assert result.exit_code == 2 and message in result.output
    missing = invoke("assess", "--answers", str(tmp_path / "nope.yaml"))
    assert missing.exit_code == 2 and "cannot read" in missing.output


def test_questions_list_as_table_and_json():
    table = invoke("assess", "--questions")
    assert table.exit_code == 0 and "bladder_bowel" in table.stdout
    document = json.loads(invoke("assess", "--questions", "--json").stdout)
    ids = [q["id"] for q in document["questions"]]
    assert ids == list(QUESTIONNAIRE.ids)
    trimester = next(q for q in document["questions"] if q["id"] == "pregnancy_trimester")
    assert trimester["when"] == {"question": "pregnant", "any_of": [True], "answered": False}
    assert document["self_test"]["setup"]


def test_clear_records_clearance_after_see_clinician(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text(
        yaml.safe_dump(example("desk-worker.yaml") | {"cancer_history": True}), encoding="utf-8"
    )
    assert invoke("assess", "--answers", str(path)).exit_code == 0
    assert show_json()["clinician_cleared_at"] is None
    result = invoke("assess", "clear", "--yes")
    assert result.exit_code == 0 and "Recorded" in result.stdout
    assert show_json()["clinician_cleared_at"] is not None
    assert "A clinician cleared you on" in invoke("assess", "show").stdout


def test_clear_refuses_an_urgent_referral():
    assert invoke("assess", "--answers", str(EXAMPLES / "urgent.yaml")).exit_code == 0
    result = invoke("assess", "clear", "--yes")
    assert result.exit_code != 0
    assert "urgent referral cannot be cleared" in str(result.exception)
    assert show_json()["clinician_cleared_at"] is None


def test_a_self_test_with_the_back_arched_says_inconclusive_re_test(tmp_path):
    answers = example("desk-worker.yaml") | {
        "symptoms": ["back_pain_stiffness"],
        "left_back_flat": False,
        "right_thigh": "level",
        "right_knee": "bent",
    }
    answers.pop("left_hip_angle", None)
    answers.pop("right_hip_angle", None)
    path = tmp_path / "arched.yaml"
    path.write_text(yaml.safe_dump(answers), encoding="utf-8")
    result = invoke("assess", "--answers", str(path))
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Profile: inconclusive, re-test" in text and "no clear signs" not in text
    assert show_json()["result"]["profile"] == "inconclusive"
