"""The terminal speaks the person's language too: an error names the option they typed
(`--minutes`, `--pain-before`), never an internal field or a validation library's wording;
`psoas --version` and `-h` work; `psoas exercises show` draws the exercise as the player does."""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import pytest
from tests.e2e.test_cli_usage_errors import run

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
INTERNAL = re.compile(r"\b[a-z]+_[a-z_]+\b(?=:)|\[\'|\bvalue_error\b|pydantic|Traceback")


@pytest.fixture
def person(tmp_path, monkeypatch, capsys):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PSOAS_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("PSOAS_DATABASE_URL", raising=False)
    code, _, err = run(
        monkeypatch, capsys, "assess", "--answers", str(EXAMPLES / "desk-worker.yaml")
    )
    assert code == 0, err
    code, _, err = run(monkeypatch, capsys, "plan", "new", "--minutes", "15", "--no-ask")
    assert code == 0, err


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("plan", "new", "--minutes", "99", "--no-ask"), "--minutes"),
        (("plan", "new", "--strength-days", "9", "--no-ask"), "--strength-days"),
        (("plan", "new", "--days", "xyz", "--no-ask"), "--days"),
        (("plan", "new", "--equipment", "rope", "--no-ask"), "--equipment"),
        (("log", "--pain-before", "12"), "--pain-before"),
        (("log", "--pain-after", "11"), "--pain-after"),
        (("log", "--effort", "-1"), "--effort"),
        (("log", "--minutes", "0"), "--minutes"),
        (("measure", "--hip-left", "500"), "--hip-left"),
        (("measure", "--knee-right", "500"), "--knee-right"),
        (("measure", "--sitting-hours", "30"), "--sitting-hours"),
    ],
)
def test_errors_name_the_option_typed(person, monkeypatch, capsys, args, option):
    code, _, err = run(monkeypatch, capsys, *args)
    assert code != 0
    line = err.strip()
    assert line.startswith(f"Error: {option}:"), line
    assert len(line.splitlines()) == 1
    assert not INTERNAL.search(line), line


def test_version_and_short_help(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "--version")
    assert code == 0 and out.strip() == f"psoas {version('psoas')}"
    code, out, _ = run(monkeypatch, capsys, "-h")
    assert code == 0 and "Usage:" in out and "exercises" in out
    code, out, _ = run(monkeypatch, capsys, "plan", "new", "-h")
    assert code == 0 and "--minutes" in out


def test_exercises_show_draws_the_figure(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "exercises", "show", "glute-bridge")
    assert code == 0
    assert "Key position" in out
    drawing = out[out.index("Key position") :]
    assert "●" in drawing  # the head, drawn by the same text renderer as the player
    assert sum(ch in "╱╲─│▔" for ch in drawing) > 10
