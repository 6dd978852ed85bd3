"""A client's own views and changes through the personal pages and API are in the audit log
(clinic mode, SQLite and PostgreSQL); personal mode writes no audit entries at all."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from tests.e2e import clinic_support
from tests.e2e.clinic_audit_support import LiveClinic
from tests.e2e.clinic_support import Clinic, make_clinic
from tests.e2e.web_support import real_client

from psoas.domain.clinic.accounts import AuditAction, AuditEntry
from psoas.domain.clinic.audit import AuditFilter
from psoas.services.clinic import audit
from psoas.storage.engine import make_engine
from psoas.web.app import sqlite_fingerprint
from psoas.web.routes import ROUTERS

backend, clinic = clinic_support.backend, clinic_support.clinic
SESSION = "w1-2026-11-23"
PERSONAL_MODE_ONLY = {"/pair"}  # phone pairing: no such page on a clinic server
NOT_RECORDS = {  # GET routes of the personal app that show nothing of the person
    "/manifest.webmanifest",  # the installable app's name, icons and colours
    "/sw.js",
    "/offline",
    "/api/csrf",
    "/api/health",
    "/api/assessment/questions",
    "/exercises",
    "/exercises/{slug}",
    "/api/exercises",
    "/api/exercises/{slug}",
    "/api/exercises/{slug}/figure.svg",
}


def entries_by(world: Clinic, role: str) -> list[AuditEntry]:
    """The account's audit entries, newest first."""
    where = AuditFilter(actor_id=world.users[role].id)
    return list(audit.audit_page(world.ctx, world.users["admin"], where, limit=1000).entries)


def added_since(world: Clinic, role: str, before: list[AuditEntry]) -> list[AuditEntry]:
    """Entries made after ``before`` was read (timestamps tie: the fake clock stands still)."""
    known = {e.id for e in before}
    return [e for e in entries_by(world, role) if e.id not in known]


def _personal_get_routes() -> list[str]:
    return sorted(
        route.path for router in ROUTERS for route in router.routes if "GET" in route.methods
    )


def _concrete(template: str) -> str:
    return template.replace("{session_id}", SESSION).replace("{slug}", "glute-bridge")


def test_every_personal_page_and_api_read_is_one_viewed_entry(clinic: Clinic):
    web = clinic.client("client_a")
    misses = []
    for template in _personal_get_routes():
        before = entries_by(clinic, "client_a")
        response = web.get(_concrete(template), follow_redirects=False)
        if template in PERSONAL_MODE_ONLY:
            assert response.status_code == 404, template
            assert not added_since(clinic, "client_a", before), template
            continue
        assert response.status_code == 200, template
        added = added_since(clinic, "client_a", before)
        expected = 0 if template in NOT_RECORDS else 1
        if len(added) != expected:
            misses.append(f"{template}: {len(added)} entries, expected {expected}")
        for entry in added:
            assert entry.action is AuditAction.VIEWED
            assert entry.person_id == clinic.person_a
            assert template in entry.what and entry.detail == _concrete(template)
    assert misses == [], "; ".join(misses)


def test_the_entry_names_the_client_and_the_page(clinic: Clinic):
    web = clinic.client("client_a")
    labels = []
    for path in ("/progress", "/api/logs", "/export/sessions.csv"):
        before = entries_by(clinic, "client_a")
        assert web.get(path).status_code == 200
        labels += [(e.action, e.what, e.person_id) for e in added_since(clinic, "client_a", before)]
    assert labels == [
        (AuditAction.VIEWED, "page /progress", clinic.person_a),
        (AuditAction.VIEWED, "GET /api/logs", clinic.person_a),
        (AuditAction.VIEWED, "download /export/sessions.csv", clinic.person_a),
    ]
    admin = clinic.client("admin").get("/admin/audit", params={"person": clinic.person_a})
    assert "page /progress" in admin.text and clinic_support.A_NAME in admin.text


@pytest.mark.parametrize("how", ["form", "api"])
def test_logging_a_session_is_one_changed_entry(clinic: Clinic, how: str):
    web = clinic.client("client_a")
    if how == "form":
        response = web.form("/log/session", {"minutes": "20", "pain_before": "2"})
        assert response.status_code == 303
        what = "POST /log/session"
    else:
        response = web.api("/api/logs", {"minutes": 20, "pain_before": 2})
        assert response.status_code == 201
        what = "POST /api/logs"
    changed = [e for e in entries_by(clinic, "client_a") if e.action is AuditAction.CHANGED]
    assert [(e.what, e.person_id) for e in changed] == [(what, clinic.person_a)]


def test_refused_requests_add_no_changed_entry(clinic: Clinic):
    web = clinic.client("client_a")
    web.refresh_token()
    before = entries_by(clinic, "client_a")
    assert web.api("/api/logs", {"minutes": "many"}).status_code == 422
    no_token = web.post("/api/logs", json={"minutes": 20})
    assert no_token.status_code == 403
    assert web.api("/api/logs/missing/next-morning", {"next_morning_pain": 2}).status_code == 404
    assert entries_by(clinic, "client_a") == before
    refused_form = web.form("/log/session", {"minutes": "many"})
    assert refused_form.status_code == 422  # the log page again, with their recent sessions
    added = added_since(clinic, "client_a", before)
    assert [(e.action, e.what) for e in added] == [
        (AuditAction.VIEWED, "page /log/session (form refused)")
    ]
    assert web.api("/api/logs", {"minutes": 10}).status_code == 201  # still works afterwards


def test_staff_and_account_pages_add_no_own_access_entries(clinic: Clinic):
    doctor = clinic.client("clinician_a")
    before = entries_by(clinic, "clinician_a")
    assert doctor.get("/api/clients").status_code == 200
    assert doctor.get("/api/logs").status_code == 403  # personal pages are for clients
    added = added_since(clinic, "clinician_a", before)
    refused = [e.what for e in added if e.what.startswith("refused")]
    assert refused == ["refused (403): GET /api/logs"]  # an account event, not an own access
    assert [e.what for e in added if e not in refused and not e.what.startswith("refused")] == [
        "client list"
    ]  # the clinician's own entry, as before
    web = clinic.client("client_a")
    before = entries_by(clinic, "client_a")
    for path in ("/account", "/api/csrf", "/api/health", "/static/app.css", "/exercises"):
        assert web.get(path).status_code == 200, path
    assert web.head("/progress").status_code in (200, 405)
    assert entries_by(clinic, "client_a") == before


def test_concurrent_reads_and_writes_are_all_audited_without_lock_errors(clinic: Clinic):
    """Served by uvicorn (one event loop, as in production): three clients read pages while
    two log sessions and two clinicians open the client's record (staff views write audit
    entries too); every request succeeds and every one is in the log."""
    person = clinic.person_a
    with LiveClinic(clinic) as live:
        readers = [live.browser("client_a") for _ in range(3)]
        writers = [live.browser("client_a") for _ in range(2)]
        doctors = [live.browser("clinician_a") for _ in range(2)]
        before = entries_by(clinic, "client_a")

        def read(web: httpx.Client) -> list[int]:
            paths = ("/", "/api/logs", "/progress", "/api/plan", "/log")
            return [web.get(path).status_code for path in paths for _ in range(2)]

        def write(web: httpx.Client) -> list[int]:
            body = {"minutes": 5, "pain_before": 1}
            headers = {"X-CSRF-Token": web.headers["X-CSRF-Token"]}
            return [web.post("/api/logs", json=body, headers=headers).status_code for _ in range(5)]

        def look(web: httpx.Client) -> list[int]:
            paths = (f"/clients/{person}", "/clients", f"/api/clients/{person}")
            return [web.get(path).status_code for path in paths for _ in range(3)]

        with ThreadPoolExecutor(max_workers=7) as pool:
            jobs = [pool.submit(read, web) for web in readers]
            jobs += [pool.submit(write, web) for web in writers]
            jobs += [pool.submit(look, web) for web in doctors]
            statuses = [s for job in jobs for s in job.result()]
    assert statuses == [200] * 30 + [201] * 10 + [200] * 18
    added = added_since(clinic, "client_a", before)
    assert sorted(e.action.value for e in added) == ["changed"] * 10 + ["viewed"] * 30


def test_a_view_that_cannot_be_recorded_is_not_shown(tmp_path: Path, request):  # type: ignore[no-untyped-def]
    world = make_clinic("sqlite", tmp_path, request)
    web = world.client("client_a")
    web.refresh_token()
    engine = make_engine(f"sqlite:///{tmp_path / 'clinic.db'}")
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE audit_log"))
    engine.dispose()
    page = web.get("/progress")
    assert page.status_code == 503 and "cannot be recorded" in page.text
    assert clinic_support.A_NAME not in page.text
    api = web.get("/api/logs")
    assert api.status_code == 503 and "felt fine" not in api.text
    assert "cannot be recorded" in api.json()["message"]
    saved = web.api("/api/logs", {"minutes": 15})  # saved before the audit failed: say so
    assert saved.status_code == 201


def test_personal_mode_writes_no_audit_entries_and_keeps_its_file_still(tmp_path: Path):
    web = real_client(tmp_path)
    assert web.get("/").status_code == 200  # the person is made on first use
    still = sqlite_fingerprint(web.app.state.settings)
    assert still is not None
    mark = still()
    for path in ("/", "/progress", "/api/logs", "/plan", "/log", "/api/today", "/settings"):
        assert web.get(path).status_code == 200, path
    assert still() == mark  # reading writes nothing, so cached views stay valid
    pain = {"kind": "pain", "value": "3"}
    assert web.form("/log/measurement", pain).status_code == 303
    assert web.api("/api/measurements", {"kind": "pain", "value": 2}).status_code == 201
    assert len(web.get("/api/measurements").json()) == 2
    with web.app.state.context.uow() as uow:
        assert uow.audit.count(AuditFilter()) == 0
