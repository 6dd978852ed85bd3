"""FHIR transaction Bundle and the screening as a QuestionnaireResponse: every resource
validates on its own (fhir.resources R4B), each entry is a conditional create on its psoas
identifier, answers match their Questionnaire items, units agree, the placeholder name never
leaves, and a long history still exports correctly."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from export_samples import DTSTAMP, exercises, logs, measurements, person, plan
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError

from psoas.catalogue.questions import load_questionnaire
from psoas.domain.screening.assessment import Assessment
from psoas.export import fhir_codes as c
from psoas.export.fhir import bundle, read_bundle
from psoas.export.fhir_questionnaire import ANSWERS, ITEM_TYPES, QUESTIONNAIRE_URL
from psoas.export.fhir_validate import validate_bundle

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
QUESTIONNAIRE = load_questionnaire()
ANSWER_KEYS = {
    "boolean": "valueBoolean",
    "choice": "valueCoding",
    "integer": "valueInteger",
    "decimal": "valueDecimal",
    "date": "valueDate",
    "text": "valueString",
    "time": "valueTime",
}


def _assessment(name: str = "desk-worker.yaml") -> Assessment:
    from tests.integration.export_samples import assessment

    answers = yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))
    return replace(assessment(), answers=answers)


def _export(bundle_type: str = "transaction", **kw) -> dict:
    data = bundle(
        kw.pop("who", person()),
        plan(),
        measurements(),
        kw.pop("the_logs", logs()),
        exercises=exercises(),
        timestamp=DTSTAMP,
        assessment=_assessment(),
        questionnaire=QUESTIONNAIRE,
        bundle_type=bundle_type,
        **kw,
    )
    return json.loads(data)


def _validate_all(document: dict) -> None:
    Bundle.model_validate(document)
    for entry in document["entry"]:
        resource = entry["resource"]
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)


@pytest.mark.parametrize("bundle_type", ["collection", "transaction"])
def test_every_resource_of_both_bundle_types_validates(bundle_type):
    document = _export(bundle_type)
    assert document["type"] == bundle_type
    _validate_all(document)
    kinds = [e["resource"]["resourceType"] for e in document["entry"]]
    assert kinds.count("Questionnaire") == 1 and kinds.count("QuestionnaireResponse") == 1


def test_a_transaction_is_a_conditional_create_per_entry():
    document = _export()
    urls = [e["fullUrl"] for e in document["entry"]]
    assert len(set(urls)) == len(urls) and all(u.startswith("urn:uuid:") for u in urls)
    for entry in document["entry"]:
        resource, request = entry["resource"], entry["request"]
        assert "id" not in resource  # the server assigns ids
        assert request["method"] == "POST" and request["url"] == resource["resourceType"]
        if resource["resourceType"] == "Questionnaire":
            assert (
                request["ifNoneExist"] == f"url={QUESTIONNAIRE_URL}&version={QUESTIONNAIRE.version}"
            )
            continue
        ident = resource["identifier"]
        ident = ident[0] if isinstance(ident, list) else ident
        assert request["ifNoneExist"] == f"identifier={ident['system']}|{ident['value']}"
    patient = document["entry"][0]
    assert patient["request"]["ifNoneExist"] == f"identifier={c.IDENTIFIERS}/person|p-1"


def test_the_screening_answers_match_their_questionnaire_items():
    document = _export()
    resources = {e["resource"]["resourceType"]: e["resource"] for e in document["entry"]}
    questionnaire, response = resources["Questionnaire"], resources["QuestionnaireResponse"]
    assert response["questionnaire"] == f"{QUESTIONNAIRE_URL}|{questionnaire['version']}"
    assert response["subject"]["reference"] == document["entry"][0]["fullUrl"]
    items = {item["linkId"]: item for item in questionnaire["item"]}
    assert set(items) == {q.id for q in QUESTIONNAIRE}
    answered = _assessment().answers
    assert {i["linkId"] for i in response["item"]} == {
        k for k, v in answered.items() if k in items and v not in (None, "", [])
    }
    for item in response["item"]:
        definition = items[item["linkId"]]
        key = ANSWER_KEYS[definition["type"]]
        for answer in item["answer"]:
            assert list(answer) == [key], item["linkId"]
            if key == "valueCoding":
                options = {o["valueCoding"]["code"] for o in definition["answerOption"]}
                assert answer[key]["system"] == ANSWERS and answer[key]["code"] in options
        if not definition.get("repeats"):
            assert len(item["answer"]) == 1
    assert set(ITEM_TYPES.values()) <= set(ANSWER_KEYS)


def test_procedures_are_coded_and_quantity_units_agree_with_their_ucum_code():
    for entry in _export("collection")["entry"]:
        resource = entry["resource"]
        if resource["resourceType"] == "Procedure":
            coding = resource["code"]["coding"][0]
            assert (coding["system"], coding["code"]) == (c.SNOMED, "229065009")
            assert resource["code"]["text"] == "Home exercise session (psoas)"
        quantity = resource.get("valueQuantity")
        if quantity:
            assert quantity["system"] == c.UCUM and quantity["unit"] == quantity["code"]


@pytest.mark.parametrize("placeholder", ["Me", "me", " ME "])
def test_the_placeholder_name_is_never_exported(placeholder):
    document = _export("collection", who=person(placeholder), include_name=True)
    patient = document["entry"][0]["resource"]
    assert "name" not in patient and patient["meta"]["security"][0]["code"] == "PSEUDED"


def test_a_resource_of_a_new_shape_is_validated_even_late_in_a_long_bundle():
    document = _export("collection")
    broken = json.loads(json.dumps(document["entry"][-1]))
    broken["resource"]["status"] = ["final"]  # a list where a code belongs: a new shape
    with pytest.raises(ValidationError):
        validate_bundle({**document, "entry": [*document["entry"], broken]})


def test_a_long_history_exports_every_log_correctly():
    first = logs()[0]
    many = [
        replace(
            first,
            id=f"log-{n}",
            started_at=first.started_at + timedelta(days=n),
            finished_at=first.finished_at + timedelta(days=n),
            notes="" if n % 3 else f"note {n}",
            completed=n % 7 != 0,
        )
        for n in range(150)
    ]
    document = _export("collection", the_logs=many)
    _validate_all(document)
    contents = read_bundle(json.dumps(document).encode())
    assert contents.session_logs == tuple(f"log-{n}" for n in range(150))
    procedures = [
        e["resource"] for e in document["entry"] if e["resource"]["resourceType"] == "Procedure"
    ]
    assert sum(p["status"] == "stopped" for p in procedures) == len(range(0, 150, 7))
    assert sum("note" in p for p in procedures) == len(range(0, 150, 3))
    assert procedures[0]["performedPeriod"]["start"] == datetime.isoformat(
        first.started_at.astimezone(ZoneInfo("Europe/Berlin"))  # the sample person's zone
    )
