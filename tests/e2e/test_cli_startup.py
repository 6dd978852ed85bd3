"""Start-up of the command line: ``psoas --help`` and commands that need no database import
nothing heavy (checked in a real ``psoas`` process through sys.modules), and the lazy command
table shows each command with its own help and runs the real command.

What ``benchmarks/startup.py`` measured as start-up cost, and the tests below keep out:
- every command: SQLAlchemy, fpdf/fontTools, numpy, FHIR, the web stack (HEAVY);
- ``psoas --help`` and ``--version``: also pydantic, YAML, the catalogue, the click package
  (Typer carries its own), importlib.metadata, and Typer's own help renderer (Markdown,
  syntax highlighting); ``--version`` also Rich;
- ``psoas exercises list/show``: the YAML and pydantic validation of the catalogue once its
  snapshot is written, pydantic itself (Typer's value checks wait for a value that needs
  them: psoas.cli.value_checks), and the drawing code for ``list``."""

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
# Not needed to show the command list (psoas.cli.lazy draws it with Rich's console alone).
NOT_FOR_HELP = ("pydantic", "pydantic_core", "yaml", "click", "importlib.metadata", "pygments")
NOT_FOR_HELP_IN_PSOAS = ("psoas.catalogue", "psoas.export", "psoas.services", "psoas.domain.serial")
VALIDATION = ("yaml", "psoas.catalogue.loader", "psoas.catalogue.schema")
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
    stderr = done.stderr[: done.stderr.rindex("\nPROBE ")]
    return report["code"] or 0, done.stdout + stderr, set(report["modules"])


def heavy_in(modules: set[str]) -> list[str]:
    return sorted(
        name for name in modules if name.split(".")[0] in HEAVY or name == "fhir.resources"
    )


def within(modules: set[str], names: tuple[str, ...]) -> list[str]:
    """The modules that are one of ``names`` or inside one of them."""
    return sorted(m for m in modules if m in names or m.startswith(tuple(f"{n}." for n in names)))


def test_help_imports_nothing_heavy_and_lists_every_command() -> None:
    code, out, modules = run_psoas("--help")
    assert code == 0
    assert heavy_in(modules) == []
    assert within(modules, NOT_FOR_HELP) == []
    assert within(modules, NOT_FOR_HELP_IN_PSOAS) == []
    assert within(modules, ("rich.markdown", "rich.syntax", "rich._emoji_codes")) == []
    assert not any(
        m.startswith(("psoas.storage", "psoas.bootstrap", "psoas.catalogue")) for m in modules
    )
    for command in COMMANDS:
        assert f" {command.name} " in out, command.name
    assert "A coach for the psoas and hip flexors" in out


def test_version_needs_neither_rich_nor_pydantic() -> None:
    code, out, modules = run_psoas("--version")
    assert code == 0 and out.startswith("psoas ")
    assert within(modules, ("rich", *NOT_FOR_HELP[:-3], *NOT_FOR_HELP_IN_PSOAS)) == []
    assert "importlib.metadata" in modules  # the version is the installed package's


def test_measure_loads_the_camera_extra_only_for_a_photo() -> None:
    code, out, modules = run_psoas("measure", "--help")
    assert code == 0 and "--photo" in out
    assert sorted(m for m in modules if m.split(".")[0] in CAMERA) == []


def test_exercise_catalogue_needs_no_database_layer() -> None:
    code, out, modules = run_psoas("exercises", "list")
    assert code == 0
    assert "dead-bug" in out or "Dead bug" in out
    assert heavy_in(modules) == []


@pytest.mark.parametrize("command", [("exercises", "list"), ("exercises", "show", "dead-bug")])
def test_exercises_validate_the_catalogue_only_until_its_snapshot_is_written(
    command: tuple[str, ...], tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    code, first, modules = run_psoas(*command)
    assert code == 0 and "Dead bug" in first
    assert set(VALIDATION) <= modules  # the first run validates, and the probe sees it
    code, again, modules = run_psoas(*command)
    assert code == 0
    assert again == first
    assert within(modules, VALIDATION) == []
    assert within(modules, ("pydantic", "pydantic_core", "importlib.metadata")) == []
    assert heavy_in(modules) == []
    if command[1] == "list":
        assert within(modules, ("psoas.export",)) == []


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
