"""CSV and FHIR write instants in the person's own zone with its offset (issue 16); dates
meant as days stay dates; the FHIR output still validates and CSV formulas stay neutralised."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from export_samples import DTSTAMP, assessment, exercises, logs, measurements, person, plan
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

from psoas.catalogue.questions import load_questionnaire
from psoas.export.csv import measurements_csv, session_logs_csv
from psoas.export.fhir import bundle, read_bundle

SUMMER = datetime(2026, 7, 15, 2, 0, tzinfo=UTC)  # 22:00 the day before in New York (EDT)


def _measurements() -> list:
    return [*measurements(), replace(measurements()[0], id="m-summer", taken_at=SUMMER)]


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


@pytest.mark.parametrize(
    ("zone", "winter", "summer", "summer_date"),
    [
        ("America/New_York", "T02:30:00-05:00", "2026-07-14T22:00:00-04:00", "2026-07-14"),
        ("Europe/Berlin", "T08:30:00+01:00", "2026-07-15T04:00:00+02:00", "2026-07-15"),
        ("UTC", "T07:30:00+00:00", "2026-07-15T02:00:00+00:00", "2026-07-15"),
    ],
)
def test_csv_times_carry_the_persons_offset(zone, winter, summer, summer_date):
    rows = _rows(session_logs_csv(logs(), exercises(), zone=zone))
    first = logs()[0]
    assert rows[0]["started_at"] == first.session_date.isoformat() + winter
    assert datetime.fromisoformat(rows[0]["started_at"]) == first.started_at  # same instant
    assert rows[0]["session_date"] == first.session_date.isoformat()  # a day stays a day
    assert rows[0]["session_notes"] == "'=felt fine"
    taken = {r["measurement_id"]: r for r in _rows(measurements_csv(_measurements(), zone=zone))}
    assert taken["m-summer"]["taken_at"] == summer
    assert taken["m-summer"]["date"] == summer_date  # the person's own day at that instant


def _fhir(zone: str) -> bytes:
    who = replace(person(), timezone=zone)
    return bundle(
        who,
        plan(),
        _measurements(),
        logs(),
        exercises=exercises(),
        timestamp=DTSTAMP,
        assessment=assessment(),
        questionnaire=load_questionnaire(),
    )


@pytest.mark.parametrize(
    ("zone", "offset", "summer"),
    [
        ("America/New_York", "-05:00", "2026-07-14T22:00:00-04:00"),
        ("Europe/Berlin", "+01:00", "2026-07-15T04:00:00+02:00"),
    ],
)
def test_fhir_times_carry_the_persons_offset_and_still_validate(zone, offset, summer):
    data = _fhir(zone)
    Bundle.model_validate_json(data)
    document = json.loads(data)
    assert document["timestamp"].endswith(offset)
    resources = [e["resource"] for e in document["entry"]]
    for resource in resources:
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    stamps = [
        value
        for r in resources
        for value in (
            r.get("effectiveDateTime"),
            r.get("authored"),
            r.get("created"),
            *(r.get("performedPeriod") or {}).values(),
        )
        if value and "T" in value
    ]
    assert stamps and all(s.endswith((offset, summer[-6:])) for s in stamps)
    assert summer in stamps
    care_plan = next(r for r in resources if r["resourceType"] == "CarePlan")
    assert "T" not in care_plan["period"]["start"]  # the plan's days stay dates
    back = read_bundle(data)
    assert {m.taken_at for m in back.measurements} == {m.taken_at for m in _measurements()}
