"""A FHIR R4 Bundle of a person's plan, session logs, measurements and screening (see
docs/fhir.md), as a ``collection`` or as a ``transaction`` a FHIR server takes as it is.

Built with the R4B models of fhir.resources (FHIR 4.3, wire-compatible with R4 for the
resources used here: Bundle, Patient, CarePlan, Procedure, Observation, Questionnaire,
QuestionnaireResponse). Every shape of resource is validated by the library before it is
written (``fhir_validate``); ids are UUIDv5 of psoas ids, so the same records always give the
same bytes and the same ``urn:uuid`` full URLs.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime

from psoas.domain.catalogue.exercises import Exercise
from psoas.domain.planning.plans import Plan, Prescription
from psoas.domain.records.measurements import Measurement, MeasurementKind
from psoas.domain.records.people import Person
from psoas.domain.records.session_logs import SessionLog
from psoas.domain.screening.assessment import Assessment
from psoas.domain.screening.questions import Questionnaire
from psoas.export import fhir_codes as c
from psoas.export.fhir_questionnaire import (
    QUESTIONNAIRE_URL,
    questionnaire_resource,
    questionnaire_response,
)
from psoas.export.fhir_read import FhirContents, read_bundle
from psoas.export.fhir_validate import cyclic_gc_paused, validate_bundle
from psoas.export.local_time import local_iso
from psoas.export.wording import dose_text

__all__ = ["BUNDLE_TYPES", "FhirContents", "bundle", "read_bundle"]

BUNDLE_TYPES = ("collection", "transaction")
PLACEHOLDER_NAMES = {"", "me"}  # personal mode's default person is called "Me"

_NAMESPACE = uuid.UUID("5f0c7d2e-8a1b-4c3d-9e4f-70a1b2c3d4e5")
LOG_PAIN_FIELDS = {
    "pain_before": "Pain before the session",
    "pain_during": "Highest pain during the session",
    "pain_after": "Pain after the session",
    "next_morning_pain": "Pain the next morning",
}


def _urn(kind: str, key: str) -> str:
    """``urn:uuid:`` + uuid5(_NAMESPACE, "kind/key"), computed without building UUID objects
    (a year of logs needs thousands)."""
    digest = bytearray(hashlib.sha1(_NAMESPACE.bytes + f"{kind}/{key}".encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"urn:uuid:{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _identifier(kind: str, value: str) -> list[dict]:
    return [{"system": f"{c.IDENTIFIERS}/{kind}", "value": value}]


def _patient(person: Person, include_name: bool) -> dict:
    resource: dict = {"resourceType": "Patient", "identifier": _identifier("person", person.id)}
    name = person.display_name.strip()
    if include_name and name.lower() not in PLACEHOLDER_NAMES:
        resource["name"] = [{"text": name}]
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


def _care_plan(plan: Plan, patient_ref: str, exercises: Mapping[str, Exercise], zone: str) -> dict:
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
        "created": local_iso(plan.created_at, zone),
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
    ucum = c.QUANTITY_UNITS.get(m.kind, "1")
    return {"valueQuantity": {"value": m.value, "unit": ucum, "system": c.UCUM, "code": ucum}}


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


def _observation(m: Measurement, patient_ref: str, zone: str) -> dict:
    system, code, display = c.MEASURE_CODES[m.kind]
    resource = {
        "resourceType": "Observation",
        "identifier": _identifier("measurement", m.id),
        "status": "final",
        "category": [c.concept(c.CATEGORY, c.CATEGORIES[m.kind], c.CATEGORIES[m.kind])],
        "code": c.concept(system, code, display),
        "subject": {"reference": patient_ref},
        "effectiveDateTime": local_iso(m.taken_at, zone),
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


def _procedure(log: SessionLog, patient_ref: str, plan: Plan | None, zone: str) -> dict:
    resource = {
        "resourceType": "Procedure",
        "identifier": _identifier("session-log", log.id),
        "status": "completed" if log.completed else "stopped",
        "code": c.concept(*c.EXERCISE_THERAPY, text="Home exercise session (psoas)"),
        "subject": {"reference": patient_ref},
    }
    if log.times_given:
        period = {"start": local_iso(log.started_at, zone), "end": local_iso(log.finished_at, zone)}
        resource["performedPeriod"] = period
    else:  # logged afterwards: the day is known, the clock times are not
        resource["performedDateTime"] = log.session_date.isoformat()
    if plan is not None and log.plan_id == plan.id:
        resource["basedOn"] = [{"reference": _urn("plan", plan.id)}]
    if log.notes:
        resource["note"] = [{"text": log.notes}]
    return resource


def _log_pain(log: SessionLog, patient_ref: str, zone: str) -> list[dict]:
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
                "effectiveDateTime": local_iso(when, zone),
                "partOf": [{"reference": _urn("session-log", log.id)}],
                "valueInteger": value,
            }
        )
    return out


def _entries(person, plan, measurements, logs, exercises, include_name, screening):
    patient_ref = _urn("person", person.id)
    zone = person.timezone  # every instant is written in the person's own zone
    entries = [(patient_ref, _patient(person, include_name))]
    if screening is not None:
        assessment, questionnaire = screening
        entries.append(
            (_urn("questionnaire", questionnaire.version), questionnaire_resource(questionnaire))
        )
        response = questionnaire_response(assessment, questionnaire, patient_ref, zone)
        entries.append((_urn("assessment", assessment.id), response))
    if plan is not None:
        entries.append((_urn("plan", plan.id), _care_plan(plan, patient_ref, exercises, zone)))
    for log in sorted(logs, key=lambda log: (log.started_at, log.id)):
        entries.append((_urn("session-log", log.id), _procedure(log, patient_ref, plan, zone)))
        entries.extend(
            (_urn("session-pain", r["identifier"][0]["value"]), r)
            for r in _log_pain(log, patient_ref, zone)
        )
    for m in sorted(measurements, key=lambda m: (m.taken_at, m.id)):
        entries.append((_urn("measurement", m.id), _observation(m, patient_ref, zone)))
    return entries


def _request(resource: dict) -> dict:
    """A conditional create: the server makes the resource unless one with its psoas
    identifier (or, for the Questionnaire, its url and version) is already there."""
    kind = resource["resourceType"]
    if kind == "Questionnaire":
        condition = f"url={QUESTIONNAIRE_URL}&version={resource['version']}"
    else:
        ident = resource["identifier"]
        ident = ident[0] if isinstance(ident, list) else ident
        condition = f"identifier={ident['system']}|{ident['value']}"
    return {"method": "POST", "url": kind, "ifNoneExist": condition}


def bundle(
    person: Person,
    plan: Plan | None,
    measurements: Iterable[Measurement],
    logs: Iterable[SessionLog],
    *,
    exercises: Mapping[str, Exercise] | None = None,
    include_name: bool = False,
    timestamp: datetime | None = None,
    assessment: Assessment | None = None,
    questionnaire: Questionnaire | None = None,
    bundle_type: str = "collection",
) -> bytes:
    """The Bundle as UTF-8 JSON, validated by fhir.resources.

    ``bundle_type`` "transaction" makes every entry a conditional create on its psoas
    identifier, so posting the file twice to a FHIR server creates nothing twice. The screening
    goes in as a QuestionnaireResponse (with psoas's Questionnaire) when both ``assessment`` and
    ``questionnaire`` are given. The Patient carries no name unless ``include_name`` (the person
    opted in), and never personal mode's placeholder "Me"; without a name it is tagged PSEUDED.
    ``timestamp`` is passed in, never read from a clock, so equal inputs give equal bytes.
    Every instant is written in the person's own zone (``person.timezone``) with its offset;
    dates meant as days (a plan's period, a session logged afterwards) stay dates.
    """
    if bundle_type not in BUNDLE_TYPES:
        raise ValueError(f"bundle_type must be one of {BUNDLE_TYPES}, not {bundle_type!r}")
    screening = (assessment, questionnaire) if assessment and questionnaire else None
    with cyclic_gc_paused():
        entries = _entries(
            person, plan, list(measurements), list(logs), exercises or {}, include_name, screening
        )
        transaction = bundle_type == "transaction"
        items = []
        for url, resource in entries:
            item: dict = {"fullUrl": url, "resource": resource}
            if transaction:
                item["request"] = _request(resource)
            else:
                resource["id"] = url.removeprefix("urn:uuid:")
            items.append(item)
        document: dict = {
            "resourceType": "Bundle",
            "id": _urn("bundle", person.id + ("/transaction" if transaction else ""))[9:],
            "type": bundle_type,
        }
        if timestamp is not None:
            document["timestamp"] = local_iso(timestamp, person.timezone)
        document["entry"] = items
        validate_bundle(document)
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
