"""Clinic mode's pure rules: who may see whose records, lockout, attention order, hand changes
to a plan with cautions."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from tests import factories as f

from psoas.domain.catalogue.exercises import Catalogue, Caution, CautionAction, ExerciseCaution
from psoas.domain.clinic.accounts import (
    LOCKOUT,
    MAX_FAILED_LOGINS,
    MAX_FAILURES_PER_ACCOUNT,
    MAX_FAILURES_PER_SOURCE,
    Role,
    User,
    account_locked,
    after_good_login,
    can_issue_reset,
    can_view_person,
    pair_locked,
)
from psoas.domain.clinic.caseload import ClientStatus, attention_reasons, by_attention
from psoas.domain.errors import InvalidValue
from psoas.domain.planning.prescribing import AdjustKind, Adjustment, adjust_plan
from psoas.domain.progress.summary import Adherence
from psoas.domain.records.people import Person
from psoas.domain.screening.assessment import Triage

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
PERSON = Person("p1", "Pat", NOW, clinician_id="doc")


def user(role: Role, uid: str = "u", person_id: str | None = None, active: bool = True) -> User:
    return User(uid, f"{uid}@x.org", role, uid, NOW, person_id=person_id, active=active)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        (user(Role.CLIENT, person_id="p1"), True),
        (user(Role.CLIENT, person_id="p2"), False),
        (user(Role.CLINICIAN, "doc"), True),
        (user(Role.CLINICIAN, "other"), False),
        (user(Role.ADMIN), False),
        (user(Role.CLINICIAN, "doc", active=False), False),
    ],
)
def test_who_may_view_a_persons_records(who, allowed):
    assert can_view_person(who, PERSON) is allowed


@pytest.mark.parametrize(
    ("actor", "allowed"),
    [
        (user(Role.ADMIN, "a"), True),
        (user(Role.CLINICIAN, "doc"), True),
        (user(Role.CLINICIAN, "other"), False),
        (user(Role.CLIENT, "c2", "p2"), False),
    ],
)
def test_who_may_issue_a_reset_link_for_a_client(actor, allowed):
    target = user(Role.CLIENT, "c1", "p1")
    assert can_issue_reset(actor, target, PERSON) is allowed
    assert not can_issue_reset(target, target, PERSON)


def test_the_fifth_failure_for_an_email_from_an_address_locks_that_pair():
    assert not pair_locked(MAX_FAILED_LOGINS - 1) and pair_locked(MAX_FAILED_LOGINS)
    assert not account_locked(MAX_FAILURES_PER_ACCOUNT - 1)
    assert account_locked(MAX_FAILURES_PER_ACCOUNT)
    assert MAX_FAILURES_PER_ACCOUNT > MAX_FAILURES_PER_SOURCE > MAX_FAILED_LOGINS  # the backstop
    u = replace(user(Role.CLIENT), locked_until=NOW + LOCKOUT)
    assert u.is_locked(NOW) and not u.is_locked(NOW + LOCKOUT)
    assert after_good_login(u).locked_until is None


def _reasons(**overrides):  # type: ignore[no-untyped-def]
    values = {
        "today": date(2026, 11, 23),
        "triage": None,
        "has_assessment": True,
        "plan": None,
        "pain": None,
        "recent": Adherence("last 2 weeks", 10, 9, 0),
        "earlier": Adherence("before", 10, 9, 0),
        "last_activity": date(2026, 11, 22),
        "started": date(2026, 11, 1),
    }
    values.update(overrides)
    return attention_reasons(**values)


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, ()),
        ({"triage": Triage.SEE_CLINICIAN}, ("red flag",)),
        ({"recent": Adherence("r", 10, 4, 0)}, ("adherence falling",)),
        (
            {"recent": Adherence("r", 10, 6, 0), "earlier": Adherence("e", 10, 10, 0)},
            ("adherence falling",),
        ),
        ({"last_activity": date(2026, 11, 10)}, ("no activity",)),
        ({"last_activity": None, "started": date(2026, 11, 20)}, ()),
        ({"has_assessment": False}, ("no assessment yet",)),
        (
            {"triage": Triage.URGENT_REFERRAL, "last_activity": None, "has_assessment": True},
            ("red flag", "no activity"),
        ),
    ],
)
def test_attention_reasons(overrides, expected):
    assert _reasons(**overrides) == expected


def test_clients_most_in_need_come_first():
    def status(name: str, reasons: tuple[str, ...]) -> ClientStatus:
        return ClientStatus(name, name, None, None, Adherence("r", 0, 0, 0), None, None, reasons)

    ranked = by_attention(
        [status("calm", ()), status("quiet", ("no activity",)), status("flag", ("red flag",))]
    )
    assert [s.person_id for s in ranked] == ["flag", "quiet", "calm"]


def _adjust(plan, adjustment, catalogue, day, cautions=frozenset(), reason=""):  # type: ignore[no-untyped-def]
    return adjust_plan(
        plan,
        adjustment,
        catalogue=catalogue,
        cautions=cautions,
        from_day=day,
        override_reason=reason,
    )


def _ids(session) -> set[str]:  # type: ignore[no-untyped-def]
    return {p.exercise_id for p in session.prescriptions}


def test_hand_changes_apply_from_the_day_on():
    catalogue, plan = f.catalogue(), f.plan("p1")
    days = [s.date for s in plan.sessions()]
    bridge, stretch = "test-glute-bridge", "test-hip-flexor-stretch"
    removed = _adjust(plan, Adjustment(AdjustKind.REMOVE, bridge), catalogue, days[2]).plan
    assert [bridge in _ids(s) for s in removed.sessions()] == [True, True] + [False] * 5
    added = _adjust(removed, Adjustment(AdjustKind.ADD, bridge), catalogue, days[4])
    assert added.sessions_changed == 3
    dosed = _adjust(
        added.plan,
        Adjustment(AdjustKind.DOSE, stretch, sets=3, hold_seconds=45),
        catalogue,
        days[0],
    ).plan
    assert {
        p.dose.hold_seconds
        for s in dosed.sessions()
        for p in s.prescriptions
        if p.exercise_id == stretch
    } == {45}
    assert all(s.estimated_seconds > 0 for s in dosed.sessions())


@pytest.mark.parametrize(
    ("adjustment", "field"),
    [
        (Adjustment(AdjustKind.DOSE, "test-glute-bridge", sets=0, reps=5), "sets"),
        (Adjustment(AdjustKind.DOSE, "test-glute-bridge", sets=2), "reps"),
        (Adjustment(AdjustKind.DOSE, "test-glute-bridge", sets=2, reps=5, hold_seconds=30), "reps"),
        (Adjustment(AdjustKind.SWAP, "test-glute-bridge"), "new_exercise_id"),
        (Adjustment(AdjustKind.ADD, "test-glute-bridge"), "exercise_id"),  # already everywhere
    ],
)
def test_bad_hand_changes_name_the_field(adjustment, field):
    plan = f.plan("p1")
    with pytest.raises(InvalidValue) as bad:
        _adjust(plan, adjustment, f.catalogue(), plan.start)
    assert bad.value.field == field


def test_an_avoided_exercise_needs_a_reason_to_override():
    rule = ExerciseCaution(Caution.ACUTE_BACK_FLARE, CautionAction.AVOID, "Not during a flare.")
    risky = replace(f.exercise("test-risky-lift"), cautions=(rule,))
    catalogue = Catalogue({**{e.id: e for e in f.catalogue()}, risky.id: risky})
    plan, flare = f.plan("p1"), frozenset({Caution.ACUTE_BACK_FLARE})
    add = Adjustment(AdjustKind.ADD, risky.id)
    with pytest.raises(InvalidValue) as refused:
        _adjust(plan, add, catalogue, plan.start, flare)
    assert (
        refused.value.field == "override_reason" and "Not during a flare." in refused.value.problem
    )
    done = _adjust(plan, add, catalogue, plan.start, flare, "checked in clinic")
    assert done.overridden and all(risky.id in _ids(s) for s in done.plan.sessions())
    assert _adjust(plan, add, catalogue, plan.start).overridden == ()  # no caution, no warning
