"""Every benchmark script still starts and prints its figures: each runs once in its --quick
mode as a real process (CI runs this too). This checks that they work, not how fast anything
is: the figures are read by people, never asserted."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import need_service
from tests.integration.storage.storage_support import POSTGRES_URL, postgres_available

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"

# script -> extra arguments of its quick run, and a line fragment its output must contain
QUICK = {
    "assessment.py": ((), "load questions"),
    "clinic.py": ((), "GET /api/caseload"),
    "audit.py": ((), "audit"),
    "exports.py": ((), "ms per log"),
    "figures.py": ((), "still SVG"),
    "plans.py": ((), "goal <= 10 ms"),
    "pose.py": ((), "find the body (decode + model)"),
    "sessions.py": ((), "ms"),
    "soak.py": ((), "errors: 0"),
    "startup.py": ((), "goal <= 1.5 s"),
    "storage.py": (("--backend", "sqlite", "--people", "20", "--days", "30"), "goal <= 1.3x"),
    "web.py": ((), "bare FastAPI"),
}


def entry_points() -> list[str]:
    """The scripts meant to be run (helpers they import have no ``__main__`` block)."""
    return sorted(
        p.name for p in BENCHMARKS.glob("*.py") if 'if __name__ == "__main__":' in p.read_text()
    )


def test_every_benchmark_has_a_quick_run() -> None:
    assert entry_points() == sorted(QUICK)


@pytest.mark.parametrize("script", sorted(QUICK))
def test_benchmark_runs_in_quick_mode(script: str, tmp_path: Path) -> None:
    if script == "storage.py":
        extra: tuple[str, ...] = (*QUICK[script][0], "--sqlite-path", str(tmp_path / "s.db"))
    else:
        extra = QUICK[script][0]
    if script == "pose.py" and importlib.util.find_spec("mediapipe") is None:
        need_service(False, 'the camera extra (pip install -e ".[camera]")')
    if (
        script in ("startup.py", "clinic.py")
        and not Path(sys.executable).with_name("psoas").exists()
    ):
        need_service(False, "the installed psoas entry point next to this Python")
    if script == "soak.py":  # several workers need the shared PostgreSQL database
        need_service(postgres_available(), "PostgreSQL")
    env = {**os.environ, "PSOAS_DATA_DIR": str(tmp_path / "data"), "TMPDIR": str(tmp_path)}
    env.pop("PSOAS_TEST_POSTGRES_URL", None)
    if script in ("clinic.py", "soak.py") and postgres_available():
        env["PSOAS_TEST_POSTGRES_URL"] = POSTGRES_URL  # clinic.py runs SQLite alone without it
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), "--quick", *extra],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    assert QUICK[script][1] in done.stdout, done.stdout[-2000:]
