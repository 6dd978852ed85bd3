"""Habits in `psoas progress`: the text output has a habits panel and --json a habits field."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from psoas.cli import app


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def test_progress_shows_todays_habit_ticks_in_text_and_json():
    habits = json.loads(invoke("habits", "--json").stdout)["habits"]
    assert habits, "everyone gets the general habits before an assessment"
    ticked = invoke("habits", "--tick", habits[0]["id"])
    assert ticked.exit_code == 0, ticked.output
    data = json.loads(invoke("progress", "--json").stdout)
    assert data["habits"]["done_today"] == 1
    assert data["habits"]["total"] == len(habits)
    assert [h["id"] for h in data["habits"]["habits"]] == [h["id"] for h in habits]
    assert "week" in data and "sentences" in data  # the progress summary is unchanged
    text = invoke("progress").stdout
    assert "Daily habits" in text and f"1 of {len(habits)} habits ticked today" in text
