"""`psoas breaks` and `psoas habits` through the CLI, on a fresh SQLite file per test.

Most cases run the Typer app in-process (fast); one runs the installed entry point in a
subprocess to prove that a bad value gives one line and no traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass

import pytest
from typer.testing import CliRunner

from psoas.cli import app
from psoas.cli.errors import exit_code_for, person_message
from psoas.domain.errors import PsoasError

PSOAS = [sys.executable, "-m", "psoas"]


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture(autouse=True)
def _no_desktop(monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)


def run(*args: str, env: dict | None = None) -> Result:
    """Run the CLI in-process; a PsoasError becomes its one-line message and exit code."""
    result = CliRunner(env=env).invoke(app, list(args))
    if isinstance(result.exception, PsoasError):
        message = person_message(result.exception)
        return Result(exit_code_for(result.exception), result.stdout, f"Error: {message}")
    return Result(result.exit_code, result.stdout, result.stderr)


def test_turn_breaks_on_and_see_the_status_as_json():
    on = run(
        "breaks",
        "on",
        "--interval",
        "45",
        "--start",
        "08:30",
        "--end",
        "16:30",
        "--quiet",
        "12:00-12:45",
        "--session-at",
        "18:00",
    )
    assert on.returncode == 0, on.stderr
    assert "every 45 min, 08:30-16:30" in on.stdout and "12:00-12:45" in on.stdout
    status = run("breaks", "status", "--json")
    data = json.loads(status.stdout)
    assert data["settings"]["enabled"] is True and data["settings"]["interval_minutes"] == 45
    assert data["next"]["kind"] in {"break", "session"}
    assert set(data["today"]) == {"due", "taken", "snoozed", "skipped", "missed"}


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--interval", "5"], "--interval: must be between 20 and 60"),
        (["--start", "nine"], "start: 'nine' is not a time"),
        (["--quiet", "1300"], "--quiet: '1300' is not a period"),
        (["--days", "mon,funday"], "days: unknown day"),
    ],
)
def test_bad_break_settings_give_one_line_and_change_nothing(args, needle):
    result = run("breaks", "on", *args)
    assert result.returncode != 0
    assert needle in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert json.loads(run("breaks", "status", "--json").stdout)["settings"]["enabled"] is False


def test_the_installed_command_prints_one_line_without_a_traceback():
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "DBUS_SESSION_BUS_ADDRESS"}}
    done = subprocess.run(
        [*PSOAS, "breaks", "on", "--interval", "5", "--start", "nine"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        "Error: --start: 'nine' is not a time like 09:00; --interval: must be between 20 and 60"
    ]


def test_run_without_a_desktop_says_so_and_refuses_when_off():
    off = run("breaks", "run", "--hours", "0.001")
    assert off.returncode == 1 and "Turn them on with `psoas breaks on`" in off.stderr
    run("breaks", "on")
    result = run("breaks", "run", "--background", "--hours", "0.001")
    assert result.returncode == 0, result.stderr
    assert "Desktop notifications are not available" in result.stdout
    assert "Stopped after 0 reminder(s)" in result.stdout


def test_install_writes_and_uninstall_removes_the_autostart_entries(tmp_path):
    env = {"XDG_CONFIG_HOME": str(tmp_path)}
    printed = run("breaks", "install", "--print", env=env)
    assert "ExecStart=" in printed.stdout and "breaks run --background" in printed.stdout
    assert not (tmp_path / "systemd").exists()
    assert run("breaks", "install", env=env).returncode == 0
    assert run("breaks", "install", "--kind", "autostart", env=env).returncode == 0
    unit = tmp_path / "systemd" / "user" / "psoas-breaks.service"
    desktop = tmp_path / "autostart" / "psoas-breaks.desktop"
    assert unit.read_text().startswith("[Unit]") and "Exec=" in desktop.read_text()
    bad = run("breaks", "install", "--kind", "cron", env=env)
    assert bad.returncode == 2 and "unknown autostart kind" in bad.stderr
    removed = run("breaks", "uninstall", env=env)
    assert str(unit) in removed.stdout.replace("\n", "") or "Removed" in removed.stdout
    assert not unit.exists() and not desktop.exists()


def test_habits_tick_untick_and_errors():
    shown = json.loads(run("habits", "--json").stdout)
    ids = [h["id"] for h in shown["habits"]]
    assert "posture-check" in ids
    ticked = json.loads(run("habits", "--tick", "posture-check", "--json").stdout)
    assert ticked["summary"]["today"]["done"] == ["posture-check"]
    assert ticked["summary"]["streak_days"] == 1
    cleared = json.loads(run("habits", "--untick", "posture-check", "--json").stdout)
    assert cleared["summary"]["today"]["done"] == []
    unknown = run("habits", "--tick", "fly")
    assert unknown.returncode != 0 and "habit: 'fly' is not on your checklist" in unknown.stderr
    future = run("habits", "--tick", "posture-check", "--date", "2999-01-01")
    assert future.returncode != 0 and "has not come yet" in future.stderr
    bad_date = run("habits", "--date", "tomorrow")
    assert bad_date.returncode == 2 and "--date" in bad_date.stderr


def test_habits_why_shows_sources_and_strength_labels():
    result = run("habits", "--why")
    assert result.returncode == 0
    assert "Source:" in result.stdout and "[unconfirmed]" in result.stdout
