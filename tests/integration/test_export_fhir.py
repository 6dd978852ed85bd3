"""FHIR Bundle: every resource validates with fhir.resources (R4B models), codes as documented,
and reading the Bundle back finds the same values."""

from __future__ import annotations

import json

import pytest
from export_samples import DTSTAMP, exercises, logs, measurements, person, plan
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

from psoas.domain.errors import InvalidValue
from psoas.domain.records.measurements import MeasurementKind
from psoas.export.fhir import bundle, read_bundle
from psoas.export.fhir_codes import LATERALITY_EXTENSION, MEASURES, QUANTITY_UNITS, UCUM


def _export(**kw) -> bytes:
    return bundle(person(), plan(), measurements(), logs(), exercises=exercises(), **kw)


def _resources(data: bytes) -> list[dict]:
    return [e["resource"] for e in json.loads(data)["entry"]]


def test_every_resource_validates_on_its_own_and_in_the_bundle():
    data = _export(timestamp=DTSTAMP)
    parsed = Bundle.model_validate_json(data)
    assert parsed.type == "collection"
    kinds = []
    for resource in _resources(data):
        model = get_fhir_model_class(resource["resourceType"])
        model.model_validate(resource)
        kinds.append(resource["resourceType"])
    assert kinds.count("Patient") == 1 and kinds.count("CarePlan") == 1
    assert kinds.count("Procedure") == len(logs())
    session_pain = sum(
        v is not None
        for log in logs()
        for v in (log.pain_before, log.pain_during, log.pain_after, log.next_morning_pain)
    )
    assert kinds.count("Observation") == len(measurements()) + session_pain


def test_patient_is_pseudonymous_unless_the_person_opts_in():
    hidden = next(r for r in _resources(_export()) if r["resourceType"] == "Patient")
    assert "name" not in hidden and "Ada" not in _export().decode()
    assert hidden["meta"]["security"][0]["code"] == "PSEUDED"
    shown = next(
        r for r in _resources(_export(include_name=True)) if r["resourceType"] == "Patient"
    )
    assert shown["name"] == [{"text": "Ada Example"}]


def test_observation_codes_units_and_body_sites():
    observations = {
        r["identifier"][0]["value"]: r
        for r in _resources(_export())
        if r["resourceType"] == "Observation"
    }
    pain = observations["m-1"]
    assert pain["code"]["coding"][0] == {
        "system": "http://loinc.org",
        "code": "72514-3",
        "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
    }
    assert pain["valueInteger"] == 5
    left = observations["m-2"]
    assert left["code"]["coding"][0]["system"] == MEASURES
    assert left["valueQuantity"] == {"value": 8.5, "unit": "deg", "system": UCUM, "code": "deg"}
    assert left["bodySite"]["coding"][0]["code"] == "24136001"
    laterality = left["bodySite"]["extension"][0]
    assert laterality["url"] == LATERALITY_EXTENSION
    assert laterality["valueCodeableConcept"]["coding"][0]["code"] == "7771000"
    assert (
        observations["m-3"]["bodySite"]["extension"][0]["valueCodeableConcept"]["coding"][0]["code"]
        == "24028007"
    )
    assert left["method"]["coding"][0]["code"] == "photo"
    assert observations["m-4"]["valueCodeableConcept"]["coding"][0]["code"] == "above"
    assert observations["m-6"]["component"][0]["valueString"] == "Running 5 km"


def test_care_plan_activities_describe_the_prescriptions():
    care_plan = next(r for r in _resources(_export()) if r["resourceType"] == "CarePlan")
    assert care_plan["status"] == "active" and care_plan["intent"] == "plan"
    descriptions = [a["detail"]["description"] for a in care_plan["activity"]]
    assert any(d.startswith("Supine marching: 3 x 10 reps each side") for d in descriptions)
    stretch = next(a for a in care_plan["activity"] if "stretch" in a["detail"]["code"]["text"])
    stretch_days = [s.date.isoformat() for s in plan().sessions() if s.prescriptions]
    assert stretch["detail"]["scheduledTiming"]["event"] == stretch_days
    stopped = next(
        r
        for r in _resources(bundle(person(), plan(stopped="red flag"), [], []))
        if r["resourceType"] == "CarePlan"
    )
    assert stopped["status"] == "revoked"


def test_round_trip_reads_the_same_values():
    contents = read_bundle(_export(include_name=True))
    assert (contents.person_id, contents.name, contents.plan_id) == ("p-1", "Ada Example", "plan-1")
    assert contents.session_logs == ("log-1", "log-2")
    assert contents.session_pain == {
        "log-1": {"pain_before": 4, "pain_during": 3, "pain_after": 2, "next_morning_pain": 2},
        "log-2": {"pain_before": 6},
    }
    back = {m.id: m for m in contents.measurements}
    for original in measurements():
        again = back[original.id]
        assert (again.kind, again.value, again.side, again.method, again.taken_at, again.label) == (
            original.kind,
            original.value,
            original.side,
            original.method,
            original.taken_at,
            original.label,
        )
        if original.kind in (MeasurementKind.HIP_ANGLE, MeasurementKind.PSFS):
            assert again.unit == QUANTITY_UNITS[original.kind]  # UCUM, whatever was stored


def test_same_inputs_give_the_same_bytes():
    assert _export() == _export()


@pytest.mark.parametrize(
    "data", [b"{}", b"not json", b'{"resourceType": "Bundle", "type": "collection"}']
)
def test_reading_a_bad_bundle_names_the_problem(data):
    with pytest.raises(InvalidValue) as info:
        read_bundle(data)
    assert info.value.field == "bundle"
