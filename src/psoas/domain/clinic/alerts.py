"""Alerts a clinician must act on, each with its concrete reason: high pain, pain rising within
a session, "This hurts" stopping an exercise, a new red flag, unread messages and the client's
own plan changes.

Pure functions over a small recent window (the logs, pain measurements and events since the
clinician last marked the client's alerts seen), so the inputs can come from plain queries or
SQL aggregates alike. The thresholds are data with their sources.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from psoas.domain.progression.rules import FARRAR, SEVERE_PAIN, SILBERNAGEL
from psoas.domain.records.measurements import Measurement, MeasurementKind, Method
from psoas.domain.records.session_logs import LogEvent, SessionLog


class AlertKind(StrEnum):
    RED_FLAG = "red flag"
    HIGH_PAIN = "high pain"
    PAIN_RISE = "pain rise"
    THIS_HURTS = "this hurts"
    MESSAGE = "message"
    PLAN_CHANGED = "plan changed by the client"


@dataclass(frozen=True, slots=True)
class AlertRule:
    kind: AlertKind
    threshold: int
    weight: int  # how far up the caseload the alert moves the client
    rule: str
    source: str


ALERT_RULES = (
    AlertRule(AlertKind.RED_FLAG, 0, 200, "A new red flag in an assessment.", "NICE NG59"),
    AlertRule(
        AlertKind.HIGH_PAIN,
        7,
        150,
        "A single pain rating of 7/10 or more (before, during, after or next morning).",
        f"{SILBERNAGEL}: above 5/10 is the model's high-risk zone [secondary]; 7 is this "
        "clinic alert's own line [derived]",
    ),
    AlertRule(
        AlertKind.PAIN_RISE,
        2,
        120,
        "Pain rising by 2 points or more within one session.",
        f"{FARRAR}: 2 points is a meaningful change in pain",
    ),
    AlertRule(
        AlertKind.THIS_HURTS,
        0,
        120,
        "'This hurts' stopped an exercise.",
        f"{SILBERNAGEL}: stop or regress when pain is above 5/10 [secondary]",
    ),
    AlertRule(AlertKind.MESSAGE, 1, 80, "An unread message from the client.", "clinic workflow"),
    AlertRule(
        AlertKind.PLAN_CHANGED, 0, 50, "The client regenerated or changed their plan.", "clinic"
    ),
)
RULES = {r.kind: r for r in ALERT_RULES}
HIGH_PAIN = RULES[AlertKind.HIGH_PAIN].threshold
PAIN_RISE = RULES[AlertKind.PAIN_RISE].threshold
PAIN_IN_NOTES = re.compile(r"\b(10|[0-9])\s*/\s*10\b")


@dataclass(frozen=True, slots=True)
class Alert:
    kind: AlertKind
    at: datetime
    reason: str  # e.g. "pain 8/10 after the session on 03 Dec"

    @property
    def weight(self) -> int:
        return RULES[self.kind].weight


def _day(day: date) -> str:
    return f"{day:%d %b}"


def _log_pains(log: SessionLog) -> list[tuple[str, int]]:
    """Every pain the log holds, next morning included, labelled by when it was felt."""
    found = _session_pains(log)
    if log.next_morning_pain is not None:
        found.append(("the morning after", log.next_morning_pain))
    return found


def _session_pains(log: SessionLog) -> list[tuple[str, int]]:
    found = [
        (label, value)
        for label, value in (
            ("before", log.pain_before),
            ("during", log.pain_during),
            ("after", log.pain_after),
        )
        if value is not None
    ]
    found += [("during", s.pain) for s in log.sets if s.pain is not None]
    found += [("in the notes", int(m)) for m in PAIN_IN_NOTES.findall(log.notes)]
    return found


def _later(first: datetime, then: datetime | None) -> datetime:
    return first if then is None else max(first, then)


def log_alerts(log: SessionLog) -> tuple[Alert, ...]:
    """What one session log asks the clinician to look at (empty when nothing).

    Each alert carries the moment its evidence reached the records, so pain added later (the
    next morning's answer to an older session) is newer than a "seen" mark made before it.
    """
    return _session_alerts(log) + next_morning_alerts(log)


def _session_alerts(log: SessionLog) -> tuple[Alert, ...]:
    alerts = []
    at = _later(log.finished_at, log.recorded_at)
    on = _day(log.session_date)
    pains = _session_pains(log)
    if pains:
        label, top = max(pains, key=lambda p: p[1])
        if top >= HIGH_PAIN:
            where = "written in the notes" if label == "in the notes" else label
            alerts.append(
                Alert(AlertKind.HIGH_PAIN, at, f"pain {top}/10 {where} the session on {on}")
            )
    start = log.pain_before
    highest = max((v for label, v in pains if label in ("during", "after")), default=None)
    if start is not None and highest is not None and highest - start >= PAIN_RISE:
        alerts.append(
            Alert(
                AlertKind.PAIN_RISE,
                at,
                f"pain rose from {start} to {highest}/10 in the session on {on}",
            )
        )
    stops = [e for e in log.events if e.kind is LogEvent.STOPPED_FOR_PAIN]
    if stops:
        alerts.append(
            Alert(
                AlertKind.THIS_HURTS,
                at,
                f"'This hurts' stopped {len(stops)} exercise{'s' if len(stops) > 1 else ''} "
                f"on {on}",
            )
        )
    return tuple(alerts)


def next_morning_alerts(log: SessionLog) -> tuple[Alert, ...]:
    pain = log.next_morning_pain
    if pain is None or pain < HIGH_PAIN:
        return ()
    at = _later(_later(log.finished_at, log.recorded_at), log.next_morning_at)
    reason = f"pain {pain}/10 the morning after the session on {_day(log.session_date)}"
    return (Alert(AlertKind.HIGH_PAIN, at, reason),)


def stamp_log(log: SessionLog, before: SessionLog | None, now: datetime) -> SessionLog:
    """``log`` as it is saved at ``now`` (``before``: the stored log it replaces, if any),
    with the moments its answers reached the records: the session's own answers when they
    bring an alert reason ``before`` did not have, the next-morning pain when it changed."""
    if before is None:
        morning = now if log.next_morning_pain is not None else None
        return replace(log, recorded_at=now, next_morning_at=morning)
    reasons = {a.reason for a in _session_alerts(log)}
    new_reason = not reasons <= {a.reason for a in _session_alerts(before)}
    morning_changed = log.next_morning_pain != before.next_morning_pain
    return replace(
        log,
        recorded_at=now if new_reason else before.recorded_at,
        next_morning_at=now if morning_changed else before.next_morning_at,
    )


def client_alerts(
    *,
    logs: Sequence[SessionLog],
    pains: Sequence[Measurement],
    red_flag_at: datetime | None,
    unread_messages: int,
    client_plan_changes: Sequence[datetime],
    seen_at: datetime | None,
) -> tuple[Alert, ...]:
    """Every alert newer than ``seen_at`` (None: never marked seen), most urgent first.

    ``logs`` and ``pains`` are the recent window; ``red_flag_at`` is when the latest
    assessment raised a red flag that still blocks a plan; unread messages count until read.
    """

    def new(at: datetime) -> bool:
        return seen_at is None or at > seen_at

    alerts: list[Alert] = []
    if red_flag_at is not None and new(red_flag_at):
        alerts.append(
            Alert(
                AlertKind.RED_FLAG,
                red_flag_at,
                f"red flag in the assessment on {_day(red_flag_at.date())}",
            )
        )
    for log in logs:
        alerts += [a for a in log_alerts(log) if new(a.at)]
    for m in pains:
        at = _later(m.taken_at, m.recorded_at)
        mine = m.method is Method.CLINICIAN  # the clinician took it: nothing to tell her
        if m.kind is MeasurementKind.PAIN and m.value >= HIGH_PAIN and new(at) and not mine:
            text = f"pain {m.value:g}/10 logged on {_day(m.taken_at.date())}"
            alerts.append(Alert(AlertKind.HIGH_PAIN, at, text))
    if unread_messages:
        plural = "s" if unread_messages > 1 else ""
        alerts.append(
            Alert(AlertKind.MESSAGE, datetime.min, f"{unread_messages} unread message{plural}")
        )
    changes = [at for at in client_plan_changes if new(at)]
    if changes:
        alerts.append(
            Alert(
                AlertKind.PLAN_CHANGED,
                changes[-1],
                f"the client changed their plan on {_day(changes[-1].date())}",
            )
        )
    return tuple(sorted(alerts, key=lambda a: (-a.weight, -a.at.timestamp() if a.at.tzinfo else 0)))


def alert_score(alerts: Sequence[Alert]) -> int:
    """The caseload weight of a client's alerts: each kind counts once."""
    return sum(RULES[kind].weight for kind in {a.kind for a in alerts})


def after_session_advice(log: SessionLog, *, clinic_told: bool) -> str:
    """What the client reads at the end of a session whose pain was high (empty otherwise)."""
    alerts = log_alerts(log)
    if not alerts:
        return ""
    top = max((v for _, v in _log_pains(log)), default=None)
    lead = (
        f"Your pain reached {top}/10 in this session."
        if top is not None
        else ("You stopped an exercise because it hurt.")
    )
    advice = (
        f"{lead} Rest from these exercises until the pain settles, and do not push through it. "
        "If it has not settled by tomorrow morning, or keeps getting worse, contact your "
        "clinician before the next session. Numbness, weakness in a leg, or trouble with "
        "bladder or bowel need a doctor the same day."
    )
    if top is not None and top >= SEVERE_PAIN:
        advice += " Because the pain was severe, psoas pauses your plan until it is checked."
    if clinic_told:
        advice += " Your clinic has been told and your physio will look at it."
    return advice


def pain_now_advice(pain: float | None, *, when: str, clinic_told: bool) -> str:
    """What the client reads after telling a high pain outside a session (empty otherwise);
    ``when`` says when they felt it, e.g. "this morning" or "now"."""
    if pain is None or pain < HIGH_PAIN:
        return ""
    advice = (
        f"Your pain {when} is {pain:g}/10. Rest from these exercises today and do not push "
        "through it. If it has not eased by tomorrow, or keeps getting worse, contact your "
        "clinician before the next session. Numbness, weakness in a leg, or trouble with "
        "bladder or bowel need a doctor the same day."
    )
    if pain >= SEVERE_PAIN:  # whether the plan pauses is Today's own banner to say
        advice += " Because the pain is severe, do not exercise until it has been checked."
    if clinic_told:
        advice += " Your clinic has been told and your physio will look at it."
    return advice
