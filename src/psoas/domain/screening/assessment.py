"""Assessment results: triage, profile, per-side findings, cautions and explained findings.

The screening engine (questions and rules as data) produces an ``AssessmentResult`` from the
answers; ``Assessment`` is the stored record that keeps the answers, the result and the rules
version that produced it, so an old result stays explainable after the rules change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from psoas.domain.catalogue.exercises import Caution, SourceStrength
from psoas.domain.records.measurements import Side


class Triage(StrEnum):
    URGENT_REFERRAL = "urgent_referral"
    SEE_CLINICIAN = "see_clinician"
    PROCEED_WITH_CAUTIONS = "proceed_with_cautions"
    PROCEED = "proceed"

    @property
    def allows_plan(self) -> bool:
        return self in (Triage.PROCEED, Triage.PROCEED_WITH_CAUTIONS)


class Profile(StrEnum):
    TIGHT = "tight"
    WEAK_OR_OVERSTRETCHED = "weak_or_overstretched"
    MIXED = "mixed"
    NO_SIGNS = "no_signs"
    INCONCLUSIVE = "inconclusive"  # no clear signs, but a self-test reading was not clean


class ThighPosition(StrEnum):
    ABOVE = "above"
    LEVEL = "level"
    BELOW = "below"


@dataclass(frozen=True, slots=True)
class SideResult:
    """The bench-edge self-test for one side."""

    side: Side
    thigh: ThighPosition
    hip_angle_deg: float | None = None  # 0 = level with the bench, positive = above
    knee_bent_past_80: bool | None = None
    thigh_drifts_out: bool | None = None
    back_stayed_flat: bool | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    rule_id: str
    title: str
    explanation: str  # calm plain words
    source: str
    strength: SourceStrength
    side: Side | None = None
    triage: Triage | None = None  # the triage level the rule asked for, if any
    care: str = ""  # a more specific kind of care the rule asks for (headline.Care), if any


@dataclass(frozen=True, slots=True)
class AssessmentResult:
    triage: Triage
    profile: Profile
    sides: tuple[SideResult, ...]
    asymmetry: bool
    cautions: frozenset[Caution]
    findings: tuple[Finding, ...]
    rules_version: str


@dataclass(frozen=True, slots=True)
class Assessment:
    id: str
    person_id: str
    taken_at: datetime
    answers: dict[str, Any]
    result: AssessmentResult
    clinician_cleared_at: datetime | None = None  # recorded when a see_clinician person confirms

    @property
    def allows_plan(self) -> bool:
        if self.result.triage.allows_plan:
            return True
        # A clinician's clearance (the person was seen) lifts either referral; people can only
        # confirm a "see a clinician" result themselves (services.assessment checks that).
        return self.clinician_cleared_at is not None
