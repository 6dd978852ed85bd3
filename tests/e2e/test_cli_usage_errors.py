"""Usage mistakes at the command line give a short message and exit 2, never a traceback
(Typer's own copy of click raises its own error classes), and `psoas clinic` sets the clinic's
settings with every value checked first."""

from __future__ import annotations

import io
import sys

import pytest

from psoas.cli import main


def run(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    """Run the CLI in this process as the `psoas` entry point does; any exception escaping
    ``main`` other than SystemExit fails the test."""
    monkeypatch.setattr(sys, "argv", ["psoas", *args])
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    capsys.readouterr()
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


MISTAKES = [
    (("clinic",), "Print the clinic's settings"),
    (("users",), "Commands"),
    (("clinic", "set", "--quiet-days", "abc"), "--quiet-days"),
    (("clinic", "set"), "give at least one setting"),
    (("users", "add", "--role", "client", "--email", "c@x.org"), "--clinician"),
    (("exercises", "show"), "Missing argument"),
    (("serve", "--port", "0"), "--port"),
    (("no-such-command",), "No such command"),
]


@pytest.mark.parametrize(("args", "says"), MISTAKES)
def test_usage_mistakes_exit_2_with_a_message(monkeypatch, capsys, args, says):
    code, out, err = run(monkeypatch, capsys, *args)
    assert code == 2
    assert says in out + err
    assert "Traceback" not in out + err


def test_clinic_settings_from_the_command_line(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "clinic", "show")
    assert code == 0 and "No activity after:      7 days" in out
    code, out, _ = run(
        monkeypatch, capsys, "clinic", "set", "--name", "Riverside Hip Clinic", "--quiet-days", "10"
    )
    assert code == 0 and "Riverside Hip Clinic" in out and "10 days" in out
    code, _, err = run(
        monkeypatch, capsys, "clinic", "set", "--name", "N" * 121, "--quiet-days", "1"
    )
    assert code == 2 and "name: at most 120 characters" in err and "--quiet-days" in err
    code, out, _ = run(monkeypatch, capsys, "clinic", "show")
    assert "Name:                   Riverside Hip Clinic" in out and "10 days" in out
    code, out, _ = run(monkeypatch, capsys, "clinic", "set", "--require-two-factor")
    assert code == 0 and "Staff need two-factor:  yes" in out


@pytest.mark.parametrize(
    ("variable", "value", "said"),
    [
        ("PSOAS_RECORD_CACHE_MB", "-1", "greater than or equal to 0"),
        ("PSOAS_IDLE_MINUTES", "abc", "valid integer"),
    ],
)
def test_a_bad_setting_in_the_environment_is_one_line_naming_it(  # type: ignore[no-untyped-def]
    monkeypatch, capsys, tmp_path, variable, value, said
):
    monkeypatch.setenv("PSOAS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv(variable, value)
    code, out, err = run(monkeypatch, capsys, "today")
    assert code == 2 and "Traceback" not in out + err
    line = err.strip()
    assert "\n" not in line and line.startswith(f"Error: {variable}:") and said in line
