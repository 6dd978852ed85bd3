"""Code systems and codes used by the FHIR export (documented in docs/fhir.md).

LOINC 72514-3 for NRS pain comes from clinical-facts.md section 8 (confirmed there). No LOINC
code measures a hip angle in degrees, so hip and knee angles, the self-test category, PSFS and
sitting hours use psoas's own code system. SNOMED CT body sites: 24136001 hip joint structure,
49076000 knee joint structure; laterality qualifiers 7771000 left and 24028007 right (the FHIR
bodysite-laterality value set).
"""

from __future__ import annotations

from psoas.domain.records.measurements import MeasurementKind, Side

BASE = "https://psoas.invalid/fhir"  # psoas owns no web domain; .invalid never resolves
MEASURES = f"{BASE}/CodeSystem/measures"
METHODS = f"{BASE}/CodeSystem/methods"
EXERCISES = f"{BASE}/CodeSystem/exercises"
THIGH_POSITIONS = f"{BASE}/CodeSystem/thigh-position"
LATERALITY_EXTENSION = f"{BASE}/StructureDefinition/laterality"
IDENTIFIERS = f"{BASE}/identifier"
LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
SECURITY = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue"

NRS_PAIN = (LOINC, "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")

MEASURE_CODES: dict[MeasurementKind, tuple[str, str, str]] = {
    MeasurementKind.PAIN: NRS_PAIN,
    MeasurementKind.HIP_ANGLE: (
        MEASURES,
        "mtt-hip-angle",
        "Hip angle in the bench-edge (modified Thomas) test, thigh against horizontal",
    ),
    MeasurementKind.KNEE_ANGLE: (
        MEASURES,
        "mtt-knee-angle",
        "Knee flexion angle in the bench-edge (modified Thomas) test",
    ),
    MeasurementKind.SELF_TEST: (
        MEASURES,
        "mtt-thigh-position",
        "Thigh position in the bench-edge self-test (above, level or below the bench line)",
    ),
    MeasurementKind.PSFS: (MEASURES, "psfs-item", "Patient-Specific Functional Scale item score"),
    MeasurementKind.SITTING_HOURS: (MEASURES, "sitting-hours", "Hours spent sitting per day"),
}
KIND_BY_CODE = {code: kind for kind, (_, code, _) in MEASURE_CODES.items()}

CATEGORIES = {
    MeasurementKind.PAIN: "survey",
    MeasurementKind.PSFS: "survey",
    MeasurementKind.SITTING_HOURS: "social-history",
    MeasurementKind.HIP_ANGLE: "exam",
    MeasurementKind.KNEE_ANGLE: "exam",
    MeasurementKind.SELF_TEST: "exam",
}

# kind -> UCUM code of its valueQuantity; the unit display is the same UCUM string, so code and
# display always agree whatever unit text the measurement was stored with. Pain and the
# self-test are valueInteger / valueCodeableConcept instead.
QUANTITY_UNITS: dict[MeasurementKind, str] = {
    MeasurementKind.HIP_ANGLE: "deg",
    MeasurementKind.KNEE_ANGLE: "deg",
    MeasurementKind.PSFS: "{score}",
    MeasurementKind.SITTING_HOURS: "h/d",
}
# SNOMED CT 229065009 |Exercise therapy (regime/therapy)| for a session Procedure. The concept
# is from the SNOMED CT browser, not from clinical-facts.md [unconfirmed there]; no code exists
# for a single catalogue exercise, so those stay psoas codes with text.
EXERCISE_THERAPY = (SNOMED, "229065009", "Exercise therapy (regime/therapy)")

JOINTS = {
    MeasurementKind.HIP_ANGLE: ("24136001", "Hip joint structure", "hip joint"),
    MeasurementKind.SELF_TEST: ("24136001", "Hip joint structure", "hip joint"),
    MeasurementKind.KNEE_ANGLE: ("49076000", "Knee joint structure", "knee joint"),
}
LATERALITY = {Side.LEFT: ("7771000", "Left"), Side.RIGHT: ("24028007", "Right")}
SIDE_BY_LATERALITY = {code: side for side, (code, _) in LATERALITY.items()}

THIGH_BY_VALUE = {1: "above", 0: "level", -1: "below"}
VALUE_BY_THIGH = {code: value for value, code in THIGH_BY_VALUE.items()}


def coding(system: str, code: str, display: str | None = None) -> dict[str, str]:
    out = {"system": system, "code": code}
    if display:
        out["display"] = display
    return out


def concept(system: str, code: str, display: str, text: str | None = None) -> dict:
    return {"coding": [coding(system, code, display)], "text": text or display}
