"""Load the habit checklist (``data/habits.yaml``) into domain ``Habit`` values."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from psoas.catalogue.loader import data_root, describe_validation_error, read_yaml
from psoas.domain.catalogue.exercises import SourceStrength
from psoas.domain.errors import CatalogueError
from psoas.domain.habits.checklist import Habit, HabitCondition

FILE = "habits.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ConditionModel(_Strict):
    question: str = Field(min_length=1)
    any_of: tuple[Any, ...] = ()
    at_least: float | None = None

    @model_validator(mode="after")
    def _one_test(self) -> ConditionModel:
        if bool(self.any_of) == (self.at_least is not None):
            raise ValueError("give exactly one of any_of or at_least")
        return self


class HabitModel(_Strict):
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str = Field(min_length=5)
    why: str = Field(min_length=10)
    source: str = Field(min_length=5)
    strength: SourceStrength
    when_any: tuple[ConditionModel, ...] = ()


class HabitFile(_Strict):
    version: str
    habits: tuple[HabitModel, ...] = Field(min_length=1)


@lru_cache(maxsize=1)
def load_habits() -> tuple[Habit, ...]:
    """The packaged habits, validated; a broken file names the field."""
    raw = read_yaml(data_root() / FILE, FILE)
    try:
        parsed = HabitFile.model_validate(raw)
    except ValidationError as exc:
        raise CatalogueError(describe_validation_error(FILE, exc)) from None
    ids = [h.id for h in parsed.habits]
    if len(ids) != len(set(ids)):
        raise CatalogueError(f"{FILE}: habits: ids must be unique")
    return tuple(
        Habit(
            id=h.id,
            title=h.title,
            why=h.why,
            source=h.source,
            strength=h.strength,
            when_any=tuple(HabitCondition(**c.model_dump()) for c in h.when_any),
        )
        for h in parsed.habits
    )
