"""The caseload from bounded queries agrees with the whole-history computation it replaced,
on SQLite and PostgreSQL, over a seeded caseload with every kind of history: no assessment,
red flags, replaced and stopped plans, sessions done late, early and partly, pain noted in logs
and measured (several readings a day, near midnight), alerts marked seen, unread messages and
the clients' own plan changes; looked at on several days."""

from __future__ import annotations

import random
import uuid
from datetime import timedelta

from tests.e2e import clinic_support
from tests.e2e.caseload_reference import comparable, reference_statuses
from tests.e2e.clinic_support import Clinic, make_clinic
from tests.e2e.web_support import calm_answers

from psoas.domain.clinic.caseload import caseload
from psoas.domain.records.clinical import ChangedBy, PlanChange
from psoas.domain.records.measurements import Measurement, MeasurementKind, Method
from psoas.domain.records.session_logs import LogEvent, LogEventRecord, SessionLog
from psoas.services import assessment as assessment_service
from psoas.services import plans
from psoas.services.clinic import clients as clinic_service
from psoas.services.clinic import invites
from psoas.web.clinic.routes_clients import _status_row

CLIENTS = 14
backend = clinic_support.backend


def _log(pid, plan_id, session_id, day, at, rng) -> SessionLog:  # type: ignore[no-untyped-def]
    pain = rng.choice([None, 0, 1, 2, 3, 4, 5, 6, 8])
    events = ()
    if rng.random() < 0.05:
        events = (LogEventRecord(LogEvent.STOPPED_FOR_PAIN, "psoas-march", 30.0),)
    return SessionLog(
        id=uuid.uuid4().hex,
        person_id=pid,
        session_date=day,
        started_at=at,
        finished_at=at + timedelta(minutes=12),
        sets=(),
        plan_id=plan_id,
        session_id=session_id,
        pain_before=pain,
        pain_after=None if pain is None else min(10, pain + rng.choice([0, 0, 1, 3])),
        notes="it was 8/10 at the end" if rng.random() < 0.03 else "",
        completed=rng.random() > 0.15,
        events=events,
    )


def _seed_day(clinic: Clinic, people: list[str], rng: random.Random) -> None:
    ctx, now = clinic.ctx, clinic.clock.now()
    today = ctx.clock.today()
    for i, pid in enumerate(people):
        with ctx.uow() as uow:
            plan = uow.plans.latest(pid)
            if plan is not None and not plan.stopped_reason and rng.random() < 0.7:
                ahead = rng.choice([0, 0, 0, -1, -2, 3, 20])  # late, on the day, early
                day = today - timedelta(days=ahead) if ahead < 0 else today
                target = today + timedelta(days=max(ahead, 0))
                session = next((s for s in plan.sessions() if s.date == target), None)
                if session is not None and (i % 5 != 4 or today.day % 3 == 0):
                    uow.logs.add(_log(pid, plan.id, session.id, day, now, rng))
            if rng.random() < 0.08:
                at = now.replace(hour=rng.choice([0, 7, 23]), minute=rng.choice([0, 30, 59]))
                for _ in range(rng.choice([1, 1, 2])):
                    value = float(rng.choice([1, 2, 3, 5, 7, 8]))
                    uow.measurements.add(
                        Measurement(
                            uuid.uuid4().hex,
                            pid,
                            MeasurementKind.PAIN,
                            value,
                            "NRS",
                            Method.SELF_REPORT,
                            at,
                        )
                    )
            if rng.random() < 0.02:
                uow.plan_changes.add(
                    PlanChange(uuid.uuid4().hex, pid, now, ChangedBy.CLIENT, pid, "changed")
                )


def _events(clinic: Clinic, people: list[str], users: list, day: int) -> None:  # type: ignore[type-arg]
    ctx = clinic.ctx
    for i, pid in enumerate(people):
        if day == i * 3 and i % 7 != 0:
            flagged = i % 7 == 1
            answers = calm_answers(ctx.questionnaire, saddle_numbness=flagged)
            assessment_service.run_assessment(ctx, pid, answers)
        if day == i * 3 + 1 and i % 7 not in (0, 1):
            plans.new_plan(ctx, pid)
        if day == 50 and i % 3 == 0 and i % 7 not in (0, 1):
            plans.new_plan(ctx, pid)  # a newer plan replaces the older one from its start
        if day == 60 and i % 6 == 2 and i % 7 not in (0, 1):
            plans.stop_plan(ctx, pid, "Severe pain: see your clinician.")
        if day == 70 and i % 4 == 1:
            with ctx.uow() as uow:
                uow.alert_marks.set(pid, clinic.clock.now())
        if day == 75 and i % 5 == 3:
            clinic_service.send_message(ctx, users[i], pid, "A question about my plan")


def _compare(clinic: Clinic, users: dict) -> None:  # type: ignore[type-arg]
    for key in ("clinician_a", "clinician_b"):
        expected = reference_statuses(clinic.ctx, users[key])
        found = clinic_service.client_statuses(clinic.ctx, users[key])
        assert [comparable(s) for s in found] == [comparable(s) for s in expected]
        web = clinic.client(key)
        assert web.get("/api/clients").json() == [_status_row(s) for s in expected]
        counted = caseload(expected)
        summary = web.get("/api/caseload").json()
        assert summary["adherence"] == dict(counted.adherence)
        assert summary["pain"] == dict(counted.pain)
        assert summary["median_adherence_percent"] == counted.median_adherence
        assert summary["needing_attention"] == counted.needing_attention


def test_bounded_caseload_equals_the_whole_history_computation(backend, tmp_path, request):  # type: ignore[no-untyped-def]
    clinic = make_clinic(backend, tmp_path, request)
    start = clinic.clock.now() - timedelta(days=90)
    clinic.clock.set(start)
    rng = random.Random(18)
    people, users = [], []
    for i in range(CLIENTS):
        issued = invites.invite_client(
            clinic.ctx,
            clinic.users["clinician_a"],
            email=f"c{i}@clinic.test",
            display_name=f"Client {i:02d}",
        )
        people.append(issued.person.id)
        users.append(invites.accept_invite(clinic.ctx, issued.code, "correct horse battery"))
    for day in range(90):
        clinic.clock.set(start + timedelta(days=day, hours=9))
        _events(clinic, people, users, day)
        _seed_day(clinic, people, rng)
    clinic.clock.set(start + timedelta(days=90, hours=10))
    found = clinic_service.client_statuses(clinic.ctx, clinic.users["clinician_a"])
    reasons = {r for s in found for r in s.reasons}
    assert {"red flag", "plan stopped", "no assessment yet"} <= reasons  # the seed covers them
    assert any(s.alerts for s in found) and any(s.pain and s.pain.points for s in found)
    _compare(clinic, clinic.users)
    for later in (9, 40):  # the windows move on; then everyone has gone quiet
        clinic.clock.set(start + timedelta(days=90 + later, hours=23, minutes=30))
        _compare(clinic, clinic.users)
    clinic.clock.set(start + timedelta(days=70, hours=12))  # records dated after today exist
    _compare(clinic, clinic.users)


def test_the_list_pages_keep_the_order_by_need(backend, tmp_path, request, monkeypatch):  # type: ignore[no-untyped-def]
    from psoas.services.clinic import caseload_list

    clinic = make_clinic(backend, tmp_path, request)
    for i in range(7):
        invites.invite_client(
            clinic.ctx, clinic.users["clinician_a"], email=f"p{i}@clinic.test",
            display_name=f"Paged {i}",
        )  # fmt: skip
    monkeypatch.setattr(caseload_list, "PAGE_SIZE", 3)
    web = clinic.client("clinician_a")
    everyone = web.get("/api/clients").json()
    assert len(everyone) == 8
    pages = [web.get(f"/api/clients?page={n}").json() for n in (1, 2, 3)]
    assert [r for page in pages for r in page] == everyone  # the same order, split in three
    second = web.get("/clients?page=2").text
    assert "Clients 4 to 6 of 8" in second and "Page 2 of 3" in second
    assert everyone[3]["display_name"] in second and everyone[0]["display_name"] not in second
    assert "Clients 7 to 8 of 8" in web.get("/clients?page=99").text  # past the end: the last
    assert web.get("/clients?page=two").status_code == 422
