"""Schemathesis against the clinic app's OpenAPI schema with logged-in sessions (a clinician,
a client and an admin, each on every case), on SQLite and on PostgreSQL: no server errors, and
successful responses match their schema. Bounded examples keep it quick.

The schema comes from the SQLite app built at collection (both apps have the same routes);
every generated case is then sent to both apps through their logged-in test clients. Only the
clinic operations (every /api path outside the personal routers) are fuzzed here: the personal
API is fuzzed by test_clinic_personal_schemathesis.py in clinic mode and test_web_schemathesis.py
in personal mode, and the permission matrix sends every route to every role in clinic mode.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance
from tests.e2e.clinic_support import make_clinic, personal_api_paths

ROLES = ("clinician_a", "client_a", "admin")


def _sessions(clinic: Any) -> list[Any]:
    sessions = []
    for role in ROLES:
        web = clinic.client(role)
        web.refresh_token()
        sessions.append(web)
    return sessions


_SQLITE = make_clinic("sqlite", Path(tempfile.mkdtemp(prefix="psoas-clinic-st-")), None)
_SQLITE_SESSIONS = _sessions(_SQLITE)
schema = schemathesis.openapi.from_asgi("/openapi.json", _SQLITE.app).exclude(
    path=personal_api_paths()
)


@pytest.fixture(scope="module")
def postgres_sessions(tmp_path_factory, request) -> list[Any]:  # type: ignore[no-untyped-def]
    clinic = make_clinic("postgresql", tmp_path_factory.mktemp("clinic-st-pg"), request)
    return _sessions(clinic)


@schema.parametrize()
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_clinic_api_never_fails_with_a_session(case: Any, postgres_sessions: list[Any]) -> None:
    for web in (*_SQLITE_SESSIONS, *postgres_sessions):
        headers = {**(case.headers or {}), "X-CSRF-Token": web.token}
        kwargs = case.as_transport_kwargs(base_url="https://testserver", headers=headers)
        kwargs.pop("cookies", None)  # the client's own log-in and CSRF cookies go instead
        if isinstance(kwargs.get("data"), bytes | str):
            kwargs["content"] = kwargs.pop("data")  # raw bodies (httpx's spelling)
        response = web.request(**kwargs)
        case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
