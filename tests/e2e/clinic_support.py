"""Clinic-mode test support: the app on SQLite or a fresh PostgreSQL schema, a small clinic
(admin, two clinicians, client A of the first, client B of the second), and logged-in clients.

Imported by the test_clinic_* modules. PostgreSQL skips on a plain machine without it and
fails under PSOAS_TEST_STRICT=1 (need_service).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from tests.conftest import need_service
from tests.e2e.web_support import WebClient, calm_answers
from tests.fakes import FakeClock
from tests.integration.storage.storage_support import POSTGRES_URL, postgres_available

from psoas.bootstrap import Argon2Hasher, build_context
from psoas.config import get_settings
from psoas.domain.clinic.accounts import Role, User
from psoas.domain.records.session_logs import SessionLog
from psoas.services import assessment as assessment_service
from psoas.services import plans, records
from psoas.services.clinic import accounts, invites
from psoas.services.context import Context
from psoas.storage import schema
from psoas.storage.engine import make_engine
from psoas.web.app import create_app

BACKENDS = ["sqlite", "postgresql"]
PASSWORD = "correct horse battery"
A_NAME = "Alice Zephyrine"  # unique words: must never show up on anyone else's page
B_NAME = "Boris Quillfeather"
ROLES = ("anonymous", "client_a", "client_b", "clinician_a", "clinician_b", "admin")


def database_url(backend: str, folder: Path, request: Any) -> str:
    """A URL to an empty database: a new SQLite file or a new PostgreSQL schema (dropped after)."""
    if backend == "sqlite":
        return f"sqlite:///{folder / 'clinic.db'}"
    need_service(postgres_available(), "PostgreSQL")
    name = f"c_{uuid.uuid4().hex[:16]}"
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))

    def drop() -> None:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()

    request.addfinalizer(drop)
    url = f"{POSTGRES_URL}?options=-csearch_path%3D{name}"
    engine = make_engine(url)
    schema.upgrade(engine)
    engine.dispose()
    return url


@dataclass
class Clinic:
    app: Any
    ctx: Context
    clock: FakeClock
    users: dict[str, User]
    person_a: str
    person_b: str

    def client(self, role: str = "anonymous") -> WebClient:
        """A browser (https, so the Secure cookie is sent), logged in as ``role``."""
        web = WebClient(self.app, base_url="https://testserver", raise_server_exceptions=False)
        if role != "anonymous":
            result = accounts.login(self.ctx, self.users[role].email, PASSWORD)
            web.cookies.set("psoas_session", result.token, domain="testserver.local")
        return web


def make_clinic(backend: str, folder: Path, request: Any, *, with_records: bool = True) -> Clinic:
    url = database_url(backend, folder, request)
    settings = get_settings(
        data_dir=folder, database_url=url, mode="clinic", allowed_hosts="testserver"
    )
    clock = FakeClock()
    ctx = replace(
        build_context(settings, clock=clock), hasher=Argon2Hasher(memory_kib=1024, passes=1)
    )
    app = create_app(settings, context=ctx)
    users = {}
    staff = (
        ("admin", Role.ADMIN),
        ("clinician_a", Role.CLINICIAN),
        ("clinician_b", Role.CLINICIAN),
    )
    for key, role in staff:
        users[key] = accounts.create_account(
            ctx, email=f"{key}@clinic.test", role=role, display_name=key, password=PASSWORD
        )
    for key, owner, name in (
        ("client_a", "clinician_a", A_NAME),
        ("client_b", "clinician_b", B_NAME),
    ):
        issued = invites.invite_client(
            ctx, users[owner], email=f"{key}@clinic.test", display_name=name
        )
        users[key] = invites.accept_invite(ctx, issued.code, PASSWORD)
    clinic = Clinic(
        app, ctx, clock, users, users["client_a"].person_id, users["client_b"].person_id
    )  # type: ignore[arg-type]
    if with_records:
        give_records(clinic, clinic.person_a)
    return clinic


def give_records(clinic: Clinic, person_id: str) -> None:
    """An assessment, a plan and one finished session for the person."""
    ctx = clinic.ctx
    assessment_service.run_assessment(ctx, person_id, calm_answers(ctx.questionnaire))
    plan = plans.new_plan(ctx, person_id)
    first = next(s for s in plan.sessions() if s.prescriptions)
    now = clinic.clock.now()
    log = SessionLog(
        id=uuid.uuid4().hex,
        person_id=person_id,
        session_date=first.date,
        started_at=now,
        finished_at=now,
        sets=(),
        plan_id=plan.id,
        session_id=first.id,
        pain_before=3,
        notes="felt fine",
    )
    records.log_session(ctx, person_id, log)


def personal_api_paths() -> list[str]:
    """The JSON API of the personal routers (psoas.web.routes): in clinic mode a client's own
    records (plus the library and meta routes every account uses); every other /api path is
    the clinic's own."""
    from fastapi.routing import APIRoute

    from psoas.web.routes import ROUTERS

    return sorted(
        {
            route.path
            for router in ROUTERS
            for route in router.routes
            if isinstance(route, APIRoute) and route.include_in_schema
        }
    )


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:  # type: ignore[no-untyped-def]
    return request.param


@pytest.fixture
def clinic(backend, tmp_path, request) -> Iterator[Clinic]:  # type: ignore[no-untyped-def]
    yield make_clinic(backend, tmp_path, request)
