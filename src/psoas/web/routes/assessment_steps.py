"""The assessment's server-side draft and its steps, for the pages in ``assessment``.

The draft keeps each person's answers between steps; the step helpers say which sections are
asked (or may still be), which questions a step shows, and check a submitted step's answers
with the domain's ``coerce_answer`` (and a self-test side's thigh against its angle).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import Request
from starlette.datastructures import FormData

from psoas.domain.errors import InvalidValue
from psoas.domain.screening.questions import AnswerType, Question, Questionnaire, coerce_answer
from psoas.domain.screening.self_test import angle_mismatches
from psoas.web.deps import context_of, person_id


def read_draft(request: Request) -> dict[str, Any]:
    """The person's answers so far, read from the database (whichever process answers the
    next page); changes are kept by ``keep_draft``."""
    found = getattr(request.state, "assessment_draft", None)
    if found is None:
        with context_of(request).uow() as uow:
            found = uow.drafts.get(person_id(request))
        request.state.assessment_draft = found
    return found


def keep_draft(request: Request) -> None:
    """Store the answers read so far (nothing once the draft was dropped)."""
    draft = getattr(request.state, "assessment_draft", None)
    if draft is None or getattr(request.state, "assessment_draft_dropped", False):
        return
    ctx = context_of(request)
    with ctx.uow() as uow:
        uow.drafts.put(person_id(request), draft, ctx.clock.now())


def drop_draft(request: Request) -> None:
    request.state.assessment_draft_dropped = True
    with context_of(request).uow() as uow:
        uow.drafts.drop(person_id(request))


def sections(questionnaire: Questionnaire) -> list[str]:
    """The sections in the order their first question appears."""
    seen: list[str] = []
    for q in questionnaire.questions:
        if q.section not in seen:
            seen.append(q.section)
    return seen


def step_questions(
    questionnaire: Questionnaire, section: str, answers: dict[str, Any]
) -> list[Question]:
    return [q for q in questionnaire.applicable(answers) if q.section == section]


def page_questions(
    questionnaire: Questionnaire, section: str, answers: dict[str, Any]
) -> tuple[list[Question], set[str]]:
    """The questions of a step, with the follow-ups an answer on this same step may reveal
    (rendered hidden; the page's script shows them as the answer is given). Second: the ids
    of those follow-ups that do not apply yet."""
    here = [q for q in questionnaire.questions if q.section == section]
    ids = {q.id for q in here}
    shown = [q for q in here if q.applies(answers) or (q.when and q.when.question in ids)]
    return shown, {q.id for q in shown if not q.applies(answers)}


def possible_steps(questionnaire: Questionnaire, answers: dict[str, Any]) -> list[str]:
    """Sections that are or may still be asked: a section drops out only once an answer rules
    it out, so the step count can shrink as you go but never grows."""

    def possible(q: Question) -> bool:
        return q.when is None or q.when.question not in answers or q.when.holds(answers)

    return [
        s
        for s in sections(questionnaire)
        if any(possible(q) for q in questionnaire.questions if q.section == s)
    ]


def side_blocks(questions: list[Question]) -> list[tuple[str | None, list[Question]]]:
    """Consecutive questions grouped by the side they belong to (self-test), in order."""
    blocks: list[tuple[str | None, list[Question]]] = []
    for q in questions:
        side = q.side.value if q.side else None
        if not blocks or blocks[-1][0] != side:
            blocks.append((side, []))
        blocks[-1][1].append(q)
    return blocks


def _steps_with_questions(questionnaire: Questionnaire, answers: dict[str, Any]) -> list[str]:
    return [s for s in sections(questionnaire) if step_questions(questionnaire, s, answers)]


def _raw_value(form: FormData, q: Question) -> Any:
    if q.type == AnswerType.MULTI_CHOICE:
        return [v for v in form.getlist(q.id) if isinstance(v, str)]
    value = form.get(q.id)
    return value.strip() if isinstance(value, str) else None


def _read_step(
    form: FormData, questions: list[Question], draft: dict[str, Any], today: date
) -> dict[str, str]:
    """Check and store this step's answers in the draft; return {question id: problem}."""
    errors: dict[str, str] = {}
    for q in questions:
        raw = _raw_value(form, q)
        if raw in (None, "", []):
            draft.pop(q.id, None)
            if q.required:
                errors[q.id] = f"please answer ({q.allowed()})"
            continue
        try:
            draft[q.id] = coerce_answer(q, raw, today)
        except InvalidValue as problem:
            draft.pop(q.id, None)
            errors[q.id] = problem.problem
    return errors


def _cross_check(
    questionnaire: Questionnaire, asked: list[Question], draft: dict[str, Any]
) -> dict[str, str]:
    """Answers of this step that contradict each other (a self-test side's thigh and angle)."""
    ids = {q.id for q in asked}
    errors: dict[str, str] = {}
    for problem in angle_mismatches(draft, questionnaire.self_test.angle_tolerance_deg):
        if problem.field in ids:
            draft.pop(problem.field, None)
            errors[problem.field] = problem.problem
    return errors


def _shown(
    draft: dict[str, Any], form: FormData | None, questions: list[Question]
) -> dict[str, Any]:
    """Values to show in the fields: what was just typed (even if wrong), else the draft."""
    values = dict(draft)
    if form is not None:
        for q in questions:
            values[q.id] = _raw_value(form, q)
    return values
