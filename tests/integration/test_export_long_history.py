"""A long history exports correctly in both record formats (the exports were made linear for
thousands of logs; this checks they still carry every log, in order, with nothing invented)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import datetime, timedelta

from export_samples import exercises, logs, measurements, person
from fhir.resources.R4B import get_fhir_model_class

from psoas.export.csv import SESSION_LOG_COLUMNS, session_logs_csv
from psoas.export.fhir import bundle

DAYS = 400


def _history():
    first = logs()[0]
    return [
        replace(
            first,
            id=f"log-{n:04d}",
            session_date=first.session_date + timedelta(days=n),
            started_at=first.started_at + timedelta(days=n),
            finished_at=first.finished_at + timedelta(days=n),
            times_given=n % 5 != 0,
            duration_given=n % 5 != 0,
            pain_before=n % 11,
        )
        for n in range(DAYS)
    ]


def test_csv_of_a_long_history_has_every_set_of_every_log_in_order():
    history = _history()
    rows = list(csv.DictReader(io.StringIO(session_logs_csv(history, exercises()).decode())))
    assert len(rows) == sum(len(log.sets) for log in history)
    assert tuple(rows[0]) == SESSION_LOG_COLUMNS
    ids = list(dict.fromkeys(r["log_id"] for r in rows))
    assert ids == [log.id for log in history]
    for row in rows:
        n = int(row["log_id"].removeprefix("log-"))
        assert row["pain_before"] == str(n % 11)
        assert (row["started_at"] == "") is (n % 5 == 0)
        assert (row["duration_seconds"] == "") is (n % 5 == 0)


def test_fhir_of_a_long_history_validates_every_resource_and_keeps_each_log():
    history = _history()
    document = json.loads(bundle(person(), None, measurements(), history))
    procedures = []
    for entry in document["entry"]:
        resource = entry["resource"]
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
        if resource["resourceType"] == "Procedure":
            procedures.append(resource)
    assert [p["identifier"][0]["value"] for p in procedures] == [log.id for log in history]
    for log, procedure in zip(history, procedures, strict=True):
        if log.times_given:
            start = datetime.fromisoformat(procedure["performedPeriod"]["start"])
            assert start == log.started_at  # the same instant, written in the person's zone
        else:
            assert procedure["performedDateTime"] == log.session_date.isoformat()
