"""When an alert's evidence reached the records, against the clinician's "seen" mark: pain
added to an older session later (the next morning's answer), a log entered afterwards, or a
pain measurement back-dated, is newer than a mark made before it and raises a fresh alert with
its own reason; an update that brings nothing new does not bring seen alerts back."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from tests import factories as f

from psoas.domain.clinic.alerts import AlertKind, client_alerts, log_alerts, stamp_log
from psoas.domain.records.measurements import MeasurementKind, Method
from psoas.domain.records.session_logs import LogEvent, LogEventRecord

SESSION = datetime(2026, 12, 3, 18, 0, tzinfo=UTC)
SEEN = SESSION + timedelta(hours=2)  # the clinician marked the client's alerts seen
MORNING = SESSION + timedelta(hours=14)  # 08:00 the next day


def log(**pain):  # type: ignore[no-untyped-def]
    return f.session_log(
        "p",
        session_date=SESSION.date(),
        started_at=SESSION - timedelta(minutes=10),
        finished_at=SESSION,
        sets=(),
        **pain,
    )


def alerts(logs=(), pains=(), seen_at=SEEN):  # type: ignore[no-untyped-def]
    return client_alerts(
        logs=list(logs),
        pains=list(pains),
        red_flag_at=None,
        unread_messages=0,
        client_plan_changes=[],
        seen_at=seen_at,
    )


def saved(before, after, at):  # type: ignore[no-untyped-def]
    return stamp_log(after, before, at)


def test_a_new_log_is_stamped_when_it_is_saved():
    first = stamp_log(log(pain_after=8), None, SESSION + timedelta(minutes=1))
    assert first.recorded_at == SESSION + timedelta(minutes=1)
    assert first.next_morning_at is None
    with_morning = stamp_log(log(next_morning_pain=8), None, MORNING)
    assert with_morning.next_morning_at == MORNING


def test_next_morning_pain_after_seen_raises_its_own_alert():
    stored = stamp_log(log(pain_before=3, pain_after=8), None, SESSION)
    assert [a.reason for a in alerts([stored], seen_at=None)] == [
        "pain 8/10 after the session on 03 Dec",
        "pain rose from 3 to 8/10 in the session on 03 Dec",
    ]
    assert alerts([stored]) == ()  # seen
    answered = saved(stored, replace(stored, next_morning_pain=8, next_morning_asked=True), MORNING)
    found = alerts([answered])
    assert [(a.kind, a.reason, a.at) for a in found] == [
        (AlertKind.HIGH_PAIN, "pain 8/10 the morning after the session on 03 Dec", MORNING)
    ]
    assert answered.recorded_at == SESSION  # the session's own answers are still the seen ones


def test_next_morning_pain_on_an_older_log_without_times_counts_from_its_answer():
    old = log(pain_before=2, pain_after=2)  # saved before these times were kept
    assert old.recorded_at is None
    week_later = SESSION + timedelta(days=6)
    answered = saved(old, replace(old, next_morning_pain=7), week_later)
    assert [a.reason for a in alerts([answered], seen_at=week_later - timedelta(hours=1))] == [
        "pain 7/10 the morning after the session on 03 Dec"
    ]
    assert alerts([answered], seen_at=week_later) == ()  # and it is seen like any other


def test_calm_next_morning_pain_raises_nothing_and_keeps_seen_alerts_seen():
    stored = stamp_log(log(pain_before=3, pain_after=8), None, SESSION)
    answered = saved(stored, replace(stored, next_morning_pain=2), MORNING)
    assert answered.next_morning_at == MORNING
    assert alerts([answered]) == ()


def test_a_skipped_or_unchanged_answer_is_not_news():
    stored = stamp_log(log(pain_after=2, next_morning_pain=8), None, SESSION)
    again = saved(stored, replace(stored, notes="stiff"), MORNING)  # same pain, a note added
    assert again.next_morning_at == SESSION and again.recorded_at == SESSION
    assert alerts([again]) == ()


def test_a_resumed_session_with_a_new_reason_is_fresh_and_one_without_is_not():
    stored = stamp_log(log(pain_before=2, pain_during=8), None, SESSION)
    calmer = saved(stored, replace(stored, pain_after=3), MORNING)
    assert calmer.recorded_at == SESSION and alerts([calmer]) == ()
    stopped = LogEventRecord(LogEvent.STOPPED_FOR_PAIN, "t-bridge", 60.0)
    hurt = saved(stored, replace(stored, events=(stopped,)), MORNING)
    assert hurt.recorded_at == MORNING
    assert AlertKind.THIS_HURTS in {a.kind for a in alerts([hurt])}


def test_a_log_entered_afterwards_counts_from_when_it_was_entered():
    entered = stamp_log(log(pain_before=2, pain_after=8, times_given=False), None, MORNING)
    assert [a.at for a in log_alerts(entered)] == [MORNING, MORNING]
    assert {a.kind for a in alerts([entered])} == {AlertKind.HIGH_PAIN, AlertKind.PAIN_RISE}


def test_a_back_dated_pain_counts_from_when_it_was_recorded():
    pain = f.measurement(
        "p",
        kind=MeasurementKind.PAIN,
        value=8,
        unit="{score}",
        method=Method.SELF_REPORT,
        side=None,
        taken_at=SESSION,
    )
    assert alerts(pains=[pain]) == ()  # taken and stored before the mark
    late = replace(pain, recorded_at=MORNING)
    assert [a.reason for a in alerts(pains=[late])] == ["pain 8/10 logged on 03 Dec"]


def test_pain_the_clinician_measured_herself_is_no_alert_for_her():
    pain = f.measurement(
        "p",
        kind=MeasurementKind.PAIN,
        value=8,
        unit="{score}",
        method=Method.CLINICIAN,
        side=None,
        taken_at=MORNING,
    )
    assert alerts(pains=[pain]) == ()
    assert len(alerts(pains=[replace(pain, method=Method.SELF_REPORT)])) == 1
