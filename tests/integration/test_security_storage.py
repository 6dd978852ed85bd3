"""Security promises about stored data (see SECURITY.md), through the real CLI and web app on
real SQLite files: imports meet the app's own rules, deleting everything leaves no readable
copy, the database file is private, and a new empty profile is never made silently."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.e2e.web_support import real_client

ROOT = Path(__file__).resolve().parents[2]
SECRET_WORD = "Quokkazebrafeather"  # a word no page, file or schema holds by chance


def run(*args: str, folder: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PSOAS_DATA_DIR": str(folder),
        "PSOAS_DATABASE_URL": "",
        "PYTHONPATH": str(ROOT / "src"),
    }
    return subprocess.run(
        [sys.executable, "-m", "psoas", *args], capture_output=True, text=True, env=env, timeout=90
    )


def one_line_error(result: subprocess.CompletedProcess[str], *phrases: str) -> None:
    lines = result.stderr.strip().splitlines()
    assert result.returncode != 0 and len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    for phrase in phrases:
        assert phrase in lines[0], lines[0]


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """A real export: a screening, a plan and one logged session."""
    folder = tmp_path_factory.mktemp("source")
    answers = ROOT / "docs" / "examples" / "desk-worker.yaml"
    assert run("assess", "--answers", str(answers), folder=folder).returncode == 0
    assert run("plan", "new", folder=folder).returncode == 0
    assert run("log", "--pain-before", "3", "--note", "fine", folder=folder).returncode == 0
    out = folder / "export.json"
    assert run("data", "export", "-o", str(out), folder=folder).returncode == 0
    return json.loads(out.read_text(encoding="utf-8"))


def _import(document: Any, folder: Path) -> subprocess.CompletedProcess[str]:
    path = folder / "in.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return run("data", "import", str(path), folder=folder)


def _changed(document: dict[str, Any], change) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    copy = json.loads(json.dumps(document))
    change(copy["people"][0])
    return copy


def _nothing_stored(folder: Path) -> bool:
    listed = run("data", "export", folder=folder)
    return not json.loads(listed.stdout)["people"] or not any(
        json.loads(listed.stdout)["people"][0][s] for s in ("assessments", "plans", "session_logs")
    )


@pytest.mark.parametrize(
    ("change", "phrase"),
    [
        (lambda p: p["session_logs"][0].update(notes="a\u0000b"), "NUL character"),
        (lambda p: p["session_logs"][0].update(notes="n" * 5_000_000), "longer than"),
        (lambda p: p["session_logs"][0].update(notes="n" * 2001), "at most 2000 characters"),
        (
            lambda p: p["assessments"][0]["answers"].update(age=-5),
            "answers age: -5 is out of range",
        ),
        (lambda p: p["assessments"][0]["answers"].update(favourite_colour="red"), "unknown"),
        (lambda p: p["session_logs"][0].update(plan_id="no-such-plan"), "not one of this person"),
    ],
)
def test_imports_meet_the_rules_of_records_typed_in_the_app(exported, tmp_path, change, phrase):
    result = _import(_changed(exported, change), tmp_path)
    assert result.returncode != 0 and phrase in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and _nothing_stored(tmp_path)


def test_a_deeply_nested_import_is_one_clear_line(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    one_line_error(run("data", "import", str(path), folder=tmp_path), "nests too deeply")
    nested: Any = "x"
    for _ in range(60):  # deep enough to refuse, shallow enough for json
        nested = [nested]
    document = {"format": "psoas-export", "version": 1, "people": nested}
    one_line_error(_import(document, tmp_path), "nests deeper than")


def test_the_import_summary_counts_what_was_added_and_what_was_there(exported, tmp_path):
    first = _import(exported, tmp_path)
    assert first.returncode == 0, first.stderr
    assert "Added: 1 person, 1 assessments, 1 plans, 1 session logs" in first.stdout
    again = _import(exported, tmp_path)
    assert "Added: 0 people, no records." in again.stdout
    assert "Already here, left unchanged: 1 person, 1 assessments, 1 plans, 1 session logs" in (
        again.stdout
    )


def test_deleting_everything_leaves_no_readable_copy_in_the_files(tmp_path):
    web = real_client(tmp_path)
    body = {"kind": "pain", "value": 3, "label": f"my {SECRET_WORD} label"}
    saved = web.api("/api/measurements", body)
    assert saved.status_code == 201, saved.text
    files = [tmp_path / "psoas.db", tmp_path / "psoas.db-wal"]
    assert any(SECRET_WORD.encode() in p.read_bytes() for p in files if p.exists())
    assert web.api("/api/me", method="DELETE").status_code == 200
    for path in files:
        if path.exists():
            assert SECRET_WORD.encode() not in path.read_bytes(), path.name


def test_the_database_file_is_readable_by_its_owner_only(tmp_path):
    assert run("measure", "--pain", "3", folder=tmp_path).returncode == 0
    for name in ("psoas.db", "psoas.db-wal"):
        path = tmp_path / name
        if path.exists():
            assert path.stat().st_mode & 0o077 == 0, oct(path.stat().st_mode)


def test_after_deleting_everything_the_next_command_says_it_starts_anew(tmp_path):
    first = run("measure", "--pain", "3", folder=tmp_path)
    assert first.returncode == 0 and "new, empty profile" not in first.stderr  # first use
    person = json.loads(run("data", "export", folder=tmp_path).stdout)["people"][0]["person"]
    deleted = run("data", "delete", "--person", person["id"], "--yes", folder=tmp_path)
    assert "next psoas command starts a new, empty profile" in deleted.stdout
    after = run("measure", "--pain", "2", folder=tmp_path)
    assert after.returncode == 0 and "started a new, empty profile" in after.stderr
    later = run("measure", "--pain", "2", folder=tmp_path)
    assert "new, empty profile" not in later.stderr  # said once


def test_an_answers_file_that_gives_a_question_twice_is_refused(tmp_path):
    source = (ROOT / "docs" / "examples" / "desk-worker.yaml").read_text(encoding="utf-8")
    path = tmp_path / "answers.yaml"
    path.write_text(source + "\nage: 19\n", encoding="utf-8")
    result = run("assess", "--answers", str(path), folder=tmp_path)
    one_line_error(result, "'age' is given twice", f"line {len(source.splitlines()) + 2}")
    as_json = tmp_path / "answers.json"
    as_json.write_text('{"age": 40, "age": 41}', encoding="utf-8")
    one_line_error(run("assess", "--answers", str(as_json), folder=tmp_path), "'age'")
