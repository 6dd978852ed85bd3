"""Screening rules as values, with a small registry of rule kinds.

A rule is a test (one of the kinds in ``RULE_KINDS``) plus what follows when it holds: a
triage level, caution codes, a profile signal, and a finding in plain words with its source.
The rules file (``catalogue/data/rules.yaml``) lists them; clinicians can read and change it.

A test answers "where does this hold?": an empty tuple (nowhere), ``(None,)`` (for the
person as a whole) or the sides of the bench-edge self-test where it holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, Protocol

from psoas.domain.catalogue.exercises import Caution, SourceStrength
from psoas.domain.records.measurements import Side
from psoas.domain.screening.assessment import Profile, SideResult, ThighPosition, Triage

Where = tuple[Side | None, ...]
WHOLE: Where = (None,)
NOWHERE: Where = ()


@dataclass(frozen=True, slots=True)
class Facts:
    """What the tests read: canonical answers, the self-test per side, and today's date."""

    answers: Mapping[str, Any]
    sides: tuple[SideResult, ...]
    today: date


class Test(Protocol):
    kind: ClassVar[str]

    def where(self, facts: Facts) -> Where: ...

    def questions(self) -> tuple[str, ...]:
        """The question ids this test reads (checked against the questionnaire)."""
        ...


def _matches(value: Any, values: tuple[Any, ...]) -> bool:
    if isinstance(value, list):
        return any(v in values for v in value)
    return value is not None and value in values


@dataclass(frozen=True, slots=True)
class RedFlag:
    """Holds when the answer is one of the flagged values (default: yes)."""

    kind: ClassVar[str] = "red_flag"
    question: str
    flagged: tuple[Any, ...] = (True,)

    def where(self, facts: Facts) -> Where:
        return WHOLE if _matches(facts.answers.get(self.question), self.flagged) else NOWHERE

    def questions(self) -> tuple[str, ...]:
        return (self.question,)


@dataclass(frozen=True, slots=True)
class AnswerIs:
    """Holds when the answer (or, for a multi choice, any chosen value) is one of ``any_of``."""

    kind: ClassVar[str] = "answer"
    question: str
    any_of: tuple[Any, ...]

    def where(self, facts: Facts) -> Where:
        return WHOLE if _matches(facts.answers.get(self.question), self.any_of) else NOWHERE

    def questions(self) -> tuple[str, ...]:
        return (self.question,)


@dataclass(frozen=True, slots=True)
class Threshold:
    """Holds when a numeric answer is above / at least / below / at most a value."""

    kind: ClassVar[str] = "threshold"
    question: str
    above: float | None = None
    at_least: float | None = None
    below: float | None = None
    at_most: float | None = None

    def where(self, facts: Facts) -> Where:
        value = facts.answers.get(self.question)
        if not isinstance(value, int | float) or isinstance(value, bool):
            return NOWHERE
        checks = (
            self.above is None or value > self.above,
            self.at_least is None or value >= self.at_least,
            self.below is None or value < self.below,
            self.at_most is None or value <= self.at_most,
        )
        return WHOLE if all(checks) else NOWHERE

    def questions(self) -> tuple[str, ...]:
        return (self.question,)


@dataclass(frozen=True, slots=True)
class WeeksSince:
    """Holds when a date answer lies fewer than ``less_than`` weeks before today."""

    kind: ClassVar[str] = "weeks_since"
    question: str
    less_than: float

    def where(self, facts: Facts) -> Where:
        value = facts.answers.get(self.question)
        if not isinstance(value, str):
            return NOWHERE
        days = (facts.today - date.fromisoformat(value)).days
        return WHOLE if 0 <= days < self.less_than * 7 else NOWHERE

    def questions(self) -> tuple[str, ...]:
        return (self.question,)


@dataclass(frozen=True, slots=True)
class AnyOf:
    kind: ClassVar[str] = "any_of"
    tests: tuple[Test, ...]

    def where(self, facts: Facts) -> Where:
        return WHOLE if any(t.where(facts) for t in self.tests) else NOWHERE

    def questions(self) -> tuple[str, ...]:
        return tuple(q for t in self.tests for q in t.questions())


@dataclass(frozen=True, slots=True)
class AllOf:
    kind: ClassVar[str] = "all_of"
    tests: tuple[Test, ...]

    def where(self, facts: Facts) -> Where:
        return WHOLE if all(t.where(facts) for t in self.tests) else NOWHERE

    def questions(self) -> tuple[str, ...]:
        return tuple(q for t in self.tests for q in t.questions())


@dataclass(frozen=True, slots=True)
class Count:
    """Holds when at least ``at_least`` of the tests hold."""

    kind: ClassVar[str] = "count"
    tests: tuple[Test, ...]
    at_least: int

    def where(self, facts: Facts) -> Where:
        held = sum(1 for t in self.tests if t.where(facts))
        return WHOLE if held >= self.at_least else NOWHERE

    def questions(self) -> tuple[str, ...]:
        return tuple(q for t in self.tests for q in t.questions())


@dataclass(frozen=True, slots=True)
class SideCheck:
    """Holds on each self-test side where every given field matches (None = not checked)."""

    kind: ClassVar[str] = "side"
    thigh: tuple[ThighPosition, ...] = ()
    hip_angle_above: float | None = None
    knee_bent_past_80: bool | None = None
    thigh_drifts_out: bool | None = None
    back_stayed_flat: bool | None = None

    def where(self, facts: Facts) -> Where:
        return tuple(s.side for s in facts.sides if self._holds(s))

    def _holds(self, s: SideResult) -> bool:
        if self.thigh and s.thigh not in self.thigh:
            return False
        if self.hip_angle_above is not None and (
            s.hip_angle_deg is None or s.hip_angle_deg <= self.hip_angle_above
        ):
            return False
        pairs = (
            (self.knee_bent_past_80, s.knee_bent_past_80),
            (self.thigh_drifts_out, s.thigh_drifts_out),
            (self.back_stayed_flat, s.back_stayed_flat),
        )
        return all(want is None or got == want for want, got in pairs)

    def questions(self) -> tuple[str, ...]:
        return ()


THIGH_RANK = {ThighPosition.BELOW: -1, ThighPosition.LEVEL: 0, ThighPosition.ABOVE: 1}


@dataclass(frozen=True, slots=True)
class SideCompare:
    """Left-right asymmetry: a different thigh category, or measured angles further apart
    than ``angle_difference_above`` degrees (the measurement error). With ``clean_readings_only``
    a side read with the lower back lifted (or not said) compares with nothing: the tipped pelvis
    moves the thigh, so a difference could come from the back, not the hip flexors."""

    kind: ClassVar[str] = "side_compare"
    angle_difference_above: float
    category_difference: bool = True
    clean_readings_only: bool = False

    def where(self, facts: Facts) -> Where:
        by_side = {s.side: s for s in facts.sides}
        left, right = by_side.get(Side.LEFT), by_side.get(Side.RIGHT)
        if left is None or right is None:
            return NOWHERE
        if self.clean_readings_only and not (left.back_stayed_flat and right.back_stayed_flat):
            return NOWHERE
        if self.category_difference and left.thigh != right.thigh:
            return WHOLE
        angles = (left.hip_angle_deg, right.hip_angle_deg)
        if None not in angles and abs(angles[0] - angles[1]) > self.angle_difference_above:  # type: ignore[operator]
            return WHOLE
        return NOWHERE

    def questions(self) -> tuple[str, ...]:
        return ()


RULE_KINDS: dict[str, type] = {
    cls.kind: cls
    for cls in (
        RedFlag,
        AnswerIs,
        Threshold,
        WeeksSince,
        AnyOf,
        AllOf,
        Count,
        SideCheck,
        SideCompare,
    )
}
"""The registry: rule-file ``kind`` -> test class. Add a kind here and in the file schema."""

TOP_LEVEL_ONLY = ("side", "side_compare")  # per-side kinds cannot sit inside any_of/all_of/count


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    test: Test
    title: str
    explanation: str  # calm plain words; never a diagnosis
    source: str
    strength: SourceStrength
    triage: Triage | None = None
    cautions: frozenset[Caution] = frozenset()
    signal: Profile | None = None  # tight or weak_or_overstretched evidence
    weight: int = 1
    asymmetry: bool = False  # this rule's firing is the left-right asymmetry flag
    care: str = ""  # where the finding sends the person, when more specific than the triage


@dataclass(frozen=True, slots=True)
class ProfileText:
    title: str
    explanation: str
    source: str
    strength: SourceStrength
    summary: str = ""  # what the pattern is, without the plan it leads to


@dataclass(frozen=True, slots=True)
class RuleSet:
    version: str
    rules: tuple[Rule, ...]
    profile_min_score: int = 2
    profiles: Mapping[Profile, ProfileText] = field(default_factory=dict)
    profile_on_hold: str = ""  # said after a profile's summary when no plan can start yet
    # rules whose firing makes "no clear signs" inconclusive (a hint read with the back arched)
    inconclusive_when: frozenset[str] = frozenset()

    def referenced_questions(self) -> dict[str, tuple[str, ...]]:
        """Rule id -> the question ids it reads."""
        return {r.id: r.test.questions() for r in self.rules}
