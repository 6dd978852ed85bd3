"""Clinic security, each on SQLite and PostgreSQL: CSRF, session fixation, lockout, invite and
reset-link reuse and expiry, two-factor, logout everywhere, audit entries, spam protection and
caution overrides."""

from __future__ import annotations

import re
from datetime import timedelta

import pyotp
from tests import factories as f
from tests.e2e import clinic_support
from tests.e2e.clinic_support import A_NAME, PASSWORD, Clinic

from psoas.domain.catalogue.exercises import Caution
from psoas.domain.clinic.accounts import INVITE_LIFETIME, LOCKOUT, MAX_FAILED_LOGINS, RESET_LIFETIME
from psoas.services.clinic import accounts, invites

backend, clinic = clinic_support.backend, clinic_support.clinic
EMAIL_A = "client_a@clinic.test"


def _login(web, email: str, password: str):  # type: ignore[no-untyped-def]
    return web.form("/login", {"email": email, "password": password})


def _audit(clinic: Clinic) -> list:  # type: ignore[type-arg]
    return list(accounts.audit_log(clinic.ctx, clinic.users["admin"]))


def test_login_sets_a_secure_httponly_lax_cookie_and_a_new_session_id(clinic: Clinic):
    web = clinic.client()
    planted = accounts.login(clinic.ctx, EMAIL_A, PASSWORD).token  # a token an attacker holds
    web.cookies.set("psoas_session", planted, domain="testserver.local")
    response = _login(web, EMAIL_A, PASSWORD)
    assert response.status_code == 303
    header = response.headers["set-cookie"].lower()
    assert "httponly" in header and "secure" in header and "samesite=lax" in header
    fresh = response.cookies["psoas_session"]
    assert fresh != planted
    assert accounts.session_user(clinic.ctx, planted) is None  # the old session is gone
    assert accounts.session_user(clinic.ctx, fresh)[0].email == EMAIL_A


def test_posts_without_the_csrf_token_are_refused(clinic: Clinic):
    web = clinic.client("clinician_a")
    web.get("/clients")
    no_token = web.post("/clients/invite", data={"email": "x@y.org", "display_name": "X"})
    assert no_token.status_code == 403
    api = web.post(f"/api/clients/{clinic.person_a}/plan/adjustments", json={})
    assert api.status_code == 403
    login = clinic.client().post("/login", data={"email": EMAIL_A, "password": PASSWORD})
    assert login.status_code == 403 and "psoas_session" not in login.cookies


def test_lockout_after_repeated_failures_even_with_the_right_password(clinic: Clinic):
    web = clinic.client()
    for _ in range(MAX_FAILED_LOGINS):
        assert _login(web, EMAIL_A, "wrong password!").status_code == 401
    locked = _login(web, EMAIL_A, PASSWORD)
    assert locked.status_code == 429 and "locked" in locked.text
    clinic.clock.advance(LOCKOUT.total_seconds() + 1)
    assert _login(web, EMAIL_A, PASSWORD).status_code == 303
    failures = [e for e in _audit(clinic) if e.what == "failed login"]
    assert len(failures) == MAX_FAILED_LOGINS


def test_unknown_email_and_wrong_password_look_the_same(clinic: Clinic):
    web = clinic.client()
    wrong = _login(web, EMAIL_A, "not the password")
    unknown = _login(web, "nobody@clinic.test", "not the password")
    assert wrong.status_code == unknown.status_code == 401
    assert re.search(r'id="login-error">([^<]*)<', wrong.text).group(1) == re.search(
        r'id="login-error">([^<]*)<', unknown.text
    ).group(1)


def _invite(clinic: Clinic, email: str = "new@clinic.test"):  # type: ignore[no-untyped-def]
    return invites.invite_client(
        clinic.ctx, clinic.users["clinician_a"], email=email, display_name="New Client"
    )


def test_an_invite_works_once(clinic: Clinic):
    issued = _invite(clinic)
    web = clinic.client()
    assert web.get(f"/invite/{issued.code}").status_code == 200
    body = {"password": "a new long password", "again": "a new long password"}
    assert web.form(f"/invite/{issued.code}", body).status_code == 303
    again = web.form(f"/invite/{issued.code}", {**body, "password": "another password!"})
    assert again.status_code == 404 and "already used" in again.text
    assert _login(clinic.client(), "new@clinic.test", "a new long password").status_code == 303
    assert _login(clinic.client(), "new@clinic.test", "another password!").status_code == 401


def test_an_invite_expires(clinic: Clinic):
    issued = _invite(clinic)
    clinic.clock.advance(INVITE_LIFETIME.total_seconds() + 1)
    web = clinic.client()
    assert web.get(f"/invite/{issued.code}").status_code == 404
    body = {"password": "a new long password", "again": "a new long password"}
    assert web.form(f"/invite/{issued.code}", body).status_code == 404


def test_a_reset_link_works_once_expires_and_ends_every_session(clinic: Clinic):
    signed_in = clinic.client("client_a")
    assert signed_in.get("/api/today").status_code == 200
    doctor = clinic.client("clinician_a")
    page = doctor.form(f"/clients/{clinic.person_a}/reset", {})
    link = re.search(r'id="reset-link">https://testserver(/reset/[^<]+)<', page.text).group(1)
    web = clinic.client()
    body = {"password": "brand new password", "again": "brand new password"}
    assert web.form(link, body).status_code == 303
    assert web.form(link, body).status_code == 404  # single use
    assert signed_in.get("/api/today").status_code == 401  # old sessions ended
    assert _login(clinic.client(), EMAIL_A, "brand new password").status_code == 303
    later = invites.issue_reset(clinic.ctx, clinic.users["admin"], clinic.users["client_a"].id)
    clinic.clock.advance(RESET_LIFETIME.total_seconds() + 1)
    assert web.form(f"/reset/{later}", body).status_code == 404


def test_another_clinician_cannot_issue_a_reset_for_my_client(clinic: Clinic):
    other = clinic.client("clinician_b")
    assert other.form(f"/clients/{clinic.person_a}/reset", {}).status_code == 404
    user_id = clinic.users["client_a"].id
    assert other.form(f"/admin/users/{user_id}/reset", {}).status_code == 403


def test_logout_everywhere_ends_all_sessions(clinic: Clinic):
    phone, laptop = clinic.client("client_a"), clinic.client("client_a")
    assert laptop.form("/logout-everywhere", {}).status_code == 303
    assert phone.get("/api/today").status_code == 401
    assert laptop.get("/", follow_redirects=False).headers["location"] == "/login"


def test_two_factor_login_for_a_clinician(clinic: Clinic):
    web = clinic.client("clinician_a")
    page = web.get("/account")
    secret = re.search(r'name="secret" value="([A-Z2-7]+)"', page.text).group(1)
    code = pyotp.TOTP(secret).at(clinic.clock.now())
    assert web.form("/account/two-factor", {"secret": secret, "code": code}).status_code == 303
    clinic.clock.advance(30)  # the set-up code's step is spent: log in with the next one
    fresh = clinic.client()
    step = _login(fresh, "clinician_a@clinic.test", PASSWORD)
    assert step.status_code == 200 and 'action="/login/code"' in step.text
    assert fresh.get("/clients", follow_redirects=False).status_code == 303  # not in yet
    assert fresh.form("/login/code", {"code": "000000"}).status_code == 422
    good = fresh.form("/login/code", {"code": pyotp.TOTP(secret).at(clinic.clock.now())})
    assert good.status_code == 303 and good.headers["location"] == "/clients"
    assert fresh.get("/clients").status_code == 200


def test_the_audit_log_records_who_viewed_and_changed_whose_records(clinic: Clinic):
    doctor = clinic.client("clinician_a")
    doctor.get(f"/clients/{clinic.person_a}")
    doctor.form(f"/clients/{clinic.person_a}/messages", {"body": "How did the bridge feel?"})
    entries = _audit(clinic)
    doctor_id = clinic.users["clinician_a"].id
    viewed = [e for e in entries if e.what == "client detail" and e.actor_id == doctor_id]
    assert viewed and viewed[0].person_id == clinic.person_a and viewed[0].action == "viewed"
    sent = [e for e in entries if e.what == "message sent"]
    assert sent and sent[0].action == "changed" and sent[0].person_id == clinic.person_a
    admin = clinic.client("admin")
    csv = admin.get("/admin/audit.csv")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert "client detail" in csv.text and A_NAME in csv.text
    assert clinic.client("clinician_a").get("/admin/audit.csv").status_code == 403


def test_messages_between_clinician_and_client(clinic: Clinic):
    doctor, client = clinic.client("clinician_a"), clinic.client("client_a")
    doctor.form(f"/clients/{clinic.person_a}/messages", {"body": "Keep the holds gentle."})
    clinic.clock.advance(60)
    client.form("/messages", {"body": "Will do, thanks."})
    assert [m["body"] for m in client.get("/api/messages").json()] == [
        "Keep the holds gentle.",
        "Will do, thanks.",
    ]
    assert "Will do, thanks." in doctor.get(f"/clients/{clinic.person_a}").text
    assert "Keep the holds gentle." not in clinic.client("client_b").get("/messages").text


def test_treatment_requests_honeypot_rate_limit_inbox_and_conversion(clinic: Clinic):
    visitor = clinic.client()
    form = {
        "name": "Vera",
        "contact": "vera@example.org",
        "concern": "Tight hips",
        "consent": "yes",
    }
    assert visitor.form("/request", {**form, "website": "http://spam"}).status_code == 303
    assert visitor.form("/request", {**form, "consent": ""}).status_code == 422
    for _ in range(5):
        assert visitor.form("/request", form).status_code == 303
    assert visitor.form("/request", form).status_code == 429
    doctor = clinic.client("clinician_a")
    inbox = doctor.get("/api/requests").json()
    assert len(inbox) == 5 and {r["status"] for r in inbox} == {"new"}  # the bot's was dropped
    first = inbox[0]["id"]
    assert doctor.form(f"/requests/{first}/status", {"status": "contacted"}).status_code == 303
    page = doctor.form(f"/requests/{first}/convert", {"email": "vera@example.org"})
    assert page.status_code == 200 and 'id="invite-link"' in page.text
    assert "Vera" in doctor.get("/clients").text
    assert doctor.get("/api/requests").json()[0]["status"] == "booked"


def test_adjusting_a_plan_respects_cautions_and_records_overrides(clinic: Clinic):
    ctx, pid = clinic.ctx, clinic.person_a
    with ctx.uow() as uow:
        result = f.assessment_result(cautions=frozenset({Caution.ACUTE_BACK_FLARE}))
        latest = uow.assessments.latest(pid)
        later = latest.taken_at + timedelta(minutes=1)
        uow.assessments.add(f.assessment(pid, result=result, taken_at=later))
    doctor = clinic.client("clinician_a")
    url = f"/api/clients/{pid}/plan/adjustments"
    # confirm_long: this test is about cautions, not the minutes warning (its own test is
    # in test_clinic_caseload.py)
    body = {"kind": "add", "exercise_id": "banded-glute-bridge", "confirm_long": True}
    refused = doctor.api(url, body)
    assert (
        refused.status_code == 422 and refused.json()["problems"][0]["field"] == "override_reason"
    )
    done = doctor.api(url, {**body, "override_reason": "Flare settled; checked in clinic today"})
    assert done.status_code == 200 and done.json()["overridden"]
    assert done.json()["sessions_changed"] > 0
    plan = clinic.client("client_a").get("/api/plan").json()
    future = [s for s in plan["weeks"][0]["sessions"] if s["date"] >= "2026-11-23"]
    assert any(
        p["exercise_id"] == "banded-glute-bridge" for s in future for p in s["prescriptions"]
    )
    entry = next(e for e in _audit(clinic) if e.what == "plan adjustment")
    assert "Flare settled" in entry.detail and entry.person_id == pid
    swap = {
        "kind": "swap",
        "exercise_id": "banded-glute-bridge",
        "new_exercise_id": "glute-bridge",
        "confirm_long": True,
    }
    assert doctor.api(url, swap).status_code == 200
    assert (
        doctor.api(url, {"kind": "dose", "exercise_id": "glute-bridge", "sets": 2}).status_code
        == 422
    )
    dose = {
        "kind": "dose",
        "exercise_id": "glute-bridge",
        "sets": 2,
        "reps": 12,
        "confirm_long": True,
    }
    assert doctor.api(url, dose).status_code == 200
    assert doctor.api(url, {"kind": "remove", "exercise_id": "glute-bridge"}).status_code == 200
    assert doctor.api(url, {"kind": "add", "exercise_id": "no-such-thing"}).status_code == 404


def test_an_admin_turns_an_account_off_and_on(clinic: Clinic):
    signed_in = clinic.client("client_a")
    admin = clinic.client("admin")
    user_id = clinic.users["client_a"].id
    assert admin.form(f"/admin/users/{user_id}/active", {"active": "no"}).status_code == 200
    assert signed_in.get("/api/today").status_code == 401
    assert _login(clinic.client(), EMAIL_A, PASSWORD).status_code == 401
    assert admin.form(f"/admin/users/{user_id}/active", {"active": "yes"}).status_code == 200
    assert _login(clinic.client(), EMAIL_A, PASSWORD).status_code == 303
    own = clinic.users["admin"].id
    assert admin.form(f"/admin/users/{own}/active", {"active": "no"}).status_code == 422
    assert any("account turned off" in e.what for e in _audit(clinic))


def test_a_clinician_downloads_only_their_own_clients_records_and_it_is_audited(clinic: Clinic):
    doctor = clinic.client("clinician_a")
    page = doctor.get(f"/clients/{clinic.person_a}")
    assert f"/clients/{clinic.person_a}/export/progress.pdf" in page.text
    report = doctor.get(f"/clients/{clinic.person_a}/export/progress.pdf")
    assert report.status_code == 200 and report.content.startswith(b"%PDF")
    assert "attachment" in report.headers["content-disposition"]
    rows = doctor.get(f"/clients/{clinic.person_a}/export/measurements.csv")
    assert rows.status_code == 200 and rows.text.lstrip("\ufeff").startswith("measurement_id,")
    assert doctor.get(f"/clients/{clinic.person_a}/export/passwords.txt").status_code == 404
    for other in ("clinician_b", "client_a", "client_b", "admin"):
        response = clinic.client(other).get(f"/clients/{clinic.person_a}/export/sessions.csv")
        assert response.status_code in (403, 404), other
    exported = [e for e in _audit(clinic) if e.what.startswith("export ")]
    assert {e.what for e in exported} >= {"export progress.pdf", "export measurements.csv"}
    assert all(e.person_id == clinic.person_a for e in exported)
