"""The caseload's pure rules: alerts with their reasons, advice after a high-pain session,
plans built by hand (items placed on days and weeks, read back, carried over onto a
regenerated plan), the minutes warning and the lines that say what changed."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from tests import factories as f
from tests.unit.plan_catalogue import build_catalogue

from psoas.domain.clinic.alerts import (
    AlertKind,
    after_session_advice,
    alert_score,
    client_alerts,
    log_alerts,
)
from psoas.domain.errors import InvalidValue
from psoas.domain.planning.building import (
    apply_items,
    carry_over,
    check_item,
    empty_plan,
    items_in,
    long_days,
    over_budget_text,
)
from psoas.domain.planning.diff import plan_changes
from psoas.domain.planning.plans import SessionKind
from psoas.domain.records.clinical import BuildItem
from psoas.domain.records.measurements import MeasurementKind, Method
from psoas.domain.records.people import Preferences
from psoas.domain.records.session_logs import LogEvent, LogEventRecord

NOW = datetime(2026, 12, 3, 18, 0, tzinfo=UTC)
MONDAY = date(2026, 11, 30)
CAT = build_catalogue()


def log(**pain):  # type: ignore[no-untyped-def]
    return f.session_log(
        "p", session_date=NOW.date(), started_at=NOW - timedelta(minutes=10), sets=(), **pain
    )


@pytest.mark.parametrize(
    ("pain", "kinds"),
    [
        ({"pain_before": 2, "pain_during": 3, "pain_after": 2}, set()),
        ({"pain_before": 4, "pain_during": 7, "pain_after": 8}, {"high pain", "pain rise"}),
        ({"pain_before": 5, "pain_during": 6, "pain_after": 6}, set()),  # rise of 1 only
        ({"pain_before": 2, "pain_during": 4, "pain_after": 3}, {"pain rise"}),
        ({"pain_before": 6, "pain_during": 6, "pain_after": 7}, {"high pain"}),
        ({"pain_before": None, "pain_during": None, "pain_after": None}, set()),
        ({"pain_before": 1, "pain_after": 1, "notes": "my hip felt worse, 7/10"}, {"high pain"}),
        ({"pain_before": 1, "pain_after": 1, "next_morning_pain": 9}, {"high pain"}),
    ],
)
def test_log_alerts(pain, kinds):  # type: ignore[no-untyped-def]
    assert {a.kind.value for a in log_alerts(log(**pain))} == kinds


def test_alert_reasons_name_the_pain_and_the_day():
    found = log_alerts(log(pain_before=4, pain_during=7, pain_after=8))
    assert [a.reason for a in found] == [
        "pain 8/10 after the session on 03 Dec",
        "pain rose from 4 to 8/10 in the session on 03 Dec",
    ]
    noted = log_alerts(log(pain_before=1, pain_during=1, pain_after=1, notes="worse, 7/10"))
    assert noted[0].reason == "pain 7/10 written in the notes the session on 03 Dec"


def test_this_hurts_is_an_alert():
    stopped = LogEventRecord(LogEvent.STOPPED_FOR_PAIN, "t-bridge", 60.0)
    found = log_alerts(replace(log(pain_before=2, pain_after=2), events=(stopped,)))
    assert [a.kind for a in found] == [AlertKind.THIS_HURTS]


def test_client_alerts_only_after_seen_and_most_urgent_first():
    high = log(pain_before=3, pain_after=8)
    pain = f.measurement(
        "p",
        kind=MeasurementKind.PAIN,
        value=7,
        unit="{score}",
        method=Method.SELF_REPORT,
        side=None,
        taken_at=NOW,
    )
    kwargs = {
        "logs": [high],
        "pains": [pain],
        "red_flag_at": NOW - timedelta(days=1),
        "unread_messages": 2,
        "client_plan_changes": [NOW],
    }
    every = client_alerts(**kwargs, seen_at=None)
    assert [a.kind for a in every][:2] == [AlertKind.RED_FLAG, AlertKind.HIGH_PAIN]
    assert "2 unread messages" in [a.reason for a in every]
    later = client_alerts(**kwargs, seen_at=NOW + timedelta(minutes=1))
    assert [a.reason for a in later] == ["2 unread messages"]  # messages count until read
    assert client_alerts(**{**kwargs, "unread_messages": 0}, seen_at=NOW + timedelta(hours=1)) == ()
    assert alert_score(every) > alert_score(later) > 0


def test_advice_after_a_high_pain_session():
    assert after_session_advice(log(pain_before=2, pain_after=2), clinic_told=True) == ""
    told = after_session_advice(log(pain_before=4, pain_after=7), clinic_told=True)
    assert told.startswith("Your pain reached 7/10") and "clinic has been told" in told
    alone = after_session_advice(log(pain_before=4, pain_after=9), clinic_told=False)
    assert "clinic has been told" not in alone and "pauses your plan" in alone


def plan(weeks: int = 2):  # type: ignore[no-untyped-def]
    return empty_plan(
        plan_id="p1",
        person_id="p",
        created_at=NOW,
        start=MONDAY,
        weeks=weeks,
        preferences=Preferences(minutes_per_day=10),
    )


BRIDGE = BuildItem("t-bridge", 2, reps=10, days=("mon", "wed"), first_week=1, last_week=2)
STRETCH = BuildItem(
    "t-couch-stretch",
    2,
    hold_seconds=30,
    sides="each",
    days=("tue",),
    first_week=2,
    last_week=2,
    note="Tuck the pelvis",
)


def test_items_land_on_their_days_and_weeks_and_read_back():
    built = apply_items(plan(), [BRIDGE, STRETCH], CAT, MONDAY)
    kinds = {s.date: (s.kind, [p.exercise_id for p in s.prescriptions]) for s in built.sessions()}
    assert kinds[MONDAY] == (SessionKind.STRENGTH, ["t-bridge"])
    assert kinds[MONDAY + timedelta(days=1)] == (SessionKind.REST, [])  # stretch is week 2
    assert kinds[MONDAY + timedelta(days=8)] == (SessionKind.MOBILITY, ["t-couch-stretch"])
    assert kinds[MONDAY + timedelta(days=3)][0] is SessionKind.REST
    assert items_in(built, MONDAY) == [BRIDGE, STRETCH]
    assert all(p.by_clinician for s in built.sessions() for p in s.prescriptions)


def test_changes_apply_from_a_day_on_only():
    built = apply_items(plan(), [BRIDGE], CAT, MONDAY)
    later = MONDAY + timedelta(days=7)
    emptied = apply_items(built, [], CAT, later, removed=["t-bridge"])
    assert [p.exercise_id for p in emptied.on(MONDAY)[0].prescriptions] == ["t-bridge"]
    assert emptied.on(later)[0].kind is SessionKind.REST


@pytest.mark.parametrize(
    "bad",
    [
        replace(BRIDGE, exercise_id="nope"),
        replace(BRIDGE, sets=0),
        replace(BRIDGE, reps=None),
        replace(BRIDGE, hold_seconds=30),
        replace(BRIDGE, reps=None, hold_seconds=2),
        replace(BRIDGE, days=()),
        replace(BRIDGE, days=("mon", "funday")),
        replace(BRIDGE, first_week=2, last_week=1),
        replace(BRIDGE, last_week=3),
        replace(BRIDGE, sides="upside"),
        replace(BRIDGE, note="x" * 301),
    ],
)
def test_bad_items_are_refused(bad):  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidValue):
        check_item(bad, CAT, weeks=2)


def test_carry_over_keeps_the_clinicians_prescriptions_and_removals():
    empty = plan()
    generated = replace(  # what the planner makes: hip circles every day, nothing by hand
        empty,
        weeks=tuple(
            replace(
                w,
                sessions=tuple(
                    replace(
                        s,
                        kind=SessionKind.MOBILITY,
                        prescriptions=(f.prescription("t-hip-circles"),),
                    )
                    for s in w.sessions
                ),
            )
            for w in empty.weeks
        ),
    )
    old = apply_items(generated, [BRIDGE], CAT, MONDAY, removed=["t-hip-circles"])
    old = replace(old, clinician_removed=("t-hip-circles",))
    kept, count = carry_over(old, generated, CAT, MONDAY)
    assert count == 1 and kept.clinician_removed == ("t-hip-circles",)
    everything = {p.exercise_id for s in kept.sessions() for p in s.prescriptions}
    assert everything == {"t-bridge"}
    assert [p.exercise_id for p in kept.on(MONDAY)[0].prescriptions] == ["t-bridge"]
    assert kept.on(MONDAY + timedelta(days=1))[0].kind is SessionKind.REST


def test_over_budget_names_the_long_days():
    heavy = replace(BRIDGE, sets=10, reps=50, days=("thu",))
    built = apply_items(plan(), [heavy], CAT, MONDAY)
    assert list(long_days(built, 10, MONDAY)) == ["thu"]
    assert over_budget_text(long_days(built, 10, MONDAY), 10).startswith(
        "Sessions on Thu take up to"
    )
    assert long_days(apply_items(plan(), [BRIDGE], CAT, MONDAY), 10, MONDAY) == {}


@pytest.mark.parametrize(
    ("days", "text"),
    [
        ({"thu": 1500}, "Sessions on Thu take up to 25 minutes; the client has 12 minutes a day."),
        (
            {d: 2340 for d in ("mon", "tue", "wed", "thu", "fri", "sat")},
            "Sessions on Mon, Tue, Wed, Thu, Fri and Sat take up to 39 minutes; "
            "the client has 12 minutes a day.",
        ),
        (
            {"fri": 1200, "mon": 2340, "wed": 2340},
            "Sessions on Mon and Wed take up to 39 minutes, on Fri up to 20 minutes; "
            "the client has 12 minutes a day.",
        ),
        ({"tue": 725}, "Sessions on Tue take up to 13 minutes; the client has 12 minutes a day."),
    ],
)
def test_the_minutes_warning_is_one_sentence(days, text):  # type: ignore[no-untyped-def]
    assert over_budget_text(days, 12) == text


def test_plan_changes_say_what_changed():
    names = {e.id: e.name for e in CAT}
    old = apply_items(plan(), [BRIDGE], CAT, MONDAY)
    new = apply_items(old, [replace(BRIDGE, sets=3), STRETCH], CAT, MONDAY)
    lines = plan_changes(old, new, names, MONDAY)
    assert any(line.startswith(f"Changed {names['t-bridge']}: 2 x 10 reps") for line in lines)
    assert any("Note: Tuck the pelvis" in line for line in lines)
    gone = plan_changes(new, apply_items(new, [], CAT, MONDAY, removed=["t-bridge"]), names, MONDAY)
    assert gone == [f"Removed {names['t-bridge']}."]
    assert plan_changes(new, new, names, MONDAY) == []


def test_easier_swaps_read_as_change_lines_once():
    from datetime import date as _date
    from datetime import datetime as _datetime

    from psoas.domain.planning.diff import swap_lines
    from psoas.domain.records.session_logs import LogEvent, LogEventRecord, SessionLog

    swap = LogEventRecord(LogEvent.SWITCHED_TO_EASIER, "a", 30.0, "a -> b at pain 6/10")
    stop = LogEventRecord(LogEvent.STOPPED_FOR_PAIN, "c", 40.0, "pain 7/10")
    at = _datetime(2026, 12, 3, 9, 0)
    log = SessionLog("l1", "p1", _date(2026, 12, 3), at, at, (), events=(swap, stop))
    names = {"a": "Couch stretch", "b": "Half-kneeling stretch"}
    assert swap_lines(log, names) == [
        "Swapped Couch stretch for the easier Half-kneeling stretch in the session on 03 Dec "
        "(pain 6/10)."
    ]
    assert swap_lines(log, names, already=(swap,)) == []  # a resumed log is not told twice
