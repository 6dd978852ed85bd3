"""The one message for an urgent result, shared by the result page and Today's banner, so both
say the same thing: an emergency department first when a finding's own explanation sends the
person there (a possible cauda equina sign), otherwise medical care today."""

from __future__ import annotations

from dataclasses import dataclass

from psoas.domain.assessment import Assessment, Triage


@dataclass(frozen=True)
class Referral:
    title: str
    text: str
    emergency: bool


EMERGENCY = Referral(
    "Go to an emergency department now",
    "Some of your answers can be a sign that nerves at the base of the spine are pressed. This "
    "is rare, but it needs to be checked straight away: go to an emergency department, or call "
    "your emergency number if you cannot get there.",
    True,
)
TODAY = Referral(
    "Please get medical care today",
    "Some of your answers need a doctor to examine you today: contact your doctor or an urgent "
    "care service, or call your emergency number if it gets worse quickly.",
    False,
)


def urgent_referral(assessment: Assessment | None) -> Referral | None:
    """The urgent message for this assessment, or None when it is not an urgent result."""
    if assessment is None or assessment.result.triage is not Triage.URGENT_REFERRAL:
        return None
    urgent = [f for f in assessment.result.findings if f.triage is Triage.URGENT_REFERRAL]
    emergency = any("emergency department" in f.explanation.lower() for f in urgent)
    return EMERGENCY if emergency else TODAY
