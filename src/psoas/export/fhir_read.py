"""Read a psoas FHIR Bundle back into domain values (the round trip of ``fhir.bundle``)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError

from psoas.domain.errors import InvalidValue
from psoas.domain.records.measurements import Measurement, MeasurementKind, Method, Side
from psoas.export import fhir_codes as c

_DEFAULT_UNITS = {MeasurementKind.PAIN: "NRS", MeasurementKind.SELF_TEST: "category"}


@dataclass(frozen=True)
class FhirContents:
    """What a psoas Bundle holds, in domain words."""

    person_id: str
    name: str | None
    plan_id: str | None
    activities: tuple[str, ...]  # each activity's description
    measurements: tuple[Measurement, ...]
    session_logs: tuple[str, ...]  # psoas log ids, in bundle order
    session_pain: dict[str, dict[str, int]] = field(default_factory=dict)  # log id -> field -> NRS


def _psoas_id(resource: dict, kind: str) -> str:
    for ident in resource.get("identifier", []):
        if ident.get("system") == f"{c.IDENTIFIERS}/{kind}":
            return ident["value"]
    raise InvalidValue(resource.get("resourceType", "resource"), f"has no psoas {kind} identifier")


def _code(concept: dict, system: str) -> str | None:
    return next(
        (cd["code"] for cd in concept.get("coding", []) if cd.get("system") == system), None
    )


def _side(resource: dict) -> Side | None:
    for ext in resource.get("bodySite", {}).get("extension", []):
        if ext.get("url") == c.LATERALITY_EXTENSION:
            return c.SIDE_BY_LATERALITY.get(_code(ext["valueCodeableConcept"], c.SNOMED) or "")
    return None


def _kind(resource: dict) -> MeasurementKind | None:
    concept = resource["code"]
    if _code(concept, c.LOINC) == c.NRS_PAIN[1]:
        return MeasurementKind.PAIN
    return c.KIND_BY_CODE.get(_code(concept, c.MEASURES) or "")


def _measurement(resource: dict, person_id: str, kind: MeasurementKind) -> Measurement:
    if "valueQuantity" in resource:
        value, unit = float(resource["valueQuantity"]["value"]), resource["valueQuantity"]["unit"]
    elif "valueInteger" in resource:
        value, unit = float(resource["valueInteger"]), _DEFAULT_UNITS.get(kind, "")
    else:
        thigh = _code(resource["valueCodeableConcept"], c.THIGH_POSITIONS) or "level"
        value, unit = float(c.VALUE_BY_THIGH[thigh]), _DEFAULT_UNITS.get(kind, "")
    label = next((comp["valueString"] for comp in resource.get("component", [])), "")
    return Measurement(
        id=_psoas_id(resource, "measurement"),
        person_id=person_id,
        kind=kind,
        value=value,
        unit=unit,
        method=Method(_code(resource["method"], c.METHODS)),
        taken_at=datetime.fromisoformat(resource["effectiveDateTime"]),
        side=_side(resource),
        label=label,
    )


def read_bundle(data: bytes) -> FhirContents:
    """Validate ``data`` as an R4 Bundle and pull out the psoas records it carries."""
    try:
        Bundle.model_validate_json(data)
    except ValidationError as exc:
        raise InvalidValue(
            "bundle", f"is not a valid FHIR Bundle ({exc.error_count()} problems)"
        ) from None
    resources = [e["resource"] for e in json.loads(data).get("entry", [])]
    patient = next((r for r in resources if r["resourceType"] == "Patient"), None)
    if patient is None:
        raise InvalidValue("bundle", "holds no Patient")
    person_id = _psoas_id(patient, "person")
    plan = next((r for r in resources if r["resourceType"] == "CarePlan"), None)
    measurements, logs, pain = [], [], {}
    for r in resources:
        if r["resourceType"] == "Procedure":
            logs.append(_psoas_id(r, "session-log"))
        elif r["resourceType"] == "Observation" and any(
            i.get("system") == f"{c.IDENTIFIERS}/session-pain" for i in r.get("identifier", [])
        ):
            log_id, pain_field = _psoas_id(r, "session-pain").rsplit("/", 1)
            pain.setdefault(log_id, {})[pain_field] = r["valueInteger"]
        elif r["resourceType"] == "Observation" and (kind := _kind(r)) is not None:
            measurements.append(_measurement(r, person_id, kind))
    return FhirContents(
        person_id=person_id,
        name=(patient.get("name") or [{}])[0].get("text"),
        plan_id=_psoas_id(plan, "plan") if plan else None,
        activities=tuple(a["detail"]["description"] for a in (plan or {}).get("activity", [])),
        measurements=tuple(measurements),
        session_logs=tuple(logs),
        session_pain=pain,
    )
