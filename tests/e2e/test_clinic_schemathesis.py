"""Schemathesis against the clinic app's OpenAPI schema with logged-in sessions (a clinician,
a client and an admin, each on every case): no server errors, and successful responses match
their schema. SQLite (the permission and security suites cover PostgreSQL); bounded examples.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance
from tests.e2e.clinic_support import make_clinic

_CLINIC = make_clinic("sqlite", Path(tempfile.mkdtemp(prefix="psoas-clinic-st-")), None)
_SESSIONS = {}
for _role in ("clinician_a", "client_a", "admin"):
    _web = _CLINIC.client(_role)
    _web.refresh_token()
    _SESSIONS[_role] = _web

schema = schemathesis.openapi.from_asgi("/openapi.json", _CLINIC.app)
SKIP = {("DELETE", "/api/me"), ("POST", "/api/import")}  # refused in clinic mode anyway


@schema.parametrize()
@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_clinic_api_never_fails_with_a_session(case: Any) -> None:
    if (case.method, case.path) in SKIP:
        return
    for web in _SESSIONS.values():
        headers = {**(case.headers or {}), "X-CSRF-Token": web.token}
        cookies = {
            "psoas_csrf": web.cookies.get("psoas_csrf"),
            "psoas_session": web.cookies.get("psoas_session"),
        }
        response = case.call(headers=headers, cookies=cookies, base_url="https://testserver")
        case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
