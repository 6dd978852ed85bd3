"""Load and validate ``questions.yaml`` into a frozen domain ``Questionnaire``.

The self-test questions are written once with ``{side}`` in the file and expanded for the
left and right side here, right after the ``self_test_done`` gate question, each asked only
when the gate is answered yes. Errors name the file and the field.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from importlib.abc import Traversable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from psoas.catalogue.loader import data_root, describe_validation_error, read_yaml
from psoas.domain.catalogue.exercises import Equipment, Level
from psoas.domain.errors import CatalogueError
from psoas.domain.records.measurements import Side
from psoas.domain.records.people import WEEKDAYS
from psoas.domain.screening.engine import SELF_TEST_GATE
from psoas.domain.screening.questions import (
    AnswerType,
    Choice,
    Condition,
    Question,
    Questionnaire,
    SelfTestGuide,
)

QUESTION_ID = r"^(\{side\}_)?[a-z][a-z0-9_]*$"
FILE_NAME = "questions.yaml"
RESERVED_VALUES = {"b", "back", "help"}  # typed at a prompt they mean "go back" / "show help"

CHOICE_SOURCES: dict[str, tuple[Choice, ...]] = {
    "equipment": tuple(Choice(e.value, e.value.replace("_", " ")) for e in Equipment),
    "level": tuple(Choice(lv.value, lv.value) for lv in Level),
    "weekdays": tuple(Choice(d, d) for d in WEEKDAYS),
}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ChoiceModel(Strict):
    value: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str = Field(min_length=1)


class ConditionModel(Strict):
    question: str
    any_of: list[Any] = Field(default_factory=list)
    answered: bool = False

    @model_validator(mode="after")
    def _one_kind(self) -> ConditionModel:
        if bool(self.any_of) == self.answered:
            raise ValueError("give either any_of (a list of values) or answered: true")
        return self


class QuestionModel(Strict):
    id: str = Field(pattern=QUESTION_ID)
    section: str = "self_test"
    type: AnswerType
    text: str = Field(min_length=5)
    help: str = Field(min_length=5)
    required: bool = True
    choices: list[ChoiceModel] = Field(default_factory=list)
    choices_from: Literal["equipment", "level", "weekdays"] | None = None
    min: float | None = None
    max: float | None = None
    unit: str = ""
    max_items: int | None = Field(default=None, ge=1)
    exclusive: list[str] = Field(default_factory=list)
    when: ConditionModel | None = None
    attribution: str = ""

    @model_validator(mode="after")
    def _fits_type(self) -> QuestionModel:
        has_choices = bool(self.choices) or self.choices_from is not None
        is_choice = self.type in (AnswerType.SINGLE_CHOICE, AnswerType.MULTI_CHOICE)
        if is_choice != has_choices:
            raise ValueError(
                "choice questions need choices (or choices_from); other types take none"
            )
        if self.choices and self.choices_from:
            raise ValueError("give choices or choices_from, not both")
        is_numeric = self.type in (AnswerType.INTEGER, AnswerType.NUMBER)
        if is_numeric and (self.min is None or self.max is None or self.min > self.max):
            raise ValueError("number questions need min <= max")
        if not is_numeric and (self.min is not None or self.max is not None):
            raise ValueError("only integer and number questions take min/max")
        values = [c.value for c in self.choices]
        if set(values) & RESERVED_VALUES:
            raise ValueError(
                f"choice values cannot be {sorted(RESERVED_VALUES)}: they are prompt commands"
            )
        if len(values) != len(set(values)):
            raise ValueError("choice values must be unique")
        if any(x not in values for x in self.exclusive):
            raise ValueError("exclusive values must be among the choices")
        return self


class SelfTestModel(Strict):
    title: str
    summary: str
    convention: str
    illustration: str = ""
    source: str = Field(min_length=5)
    angle_tolerance_deg: float | None = Field(default=None, ge=0, le=30)
    angle_tolerance_source: str = ""
    setup: list[str] = Field(min_length=1)
    per_side: list[str] = Field(min_length=1)
    questions: list[QuestionModel] = Field(min_length=1)


class QuestionnaireModel(Strict):
    version: str = Field(min_length=1)
    questions: list[QuestionModel] = Field(min_length=1)
    self_test: SelfTestModel


def _question(m: QuestionModel, side: Side | None = None) -> Question:
    def fill(text: str) -> str:
        if side is None:
            return text
        other = Side.RIGHT if side == Side.LEFT else Side.LEFT
        return text.replace("{side}", side.value).replace("{other}", other.value)

    when = m.when
    condition = Condition(when.question, tuple(when.any_of), when.answered) if when else None
    if side is not None:
        condition = Condition(SELF_TEST_GATE, (True,))
    choices = (
        CHOICE_SOURCES[m.choices_from]
        if m.choices_from
        else tuple(Choice(c.value, c.label) for c in m.choices)
    )
    return Question(
        id=fill(m.id),
        text=fill(m.text),
        help=fill(m.help),
        type=m.type,
        section=m.section,
        required=m.required,
        choices=choices,
        minimum=m.min,
        maximum=m.max,
        unit=m.unit,
        max_items=m.max_items,
        exclusive=tuple(m.exclusive),
        when=condition,
        side=side,
        attribution=m.attribution,
    )


def build_questionnaire(model: QuestionnaireModel, name: str = FILE_NAME) -> Questionnaire:
    """Domain questionnaire from a validated model; checks ids and conditions across questions."""
    side_questions = [_question(q, side) for side in Side for q in model.self_test.questions]
    questions: list[Question] = []
    for q in model.questions:
        questions.append(_question(q))
        if q.id == SELF_TEST_GATE:
            questions.extend(side_questions)
    if SELF_TEST_GATE not in {q.id for q in questions}:
        raise CatalogueError(f"{name}: questions: the gate question '{SELF_TEST_GATE}' is missing")
    _check_references(questions, name)
    t = model.self_test
    guide = SelfTestGuide(
        title=t.title,
        summary=t.summary,
        convention=t.convention,
        setup=tuple(t.setup),
        per_side=tuple(t.per_side),
        illustration=t.illustration,
        source=t.source,
        angle_tolerance_source=t.angle_tolerance_source,
    )
    if t.angle_tolerance_deg is not None:
        guide = replace(guide, angle_tolerance_deg=t.angle_tolerance_deg)
    return Questionnaire(version=model.version, questions=tuple(questions), self_test=guide)


def _check_references(questions: list[Question], name: str) -> None:
    """Ids are unique; every condition refers to an earlier question and one of its values."""
    seen: dict[str, Question] = {}
    for q in questions:
        where = f"{name}: questions.{q.id}"
        if q.id in seen:
            raise CatalogueError(f"{where}: id: duplicate question id")
        if q.when is not None:
            earlier = seen.get(q.when.question)
            if earlier is None:
                raise CatalogueError(
                    f"{where}: when.question: '{q.when.question}' is not an earlier question"
                )
            bad = [v for v in q.when.any_of if not _fits(earlier, v)]
            if bad:
                raise CatalogueError(f"{where}: when.any_of: {bad} not allowed for '{earlier.id}'")
        seen[q.id] = q


def _fits(question: Question, value: Any) -> bool:
    if question.type == AnswerType.YES_NO:
        return isinstance(value, bool)
    if question.choices:
        return value in question.values
    return True


def parse_questionnaire(entry: Traversable | Path) -> Questionnaire:
    raw = read_yaml(entry)
    if not isinstance(raw, dict):
        raise CatalogueError(
            f"{entry.name}: (file): expected a mapping with version, questions, self_test"
        )
    try:
        model = QuestionnaireModel.model_validate(raw)
    except ValidationError as exc:
        raise CatalogueError(
            name_list_items(describe_validation_error(entry.name, exc), raw)
        ) from None
    return build_questionnaire(model, entry.name)


def name_list_items(message: str, raw: dict[str, Any]) -> str:
    """Replace 'questions.7.' with 'questions.<id>.' so the error names the question."""
    for key in ("questions", "rules"):
        items = raw.get(key)
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                message = message.replace(f" {key}.{index}.", f" {key}.{item['id']}.")
                message = message.replace(f" {key}.{index}:", f" {key}.{item['id']}:")
    return message


@lru_cache(maxsize=4)
def load_questionnaire(path: str | None = None) -> Questionnaire:
    """The screening questions: the packaged file, or the file at ``path`` (tests, clinics)."""
    entry: Traversable | Path = Path(path) if path else data_root() / FILE_NAME
    return parse_questionnaire(entry)
