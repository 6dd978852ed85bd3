"""A clinic's caseload for the clinic benchmarks: one clinician, N clients, ``days`` of history
ending today, written day by day across all clients (as the records arrive in a real clinic,
not one person's years written in one go).

Plans come from the real planner (``plans.new_plan``; clients are in seven groups that start a
new six-week plan on different weekdays, so one plan per group and start is made and saved for
each client of the group through the plan store). Every day, one transaction adds that day's
records of every client: about four in five planned sessions logged with their sets (one in
ten partly), pain before and after, and a weekly pain reading for half of the clients. The log
and measurement rows are built by the stores' own record mappings and inserted with one
statement per table per day.
"""

from __future__ import annotations

import random
import time
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from web_history import SettableClock, calm_answers  # benchmarks/ is on sys.path

EMAIL = "clinician@clinic.test"
PASSWORD = "correct horse battery staple 18"
GROUPS = 7


def seed_clinic(url: str, clients: int, days: int, data_dir: Any) -> dict[str, float]:
    """The caseload in the (empty, migrated) database at ``url``; returns seeding figures."""
    from psoas.bootstrap import build_context
    from psoas.config import get_settings
    from psoas.domain.clinic.accounts import Role
    from psoas.domain.records.people import Person
    from psoas.services.clinic import accounts

    began = time.perf_counter()
    settings = get_settings(data_dir=data_dir, database_url=url, mode="clinic")
    end = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0)
    clock = SettableClock(end - timedelta(days=days))
    ctx = build_context(settings, clock=clock)
    clinician = accounts.create_account(
        ctx, email=EMAIL, role=Role.CLINICIAN, display_name="Dr Bench", password=PASSWORD
    )
    templates = plan_groups(ctx)
    client_ids = [uuid.uuid4().hex for _ in range(clients)]
    with ctx.uow() as uow:
        for i, pid in enumerate(client_ids):
            uow.people.add(Person(pid, f"Client {i:04d}", clock.now(), clinician_id=clinician.id))
    with ctx.uow() as uow:
        for i, pid in enumerate(client_ids):
            taken = templates[i % GROUPS][1]
            uow.assessments.add(replace(taken, id=uuid.uuid4().hex, person_id=pid))
    logs, measurements = seed_days(ctx, clock, templates, client_ids, days, end)
    if url.startswith("postgresql"):  # fresh statistics, as autovacuum keeps them in use
        from sqlalchemy import text

        with ctx.uow() as uow:
            uow.logs.conn.execute(text("ANALYZE"))
    seconds = time.perf_counter() - began
    return {"seconds": seconds, "logs": logs, "measurements": measurements}


def plan_groups(ctx) -> list[tuple[Any, Any]]:  # type: ignore[no-untyped-def]
    """The planner's people (on nobody's caseload), one per group, each with a calm
    assessment: (person, assessment)."""
    from psoas.domain.records.people import Person
    from psoas.services import assessment

    groups = [Person(uuid.uuid4().hex, f"Plan group {g}", ctx.clock.now()) for g in range(GROUPS)]
    with ctx.uow() as uow:
        for person in groups:
            uow.people.add(person)
    answers = calm_answers(assessment.questions(ctx))
    return [(p, assessment.run_assessment(ctx, p.id, answers)) for p in groups]


def seed_days(ctx, clock, groups, client_ids, days, end) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """``days`` of records ending at ``end`` for ``client_ids``, one transaction a day (the
    ``clock`` moves day by day); client ``i`` follows the plans of group ``i % GROUPS``.
    Returns how many session logs and pain readings were written."""
    from sqlalchemy import insert

    from psoas.domain.clinic.caseload_facts import plan_schedule
    from psoas.services import plans
    from psoas.storage import tables as t
    from psoas.storage.record_queries import LOGS, MEASUREMENTS, PLANS

    rng = random.Random(18)
    current: dict[int, Any] = {}
    logs = measurements = 0
    for offset in range(days + 1):
        clock.set(end - timedelta(days=days - offset))
        day = clock.today()
        fresh = {}
        for g, (person, _) in enumerate(groups):
            plan = current.get(g)
            if (plan is None and offset >= g) or (plan and day > plan.sessions()[-1].date):
                plan = plans.new_plan(ctx, person.id, start=day)
                current[g] = fresh[g] = plan
        with ctx.uow() as uow:
            plan_rows, schedule_rows = _plan_rows(client_ids, fresh, PLANS, plan_schedule)
            if plan_rows:
                uow.logs.conn.execute(insert(t.plans), plan_rows)
                uow.logs.conn.execute(insert(t.plan_sessions), schedule_rows)
            log_rows, pain_rows = _day_rows(ctx, client_ids, current, rng, LOGS, MEASUREMENTS)
            if log_rows:
                uow.logs.conn.execute(insert(t.session_logs), log_rows)
            if pain_rows:
                uow.logs.conn.execute(insert(t.measurements), pain_rows)
        logs += len(log_rows)
        measurements += len(pain_rows)
    return logs, measurements


def _plan_rows(client_ids, fresh, plans_map, schedule):  # type: ignore[no-untyped-def]
    """Each client of a group gets its own copy of the group's new plan: the plan store's
    row (its record mapping, encoded once per plan) under the client's ids, and its
    sessions by day, as ``SqlPlanStore.save`` writes them."""
    plan_rows, schedule_rows = [], []
    encoded = {g: plans_map.to_row(plan) for g, plan in fresh.items()}
    for i, pid in enumerate(client_ids):
        group = i % GROUPS
        if group not in encoded:
            continue
        plan_id = OWN_PLAN[pid] = uuid.uuid4().hex
        plan_rows.append({**encoded[group], "id": plan_id, "person_id": pid})
        for sid, day, kind in schedule(fresh[group]):
            schedule_rows.append(
                {"plan_id": plan_id, "session_id": sid, "person_id": pid, "day": day, "kind": kind}
            )
    return plan_rows, schedule_rows


def _day_rows(ctx, client_ids, current, rng, logs_map, measurements_map):  # type: ignore[no-untyped-def]
    from psoas.domain.planning.plans import SessionKind
    from psoas.domain.records.measurements import Measurement, MeasurementKind, Method

    now = ctx.clock.now()
    day = ctx.clock.today()
    log_rows, pain_rows = [], []
    for i, pid in enumerate(client_ids):
        plan = current.get(i % GROUPS)
        session = None if plan is None else _session_on(plan, day)
        if session is not None and session.kind is not SessionKind.REST and rng.random() < 0.8:
            log = _log(pid, OWN_PLAN[pid], session, day, now, rng)
            row = logs_map.to_row(replace(log, sets=()))  # the sets' encoding is kept per session
            row["data"]["sets"] = _encoded_sets(session, log.sets)
            log_rows.append(row)
        if day.weekday() == i % 7 and i % 2 == 0:
            value = float(max(0, min(10, round(5 - (day.toordinal() % 50) / 12 + rng.random()))))
            m = Measurement(
                uuid.uuid4().hex, pid, MeasurementKind.PAIN, value, "NRS", Method.SELF_REPORT, now
            )
            pain_rows.append(measurements_map.to_row(m))
    return log_rows, pain_rows


OWN_PLAN: dict[str, str] = {}  # each client's current plan
_SESSIONS: dict[tuple[str, Any], Any] = {}


def _session_on(plan, day):  # type: ignore[no-untyped-def]
    key = (plan.id, day)
    if key not in _SESSIONS:
        for s in plan.sessions():
            _SESSIONS[(plan.id, s.date)] = s
        _SESSIONS.setdefault(key, None)
    return _SESSIONS[key]


_SETS: dict[int, Any] = {}


def _encoded_sets(session, sets):  # type: ignore[no-untyped-def]
    from psoas.domain.serial import to_primitive

    key = id(session)
    if key not in _SETS:
        _SETS[key] = (session, to_primitive(sets))  # the session is kept, so its id stays unique
    return _SETS[key][1]


def _log(pid, plan_id, session, day, now, rng):  # type: ignore[no-untyped-def]
    from psoas.domain.records.session_logs import SessionLog, SetRecord, SetSide

    sets = []
    for p in session.prescriptions:
        for n in range(1, p.dose.sets + 1):
            sets.append(
                SetRecord(
                    p.exercise_id,
                    n,
                    SetSide.BOTH,
                    planned_reps=p.dose.reps,
                    planned_hold_seconds=p.dose.hold_seconds,
                    done_reps=p.dose.reps,
                    done_hold_seconds=p.dose.hold_seconds,
                )
            )
    pain = rng.choice([1, 2, 2, 3, 3, 4, 5])
    started = now + timedelta(hours=8, minutes=rng.randrange(0, 240))
    return SessionLog(
        id=uuid.uuid4().hex,
        person_id=pid,
        session_date=day,
        started_at=started,
        finished_at=started + timedelta(seconds=session.estimated_seconds),
        sets=tuple(sets),
        plan_id=plan_id,
        session_id=session.id,
        pain_before=pain,
        pain_after=max(0, pain + rng.choice([-1, 0, 0, 1])),
        effort=rng.choice([3, 4, 5, 6]),
        completed=rng.random() > 0.1,
    )
