"""Checks an imported document gets on top of its shape, so imported records meet the same
rules as records typed in the app:

- the raw JSON first, without recursion: no NUL character anywhere (PostgreSQL cannot store
  it), no text longer than MAX_TEXT, no nesting deeper than MAX_DEPTH (a hand-made file that
  nests ten thousand lists is refused, not a RecursionError);
- assessment answers against today's questions (unknown ids, wrong types, out of range);
- session logs that name a plan name one in the same person's history, and a session of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from psoas.domain.errors import InvalidValue
from psoas.domain.planning.plans import Plan
from psoas.domain.records.session_logs import SessionLog
from psoas.domain.records.validation import log_plan_problems
from psoas.domain.screening.assessment import Assessment
from psoas.domain.screening.questions import MissingAnswer, Questionnaire, normalise_answers

MAX_DEPTH = 32  # an export nests about 10 deep
MAX_TEXT = 100_000  # characters in any one text of the document (notes have their own rule)
MAX_RAW_PROBLEMS = 20
NUL = "\x00"


def raw_problems(document: Any) -> list[InvalidValue]:
    """NUL characters, over-long texts and over-deep nesting, each at its path (first 20)."""
    problems: list[InvalidValue] = []
    stack: list[tuple[Any, str, int]] = [(document, "", 0)]
    while stack and len(problems) < MAX_RAW_PROBLEMS:
        value, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            problems.append(InvalidValue(path or "file", f"nests deeper than {MAX_DEPTH} levels"))
            continue
        if isinstance(value, str):
            problems += _text_problems(value, path or "file")
        elif isinstance(value, Mapping):
            for key, item in value.items():
                where = f"{path}.{key}" if path else str(key)
                problems += _text_problems(str(key), where)
                stack.append((item, where, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{i}]", depth + 1) for i, item in enumerate(value))
    return problems[:MAX_RAW_PROBLEMS]


def _text_problems(text: str, where: str) -> list[InvalidValue]:
    if NUL in text:
        return [InvalidValue(where, "must not contain the NUL character (\\u0000)")]
    if len(text) > MAX_TEXT:
        return [InvalidValue(where, f"is longer than {MAX_TEXT:,} characters")]
    return []


def answer_problems(
    assessment: Assessment, questionnaire: Questionnaire | None
) -> list[InvalidValue]:
    """The stored answers must fit today's questions. Missing answers are allowed: a person
    told to seek care at once may have stopped the questions early."""
    if questionnaire is None:
        return []
    _, problems = normalise_answers(assessment.answers, questionnaire)
    return [
        InvalidValue(f"answers.{p.field}", p.problem)
        for p in problems
        if not isinstance(p, MissingAnswer)
    ]


def plan_reference_problems(
    logs: Iterable[tuple[str, SessionLog]], plans: Iterable[Plan]
) -> list[InvalidValue]:
    """A log naming a plan must name one of the person's plans in the document (an export
    always carries them together), and its session must be one of that plan's."""
    by_id = {plan.id: plan for plan in plans}
    problems: list[InvalidValue] = []
    for where, log in logs:
        if log.plan_id is None:
            continue
        plan = by_id.get(log.plan_id)
        if plan is None:
            message = f"'{log.plan_id}' is not one of this person's plans in the file"
            problems.append(InvalidValue(f"{where}.plan_id", message))
            continue
        problems += [
            InvalidValue(f"{where}.{p.field}", p.problem) for p in log_plan_problems(log, plan)
        ]
    return problems
