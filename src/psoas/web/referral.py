"""The one message for an urgent result, shared by the result page, Today's banner and the plan
page, so all say the same thing. The words come from the domain's headline (the most serious
care any finding asks for: an emergency department first for a possible cauda equina sign,
otherwise medical care today)."""

from __future__ import annotations

from dataclasses import dataclass

from psoas.domain.screening.assessment import Assessment, Triage
from psoas.domain.screening.headline import Care, headline


@dataclass(frozen=True)
class Referral:
    title: str
    text: str
    emergency: bool


def urgent_referral(assessment: Assessment | None) -> Referral | None:
    """The urgent message for this assessment, or None when it is not an urgent result."""
    if assessment is None or assessment.result.triage is not Triage.URGENT_REFERRAL:
        return None
    said = headline(assessment.result)
    return Referral(said.title, said.text, said.care is Care.EMERGENCY)
