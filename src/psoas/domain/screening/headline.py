"""One message per result: the headline follows the most serious finding.

The triage says whether a plan may start; the kind of care a finding asks for says where to
go. Most findings ask for the care their triage implies; a rule may name a more specific one in
data (``care:`` in rules.yaml), for example an emergency department for saddle numbness, or the
midwife or doctor today for a warning sign in pregnancy. The headline is the most serious care
any finding (or the triage itself) asks for, so the headline, the findings and every page agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from psoas.domain.screening.assessment import AssessmentResult, Triage


class Care(StrEnum):
    """Where a finding sends the person, least serious first."""

    START = "start"
    START_WITH_CHANGES = "start_with_changes"
    SEE_CLINICIAN = "see_clinician"
    MIDWIFE_TODAY = "midwife_today"
    CARE_TODAY = "care_today"
    EMERGENCY = "emergency"

    @property
    def rank(self) -> int:
        return list(Care).index(self)


CARE_FOR_TRIAGE = {
    Triage.PROCEED: Care.START,
    Triage.PROCEED_WITH_CAUTIONS: Care.START_WITH_CHANGES,
    Triage.SEE_CLINICIAN: Care.SEE_CLINICIAN,
    Triage.URGENT_REFERRAL: Care.CARE_TODAY,
}


@dataclass(frozen=True, slots=True)
class Headline:
    care: Care
    title: str
    text: str  # what to do next, in plain words (no commands: each screen adds its own)
    plan_allowed: bool  # whether this result can lead to a plan without a clinician


HEADLINES: dict[Care, tuple[str, str]] = {
    Care.EMERGENCY: (
        "Go to an emergency department now",
        "Some of your answers can mean the nerves at the base of the spine are pressed. Go to an "
        "emergency department today, or call your local emergency number, and show them this "
        "result. psoas offers no exercise plan now; once you have been seen and treated, you can "
        "take the assessment again.",
    ),
    Care.CARE_TODAY: (
        "Please get medical care today",
        "Some of your answers are warning signs that need a doctor to examine you today: contact "
        "your doctor or an urgent care service, or call emergency services if symptoms are severe "
        "or getting worse quickly. psoas offers no exercise plan now; once you have been seen, "
        "you can take the assessment again.",
    ),
    Care.MIDWIFE_TODAY: (
        "Stop exercising and contact your midwife or doctor today",
        "You reported a warning sign in pregnancy. Please stop exercising and contact your "
        "midwife or doctor today. psoas offers no plan until they have checked you and said "
        "exercise is fine.",
    ),
    Care.SEE_CLINICIAN: (
        "Please see a clinician before you start",
        "Book an appointment with your doctor or physiotherapist and show them this result. It "
        "is not an emergency. psoas offers no plan until a clinician has cleared you.",
    ),
    Care.START_WITH_CHANGES: (
        "You can start, with some changes made for you",
        "Your plan leaves out or changes the exercises that do not suit the cautions below. Stop "
        "any exercise that causes sharp pain, and re-test in 4 to 6 weeks.",
    ),
    Care.START: (
        "You can start",
        "Your plan fits your answers. Re-test in 4 to 6 weeks to see the change.",
    ),
}


def most_serious_care(result: AssessmentResult) -> Care:
    """The most serious care the triage or any finding asks for."""
    cares = [CARE_FOR_TRIAGE[result.triage]]
    for finding in result.findings:
        if finding.care:
            cares.append(Care(finding.care))
        elif finding.triage is not None:
            cares.append(CARE_FOR_TRIAGE[finding.triage])
    return max(cares, key=lambda c: c.rank)


def headline(result: AssessmentResult) -> Headline:
    care = most_serious_care(result)
    title, text = HEADLINES[care]
    return Headline(care, title, text, result.triage.allows_plan)
