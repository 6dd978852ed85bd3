"""A FHIR R4 Bundle of a person's plan, session logs and measurements (see docs/fhir.md).

Built with the R4B models of fhir.resources (FHIR 4.3, wire-compatible with R4 for the
resources used here: Bundle, Patient, CarePlan, Procedure, Observation). Every resource is
validated by the library before it is written; ids are UUIDv5 of psoas ids, so the same records
always give the same bytes and the same ``urn:uuid`` full URLs.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime

from fhir.resources.R4B.bundle import Bundle

from psoas.domain.exercises import Exercise
from psoas.domain.measurements import Measurement, MeasurementKind
from psoas.domain.people import Person
from psoas.domain.plans import Plan, Prescription
from psoas.domain.sessions import SessionLog
from psoas.export import fhir_codes as c
from psoas.export.fhir_read import FhirContents, read_bundle
from psoas.export.wording import dose_text

__all__ = ["FhirContents", "bundle", "read_bundle"]

_NAMESPACE = uuid.UUID("5f0c7d2e-8a1b-4c3d-9e4f-70a1b2c3d4e5")
LOG_PAIN_FIELDS = {
    "pain_before": "Pain before the session",
    "pain_during": "Highest pain during the session",
    "pain_after": "Pain after the session",
    "next_morning_pain": "Pain the next morning",
}


def _urn(kind: str, key: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{kind}/{key}')}"


def _identifier(kind: str, value: str) -> list[dict]:
    return [{"system": f"{c.IDENTIFIERS}/{kind}", "value": value}]


def _patient(person: Person, include_name: bool) -> dict:
    resource: dict = {"resourceType": "Patient", "identifier": _identifier("person", person.id)}
    if include_name and person.display_name:
        resource["name"] = [{"text": person.display_name}]
    else:
        resource["meta"] = {"security": [c.coding(c.SECURITY, "PSEUDED", "pseudonymized")]}
    return resource


def _activity_key(p: Prescription) -> tuple:
    return (p.exercise_id, p.dose, p.sides)


def _activities(plan: Plan, exercises: Mapping[str, Exercise]) -> list[dict]:
    """One activity per distinct prescription (exercise, dose, sides), with all its dates."""
    dates: dict[tuple, list[str]] = {}
    first: dict[tuple, Prescription] = {}
    for session in plan.sessions():
        for p in session.prescriptions:
            key = _activity_key(p)
            first.setdefault(key, p)
            dates.setdefault(key, []).append(session.date.isoformat())
    activities = []
    for key, p in first.items():
        exercise = exercises.get(p.exercise_id)
        name = exercise.name if exercise else p.exercise_id
        detail = {
            "kind": "ServiceRequest",
            "code": c.concept(c.EXERCISES, p.exercise_id, name),
            "status": "cancelled" if plan.stopped_reason else "scheduled",
            "description": f"{name}: {dose_text(p)}. {p.reason}".strip(),
            "scheduledTiming": {"event": sorted(set(dates[key]))},
        }
        activities.append({"detail": detail})
    return activities


def _care_plan(plan: Plan, patient_ref: str, exercises: Mapping[str, Exercise]) -> dict:
    sessions = plan.sessions()
    end = max((s.date for s in sessions), default=plan.start)
    resource = {
        "resourceType": "CarePlan",
        "identifier": _identifier("plan", plan.id),
        "status": "revoked" if plan.stopped_reason else "active",
        "intent": "plan",
        "title": "psoas exercise plan",
        "description": plan.summary or "A home exercise plan for the hip flexors.",
        "subject": {"reference": patient_ref},
        "period": {"start": plan.start.isoformat(), "end": end.isoformat()},
        "created": plan.created_at.isoformat(),
        "activity": _activities(plan, exercises),
    }
    if plan.stopped_reason:
        resource["note"] = [{"text": f"Stopped: {plan.stopped_reason}"}]
    return resource


def _value(m: Measurement) -> dict:
    if m.kind == MeasurementKind.PAIN:
        return {"valueInteger": round(m.value)}
    if m.kind == MeasurementKind.SELF_TEST:
        code = c.THIGH_BY_VALUE.get(round(m.value), "level")
        return {"valueCodeableConcept": c.concept(c.THIGH_POSITIONS, code, f"Thigh {code}")}
    ucum, unit = c.QUANTITY_UNITS.get(m.kind, ("1", m.unit))
    return {
        "valueQuantity": {"value": m.value, "unit": m.unit or unit, "system": c.UCUM, "code": ucum}
    }


def _body_site(m: Measurement) -> dict | None:
    joint = c.JOINTS.get(m.kind)
    if joint is None or m.side is None:
        return None
    code, display, words = joint
    side_code, side_display = c.LATERALITY[m.side]
    site = c.concept(c.SNOMED, code, display, f"{side_display} {words}")
    site["extension"] = [
        {
            "url": c.LATERALITY_EXTENSION,
            "valueCodeableConcept": c.concept(c.SNOMED, side_code, side_display),
        }
    ]
    return site


def _observation(m: Measurement, patient_ref: str) -> dict:
    system, code, display = c.MEASURE_CODES[m.kind]
    resource = {
        "resourceType": "Observation",
        "identifier": _identifier("measurement", m.id),
        "status": "final",
        "category": [c.concept(c.CATEGORY, c.CATEGORIES[m.kind], c.CATEGORIES[m.kind])],
        "code": c.concept(system, code, display),
        "subject": {"reference": patient_ref},
        "effectiveDateTime": m.taken_at.isoformat(),
        "method": c.concept(c.METHODS, m.method.value, m.method.value.replace("_", " ")),
        **_value(m),
    }
    site = _body_site(m)
    if site:
        resource["bodySite"] = site
    if m.label:
        label_code = c.coding(c.MEASURES, "label", "Activity or context")
        resource["component"] = [{"code": {"coding": [label_code]}, "valueString": m.label}]
    return resource


def _procedure(log: SessionLog, patient_ref: str, plan: Plan | None) -> dict:
    resource = {
        "resourceType": "Procedure",
        "identifier": _identifier("session-log", log.id),
        "status": "completed" if log.completed else "stopped",
        "code": {"text": "Home exercise session (psoas)"},
        "subject": {"reference": patient_ref},
        "performedPeriod": {
            "start": log.started_at.isoformat(),
            "end": log.finished_at.isoformat(),
        },
    }
    if plan is not None and log.plan_id == plan.id:
        resource["basedOn"] = [{"reference": _urn("plan", plan.id)}]
    if log.notes:
        resource["note"] = [{"text": log.notes}]
    return resource


def _log_pain(log: SessionLog, patient_ref: str) -> list[dict]:
    out = []
    for field, words in LOG_PAIN_FIELDS.items():
        value = getattr(log, field)
        if value is None:
            continue
        when = log.started_at if field in ("pain_before", "pain_during") else log.finished_at
        out.append(
            {
                "resourceType": "Observation",
                "identifier": _identifier("session-pain", f"{log.id}/{field}"),
                "status": "final",
                "category": [c.concept(c.CATEGORY, "survey", "survey")],
                "code": c.concept(*c.NRS_PAIN, text=words),
                "subject": {"reference": patient_ref},
                "effectiveDateTime": when.isoformat(),
                "partOf": [{"reference": _urn("session-log", log.id)}],
                "valueInteger": value,
            }
        )
    return out


def _entries(person, plan, measurements, logs, exercises, include_name) -> list[tuple[str, dict]]:
    patient_ref = _urn("person", person.id)
    entries = [(patient_ref, _patient(person, include_name))]
    if plan is not None:
        entries.append((_urn("plan", plan.id), _care_plan(plan, patient_ref, exercises)))
    for log in sorted(logs, key=lambda log: (log.started_at, log.id)):
        entries.append((_urn("session-log", log.id), _procedure(log, patient_ref, plan)))
        entries.extend(
            (_urn("session-pain", r["identifier"][0]["value"]), r)
            for r in _log_pain(log, patient_ref)
        )
    for m in sorted(measurements, key=lambda m: (m.taken_at, m.id)):
        entries.append((_urn("measurement", m.id), _observation(m, patient_ref)))
    return entries


def bundle(
    person: Person,
    plan: Plan | None,
    measurements: Iterable[Measurement],
    logs: Iterable[SessionLog],
    *,
    exercises: Mapping[str, Exercise] | None = None,
    include_name: bool = False,
    timestamp: datetime | None = None,
) -> bytes:
    """The Bundle (type ``collection``) as UTF-8 JSON, validated by fhir.resources.

    The Patient carries no name unless ``include_name`` (the person opted in); it is then
    tagged PSEUDED. ``timestamp`` (when the bundle was assembled) is passed in, never read
    from a clock, so equal inputs give equal bytes.
    """
    entries = _entries(person, plan, list(measurements), list(logs), exercises or {}, include_name)
    for url, resource in entries:
        resource["id"] = url.removeprefix("urn:uuid:")
    document: dict = {
        "resourceType": "Bundle",
        "id": str(uuid.uuid5(_NAMESPACE, f"bundle/{person.id}")),
        "type": "collection",
    }
    if timestamp is not None:
        document["timestamp"] = timestamp.isoformat()
    document["entry"] = [{"fullUrl": url, "resource": resource} for url, resource in entries]
    Bundle.model_validate(document)
    return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")
