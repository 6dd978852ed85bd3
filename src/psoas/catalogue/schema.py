"""The pydantic schema of one exercise file (documented in docs/catalogue-format.md)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from psoas.domain.catalogue.exercises import (
    Category,
    Caution,
    CautionAction,
    Equipment,
    Level,
    Muscle,
    Position,
    SourceStrength,
)

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
CONTACT_POINTS = (
    "head",
    "upper_back",
    "pelvis",
    *(
        f"{side}_{part}"
        for side in ("left", "right")
        for part in ("hand", "elbow", "knee", "foot", "heel", "toes")
    ),
)
ContactPoint = Literal[CONTACT_POINTS]  # type: ignore[valid-type]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DoseModel(Strict):
    sets: int = Field(ge=1, le=10)
    reps: int | None = Field(default=None, ge=1, le=50)
    hold_seconds: int | None = Field(default=None, ge=1, le=600)
    per_side: bool = False
    rest_seconds: int = Field(default=30, ge=0, le=300)
    tempo: str | None = None

    @model_validator(mode="after")
    def _work(self) -> DoseModel:
        if self.reps is None and self.hold_seconds is None:
            raise ValueError("a dose needs reps or hold_seconds")
        return self


class RangeModel(Strict):
    sets: tuple[int, int]
    reps: tuple[int, int] | None = None
    hold_seconds: tuple[int, int] | None = None

    @model_validator(mode="after")
    def _ordered(self) -> RangeModel:
        for name in ("sets", "reps", "hold_seconds"):
            pair = getattr(self, name)
            if pair is not None and not (0 < pair[0] <= pair[1]):
                raise ValueError(f"{name} range must be [low, high] with 0 < low <= high")
        return self


class CautionModel(Strict):
    code: Caution
    action: CautionAction
    note: str = Field(min_length=10)
    substitute: str | None = Field(default=None, pattern=SLUG)


class SourceModel(Strict):
    citation: str = Field(min_length=5)
    strength: SourceStrength = SourceStrength.PRIMARY
    supports: str = ""


class LimbModel(Strict):
    hip: float = Field(default=0, ge=-60, le=180)
    knee: float = Field(default=0, ge=0, le=170)
    ankle: float = Field(default=0, ge=-60, le=60)
    shoulder: float = Field(default=0, ge=-90, le=200)
    elbow: float = Field(default=0, ge=0, le=170)


class PoseModel(Strict):
    name: str = Field(min_length=1)
    trunk: float = Field(ge=-180, le=180)
    neck: float = Field(default=0, ge=-60, le=80)
    left: LimbModel
    right: LimbModel
    contact: tuple[ContactPoint, ...] = ()  # type: ignore[valid-type]
    support: Literal["floor", "bench", "step", "chair"] = "floor"
    props: tuple[
        Literal[
            "mat",
            "bench",
            "ball",
            "roller",
            "band",
            "step",
            "wall",
            "chair",
            "cushion",
            "block",
            "sofa",
            "knee_block",
            "ankle_weight",
            "wall_beside",
            "chair_beside",
        ],
        ...,
    ] = ()
    holds: dict[
        Literal["left_hand", "right_hand"],
        Literal[
            "left_shin",
            "right_shin",
            "left_thigh",
            "right_thigh",
            "chair",
            "chair_beside",
            "wall",
            "wall_beside",
            "floor",
            "block",
            "trunk",
        ],
    ] = Field(default_factory=dict)


class ExerciseModel(Strict):
    id: str = Field(pattern=SLUG)
    name: str = Field(min_length=3)
    summary: str = Field(min_length=10)
    category: Category
    position: Position
    muscles: tuple[Muscle, ...] = Field(min_length=1)
    equipment: tuple[Equipment, ...] = ()
    level: Level
    unilateral: bool
    dose: DoseModel
    dose_range: RangeModel
    steps: tuple[str, ...] = Field(min_length=2)
    cues: tuple[str, ...] = Field(min_length=1)
    mistakes: tuple[str, ...] = Field(min_length=1)
    breathing: str = Field(min_length=5)
    easier: tuple[str, ...] = ()
    harder: tuple[str, ...] = ()
    cautions: tuple[CautionModel, ...] = ()
    sources: tuple[SourceModel, ...] = Field(min_length=1)
    poses: tuple[PoseModel, ...] = Field(min_length=1)
    tags: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> ExerciseModel:
        if self.unilateral != self.dose.per_side:
            raise ValueError("unilateral and dose.per_side must agree")
        rng = self.dose_range
        if not rng.sets[0] <= self.dose.sets <= rng.sets[1]:
            raise ValueError("dose.sets lies outside dose_range.sets")
        for name in ("reps", "hold_seconds"):
            value, pair = getattr(self.dose, name), getattr(rng, name)
            if value is not None and (pair is None or not pair[0] <= value <= pair[1]):
                raise ValueError(f"dose.{name} needs a dose_range.{name} that contains it")
        if self.id in (*self.easier, *self.harder):
            raise ValueError("an exercise cannot be its own variant")
        return self
