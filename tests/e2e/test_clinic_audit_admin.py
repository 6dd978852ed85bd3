"""The admin's audit log on SQLite and PostgreSQL: filters (person, account, action, dates),
pages of 100 newest first with a count, a CSV of every matching entry however many, the JSON
API with the same filters plus limit/offset, 422 for bad values, and the same refusal as
before for everyone else."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from tests.e2e import clinic_support
from tests.e2e.clinic_audit_support import OCTOBER, add_entries, bulk
from tests.e2e.clinic_support import Clinic

from psoas.domain.clinic.accounts import AuditAction, AuditEntry

backend, clinic = clinic_support.backend, clinic_support.clinic


def october_four(world: Clinic) -> dict[str, AuditEntry]:
    users = world.users
    made = {
        "e1": (OCTOBER, "clinician_a", world.person_a, AuditAction.VIEWED),
        "e2": (OCTOBER + timedelta(days=1), "clinician_b", world.person_b, AuditAction.CHANGED),
        "e3": (datetime(2026, 10, 3, 23, 59, 59, tzinfo=UTC), "client_a", world.person_a, "c"),
        "e4": (datetime(2026, 10, 4, tzinfo=UTC), "admin", None, AuditAction.ACCOUNT),
    }
    entries = {
        key: AuditEntry(
            id=f"oct-{key}",
            at=at,
            actor_id=users[role].id,
            action=AuditAction.CHANGED if action == "c" else action,
            what=f"october {key}",
            person_id=person,
        )
        for key, (at, role, person, action) in made.items()
    }
    add_entries(world, list(entries.values()))
    return entries


def ids(response) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.text
    return [e["id"] for e in response.json()["entries"]]


def test_each_filter_narrows_the_log_newest_first(clinic: Clinic):
    october_four(clinic)
    api = clinic.client("admin")
    month = {"from": "2026-10-01", "to": "2026-10-31"}
    cases = [
        ({}, ["oct-e4", "oct-e3", "oct-e2", "oct-e1"]),
        ({"to": "2026-10-03"}, ["oct-e3", "oct-e2", "oct-e1"]),  # the 'to' day is included
        ({"from": "2026-10-02", "to": "2026-10-03"}, ["oct-e3", "oct-e2"]),
        ({"person": clinic.person_a}, ["oct-e3", "oct-e1"]),
        ({"actor": clinic.users["clinician_b"].id}, ["oct-e2"]),
        ({"action": "changed"}, ["oct-e3", "oct-e2"]),
        ({"action": "ACCOUNT"}, ["oct-e4"]),
        ({"person": clinic.person_a, "action": "viewed"}, ["oct-e1"]),
    ]
    for extra, expected in cases:
        found = api.get("/api/admin/audit", params={**month, **extra})
        assert ids(found) == expected, extra
        assert found.json()["total"] == len(expected)
    everyone = api.get("/api/admin/audit", params={"action": "account"}).json()
    assert everyone["total"] > 1 and "oct-e4" in [e["id"] for e in everyone["entries"]]
    page = api.get("/admin/audit", params={**month, "person": clinic.person_a})
    assert page.status_code == 200 and "2 matching entries" in page.text
    assert "october e3" in page.text and "october e2" not in page.text
    assert clinic_support.A_NAME in page.text


def test_pages_of_a_hundred_with_links_both_ways(clinic: Clinic):
    add_entries(clinic, bulk("pager", 250, tie=3))
    admin = clinic.client("admin")
    first = admin.get("/admin/audit", params={"actor": "pager"})
    assert "250 matching entries; showing 1–100." in first.text
    assert first.text.count("bulk ") == 100 and "bulk 249<" in first.text
    assert 'rel="next" href="?actor=pager&amp;page=2"' in first.text
    assert 'rel="prev"' not in first.text
    last = admin.get("/admin/audit", params={"actor": "pager", "page": "3"})
    assert "showing 201–250." in last.text and last.text.count("bulk ") == 50
    assert (
        'rel="prev" href="?actor=pager&amp;page=2"' in last.text and 'rel="next"' not in last.text
    )
    beyond = admin.get("/admin/audit", params={"actor": "pager", "page": "9"})
    assert beyond.status_code == 200 and "250 matching entries." in beyond.text
    assert 'rel="prev" href="?actor=pager&amp;page=3"' in beyond.text  # back to the last page
    pages = [
        ids(admin.get("/api/admin/audit", params={"actor": "pager", "limit": 100, "offset": o}))
        for o in (0, 100, 200)
    ]
    seen = [i for page in pages for i in page]
    assert [len(p) for p in pages] == [100, 100, 50]
    assert seen == sorted((f"pager-{i:05d}" for i in range(250)), reverse=True)


def test_the_csv_holds_every_matching_entry_beyond_two_thousand(clinic: Clinic):
    late = datetime(2026, 10, 1, 22, 0, tzinfo=UTC)
    add_entries(clinic, bulk("many", 2300, start=late, tie=7))  # ties straddle the batches
    admin = clinic.client("admin")
    total = admin.get("/api/admin/audit", params={"limit": 1}).json()["total"]
    assert total > 2300
    every = list(csv.DictReader(io.StringIO(admin.get("/admin/audit.csv").text)))
    assert len(every) == total
    mine = admin.get("/admin/audit.csv", params={"actor": "many"})
    assert mine.status_code == 200 and mine.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(mine.text)))
    assert [r["what"] for r in rows] == [f"bulk {i}" for i in reversed(range(2300))]
    assert rows[0]["who"] == "many" and rows[0]["action"] == "viewed"
    narrow = admin.get("/admin/audit.csv", params={"actor": "many", "to": "2026-10-01"})
    assert len(list(csv.DictReader(io.StringIO(narrow.text)))) == 2 * 60 * 7  # to midnight


BAD_VALUES = [
    ({"action": "deleted"}, "action"),
    ({"from": "2026-02-30"}, "from"),
    ({"from": "yesterday"}, "from"),
    ({"to": "2026-1-5"}, "to"),
    ({"from": "2026-10-05", "to": "2026-10-04"}, "to"),
    ({"person": "x" * 80}, "person"),
    ({"limit": "0"}, "limit"),
    ({"limit": "lots"}, "limit"),
    ({"limit": "100000"}, "limit"),
    ({"offset": "-1"}, "offset"),
]


def test_bad_filter_values_are_422_naming_the_field(clinic: Clinic):
    admin = clinic.client("admin")
    for params, field in BAD_VALUES:
        found = admin.get("/api/admin/audit", params=params)
        assert found.status_code == 422, params
        body = found.json()
        assert field in [p["field"] for p in body["problems"]] and body["message"].startswith(field)
        if field in ("limit", "offset"):
            continue
        page = admin.get("/admin/audit", params=params)
        assert page.status_code == 422 and f'id="{field}-error"' in page.text, params
        assert 'aria-invalid="true"' in page.text and f"{field}: " in page.text
        export = admin.get("/admin/audit.csv", params=params)
        assert export.status_code == 422 and f"{field}: " in export.text, params
    for number in ("0", "two", "-3"):
        found = admin.get("/admin/audit", params={"page": number})
        assert found.status_code == 422 and "page: " in found.text


def test_everyone_but_the_admin_is_refused_as_before(clinic: Clinic):
    for role in ("client_a", "clinician_a", "clinician_b"):
        web = clinic.client(role)
        for path in ("/admin/audit", "/admin/audit.csv", "/api/admin/audit"):
            for params in ({}, {"action": "nonsense", "limit": "x"}):  # refused before checked
                response = web.get(path, params=params)
                assert response.status_code == 403, (role, path, params)
                assert "Audit log" not in response.text
    anonymous = clinic.client()
    assert anonymous.get("/api/admin/audit").status_code == 401
    assert anonymous.get("/admin/audit.csv", follow_redirects=False).status_code == 303
