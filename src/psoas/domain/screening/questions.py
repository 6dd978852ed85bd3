"""Screening questions as values: types, allowed answers, conditions and answer checking.

The questions themselves are data (``catalogue/data/questions.yaml``); this module only knows
how to decide whether a question applies and whether an answer fits it (the conversion of
each kind of answer is in ``answer_values.py``). Answers are stored as JSON-ready primitives:
bool, int, float, str, list of str, ISO dates ("2026-01-31") and times ("18:00").
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from psoas.domain.errors import InvalidValue
from psoas.domain.records.measurements import Side
from psoas.domain.screening.answer_values import (
    AnswerType,
    Misfit,
    choice_value,
    date_value,
    format_number,
    multi_choice,
    number_value,
    text_value,
    time_value,
    yes_no,
)
from psoas.domain.screening.self_test import DEFAULT_ANGLE_TOLERANCE_DEG, angle_mismatches


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True, slots=True)
class Condition:
    """Ask a question only when an earlier answer is one of ``any_of`` (or contains one)."""

    question: str
    any_of: tuple[Any, ...] = ()
    answered: bool = False  # True: ask whenever the earlier question has any answer

    def holds(self, answers: Mapping[str, Any]) -> bool:
        value = answers.get(self.question)
        if value is None or value == [] or value == "":
            return False
        if self.answered:
            return True
        if isinstance(value, list):
            return any(v in self.any_of for v in value)
        return value in self.any_of


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: str
    help: str
    type: AnswerType
    section: str
    required: bool = True
    choices: tuple[Choice, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    unit: str = ""
    max_items: int | None = (
        None  # multi_choice: at most this many; text: at most this many characters
    )
    exclusive: tuple[str, ...] = ()  # multi_choice values that cannot be combined ("none")
    when: Condition | None = None
    side: Side | None = None  # self-test questions belong to one side
    attribution: str = ""  # e.g. the PSFS authors

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)

    def label_of(self, value: str) -> str:
        return next((c.label for c in self.choices if c.value == value), value)

    def applies(self, answers: Mapping[str, Any]) -> bool:
        return self.when is None or self.when.holds(answers)

    def allowed(self) -> str:
        """The allowed values in a few words, for help and error messages."""
        if self.type == AnswerType.YES_NO:
            return "yes or no"
        if self.type in (AnswerType.SINGLE_CHOICE, AnswerType.MULTI_CHOICE):
            many = " (one or more, comma-separated)" if self.type == AnswerType.MULTI_CHOICE else ""
            return ", ".join(self.values) + many
        if self.type in (AnswerType.INTEGER, AnswerType.NUMBER):
            kind = "a whole number" if self.type == AnswerType.INTEGER else "a number"
            return f"{kind} from {format_number(self.minimum)} to {format_number(self.maximum)}"
        if self.type == AnswerType.DATE:
            return "a date as YYYY-MM-DD, or a time ago such as 8 weeks ago"
        if self.type == AnswerType.TIME:
            return "a time as HH:MM (24-hour)"
        return "free text" + (f" (up to {self.max_items} characters)" if self.max_items else "")


@dataclass(frozen=True, slots=True)
class SelfTestGuide:
    """The bench-edge hang test (a self-run modified Thomas test), step by step."""

    title: str
    summary: str
    convention: str  # how the hip angle is measured, shown on screen
    setup: tuple[str, ...]
    per_side: tuple[str, ...]  # may contain {side} and {other}
    illustration: str = ""  # catalogue exercise id whose pose shows the position
    source: str = ""
    # How far from level a measured hip angle may be and still fit any thigh answer
    angle_tolerance_deg: float = DEFAULT_ANGLE_TOLERANCE_DEG
    angle_tolerance_source: str = ""

    def side_steps(self, side: Side) -> tuple[str, ...]:
        other = Side.RIGHT if side == Side.LEFT else Side.LEFT
        return tuple(s.format(side=side.value, other=other.value) for s in self.per_side)


@dataclass(frozen=True, slots=True)
class Questionnaire:
    version: str
    questions: tuple[Question, ...]
    self_test: SelfTestGuide

    def __iter__(self) -> Iterator[Question]:
        return iter(self.questions)

    def __len__(self) -> int:
        return len(self.questions)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.questions)

    def get(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise InvalidValue(question_id, _unknown_id(question_id, self.ids))

    def applicable(self, answers: Mapping[str, Any]) -> list[Question]:
        """The questions asked given these answers (conditions read earlier answers)."""
        return [q for q in self.questions if q.applies(answers)]


def _unknown_id(question_id: str, ids: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(question_id, ids, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"unknown question id{hint} (see `psoas assess --questions`)"


MAX_UNKNOWN_LISTED = 10  # unknown ids named one by one; the rest are counted
MAX_SHOWN_ID = 60  # characters of an unknown id repeated in its problem


def unknown_id_problems(answers: Mapping[str, Any], ids: tuple[str, ...]) -> list[InvalidValue]:
    """One problem per unknown id, the first MAX_UNKNOWN_LISTED by name (with a near match)
    and one more that counts the rest, so 40,000 unknown keys cost a short answer, not a
    long computation."""
    known = set(ids)
    unknown = [str(k) for k in answers if k not in known]
    problems = []
    for key in unknown[:MAX_UNKNOWN_LISTED]:
        shown = key[:MAX_SHOWN_ID]
        if len(key) > MAX_SHOWN_ID:
            problems.append(InvalidValue(shown + "...", "unknown question id"))
        else:
            problems.append(InvalidValue(shown, _unknown_id(key, ids)))
    extra = len(unknown) - MAX_UNKNOWN_LISTED
    if extra > 0:
        problems.append(InvalidValue("answers", f"{extra} more unknown question ids"))
    return problems


class MissingAnswer(InvalidValue):
    """A required answer was not given (the screening may still stop early on an urgent sign)."""


def coerce_answer(question: Question, raw: Any, today: date | None = None) -> Any:
    """The canonical stored value of ``raw`` for ``question``; raises InvalidValue if it doesn't fit.

    Accepts native values (from JSON/YAML) and typed text (from a prompt) alike. With ``today``,
    a date may also be given as a time before it ("8 weeks ago", "3 days ago"): an answers file
    written that way describes the same person whenever it is run. The stored value is the date.
    """
    try:
        if question.type == AnswerType.DATE:
            return date_value(question, raw, today)
        return _COERCERS[question.type](question, raw)
    except Misfit as misfit:
        raise InvalidValue(question.id, str(misfit)) from None


_COERCERS = {
    AnswerType.YES_NO: yes_no,
    AnswerType.SINGLE_CHOICE: choice_value,
    AnswerType.MULTI_CHOICE: multi_choice,
    AnswerType.INTEGER: number_value,
    AnswerType.NUMBER: number_value,
    AnswerType.DATE: date_value,
    AnswerType.TIME: time_value,
    AnswerType.TEXT: text_value,
}


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or raw == []


def normalise_answers(
    answers: Mapping[str, Any], questionnaire: Questionnaire, today: date | None = None
) -> tuple[dict[str, Any], list[InvalidValue]]:
    """Canonical answers for the questions that apply, plus one problem per question id.

    Unknown ids, wrong types, out-of-range values and missing required answers are problems.
    Answers to questions whose condition does not hold are dropped (they were not asked).
    With ``today``, dates may be given as a time ago ("8 weeks ago") and dates in the future
    are problems. A self-test side whose measured hip
    angle contradicts the thigh answer is a problem of the angle (see ``domain.self_test``).
    """
    problems = unknown_id_problems(answers, questionnaire.ids)
    if len(problems) > MAX_UNKNOWN_LISTED:
        return {}, problems  # a flood of unknown ids: refused before anything else is read
    clean: dict[str, Any] = {}
    for q in questionnaire.questions:
        if not q.applies(clean):
            continue
        raw = answers.get(q.id)
        if is_blank(raw):
            if q.required:
                problems.append(
                    MissingAnswer(q.id, f"a required answer is missing ({q.allowed()})")
                )
            continue
        try:
            value = coerce_answer(q, raw, today)
        except InvalidValue as problem:
            problems.append(problem)
            continue
        if today is not None and q.type == AnswerType.DATE and value > today.isoformat():
            problems.append(InvalidValue(q.id, f"{value} is in the future"))
            continue
        clean[q.id] = value
    for mismatch in angle_mismatches(clean, questionnaire.self_test.angle_tolerance_deg):
        problems.append(mismatch)
        del clean[mismatch.field]
    return clean, problems


def validate_answers(
    answers: Mapping[str, Any], questionnaire: Questionnaire, today: date | None = None
) -> list[InvalidValue]:
    """Every problem with ``answers``, one per question id (empty when they are all fine)."""
    return normalise_answers(answers, questionnaire, today)[1]
