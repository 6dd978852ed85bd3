"""`psoas db` and `psoas data` through the real command line, including the one-line errors."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from storage_support import POSTGRES_URL, postgres_available
from tests import factories as f
from tests.conftest import need_service

from psoas.cli import main
from psoas.domain.serial import to_primitive
from psoas.storage import schema
from psoas.storage.engine import make_engine

ROOT = Path(__file__).resolve().parents[3]


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def psoas(monkeypatch, capsys):
    """Run the CLI in this process exactly as the `psoas` entry point does (run_app)."""

    def run(*args: str, url: str, stdin: str = "") -> Result:
        monkeypatch.setenv("PSOAS_DATABASE_URL", url)
        monkeypatch.setattr(sys, "argv", ["psoas", *args])
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


def run_process(*args: str, url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PSOAS_DATABASE_URL": url, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "psoas", *args], capture_output=True, text=True, env=env, timeout=60
    )


def assert_one_line_error(result: Result | subprocess.CompletedProcess[str], *phrases: str) -> None:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    assert "Traceback" not in result.stderr + result.stdout
    for phrase in phrases:
        assert phrase in lines[0]


def _history_document(tmp_path: Path) -> Path:
    """Three logs from two days ago (by the real clock, which the CLI uses)."""
    day = datetime.now(UTC) - timedelta(days=2)
    person = f.person(id="p-cli", display_name="Sam", created_at=day)
    doc = {
        "format": "psoas-export",
        "version": 1,
        "exported_at": f.NOW.isoformat(),
        "people": [
            {
                "person": {
                    "id": person.id,
                    "display_name": person.display_name,
                    "created_at": person.created_at.isoformat(),
                },
                "preferences": None,
                "session_logs": [
                    to_primitive(
                        f.session_log(
                            person.id, id=f"log-{i}", session_date=day.date(), started_at=day
                        )
                    )
                    for i in range(3)
                ],
            }
        ],
    }
    path = tmp_path / "history.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_db_status_and_upgrade_on_a_new_sqlite_file(psoas, tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    status = psoas("db", "status", url=url)
    assert status.returncode == 0, status.stderr
    assert "empty" in status.stdout and "psoas db upgrade" in status.stdout
    upgraded = psoas("db", "upgrade", url=url)
    assert upgraded.returncode == 0, upgraded.stderr
    assert schema.head_revision() in upgraded.stdout
    status = psoas("db", "status", url=url)
    assert "up to date" in status.stdout


def test_export_import_delete_through_the_cli(psoas, tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    source = _history_document(tmp_path)
    first = psoas("data", "import", str(source), url=url)
    assert first.returncode == 0, first.stderr
    assert "3 session logs" in first.stdout
    second = psoas("data", "import", str(source), url=url)
    assert "no records" in second.stdout and "left unchanged" in second.stdout
    out = tmp_path / "out.json"
    exported = psoas("data", "export", "--person", "p-cli", "-o", str(out), url=url)
    assert exported.returncode == 0, exported.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    assert [log["id"] for log in document["people"][0]["session_logs"]] == [
        "log-0",
        "log-1",
        "log-2",
    ]
    assert out.stat().st_mode & 0o077 == 0
    declined = psoas("data", "delete", "--person", "p-cli", url=url, stdin="n\n")
    assert declined.returncode != 0 and "Nothing was deleted" in declined.stderr
    deleted = psoas("data", "delete", "--person", "p-cli", "--yes", url=url)
    assert deleted.returncode == 0 and "3 records" in deleted.stdout
    gone = psoas("data", "export", "--person", "p-cli", url=url)
    assert_one_line_error(gone, "No person")


def test_a_malformed_import_file_is_refused_before_writing(psoas, tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "psoas-export", "version": 1, "people": [', encoding="utf-8")
    assert_one_line_error(psoas("data", "import", str(broken), url=url), "invalid JSON")
    foreign = tmp_path / "foreign.json"
    foreign.write_text(json.dumps({"resourceType": "Bundle"}), encoding="utf-8")
    assert_one_line_error(psoas("data", "import", str(foreign), url=url), "not a psoas export")
    listed = psoas("data", "export", url=url)
    assert json.loads(listed.stdout)["people"] == []


def test_an_unreachable_postgresql_gives_one_line(psoas, tmp_path):
    url = "postgresql://psoas:secret-password@127.0.0.1:1/psoas"
    result = run_process("data", "export", url=url)
    assert_one_line_error(result, "127.0.0.1", "check that the server is running")
    assert "secret-password" not in result.stderr
    assert_one_line_error(psoas("db", "status", url=url), "PSOAS_DATABASE_URL")


def test_a_read_only_sqlite_file_gives_one_line(psoas, tmp_path):
    path = tmp_path / "ro.db"
    engine = make_engine(f"sqlite:///{path}")
    schema.upgrade(engine)
    engine.dispose()
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    result = psoas("data", "import", str(_history_document(tmp_path)), url=read_only)
    assert_one_line_error(result, "readonly", "writable")


def test_an_unopenable_sqlite_path_gives_one_line(psoas, tmp_path):
    result = psoas("data", "export", url=f"sqlite:///{tmp_path}")
    assert_one_line_error(result, str(tmp_path), "writable")


def test_db_status_on_postgresql_hides_the_password(psoas):
    need_service(postgres_available(), "PostgreSQL")
    result = psoas("db", "status", url=POSTGRES_URL)
    assert result.returncode == 0, result.stderr
    assert "***" in result.stdout
    assert ":psoas@" not in result.stdout


@pytest.mark.parametrize("url", ["mysql://x@y/z", "not a url"])
def test_an_unsupported_url_gives_one_line(psoas, url):
    assert_one_line_error(psoas("data", "export", url=url), "PSOAS_DATABASE_URL")


def test_a_file_that_is_not_a_database_gives_one_line(psoas, tmp_path):
    garbage = tmp_path / "notes.db"
    garbage.write_text("shopping list: " + "apples, " * 40, encoding="utf-8")
    result = psoas("data", "export", url=f"sqlite:///{garbage}")
    assert_one_line_error(result, "not a database", "PSOAS_DATABASE_URL")
