"""`psoas plan new|show|review` and `psoas today` end to end on a real SQLite database."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from psoas.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
START = "2026-11-23"  # a Monday


def invoke(*args: str, text: str | None = None):
    return CliRunner().invoke(app, list(args), input=text)


def assessed(example: str = "desk-worker.yaml") -> None:
    result = invoke("assess", "--answers", str(EXAMPLES / example))
    assert result.exit_code == 0, result.output


def test_new_plan_from_flags_then_show_today_and_json() -> None:
    assessed()
    made = invoke(
        "plan",
        "new",
        "--minutes",
        "12",
        "--strength-days",
        "2",
        "--equipment",
        "mat,massage_ball",
        "--level",
        "beginner",
        "--days",
        "mon,tue,wed,thu,fri,sat",
        "--start",
        START,
    )
    assert made.exit_code == 0, made.output
    assert "Week 1: Release and lengthen" in made.stdout and "Mon 23 Nov" in made.stdout

    shown = invoke("plan", "show", "--week", "3")
    assert shown.exit_code == 0, shown.output
    assert "Week 3" in shown.stdout and "Week 1" not in shown.stdout
    assert (
        "Bench-edge self-test" in shown.stdout
        and "follows your own assessment" in shown.stdout.replace("\n", " ")
    )

    document = json.loads(invoke("plan", "show", "--json").stdout)
    assert len(document["weeks"]) == 6
    assert document["preferences"]["minutes_per_day"] == 12
    for session in (s for w in document["weeks"] for s in w["sessions"] if s["kind"] != "rest"):
        assert 0.9 * 720 <= session["estimated_seconds"] <= 1.1 * 720

    today = invoke("today", "--date", START)
    assert today.exit_code == 0, today.output
    assert "Kneeling psoas stretch" in today.stdout and "Why" in today.stdout
    data = json.loads(invoke("today", "--date", START, "--json").stdout)
    assert data["session"]["date"] == START and data["reasons"]
    assert {e["id"] for e in data["exercises"]} >= {"kneeling-psoas-stretch"}
    rest = invoke("today", "--date", "2026-11-29")
    assert rest.exit_code == 0 and "Rest day" in rest.stdout


def test_plan_new_asks_for_preferences_when_told_to() -> None:
    assessed("runner.yaml")
    made = invoke(
        "plan",
        "new",
        "--ask",
        "--start",
        START,
        text="15\n3\nmat,resistance_band\nintermediate\nmon,wed,fri,sat\n",
    )
    assert made.exit_code == 0, made.output
    assert "Minutes per day" in made.stdout and "Days you can exercise" in made.stdout
    document = json.loads(invoke("plan", "show", "--json").stdout)
    assert document["preferences"]["preferred_days"] == ["mon", "wed", "fri", "sat"]
    assert document["preferences"]["strength_days_per_week"] == 3


def test_review_of_a_missed_week_repeats_it() -> None:
    assessed()
    assert invoke("plan", "new", "--start", START).exit_code == 0
    early = invoke("plan", "review", "--today", "2026-11-25")
    assert early.exit_code == 2 and "first week of your plan ends on 2026-11-29" in early.output
    reviewed = invoke("plan", "review", "--today", "2026-11-30")
    assert reviewed.exit_code == 0, reviewed.output
    assert "Review of week 1" in reviewed.stdout and "repeats" in reviewed.stdout
    document = json.loads(invoke("plan", "show", "--json").stdout)
    assert len(document["weeks"]) == 7
    again = json.loads(invoke("plan", "review", "--today", "2026-11-30", "--json").stdout)
    assert again["week_index"] == 2 and again["stop"] is False


def test_bad_preferences_give_one_line_naming_the_field() -> None:
    assessed()
    result = invoke("plan", "new", "--minutes", "0", "--equipment", "mat,trampoline")
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: --equipment: unknown trampoline")
    assert "--minutes: must be between 5 and 30" in lines[0]
    bad_date = invoke("plan", "new", "--start", "soon")
    assert bad_date.exit_code == 2 and "--start" in bad_date.output


def test_no_plan_and_urgent_referral_are_clear() -> None:
    missing = invoke("plan", "show")
    assert missing.exit_code == 3 and "psoas plan new" in missing.output
    assert invoke("today").exit_code == 3
    assessed("urgent.yaml")
    refused = invoke("plan", "new", "--start", START)
    assert refused.exit_code == 1 and "clinician" in refused.output
