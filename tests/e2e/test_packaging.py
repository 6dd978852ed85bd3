"""The built wheel carries every data file psoas needs (templates, YAML, static, migrations).

The test suite runs against an editable install, which would hide a data file missing from
the distribution; the README's first command installs the wheel, so this builds one and checks.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "psoas"


def test_wheel_contains_every_packaged_file(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("psoas-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {
        "psoas/" + p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }
    missing = sorted(wanted - names)
    assert not missing, f"missing from the wheel: {missing}"
    assert any(n.startswith("psoas/catalogue/data/exercises/") for n in names)
    assert any(n.startswith("psoas/storage/migrations/versions/") for n in names)
