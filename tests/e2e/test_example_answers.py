"""The answer files in docs/examples describe the same people on any day they are run: none
holds a calendar date (a fixed surgery date would slowly age the hip-replacement example past
the 12-week rule), and each screens the same today as years from now."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from psoas.catalogue.questions import load_questionnaire
from psoas.catalogue.rules import load_rules
from psoas.cli import app
from psoas.domain.screening.engine import screen
from psoas.domain.screening.questions import AnswerType

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
QUESTIONNAIRE = load_questionnaire()
RULES = load_rules()
NAMES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))
DAYS = [date(2026, 11, 21), date(2026, 12, 25), date(2027, 6, 1), date(2031, 2, 28)]


def example(name: str) -> dict[str, Any]:
    return yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))


def summary(answers: dict[str, Any], today: date) -> tuple[Any, ...]:
    _, result = screen(answers, QUESTIONNAIRE, RULES, today)
    return result.triage, result.profile, result.cautions, [f.rule_id for f in result.findings]


@pytest.mark.parametrize("name", NAMES)
def test_no_example_holds_a_calendar_date(name):
    dates = [q.id for q in QUESTIONNAIRE if q.type == AnswerType.DATE]
    fixed = {k: v for k, v in example(name).items() if k in dates and "ago" not in str(v)}
    assert fixed == {}, f"{name}: give dates as a time ago ('8 weeks ago'), not {fixed}"


@pytest.mark.parametrize("name", NAMES)
def test_each_example_screens_the_same_on_any_day(name):
    answers = example(name)
    results = {day: summary(answers, day) for day in DAYS}
    assert len(set(map(repr, results.values()))) == 1, results


@pytest.mark.parametrize("today", DAYS)
def test_hip_replacement_example_stays_eight_weeks_after_surgery(today):
    clean, result = screen(example("hip-replacement.yaml"), QUESTIONNAIRE, RULES, today)
    assert clean["hip_replacement_date"] == (today - timedelta(weeks=8)).isoformat()
    assert result.triage.value == "see_clinician"
    assert "hip_replacement_recent" in [f.rule_id for f in result.findings]
    assert {c.value for c in result.cautions} >= {
        "hip_replacement_anterior",
        "poor_balance",
        "recent_surgery_or_injury",
    }


def test_hip_replacement_example_through_the_cli_on_the_real_clock():
    result = CliRunner().invoke(
        app, ["assess", "--answers", str(EXAMPLES / "hip-replacement.yaml"), "--json"]
    )
    assert result.exit_code == 0, result.output
    saved = json.loads(result.stdout)
    assert saved["result"]["triage"] == "see_clinician"
    taken = date.fromisoformat(saved["taken_at"][:10])
    operated = date.fromisoformat(saved["answers"]["hip_replacement_date"])
    assert 55 <= (taken - operated).days <= 57  # eight weeks, give or take a time-zone day
