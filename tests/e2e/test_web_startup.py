"""The web app starts without the export libraries (fpdf, fhir.resources, icalendar, numpy):
they load at the first download, so ``psoas serve`` answers its first page sooner. Checked in
a real process; the download itself still works there."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, sys, warnings
warnings.filterwarnings("ignore")
from starlette.testclient import TestClient
from psoas.web.app import create_app
client = TestClient(create_app(), base_url="http://127.0.0.1")
home = client.get("/").status_code
before = sorted(m for m in sys.modules if m.split(".")[0] in ("fpdf", "fhir", "icalendar", "numpy"))
csv = client.get("/export/measurements.csv")
after = sorted(m for m in sys.modules if m.split(".")[0] in ("fpdf", "fhir", "icalendar", "numpy"))
print(json.dumps({"home": home, "before": before, "csv": csv.status_code,
                  "type": csv.headers.get("content-type", ""), "after": len(after)}))
"""


def test_the_app_serves_pages_before_loading_the_export_libraries(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PSOAS_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["home"] == 200
    assert report["before"] == []
    assert report["csv"] == 200 and report["type"].startswith("text/csv")
    assert report["after"] > 0  # the download loaded them
