"""CSV exports: header, one row per set and side / per measurement, ISO dates, read back by csv."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from export_samples import exercises, logs, measurements

from psoas.export.csv import (
    MEASUREMENT_COLUMNS,
    SESSION_LOG_COLUMNS,
    measurements_csv,
    session_logs_csv,
)


def _rows(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    text = data.decode("utf-8")
    header = next(csv.reader(io.StringIO(text)))
    return header, list(csv.DictReader(io.StringIO(text)))


def test_session_logs_give_one_row_per_set_and_side():
    header, rows = _rows(session_logs_csv(logs(), exercises()))
    assert tuple(header) == SESSION_LOG_COLUMNS
    first, empty = logs()
    assert len(rows) == len(first.sets) + 1  # the set-less log keeps one row
    marching = [r for r in rows if r["exercise_id"] == "supine-marching"]
    assert {(r["set_index"], r["side"]) for r in marching} == {
        (str(i), side) for i in (1, 2, 3) for side in ("left", "right")
    }
    last = next(r for r in marching if r["set_index"] == "3" and r["side"] == "right")
    assert (last["planned_reps"], last["done_reps"]) == ("10", "8")
    assert last["exercise_name"] == "Supine marching"
    assert (last["pain_before"], last["pain_after"], last["next_morning_pain"]) == ("4", "2", "2")
    assert last["duration_seconds"] == "660"
    blank = rows[-1]
    assert (
        blank["log_id"] == empty.id and blank["exercise_id"] == "" and blank["completed"] == "false"
    )


def test_dates_are_iso_and_formulas_are_neutralised():
    _, rows = _rows(session_logs_csv(logs()))
    for row in rows:
        date.fromisoformat(row["session_date"])
        assert datetime.fromisoformat(row["started_at"]).tzinfo is not None
    assert rows[0]["session_notes"] == "'=felt fine"


def test_measurements_give_one_row_each_oldest_first():
    header, rows = _rows(measurements_csv(reversed(measurements())))
    assert tuple(header) == MEASUREMENT_COLUMNS
    assert len(rows) == len(measurements())
    assert [r["measurement_id"] for r in rows] == [m.id for m in measurements()]
    left = rows[1]
    assert (left["kind"], left["side"], left["value"], left["unit"], left["method"]) == (
        "hip_angle",
        "left",
        "8.5",
        "deg",
        "photo",
    )
    assert rows[0]["side"] == "" and rows[0]["value"] == "5"
    assert rows[5]["label"] == "Running 5 km"
    for row in rows:
        assert date.fromisoformat(row["date"]) == datetime.fromisoformat(row["taken_at"]).date()


def test_empty_exports_still_have_a_header():
    assert session_logs_csv([]).decode().strip() == ",".join(SESSION_LOG_COLUMNS)
    assert measurements_csv([]).decode().strip() == ",".join(MEASUREMENT_COLUMNS)
