"""The onboarding assessment: one section per step, driven by the same question data as the CLI.

Answers are checked with the domain's ``coerce_answer`` as each step is submitted and kept in a
server-side draft per person (so a reload or going back loses nothing); conditions are the
questionnaire's own (``Questionnaire.applicable``). The last step runs the assessment service.
The draft and the step helpers live in ``psoas.web.routes.assessment_steps``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.datastructures import FormData
from starlette.responses import Response

from psoas.domain.errors import InvalidInput, InvalidValue
from psoas.domain.screening.assessment import Assessment
from psoas.domain.screening.headline import Headline, headline
from psoas.domain.screening.questions import AnswerType, Question, Questionnaire
from psoas.domain.serial import to_primitive
from psoas.export.figures import exercise_svg
from psoas.services import assessment as assessment_service
from psoas.web.deps import context_of, person_id
from psoas.web.forms import field_errors
from psoas.web.referral import urgent_referral
from psoas.web.routes.assessment_steps import (
    _cross_check,
    _read_step,
    _shown,
    _steps_with_questions,
    drop_draft,
    keep_draft,
    page_questions,
    possible_steps,
    read_draft,
    side_blocks,
    step_questions,
)
from psoas.web.schemas import model_for
from psoas.web.sync_form import read_form
from psoas.web.templating import render

router = APIRouter(tags=["assessment"])
AssessmentOut = model_for(Assessment)
QuestionnaireOut = model_for(Questionnaire)
HeadlineOut = model_for(Headline)


# ----- pages ---------------------------------------------------------------------------------


def _step_page(
    request: Request,
    index: int,
    *,
    errors: dict | None = None,
    form: FormData | None = None,
    status: int = 200,
) -> Response:
    ctx = context_of(request)
    questionnaire = assessment_service.questions(ctx)
    draft = read_draft(request)
    steps = _steps_with_questions(questionnaire, draft)
    index = max(0, min(index, len(steps) - 1))
    section = steps[index]
    questions, waiting = page_questions(questionnaire, section, draft)
    possible = possible_steps(questionnaire, draft)
    guide = questionnaire.self_test
    illustration = ""
    if section == "self_test" and guide.illustration in ctx.catalogue:
        illustration = exercise_svg(ctx.catalogue.get(guide.illustration), animated=False)
    context = {
        "active": "home",
        "section": section,
        "index": index,
        "steps": steps,
        "position": possible.index(section) + 1 if section in possible else index + 1,
        "step_count": max(len(possible), len(steps)),
        "questions": questions,
        "blocks": side_blocks(questions),
        "waiting": waiting,
        "values": _shown(draft, form, questions),
        "errors": errors or {},
        "guide": guide if section == "self_test" else None,
        "illustration": illustration,
        "is_last": index == len(steps) - 1,
        "AnswerType": AnswerType,
    }
    return render(request, "assessment.html", context, status_code=status)


@router.get("/assessment", response_class=HTMLResponse, include_in_schema=False)
def assessment_page(request: Request, step: int = 0) -> Response:
    return _step_page(request, step)


@router.post("/assessment", include_in_schema=False)
def assessment_step(request: Request) -> Response:
    response = _assessment_step(request)
    keep_draft(request)  # in the database: the next page may come from another process
    return response


def _assessment_step(request: Request) -> Response:
    form = read_form(request)
    ctx = context_of(request)
    questionnaire = assessment_service.questions(ctx)
    draft = read_draft(request)
    steps = _steps_with_questions(questionnaire, draft)
    try:
        index = max(0, min(int(str(form.get("step", "0"))), len(steps) - 1))
    except ValueError:
        index = 0
    section = steps[index]
    asked = step_questions(questionnaire, section, draft)
    today = ctx.clock.today()
    if form.get("action") == "back":
        _read_step(form, asked, draft, today)  # keep what was typed, even if incomplete
        return RedirectResponse(f"/assessment?step={max(0, index - 1)}", status_code=303)
    errors = _read_step(form, asked, draft, today)
    if form.get("enhanced") == "1":  # follow-ups were shown and answered on this same page
        asked = _read_follow_ups(form, questionnaire, section, asked, draft, today, errors)
    errors.update(_cross_check(questionnaire, asked, draft))
    if assessment_service.urgent_signs(ctx, draft):  # stop here, as the terminal does
        return _finish(request, draft)
    if errors:
        return _step_page(request, index, errors=errors, form=form, status=422)
    now_asked = {q.id for q in step_questions(questionnaire, section, draft)}
    if now_asked - {q.id for q in asked}:  # an answer opened a follow-up question here
        return _step_page(request, index)
    steps = _steps_with_questions(questionnaire, draft)
    position = steps.index(section) if section in steps else index
    if position + 1 < len(steps):
        return RedirectResponse(f"/assessment?step={position + 1}", status_code=303)
    return _finish(request, draft)


def _read_follow_ups(
    form: FormData,
    questionnaire: Questionnaire,
    section: str,
    asked: list[Question],
    draft: dict[str, Any],
    today: date,
    errors: dict[str, str],
) -> list[Question]:
    """Read the questions the answers just read made applicable, until none is new."""
    while True:
        known = {q.id for q in asked}
        new = [q for q in step_questions(questionnaire, section, draft) if q.id not in known]
        if not new:
            return asked
        errors.update(_read_step(form, new, draft, today))
        asked = asked + new


def _finish(request: Request, draft: dict[str, Any]) -> Response:
    ctx = context_of(request)
    try:
        assessment_service.run_assessment(ctx, person_id(request), draft)
    except (InvalidInput, InvalidValue) as exc:
        errors = field_errors(exc)
        questionnaire = assessment_service.questions(ctx)
        steps = _steps_with_questions(questionnaire, draft)
        first = next(
            (
                i
                for i, s in enumerate(steps)
                for q in step_questions(questionnaire, s, draft)
                if q.id in errors
            ),
            0,
        )
        return _step_page(request, first, errors=errors, status=422)
    drop_draft(request)
    return RedirectResponse("/assessment/result", status_code=303)


@router.post("/assessment/restart", include_in_schema=False)
def restart(request: Request) -> Response:
    drop_draft(request)
    return RedirectResponse("/assessment", status_code=303)


@router.get("/assessment/result", response_class=HTMLResponse, include_in_schema=False)
def result_page(request: Request) -> Response:
    ctx = context_of(request)
    latest = assessment_service.latest_assessment(ctx, person_id(request))
    if latest is None:
        return RedirectResponse("/assessment", status_code=303)
    context = {"active": "home", "a": latest, "referral": urgent_referral(latest)}
    return render(request, "assessment_result.html", context)


@router.post("/assessment/clearance", include_in_schema=False)
def clearance(request: Request) -> Response:
    form = read_form(request)
    ctx = context_of(request)
    if form.get("confirm") != "on":
        latest = assessment_service.latest_assessment(ctx, person_id(request))
        if latest is None:  # nothing to confirm yet: start the assessment
            return RedirectResponse("/assessment", status_code=303)
        errors = {"confirm": "tick the box to confirm a clinician has cleared you"}
        return render(
            request,
            "assessment_result.html",
            {"active": "home", "a": latest, "errors": errors},
            status_code=422,
        )
    assessment_service.confirm_clinician_clearance(ctx, person_id(request))
    return RedirectResponse("/assessment/result", status_code=303)


# ----- JSON twins ----------------------------------------------------------------------------


@router.get("/api/assessment/questions", response_model=QuestionnaireOut)
def get_questions(request: Request) -> Any:
    """The screening questions (ids, types, help, choices, conditions) and the self-test guide."""
    return to_primitive(assessment_service.questions(context_of(request)))


@router.post("/api/assessment", response_model=AssessmentOut, status_code=201)
def post_assessment(request: Request, answers: dict[str, Any]) -> Any:
    """Screen a full set of answers by question id; each problem names its question."""
    ctx = context_of(request)
    return to_primitive(assessment_service.run_assessment(ctx, person_id(request), answers))


@router.get("/api/assessment/latest", response_model=AssessmentOut | None)
def get_latest(request: Request) -> Any:
    """The latest assessment, or null before the first one."""
    found = assessment_service.latest_assessment(context_of(request), person_id(request))
    return to_primitive(found) if found else None


@router.post("/api/assessment/clearance", response_model=AssessmentOut)
def post_clearance(request: Request) -> Any:
    """Record that a clinician cleared you after a 'see a clinician' result."""
    return to_primitive(
        assessment_service.confirm_clinician_clearance(context_of(request), person_id(request))
    )


@router.get("/api/assessment/headline", response_model=HeadlineOut | None)
def get_headline(request: Request) -> Any:
    """The latest result's headline: the care its most serious finding asks for (null before
    the first assessment). The result page, Today and the CLI show the same words."""
    found = assessment_service.latest_assessment(context_of(request), person_id(request))
    return to_primitive(headline(found.result)) if found else None
