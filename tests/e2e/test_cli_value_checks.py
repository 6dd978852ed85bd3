"""psoas.cli.value_checks: Typer's value checks built only when a value needs one. Every
command line gives the same result with the deferred checks as with Typer's own, and the
commands that need no database then never load pydantic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from psoas.cli import app, value_checks

LINES = [
    ("exercises", "list"),
    ("exercises", "list", "--category", "strength"),
    ("exercises", "list", "--category", "Strength ", "--level", "beginner"),
    ("exercises", "list", "--category", "bogus"),
    ("exercises", "list", "--category"),
    ("exercises", "list", "--json", "--muscle", "iliopsoas"),
    ("exercises", "show", "dead-bug"),
    ("exercises", "show", "dead-bug", "--animated", "--json"),
    ("exercises", "show", "dead-bugg"),
    ("exercises", "show"),
    ("exercises", "show", "dead-bug", "couch-stretch"),
    ("plan", "show", "--week", "x"),
    ("plan", "new", "--minutes", "abc"),
    ("plan", "new", "--minutes", "7.5"),
    ("clinic", "set", "--quiet-days", "abc"),
    ("serve", "--port", "0"),
    ("--version",),
    ("exercises", "--help"),
]


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize("line", LINES, ids=" ".join)
def test_deferred_checks_give_what_typers_own_give(line, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    deferred = invoke(*line)
    monkeypatch.setattr(value_checks, "RuntimeParam", None)  # as with a Typer without them
    assert invoke(*line) == deferred


def test_a_value_that_needs_typers_check_gets_it(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    drawn = tmp_path / "dead-bug.svg"
    code, out = invoke("exercises", "show", "dead-bug", "--svg", str(drawn))
    assert code == 0 and "Illustration written" in out
    assert drawn.read_text().startswith("<svg")
    monkeypatch.setattr(value_checks, "RuntimeParam", None)
    again = tmp_path / "again.svg"
    assert invoke("exercises", "show", "dead-bug", "--svg", str(again))[0] == 0
    assert again.read_text() == drawn.read_text()


PROBE = """
import sys
sys.argv = ["psoas", *sys.argv[1:]]
from psoas.cli import main
try:
    main()
except SystemExit:
    pass
print("pydantic" in sys.modules, file=sys.stderr)
"""


@pytest.mark.parametrize(
    ("line", "loads_pydantic"),
    [
        (("exercises", "list", "--category", "strength"), False),
        (("exercises", "show", "dead-bug", "--json"), False),
        (("exercises", "list", "-h"), False),
        (("exercises", "show", "dead-bug", "--svg", "{tmp}/x.svg"), True),  # a path: checked
    ],
)
def test_only_a_value_that_needs_pydantic_loads_it(
    line, loads_pydantic, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    results = []
    for args in (["exercises", "list"], [part.format(tmp=tmp_path) for part in line]):
        done = subprocess.run(
            [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=60
        )
        results.append(done.stderr.strip().splitlines()[-1])
    # The first run validates the catalogue (pydantic's schema) and writes its snapshot.
    assert results == ["True", str(loads_pydantic)]
