"""make_plan over personas: emphasis, cautions, budget, calendar, determinism, refusals."""

from __future__ import annotations

from dataclasses import replace

import pytest
from tests.unit.plan_catalogue import CREATED, START, build_catalogue, result
from tests.unit.plan_checks import (
    caution_violations,
    consecutive_strength_days,
    fit_problems,
    missing_reasons,
    preference_problems,
)

from psoas.domain.catalogue.exercises import Category, Caution, Equipment, Level
from psoas.domain.errors import InvalidInput, ReferralRequired
from psoas.domain.planning.calendar import choose_strength_days, retest_weeks, tighter_side
from psoas.domain.planning.make import make_plan
from psoas.domain.planning.plans import SessionKind, SideHandling
from psoas.domain.records.people import Preferences
from psoas.domain.screening.assessment import Profile, ThighPosition, Triage

CAT = build_catalogue()
ALL_KIT = frozenset(Equipment)
PERSONAS = {
    "desk worker, tight, 10 min, mat": (result(Profile.TIGHT), Preferences(minutes_per_day=10)),
    "runner, weak, 15 min, band": (
        result(Profile.WEAK_OR_OVERSTRETCHED, left=ThighPosition.BELOW, right=ThighPosition.BELOW),
        Preferences(
            minutes_per_day=15,
            strength_days_per_week=3,
            equipment=frozenset({Equipment.MAT, Equipment.RESISTANCE_BAND}),
            level=Level.INTERMEDIATE,
        ),
    ),
    "mixed, sore knees, 20 min": (
        result(
            Profile.MIXED,
            cautions=frozenset({Caution.KNEE_PAIN_KNEELING}),
            asymmetry=True,
            left_angle=10,
            right_angle=2,
        ),
        Preferences(minutes_per_day=20, equipment=ALL_KIT, level=Level.INTERMEDIATE),
    ),
    "no signs, 5 min, weekdays": (
        result(Profile.NO_SIGNS, left=ThighPosition.LEVEL, right=ThighPosition.LEVEL),
        Preferences(minutes_per_day=5, preferred_days=("mon", "tue", "wed", "thu", "fri")),
    ),
    "anterior hip replacement, balance": (
        result(
            Profile.TIGHT,
            triage=Triage.PROCEED_WITH_CAUTIONS,
            cautions=frozenset({Caution.HIP_REPLACEMENT_ANTERIOR, Caution.POOR_BALANCE}),
        ),
        Preferences(minutes_per_day=12, equipment=ALL_KIT, level=Level.ADVANCED),
    ),
    "pregnant, 30 min, three days": (
        result(
            Profile.MIXED,
            triage=Triage.PROCEED_WITH_CAUTIONS,
            cautions=frozenset({Caution.PREGNANCY}),
        ),
        Preferences(minutes_per_day=30, equipment=ALL_KIT, preferred_days=("mon", "wed", "sat")),
    ),
}


def plan_for(name: str):
    r, prefs = PERSONAS[name]
    return make_plan(r, prefs, START, CAT, person_id="p1", assessment_id="a1", created_at=CREATED)


@pytest.mark.parametrize("name", sorted(PERSONAS))
def test_persona_plans_keep_every_invariant(name: str) -> None:
    plan = plan_for(name)
    r, _ = PERSONAS[name]
    assert len(plan.weeks) == 6
    assert caution_violations(plan, r, CAT) == []
    assert fit_problems(plan, CAT) == []
    assert consecutive_strength_days(plan) == []
    assert preference_problems(plan, CAT) == []
    assert missing_reasons(plan) == []


@pytest.mark.parametrize("name", sorted(PERSONAS))
def test_same_inputs_give_the_same_plan(name: str) -> None:
    assert plan_for(name) == plan_for(name)


def kinds(plan, week: int) -> list[SessionKind]:
    return [s.kind for s in plan.weeks[week - 1].sessions]


def categories(plan, week: int, kind: SessionKind) -> set[Category]:
    return {
        CAT.get(p.exercise_id).category
        for s in plan.weeks[week - 1].sessions
        if s.kind == kind
        for p in s.prescriptions
    }


def test_tight_profile_lengthens_first_and_adds_gentle_strength_later() -> None:
    plan = plan_for("desk worker, tight, 10 min, mat")
    assert SessionKind.STRENGTH not in kinds(plan, 1)
    assert {Category.STRETCH, Category.BREATHING} <= categories(plan, 1, SessionKind.MOBILITY)
    assert SessionKind.STRENGTH in kinds(plan, 3)
    assert "follows your own assessment" in plan.weeks[2].focus
    assert plan.weeks[0].phase == "Release and lengthen"


def test_weak_profile_strengthens_from_week_one_with_stretching_as_counterbalance() -> None:
    plan = plan_for("runner, weak, 15 min, band")
    assert kinds(plan, 1).count(SessionKind.STRENGTH) == 3
    assert categories(plan, 1, SessionKind.STRENGTH) & {Category.STRENGTH, Category.STABILITY}
    assert Category.STRETCH in categories(plan, 1, SessionKind.MOBILITY)
    assert "follows your own assessment" in plan.weeks[0].focus


def test_no_signs_is_maintenance_throughout() -> None:
    plan = plan_for("no signs, 5 min, weekdays")
    assert {w.phase for w in plan.weeks} == {"Maintenance"}
    assert [s.kind for s in plan.weeks[0].sessions][5:] == [SessionKind.REST, SessionKind.REST]


def test_retest_days_in_weeks_three_and_six() -> None:
    plan = plan_for("desk worker, tight, 10 min, mat")
    retests = [w.index for w in plan.weeks for s in w.sessions if s.kind == SessionKind.RETEST]
    assert retests == [3, 6]
    assert retest_weeks(6) == {3, 6} and retest_weeks(2) == {2}


def test_avoided_exercise_is_replaced_by_its_substitute_and_modified_one_carries_the_note() -> None:
    plan = plan_for("mixed, sore knees, 20 min")
    used = {p.exercise_id: p for s in plan.sessions() for p in s.prescriptions}
    assert "t-couch-stretch" not in used  # avoid for sore knees
    assert used["t-kneeling-stretch"].modification == "Kneel on a folded cushion."


def test_anterior_hip_replacement_gets_no_hip_extension_stretch() -> None:
    plan = plan_for("anterior hip replacement, balance")
    used = {p.exercise_id for s in plan.sessions() for p in s.prescriptions}
    assert not used & {
        "t-kneeling-stretch",
        "t-couch-stretch",
        "t-standing-stretch",
        "t-reverse-lunge",
    }


def test_tighter_side_gets_an_extra_stretching_set_with_a_reason() -> None:
    plan = plan_for("mixed, sore knees, 20 min")
    stretches = [
        p for s in plan.sessions() for p in s.prescriptions if p.exercise_id == "t-kneeling-stretch"
    ]
    assert stretches and all(p.sides == SideHandling.LEFT_FIRST_EXTRA for p in stretches)
    assert "left side tighter" in stretches[0].reason
    strength = [p for s in plan.sessions() for p in s.prescriptions if p.exercise_id == "t-march"]
    assert all(p.sides == SideHandling.EACH for p in strength)


def test_variety_across_the_week_keeps_the_core_exercise() -> None:
    plan = plan_for("desk worker, tight, 10 min, mat")
    mobility = [s for s in plan.weeks[0].sessions if s.kind == SessionKind.MOBILITY]
    assert all(
        any(p.exercise_id == "t-kneeling-stretch" for p in s.prescriptions) for s in mobility
    )
    assert len({tuple(p.exercise_id for p in s.prescriptions) for s in mobility}) > 1


@pytest.mark.parametrize(
    ("preferred", "wanted", "expected"),
    [
        ((0, 1, 2, 3, 4, 5, 6), 3, (0, 2, 4)),
        ((0, 1, 2, 3, 4, 5, 6), 2, (0, 3)),
        ((0, 1), 2, (0,)),
        ((0, 6), 2, (0,)),  # Sunday and Monday are neighbours
        ((0, 2, 5), 3, (0, 2, 5)),
        ((1, 2, 3), 0, ()),
    ],
)
def test_strength_days_are_never_neighbours(preferred, wanted, expected) -> None:
    assert choose_strength_days(preferred, wanted) == expected


def test_tighter_side_by_angle_or_thigh() -> None:
    r = result(asymmetry=True, left_angle=2, right_angle=9)
    assert str(tighter_side(r.sides, r.asymmetry)) == "right"
    assert tighter_side(r.sides, False) is None
    r = result(asymmetry=True, left=ThighPosition.ABOVE, right=ThighPosition.LEVEL)
    assert str(tighter_side(r.sides, r.asymmetry)) == "left"


@pytest.mark.parametrize("triage", [Triage.URGENT_REFERRAL, Triage.SEE_CLINICIAN])
def test_refuses_when_the_triage_does_not_allow_a_plan(triage: Triage) -> None:
    with pytest.raises(ReferralRequired):
        make_plan(
            result(triage=triage),
            Preferences(),
            START,
            CAT,
            person_id="p",
            assessment_id="a",
            created_at=CREATED,
        )


def test_clinician_clearance_allows_a_see_clinician_plan() -> None:
    plan = make_plan(
        result(triage=Triage.SEE_CLINICIAN),
        Preferences(),
        START,
        CAT,
        person_id="p",
        assessment_id="a",
        created_at=CREATED,
        clinician_cleared=True,
    )
    assert plan.weeks


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"minutes_per_day": 0}, "minutes_per_day"),
        ({"strength_days_per_week": 7}, "strength_days_per_week"),
        ({"preferred_days": ("funday",)}, "preferred_days"),
    ],
)
def test_bad_preferences_name_the_field(changes, field) -> None:
    with pytest.raises(InvalidInput) as caught:
        make_plan(
            result(),
            replace(Preferences(), **changes),
            START,
            CAT,
            person_id="p",
            assessment_id="a",
            created_at=CREATED,
        )
    assert [p.field for p in caught.value.problems] == [field]


def test_a_thin_catalogue_gives_short_sessions_that_say_why() -> None:
    from psoas.domain.catalogue.exercises import Catalogue

    thin = Catalogue({"t-standing-stretch": CAT.get("t-standing-stretch")})
    plan = make_plan(
        result(),
        Preferences(minutes_per_day=30),
        START,
        thin,
        person_id="p",
        assessment_id="a",
        created_at=CREATED,
    )
    first = plan.weeks[0].sessions[0]
    assert "shorter than your 30 minutes" in first.reason
    assert fit_problems(plan, CAT) == []
