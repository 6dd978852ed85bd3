"""CSV and FHIR records end to end: the CLI writes both tables into a folder with .csv names,
adds a byte order mark when asked (the web's spreadsheet download by default), keeps the times
of a session logged afterwards empty, and writes a FHIR transaction whose resources validate."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle
from tests.e2e.test_export_web import web  # noqa: F401  (fixture)
from typer.testing import CliRunner

from psoas.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
START = date.today() - timedelta(days=3)


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def logged(tmp_path):
    """The desk-worker example: screened, a plan, one session logged afterwards without minutes
    and one with them."""
    for args in (
        ("assess", "--answers", str(EXAMPLES / "desk-worker.yaml")),
        ("plan", "new", "--no-ask", "--start", START.isoformat()),
        ("log", "--date", START.isoformat(), "--pain-before", "3", "--note", "Été: léger"),
        ("log", "--date", (START + timedelta(days=1)).isoformat(), "--minutes", "12"),
    ):
        result = _run(*args)
        assert result.exit_code == 0, result.output
    return tmp_path


def _rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def test_all_tables_go_into_a_folder_and_unknown_times_stay_empty(logged):
    folder = logged / "records"
    result = _run("export", "csv", "-o", str(folder))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == [
        "psoas-measurements.csv",
        "psoas-sessions.csv",
    ]
    rows = _rows(folder / "psoas-sessions.csv")
    first = [r for r in rows if r["session_date"] == START.isoformat()]
    second = [r for r in rows if r["session_date"] == (START + timedelta(days=1)).isoformat()]
    assert first and second
    for row in first:
        assert (row["started_at"], row["finished_at"], row["duration_seconds"]) == ("", "", "")
        assert row["session_notes"] == "Été: léger"
    for row in second:
        assert (row["started_at"], row["finished_at"]) == ("", "")
        assert row["duration_seconds"] == "720"
    assert (folder / "psoas-sessions.csv").read_bytes()[:3] != b"\xef\xbb\xbf"


def test_bom_is_added_when_asked(logged):
    result = _run("export", "csv", "--table", "logs", "--bom", "-o", str(logged / "s.csv"))
    assert result.exit_code == 0, result.output
    data = (logged / "s.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbflog_id,")
    assert "Été: léger" in data.decode("utf-8-sig")


def test_an_unmakeable_folder_is_one_clear_line(logged):
    blocker = logged / "file"
    blocker.write_text("x")
    result = _run("export", "csv", "-o", str(blocker / "inside"))
    assert result.exit_code == 1
    assert "cannot make the folder" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_fhir_transaction_from_the_cli_validates_and_dates_a_log_without_times(logged):
    target = logged / "tx.json"
    result = _run("export", "fhir", "--type", "transaction", "-o", str(target))
    assert result.exit_code == 0, result.output
    document = json.loads(target.read_bytes())
    Bundle.model_validate(document)
    kinds = []
    for entry in document["entry"]:
        resource = entry["resource"]
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
        kinds.append(resource["resourceType"])
        assert entry["request"]["method"] == "POST"
        if resource["resourceType"] == "Procedure":
            assert "performedPeriod" not in resource
            assert resource["performedDateTime"] in {
                START.isoformat(),
                (START + timedelta(days=1)).isoformat(),
            }
    assert "QuestionnaireResponse" in kinds and "Questionnaire" in kinds
    assert kinds.count("Procedure") == 2
    assert '"Me"' not in target.read_text(encoding="utf-8")


def test_an_unknown_bundle_type_is_one_clear_line(logged):
    result = _run("export", "fhir", "--type", "batch")
    assert result.exit_code == 2
    assert "--type: 'batch' is not collection or transaction" in result.output


def test_the_web_spreadsheet_download_has_a_bom_and_fhir_types(web):  # noqa: F811
    response = web.get("/export/sessions.csv")
    assert response.status_code == 200 and response.content.startswith(b"\xef\xbb\xbf")
    plain = web.get("/export/measurements.csv?bom=false")
    assert plain.status_code == 200 and plain.content.startswith(b"measurement_id,")
    tx = web.get("/export/fhir.json?bundle_type=transaction")
    assert tx.status_code == 200 and tx.json()["type"] == "transaction"
    bad = web.get("/export/fhir.json?bundle_type=batch")
    assert bad.status_code == 422
    assert "Traceback" not in bad.text
