"""What psoas promises about security, one test per promise (see SECURITY.md).

Read the test names as the list: each one failed before the hardening of issue 15 and holds
now. Storage-backed promises run on SQLite and PostgreSQL (the ``clinic`` fixture)."""

from __future__ import annotations

import csv
import io
import re
import socket
from datetime import timedelta

import pyotp
import pytest
from tests.e2e import clinic_support, web_browser
from tests.e2e.clinic_support import PASSWORD, Clinic
from tests.e2e.web_browser import LiveServer
from tests.e2e.web_support import WebClient, real_client

from psoas.domain.clinic.accounts import MAX_FAILED_LOGINS, Role
from psoas.domain.errors import InvalidValue
from psoas.services.clinic import accounts, invites
from psoas.web.body_limit import FORM_AND_JSON_BYTES

backend, clinic = clinic_support.backend, clinic_support.clinic
browser = web_browser.browser
EMAIL_A = "clinician_a@clinic.test"


@pytest.fixture
def personal(tmp_path) -> WebClient:  # type: ignore[no-untyped-def]
    web = real_client(tmp_path)
    web.api("/api/preferences", {"minutes_per_day": 14}, method="PUT")
    return web


# --- Personal mode answers only to its own loopback address (DNS rebinding) ---------------


@pytest.mark.parametrize(
    "host", ["evil.example:8150", "evil.example", "127.0.0.1.evil.example:8150", "", "a b"]
)
def test_personal_mode_refuses_any_host_but_loopback(personal: WebClient, host: str):
    response = personal.get("/api/export", headers={"Host": host})
    assert response.status_code == 421
    assert "people" not in response.text and response.json()["status"] == 421
    page = personal.get("/settings", headers={"Host": host})
    assert page.status_code == 421 and "does not answer to this address" in page.text


@pytest.mark.parametrize("host", ["127.0.0.1:8150", "localhost:8150", "[::1]:8150", "LOCALHOST"])
def test_personal_mode_answers_its_loopback_names(personal: WebClient, host: str):
    response = personal.get("/api/export", headers={"Host": host})
    assert response.status_code == 200 and response.json()["people"]


def test_a_rebound_page_cannot_delete_everything(personal: WebClient):
    headers = {"Host": "evil.example:8150", "X-CSRF-Token": personal.token}
    assert personal.delete("/api/me", headers=headers).status_code == 421
    assert personal.get("/api/preferences").json()["minutes_per_day"] == 14


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "http://127.0.0.1:9999"},  # another program on this machine
        {"Origin": "null", "Sec-Fetch-Site": "cross-site"},  # a sandboxed frame elsewhere
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ],
)
def test_writes_from_another_origin_are_refused(personal: WebClient, headers: dict):
    refused = personal.api("/api/preferences", {"minutes_per_day": 20}, "PUT", headers=headers)
    assert refused.status_code == 403
    assert personal.get("/api/preferences").json()["minutes_per_day"] == 14


def test_writes_from_the_app_itself_pass_the_origin_check(personal: WebClient):
    headers = {"Origin": "http://127.0.0.1:8000", "Sec-Fetch-Site": "same-origin"}
    done = personal.api("/api/preferences", {"minutes_per_day": 20}, "PUT", headers=headers)
    assert done.status_code == 200
    assert personal.get("/api/preferences").json()["minutes_per_day"] == 20


def test_clinic_mode_answers_only_its_allowed_hosts(clinic: Clinic):
    web = clinic.client("clinician_a")
    assert web.get("/api/clients").status_code == 200  # testserver is configured
    assert web.get("/api/clients", headers={"Host": "localhost:8000"}).status_code == 200
    other = web.get("/api/clients", headers={"Host": "clinic.evil.example"})
    assert other.status_code == 421 and "Alice" not in other.text


# --- Bounded requests -----------------------------------------------------------------------


def _read_answer(conn: socket.socket) -> str:
    """Everything the server sends until it closes the connection."""
    received = b""
    while chunk := conn.recv(4096):
        received += chunk
    return received.decode()


def test_an_oversized_declared_body_is_refused_before_it_is_read(tmp_path):
    with LiveServer(tmp_path) as live:
        port = int(live.url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
            conn.sendall(
                b"POST /api/logs HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/json\r\nContent-Length: 100000000\r\n\r\n{"
            )  # 100 MB announced, one byte sent: the answer must not wait for the rest
            answer = _read_answer(conn)
    assert answer.startswith("HTTP/1.1 413")
    assert "larger than this address accepts (64 KB)" in answer


def test_an_oversized_streamed_body_is_cut_off(tmp_path):
    with LiveServer(tmp_path) as live:
        port = int(live.url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
            conn.sendall(
                b"POST /api/logs HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            )
            chunk = b"x" * 16384
            for _ in range(FORM_AND_JSON_BYTES // len(chunk) + 1):  # one chunk past the cap
                conn.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            answer = _read_answer(conn)
    assert answer.startswith("HTTP/1.1 413")


def test_an_anonymous_treatment_request_is_capped(clinic: Clinic):
    web = clinic.client()
    big = {"name": "x", "contact": "x@example.org", "concern": "y" * 1_000_000, "consent": True}
    refused = web.api("/api/request", big)
    assert refused.status_code == 413 and "Nothing was saved" in refused.json()["message"]
    page = web.post("/request", data={"name": "x", "concern": "y" * 1_000_000})
    assert page.status_code == 413 and "Too much data" in page.text
    assert web.get("/request").status_code == 200


def test_imports_may_be_larger_than_forms(personal: WebClient):
    document = personal.get("/api/export").json()
    document["padding"] = "z" * (2 * FORM_AND_JSON_BYTES)
    response = personal.api("/api/import", document)
    assert response.status_code != 413


# --- Health data is never cached; cookies fit the mode --------------------------------------


@pytest.mark.parametrize("path", ["/", "/progress", "/settings", "/api/export", "/api/progress"])
def test_pages_and_json_with_health_data_say_no_store(personal: WebClient, path: str):
    assert personal.get(path).headers["cache-control"] == "no-store"


def test_static_files_may_be_cached(personal: WebClient):
    assert personal.get("/static/app.css").headers.get("cache-control") != "no-store"


def test_the_csrf_cookie_is_secure_in_clinic_mode(clinic: Clinic, tmp_path):
    cookie = clinic.client().get("/api/csrf").headers["set-cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie
    personal = real_client(tmp_path / "own").get("/api/csrf").headers["set-cookie"]
    assert "Secure" not in personal  # plain http://127.0.0.1 in personal mode


# --- Two-factor codes are single-use (RFC 6238 section 5.2) ----------------------------------


def _two_factor_on(clinic: Clinic) -> str:
    web = clinic.client("clinician_a")
    secret = re.search(r'name="secret" value="([A-Z2-7]+)"', web.get("/account").text).group(1)
    code = pyotp.TOTP(secret).at(clinic.clock.now())
    assert web.form("/account/two-factor", {"secret": secret, "code": code}).status_code == 303
    clinic.clock.advance(30)
    return secret


def _code_step(clinic: Clinic, code: str):  # type: ignore[no-untyped-def]
    web = clinic.client()
    assert web.form("/login", {"email": EMAIL_A, "password": PASSWORD}).status_code == 200
    return web.form("/login/code", {"code": code})


def test_a_two_factor_code_logs_in_once(clinic: Clinic):
    secret = _two_factor_on(clinic)
    code = pyotp.TOTP(secret).at(clinic.clock.now())
    assert _code_step(clinic, code).status_code == 303
    again = _code_step(clinic, code)
    assert again.status_code == 422 and "used already" in again.text
    previous = pyotp.TOTP(secret).at(clinic.clock.now() - timedelta(seconds=30))
    assert _code_step(clinic, previous).status_code == 422  # an older step is spent too
    clinic.clock.advance(30)
    assert _code_step(clinic, pyotp.TOTP(secret).at(clinic.clock.now())).status_code == 303


def test_the_set_up_code_cannot_log_in(clinic: Clinic):
    web = clinic.client("clinician_a")
    secret = re.search(r'name="secret" value="([A-Z2-7]+)"', web.get("/account").text).group(1)
    code = pyotp.TOTP(secret).at(clinic.clock.now())
    assert web.form("/account/two-factor", {"secret": secret, "code": code}).status_code == 303
    assert _code_step(clinic, code).status_code == 422


# --- Log-in limits never reveal accounts nor let strangers lock them -------------------------


def _browser(clinic: Clinic, address: str) -> WebClient:
    return WebClient(
        clinic.app,
        base_url="https://testserver",
        raise_server_exceptions=False,
        client=(address, 40000),
    )


def _fail_five_times(clinic: Clinic, email: str, address: str):  # type: ignore[no-untyped-def]
    web = _browser(clinic, address)
    for _ in range(MAX_FAILED_LOGINS):
        assert web.form("/login", {"email": email, "password": "Winter2026!"}).status_code == 401
    return web.form("/login", {"email": email, "password": "Winter2026!"})


def test_a_lock_answers_the_same_for_real_and_unknown_emails(clinic: Clinic):
    real = _fail_five_times(clinic, EMAIL_A, "203.0.113.1")
    unknown = _fail_five_times(clinic, "nobody@clinic.test", "203.0.113.2")
    assert real.status_code == unknown.status_code == 429
    assert real.headers["Retry-After"] == unknown.headers["Retry-After"]
    error = re.compile(r'id="login-error">([^<]*)<')
    assert error.search(real.text).group(1) == error.search(unknown.text).group(1)


def test_a_stranger_cannot_lock_the_owner_out(clinic: Clinic):
    assert _fail_five_times(clinic, EMAIL_A, "203.0.113.66").status_code == 429
    owner = _browser(clinic, "198.51.100.7")
    done = owner.form("/login", {"email": EMAIL_A, "password": PASSWORD})
    assert done.status_code == 303


def test_refused_log_ins_are_audited_with_a_hashed_address(clinic: Clinic):
    _fail_five_times(clinic, "nobody@clinic.test", "203.0.113.9")
    entries = accounts.audit_log(clinic.ctx, clinic.users["admin"])
    unknown = [e for e in entries if e.what == "failed login: unknown e-mail"]
    refused = [e for e in entries if e.what == "log-in refused: too many"]
    assert len(unknown) == MAX_FAILED_LOGINS and len(refused) == 1
    where = "from " + accounts.audit_address("203.0.113.9")
    assert refused[0].detail == unknown[0].detail == where
    assert all("203.0.113.9" not in e.detail for e in entries)


# --- Clinic sessions end when idle ----------------------------------------------------------


def test_an_idle_clinic_session_ends(clinic: Clinic):
    web = clinic.client("clinician_a")
    idle = clinic.app.state.settings.idle_minutes
    for _ in range(3):  # activity keeps the session going past the idle time
        clinic.clock.advance((idle - 5) * 60)
        assert web.get("/api/clients").status_code == 200
    clinic.clock.advance(idle * 60)
    assert web.get("/api/clients").status_code == 401


# --- Every CSV psoas writes neutralises formulas --------------------------------------------

FORMULA = '=HYPERLINK("http://evil.example","open")'


def test_the_audit_csv_neutralises_formulas_from_names_and_emails(clinic: Clinic):
    doctor = clinic.users["clinician_a"]
    issued = invites.invite_client(
        clinic.ctx, doctor, email="visitor@clinic.test", display_name=FORMULA
    )
    accounts.create_account(
        clinic.ctx,
        email="=1+2@clinic.test",
        role=Role.CLINICIAN,
        display_name="Odd",
        password=PASSWORD,
        actor=clinic.users["admin"],
    )
    accounts.login(clinic.ctx, "=1+2@clinic.test", PASSWORD)
    clinic.client("clinician_a").get(f"/clients/{issued.user.person_id}")
    text = clinic.client("admin").get("/admin/audit.csv").text
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'" + FORMULA in cells and "'=1+2@clinic.test" in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]


def test_session_and_measurement_csvs_neutralise_every_text_cell():
    from psoas.export.csv import safe_text

    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert safe_text(start + "1+1") == "'" + start + "1+1"
    assert safe_text("plain words") == "plain words"


# --- Unknown answer keys are refused early and briefly --------------------------------------


def test_an_assessment_full_of_unknown_keys_gets_a_short_refusal(personal: WebClient):
    answers = {f"k{n}": 1 for n in range(5000)}  # as many as fit under the body cap
    refused = personal.api("/api/assessment", answers)
    assert refused.status_code == 422
    assert len(refused.json()["problems"]) == 11 and len(refused.content) < 3000


# --- Passwords: long enough, not blank, not common ------------------------------------------


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        (" " * 12, "must not be only spaces"),
        ("password123", "most common passwords"),
        ("Qwertyuiop", "most common passwords"),
        ("1234567890", "most common passwords"),
        ("short", "at least 10 characters"),
    ],
)
def test_weak_passwords_are_refused_when_set(clinic: Clinic, password: str, problem: str):
    issued = invites.invite_client(
        clinic.ctx, clinic.users["clinician_a"], email="new@clinic.test", display_name="New"
    )
    web = clinic.client()
    web.get(f"/invite/{issued.code}")
    page = web.form(f"/invite/{issued.code}", {"password": password, "again": password})
    assert page.status_code == 422 and problem in page.text
    with pytest.raises(InvalidValue, match=problem):
        accounts.create_account(
            clinic.ctx,
            email="staff@clinic.test",
            role=Role.CLINICIAN,
            display_name="S",
            password=password,
            actor=clinic.users["admin"],
        )


def test_a_rare_long_password_is_accepted(clinic: Clinic):
    issued = invites.invite_client(
        clinic.ctx, clinic.users["clinician_a"], email="new@clinic.test", display_name="New"
    )
    done = clinic.client().form(
        f"/invite/{issued.code}",
        {"password": "lantern ferry 42 pebble", "again": "lantern ferry 42 pebble"},
    )
    assert done.status_code == 303


# --- Refused requests are audited with a hashed address -------------------------------------


def test_refused_requests_are_audited_with_a_hashed_address(clinic: Clinic):
    other = _browser(clinic, "198.51.100.40")
    other.cookies.set(
        "psoas_session",
        accounts.login(clinic.ctx, "clinician_b@clinic.test", PASSWORD).token,
        domain="testserver.local",
    )
    assert other.get(f"/clients/{clinic.person_a}").status_code == 404
    assert other.get("/api/admin/audit").status_code == 403
    entries = accounts.audit_log(clinic.ctx, clinic.users["admin"])
    refused = {e.what: e for e in entries if e.what.startswith("refused")}
    not_found = refused[f"refused (404): GET /clients/{clinic.person_a}"]
    forbidden = refused["refused (403): GET /api/admin/audit"]
    for entry in (not_found, forbidden):
        assert entry.actor_id == clinic.users["clinician_b"].id
        assert entry.detail == "from " + accounts.audit_address("198.51.100.40")


def test_a_flood_of_treatment_requests_is_audited_when_refused(clinic: Clinic):
    visitor = _browser(clinic, "192.0.2.200")
    body = {"name": "Visitor", "contact": "v@example.org", "concern": "hip", "consent": True}
    statuses = [visitor.api("/api/request", body).status_code for _ in range(12)]
    assert 429 in statuses
    entries = accounts.audit_log(clinic.ctx, clinic.users["admin"])
    flood = [e for e in entries if e.what == "refused (429): POST /api/request"]
    assert flood and flood[0].actor_id is None
    assert flood[0].detail == "from " + accounts.audit_address("192.0.2.200")


# --- The checks let the real browser through ------------------------------------------------


def test_chromium_saves_a_form_through_the_host_and_origin_checks(browser, tmp_path):
    """Our pages say Referrer-Policy: no-referrer, so Chromium posts their forms with
    Origin: null; the origin check must let that through (Sec-Fetch-Site says same-origin)."""
    with LiveServer(tmp_path) as live:
        page = browser.new_context(base_url=live.url).new_page()
        seen: list[dict] = []
        page.on("request", lambda r: seen.append(r.headers) if r.method == "POST" else None)
        page.goto("/settings")
        page.fill("#minutes_per_day", "17")
        page.click("text=Save preferences")
        page.wait_for_url("**/settings?done=saved")
        assert page.input_value("#minutes_per_day") == "17"
        assert seen and seen[0].get("origin") == "null"
