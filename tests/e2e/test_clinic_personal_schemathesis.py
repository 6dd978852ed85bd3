"""Schemathesis against the personal JSON API in clinic mode, with logged-in sessions, on SQLite
and on PostgreSQL: no server errors, and successful responses match their schema.

In clinic mode the personal routes (today, plan, logs, assessment, measurements, preferences,
exports, breaks, habits ...: every /api path of psoas.web.routes) are about the logged-in
client's own person. Client A has an assessment, a plan and a logged session, and the clock
is eight days on (a weekly review is due and waits for the clinician's approval), so the routes
have data to return; A's clinician and the admin get every generated case too and must be
refused (never shown A's records). The schema comes from the SQLite app built at collection;
each case goes to both apps with all three sessions.

Bounded: the examples and fuzzing phases with a few examples per operation. Schemathesis's
coverage phase (every boundary value and unexpected method, over a thousand cases here) runs
on the same routes in personal mode in test_web_schemathesis.py; the clinic operations are
fuzzed by test_clinic_schemathesis.py.
"""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test
from schemathesis import Response
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import response_schema_conformance
from tests.e2e.clinic_support import A_NAME, make_clinic, personal_api_paths

from psoas.services.clinic import clients as clinic_service

STAFF = ("clinician_a", "admin")
ROLES = ("client_a", *STAFF)
EVERY_ACCOUNT = {"/api/csrf", "/api/health", "/api/assessment/questions"}
LIBRARY = "/api/exercises"
REFUSED = {400, 401, 403, 404, 413, 422}  # 400, 413, 422: the input was refused first
CHECKS = [not_a_server_error, response_schema_conformance]


def _sessions(clinic: Any) -> list[tuple[str, Any]]:
    """Logged-in sessions, eight days into A's plan (so a weekly review is due) with A's
    reviews waiting for the clinician's approval (clinic mode's own path through them)."""
    clinic_service.set_review_approval(
        clinic.ctx, clinic.users["clinician_a"], clinic.person_a, True
    )
    clinic.clock.advance(timedelta(days=8, hours=1).total_seconds())
    sessions = []
    for role in ROLES:
        web = clinic.client(role)
        web.refresh_token()
        sessions.append((role, web))
    return sessions


_SQLITE = make_clinic("sqlite", Path(tempfile.mkdtemp(prefix="psoas-clinic-personal-st-")), None)
_SQLITE_SESSIONS = _sessions(_SQLITE)
CONFIG = SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}}})
schema = schemathesis.openapi.from_asgi("/openapi.json", _SQLITE.app, config=CONFIG).include(
    path=personal_api_paths()
)


@pytest.fixture(scope="module")
def postgres_sessions(tmp_path_factory, request) -> list[tuple[str, Any]]:  # type: ignore[no-untyped-def]
    clinic = make_clinic("postgresql", tmp_path_factory.mktemp("clinic-personal-pg"), request)
    return _sessions(clinic)


def staff_may_use(path: str) -> bool:
    """Routes open to every account; the rest are a client's own records."""
    return path in EVERY_ACCOUNT or path.startswith(LIBRARY)


def assert_staff_refused(role: str, case: Any, response: Any) -> None:
    """A clinician or admin on a client's personal route: a refusal, never someone's data."""
    where = f"{role} {case.method} {case.formatted_path}"
    if response.status_code == 405:
        return  # a method the route does not have (schemathesis tries those too)
    assert response.status_code in REFUSED, f"{where}: {response.status_code}, expected a refusal"
    assert A_NAME not in response.text, f"{where}: shows client A's name"
    if response.status_code not in (400, 422):
        assert response.json()["message"], f"{where}: a refusal without a message"


def send(web: Any, case: Any) -> Any:
    """The generated request through a logged-in test client (its own cookies, its token)."""
    headers = {**(case.headers or {}), "X-CSRF-Token": web.token}
    kwargs = case.as_transport_kwargs(base_url="https://testserver", headers=headers)
    kwargs.pop("cookies", None)  # the session's own log-in and CSRF cookies go instead
    if isinstance(kwargs.get("data"), bytes | str):
        kwargs["content"] = kwargs.pop("data")  # raw bodies (httpx's spelling)
    return web.request(**kwargs, follow_redirects=False)


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_personal_api_in_clinic_mode(case: Any, postgres_sessions: list[tuple[str, Any]]) -> None:
    for role, web in (*_SQLITE_SESSIONS, *postgres_sessions):
        response = send(web, case)
        case.validate_response(response, checks=CHECKS)
        if role in STAFF and not staff_may_use(case.path):
            assert_staff_refused(role, case, response)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_personal_api_flows_in_clinic_mode(
    backend: str, postgres_sessions: list[tuple[str, Any]]
) -> None:
    """Stateful: client A follows the links schemathesis finds (today's session id to its
    timeline, view and log; a new log's id to its next-morning pain; a habit to ticking it)."""
    web = dict(_SQLITE_SESSIONS if backend == "sqlite" else postgres_sessions)["client_a"]

    class Flows(schema.as_state_machine()):  # type: ignore[misc]
        def call(self, case: Any, **kwargs: Any) -> Any:
            return Response.from_any(send(web, case))

        def validate_response(self, response: Any, case: Any, **kwargs: Any) -> None:
            case.validate_response(response, checks=CHECKS)

    run_state_machine_as_test(
        Flows,
        settings=settings(
            max_examples=6,
            stateful_step_count=8,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
        ),
    )
