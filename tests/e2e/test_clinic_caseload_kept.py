"""The caseload's kept rows are used only while still true, on SQLite and PostgreSQL.

Every kind of write to the records the attention list reads moves the client's version in the
database (by trigger, whatever path writes), and the list then equals the whole-history
computation again; a row computed while a write lands is never used; a new day, new clinic
settings or a deleted client are handled; and a list with nothing changed is served from the
kept rows without computing anyone again.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import timedelta

import pytest
from tests.e2e import clinic_support
from tests.e2e.caseload_reference import comparable, reference_statuses
from tests.e2e.clinic_support import Clinic, make_clinic

from psoas.domain.clinic.caseload import caseload
from psoas.domain.records.clinical import ChangedBy, PlanChange
from psoas.domain.records.measurements import Measurement, MeasurementKind, Method
from psoas.domain.records.session_logs import SessionLog
from psoas.services import plans
from psoas.services.clinic import caseload_list, invites
from psoas.services.clinic import clients as clinic_service
from psoas.services.clinic import settings as clinic_settings
from psoas.storage import clinic_tables as ct
from psoas.storage.caseload_queries import SqlCaseloadStore
from psoas.storage.caseload_rows import SqlCaseloadRowStore

backend = clinic_support.backend


def _made_for(clinic: Clinic) -> str:
    with clinic.ctx.uow() as uow:
        quiet = uow.clinic_settings.get().quiet_days
    return caseload_list._made_for(clinic.ctx, clinic.ctx.clock.today(), quiet)


def _stale(clinic: Clinic) -> set[str]:
    with clinic.ctx.uow() as uow:
        stale, _ = uow.caseload_rows.scan(clinic.users["clinician_a"].id, _made_for(clinic))
    return set(stale)


def _agrees(clinic: Clinic) -> None:
    """The list (computed again where needed) equals the reference, and afterwards every row
    is kept and true, and the list served from them alone still equals the reference."""
    user = clinic.users["clinician_a"]
    expected = [comparable(s) for s in reference_statuses(clinic.ctx, user)]
    assert [comparable(s) for s in clinic_service.client_statuses(clinic.ctx, user)] == expected
    assert _stale(clinic) == set()
    assert [comparable(s) for s in clinic_service.client_statuses(clinic.ctx, user)] == expected
    page = caseload_list.caseload_page(clinic.ctx, user, 1)
    assert page.summary == caseload(reference_statuses(clinic.ctx, user))


def _log(pid: str, plan, at, pain: int) -> SessionLog:  # type: ignore[no-untyped-def]
    session = next(s for s in plan.sessions() if s.date >= at.date())
    return SessionLog(
        id=uuid.uuid4().hex,
        person_id=pid,
        session_date=at.date(),
        started_at=at,
        finished_at=at + timedelta(minutes=10),
        sets=(),
        plan_id=plan.id,
        session_id=session.id,
        pain_before=2,
        pain_after=pain,
        completed=True,
    )


def _pain(pid: str, at, value: float) -> Measurement:  # type: ignore[no-untyped-def]
    return Measurement(
        uuid.uuid4().hex, pid, MeasurementKind.PAIN, value, "NRS", Method.SELF_REPORT, at
    )


def test_every_kind_of_write_makes_the_clients_row_computed_again(backend, tmp_path, request):  # type: ignore[no-untyped-def]
    clinic = make_clinic(backend, tmp_path, request)
    ctx, pid, clinician = clinic.ctx, clinic.person_a, clinic.users["clinician_a"]
    client = clinic.users["client_a"]
    _agrees(clinic)

    def changed(write) -> None:  # type: ignore[no-untyped-def]
        write()
        assert _stale(clinic) == {pid}  # the database moved the version of this client only
        _agrees(clinic)

    now = clinic.clock.now()
    with ctx.uow() as uow:
        plan = uow.plans.latest(pid)
    log = _log(pid, plan, now, 8)
    pain = _pain(pid, now, 7.0)

    def in_uow(action):  # type: ignore[no-untyped-def]
        def run() -> None:
            with ctx.uow() as uow:
                action(uow)

        return run

    changed(in_uow(lambda uow: uow.logs.add(log)))  # a high pain alert
    changed(in_uow(lambda uow: uow.logs.update(replace(log, pain_after=3))))
    changed(in_uow(lambda uow: uow.measurements.add(pain)))
    changed(in_uow(lambda uow: uow.measurements.delete(pid, pain.id)))
    changed(lambda: plans.stop_plan(ctx, pid, "Severe pain: see your clinician."))
    changed(lambda: plans.new_plan(ctx, pid))  # a plan and its sessions by day
    changed(lambda: clinic_service.send_message(ctx, client, pid, "A question"))
    changed(lambda: clinic_service.messages(ctx, clinician, pid))  # read by the clinician
    change = PlanChange(uuid.uuid4().hex, pid, now, ChangedBy.CLIENT, pid, "changed")
    changed(in_uow(lambda uow: uow.plan_changes.add(change)))
    changed(lambda: clinic_service.mark_seen(ctx, clinician, pid))  # alert marks too
    with ctx.uow() as uow:
        person = uow.people.get(pid)
    changed(in_uow(lambda uow: uow.people.update(replace(person, display_name="Ada Renamed"))))
    with ctx.uow() as uow:
        latest = uow.assessments.latest(pid)
    changed(in_uow(lambda uow: uow.assessments.update(replace(latest, clinician_cleared_at=now))))


def test_a_new_day_or_new_settings_compute_everyone_again(backend, tmp_path, request):  # type: ignore[no-untyped-def]
    clinic = make_clinic(backend, tmp_path, request)
    _agrees(clinic)
    clinic.clock.set(clinic.clock.now() + timedelta(days=9))  # windows move, no one wrote
    assert _stale(clinic) == {clinic.person_a}
    _agrees(clinic)
    clinic_settings.update(clinic.ctx, clinic.users["admin"], {"quiet_days": 3})
    assert _stale(clinic) == {clinic.person_a}
    _agrees(clinic)


def test_a_row_computed_while_a_write_lands_is_not_used(backend, tmp_path, request):  # type: ignore[no-untyped-def]
    clinic = make_clinic(backend, tmp_path, request)
    ctx, pid, user = clinic.ctx, clinic.person_a, clinic.users["clinician_a"]
    made_for, today = _made_for(clinic), ctx.clock.today()
    with ctx.uow() as uow:
        before, _ = uow.caseload_rows.scan(user.id, made_for)  # the version is read first
        status = caseload_list.status_of(uow.caseload.facts(user.id, today)[0], today, 7)
        plan = uow.plans.latest(pid)
    with ctx.uow() as uow:  # the write lands after the records were read
        uow.logs.add(_log(pid, plan, clinic.clock.now(), 9))
    with ctx.uow() as uow:
        assert uow.caseload_rows.keep([(status, before[pid])], made_for)
    assert _stale(clinic) == {pid}  # kept with the older version: computed again
    _agrees(clinic)
    high = clinic_service.client_statuses(ctx, user)[0].alerts
    assert "high pain" in [a.kind.value for a in high]


def test_a_deleted_client_takes_its_row_along_and_a_late_row_is_not_kept(
    backend, tmp_path, request
):  # type: ignore[no-untyped-def]
    clinic = make_clinic(backend, tmp_path, request)
    ctx, pid, user = clinic.ctx, clinic.person_a, clinic.users["clinician_a"]
    _agrees(clinic)
    status = clinic_service.client_statuses(ctx, user)[0]
    with ctx.uow() as uow:
        uow.people.delete(pid)
    with ctx.uow() as uow:
        for table in (ct.caseload_rows, ct.caseload_versions):
            mine = table.select().where(table.c.person_id == pid)
            assert uow.caseload_rows.conn.execute(mine).all() == []
        assert not uow.caseload_rows.keep([(status, 0)], _made_for(clinic))  # gone meanwhile
        uow.people.list()  # and the transaction goes on
    assert clinic_service.client_statuses(ctx, user) == []


@pytest.mark.parametrize("paged", [True, False])
def test_a_list_with_nothing_changed_computes_no_one(
    backend, tmp_path, request, monkeypatch, paged
):  # type: ignore[no-untyped-def]
    clinic = make_clinic(backend, tmp_path, request)
    user = clinic.users["clinician_a"]
    first = caseload_list.caseload_page(clinic.ctx, user, 1 if paged else None)

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the caseload was computed again with nothing changed")

    monkeypatch.setattr(SqlCaseloadStore, "facts", refuse)
    again = caseload_list.caseload_page(clinic.ctx, user, 1 if paged else None)
    assert again == first and len(again.rows) == 1


# names that order differently by case, accents, scripts and letters whose lower case is
# longer; several clients share a score, so the names (then the ids) decide
NAMES = ("ada", "Ada", "ADA", "Émile", "emile", "Zoë", "zoe", "Ärzte", "Ωmega", "İlkay", "ılgaz")
NAMES += ("Bob", "bob", "Z", "a", "Łucja", "lucja", "日向")


def test_the_database_orders_and_pages_as_the_domain_does(backend, tmp_path, request, monkeypatch):  # type: ignore[no-untyped-def]
    clinic = make_clinic(backend, tmp_path, request)
    user = clinic.users["clinician_a"]
    for i, name in enumerate(NAMES):
        invites.invite_client(clinic.ctx, user, email=f"n{i}@clinic.test", display_name=name)
    monkeypatch.setattr(caseload_list, "PAGE_SIZE", 4)
    expected = reference_statuses(clinic.ctx, user)  # ordered by the domain, in Python
    assert len(expected) == len(NAMES) + 1 and len({s.score for s in expected}) < len(NAMES)
    summary = caseload(expected)
    for _ in range(2):  # computed and kept, then from the kept rows alone
        everyone = caseload_list.caseload_page(clinic.ctx, user, None)
        assert [comparable(s) for s in everyone.rows] == [comparable(s) for s in expected]
        pages = [caseload_list.caseload_page(clinic.ctx, user, n) for n in range(1, 7)]
        shown = [s.person_id for p in pages[:5] for s in p.rows]
        assert shown == [s.person_id for s in expected]
        assert [(p.page, p.pages, p.first, p.total) for p in pages[3:]] == [
            (4, 5, 13, 19),
            (5, 5, 17, 19),
            (5, 5, 17, 19),  # past the end: the last
        ]
        assert {p.summary for p in pages} == {summary} and everyone.summary == summary
        counts_only = caseload_list.caseload_page(clinic.ctx, user, 2, rows=False)
        assert counts_only.rows == [] and counts_only.summary == summary
    some = [s.person_id for s in expected[::5]]  # a few clients write; the rest stay kept
    with clinic.ctx.uow() as uow:
        for pid in some:
            uow.measurements.add(_pain(pid, clinic.clock.now(), 9.0))
    assert _stale(clinic) == set(some)
    before, expected = expected, reference_statuses(clinic.ctx, user)
    assert [s.person_id for s in expected] != [s.person_id for s in before]  # alerts move them
    found = caseload_list.caseload_page(clinic.ctx, user, 2)
    assert [comparable(s) for s in found.rows] == [comparable(s) for s in expected[4:8]]
    assert found.summary == caseload(expected) and _stale(clinic) == set()


def test_rows_that_cannot_be_kept_leave_the_list_computed_from_the_records(
    backend, tmp_path, request, monkeypatch
):  # type: ignore[no-untyped-def]
    clinic = make_clinic(backend, tmp_path, request)
    user = clinic.users["clinician_a"]
    for i, name in enumerate(NAMES[:6]):
        invites.invite_client(clinic.ctx, user, email=f"k{i}@clinic.test", display_name=name)
    monkeypatch.setattr(SqlCaseloadRowStore, "keep", lambda *args, **kwargs: False)
    expected = reference_statuses(clinic.ctx, user)
    for page in (None, 1):
        found = caseload_list.caseload_page(clinic.ctx, user, page)
        assert [comparable(s) for s in found.rows] == [comparable(s) for s in expected]
        assert found.summary == caseload(expected) and found.total == 7
    assert len(_stale(clinic)) == 7  # nothing was kept: every look computes them again


def test_the_counts_alone_read_no_clients_row(backend, tmp_path, request, monkeypatch):  # type: ignore[no-untyped-def]
    clinic = make_clinic(backend, tmp_path, request)
    user = clinic.users["clinician_a"]
    whole = caseload_list.caseload_page(clinic.ctx, user, 1)  # computed and kept

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("a page of rows was read for the counts alone")

    monkeypatch.setattr(SqlCaseloadRowStore, "page", refuse)
    counts = caseload_list.caseload_page(clinic.ctx, user, 1, rows=False)
    assert counts.rows == [] and counts.summary == whole.summary and counts.total == 1
