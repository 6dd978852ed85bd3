"""One message per result: the headline follows the most serious finding, and nothing on a
result that needs a clinician promises a plan."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.unit.screening_personas import CALM, QUESTIONNAIRE, RED_FLAGS, RULES

from psoas.domain.screening.assessment import Triage
from psoas.domain.screening.engine import assess
from psoas.domain.screening.headline import CARE_FOR_TRIAGE, Care, headline

TODAY = date(2026, 11, 23)
# What the profile texts say a plan will do (rules.yaml), which a result that needs a
# clinician must not show.
PLAN_PROMISES = ("plan starts", "plan puts", "plan pairs", "maintenance plan", "keeps it that way")


def result_for(**overrides):
    return assess({**CALM, **overrides}, QUESTIONNAIRE, RULES, TODAY)


def pregnant(signs: list[str]) -> dict:
    return {
        "pregnant": True,
        "pregnancy_trimester": "second",
        "pregnancy_warning_signs": signs,
        "pregnancy_complications": False,
    }


@pytest.mark.parametrize(
    ("overrides", "care", "words"),
    [
        ({"saddle_numbness": True}, Care.EMERGENCY, "emergency department"),
        ({"bladder_bowel": True}, Care.EMERGENCY, "emergency department"),
        ({"leg_weakness": True}, Care.CARE_TODAY, "today"),
        (pregnant(["bleeding"]), Care.MIDWIFE_TODAY, "midwife or doctor today"),
        ({"night_pain": True}, Care.SEE_CLINICIAN, "Book an appointment"),
        ({"pain_now": 8}, Care.SEE_CLINICIAN, "Book an appointment"),
        ({"long_term_steroids": True}, Care.SEE_CLINICIAN, "Book an appointment"),
        (pregnant(["none"]), Care.START_WITH_CHANGES, "changes"),
        ({}, Care.START, "Your plan fits your answers"),
    ],
)
def test_the_headline_names_the_care_of_the_most_serious_finding(overrides, care, words):
    top = headline(result_for(**overrides))
    assert top.care is care
    assert words in top.text


def test_a_pregnancy_warning_sign_never_says_book_an_appointment():
    top = headline(result_for(**pregnant(["dizziness"]), night_pain=True))
    assert top.care is Care.MIDWIFE_TODAY
    assert "Book an appointment" not in top.text and "midwife" in top.title


def test_saddle_numbness_beats_a_pregnancy_warning_sign():
    top = headline(result_for(**pregnant(["bleeding"]), saddle_numbness=True))
    assert top.care is Care.EMERGENCY and "emergency department" in top.title


flag_sets = st.dictionaries(
    st.sampled_from(sorted(RED_FLAGS)), st.just(True), min_size=1, max_size=4
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flag_sets, st.sampled_from([None, ["bleeding"], ["headache"]]))
def test_no_finding_is_more_serious_than_the_headline(flags, signs):
    answers = {name: RED_FLAGS[name][0] for name in flags}
    if signs:
        answers |= pregnant(signs)
    result = result_for(**answers)
    top = headline(result)
    for f in result.findings:
        care = Care(f.care) if f.care else CARE_FOR_TRIAGE.get(f.triage, Care.START)
        assert care.rank <= top.care.rank, f.rule_id
    if not result.triage.allows_plan:
        assert not top.plan_allowed
        profile = next(f for f in result.findings if f.rule_id.startswith("profile_"))
        assert not any(p in profile.explanation for p in PLAN_PROMISES)


@pytest.mark.parametrize(
    "overrides",
    [{"night_pain": True}, {"pain_now": 9}, {"saddle_numbness": True}, pregnant(["bleeding"])],
)
def test_a_result_that_needs_a_clinician_keeps_the_profile_without_promising_a_plan(overrides):
    result = result_for(**overrides)
    assert result.triage in (Triage.SEE_CLINICIAN, Triage.URGENT_REFERRAL)
    profile = next(f for f in result.findings if f.rule_id.startswith("profile_"))
    assert not any(p in profile.explanation for p in PLAN_PROMISES)
    assert "psoas makes no exercise plan until" in profile.explanation


def test_a_result_that_allows_a_plan_still_explains_what_the_plan_does():
    profile = next(f for f in result_for().findings if f.rule_id.startswith("profile_"))
    assert any(p in profile.explanation for p in PLAN_PROMISES)
