"""Property: with the real catalogue, no plan item ever contradicts the person's cautions.

Many generated answer sets (profile, cautions, sides, preferences) make a plan from the packaged
catalogue; then weeks of generated logs drive the weekly review (progress, hold, regress, moves
along the ladder, swaps). In every week, after every step: no prescribed exercise is one an
``avoid`` caution of the person rules out, every ``modify`` item carries its note, and a
re-test day only asks for the self-test when the person's cautions allow it.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.unit.plan_catalogue import CREATED, result
from tests.unit.plan_checks import caution_violations
from tests.unit.plan_logs import week_logs

from psoas.catalogue import load_catalogue
from psoas.domain.catalogue.exercises import Caution, Equipment, Level
from psoas.domain.planning.make import make_plan
from psoas.domain.planning.plans import SessionKind
from psoas.domain.planning.retest import self_test_verdict
from psoas.domain.planning.selection import WARM_UP_TAG
from psoas.domain.progression.review import review_week
from psoas.domain.records.people import WEEKDAYS, Preferences
from psoas.domain.screening.assessment import Profile, ThighPosition, Triage

CAT = load_catalogue()
EXERCISE_IDS = sorted(e.id for e in CAT)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

answer_sets = st.builds(
    result,
    st.sampled_from(list(Profile)),
    triage=st.sampled_from([Triage.PROCEED, Triage.PROCEED_WITH_CAUTIONS]),
    cautions=st.frozensets(st.sampled_from(list(Caution)), max_size=4),
    left=st.sampled_from(list(ThighPosition)),
    right=st.sampled_from(list(ThighPosition)),
    asymmetry=st.booleans(),
)
preferences = st.builds(
    Preferences,
    minutes_per_day=st.integers(5, 30),
    strength_days_per_week=st.integers(0, 3),
    equipment=st.frozensets(st.sampled_from(list(Equipment))),
    level=st.sampled_from(list(Level)),
    preferred_days=st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=7, unique=True).map(
        tuple
    ),
)
weeks_of_logs = st.lists(
    st.fixed_dictionaries(
        {
            "pain": st.integers(0, 6),
            "spike": st.one_of(st.none(), st.sampled_from(EXERCISE_IDS)),
            "done": st.one_of(st.none(), st.integers(0, 7)),
            "short": st.booleans(),
        }
    ),
    min_size=5,
    max_size=5,
)


def retest_problems(plan, cautions) -> list[str]:
    verdict = self_test_verdict(CAT, cautions)
    return [
        f"{s.id}: self-test asked for although {verdict.why}"
        for s in plan.sessions()
        if s.self_test and not verdict.allowed
    ]


def warm_up_problems(plan) -> list[str]:
    """Sessions where a warm-up (tagged ``warm-up``) comes after other work, also after a
    weekly review swapped some work for an easier variant that happens to be a warm-up."""
    found = []
    for s in plan.sessions():
        warm = [WARM_UP_TAG in CAT.get(p.exercise_id).tags for p in s.prescriptions]
        if warm != sorted(warm, reverse=True):
            found.append(f"{s.id}: {[p.exercise_id for p in s.prescriptions]}")
    return found


def assert_safe(plan, r) -> None:
    assert caution_violations(plan, r, CAT) == []
    assert retest_problems(plan, r.cautions) == []
    assert warm_up_problems(plan) == []


@SETTINGS
@given(answer_sets, preferences, weeks_of_logs)
def test_no_week_of_any_plan_contradicts_a_caution(r, prefs, weeks) -> None:
    plan = make_plan(
        r, prefs, date(2026, 11, 23), CAT, person_id="p", assessment_id="a", created_at=CREATED
    )
    assert_safe(plan, r)
    for week, behaviour in enumerate(weeks, start=1):
        if week >= len(plan.weeks):
            break
        logs = week_logs(
            plan,
            week,
            pain=behaviour["pain"],
            exercise_pain={behaviour["spike"]: 7} if behaviour["spike"] else None,
            sessions_done=behaviour["done"],
            short_of_target=behaviour["short"],
        )
        review, plan = review_week(
            plan,
            logs,
            [],
            week_index=week,
            baseline_pain=1.0,
            today=plan.weeks[week - 1].sessions[-1].date,
            catalogue=CAT,
            cautions=r.cautions,
        )
        if review.stop:
            break
        assert_safe(plan, r)


@pytest.mark.parametrize("code", list(Caution), ids=str)
@pytest.mark.parametrize("profile", list(Profile), ids=str)
def test_each_caution_alone_with_every_exercise_on_offer(code, profile) -> None:
    """All equipment, advanced level, daily: the widest choice, so every substitute is reached.

    A freshly made plan also does its warm-ups before any other work.
    """
    r = result(profile, triage=Triage.PROCEED_WITH_CAUTIONS, cautions=frozenset({code}))
    prefs = Preferences(
        minutes_per_day=30,
        strength_days_per_week=3,
        equipment=frozenset(Equipment),
        level=Level.ADVANCED,
        preferred_days=WEEKDAYS,
    )
    plan = make_plan(
        r, prefs, date(2026, 11, 23), CAT, person_id="p", assessment_id="a", created_at=CREATED
    )
    assert_safe(plan, r)
    for session in plan.sessions():
        warm = [WARM_UP_TAG in CAT.get(p.exercise_id).tags for p in session.prescriptions]
        assert warm == sorted(warm, reverse=True), session.id
    mobility = [s for s in plan.sessions() if s.kind is SessionKind.MOBILITY]
    assert all(WARM_UP_TAG in CAT.get(s.prescriptions[0].exercise_id).tags for s in mobility)


@pytest.mark.parametrize(
    ("code", "self_test"),
    [
        (Caution.HIP_REPLACEMENT_ANTERIOR, False),
        (Caution.HIP_REPLACEMENT_POSTERIOR, False),
        (Caution.PREGNANCY_LATE, False),
        (Caution.KNEE_PAIN_KNEELING, True),
        (None, True),
    ],
)
def test_a_retest_day_asks_for_the_self_test_only_when_the_cautions_allow(code, self_test):
    cautions = frozenset({code}) if code else frozenset()
    r = result(Profile.TIGHT, triage=Triage.PROCEED_WITH_CAUTIONS, cautions=cautions)
    prefs = Preferences(minutes_per_day=10, preferred_days=WEEKDAYS)
    plan = make_plan(
        r, prefs, date(2026, 11, 23), CAT, person_id="p", assessment_id="a", created_at=CREATED
    )
    retests = [s for s in plan.sessions() if s.kind is SessionKind.RETEST]
    assert retests and all(s.self_test is self_test for s in retests)
    for session in retests:
        assert ("left out for you" in session.reason) is not self_test
        assert ("both sides, then record the result" in session.reason) is self_test
