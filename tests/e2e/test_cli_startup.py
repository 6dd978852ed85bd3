"""Start-up of the command line: ``psoas --help`` and commands that need no database import
nothing heavy (checked in a real ``psoas`` process through sys.modules), and the lazy command
table shows each command with its own help and runs the real command."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from psoas.cli import COMMANDS, app

# Run the real entry point, then report which top-level packages and psoas modules it imported.
PROBE = """
import json, sys
from psoas.cli import main
sys.argv = ["psoas", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
loaded = sorted(sys.modules)
sys.stderr.write("\\nPROBE " + json.dumps({"code": code, "modules": loaded}) + "\\n")
"""

HEAVY = ("sqlalchemy", "fpdf", "fontTools", "numpy", "fhir", "alembic", "fastapi", "uvicorn")
CAMERA = ("mediapipe", "cv2", "numpy", "PIL", "jax")  # the camera extra: only for a photo


def run_psoas(*args: str) -> tuple[int, str, set[str]]:
    """Exit code, stdout and stderr (joined) and the imported modules of ``psoas *args``."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    line = next(x for x in done.stderr.splitlines() if x.startswith("PROBE "))
    report = json.loads(line.removeprefix("PROBE "))
    return report["code"] or 0, done.stdout + done.stderr, set(report["modules"])


def heavy_in(modules: set[str]) -> list[str]:
    return sorted(
        name for name in modules if name.split(".")[0] in HEAVY or name == "fhir.resources"
    )


def test_help_imports_nothing_heavy_and_lists_every_command() -> None:
    code, out, modules = run_psoas("--help")
    assert code == 0
    assert heavy_in(modules) == []
    assert "pydantic" not in modules
    assert not any(
        m.startswith(("psoas.storage", "psoas.bootstrap", "psoas.catalogue")) for m in modules
    )
    for command in COMMANDS:
        assert f" {command.name} " in out, command.name
    assert "A coach for the psoas and hip flexors" in out


def test_measure_loads_the_camera_extra_only_for_a_photo() -> None:
    code, out, modules = run_psoas("measure", "--help")
    assert code == 0 and "--photo" in out
    assert sorted(m for m in modules if m.split(".")[0] in CAMERA) == []


def test_exercise_catalogue_needs_no_database_layer() -> None:
    code, out, modules = run_psoas("exercises", "list")
    assert code == 0
    assert "dead-bug" in out or "Dead bug" in out
    assert heavy_in(modules) == []


def test_a_command_that_runs_imports_its_module() -> None:
    """The probe itself must see imports: the database command loads the database layer."""
    code, out, modules = run_psoas("db", "--help")
    assert code == 0
    assert "sqlalchemy" in modules
    assert "upgrade" in out.lower()


@pytest.mark.parametrize("lazy", COMMANDS, ids=lambda c: c.name)
def test_listed_help_is_the_commands_own(lazy) -> None:  # type: ignore[no-untyped-def]
    real = lazy.load()
    own = " ".join((real.short_help or real.help or "").split("\n\n")[0].split())
    assert lazy.help == own


def test_every_lazy_command_runs_its_real_help() -> None:
    from typer.testing import CliRunner

    runner = CliRunner()
    for lazy in COMMANDS:
        result = runner.invoke(app, [lazy.name, "--help"])
        assert result.exit_code == 0, (lazy.name, result.output)
        assert f"psoas {lazy.name}" in result.output


def test_a_mistyped_command_is_still_suggested() -> None:
    code, out, modules = run_psoas("exercise")
    assert code == 2
    assert "Did you mean 'exercises'" in out
    assert heavy_in(modules) == []
