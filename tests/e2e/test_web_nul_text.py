"""The NUL character in any field is a 422 naming that field, on SQLite and on PostgreSQL.

Found by schemathesis in clinic mode: on PostgreSQL a session note or a measurement label with
U+0000 in it, or a log id with one in the URL, reached the database and came back as a 503
blaming the connection ("unsupported Unicode escape sequence", "PostgreSQL text fields cannot
contain NUL"), while SQLite stored it.
"""

from __future__ import annotations

import pytest
from tests.e2e import clinic_support
from tests.e2e.clinic_support import Clinic

from psoas.web.text_guard import PROBLEM, nul_fields

backend, clinic = clinic_support.backend, clinic_support.clinic
NUL = "a\x00b"

REQUESTS = [
    ("POST", "/api/logs", {"notes": NUL}, "notes"),
    ("POST", "/api/measurements", {"kind": "pain", "value": 3, "label": NUL}, "label"),
    ("POST", "/api/logs/a%00b/next-morning", {"next_morning_pain": 2}, "log_id"),
    ("GET", "/api/sessions/a%00b/timeline", None, "session_id"),
    ("GET", "/api/measurements?kind=a%00b", None, "kind"),
    ("PUT", "/api/preferences", {"equipment": ["mat", NUL]}, "equipment.1"),
]


def test_nul_in_any_field_is_refused_by_name_and_nothing_is_saved(clinic: Clinic):
    web = clinic.client("client_a")
    logs = web.get("/api/logs").json()
    measurements = web.get("/api/measurements").json()
    for method, path, body, field in REQUESTS:
        response = web.get(path) if method == "GET" else web.api(path, body, method=method)
        assert response.status_code == 422, (path, response.text)
        assert response.json()["problems"] == [{"field": field, "problem": PROBLEM}]
    page = web.form("/log/session", {"notes": NUL})
    assert page.status_code == 422 and "notes" in page.text
    assert web.get("/api/logs").json() == logs
    assert web.get("/api/measurements").json() == measurements
    saved = web.api("/api/logs", {"notes": "a plain note"})
    assert saved.status_code == 201 and saved.json()["notes"] == "a plain note"


@pytest.mark.parametrize(
    ("value", "fields"),
    [
        ("fine", []),
        (NUL, ["body"]),
        ({"notes": NUL, "pain": 3}, ["notes"]),
        ({"sets": [{"side": "left"}, {"note": NUL}]}, ["sets.1.note"]),
        ({NUL: 1}, [NUL]),
        ([1, True, None, "ok"], []),
    ],
)
def test_nul_fields_names_each_string_that_holds_nul(value, fields):
    assert nul_fields(value) == fields
