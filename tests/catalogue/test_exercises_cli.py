"""`psoas exercises list|show` over the real packaged catalogue."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from psoas.cli import app
from psoas.cli import exercises as exercises_cli

runner = CliRunner()


def run_psoas(*args: str) -> subprocess.CompletedProcess[str]:
    """The real entry point (python -m psoas), so errors go through the CLI's error edge."""
    return subprocess.run(
        [sys.executable, "-m", "psoas", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def list_json(*filters: str) -> list[dict]:
    result = runner.invoke(app, ["exercises", "list", "--json", *filters])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_list_shows_a_table_of_the_catalogue(monkeypatch):
    # Rich sizes the table to the terminal; give it a wide one so slugs are not wrapped.
    monkeypatch.setattr(exercises_cli.console, "width", 220)
    result = runner.invoke(app, ["exercises", "list", "--category", "stretch"])
    assert result.exit_code == 0
    stretches = list_json("--category", "stretch")
    assert f"{len(stretches)} exercises" in result.stdout
    for item in stretches:
        assert item["id"] in result.stdout
        assert item["name"] in result.stdout
    assert "glute-bridge" not in result.stdout


def test_list_json_returns_every_exercise():
    items = list_json()
    slugs = {item["id"] for item in items}
    assert {"couch-stretch", "psoas-march", "bench-edge-hang"} <= slugs
    assert len(items) >= 30


@pytest.mark.parametrize(
    ("option", "value", "check"),
    [
        ("--category", "release", lambda e: e["category"] == "release"),
        ("--equipment", "resistance_band", lambda e: "resistance_band" in e["equipment"]),
        ("--position", "half-kneeling", lambda e: e["position"] == "half_kneeling"),
        ("--level", "advanced", lambda e: e["level"] == "advanced"),
        ("--muscle", "iliopsoas", lambda e: "iliopsoas" in e["muscles"]),
    ],
)
def test_list_filters(option, value, check):
    items = list_json(option, value)
    assert items, f"{option} {value} matched nothing"
    assert all(check(e) for e in items)
    assert len(items) < len(list_json())


def test_filters_combine():
    items = list_json("--category", "stretch", "--position", "standing")
    assert {e["id"] for e in items} >= {"standing-hip-flexor-stretch", "hip-flexor-quad-stretch"}
    assert all(e["category"] == "stretch" and e["position"] == "standing" for e in items)


def test_bad_filter_value_is_one_line_with_a_suggestion():
    result = run_psoas("exercises", "list", "--category", "strech")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "--category" in lines[0] and "'stretch'" in lines[0]
    assert "Traceback" not in result.stderr


def test_show_prints_a_card_with_dose_steps_and_sources(monkeypatch):
    monkeypatch.setattr(exercises_cli.console, "width", 220)
    result = runner.invoke(app, ["exercises", "show", "couch-stretch"])
    assert result.exit_code == 0
    out = result.stdout
    assert "Couch stretch" in out
    assert "2 x 30 s each side" in out
    assert "Steps" in out and "1. " in out
    assert "Cautions" in out and "hip replacement anterior" in out
    assert "Sources" in out and "Know Your Psoas Muscles" in out


def test_show_json_is_the_full_entry():
    result = runner.invoke(app, ["exercises", "show", "psoas-march", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["id"] == "psoas-march"
    assert data["dose"]["reps"] == 8 and data["dose"]["per_side"] is True
    assert data["easier"] == ["dead-bug", "straight-leg-raise"]
    assert data["poses"]


def test_unknown_slug_is_one_line_with_the_closest_slugs():
    result = run_psoas("exercises", "show", "glute-brige")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "glute-brige" in lines[0] and "glute-bridge" in lines[0]
    assert "Traceback" not in result.stderr
