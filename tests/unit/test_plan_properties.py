"""Properties over random assessments, preferences and six weeks of random logs."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.unit.plan_catalogue import CREATED, build_catalogue, result
from tests.unit.plan_checks import (
    caution_violations,
    consecutive_strength_days,
    fit_problems,
    missing_reasons,
    preference_problems,
)
from tests.unit.plan_logs import week_logs

from psoas.domain.catalogue.exercises import Caution, Equipment, Level
from psoas.domain.planning.make import make_plan
from psoas.domain.planning.plans import Change
from psoas.domain.progression.review import review_week
from psoas.domain.records.people import WEEKDAYS, Preferences
from psoas.domain.screening.assessment import Profile, ThighPosition, Triage

CAT = build_catalogue()
FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])

assessments = st.builds(
    result,
    st.sampled_from(list(Profile)),
    triage=st.sampled_from([Triage.PROCEED, Triage.PROCEED_WITH_CAUTIONS]),
    cautions=st.frozensets(st.sampled_from(list(Caution)), max_size=3),
    left=st.sampled_from(list(ThighPosition)),
    right=st.sampled_from(list(ThighPosition)),
    left_angle=st.one_of(st.none(), st.floats(-20, 25, allow_nan=False)),
    right_angle=st.one_of(st.none(), st.floats(-20, 25, allow_nan=False)),
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
starts = st.integers(0, 13).map(lambda n: date(2026, 11, 16) + timedelta(days=n))


def check_plan(plan, r) -> None:
    assert caution_violations(plan, r, CAT) == []
    assert consecutive_strength_days(plan) == []
    assert preference_problems(plan, CAT) == []
    assert missing_reasons(plan) == []


@FAST
@given(assessments, preferences, starts)
def test_any_plan_is_safe_fits_and_is_deterministic(r, prefs, start) -> None:
    plan = make_plan(r, prefs, start, CAT, person_id="p", assessment_id="a", created_at=CREATED)
    check_plan(plan, r)
    assert fit_problems(plan, CAT) == []
    assert plan == make_plan(
        r, prefs, start, CAT, person_id="p", assessment_id="a", created_at=CREATED
    )


week_behaviour = st.fixed_dictionaries(
    {
        "pain": st.integers(0, 7),
        "spike": st.one_of(
            st.none(),
            st.sampled_from(["t-march", "t-bridge", "t-kneeling-stretch", "t-knee-raise"]),
        ),
        "next_morning": st.one_of(st.none(), st.integers(0, 7)),
        "done": st.one_of(st.none(), st.integers(0, 7)),
        "short": st.booleans(),
    }
)


@SLOW
@given(assessments, preferences, st.lists(week_behaviour, min_size=5, max_size=5), st.floats(0, 5))
def test_six_weeks_of_random_logs_keep_every_invariant(r, prefs, weeks, baseline) -> None:
    plan = make_plan(
        r, prefs, date(2026, 11, 23), CAT, person_id="p", assessment_id="a", created_at=CREATED
    )
    week = 1
    for behaviour in weeks:
        if week >= len(plan.weeks):
            break
        logs = week_logs(
            plan,
            week,
            pain=behaviour["pain"],
            exercise_pain={behaviour["spike"]: 7} if behaviour["spike"] else None,
            next_morning=behaviour["next_morning"],
            sessions_done=behaviour["done"],
            short_of_target=behaviour["short"],
        )
        end = plan.weeks[week - 1].sessions[-1].date
        review, plan = review_week(
            plan,
            logs,
            [],
            week_index=week,
            baseline_pain=baseline,
            today=end,
            catalogue=CAT,
            cautions=r.cautions,
        )
        if review.stop:
            assert plan.stopped_reason and review.flags
            break
        check_plan(plan, r)
        assert fit_problems(plan, CAT, lower=False) == []  # regressions may make a session shorter
        assert all(item.reason for item in review.items)
        jump = review.load_change_pct is not None and review.load_change_pct > 30
        if jump:
            assert any(flag.startswith("load jump") for flag in review.flags)
        for item in review.items:
            if item.change == Change.PROGRESS:
                assert (
                    item.new_dose is not None
                    or item.new_exercise_id
                    or "not in next week" in item.reason
                )
        week += 1
