"""An accepted photo reading as answers of the assessment's self-test step (in the draft),
and the form fields a problem with it belongs to."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import Request

from psoas.domain.errors import InvalidValue, PsoasError
from psoas.domain.pose.angles import KNEE_BENT_MIN_DEG
from psoas.domain.records.validation import raise_problems
from psoas.domain.screening.questions import coerce_answer
from psoas.domain.screening.self_test import side_question_id
from psoas.services import assessment as assessment_service
from psoas.services.photo import check_answer
from psoas.web.deps import context_of
from psoas.web.forms import field_errors
from psoas.web.routes.assessment_steps import keep_draft, read_draft


def fill_self_test(request: Request, values: dict[str, Any], today: date) -> None:
    """Put the side's thigh, hip angle and knee into the draft, checked as if typed there;
    nothing is stored when any of them does not fit."""
    questionnaire = assessment_service.questions(context_of(request))
    side = values["side"]
    raw: dict[str, Any] = {
        "self_test_done": "yes",
        side_question_id(side, "thigh"): values["thigh"].value,
        side_question_id(side, "hip_angle"): f"{values['hip_angle_deg']:g}",  # as if typed
    }
    if values["knee_bend_deg"] is not None:
        bent = values["knee_bend_deg"] >= KNEE_BENT_MIN_DEG
        raw[side_question_id(side, "knee")] = "bent" if bent else "straightens"
    answers, problems = {}, []
    for question_id, value in raw.items():
        try:
            answers[question_id] = coerce_answer(questionnaire.get(question_id), value, today)
        except InvalidValue as problem:
            problems.append(problem)
    raise_problems(problems)
    check_answer(
        values["thigh"], values["hip_angle_deg"], questionnaire.self_test.angle_tolerance_deg
    )
    read_draft(request).update(answers)
    keep_draft(request)  # in the database: the step may be shown by another process


def form_errors(exc: PsoasError, side: str) -> dict[str, str]:
    """{form field: problem}; a problem of no field on the form is said at the top."""
    fields = {
        f"{side}_thigh": "thigh",
        f"self_test.{side}": "thigh",
        "thigh": "thigh",
        f"{side}_hip_angle": "hip_angle_deg",
        f"hip_angle.{side}": "hip_angle_deg",
        "hip_angle": "hip_angle_deg",
        "hip_angle_deg": "hip_angle_deg",
        f"{side}_knee": "knee_bend_deg",
        f"knee_angle.{side}": "knee_bend_deg",
        "knee_bend_deg": "knee_bend_deg",
    }
    errors: dict[str, str] = {}
    for field, problem in field_errors(exc).items():
        name = fields.get(field)
        if name is None:
            errors.setdefault("form", problem)
        else:
            errors.setdefault(name, problem)
    return errors
