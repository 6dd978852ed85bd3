"""The pydantic shapes of ``rules.yaml``: one model per rule kind, its effects and the file.

``psoas.catalogue.rules`` validates the file with them and builds the domain ``RuleSet``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from psoas.domain.catalogue.exercises import Caution, SourceStrength
from psoas.domain.screening.assessment import Profile, ThighPosition, Triage
from psoas.domain.screening.headline import Care


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RedFlagTest(Strict):
    kind: Literal["red_flag"]
    question: str
    flagged: list[Any] = Field(default_factory=lambda: [True], min_length=1)


class AnswerTest(Strict):
    kind: Literal["answer"]
    question: str
    any_of: list[Any] = Field(min_length=1)


class ThresholdTest(Strict):
    kind: Literal["threshold"]
    question: str
    above: float | None = None
    at_least: float | None = None
    below: float | None = None
    at_most: float | None = None

    @model_validator(mode="after")
    def _some_bound(self) -> ThresholdTest:
        if all(v is None for v in (self.above, self.at_least, self.below, self.at_most)):
            raise ValueError("give at least one of above, at_least, below, at_most")
        return self


class WeeksSinceTest(Strict):
    kind: Literal["weeks_since"]
    question: str
    less_than: float = Field(gt=0)


class AnyOfTest(Strict):
    kind: Literal["any_of"]
    tests: list[NestedTest] = Field(min_length=1)


class AllOfTest(Strict):
    kind: Literal["all_of"]
    tests: list[NestedTest] = Field(min_length=1)


class CountTest(Strict):
    kind: Literal["count"]
    tests: list[NestedTest] = Field(min_length=1)
    at_least: int = Field(ge=1)


class SideTest(Strict):
    kind: Literal["side"]
    thigh: list[ThighPosition] = Field(default_factory=list)
    hip_angle_above: float | None = None
    knee_bent_past_80: bool | None = None
    thigh_drifts_out: bool | None = None
    back_stayed_flat: bool | None = None


class SideCompareTest(Strict):
    kind: Literal["side_compare"]
    angle_difference_above: float = Field(gt=0)
    category_difference: bool = True
    clean_readings_only: bool = False


NestedTest = Annotated[
    RedFlagTest | AnswerTest | ThresholdTest | WeeksSinceTest | AnyOfTest | AllOfTest | CountTest,
    Field(discriminator="kind"),
]


class Effects(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str = Field(min_length=3)
    explanation: str = Field(min_length=20)
    source: str = Field(min_length=5)
    strength: SourceStrength
    triage: Triage | None = None
    cautions: list[Caution] = Field(default_factory=list)
    signal: Literal[Profile.TIGHT, Profile.WEAK_OR_OVERSTRETCHED] | None = None
    weight: int = Field(default=1, ge=1, le=5)
    asymmetry: bool = False
    care: Care | None = None


class RedFlagRule(RedFlagTest, Effects):
    @model_validator(mode="after")
    def _refers(self) -> RedFlagRule:
        if self.triage not in (Triage.URGENT_REFERRAL, Triage.SEE_CLINICIAN):
            raise ValueError("a red_flag rule must set triage to urgent_referral or see_clinician")
        return self


class AnswerRule(AnswerTest, Effects): ...


class ThresholdRule(ThresholdTest, Effects): ...


class WeeksSinceRule(WeeksSinceTest, Effects): ...


class AnyOfRule(AnyOfTest, Effects): ...


class AllOfRule(AllOfTest, Effects): ...


class CountRule(CountTest, Effects): ...


class SideRule(SideTest, Effects): ...


class SideCompareRule(SideCompareTest, Effects): ...


RuleModel = Annotated[
    RedFlagRule
    | AnswerRule
    | ThresholdRule
    | WeeksSinceRule
    | AnyOfRule
    | AllOfRule
    | CountRule
    | SideRule
    | SideCompareRule,
    Field(discriminator="kind"),
]


class ProfileTextModel(Strict):
    title: str
    summary: str = Field(min_length=20)
    explanation: str = Field(min_length=20)
    source: str = Field(min_length=5)
    strength: SourceStrength


class RuleFileModel(Strict):
    version: str = Field(min_length=1)
    profile_min_score: int = Field(ge=1)
    profiles: dict[Profile, ProfileTextModel]
    profile_on_hold: str = Field(min_length=20)
    inconclusive_when: list[str] = Field(default_factory=list)
    rules: list[RuleModel] = Field(min_length=1)

    @model_validator(mode="after")
    def _complete(self) -> RuleFileModel:
        missing = [p.value for p in Profile if p not in self.profiles]
        if missing:
            raise ValueError(f"profiles: missing text for {', '.join(missing)}")
        ids = [r.id for r in self.rules]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate rule ids: {', '.join(dupes)}")
        unknown = sorted(set(self.inconclusive_when) - set(ids))
        if unknown:
            raise ValueError(f"inconclusive_when: unknown rule ids {', '.join(unknown)}")
        return self


for _model in (AnyOfTest, AllOfTest, CountTest, AnyOfRule, AllOfRule, CountRule, RuleFileModel):
    _model.model_rebuild()
