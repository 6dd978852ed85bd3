"""The screening as FHIR: psoas's own Questionnaire resource and the person's answers as a
QuestionnaireResponse against it (see docs/fhir.md).

Each question is an item with its id as ``linkId``. Choice answers are Codings in one psoas
code system (``screening-answers``), codes being the catalogue's answer values. A question
asked only after an earlier answer carries ``enableWhen`` so a form filler asks it the same way.
"""

from __future__ import annotations

from typing import Any

from psoas.domain.screening.answer_values import AnswerType
from psoas.domain.screening.assessment import Assessment
from psoas.domain.screening.questions import Question, Questionnaire
from psoas.export import fhir_codes as c
from psoas.export.local_time import local_iso

QUESTIONNAIRE_URL = f"{c.BASE}/Questionnaire/screening"
ANSWERS = f"{c.BASE}/CodeSystem/screening-answers"
ITEM_TYPES = {
    AnswerType.YES_NO: "boolean",
    AnswerType.SINGLE_CHOICE: "choice",
    AnswerType.MULTI_CHOICE: "choice",
    AnswerType.INTEGER: "integer",
    AnswerType.NUMBER: "decimal",
    AnswerType.DATE: "date",
    AnswerType.TEXT: "text",
    AnswerType.TIME: "time",
}


def canonical(questionnaire: Questionnaire) -> str:
    return f"{QUESTIONNAIRE_URL}|{questionnaire.version}"


def _enable_when(question: Question, by_id: dict[str, Question]) -> dict:
    when = question.when
    assert when is not None
    earlier = by_id.get(when.question)
    if when.answered or earlier is None or not when.any_of:
        return {
            "enableWhen": [{"question": when.question, "operator": "exists", "answerBoolean": True}]
        }
    conditions = [
        {"question": when.question, "operator": "=", **_answer(earlier, value)}
        for value in when.any_of
    ]
    return (
        {"enableWhen": conditions, "enableBehavior": "any"}
        if len(conditions) > 1
        else {"enableWhen": conditions}
    )


def _item(question: Question, by_id: dict[str, Question]) -> dict:
    item: dict[str, Any] = {
        "linkId": question.id,
        "text": question.text,
        "type": ITEM_TYPES[question.type],
        "required": question.required and question.when is None,
    }
    if question.type == AnswerType.MULTI_CHOICE:
        item["repeats"] = True
    if question.choices:
        item["answerOption"] = [
            {"valueCoding": c.coding(ANSWERS, choice.value, choice.label)}
            for choice in question.choices
        ]
    if question.type == AnswerType.TEXT and question.max_items:
        item["maxLength"] = question.max_items
    if question.when is not None:
        item.update(_enable_when(question, by_id))
    return item


def questionnaire_resource(questionnaire: Questionnaire) -> dict:
    by_id = {q.id: q for q in questionnaire}
    return {
        "resourceType": "Questionnaire",
        "url": QUESTIONNAIRE_URL,
        "identifier": [{"system": f"{c.IDENTIFIERS}/questionnaire", "value": "screening"}],
        "version": questionnaire.version,
        "name": "PsoasScreening",
        "title": "psoas screening",
        "status": "active",
        "subjectType": ["Patient"],
        "description": (
            "Safety screening and self-test before a home exercise plan for the hip flexors. "
            "It screens; it does not diagnose."
        ),
        "item": [_item(q, by_id) for q in questionnaire],
    }


def _answer(question: Question, value: Any) -> dict:
    kind = question.type
    if kind == AnswerType.YES_NO:
        return {"answerBoolean": bool(value)}
    if kind in (AnswerType.SINGLE_CHOICE, AnswerType.MULTI_CHOICE):
        return {"answerCoding": c.coding(ANSWERS, str(value), question.label_of(str(value)))}
    if kind == AnswerType.INTEGER:
        return {"answerInteger": int(value)}
    if kind == AnswerType.NUMBER:
        return {"answerDecimal": float(value)}
    if kind == AnswerType.DATE:
        return {"answerDate": str(value)}
    if kind == AnswerType.TIME:
        text = str(value)
        return {"answerTime": text if text.count(":") == 2 else f"{text}:00"}
    return {"answerString": str(value)}


def _answers(question: Question, value: Any) -> list[dict]:
    values = value if isinstance(value, list) else [value]
    out = []
    for v in values:
        entry = _answer(question, v)
        out.append({key.replace("answer", "value", 1): item for key, item in entry.items()})
    return out


def questionnaire_response(
    assessment: Assessment, questionnaire: Questionnaire, patient_ref: str, zone: str = "UTC"
) -> dict:
    """The answers given, question by question, in the Questionnaire's order."""
    items = []
    for question in questionnaire:
        value = assessment.answers.get(question.id)
        if value is None or value == "" or value == []:
            continue
        items.append(
            {"linkId": question.id, "text": question.text, "answer": _answers(question, value)}
        )
    return {
        "resourceType": "QuestionnaireResponse",
        "identifier": {"system": f"{c.IDENTIFIERS}/assessment", "value": assessment.id},
        "questionnaire": canonical(questionnaire),
        "status": "completed",
        "subject": {"reference": patient_ref},
        "authored": local_iso(assessment.taken_at, zone),
        "item": items,
    }
