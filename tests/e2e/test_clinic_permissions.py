"""The permission matrix: every route of the clinic app x (anonymous, client A, client B,
clinician of A, another clinician, admin), on SQLite and PostgreSQL.

Routes come from ``app.routes``, so a new route without a rule here fails the test. No one but
client A and A's clinician may ever see A's name in a response.
"""

from __future__ import annotations

from fastapi.routing import APIRoute
from starlette.routing import Route
from tests.e2e import clinic_support
from tests.e2e.clinic_support import A_NAME, ROLES, Clinic

backend, clinic = clinic_support.backend, clinic_support.clinic

PUBLIC = {
    "/login",
    "/login/code",
    "/login/recovery",
    "/request",
    "/api/request",
    "/api/csrf",
    "/api/health",
    "/openapi.json",
    "/manifest.webmanifest",  # the installable app: browsers fetch these without cookies
    "/sw.js",
    "/offline",
}
PUBLIC_PREFIXES = ("/invite/", "/reset/")
EVERY_ACCOUNT = {"/account", "/logout", "/logout-everywhere", "/api/assessment/questions"}
STAFF_ACCOUNT = {"/account/two-factor", "/account/recovery-codes"}
LIBRARY = ("/exercises", "/api/exercises")
CLINIC_OFF = {"/api/import", "/api/me", "/settings/import", "/settings/delete"}  # personal only
CLINIC_OFF |= {"/pair", "/settings/phone/code", "/settings/phone/revoke"}  # phone pairing
CLINICIAN_LISTS = {
    "/clients",
    "/api/clients",
    "/api/caseload",
    "/clients/invite",
    "/clients/add-exercise/{slug}",
}
STAFF_ONLY = {"/requests", "/api/requests"}  # prefixes for clinicians and admins
CLINICIAN_PREFIXES = ("/clients", "/api/clients")
ADMIN_PREFIXES = ("/admin", "/api/admin")
DENIED = {401, 403, 404, 422}  # 422: the body was refused before any record was read
LOGIN_FORMS = {"/login", "/login/code", "/login/recovery"}  # a refused log-in answers 401 by design
LAST = ("/logout", "/logout-everywhere", "/api/me", "/settings/delete")  # run after the rest


def who_may(path: str) -> set[str]:
    """The roles allowed to use a route (anonymous included for public pages)."""
    if path in PUBLIC or path.startswith(PUBLIC_PREFIXES):
        return set(ROLES)
    if path in CLINIC_OFF:
        return set()
    if path in STAFF_ACCOUNT:
        return {"clinician_a", "clinician_b", "admin"}
    if path in CLINICIAN_LISTS:
        return {"clinician_a", "clinician_b"}
    if path in EVERY_ACCOUNT or path.startswith(LIBRARY):
        return set(ROLES) - {"anonymous"}
    if path.startswith(CLINICIAN_PREFIXES):
        return {"clinician_a"}
    if path.startswith(ADMIN_PREFIXES):
        return {"admin"}
    if path == "/requests/{request_id}/convert":
        return {"clinician_a", "clinician_b"}  # a request becomes the converting clinician's client
    if path.startswith(tuple(STAFF_ONLY)):
        return {"clinician_a", "clinician_b", "admin"}
    if path == "/":
        return set(ROLES) - {"anonymous"}  # staff are sent on to their own home page
    return {"client_a", "client_b"}  # the personal pages: a client's own records


def concrete(path: str, world: Clinic) -> str:
    values = {
        "person_id": world.person_a,
        "user_id": world.users["client_a"].id,
        "slug": "glute-bridge",
        "session_id": "w1-2026-11-23",
        "log_id": "missing",
        "code": "not-a-real-code",
        "token": "not-a-real-token",
        "request_id": "missing",
        "review_id": "missing",
        "name": "sessions.csv",
    }
    for name, value in values.items():
        path = path.replace("{" + name + "}", value)
    assert "{" not in path, f"add a value for the path parameter in {path}"
    return path


def every_route(routes):  # type: ignore[no-untyped-def]
    """Every route with methods, looking inside included routers."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from every_route(inner.routes)
        elif isinstance(route, APIRoute | Route):
            yield route


def cells(world: Clinic) -> list[tuple[str, str]]:
    found = set()
    for route in every_route(world.app.routes):
        for method in route.methods or ():
            if method != "HEAD":
                found.add((method, route.path))
    return sorted(found, key=lambda c: (c[1] in LAST, c[1], c[0]))


def test_every_route_for_every_role(clinic: Clinic):
    browsers = {role: clinic.client(role) for role in ROLES}
    failures = []
    routes = cells(clinic)
    assert len(routes) > 60
    for role in ROLES:
        web = browsers[role]
        for method, template in routes:
            path = concrete(template, clinic)
            if method == "GET":
                response = web.get(path, follow_redirects=False)
            else:
                response = web.api(path, {}, method=method, follow_redirects=False)
            allowed = role in who_may(template)
            status = response.status_code
            if status >= 500:
                failures.append(f"{role} {method} {path}: {status}")
            elif not allowed and not _denied(response):
                failures.append(f"{role} {method} {path}: {status}, expected a refusal")
            elif allowed and status in (401, 403) and template not in LOGIN_FORMS:
                failures.append(f"{role} {method} {path}: {status}, expected access")
            sees_names = role == "admin" and path.startswith(ADMIN_PREFIXES)  # account lists
            if (
                role not in ("client_a", "clinician_a")
                and not sees_names
                and A_NAME in response.text
            ):
                failures.append(f"{role} {method} {path}: shows client A's name")
            if path in ("/logout", "/logout-everywhere") and method == "POST":
                browsers[role] = web = clinic.client(role)  # log back in for the rest
    assert failures == [], "\n".join(failures)


def _denied(response) -> bool:  # type: ignore[no-untyped-def]
    if response.status_code in DENIED:
        return True
    return response.status_code == 303 and response.headers["location"].startswith("/login")


def test_clinician_pages_refuse_another_clinicians_client(clinic: Clinic):
    other = clinic.client("clinician_b")
    for path in (f"/clients/{clinic.person_a}", f"/api/clients/{clinic.person_a}"):
        response = other.get(path)
        assert response.status_code == 404
        assert A_NAME not in response.text
    mine = clinic.client("clinician_a").get(f"/api/clients/{clinic.person_a}")
    assert mine.status_code == 200 and mine.json()["person"]["display_name"] == A_NAME


def test_client_pages_and_exports_show_only_their_own_records(clinic: Clinic):
    b = clinic.client("client_b")
    assert b.get("/api/plan").json() is None  # B has no plan; A's is never shown
    assert b.get("/api/logs").json() == []
    for path in ("/export/sessions.csv", "/export/fhir.json", "/api/export"):
        response = b.get(path)
        assert A_NAME not in response.text
    a = clinic.client("client_a")
    assert a.get("/api/plan").json()["person_id"] == clinic.person_a
    assert "felt fine" in a.get("/export/sessions.csv").text
